package io.hestia.training.synthetic;

import java.util.List;
import java.util.SplittableRandom;

/** Small sampling helpers over {@link SplittableRandom} (deterministic for a given seed). */
final class Rand {

    private Rand() {
    }

    /** Normal(0, sigma) truncated at +-2.5 sigma. */
    static double jitter(SplittableRandom r, double sigma) {
        if (sigma <= 0) {
            return 0;
        }
        double g = r.nextGaussian();
        if (g > 2.5) {
            g = 2.5;
        } else if (g < -2.5) {
            g = -2.5;
        }
        return g * sigma;
    }

    /** Minutes of normal jitter as milliseconds. */
    static long jitterMs(SplittableRandom r, double sigmaMinutes) {
        return Math.round(jitter(r, sigmaMinutes) * 60_000.0);
    }

    static double uniform(SplittableRandom r, double lo, double hi) {
        return lo + (hi - lo) * r.nextDouble();
    }

    static long uniformMs(SplittableRandom r, double loSeconds, double hiSeconds) {
        return Math.round(uniform(r, loSeconds, hiSeconds) * 1000.0);
    }

    /** Log-normal with the given median, clamped to [lo, hi]. */
    static double logNormal(SplittableRandom r, double median, double sigma, double lo, double hi) {
        double v = median * Math.exp(sigma * r.nextGaussian());
        return Math.max(lo, Math.min(hi, v));
    }

    static int poisson(SplittableRandom r, double mean) {
        if (mean <= 0) {
            return 0;
        }
        if (mean > 30) {
            return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * r.nextGaussian()));
        }
        double l = Math.exp(-mean);
        int k = 0;
        double p = 1;
        do {
            k++;
            p *= r.nextDouble();
        } while (p > l);
        return k - 1;
    }

    static boolean chance(SplittableRandom r, double p) {
        return r.nextDouble() < p;
    }

    static <T> T pick(SplittableRandom r, List<T> items) {
        return items.get(r.nextInt(items.size()));
    }

    static int weighted(SplittableRandom r, double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double x = r.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    /** 32 lower-case hex characters, like HA's registry ids. */
    static String hexId(SplittableRandom r) {
        return String.format("%016x%016x", r.nextLong(), r.nextLong());
    }
}
