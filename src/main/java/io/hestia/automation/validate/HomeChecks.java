package io.hestia.automation.validate;

import io.hestia.ha.schema.HaAutomationSchema;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The home stage: every entity, area, device, floor and label an automation names exists in the home, and every
 * service it calls is one HA lists for its domain. References are found structurally (trigger and condition keys,
 * {@code target}, {@code data}/{@code data_template}, {@code scene:} steps, {@code zone} keys), never by guessing
 * that any {@code x.y} string is an entity; templates, HA tag placeholders, {@code all} and {@code none} are
 * skipped. A miss costs a scan of the home for the nearest ids (hint); a hit is one hash lookup.
 */
public final class HomeChecks {

    static final int SUGGESTIONS = 3;
    static final int SERVICES_LISTED = 15;
    private static final String[] TARGET_KEYS = {"entity_id", "area_id", "device_id", "floor_id", "label_id"};

    private HomeChecks() {
    }

    /** The home findings of one automation (none when the home is unknown). */
    public static List<Finding> check(Map<?, ?> automation, HomeContext home) {
        List<Finding> out = new ArrayList<>();
        if (!home.known()) {
            return out;
        }
        AutomationWalk.walk(automation, new Checker(home, out));
        return out;
    }

    /** What an automation references, for building a home that contains it (evaluation, benchmarks). */
    public record References(Set<String> entities, Set<String> areas, Set<String> devices, Set<String> floors,
                             Set<String> labels, Set<String> services) {
        public static References empty() {
            return new References(new TreeSet<>(), new TreeSet<>(), new TreeSet<>(), new TreeSet<>(), new TreeSet<>(),
                    new TreeSet<>());
        }
    }

    /** Adds every reference of {@code automation} to {@code into}, as the checks see them. */
    public static void collect(Map<?, ?> automation, References into) {
        AutomationWalk.walk(automation, new Walker() {
            @Override
            void reference(Kind kind, String id, String path) {
                switch (kind) {
                    case ENTITY -> into.entities().add(id);
                    case AREA -> into.areas().add(id);
                    case DEVICE -> into.devices().add(id);
                    case FLOOR -> into.floors().add(id);
                    case LABEL -> into.labels().add(id);
                    case SERVICE -> into.services().add(id);
                }
            }
        });
    }

    enum Kind {
        ENTITY("entity", "home.entity_unknown"), AREA("area", "home.area_unknown"),
        DEVICE("device", "home.device_unknown"), FLOOR("floor", "home.floor_unknown"),
        LABEL("label", "home.label_unknown"), SERVICE("service", "home.service_unknown");

        final String noun;
        final String rule;

        Kind(String noun, String rule) {
            this.noun = noun;
            this.rule = rule;
        }

        static Kind ofKey(String key) {
            return switch (key) {
                case "area_id" -> AREA;
                case "device_id" -> DEVICE;
                case "floor_id" -> FLOOR;
                case "label_id" -> LABEL;
                default -> ENTITY;
            };
        }
    }

    /** Finds the references; subclasses decide what to do with each. */
    private abstract static class Walker implements AutomationWalk.Visitor {

        abstract void reference(Kind kind, String id, String path);

        @Override
        public void trigger(Map<?, ?> t, String platform, String path, boolean waiting) {
            keys(t, path, "entity_id", "zone", "device_id", "area_id");
            // the newer integration triggers (e.g. zone.occupancy_detected) carry options: and target:
            if (t.get("options") instanceof Map<?, ?> options) {
                keys(options, path + ".options", "entity_id", "zone", "device_id", "area_id");
            }
            if (t.get("target") instanceof Map<?, ?> target) {
                keys(target, path + ".target", TARGET_KEYS);
            }
            if (t.get("event_data") instanceof Map<?, ?> data) {
                keys(data, path + ".event_data", "entity_id");
            }
            if ("time".equals(platform)) {
                // at: a time, or an input_datetime / timestamp sensor (alone, in a list, or {entity_id, offset})
                Object at = t.get("at");
                List<?> values = at instanceof List<?> l ? l : at == null ? List.of() : List.of(at);
                for (int i = 0; i < values.size(); i++) {
                    String p = at instanceof List<?> ? path + ".at[" + i + "]" : path + ".at";
                    if (values.get(i) instanceof String v && v.indexOf(':') < 0) {
                        entities(v, p);
                    } else if (values.get(i) instanceof Map<?, ?> m) {
                        keys(m, p, "entity_id");
                    }
                }
            }
        }

        @Override
        public void condition(Map<?, ?> c, String path) {
            keys(c, path, "entity_id", "zone", "device_id", "area_id");
        }

        @Override
        public void step(Map<?, ?> s, String path, boolean guarded) {
            if (s.containsKey("condition")) {
                return; // a condition step: the walk visits it as a condition
            }
            String service = AutomationWalk.service(s);
            if (service != null && !AutomationWalk.isTemplate(service)) {
                String key = s.get("action") instanceof String ? "action" : "service";
                reference(Kind.SERVICE, service.strip(), path + "." + key);
            }
            if (s.containsKey("scene")) {
                entities(s.get("scene"), path + ".scene");
            }
            if (service != null || s.containsKey("device_id")) {
                keys(s, path, TARGET_KEYS);
            }
            for (String block : new String[] {"target", "data", "data_template"}) {
                if (s.get(block) instanceof Map<?, ?> m) {
                    keys(m, path + "." + block, TARGET_KEYS);
                }
            }
        }

