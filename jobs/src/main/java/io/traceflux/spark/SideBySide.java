package io.traceflux.spark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a few independent driver-side steps at once and returns their results in the order they
 * were given. A small table's Spark query or Delta commit spends most of its time in one driver
 * thread (planning, reading the log, the commit's round trips), so one after the other they
 * leave the machine's other cores idle; side by side they do not. Every step has ended when
 * the call returns; the first failure, in the order given, is then thrown.
 *
 * <pre>{@code
 * Map<Table, Long> counts = SideBySide.run(Map.of(A, () -> a.count(), B, () -> b.count()), 4);
 * }</pre>
 */
public final class SideBySide {

    private SideBySide() {
    }

    /**
     * Runs every step of {@code steps} on at most {@code threads} threads.
     *
     * @return each step's result under its key, in {@code steps}' iteration order
     */
    public static <K, V> Map<K, V> run(Map<K, ? extends Callable<V>> steps, int threads) {
        if (steps.isEmpty()) {
            return new LinkedHashMap<>();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, steps.size())));
        try {
            Map<K, Future<V>> running = new LinkedHashMap<>();
            steps.forEach((key, step) -> running.put(key, pool.submit(step)));
            Map<K, V> results = new LinkedHashMap<>();
            List<RuntimeException> failures = new ArrayList<>();
            running.forEach((key, future) -> {
                try {
                    results.put(key, future.get());
                } catch (ExecutionException e) {
                    failures.add(asRuntime(e.getCause()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failures.add(new IllegalStateException("interrupted while waiting for " + key, e));
                }
            });
            if (!failures.isEmpty()) {
                throw failures.get(0);
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static RuntimeException asRuntime(Throwable t) {
        // Delta's checked exceptions come through Scala unchecked; they keep their message.
        return t instanceof RuntimeException r ? r : new IllegalStateException(t.getMessage(), t);
    }
}
