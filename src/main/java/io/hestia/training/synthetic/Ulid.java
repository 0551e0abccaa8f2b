package io.hestia.training.synthetic;

import java.util.SplittableRandom;

/** ULID-shaped context ids (26 Crockford base-32 characters: 48-bit time, 80 random bits), as HA uses. */
final class Ulid {

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private Ulid() {
    }

    static String of(long epochMillis, SplittableRandom r) {
        char[] c = new char[26];
        long t = epochMillis;
        for (int i = 9; i >= 0; i--) {
            c[i] = ALPHABET[(int) (t & 31)];
            t >>>= 5;
        }
        long hi = r.nextLong();
        long lo = r.nextLong();
        for (int i = 10; i < 26; i++) {
            long src = i < 18 ? hi : lo;
            int shift = (i < 18 ? i - 10 : i - 18) * 5;
            c[i] = ALPHABET[(int) ((src >>> shift) & 31)];
        }
        return new String(c);
    }
}
