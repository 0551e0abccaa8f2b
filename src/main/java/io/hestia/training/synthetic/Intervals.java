package io.hestia.training.synthetic;

import java.util.Arrays;

/** A set of disjoint half-open time intervals [start, end) in epoch milliseconds, kept sorted. */
final class Intervals {

    private long[] starts;
    private long[] ends;
    private int size;

    Intervals() {
        this(16);
    }

    Intervals(int capacity) {
        starts = new long[Math.max(4, capacity)];
        ends = new long[Math.max(4, capacity)];
    }

    static Intervals of(long start, long end) {
        Intervals i = new Intervals(4);
        i.append(start, end);
        return i;
    }

    int size() {
        return size;
    }

    long start(int i) {
        return starts[i];
    }

    long end(int i) {
        return ends[i];
    }

    /** Appends an interval that starts at or after the last one's end (merging if they touch or overlap). */
    void append(long start, long end) {
        if (end <= start) {
            return;
        }
        if (size > 0 && start <= ends[size - 1]) {
            if (start < starts[size - 1]) {
                throw new IllegalArgumentException("intervals must be appended in order");
            }
            ends[size - 1] = Math.max(ends[size - 1], end);
            return;
        }
        if (size == starts.length) {
            starts = Arrays.copyOf(starts, size * 2);
            ends = Arrays.copyOf(ends, size * 2);
        }
        starts[size] = start;
        ends[size] = end;
        size++;
    }

    /** Union of arbitrary (unsorted, overlapping) intervals given as parallel arrays. */
    static Intervals union(long[] s, long[] e, int n) {
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Long.compare(s[a], s[b]));
        Intervals out = new Intervals(n);
        for (int k = 0; k < n; k++) {
            out.append(s[idx[k]], e[idx[k]]);
        }
        return out;
    }

    Intervals union(Intervals o) {
        Intervals out = new Intervals(size + o.size);
        int i = 0;
        int j = 0;
        while (i < size || j < o.size) {
            if (j >= o.size || (i < size && starts[i] <= o.starts[j])) {
                out.append(starts[i], ends[i]);
                i++;
            } else {
                out.append(o.starts[j], o.ends[j]);
                j++;
            }
        }
        return out;
    }

    Intervals intersect(Intervals o) {
        Intervals out = new Intervals(Math.max(size, o.size));
        int i = 0;
        int j = 0;
        while (i < size && j < o.size) {
            long s = Math.max(starts[i], o.starts[j]);
            long e = Math.min(ends[i], o.ends[j]);
            if (s < e) {
                out.append(s, e);
            }
            if (ends[i] < o.ends[j]) {
                i++;
            } else {
                j++;
            }
        }
        return out;
    }

    /** This minus {@code o}. */
    Intervals subtract(Intervals o) {
        Intervals out = new Intervals(size + o.size);
        int j = 0;
        for (int i = 0; i < size; i++) {
            long s = starts[i];
            long e = ends[i];
            while (j < o.size && o.ends[j] <= s) {
                j++;
            }
            int k = j;
            while (k < o.size && o.starts[k] < e) {
                if (o.starts[k] > s) {
                    out.append(s, o.starts[k]);
                }
                s = Math.max(s, o.ends[k]);
                k++;
            }
            if (s < e) {
                out.append(s, e);
            }
        }
        return out;
    }

    Intervals clip(long from, long to) {
        return intersect(of(from, to));
    }

    long totalLength() {
        long t = 0;
        for (int i = 0; i < size; i++) {
            t += ends[i] - starts[i];
        }
        return t;
    }

    boolean contains(long t) {
        int lo = 0;
        int hi = size - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (ends[mid] <= t) {
                lo = mid + 1;
            } else if (starts[mid] > t) {
                hi = mid - 1;
            } else {
                return true;
            }
        }
        return false;
    }

    /** The time at {@code offset} milliseconds into the concatenation of all intervals. */
    long timeAtOffset(long offset) {
        for (int i = 0; i < size; i++) {
            long len = ends[i] - starts[i];
            if (offset < len) {
                return starts[i] + offset;
            }
            offset -= len;
        }
        return size == 0 ? 0 : ends[size - 1] - 1;
    }

    /** A cursor for monotone queries ({@link Cursor#contains} with non-decreasing times). */
    Cursor cursor() {
        return new Cursor();
    }

    final class Cursor {
        private int i;

        boolean contains(long t) {
            while (i < size && ends[i] <= t) {
                i++;
            }
            return i < size && starts[i] <= t;
        }
    }
}
