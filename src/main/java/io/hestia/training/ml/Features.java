package io.hestia.training.ml;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Helpers the feature classes share: names of one-hot blocks, a cursor that fills a vector in name order, and the
 * scalings (log1p, clamped ratios) so every feature list documents the same transforms.
 */
final class Features {

    /** The value a one-hot block uses for anything not in its list. */
    static final String OTHER = "other";

    private Features() {
    }

    /** {@code prefix_value} for each value, then {@code prefix_other}. */
    static List<String> oneHotNames(String prefix, List<String> values) {
        List<String> names = new ArrayList<>(values.size() + 1);
        for (String v : values) {
            names.add(prefix + "_" + v);
        }
        names.add(prefix + "_" + OTHER);
        return names;
    }

    /** Concatenates name blocks into one unmodifiable, duplicate-free list. */
    @SafeVarargs
    static List<String> names(List<String>... blocks) {
        List<String> all = new ArrayList<>();
        for (List<String> b : blocks) {
            all.addAll(b);
        }
        if (all.stream().distinct().count() != all.size()) {
            throw new IllegalStateException("duplicate feature name in " + all);
        }
        return Collections.unmodifiableList(all);
    }

    /** {@code log(1 + max(0, v))}: counts and rates with a long tail. */
    static float log1p(double v) {
        return (float) Math.log1p(Math.max(0, v));
    }

    /** {@code v} clamped to 0..1 (NaN to 0). */
    static float unit(double v) {
        return Double.isNaN(v) ? 0f : (float) Math.max(0, Math.min(1, v));
    }

    /** {@code num / den}, 0 when {@code den} is 0. */
    static double ratio(double num, double den) {
        return den == 0 ? 0 : num / den;
    }

    /** Fills a vector of a known length in order; {@link #done()} checks every slot was written. */
    static final class Cursor {
        private final float[] v;
        private int i;

        Cursor(int length) {
            v = new float[length];
        }

        Cursor add(double value) {
            v[i++] = (float) value;
            return this;
        }

        Cursor flag(boolean value) {
            v[i++] = value ? 1f : 0f;
            return this;
        }

        /** One slot per value of {@code values} plus one for anything else; {@code value} may be null (all 0). */
        Cursor oneHot(String value, List<String> values) {
            int at = value == null ? -1 : values.indexOf(value);
            for (int k = 0; k <= values.size(); k++) {
                v[i + k] = 0f;
            }
            if (value != null) {
                v[i + (at < 0 ? values.size() : at)] = 1f;
            }
            i += values.size() + 1;
            return this;
        }

        float[] done() {
            if (i != v.length) {
                throw new IllegalStateException("filled " + i + " of " + v.length + " features");
            }
            return v;
        }
    }
}
