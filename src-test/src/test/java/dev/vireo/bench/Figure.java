package dev.vireo.bench;

/**
 * One measured figure next to its reference measured in the same run.
 *
 * @param reference what the same work costs without Vireo (null where there is none)
 * @param ratio     value / reference
 */
record Figure(String name, double value, String unit, Double reference, String referenceName) {

    Double ratio() {
        return reference == null || reference == 0 ? null : value / reference;
    }
}
