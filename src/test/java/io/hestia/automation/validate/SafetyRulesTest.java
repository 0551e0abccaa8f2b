package io.hestia.automation.validate;

import static io.hestia.automation.validate.TestHomes.celsius;
import static io.hestia.automation.validate.TestHomes.fahrenheit;
import static io.hestia.automation.validate.TestHomes.rules;
import static io.hestia.automation.validate.TestHomes.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class SafetyRulesTest {

    private static final String MOTION = "triggers: [{trigger: state, entity_id: binary_sensor.hall_motion, to: \"on\"}]\n";
    private static final String AT_NIGHT = "triggers: [{trigger: time, at: \"23:30:00\"}]\n";
    private static final String AT_NOON = "triggers: [{trigger: time, at: \"12:00:00\"}]\n";

    private static List<Finding> check(String text) {
        return SafetyRules.check(yaml(text), celsius());
    }

    /** The one finding besides the time-constraint note (tested on its own below). */
    private static Finding only(List<Finding> all) {
        List<Finding> findings = all.stream().filter(f -> !f.rule().equals("safety.time.unconstrained")).toList();
        assertThat(findings).hasSize(1);
        Finding f = findings.get(0);
        assertThat(f.category()).isEqualTo("safety");
        assertThat(f.rule()).startsWith("safety.");
        assertThat(f.hint()).isNotBlank();
        return f;
    }

    private static String setTemperature(Object temperature, boolean hvacMode) {
        return MOTION + "actions:\n  - action: climate.set_temperature\n    target: {entity_id: climate.living_room}\n"
                + "    data: {temperature: " + temperature + (hvacMode ? ", hvac_mode: heat" : "") + "}\n";
    }

    // ------------------------------------------------------------------------------------------- climate

    @Test
    void saneCelsiusTemperaturePasses() {
        assertThat(check(setTemperature(21, true))).isEmpty();
    }

    @Test
    void fahrenheitValueInACelsiusHomeIsCritical() {
        Finding f = only(check(setTemperature(72, true)));
        assertThat(f.rule()).isEqualTo("safety.climate.temperature_out_of_range");
        assertThat(f.severity()).isEqualTo(Finding.ERROR);
        assertThat(f.path()).isEqualTo("actions[0].data.temperature");
        assertThat(f.message()).contains("°C").contains("looks like °F");
    }

    @Test
    void fahrenheitHomeJudgesInFahrenheit() {
        assertThat(SafetyRules.check(yaml(setTemperature(72, true)), fahrenheit())).isEmpty();
        Finding f = only(SafetyRules.check(yaml(setTemperature(21, true)), fahrenheit()));
        assertThat(f.severity()).isEqualTo(Finding.ERROR);
        assertThat(f.message()).contains("°F").contains("looks like °C");
        // unknown unit: Celsius
        assertThat(SafetyRules.check(yaml(setTemperature(21, true)), TestHomes.home(null))).isEmpty();
        assertThat(SafetyRules.check(yaml(setTemperature(21, true)), HomeContext.none())).isEmpty();
    }

    @Test
    void slightlyOutOfRangeIsAWarningAndTemplatesAreSkipped() {
        assertThat(only(check(setTemperature(32, true))).severity()).isEqualTo(Finding.WARNING);
        assertThat(only(check(setTemperature("\"7\"", true))).severity()).isEqualTo(Finding.WARNING);
        assertThat(check(setTemperature("\"{{ states('input_number.target') }}\"", true))).isEmpty();
    }

    @Test
    void heatCoolRangeIsCheckedToo() {
        List<Finding> f = check(MOTION + """
                actions:
                  - action: climate.set_temperature
                    data: {target_temp_low: 18, target_temp_high: 80, hvac_mode: heat_cool}
                """);
        assertThat(only(f).path()).isEqualTo("actions[0].data.target_temp_high");
    }

    @Test
    void setTemperatureWithoutHvacModeWarns() {
        Finding f = only(check(setTemperature(20, false)));
        assertThat(f.rule()).isEqualTo("safety.climate.no_hvac_mode");
        assertThat(f.severity()).isEqualTo(Finding.WARNING);
    }

    // ---------------------------------------------------------------------------------------------- bulk

    @Test
    void turningOffEverythingIsCritical() {
        Finding all = only(check(MOTION + "actions: [{action: light.turn_off, target: {entity_id: all}}]"));
        assertThat(all.rule()).isEqualTo("safety.bulk.all_entities");
        assertThat(all.severity()).isEqualTo(Finding.ERROR);
        assertThat(all.path()).isEqualTo("actions[0].target.entity_id");
        Finding on = only(check(MOTION + "action: [{service: light.turn_on, entity_id: all}]"));
        assertThat(on.severity()).isEqualTo(Finding.WARNING);
        assertThat(on.path()).isEqualTo("action[0].entity_id");
        Finding noTarget = only(check(MOTION + "actions: [{action: homeassistant.turn_off}]"));
        assertThat(noTarget.rule()).isEqualTo("safety.bulk.no_target");
        assertThat(noTarget.severity()).isEqualTo(Finding.ERROR);
        assertThat(check(AT_NIGHT + "actions: [{action: homeassistant.turn_off, target: {area_id: kitchen}}]"))
                .isEmpty();
    }

    @Test
    void moreThanThreeAreasWarns() {
        assertThat(check(MOTION + "actions: [{action: light.turn_on, target: {area_id: [a, b, c]}}]")).isEmpty();
        Finding f = only(check(MOTION + "actions: [{action: light.turn_on, target: {area_id: [a, b, c, d]}}]"));
        assertThat(f.rule()).isEqualTo("safety.bulk.many_areas");
        assertThat(f.severity()).isEqualTo(Finding.WARNING);
    }

    // ------------------------------------------------------------------------------------------ security

    @Test
    void unconditionalUnlockIsCritical() {
        Finding f = only(check(AT_NOON + "actions: [{action: lock.unlock, target: {entity_id: lock.front_door}}]"));
        assertThat(f.rule()).isEqualTo("safety.lock.unlock_unconditional");
        assertThat(f.severity()).isEqualTo(Finding.ERROR);
        assertThat(f.path()).isEqualTo("actions[0].action");
        // legacy spelling, lock.open
        assertThat(only(check("trigger: {platform: time, at: \"12:00\"}\naction: [{service: lock.open, "
                + "entity_id: lock.front_door}]")).path()).isEqualTo("action[0].service");
    }

    @Test
    void unlockGuardedByAConditionPasses() {
        String unlock = "[{action: lock.unlock, target: {entity_id: lock.front_door}}]";
        assertThat(check(AT_NOON + "conditions: [{condition: state, entity_id: person.anna, state: home}]\n"
                + "actions: " + unlock)).isEmpty();
        assertThat(check(AT_NOON + "actions:\n  - if: [{condition: state, entity_id: person.anna, state: home}]\n"
                + "    then: " + unlock)).isEmpty();
        assertThat(check(AT_NOON + "actions:\n  - choose:\n      - conditions: [{condition: template, "
                + "value_template: \"{{ true }}\"}]\n        sequence: " + unlock)).isEmpty();
        assertThat(check(AT_NOON + "actions:\n  - condition: state\n    entity_id: person.anna\n    state: home\n"
                + "  - action: lock.unlock\n    target: {entity_id: lock.front_door}")).isEmpty();
        // a condition step after the unlock does not guard it
        assertThat(check(AT_NOON + "actions:\n  - action: lock.unlock\n    target: {entity_id: lock.front_door}\n"
                + "  - condition: state\n    entity_id: person.anna\n    state: home")).hasSize(1);
    }

    @Test
    void presenceTriggeredUnlockOrDisarmIsAWarning() {
        Finding tag = only(check("triggers: [{trigger: tag, tag_id: front}]\n"
                + "actions: [{action: lock.unlock, target: {entity_id: lock.front_door}}]"));
        assertThat(tag.rule()).isEqualTo("safety.lock.unlock_presence_only");
        assertThat(tag.severity()).isEqualTo(Finding.WARNING);
        Finding person = only(check("triggers: [{trigger: state, entity_id: person.anna, to: home}]\n"
                + "actions: [{action: alarm_control_panel.alarm_disarm, target: {entity_id: alarm_control_panel.home}}]"));
        assertThat(person.rule()).isEqualTo("safety.alarm.disarm_presence_only");
    }

    @Test
    void unconditionalDisarmIsCritical() {
        Finding f = only(check(AT_NOON + "actions: [{action: alarm_control_panel.alarm_disarm, "
                + "target: {entity_id: alarm_control_panel.home}}]"));
        assertThat(f.rule()).isEqualTo("safety.alarm.disarm_unconditional");
        assertThat(f.severity()).isEqualTo(Finding.ERROR);
    }

    @Test
    void disablingASecurityAutomationIsCriticalOthersInfo() {
        Finding security = only(check(MOTION + "actions: [{action: automation.turn_off, "
                + "target: {entity_id: automation.alarm_arming}}]"));
        assertThat(security.rule()).isEqualTo("safety.security.automation_disabled");
        assertThat(security.severity()).isEqualTo(Finding.ERROR);
        Finding other = only(check(MOTION + "actions: [{action: automation.turn_off, "
                + "target: {entity_id: automation.night_lights}}]"));
        assertThat(other.rule()).isEqualTo("safety.automation.disabled");
        assertThat(other.severity()).isEqualTo(Finding.INFO);
        // 'outdoor' is not 'door': words, not substrings
        assertThat(only(check(MOTION + "actions: [{action: automation.turn_off, "
                + "entity_id: automation.outdoor_lights}]")).severity()).isEqualTo(Finding.INFO);
    }

    @Test
    void openingTheGarageAtNightWithoutConditionIsCritical() {
        String open = "actions: [{action: cover.open_cover, target: {entity_id: cover.garage_door}}]";
        Finding night = only(check(AT_NIGHT + open));
        assertThat(night.rule()).isEqualTo("safety.cover.open_unguarded");
        assertThat(night.severity()).isEqualTo(Finding.ERROR);
        assertThat(only(check(AT_NOON + open)).severity()).isEqualTo(Finding.WARNING);
        assertThat(check("triggers: [{trigger: sun, event: sunset}]\n" + open)).extracting(Finding::severity)
                .containsExactly(Finding.ERROR);
        // presence alone opens it with a warning (a flapping tracker), a condition makes it quiet
        assertThat(only(check("triggers: [{trigger: zone, entity_id: person.anna, zone: zone.home, event: enter}]\n"
                + open)).rule()).isEqualTo("safety.cover.open_presence_only");
        assertThat(only(check("triggers: [{trigger: state, entity_id: device_tracker.anna, to: home}]\n" + open))
                .severity()).isEqualTo(Finding.WARNING);
        // an area named for the garage counts like the garage door itself
        assertThat(only(check(AT_NIGHT + "actions: [{action: cover.open_cover, target: {area_id: garage}}]"))
                .rule()).isEqualTo("safety.cover.open_unguarded");
        assertThat(check(AT_NIGHT + "conditions: [{condition: state, entity_id: person.anna, state: home}]\n"
                + open)).isEmpty();
        assertThat(check(AT_NIGHT + "actions: [{action: cover.open_cover, target: {entity_id: "
                + "cover.living_room_blinds}}]")).isEmpty();
    }

    // --------------------------------------------------------------------------------------- destructive

    @Test
    void restartsAreCriticalReloadsWarn() {
        Finding restart = only(check(MOTION + "actions: [{action: homeassistant.restart}]"));
        assertThat(restart.rule()).isEqualTo("safety.destructive.restart");
        assertThat(restart.severity()).isEqualTo(Finding.ERROR);
        assertThat(only(check(MOTION + "action: [{service: hassio.host_reboot}]")).severity()).isEqualTo(Finding.ERROR);
        Finding reload = only(check(MOTION + "actions: [{action: automation.reload}]"));
        assertThat(reload.rule()).isEqualTo("safety.destructive.reload");
        assertThat(reload.severity()).isEqualTo(Finding.WARNING);
        assertThat(only(check(MOTION + "actions: [{action: recorder.purge}]")).rule())
                .isEqualTo("safety.destructive.purge");
    }

    // ---------------------------------------------------------------------------------- waits and delays

    @Test
    void waitsNeedABoundedTimeout() {
        Finding none = only(check(MOTION + "actions: [{wait_for_trigger: [{trigger: state, "
                + "entity_id: binary_sensor.hall_motion, to: \"off\"}]}]"));
        assertThat(none.rule()).isEqualTo("safety.wait.no_timeout");
        assertThat(none.path()).isEqualTo("actions[0].wait_for_trigger");
        assertThat(only(check(MOTION + "actions: [{wait_template: \"{{ false }}\"}]")).rule())
                .isEqualTo("safety.wait.no_timeout");
        assertThat(check(MOTION + "actions: [{wait_template: \"{{ false }}\", timeout: \"00:05:00\"}]")).isEmpty();
        Finding extreme = only(check(MOTION + "actions: [{wait_template: \"{{ false }}\", timeout: \"48:00:00\"}]"));
        assertThat(extreme.rule()).isEqualTo("safety.wait.timeout_extreme");
        assertThat(extreme.severity()).isEqualTo(Finding.ERROR); // the original's rule: over 24 h is critical
        // mode restart: the next trigger ends a waiting run, so a wait without timeout cannot block
        assertThat(check("mode: restart\n" + MOTION + "actions: [{wait_for_trigger: [{trigger: state, "
                + "entity_id: binary_sensor.hall_motion, to: \"off\"}]}]")).isEmpty();
        assertThat(only(check(MOTION + "actions: [{wait_template: \"{{ false }}\", timeout: {days: 2}}]"))
                .rule()).isEqualTo("safety.wait.timeout_extreme");
    }

    @Test
    void switchingOffWithoutAnyTimeOrConditionIsNotedAndAlwaysOnDevicesWarn() {
        Finding note = check(MOTION + "actions: [{action: light.turn_off, target: {entity_id: light.hall}}]").get(0);
        assertThat(note.rule()).isEqualTo("safety.time.unconstrained");
        assertThat(note.severity()).isEqualTo(Finding.INFO);
        // a time trigger or a condition constrains it
        assertThat(check(AT_NIGHT + "actions: [{action: light.turn_off, target: {entity_id: light.hall}}]")).isEmpty();
        assertThat(check(MOTION + "conditions: [{condition: state, entity_id: sun.sun, state: below_horizon}]\n"
                + "actions: [{action: light.turn_off, target: {entity_id: light.hall}}]")).isEmpty();
        Finding fridge = only(check(AT_NIGHT + "actions: [{action: switch.turn_off, target: {entity_id: "
                + "switch.kitchen_fridge}}]"));
        assertThat(fridge.rule()).isEqualTo("safety.always_on.turned_off");
        assertThat(only(check(AT_NIGHT + "actions: [{action: homeassistant.turn_off, entity_id: "
                + "switch.aquarium_pump}]")).severity()).isEqualTo(Finding.WARNING);
    }

    @Test
    void delaysOverADayWarn() {
        assertThat(check(MOTION + "actions: [{delay: \"23:00:00\"}]")).isEmpty();
        assertThat(only(check(MOTION + "actions: [{delay: {hours: 25}}]")).rule()).isEqualTo("safety.delay.too_long");
        assertThat(only(check(MOTION + "actions: [{delay: 90000}]")).path()).isEqualTo("actions[0].delay");
        assertThat(check(MOTION + "actions: [{delay: \"{{ states('input_number.hours') }}:00:00\"}]")).isEmpty();
    }

    // ------------------------------------------------------------------------------------------ triggers

    @Test
    void frequentTimePatternsAreFlagged() {
        String act = "actions: [{action: light.turn_on, target: {entity_id: light.kitchen}}]";
        Finding seconds = only(check("triggers: [{trigger: time_pattern, seconds: \"/5\"}]\n" + act));
        assertThat(seconds.rule()).isEqualTo("safety.trigger.time_pattern_seconds");
        assertThat(seconds.severity()).isEqualTo(Finding.WARNING);
        assertThat(seconds.message()).contains("5 seconds");
        Finding minute = only(check("trigger: [{platform: time_pattern, minutes: \"*\"}]\n" + act));
        assertThat(minute.rule()).isEqualTo("safety.trigger.time_pattern_minute");
        assertThat(minute.severity()).isEqualTo(Finding.INFO);
        // seconds fixed, minutes unset: every minute
        assertThat(only(check("triggers: [{trigger: time_pattern, seconds: 30}]\n" + act)).rule())
                .isEqualTo("safety.trigger.time_pattern_minute");
        assertThat(check("triggers: [{trigger: time_pattern, minutes: \"/5\"}]\n" + act)).isEmpty();
        assertThat(check("triggers: [{trigger: time_pattern, hours: \"/2\"}]\n" + act)).isEmpty();
    }

    @Test
    void stateTriggerOnAMeasurementWithoutForIsInfo() {
        String act = "actions: [{action: light.turn_on, target: {entity_id: light.kitchen}}]";
        Finding f = only(check("triggers: [{trigger: state, entity_id: sensor.kitchen_power}]\n" + act));
        assertThat(f.rule()).isEqualTo("safety.trigger.noisy_sensor");
        assertThat(f.severity()).isEqualTo(Finding.INFO);
        assertThat(check("triggers: [{trigger: state, entity_id: sensor.kitchen_power, for: 60}]\n" + act)).isEmpty();
        assertThat(check("triggers: [{trigger: numeric_state, entity_id: sensor.kitchen_power, above: 5}]\n" + act))
                .isEmpty();
    }

    // ---------------------------------------------------------------------------------- loops and modes

    @Test
    void togglingTheTriggerEntityLoops() {
        Finding f = only(check("""
                triggers: [{trigger: state, entity_id: light.kitchen}]
                actions: [{action: light.toggle, target: {entity_id: light.kitchen}}]
                """));
        assertThat(f.rule()).isEqualTo("safety.loop.self_trigger");
        assertThat(f.severity()).isEqualTo(Finding.ERROR);
        assertThat(check("""
                triggers: [{trigger: state, entity_id: light.kitchen, to: "on"}]
                actions: [{action: light.toggle, target: {entity_id: light.kitchen}}]
                """)).isEmpty();
        assertThat(check("""
                triggers: [{trigger: state, entity_id: light.kitchen}]
                actions: [{action: light.toggle, target: {entity_id: light.living_room}}]
                """)).isEmpty();
        assertThat(only(check("""
                triggers: [{trigger: state, entity_id: input_boolean.guest}]
                actions:
                  - if: [{condition: state, entity_id: person.anna, state: home}]
                    then: [{action: input_boolean.toggle, target: {entity_id: input_boolean.guest}}]
                """)).severity()).isEqualTo(Finding.INFO);
    }

    @Test
    void busyRepeatsAndHugeCountsWarn() {
        Finding spin = only(check(MOTION + """
                actions:
                  - repeat:
                      while: [{condition: state, entity_id: binary_sensor.hall_motion, state: "on"}]
                      sequence: [{action: light.turn_on, target: {entity_id: light.kitchen}}]
                """));
        assertThat(spin.rule()).isEqualTo("safety.repeat.no_delay");
        assertThat(spin.path()).isEqualTo("actions[0].repeat");
        assertThat(check(MOTION + """
                actions:
                  - repeat:
                      until: [{condition: state, entity_id: binary_sensor.hall_motion, state: "off"}]
                      sequence:
                        - action: light.turn_on
                          target: {entity_id: light.kitchen}
                        - if: [{condition: template, value_template: "{{ true }}"}]
                          then: [{delay: 5}]
                """)).isEmpty();
        assertThat(only(check(MOTION + "actions: [{repeat: {count: 5000, sequence: [{delay: 1}]}}]")).rule())
                .isEqualTo("safety.repeat.count_large");
    }

    @Test
    void hugeQueuesWarn() {
        String act = "actions: [{action: light.turn_on, target: {entity_id: light.kitchen}}]";
        assertThat(only(check(MOTION + "mode: parallel\nmax: 500\n" + act)).rule()).isEqualTo("safety.mode.max_large");
        assertThat(check(MOTION + "mode: queued\nmax: 20\n" + act)).isEmpty();
    }

    // ------------------------------------------------------------------------------------------ scoring

    @Test
    void scoreDeductsPerSeverityAndIgnoresOtherCategories() {
        List<Finding> f = List.of(
                new Finding("a", "safety.x", Finding.ERROR, "safety", "m", "h"),
                new Finding("b", "safety.y", Finding.WARNING, "safety", "m", "h"),
                new Finding("c", "safety.z", Finding.INFO, "safety", "m", "h"),
                new Finding("d", "home.entity_unknown", Finding.ERROR, "home", "m", "h"),
                new Finding("e", "automation.mode_invalid", Finding.ERROR, "schema", "m", "h"));
        assertThat(SafetyRules.score(f)).isEqualTo(100 - 30 - 10 - 5);
        assertThat(SafetyRules.score(List.of(f.get(0), f.get(0), f.get(0), f.get(0)))).isZero();
        assertThat(SafetyRules.passes(70, true, SafetyLevel.PERMISSIVE)).isTrue();
        assertThat(SafetyRules.passes(70, true, SafetyLevel.MODERATE)).isFalse();
        assertThat(SafetyRules.passes(70, false, SafetyLevel.MODERATE)).isTrue();
        assertThat(SafetyRules.passes(70, false, SafetyLevel.STRICT)).isFalse();
        assertThat(SafetyRules.passes(35, false, SafetyLevel.PERMISSIVE)).isFalse();
    }

    @Test
    void ruleIdsAreNamespaced() {
        List<Finding> f = check(AT_NIGHT + """
                mode: parallel
                max: 1000
                actions:
                  - action: lock.unlock
                    target: {entity_id: lock.front_door}
                  - action: homeassistant.restart
                """);
        assertThat(rules(f)).allMatch(r -> r.matches("safety\\.[a-z_]+\\.[a-z_]+"));
    }
}
