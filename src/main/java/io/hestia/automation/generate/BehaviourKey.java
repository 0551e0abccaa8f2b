package io.hestia.automation.generate;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The behaviour key: SHA-256 of a canonical form of an automation's triggers, conditions and actions, so one
 * behaviour gets one key whether Hestia drafted it or someone wrote it in HA, in the modern or the legacy spelling.
 * <ul>
 * <li>id, alias, description, mode and every step's alias are left out;</li>
 * <li>{@code trigger}/{@code triggers}, {@code condition}/{@code conditions}, {@code action}/{@code actions} at
 * the top, {@code platform:}/{@code trigger:}, {@code service:}/{@code action:}, {@code data_template}/{@code data}
 * are one;</li>
 * <li>the entity ids of an action, wherever written (top-level {@code entity_id}, {@code data.entity_id},
 * {@code target.entity_id}), are one target; ids, areas, devices, states and weekdays are sets (a string, a
 * comma-separated string and a list are the same);</li>
 * <li>triggers and conditions are sets (HA fires on any trigger and needs all conditions), actions keep their order;
 * </li>
 * <li>durations ({@code for}, {@code delay}, {@code timeout}) become seconds, times {@code HH:MM:SS}, numbers their
 * plain value ({@code 5} = {@code 5.0} = {@code "5"}).</li>
 * </ul>
 * Anything it does not know is kept as written, so any automation from HA's config API gets a key.
 */
final class BehaviourKey {

    /** Lists whose order HA ignores. */
    private static final Set<String> SETS = Set.of("triggers", "trigger", "conditions", "condition",
            "wait_for_trigger", "parallel", "if", "while", "until", "entity_id", "device_id", "area_id", "floor_id",
            "label_id", "to", "from", "not_to", "not_from", "state", "weekday", "event_type", "zone");
    /** Keys whose scalar value is a set of one (or a comma-separated set). */
    private static final Set<String> ID_KEYS = Set.of("entity_id", "device_id", "area_id", "floor_id", "label_id");
    private static final Set<String> STATE_KEYS = Set.of("to", "from", "not_to", "not_from", "state", "weekday");
    private static final Set<String> DURATIONS = Set.of("for", "delay", "timeout");
    private static final Set<String> TIMES = Set.of("at", "after", "before");
    private static final Pattern CLOCK = Pattern.compile("(\\d{1,2}):(\\d{2})(?::(\\d{2}))?");
    private static final Pattern PERIOD = Pattern.compile("(-)?(\\d+):(\\d{1,2})(?::(\\d{1,2}(?:\\.\\d+)?))?");

    private BehaviourKey() {
    }

    static String of(Map<String, ?> automation) {
        Map<String, ?> a = automation == null ? Map.of() : automation;
        StringBuilder sb = new StringBuilder();
        sb.append("T=");
        write(sets(first(a, "triggers", "trigger"), "triggers"), sb);
        sb.append("|C=");
        write(sets(first(a, "conditions", "condition"), "conditions"), sb);
        sb.append("|A=");
        write(canon(asList(first(a, "actions", "action")), "actions"), sb);
        if (a.get("use_blueprint") != null) {
            sb.append("|B=");
            write(canon(a.get("use_blueprint"), "use_blueprint"), sb);
        }
        return sha256(sb.toString());
    }

    private static Object first(Map<String, ?> a, String plural, String singular) {
        Object v = a.get(plural);
        return v != null ? v : a.get(singular);
    }

    private static List<Object> asList(Object v) {
        if (v == null) {
            return List.of();
        }
        if (v instanceof Collection<?> c) {
            return new ArrayList<>(c);
        }
        return List.of(v);
    }

    private static Object sets(Object v, String key) {
        return canon(asList(v), key);
    }

