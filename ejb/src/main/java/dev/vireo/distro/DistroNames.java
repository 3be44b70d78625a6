package dev.vireo.distro;

/**
 * Names of distributions, as Kimchi takes them: 1 to 128 characters, spaces allowed
 * ({@code Fedora 41}), no {@code /} and no control characters.
 */
final class DistroNames {

    static final int MAX_LENGTH = 128;

    private DistroNames() {
    }

    static boolean valid(String name) {
        return name != null && !name.isBlank() && name.length() <= MAX_LENGTH && name.indexOf('/') < 0
                && name.chars().noneMatch(Character::isISOControl);
    }
}
