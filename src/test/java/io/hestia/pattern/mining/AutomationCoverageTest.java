package io.hestia.pattern.mining;

import static org.assertj.core.api.Assertions.assertThat;

import io.hestia.ha.schema.HaYaml;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AutomationCoverageTest {

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> yaml(String text) {
        return (List<Map<String, Object>>) HaYaml.load(text);
    }

    /** The MIT corpus copy already in the test resources (attribution in NOTICE and SOURCE.md beside it). */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> corpus() throws IOException {
        try (InputStream in = AutomationCoverageTest.class
                .getResourceAsStream("/corpus/ha-automations-mit/automations_mit_only.yaml")) {
            return (List<Map<String, Object>>) HaYaml.load(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static Map<String, Object> byAlias(List<Map<String, Object>> all, String alias) {
        return all.stream().filter(a -> alias.equals(a.get("alias"))).findFirst().orElseThrow();
    }

    @Test
    void modernKeysTargetsAndNestedActions() {
        Set<String> pairs = AutomationCoverage.pairs(yaml("""
                - alias: hall
                  triggers:
                    - trigger: state
                      entity_id: binary_sensor.hall_motion, binary_sensor.porch_motion
                      to: "on"
                    - triggers:
                        - trigger: state
                          entity_id: [person.anna]
                    - trigger: numeric_state
                      entity_id: "{{ 'sensor.' ~ x }}"
                      above: 3
                    - trigger: time
                      at: "07:00"
                  conditions:
                    - condition: state
                      entity_id: light.not_an_action
                      state: "off"
                  actions:
                    - action: light.turn_on
                      target:
                        entity_id: light.hall
                    - choose:
                        - conditions:
                            - condition: state
                              entity_id: input_boolean.guest
                              state: "on"
                          sequence:
                            - action: switch.turn_on
                              entity_id: [switch.fan]
                      default:
                        - scene: scene.evening
                    - if:
                        - condition: state
                          entity_id: sun.sun
                          state: below_horizon
                      then:
                        - parallel:
                            - action: cover.close_cover
                              data:
                                entity_id: cover.blinds
                            - sequence:
                                - action: media_player.media_pause
                                  target: {entity_id: media_player.tv}
                      else:
                        - repeat:
                            count: 2
                            sequence:
                              - action: lock.lock
                                target: {entity_id: lock.front}
                    - wait_for_trigger:
                        - trigger: state
                          entity_id: light.waited_for
                    - action: light.turn_off
                      target:
                        entity_id: "{{ trigger.entity_id }}"
                    - action: script.bedtime
                    - action: notify.mobile_app
                      data: {message: hi}
                """));
        List<String> triggers = List.of("binary_sensor.hall_motion", "binary_sensor.porch_motion", "person.anna");
        List<String> actions = List.of("light.hall", "switch.fan", "scene.evening", "cover.blinds",
                "media_player.tv", "lock.front", "script.bedtime");
        assertThat(pairs).hasSize(triggers.size() * actions.size());
        for (String t : triggers) {
            for (String a : actions) {
                assertThat(pairs).contains(HomeModel.pairKey(t, a));
            }
        }
        assertThat(pairs).noneMatch(p -> p.contains("not_an_action") || p.contains("input_boolean.guest")
                || p.contains("sun.sun") || p.contains("waited_for") || p.contains("{{"));
    }

    @Test
    void legacyKeysPlatformAndServiceWithSingleMappings() {
        Set<String> pairs = AutomationCoverage.pairs(yaml("""
                - alias: legacy
                  trigger:
                    platform: state
                    entity_id: binary_sensor.door
                  action:
                    service: light.turn_on
                    entity_id: light.porch
                """));
        assertThat(pairs).containsExactly("binary_sensor.door->light.porch");
    }

    @Test
    void realCorpusAutomations() throws IOException {
        List<Map<String, Object>> all = corpus();
        // basnijholt: choose with step-level entity_id lists in each sequence
        assertThat(AutomationCoverage.pairs(List.of(byAlias(all, "Adaptive lighting: turn on and off switches"))))
                .containsExactlyInAnyOrder(
                        "input_select.sleep_mode->switch.adaptive_lighting_sleep_mode_baby_room",
                        "input_select.sleep_mode->switch.adaptive_lighting_sleep_mode_bedroom",
                        "input_select.sleep_mode->switch.adaptive_lighting_sleep_mode_bedroom_led",
                        "input_select.sleep_mode->switch.adaptive_lighting_sleep_mode_living_room");
        // basnijholt: three triggers, data.entity_id lists, one inside if/then
        Set<String> utility = AutomationCoverage.pairs(List.of(byAlias(all,
                "Light: turn on utility room / garage outside")));
        assertThat(utility).hasSize(3 * 4)
                .contains("binary_sensor.activity_outside_garage->light.string_lights_outside",
                        "binary_sensor.activity_in_utility_room->light.utility_room");
        // CCOSTAN: legacy trigger/platform/condition/action/service, upper-case ids, conditions not counted
        Set<String> door = AutomationCoverage.pairs(List.of(byAlias(all, "Door Opened")));
        assertThat(door).hasSize(4 * 3)
                .contains("binary_sensor.mcu2_gpio12->input_boolean.alert_mode",
                        "binary_sensor.mcu1_gpio5->script.notify_engine",
                        "binary_sensor.mcu1_gpio12->script.speech_engine")
                .noneMatch(p -> p.contains("sleepnumber"));
        // the whole corpus parses without error and yields pairs
        assertThat(AutomationCoverage.pairs(all)).hasSizeGreaterThan(300);
    }
}
