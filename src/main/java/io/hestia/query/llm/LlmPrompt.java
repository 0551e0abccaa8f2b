package io.hestia.query.llm;

import io.hestia.query.HomeIndex;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The messages sent to the LLM: a system prompt stating the exact JSON the answer must be and listing the home
 * (floors, areas, and up to {@code maxEntities} entities, those sharing words with the request first), and the
 * request itself as the user message.
 */
final class LlmPrompt {

    private LlmPrompt() {
    }

    static final String SCHEMA = """
            {"intent": "<intent>",
             "slots": {"name": "<entity name>", "area": "<area name>", "floor": "<floor name>", "domain": "<domain>",
                       "device_class": "<device class>", "brightness": <0-100>, "color": "<color name>",
                       "temperature": <number>, "position": <0-100>, "volume": <0-100>},
             "targets": ["<entity_id>"],
             "triggers": [{"trigger": "state", "entity_id": "<entity_id>", "to": "on"}],
             "conditions": [{"condition": "state", "entity_id": "<entity_id>", "state": "off"}],
             "actions": [{"action": "light.turn_on", "target": {"entity_id": "<entity_id>"},
                          "data": {"brightness_pct": 50}}]}""";

    static String system(String text, HomeIndex home, int maxEntities) {
        StringBuilder p = new StringBuilder(8192);
        p.append("""
                You interpret one request to a Home Assistant smart home. Answer with one JSON object and nothing \
                else, in exactly this shape (leave out what the request does not say):
                """).append(SCHEMA).append("\n\nRules:\n");
        p.append("- intent is one of: ").append(String.join(", ", LlmAnswer.COMMAND_INTENTS))
                .append(" (a one-shot command or question); ").append("automation")
                .append(" (the request has a trigger: \"when ...\", \"every day at 7\"); ").append("unknown")
                .append(" (you cannot tell, or the request names something not listed below).\n");
        p.append("""
                - slots: only these keys and only what the request says. area and floor are names from the lists \
                below; brightness, position and volume are percent 0-100; temperature is 5-35 (°C) or 40-95 (°F).
                - targets: the entity ids acted on or asked about, copied from the list below. Never invent an id: \
                an id not listed makes the whole answer void.
                - triggers, conditions and actions use Home Assistant's current automation schema: every trigger \
                has a "trigger" key (state, numeric_state, time, time_pattern, sun, zone, ...), every condition a \
                "condition" key, every action an "action" key ("<domain>.<service>") or a "delay". Use entity_id, \
                area_id and floor_id values from the lists only; no device_id, no templates.
                - A command has no triggers and no conditions; an automation has at least one trigger and one action.
                - No other keys, no comments, no explanation.
                """);
        p.append("\nFloors (floor_id: name; aliases):\n");
        for (HomeIndex.Floor f : home.floors()) {
            p.append("- ").append(f.id()).append(": ").append(nullToEmpty(f.name()));
            aliases(p, f.aliases());
            p.append('\n');
        }
        p.append("\nAreas (area_id: name; aliases; floor_id):\n");
        for (HomeIndex.Area a : home.areas()) {
            p.append("- ").append(a.id()).append(": ").append(nullToEmpty(a.name()));
            aliases(p, a.aliases());
            if (a.floorId() != null) {
                p.append("; floor ").append(a.floorId());
            }
            p.append('\n');
        }
        List<HomeIndex.Entity> listed = entities(text, home, maxEntities);
        p.append("\nEntities (entity_id: name; aliases; area_id)");
        if (listed.size() < home.size()) {
            p.append(", ").append(listed.size()).append(" of ").append(home.size())
                    .append(" (those that share words with the request first)");
        }
        p.append(":\n");
        for (HomeIndex.Entity e : listed) {
            p.append("- ").append(e.entityId()).append(": ").append(nullToEmpty(e.name()));
            aliases(p, e.aliases());
            if (e.areaId() != null) {
                p.append("; area ").append(e.areaId());
            }
            p.append('\n');
        }
        return p.toString();
    }

    static String user(String text, String contextAreaId, Map<String, String> answers) {
        StringBuilder u = new StringBuilder("Request: ").append(text);
        if (contextAreaId != null) {
            u.append("\nSaid in area: ").append(contextAreaId);
        }
        if (answers != null && !answers.isEmpty()) {
            u.append("\nAnswers to earlier questions:");
            answers.forEach((k, v) -> u.append("\n- ").append(k).append(": ").append(v));
        }
        return u.toString();
    }

    /**
     * At most {@code max} entities: those sharing the most words with the request first, the registry's order
     * among equals.
     */
    static List<HomeIndex.Entity> entities(String text, HomeIndex home, int max) {
        if (home.size() <= max) {
            return home.entities();
        }
        Set<String> request = Words.of(text);
        record Scored(HomeIndex.Entity entity, int score, int order) {
        }
        List<Scored> scored = new ArrayList<>(home.size());
        int i = 0;
        for (HomeIndex.Entity e : home.entities()) {
            scored.add(new Scored(e, Words.shared(request, Words.of(home, e)), i++));
        }
        scored.sort(Comparator.comparingInt((Scored s) -> -s.score()).thenComparingInt(Scored::order));
        List<HomeIndex.Entity> out = new ArrayList<>(max);
        for (int k = 0; k < max; k++) {
            out.add(scored.get(k).entity());
        }
        return out;
    }

    private static void aliases(StringBuilder p, List<String> aliases) {
        if (!aliases.isEmpty()) {
            p.append("; aliases ").append(String.join(", ", aliases));
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
