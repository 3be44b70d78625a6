package dev.vireo.job;

/**
 * The work of one run of a job. It returns what the run did, in a few words (or null), which the
 * run's record keeps; an exception fails the run, its message recorded instead. A job's work
 * calls the business method of the bean that owns it (through its EJB reference), so that the
 * call has that bean's transaction; the caller is nobody, so the method must need no permission.
 */
@FunctionalInterface
public interface JobWork {

    String run() throws Exception;

    /** Work that reports nothing but its end. */
    static JobWork of(Runnable work) {
        return () -> {
            work.run();
            return null;
        };
    }
}
