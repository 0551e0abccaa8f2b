package io.hestia.pattern.mining;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Deterministic ids: a short prefix for the kind and the first 16 hex digits of the SHA-256 of the natural key
 * parts joined by a unit separator. The same pattern found again gets the same id, so reruns update rows and
 * feedback stays attached.
 */
public final class StableIds {

    private StableIds() {
    }

    public static String of(String prefix, String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (int i = 0; i < parts.length; i++) {
                if (i > 0) {
                    sha.update((byte) 0x1f);
                }
                sha.update(String.valueOf(parts[i]).getBytes(StandardCharsets.UTF_8));
            }
            return prefix + "-" + HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
