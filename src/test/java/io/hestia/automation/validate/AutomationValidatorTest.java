package io.hestia.automation.validate;

import static io.hestia.automation.validate.TestHomes.celsius;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AutomationValidatorTest {

    private final AutomationValidator validator = new AutomationValidator();

    @Test
    void cleanAutomationIsValidWithFullScore() {
        ValidationReport r = validator.validateText("""
                alias: Hall light
                triggers: [{trigger: state, entity_id: binary_sensor.hall_motion, to: "on"}]
                actions: [{action: light.turn_on, target: {entity_id: light.kitchen}}]
                """, celsius(), SafetyLevel.STRICT);
        assertThat(r.valid()).isTrue();
        assertThat(r.findings()).isEmpty();
        assertThat(r.safetyScore()).isEqualTo(100);
        assertThat(r.safetyPassed()).isTrue();
        assertThat(r.status()).isEqualTo("ok");
        assertThat(r.yaml()).contains("light.turn_on");
    }

    @Test
    void homeErrorsInvalidateButDoNotTouchTheScore() {
        ValidationReport r = validator.validateText("""
                triggers: [{trigger: state, entity_id: binary_sensor.hall_motion, to: "on"}]
                actions: [{action: light.turn_on, target: {entity_id: light.nowhere}}]
                """, celsius(), SafetyLevel.STRICT);
        assertThat(r.valid()).isFalse();
        assertThat(r.errors()).isEqualTo(1);
        assertThat(r.safetyScore()).isEqualTo(100);
        assertThat(r.safetyPassed()).isTrue();
        assertThat(r.findings().get(0).category()).isEqualTo("home");
        // placed in the report's own YAML (block style), where a reader sees the unknown id
        Finding f = r.findings().get(0);
        assertThat(f.path()).isEqualTo("actions[0].target.entity_id");
        assertThat(r.yaml().split("\n")[f.line() - 1]).contains("entity_id: light.nowhere");
        // the check-only path writes no YAML and so places nothing
        assertThat(validator.check(io.hestia.ha.schema.HaYaml.load(r.yaml()), celsius(), SafetyLevel.STRICT)
                .findings().get(0).line()).isNull();
    }

    @Test
    void stagesComeInOrderAndLevelsJudgeTheScore() {
        String text = """
                mode: sequential
                triggers: [{trigger: time, at: "12:00"}]
                actions:
                  - action: lock.unlock
                    target: {entity_id: lock.back_door}
                """;
        ValidationReport moderate = validator.validateText(text, celsius(), SafetyLevel.MODERATE);
        assertThat(moderate.findings()).extracting(Finding::category).containsExactly("schema", "home", "safety");
        assertThat(moderate.safetyScore()).isEqualTo(70);
        assertThat(moderate.safetyPassed()).isFalse();
        ValidationReport permissive = validator.validateText(text, celsius(), SafetyLevel.PERMISSIVE);
        assertThat(permissive.safetyPassed()).isTrue();
        assertThat(permissive.valid()).isFalse();
        assertThat(permissive.safetyLevel()).isEqualTo("permissive");
    }

    @Test
    void safetyWarningsAloneCanFailStrict() {
        String text = """
                triggers: [{trigger: time_pattern, seconds: "/10"}]
                actions:
                  - action: climate.set_temperature
                    target: {entity_id: climate.living_room}
                    data: {temperature: 21}
                  - wait_template: "{{ is_state('light.kitchen', 'off') }}"
                """;
        ValidationReport strict = validator.validateText(text, celsius(), SafetyLevel.STRICT);
        assertThat(strict.safetyScore()).isEqualTo(70);
        assertThat(strict.errors()).isZero();
        assertThat(strict.warnings()).isEqualTo(3);
        assertThat(strict.safetyPassed()).isFalse();
        assertThat(strict.valid()).isFalse();
        assertThat(validator.validateText(text, celsius(), SafetyLevel.MODERATE).valid()).isTrue();
    }

    @Test
    void checkSkipsTheYamlDumpButAgrees() {
        Object automation = TestHomes.yaml("""
                trigger: {platform: state, entity_id: binary_sensor.hall_motion}
                action: {service: light.turn_on, entity_id: light.kitchen}
                """);
        ValidationReport checked = validator.check(automation, celsius(), SafetyLevel.STRICT);
        ValidationReport validated = validator.validate(automation, celsius(), SafetyLevel.STRICT);
        assertThat(checked.yaml()).isNull();
        assertThat(validated.yaml()).isNotNull();
        assertThat(checked.findings()).isEqualTo(validated.findings());
        assertThat(checked.valid()).isTrue();
    }

    @Test
    void badYamlAndNonMappingsDoNotThrow() {
        ValidationReport syntax = validator.validateText("triggers: [", celsius(), SafetyLevel.STRICT);
        assertThat(syntax.valid()).isFalse();
        assertThat(syntax.findings().get(0).rule()).isEqualTo("yaml.syntax");
        assertThat(validator.validateText("- a\n- b", celsius(), SafetyLevel.STRICT).valid()).isFalse();
        // wrong shapes everywhere: the home and safety stages skip them, the schema reports them
        ValidationReport odd = validator.validateText("""
                triggers: 5
                conditions: "{{ true }}"
                actions: [3, [4], {choose: 7}, {repeat: [1]}, {parallel: x}, {action: 9}]
                """, celsius(), SafetyLevel.STRICT);
        assertThat(odd.findings()).allMatch(f -> f.category().equals("schema"));
    }
}
