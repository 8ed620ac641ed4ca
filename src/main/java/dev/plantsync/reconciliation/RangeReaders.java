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

import dev.plantsync.odoo.Domain;
import org.slf4j.MDC;

/**
 * One read of Odoo per range of ids ({@link dev.plantsync.odoo.OdooClient#idRanges}), each on a thread of its own with
 * the caller's log context, so that one model's million records come over several connections at once. The caller
 * waits for all of them; the first failure stops the others and is thrown. Each read stages through connections of its
 * own, outside the step's transaction: a failed step's rows are replaced when it runs again.
 */
final class RangeReaders {

    /** Two: the two reads at once that the bench's paging reference makes (more were not measured). */
    static final int READERS = 2;

    private RangeReaders() {
    }

    /** The results of {@code read} for each range, in the order of the ranges. */
    static <T> List<T> each(String name, List<Domain> ranges, Function<Domain, T> read) {
        if (ranges.isEmpty()) {
            return List.of();
        }
        AtomicInteger number = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(ranges.size(), r -> {
            Thread t = new Thread(r, name + "-" + number.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        Map<String, String> log = MDC.getCopyOfContextMap();
        try {
            CompletionService<T> done = new ExecutorCompletionService<>(threads);
            List<Future<T>> results = new ArrayList<>();
            for (Domain range : ranges) {
                results.add(done.submit(() -> {
                    if (log != null) {
                        MDC.setContextMap(log);
                    }
                    return read.apply(range);
                }));
            }
            for (int i = 0; i < ranges.size(); i++) {
                done.take().get(); // in the order they finish: a failure is seen as soon as it happens
            }
            List<T> inOrder = new ArrayList<>(results.size());
            for (Future<T> result : results) {
                inOrder.add(result.get());
            }
            return inOrder;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(name + ": interrupted while reading Odoo", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r
                    : new IllegalStateException(name + ": " + e.getCause(), e.getCause());
        } finally {
            threads.shutdownNow();
        }
    }
}