    /** Canonical form of {@code v} found under {@code key}: TreeMaps, lists and strings. */
    private static Object canon(Object v, String key) {
        if (DURATIONS.contains(key)) {
            String seconds = seconds(v);
            if (seconds != null) {
                return seconds;
            }
        }
        if (v instanceof Map<?, ?> m) {
            return canonMap(m);
        }
        if (v instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>();
            for (Object o : c) {
                Object x = canon(o, key);
                if ((ID_KEYS.contains(key) || STATE_KEYS.contains(key)) && x instanceof List<?> l) {
                    out.addAll(l);
                } else {
                    out.add(x);
                }
            }
            if (SETS.contains(key)) {
                out.sort((x, y) -> text(x).compareTo(text(y)));
                List<Object> unique = new ArrayList<>();
                for (Object o : out) {
                    if (unique.isEmpty() || !text(unique.get(unique.size() - 1)).equals(text(o))) {
                        unique.add(o);
                    }
                }
                return unique;
            }
            return out;
        }
        String s = scalar(v);
        if (TIMES.contains(key)) {
            Matcher t = CLOCK.matcher(s);
            if (t.matches()) {
                s = String.format("%02d:%s:%s", Integer.parseInt(t.group(1)), t.group(2),
                        t.group(3) == null ? "00" : t.group(3));
            }
        }
        if (ID_KEYS.contains(key) && !s.contains("{")) {
            List<Object> out = new ArrayList<>();
            for (String part : s.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim().toLowerCase());
                }
            }
            out.sort((x, y) -> text(x).compareTo(text(y)));
            return out;
        }
        if (STATE_KEYS.contains(key)) {
            return List.of(s);
        }
        return s;
    }

    private static Map<String, Object> canonMap(Map<?, ?> in) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : in.entrySet()) {
            m.put(String.valueOf(e.getKey()), e.getValue());
        }
        m.remove("alias");
        rename(m, "platform", "trigger");
        rename(m, "service", "action");
        rename(m, "service_template", "action");
        rename(m, "data_template", "data");
        if (m.get("action") instanceof String) {
            mergeTarget(m);
        }
        Map<String, Object> out = new TreeMap<>();
        for (Map.Entry<String, Object> e : m.entrySet()) {
            out.put(e.getKey(), canon(e.getValue(), e.getKey()));
        }
        return out;
    }

    private static void rename(Map<String, Object> m, String from, String to) {
        if (m.containsKey(from) && !m.containsKey(to)) {
            m.put(to, m.remove(from));
        }
    }

    /** Moves the entity, device, area, floor and label ids of a service call into one {@code target}. */
    private static void mergeTarget(Map<String, Object> m) {
        Object t = m.get("target");
        if (t != null && !(t instanceof Map)) {
            return;
        }
        Map<String, Object> target = new LinkedHashMap<>();
        if (t instanceof Map<?, ?> tm) {
            tm.forEach((k, v) -> target.put(String.valueOf(k), v));
        }
        Map<String, Object> data = null;
        if (m.get("data") instanceof Map<?, ?> dm) {
            data = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : dm.entrySet()) {
                data.put(String.valueOf(e.getKey()), e.getValue());
            }
        }
        for (String k : ID_KEYS) {
            List<Object> ids = new ArrayList<>();
            if (target.get(k) != null) {
                ids.add(target.get(k));
            }
            if (m.get(k) != null) {
                ids.add(m.remove(k));
            }
            if (data != null && data.get(k) != null) {
                ids.add(data.remove(k));
            }
            if (!ids.isEmpty()) {
                target.put(k, ids);
            }
        }
        if (target.isEmpty()) {
            m.remove("target");
        } else {
            m.put("target", target);
        }
        if (data != null) {
            if (data.isEmpty()) {
                m.remove("data");
            } else {
                m.put("data", data);
            }
        }
    }

    /** A duration in seconds, or null when it is a template or not a duration. */
    private static String seconds(Object v) {
        BigDecimal s = null;
        if (v instanceof Number n) {
            s = new BigDecimal(n.toString());
        } else if (v instanceof String str) {
            Matcher p = PERIOD.matcher(str.trim());
            if (p.matches()) {
                s = BigDecimal.valueOf(Long.parseLong(p.group(2)) * 3600 + Long.parseLong(p.group(3)) * 60);
                if (p.group(4) != null) {
                    s = s.add(new BigDecimal(p.group(4)));
                }
                if (p.group(1) != null) {
                    s = s.negate();
                }
            } else if (str.trim().matches("\\d+(\\.\\d+)?")) {
                s = new BigDecimal(str.trim());
            }
        } else if (v instanceof Map<?, ?> m) {
            s = BigDecimal.ZERO;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                BigDecimal unit = switch (String.valueOf(e.getKey())) {
                    case "days" -> BigDecimal.valueOf(86400);
                    case "hours" -> BigDecimal.valueOf(3600);
                    case "minutes" -> BigDecimal.valueOf(60);
                    case "seconds" -> BigDecimal.ONE;
                    case "milliseconds" -> new BigDecimal("0.001");
                    default -> null;
                };
                if (unit == null || !(e.getValue() instanceof Number || String.valueOf(e.getValue())
                        .matches("\\d+(\\.\\d+)?"))) {
                    return null;
                }
                s = s.add(unit.multiply(new BigDecimal(String.valueOf(e.getValue()))));
            }
        }
        return s == null ? null : "s" + plain(s);
    }

    private static String scalar(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Number n) {
            try {
                return plain(new BigDecimal(n.toString()));
            } catch (NumberFormatException e) {
                return n.toString();
            }
        }
        if (v instanceof String s && s.matches("-?\\d+(\\.\\d+)?")) {
            return plain(new BigDecimal(s));
        }
        return String.valueOf(v);
    }

    private static String plain(BigDecimal d) {
        return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }

    private static String text(Object o) {
        StringBuilder sb = new StringBuilder();
        write(o, sb);
        return sb.toString();
    }

    /** Unambiguous text: strings quoted and escaped, maps in key order. */
    private static void write(Object o, StringBuilder sb) {
        if (o instanceof Map<?, ?> m) {
            sb.append('{');
            for (Map.Entry<?, ?> e : m.entrySet()) {
                quote(String.valueOf(e.getKey()), sb);
                sb.append(':');
                write(e.getValue(), sb);
                sb.append(',');
            }
            sb.append('}');
        } else if (o instanceof List<?> l) {
            sb.append('[');
            for (Object x : l) {
                write(x, sb);
                sb.append(',');
            }
            sb.append(']');
        } else {
            quote(String.valueOf(o), sb);
        }
    }

    private static void quote(String s, StringBuilder sb) {
        sb.append('"').append(s.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
