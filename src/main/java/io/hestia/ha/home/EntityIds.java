package io.hestia.ha.home;

import java.text.Normalizer;
import java.util.Locale;

/** HA's entity-id rules (homeassistant.core.valid_entity_id) and slug helpers. */
public final class EntityIds {

    private EntityIds() {
    }

    /**
     * True if {@code id} is {@code domain.object_id} where both parts use only {@code [a-z0-9_]}, neither part
     * starts or ends with {@code _}, and {@code __} appears nowhere (HA's {@code VALID_ENTITY_ID}).
     */
    public static boolean isValid(String id) {
        if (id == null) {
            return false;
        }
        int dot = id.indexOf('.');
        if (dot <= 0 || dot == id.length() - 1 || id.indexOf('.', dot + 1) >= 0) {
            return false;
        }
        return isValidPart(id, 0, dot) && isValidPart(id, dot + 1, id.length());
    }

    /** The domain of a valid entity id ({@code light} of {@code light.kitchen}). */
    public static String domain(String entityId) {
        return entityId.substring(0, entityId.indexOf('.'));
    }

    /** True if {@code s} is a valid domain or object id on its own. */
    public static boolean isValidPart(String s) {
        return s != null && !s.isEmpty() && isValidPart(s, 0, s.length());
    }

    private static boolean isValidPart(String s, int from, int to) {
        if (s.charAt(from) == '_' || s.charAt(to - 1) == '_') {
            return false;
        }
        char prev = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
            if (!ok || (c == '_' && prev == '_')) {
                return false;
            }
            prev = c;
        }
        return true;
    }

    /** Why {@code id} is invalid, or null if it is valid. */
    public static String problem(String id) {
        if (id == null || id.isEmpty()) {
            return "entity id is missing";
        }
        if (isValid(id)) {
            return null;
        }
        int dot = id.indexOf('.');
        if (dot < 0) {
            return "entity id '" + id + "' has no '.' between domain and object id";
        }
        if (id.indexOf('.', dot + 1) >= 0) {
            return "entity id '" + id + "' has more than one '.'";
        }
        if (id.contains("__")) {
            return "entity id '" + id + "' contains '__'";
        }
        return "entity id '" + id + "' must be domain.object_id using only [a-z0-9_], "
                + "without a leading or trailing '_' in either part";
    }

    /**
     * HA-style slug ({@code homeassistant.util.slugify}, approximately): lower case, accents removed, runs of other
     * characters replaced by one {@code _}, no leading/trailing {@code _}; "unknown" when nothing is left.
     */
    public static String slugify(String text) {
        String s = Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFKD).toLowerCase(Locale.ROOT);
        StringBuilder b = new StringBuilder(s.length());
        boolean pendingSep = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                if (pendingSep && b.length() > 0) {
                    b.append('_');
                }
                pendingSep = false;
                b.append(c);
            } else if (Character.getType(c) != Character.NON_SPACING_MARK) {
                pendingSep = true;
            }
        }
        return b.length() == 0 ? "unknown" : b.toString();
    }
}
