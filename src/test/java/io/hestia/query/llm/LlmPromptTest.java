package io.hestia.query.llm;

import io.hestia.query.HomeIndex;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The prompt: the exact schema, the home's lists, and the entity cap preferring what the request names. */
class LlmPromptTest {

    @Test
    void theSystemPromptStatesTheSchemaAndListsTheHome() {
        String p = LlmPrompt.system("turn on the reading lamp", TestHome.home(), 300);
        assertThat(p).contains(LlmPrompt.SCHEMA)
                .contains("HassTurnOn", "HassSetVolume", "automation", "unknown")
                .contains("\"trigger\" key", "\"condition\" key", "\"action\" key", "Never invent an id")
                .contains("- first: First floor; aliases upstairs")
                .contains("- living_room: Living Room; aliases lounge; floor ground")
                .contains("- light.reading_lamp: Reading lamp; aliases floor lamp; area living_room")
                .contains("- binary_sensor.hallway_motion: Hallway motion\n")
                .doesNotContain(" of 7 ");
    }

    @Test
    void theEntitiesAreCappedPreferringThoseThatShareWordsWithTheRequest() {
        HomeIndex big = TestHome.big(400);
        assertThat(LlmPrompt.entities("dim the reading lamp", big, 300))
                .hasSize(300).first().extracting(HomeIndex.Entity::entityId).isEqualTo("light.reading_lamp");
        // ties keep the registry's order
        assertThat(LlmPrompt.entities("something else", big, 3)).extracting(HomeIndex.Entity::entityId)
                .containsExactly("sensor.probe_0", "sensor.probe_1", "sensor.probe_2");
        assertThat(LlmPrompt.system("turn on the lights", big, 10))
                .contains("10 of 401 (those that share words with the request first)")
                .contains("- light.reading_lamp: Reading lamp").doesNotContain("sensor.probe_9:");
    }

    @Test
    void theUserMessageCarriesTheContextAreaAndAnswers() {
        assertThat(LlmPrompt.user("turn it on", "kitchen", Map.of("q1", "light.kitchen_ceiling")))
                .isEqualTo("Request: turn it on\nSaid in area: kitchen\nAnswers to earlier questions:\n"
                        + "- q1: light.kitchen_ceiling");
        assertThat(LlmPrompt.user("turn it on", null, Map.of())).isEqualTo("Request: turn it on");
    }
}
