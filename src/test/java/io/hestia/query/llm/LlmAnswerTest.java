package io.hestia.query.llm;

import io.hestia.query.HomeIndex;
import io.hestia.query.Understanding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The strict reading of the LLM's answer against the home's registry. */
class LlmAnswerTest {

    private final HomeIndex home = TestHome.home();

    private Understanding read(String json) throws LlmAnswer.Rejected {
        return LlmAnswer.read(json, "the request", home).orElseThrow();
    }

    private void rejected(String json, String reason) {
        assertThatThrownBy(() -> LlmAnswer.read(json, "the request", home))
                .isInstanceOf(LlmAnswer.Rejected.class).hasMessageContaining(reason);
    }

    @Test
    void aValidCommandBecomesAnUnderstandingMarkedAsTheLlms() throws Exception {
        Understanding u = read("""
                {"intent": "HassLightSet", "slots": {"area": "lounge", "brightness": 40},
                 "targets": ["light.reading_lamp"],
                 "actions": [{"action": "light.turn_on", "target": {"entity_id": "light.reading_lamp"},
                              "data": {"brightness_pct": 40}}]}""");
        assertThat(u.intent()).isEqualTo("HassLightSet");
        assertThat(u.slots()).containsEntry("area", "Living Room").containsEntry("brightness", 40);
        assertThat(u.entities()).singleElement().satisfies(m -> {
            assertThat(m.entityId()).isEqualTo("light.reading_lamp");
            assertThat(m.role()).isEqualTo("target");
            assertThat(m.confidence()).isEqualTo(0.7);
            assertThat(m.area()).isEqualTo("Living Room");
        });
        assertThat(u.areas()).containsExactly(new Understanding.Place("living_room", "Living Room"));
        assertThat(u.actions()).hasSize(1);
        assertThat(u.draft()).isNull();
        assertThat(u.confidence()).isEqualTo(0.7);
        assertThat(u.unparsed()).containsExactly("source: llm");
    }

