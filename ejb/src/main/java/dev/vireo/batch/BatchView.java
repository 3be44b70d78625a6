package dev.vireo.batch;

import java.io.Serializable;
import java.util.List;

/**
 * A batch and each of its items' outcome.
 *
 * @param kind    {@code create_guest} or {@code delete_guest}
 * @param running whether an item is still pending or under way
 */
public record BatchView(String id, String kind, String owner, boolean running, List<Item> items) implements Serializable {

    /**
     * One VM of the batch.
     *
     * @param id       the VM's UUID, once known
     * @param status   creation: {@code pending}, {@code creating}, {@code created} or {@code fail}; deletion:
     *                 {@code pending}, {@code deleting}, {@code deleted} or {@code fail}
     * @param progress a creation's progress in % while it runs, else null
     * @param error    why it failed, else null
     * @param task     the URI of the task making it, for a creation that started
     */
    public record Item(String name, String id, String status, Integer progress, String error, String task) implements Serializable {

        public boolean running() {
            return "pending".equals(status) || "creating".equals(status) || "deleting".equals(status);
        }
    }
}
