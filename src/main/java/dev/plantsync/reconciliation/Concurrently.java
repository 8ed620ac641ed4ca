package dev.plantsync.reconciliation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.slf4j.MDC;

/**
 * One piece of work per part, each on a thread of its own with the caller's log context: a model's records read from
 * Odoo by ranges of ids ({@link dev.plantsync.odoo.OdooClient#idRanges}) over several connections at once, or the
 * comparison's slices on several PostgreSQL connections. The caller waits for all of them; the first failure stops the
 * others and is thrown; a piece blocked in a call finishes it unawaited, so pieces that share something with the caller
 * (the quants' COPY) must be told to stop touching it. The comparison's slices work through connections of their own,
 * outside the step's transaction: a failed step's rows are replaced when it runs again.
 */
final class Concurrently {

    private Concurrently() {
    }

    /** The results of {@code work} for each part, in the order of the parts. */
    static <P, T> List<T> each(String name, List<P> parts, Function<P, T> work) {
        if (parts.isEmpty()) {
            return List.of();
        }
        AtomicInteger number = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(parts.size(), r -> {
            Thread t = new Thread(r, name + "-" + number.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        Map<String, String> log = MDC.getCopyOfContextMap();
        try {
            CompletionService<T> done = new ExecutorCompletionService<>(threads);
            List<Future<T>> results = new ArrayList<>();
            for (P part : parts) {
                results.add(done.submit(() -> {
                    if (log != null) {
                        MDC.setContextMap(log);
                    }
                    return work.apply(part);
                }));
            }
            for (int i = 0; i < parts.size(); i++) {
                done.take().get(); // in the order they finish: a failure is seen as soon as it happens
            }
            List<T> inOrder = new ArrayList<>(results.size());
            for (Future<T> result : results) {
                inOrder.add(result.get());
            }
            return inOrder;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(name + ": interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r
                    : new IllegalStateException(name + ": " + e.getCause(), e.getCause());
        } finally {
            threads.shutdownNow();
        }
    }
}
