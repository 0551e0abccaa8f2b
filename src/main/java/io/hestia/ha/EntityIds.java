package io.hestia.ha;

/**
 * HA's entity id rule ({@code core.valid_entity_id}): {@code <domain>.<object_id>}, each part of
 * {@code [a-z0-9_]}, not starting or ending with {@code _}, and no {@code __} anywhere.
 */
public final class EntityIds {

    private EntityIds() {
    }

    public static boolean isValid(String id) {
        if (id == null) {
            return false;
        }
        int dot = id.indexOf('.');
        if (dot <= 0 || dot == id.length() - 1 || id.indexOf('.', dot + 1) >= 0) {
            return false;
        }
        return validPart(id, 0, dot) && validPart(id, dot + 1, id.length());
    }

    private static boolean validPart(String s, int from, int to) {
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

    public static String domain(String entityId) {
        return entityId.substring(0, entityId.indexOf('.'));
    }
}
