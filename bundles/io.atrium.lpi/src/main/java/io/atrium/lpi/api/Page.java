package io.atrium.lpi.api;

import java.util.List;

/**
 * One page of a longer list.
 *
 * @param total how many items the whole list has
 * @param items the items of this page
 */
public record Page<T>(long total, List<T> items) {
    public Page {
        items = List.copyOf(items);
    }
}
