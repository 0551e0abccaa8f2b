package io.hestia.automation;

import io.hestia.platform.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Request parsing and the small rules deploys depend on: config ids, HA's entity slug, config equality. */
class AutomationApiTest {

    @Test
    void yamlJsonAndAListOfOneAreOneAutomation() {
        String yaml = "id: a1\nalias: Porch\ntriggers:\n  - trigger: state\n    entity_id: binary_sensor.door\n"
                + "    to: on\nactions: []\n";
        Map<String, Object> a = AutomationApi.parseAutomation(yaml);
        // YAML 1.1: the unquoted on is a boolean, as HA reads it (the validator then flags it)
        assertThat(((List<Map<String, Object>>) a.get("triggers")).get(0).get("to")).isEqualTo(Boolean.TRUE);
        assertThat(AutomationApi.parseAutomation("{\"id\": \"a1\", \"alias\": \"Porch\"}")).containsEntry("id", "a1");
        assertThat(AutomationApi.parseAutomation("- id: a1\n  alias: Porch\n")).containsEntry("alias", "Porch");
        // HA's tags are placeholders, not errors
        assertThat(AutomationApi.parseAutomation("alias: !secret porch_alias\n")).containsKey("alias");
    }

    @Test
    void badBodiesNameTheField() {
        assertThatThrownBy(() -> AutomationApi.parseAutomation(" ")).isInstanceOfSatisfying(
                InvalidInputException.class, e -> assertThat(e.errors().get(0).field()).isEqualTo("body"));
        assertThatThrownBy(() -> AutomationApi.parseAutomation("triggers: [")).isInstanceOfSatisfying(
                InvalidInputException.class, e -> assertThat(e.getMessage()).contains("line"));
        assertThatThrownBy(() -> AutomationApi.parseAutomation("- a\n- b\n")).isInstanceOf(
                InvalidInputException.class);
        assertThatThrownBy(() -> AutomationApi.parseAutomation("id: 12\nalias: x\n")).isInstanceOfSatisfying(
                InvalidInputException.class, e -> assertThat(e.errors().get(0).field()).isEqualTo("id"));
        assertThatThrownBy(() -> AutomationApi.level("safety_level", "lax")).isInstanceOfSatisfying(
                InvalidInputException.class, e -> assertThat(e.errors().get(0).field()).isEqualTo("safety_level"));
        assertThat(AutomationApi.level("level", null)).isNull();
        assertThatThrownBy(() -> AutomationApi.parseAutomation("alias: " + "x".repeat(300) + "\n"))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.errors().get(0).field()).isEqualTo("alias"));
    }

    @Test
    void haDerivesTheEntityIdFromTheAlias() {
        assertThat(AutomationService.slug("Hall light at dusk")).isEqualTo("hall_light_at_dusk");
        assertThat(AutomationService.slug("  Café -- lights!! ")).isEqualTo("cafe_lights");
        assertThat(AutomationService.slug("!!!")).isEqualTo("unknown");
    }

    @Test
    void theConfigIdComesFirstAndEqualConfigsIgnoreKeyOrder() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("alias", "X");
        a.put("id", "given");
        assertThat(AutomationService.withId(a).keySet()).containsExactly("id", "alias");
        // HA's key order, whatever order the author wrote
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("mode", "restart");
        c.put("actions", List.of());
        c.put("triggers", List.of());
        c.put("alias", "Y");
        assertThat(AutomationService.withId(c).keySet()).containsExactly("id", "alias", "triggers", "actions", "mode");
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("id", "given");
        b.put("alias", "X");
        assertThat(AutomationService.sameConfig(a, b)).isTrue();
        b.put("alias", "Y");
        assertThat(AutomationService.sameConfig(a, b)).isFalse();
        assertThat(AutomationService.sameConfig(Map.of("max", 5), Map.of("max", 5L))).isTrue();
    }
}
