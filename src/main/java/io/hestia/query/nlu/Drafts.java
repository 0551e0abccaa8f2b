package io.hestia.query.nlu;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Builds the automation draft in HA's modern schema from the parsed triggers, conditions and actions. */
final class Drafts {

    private Drafts() {
    }

    static Map<String, Object> draft(String request, List<Map<String, Object>> triggers,
                                     List<Map<String, Object>> conditions, List<Map<String, Object>> actions,
                                     boolean motion) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("id", "hestia_" + hash(triggers.toString() + conditions + actions));
        d.put("alias", alias(request));
        d.put("description", "Drafted by Hestia from the request: \"" + request.strip() + "\"");
        // a motion light restarts its timer on new motion; anything else runs once at a time
        d.put("mode", motion ? "restart" : "single");
        d.put("triggers", triggers);
        if (!conditions.isEmpty()) {
            d.put("conditions", conditions);
        }
        d.put("actions", actions);
        return d;
    }


    private static String alias(String request) {
        String s = request.strip().replaceAll("[.?!]+$", "");
        if (s.length() > 80) {
            s = s.substring(0, 77).strip() + "...";
        }
        return s.isEmpty() ? "Hestia automation" : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 6).toLowerCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
