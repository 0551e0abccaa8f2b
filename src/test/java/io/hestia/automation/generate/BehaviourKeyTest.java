package io.hestia.automation.generate;

import io.hestia.ha.schema.HaYaml;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BehaviourKeyTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yaml(String text) {
        return (Map<String, Object>) HaYaml.load(text);
    }

    private static String key(String text) {
        return SuggestionGenerator.behaviourKey(yaml(text));
    }

    private static final String TURN_ON = """
            - action: light.turn_on
              target:
                entity_id: [light.b, light.a]
              data:
                brightness_pct: 40
            """;
    private static final String DELAY = """
            - delay:
                minutes: 5
            """;
    private static final String HEAD = """
            id: hestia_abc
            alias: Motion light
            description: one
            mode: restart
            triggers:
            - trigger: state
              entity_id: binary_sensor.hall_motion
              to: 'on'
              for:
                minutes: 2
            conditions:
            - condition: state
              entity_id: sun.sun
              state: below_horizon
            - condition: time
              weekday: [mon, tue]
            actions:
            """;
    private static final String MODERN = HEAD + TURN_ON + DELAY;

    @Test
    void legacySpellingOfTheSameBehaviourHasTheSameKey() {
        String legacy = """
                id: '1700000000000'
                alias: Hall light (written by hand)
                mode: single
                trigger:
                  platform: state
                  entity_id: [binary_sensor.hall_motion]
                  to: 'on'
                  for: '00:02:00'
                condition:
                - condition: time
                  weekday: [tue, mon]
                - condition: state
                  entity_id: sun.sun
                  state: [below_horizon]
                action:
                - service: light.turn_on
                  data:
                    entity_id: light.a, light.b
                    brightness_pct: 40.0
                - delay: 300
                """;
        assertEquals(key(MODERN), key(legacy));
        String mixed = """
                triggers:
                - platform: state
                  entity_id: binary_sensor.hall_motion
                  to: 'on'
                  for: 120
                conditions:
                - condition: time
                  weekday: [mon, tue]
                - condition: state
                  entity_id: sun.sun
                  state: below_horizon
                actions:
                - action: light.turn_on
                  entity_id: light.a
                  target:
                    entity_id: light.b
                  data:
                    brightness_pct: '40'
                - delay: '00:05:00'
                """;
        assertEquals(key(MODERN), key(mixed));
    }

    @Test
    void differentBehaviourHasADifferentKey() {
        assertNotEquals(key(MODERN), key(MODERN.replace("light.b, light.a", "light.b, light.c")));
        assertNotEquals(key(MODERN), key(MODERN.replace("to: 'on'", "to: 'off'")));
        assertNotEquals(key(MODERN), key(MODERN.replace("minutes: 5", "minutes: 6")));
        assertNotEquals(key(MODERN), key(MODERN.replace("weekday: [mon, tue]", "weekday: [mon]")));
        // actions run in order: swapping them is another behaviour
        String swapped = HEAD + DELAY + TURN_ON;
        assertNotEquals(MODERN, swapped);
        assertNotEquals(key(MODERN), key(swapped));
    }

    @Test
    void idAliasDescriptionAndModeDoNotCount() {
        String other = MODERN.replace("id: hestia_abc", "id: other").replace("alias: Motion light", "alias: X")
                .replace("description: one", "description: two").replace("mode: restart", "mode: queued");
        assertEquals(key(MODERN), key(other));
        assertTrue(key(MODERN).matches("[0-9a-f]{64}"));
    }

    @Test
    void anyShapeFromHaGetsAKey() {
        Map<String, Object> odd = new HashMap<>();
        odd.put("trigger", "not a list");
        odd.put("action", List.of(Map.of("choose", List.of(Map.of("conditions", "{{ true }}"))), 42));
        odd.put("condition", Map.of("condition", "template", "value_template", "{{ x }}"));
        Map<String, Object> withNull = new HashMap<>();
        withNull.put("triggers", null);
        withNull.put("actions", List.of(new HashMap<>(Map.of("service", "script.x")), "x"));
        assertDoesNotThrow(() -> SuggestionGenerator.behaviourKey(odd));
        assertDoesNotThrow(() -> SuggestionGenerator.behaviourKey(withNull));
        assertDoesNotThrow(() -> SuggestionGenerator.behaviourKey(null));
        assertDoesNotThrow(() -> SuggestionGenerator.behaviourKey(Map.of()));
        Map<String, Object> blueprintA = Map.of("use_blueprint", Map.of("path", "a.yaml", "input", Map.of("x", 1)));
        Map<String, Object> blueprintB = Map.of("use_blueprint", Map.of("path", "a.yaml", "input", Map.of("x", 2)));
        assertNotEquals(SuggestionGenerator.behaviourKey(blueprintA), SuggestionGenerator.behaviourKey(blueprintB));
    }
}
