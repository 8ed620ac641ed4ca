package dev.plantsync.odoo;

import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;

import org.slf4j.MDC;

/**
 * The pages of a keyset-paged read ({@code id > last}), one page ahead: as soon as the caller takes a page the next
 * one is requested, so Odoo prepares page k+1 while the caller stages page k. At most two pages are held. The page
 * ahead is fetched (and parsed) on a shared daemon thread with the caller's log context; its failure surfaces where
 * the caller reaches it.
 */
final class PagedRead<P> implements Iterator<P>, AutoCloseable {

    private static final ExecutorService AHEAD = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "odoo-page-ahead");
        thread.setDaemon(true);
        return thread;
    });

    private final IntFunction<P> pageAfter;
    private final ToIntFunction<P> size;
    private final ToIntFunction<P> lastId;
    private final int pageSize;
    private P ready;
    private CompletableFuture<P> next;

    /** {@code pageAfter} reads the page of records with an id greater than its argument. */
    PagedRead(IntFunction<P> pageAfter, ToIntFunction<P> size, ToIntFunction<P> lastId, int pageSize) {
        this.pageAfter = pageAfter;
        this.size = size;
        this.lastId = lastId;
        this.pageSize = pageSize;
        this.next = CompletableFuture.completedFuture(pageAfter.apply(0));
    }

    @Override
    public boolean hasNext() {
        if (ready == null && next != null) {
            P page = join(next);
            int records = size.applyAsInt(page);
            next = records < pageSize ? null : ahead(lastId.applyAsInt(page));
            ready = records == 0 ? null : page;
        }
        return ready != null;
    }

    @Override
    public P next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        P page = ready;
        ready = null;
        return page;
    }

    /** Leaving early: the page ahead, if still coming, is not waited for. */
    @Override
    public void close() {
        if (next != null) {
            next.cancel(false);
            next = null;
        }
    }

    private CompletableFuture<P> ahead(int last) {
        Map<String, String> context = MDC.getCopyOfContextMap();
        return CompletableFuture.supplyAsync(() -> {
            if (context != null) {
                MDC.setContextMap(context);
            }
            try {
                return pageAfter.apply(last);
            } finally {
                MDC.clear();
            }
        }, AHEAD);
    }

    private static <P> P join(CompletableFuture<P> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}