    @Test
    void anAutomationGetsADraftInTheModernSchemaAndEntitiesByRole() throws Exception {
        Understanding u = LlmAnswer.read("""
                {"intent": "automation", "slots": {}, "targets": ["light.kitchen_ceiling"],
                 "triggers": [{"trigger": "state", "entity_id": "binary_sensor.hallway_motion", "to": "on"}],
                 "conditions": [{"condition": "state", "entity_id": "lock.front_door", "state": "locked"}],
                 "actions": [{"action": "light.turn_on", "target": {"entity_id": "light.kitchen_ceiling"}},
                             {"delay": {"minutes": 5}},
                             {"action": "light.turn_off", "target": {"area_id": "kitchen"}}]}""",
                "when there is motion in the hall turn on the kitchen light", home).orElseThrow();
        assertThat(u.intent()).isEqualTo(Understanding.AUTOMATION);
        assertThat(u.entities()).extracting(Understanding.EntityMatch::entityId, Understanding.EntityMatch::role)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("light.kitchen_ceiling", "target"),
                        org.assertj.core.groups.Tuple.tuple("binary_sensor.hallway_motion", "trigger"),
                        org.assertj.core.groups.Tuple.tuple("lock.front_door", "condition"));
        assertThat(u.draft()).containsKeys("id", "alias", "description", "mode", "triggers", "conditions", "actions");
        assertThat((String) u.draft().get("id")).matches("hestia_llm_[0-9a-f]{12}");
        assertThat(u.draft().get("alias")).isEqualTo("When there is motion in the hall turn on the kitchen light");
        assertThat(u.draft().get("triggers")).isEqualTo(u.triggers());
        assertThat(u.areas()).extracting(Understanding.Place::id).containsExactly("kitchen");
        // the same request gets the same draft id
        assertThat(LlmAnswer.read("""
                {"intent": "automation",
                 "triggers": [{"trigger": "time", "at": "07:00:00"}],
                 "actions": [{"action": "light.turn_on", "target": {"entity_id": "light.kitchen_ceiling"}}]}""",
                "When there is motion in the hall turn on the kitchen light", home).orElseThrow().draft().get("id"))
                .isEqualTo(u.draft().get("id"));
    }

    @Test
    void aFencedAnswerIsRead() throws Exception {
        Understanding u = read("""
                ```json
                {"intent": "HassTurnOff", "targets": ["media_player.tv"]}
                ```""");
        assertThat(u.intent()).isEqualTo("HassTurnOff");
        assertThat(read("```\n{\"intent\": \"HassToggle\", \"slots\": {\"name\": \"telly\"}}\n```").slots())
                .containsEntry("name", "telly");
    }

    @Test
    void unknownIsNoInterpretation() throws Exception {
        assertThat(LlmAnswer.read("{\"intent\": \"unknown\"}", "x", home)).isEqualTo(Optional.empty());
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "{\"intent\": \"HassTurnOn\", \"targets\": [\"light.garage\"]}| unknown entity id 'light.garage'",
            "{\"intent\": \"HassTurnOn\", \"slots\": {\"area\": \"Garage\"}}| unknown area 'Garage'",
            "{\"intent\": \"HassTurnOn\", \"slots\": {\"floor\": \"attic\"}}| unknown floor 'attic'",
            "{\"intent\": \"HassTurnOn\", \"slots\": {\"name\": \"Garage light\"}}| no entity is called 'Garage light'",
            "{\"intent\": \"HassTurnOn\", \"slots\": {\"domain\": \"fan\"}}| the home has no fan entity",
            "{\"intent\": \"HassTurnOn\", \"slots\": {\"device_class\": \"door\"}}| no entity of class door",
            "{\"intent\": \"HassTurnOn\", \"slots\": {\"room\": \"Kitchen\"}}| unknown slot 'room'",
            "{\"intent\": \"HassLightSet\", \"targets\": [\"light.reading_lamp\"], \"slots\": {\"brightness\": 150}}"
                    + "| slot brightness: 150 is outside 0-100",
            "{\"intent\": \"HassLightSet\", \"targets\": [\"light.reading_lamp\"], \"slots\": {\"brightness\": \"50\"}}"
                    + "| slot brightness: not a number",
            "{\"intent\": \"HassSetPosition\", \"targets\": [\"cover.bedroom_blind\"], \"slots\": {\"position\": -5}}"
                    + "| slot position: -5 is outside 0-100",
            "{\"intent\": \"HassClimateSetTemperature\", \"targets\": [\"climate.thermostat\"],"
                    + " \"slots\": {\"temperature\": 38}}| 38 is neither 5-35 °C nor 40-95 °F",
            "{\"intent\": \"HassClimateSetTemperature\", \"targets\": [\"climate.thermostat\"],"
                    + " \"slots\": {\"temperature\": 120}}| 120 is neither",
            "{\"intent\": \"HassLightSet\", \"targets\": [\"lock.front_door\"]}| HassLightSet cannot act on lock.front_door",
            "{\"intent\": \"HassTurnOn\"}| HassTurnOn names nothing to act on",
            "{\"intent\": \"HassOpenGarage\", \"targets\": [\"light.reading_lamp\"]}| unknown intent 'HassOpenGarage'",
            "{\"slots\": {}}| intent missing",
            "{\"intent\": \"HassTurnOn\", \"targets\": [\"light.reading_lamp\"], \"explanation\": \"x\"}"
                    + "| unexpected key 'explanation'",
            "{\"intent\": \"HassTurnOn\", \"targets\": \"light.reading_lamp\"}| targets is not a list",
            "{\"intent\": \"HassTurnOn\", \"targets\": [\"light.reading_lamp\"],"
                    + " \"triggers\": [{\"trigger\": \"time\", \"at\": \"07:00\"}]}| is a command: it has no triggers",
            "{\"intent\": \"automation\", \"triggers\": [{\"platform\": \"time\", \"at\": \"07:00\"}],"
                    + " \"actions\": [{\"action\": \"light.turn_on\"}]}| triggers[0]: no 'trigger' key",
            "{\"intent\": \"automation\", \"triggers\": [{\"trigger\": \"time\", \"at\": \"07:00\"}],"
                    + " \"actions\": [{\"service\": \"light.turn_on\"}]}| actions[0]: no 'action' key",
            "{\"intent\": \"automation\", \"triggers\": [{\"trigger\": \"time\", \"at\": \"07:00\"}],"
                    + " \"actions\": [{\"action\": \"turn on the light\"}]}| is not <domain>.<service>",
            "{\"intent\": \"automation\", \"triggers\": [{\"trigger\": \"time\", \"at\": \"07:00\"}]}"
                    + "| needs at least one trigger and one action",
            "{\"intent\": \"automation\", \"triggers\": [{\"trigger\": \"state\", \"entity_id\": \"sensor.ghost\"}],"
                    + " \"actions\": [{\"action\": \"light.turn_on\"}]}| unknown entity id 'sensor.ghost'",
            "{\"intent\": \"automation\", \"triggers\": [{\"trigger\": \"time\", \"at\": \"07:00\"}],"
                    + " \"conditions\": [{\"condition\": \"state\", \"entity_id\": [\"lock.front_door\", \"lock.back\"],"
                    + " \"state\": \"locked\"}], \"actions\": [{\"action\": \"light.turn_on\"}]}"
                    + "| unknown entity id 'lock.back'",
            "{\"intent\": \"automation\", \"triggers\": [{\"trigger\": \"time\", \"at\": \"07:00\"}],"
                    + " \"actions\": [{\"action\": \"light.turn_on\", \"target\": {\"area_id\": \"garage\"}}]}"
                    + "| unknown area id 'garage'",
            "{\"intent\": \"automation\", \"triggers\": [{\"trigger\": \"time\", \"at\": \"07:00\"}],"
                    + " \"actions\": [{\"action\": \"light.turn_on\", \"target\": {\"device_id\": \"abc\"}}]}"
                    + "| device ids are not accepted",
            "{\"intent\": \"automation\", \"triggers\": [{\"trigger\": \"time\", \"at\": \"07:00\"}],"
                    + " \"actions\": [{\"action\": \"light.turn_on\", \"data\": {\"brightness_pct\": 300}}]}"
                    + "| actions[0].data.brightness_pct: 300 is outside 0-100",
            "{\"intent\": \"automation\", \"triggers\": [{\"trigger\": \"template\","
                    + " \"value_template\": \"{{ is_state('light.x', 'on') }}\"}],"
                    + " \"actions\": [{\"action\": \"light.turn_on\"}]}| templates are not accepted",
            "{\"intent\": \"automation\", \"triggers\": [{\"trigger\": \"time\", \"at\": \"25:00\"}],"
                    + " \"actions\": [{\"action\": \"light.turn_on\"}]}| Home Assistant would refuse it",
    })
    void anInvalidAnswerIsRejectedWithItsReason(String json, String reason) {
        rejected(json, reason.strip());
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "| empty answer",
            "not json at all| not valid JSON",
            "{\"intent\": \"HassTurnOn\", | not valid JSON",
            "[\"light.reading_lamp\"]| not a JSON object",
            "{\"intent\": \"HassTurnOn\"} trailing| not valid JSON",
            "{\"intent\": \"HassTurnOn\", \"intent\": \"HassTurnOff\"}| not valid JSON",
            "```json\\n{\"intent\": \"HassTurnOn\"}| unterminated code fence",
            "```yaml\\nintent: HassTurnOn\\n```| code fence of 'yaml'",
    })
    void aMalformedAnswerIsRejected(String content, String reason) {
        assertThatThrownBy(() -> LlmAnswer.object(content == null ? "" : content.replace("\\n", "\n")))
                .isInstanceOf(LlmAnswer.Rejected.class).hasMessageContaining(reason.strip());
    }

    @Test
    void slotsAreNormalisedToTheRegistrysSpelling() throws Exception {
        Understanding u = read("""
                {"intent": "HassTurnOn", "slots": {"floor": "UPSTAIRS", "domain": "cover", "device_class": "shade",
                 "name": "bedroom BLIND", "color": [255, 0, 10], "volume": null}}""");
        assertThat(u.slots()).containsEntry("floor", "First floor").containsEntry("name", "Bedroom blind")
                .containsEntry("color", List.of(255, 0, 10)).doesNotContainKey("volume");
        assertThat(u.floors()).containsExactly(new Understanding.Place("first", "First floor"));
        assertThat(u.entities()).isEmpty();
        assertThat(read("""
                {"intent": "HassClimateSetTemperature", "targets": ["climate.thermostat"],
                 "slots": {"temperature": 70.5}}""").slots()).containsEntry("temperature", 70.5);
    }
}
