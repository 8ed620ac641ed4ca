package dev.plantsync.console;

import java.util.List;
import java.util.function.BiFunction;

/** One page of a list that may be long: asks for one row more than it shows, to know whether a next page exists. */
public record Paged<T>(List<T> items, int page, int size, boolean hasNext) {

    static <T> Paged<T> of(int page, int size, BiFunction<Integer, Integer, List<T>> query) {
        int p = Math.max(page, 1);
        List<T> rows = query.apply((p - 1) * size, size + 1);
        return new Paged<>(rows.size() > size ? rows.subList(0, size) : rows, p, size, rows.size() > size);
    }

    public boolean hasPrevious() {
        return page > 1;
    }

    public boolean empty() {
        return items.isEmpty();
    }
}
