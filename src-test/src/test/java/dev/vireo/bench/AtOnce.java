package dev.vireo.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Clients released at one moment, each doing one piece of work once. */
final class AtOnce {

    private AtOnce() {
    }

    /**
     * Runs {@code work} on {@code clients} threads released together; each one's duration goes to
     * {@code nanos} from {@code offset}. Returns what each gave, in client order.
     */
    static <T> List<T> run(int clients, long[] nanos, int offset, Callable<T> work) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(clients);
        CountDownLatch gate = new CountDownLatch(1);
        try {
            List<Future<T>> results = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int slot = offset + c;
                results.add(threads.submit(() -> {
                    gate.await();
                    long start = System.nanoTime();
                    T answer = work.call();
                    nanos[slot] = System.nanoTime() - start;
                    return answer;
                }));
            }
            gate.countDown();
            List<T> answers = new ArrayList<>();
            for (Future<T> result : results) {
                answers.add(result.get());
            }
            return answers;
        } finally {
            threads.shutdownNow();
        }
    }
}
