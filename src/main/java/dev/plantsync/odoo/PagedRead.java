package dev.plantsync.odoo;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;

import org.slf4j.MDC;

/**
 * The records of a keyset-paged read ({@code id > last}), one page ahead: as soon as a page arrives the next one is
 * requested, so Odoo prepares page k+1 while the caller stages page k. At most two pages are held. The page ahead is
 * fetched on a shared daemon thread with the caller's log context; its failure surfaces where the caller reaches it.
 */
final class PagedRead implements Iterator<OdooRecord>, AutoCloseable {

    private static final ExecutorService AHEAD = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "odoo-page-ahead");
        thread.setDaemon(true);
        return thread;
    });

    private final IntFunction<List<OdooRecord>> pageAfter;
    private final int pageSize;
    private List<OdooRecord> page = List.of();
    private int index;
    private CompletableFuture<List<OdooRecord>> next;

    /** {@code pageAfter} reads the page of records with an id greater than its argument. */
    PagedRead(IntFunction<List<OdooRecord>> pageAfter, int pageSize) {
        this.pageAfter = pageAfter;
        this.pageSize = pageSize;
        this.next = CompletableFuture.completedFuture(pageAfter.apply(0));
    }

    @Override
    public boolean hasNext() {
        if (index < page.size()) {
            return true;
        }
        if (next == null) {
            return false;
        }
        page = join(next);
        index = 0;
        next = page.size() < pageSize ? null : ahead(page.get(page.size() - 1).id());
        return !page.isEmpty();
    }

    @Override
    public OdooRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return page.get(index++);
    }

    /** Leaving early: the page ahead, if still coming, is not waited for. */
    @Override
    public void close() {
        if (next != null) {
            next.cancel(false);
            next = null;
        }
    }

    private CompletableFuture<List<OdooRecord>> ahead(int lastId) {
        Map<String, String> context = MDC.getCopyOfContextMap();
        return CompletableFuture.supplyAsync(() -> {
            if (context != null) {
                MDC.setContextMap(context);
            }
            try {
                return pageAfter.apply(lastId);
            } finally {
                MDC.clear();
            }
        }, AHEAD);
    }

    private static List<OdooRecord> join(CompletableFuture<List<OdooRecord>> future) {
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
