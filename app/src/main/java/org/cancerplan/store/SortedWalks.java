package org.cancerplan.store;

import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicLong;

import org.h2.mvstore.MVMap;

/** Walks of a {@link SecondaryIndex}'s entries in the order of a sort key. */
final class SortedWalks {

    /**
     * An entry of a walk in sort order: the document's position and the token of its
     * value under the sort key.
     */
    record SortedEntry(Object position, String sortToken) {
    }

    private SortedWalks() {
    }

    /**
     * The entries of several walks as one walk in the sort's order: each walk is in that
     * order, and sort tokens compare as the values they stand for.
     */
    static Iterator<SortedEntry> merged(List<Iterator<SortedEntry>> walks, boolean descending) {
        Comparator<WalkHead> ascending = Comparator.comparing(head -> head.entry().sortToken());
        PriorityQueue<WalkHead> heads = new PriorityQueue<>(descending ? ascending.reversed() : ascending);
        for (Iterator<SortedEntry> walk : walks) {
            if (walk.hasNext()) {
                heads.add(new WalkHead(walk.next(), walk));
            }
        }
        return new Iterator<>() {

            @Override
            public boolean hasNext() {
                return !heads.isEmpty();
            }

            @Override
            public SortedEntry next() {
                WalkHead head = heads.remove();
                if (head.walk().hasNext()) {
                    heads.add(new WalkHead(head.walk().next(), head.walk()));
                }
                return head.entry();
            }
        };
    }

    /** A walk's next entry, and the rest of the walk. */
    private record WalkHead(SortedEntry entry, Iterator<SortedEntry> walk) {
    }

    /**
     * The entries under {@code prefix} in the order of the next key, forwards or
     * backwards; each counted in {@code returned} as it is taken.
     */
    static Iterator<SortedEntry> under(MVMap<String, String> entries, int tupleTokens, String prefix,
            boolean descending, AtomicLong returned) {
        // every entry under the prefix sorts before the prefix followed by the greatest
        // character
        Iterator<String> keys = descending ? entries.keyIteratorReverse(prefix + Character.MAX_VALUE)
                : entries.keyIterator(prefix);
        return new Iterator<>() {

            private String next = advance();

            private String advance() {
                String entry = keys.hasNext() ? keys.next() : null;
                return entry != null && entry.startsWith(prefix) ? entry : null;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public SortedEntry next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                String entry = next;
                next = advance();
                returned.incrementAndGet();
                String sortToken = entry.substring(prefix.length(), entry.indexOf('\0', prefix.length()) + 1);
                return new SortedEntry(IndexTokens.position(entry, IndexTokens.afterTokens(entry, tupleTokens)),
                        sortToken);
            }
        };
    }

}
