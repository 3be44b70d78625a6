package dev.vireo.vm;

/** Hears of a deletion running in a task, step by step (a batch records each of its items' steps). */
public interface DeletionSteps {

    void deleting();

    void deleted();

    /** @param reason why, as {@code CODE: reason} for Vireo's errors */
    void failed(String reason);
}