        private void keys(Map<?, ?> m, String path, String... keys) {
            for (String key : keys) {
                Object value = m.get(key);
                if (value == null) {
                    continue;
                }
                Kind kind = key.equals("zone") ? Kind.ENTITY : Kind.ofKey(key);
                String p = path + "." + key;
                if (kind == Kind.ENTITY) {
                    entities(value, p);
                } else {
                    AutomationWalk.ids(value, id -> reference(kind, id, p));
                }
            }
        }

        /** Entity ids only: registry UUIDs (device triggers) and other dot-less values are not entity ids. */
        private void entities(Object value, String path) {
            AutomationWalk.ids(value, id -> {
                if (id.indexOf('.') > 0) {
                    reference(Kind.ENTITY, id, path);
                }
            });
        }
    }

    private static final class Checker extends Walker {
        private final HomeContext home;
        private final List<Finding> out;

        Checker(HomeContext home, List<Finding> out) {
            this.home = home;
            this.out = out;
        }

        @Override
        void reference(Kind kind, String id, String path) {
            switch (kind) {
                case ENTITY -> known(kind, id, path, home.entityIds());
                case AREA -> known(kind, id, path, home.areaIds());
                case DEVICE -> known(kind, id, path, home.deviceIds());
                case FLOOR -> known(kind, id, path, home.floorIds());
                case LABEL -> known(kind, id, path, home.labelIds());
                case SERVICE -> service(id, path);
            }
        }

        private void known(Kind kind, String id, String path, Set<String> ids) {
            if (ids == null || ids.contains(id)) {
                return;
            }
            List<String> near = nearest(id, ids, SUGGESTIONS);
            String hint = near.isEmpty() ? "The home has no " + kind.noun + " like it; check the id in HA"
                    : "Did you mean " + String.join(", ", near) + "?";
            out.add(new Finding(path, kind.rule, Finding.ERROR, "home",
                    "Unknown " + kind.noun + " '" + id + "': the home has no such " + kind.noun, hint));
        }

        private void service(String service, String path) {
            Map<String, Set<String>> services = home.services();
            int dot = service.indexOf('.');
            if (dot <= 0) {
                return; // malformed: the schema stage reports it
            }
            String domain = service.substring(0, dot);
            String name = service.substring(dot + 1);
            if (services == null) {
                // services unknown: a script called by name must at least exist as an entity
                if (domain.equals("script") && !Set.of("turn_on", "turn_off", "toggle", "reload").contains(name)) {
                    known(Kind.ENTITY, service, path, home.entityIds());
                }
                return;
            }
            Set<String> names = services.get(domain);
            if (names == null) {
                List<String> near = nearest(domain, services.keySet(), SUGGESTIONS);
                out.add(new Finding(path, "home.service_domain_unknown", Finding.ERROR, "home",
                        "Unknown service domain '" + domain + "' in '" + service + "': no integration provides it",
                        near.isEmpty() ? "Install or configure the integration providing " + domain
                                : "Did you mean the domain " + String.join(", ", near) + "?"));
            } else if (!names.contains(name)) {
                List<String> sorted = new ArrayList<>(new TreeSet<>(names));
                String listed = String.join(", ", sorted.subList(0, Math.min(SERVICES_LISTED, sorted.size())))
                        + (sorted.size() > SERVICES_LISTED ? ", ..." : "");
                out.add(new Finding(path, "home.service_unknown", Finding.ERROR, "home",
                        "Unknown service '" + service + "': " + domain + " has no service " + name,
                        "Services of " + domain + ": " + listed));
            }
        }
    }

    /**
     * Up to {@code max} ids nearest to {@code id}: for entity ids only the same domain; ranked by shared words
     * ({@code _}-separated) and then by edit distance; ids sharing no word and further than half the length are not
     * offered.
     */
    static List<String> nearest(String id, Set<String> ids, int max) {
        int dot = id.indexOf('.');
        String prefix = dot > 0 ? id.substring(0, dot + 1) : "";
        String object = id.substring(prefix.length());
        String[] words = object.split("_");
        record Scored(String id, int shared, int distance) {
        }
        List<Scored> scored = new ArrayList<>();
        for (String candidate : ids) {
            if (!candidate.startsWith(prefix)) {
                continue;
            }
            String other = candidate.substring(prefix.length());
            int shared = 0;
            for (String w : words) {
                if (!w.isEmpty() && containsWord(other, w)) {
                    shared++;
                }
            }
            int distance = HaAutomationSchema.editDistance(object, other);
            if (shared > 0 || distance <= Math.max(2, object.length() / 2)) {
                scored.add(new Scored(candidate, shared, distance));
            }
        }
        scored.sort(Comparator.comparingInt((Scored s) -> -s.shared()).thenComparingInt(Scored::distance)
                .thenComparing(Scored::id));
        List<String> out = new ArrayList<>();
        for (int i = 0; i < Math.min(max, scored.size()); i++) {
            out.add(scored.get(i).id());
        }
        return out;
    }

    private static boolean containsWord(String s, String word) {
        int i = s.indexOf(word);
        while (i >= 0) {
            int end = i + word.length();
            if ((i == 0 || s.charAt(i - 1) == '_') && (end == s.length() || s.charAt(end) == '_')) {
                return true;
            }
            i = s.indexOf(word, i + 1);
        }
        return false;
    }
}
