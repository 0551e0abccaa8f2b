package io.hestia.ha.sim;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** HA's identifiers: ULID context ids, uuid4-hex ids, stable hex ids, and {@code slugify}. */
final class Ids {

    private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private Ids() {
    }

    /** A ULID (26 chars, Crockford base32, uppercase) for the given time, as HA's context ids. */
    static String ulid(long epochMillis) {
        char[] c = new char[26];
        long t = epochMillis;
        for (int i = 9; i >= 0; i--) {
            c[i] = CROCKFORD[(int) (t & 31)];
            t >>>= 5;
        }
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long a = r.nextLong();
        long b = r.nextLong();
        for (int i = 10; i < 23; i++) {
            c[i] = CROCKFORD[(int) (a & 31)];
            a >>>= 5;
        }
        for (int i = 23; i < 26; i++) {
            c[i] = CROCKFORD[(int) (b & 31)];
            b >>>= 5;
        }
        return new String(c);
    }

    /** {@code uuid.uuid4().hex}: 32 lowercase hex digits. */
    static String uuidHex() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    /** A stable 32-hex id derived from a name (for registry ids that must survive restarts). */
    static String stableHex(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString().replace("-", "");
    }

    /**
     * HA's {@code homeassistant.util.slugify} (python-slugify with "_" separator): transliterate to ASCII,
     * drop apostrophes, lowercase, runs of other characters become "_", trimmed; empty gives "unknown".
     */
    static String slugify(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String s = text.replace("ß", "ss").replace("Æ", "AE").replace("æ", "ae").replace("Ø", "O")
                .replace("ø", "o").replace("Œ", "OE").replace("œ", "oe").replace("Đ", "D").replace("đ", "d")
                .replace("Ł", "L").replace("ł", "l").replace("Þ", "TH").replace("þ", "th");
        s = Normalizer.normalize(s, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        s = s.replaceAll("['\u2019]+", "").toLowerCase(Locale.ROOT);
        s = s.replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        return s.isEmpty() ? "unknown" : s;
    }

    /** HA's {@code valid_entity_id}. */
    static boolean validEntityId(String entityId) {
        return entityId != null
                && entityId.matches("(?!.+__)(?!_)[\\da-z_]+(?<!_)\\.(?!_)[\\da-z_]+(?<!_)");
    }
}
