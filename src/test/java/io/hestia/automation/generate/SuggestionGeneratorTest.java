package io.hestia.automation.generate;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hestia.ha.schema.HaAutomationSchema;
import io.hestia.ha.schema.HaYaml;
import io.hestia.ha.schema.SchemaFinding;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SuggestionGeneratorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final SuggestionGenerator gen = new SuggestionGenerator();

    static List<Map<String, Object>> items(String file, String field) {
        try (InputStream in = SuggestionGeneratorTest.class.getResourceAsStream("/automation/" + file)) {
            Map<String, List<Map<String, Object>>> m = JSON.readValue(in, new TypeReference<>() {
            });
            return m.get(field);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> item(String file, String field, String id) {
        return items(file, field).stream().filter(i -> id.equals(i.get("id"))).findFirst().orElseThrow();
    }

    private List<SuggestionDraft> all() {
        List<SuggestionDraft> out = new ArrayList<>();
        items("patterns.json", "patterns").forEach(i -> gen.fromPattern(i).ifPresent(out::add));
        items("synergies.json", "synergies").forEach(i -> gen.fromSynergy(i).ifPresent(out::add));
        return out;
    }

    @Test
    void everyDraftRoundTripsAndValidates() {
        List<SuggestionDraft> drafts = all();
        assertTrue(drafts.size() >= 20, "drafts: " + drafts.size());
        HaAutomationSchema schema = new HaAutomationSchema();
        for (SuggestionDraft d : drafts) {
            String yaml = HaYaml.dump(d.automation());
            assertEquals(d.automation(), HaYaml.load(yaml), yaml);
            List<SchemaFinding> errors = schema.validate(d.automation()).stream().filter(SchemaFinding::isError)
                    .toList();
            assertTrue(errors.isEmpty(), d.sourceId() + ": " + errors + "\n" + yaml);
            assertEquals(List.of("id", "alias", "description", "mode", "triggers", "conditions", "actions"),
                    List.copyOf(d.automation().keySet()));
            assertTrue(String.valueOf(d.automation().get("id")).matches("hestia_[0-9a-f]{12}"));
            assertEquals(d.key().substring(0, 12), String.valueOf(d.automation().get("id")).substring(7));
            assertEquals(d.key(), SuggestionGenerator.behaviourKey(d.automation()));
            assertEquals(d.title(), d.automation().get("alias"));
            assertTrue(d.title().length() <= 60, d.title());
            assertTrue(d.description().contains(d.evidence()), d.description());
            assertFalse(d.evidence().isBlank());
        }
    }

    @Test
    void sameItemGivesTheSameDraft() {
        List<SuggestionDraft> first = all();
        List<SuggestionDraft> second = new ArrayList<>();
        SuggestionGenerator other = new SuggestionGenerator();
        items("patterns.json", "patterns").forEach(i -> other.fromPattern(i).ifPresent(second::add));
        items("synergies.json", "synergies").forEach(i -> other.fromSynergy(i).ifPresent(second::add));
        assertEquals(first, second);
        List<String> yaml1 = first.stream().map(d -> HaYaml.dump(d.automation())).toList();
        List<String> yaml2 = second.stream().map(d -> HaYaml.dump(d.automation())).toList();
        assertEquals(yaml1, yaml2);
    }

    @Test
    void nonActionableTargetsGiveNothing() {
        for (Map<String, Object> i : items("patterns.json", "patterns")) {
            @SuppressWarnings("unchecked")
            List<String> ids = (List<String>) i.get("entity_ids");
            String target = ids.get(ids.size() - 1);
            String domain = target.substring(0, target.indexOf('.'));
            if (List.of("calendar", "person", "device_tracker", "binary_sensor", "sensor").contains(domain)) {
                assertEquals(Optional.empty(), gen.fromPattern(i), String.valueOf(i.get("id")));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> automation, String key) {
        return (List<Map<String, Object>>) automation.get(key);
    }

    @Test
    void timeOfDayOnWeekdaysIsATimeTriggerWithAWeekdayCondition() {
        SuggestionDraft d = gen.fromPattern(item("patterns.json", "patterns", "tod-848e059193d46e8a")).orElseThrow();
        Map<String, Object> a = d.automation();
        assertEquals(List.of(Map.of("trigger", "time", "at", "07:10:00")), a.get("triggers"));
        assertEquals(List.of(Map.of("condition", "time", "weekday", List.of("mon", "tue", "wed", "thu", "fri"))),
                a.get("conditions"));
        assertEquals("cover.open_cover", list(a, "actions").get(0).get("action"));
        assertEquals("single", a.get("mode"));
        assertEquals("comfort", d.category());
        assertTrue(HaYaml.dump(a).contains("at: '07:10:00'"), HaYaml.dump(a));
        // every day: no weekday condition
        SuggestionDraft daily = gen.fromPattern(item("patterns.json", "patterns", "tod-c98a3edfe611aa40"))
                .orElseThrow();
        assertEquals(List.of(), daily.automation().get("conditions"));
    }

    @Test
    void climateOnlyToAKnownHvacModeAndNeverUnlockOnASchedule() {
        Map<String, Object> heat = item("patterns.json", "patterns", "tod-af03fc38f2678e54");
        Map<String, Object> a = gen.fromPattern(heat).orElseThrow().automation();
        assertEquals(Map.of("action", "climate.set_hvac_mode", "target",
                Map.of("entity_id", "climate.living_room_thermostat"), "data", Map.of("hvac_mode", "heat")),
                list(a, "actions").get(0));
        Map<String, Object> preset = new java.util.HashMap<>(heat);
        preset.put("state", "comfort");
        assertEquals(Optional.empty(), gen.fromPattern(preset));
        Map<String, Object> unlock = new java.util.HashMap<>(heat);
        unlock.put("entity_ids", List.of("lock.entrance_front_door"));
        unlock.put("state", "unlocked");
        assertEquals(Optional.empty(), gen.fromPattern(unlock));
        unlock.put("state", "locked");
        SuggestionDraft lock = gen.fromPattern(unlock).orElseThrow();
        assertEquals("lock.lock", list(lock.automation(), "actions").get(0).get("action"));
        assertEquals("security", lock.category());
        Map<String, Object> disarm = new java.util.HashMap<>(heat);
        disarm.put("entity_ids", List.of("alarm_control_panel.home"));
        disarm.put("state", "disarmed");
        assertEquals(Optional.empty(), gen.fromPattern(disarm));
    }

    @Test
    void coOccurrenceNeverUnlocksAndSkipsTransitionalStates() {
        for (String id : List.of("pat-9989f19782a4c355", "pat-f9a6f3a17d58774d", "pat-b2034a95a88fc8c6",
                "pat-ac9b4fe9005f3c33")) {
            assertEquals(Optional.empty(), gen.fromPattern(item("patterns.json", "patterns", id)), id);
        }
    }

    @Test
    void coOccurrenceTriggersOnTheFirstEntityAndMotionLightsRestart() {
        SuggestionDraft d = gen.fromPattern(item("patterns.json", "patterns", "pat-492f23005f445978")).orElseThrow();
        Map<String, Object> a = d.automation();
        assertEquals(List.of(Map.of("trigger", "state", "entity_id", "binary_sensor.bathroom_motion", "to", "on")),
                a.get("triggers"));
        assertEquals("light.turn_on", list(a, "actions").get(0).get("action"));
        assertEquals("restart", a.get("mode"));
        assertEquals("Bathroom Ceiling Light on with Bathroom Motion", d.title());
        assertEquals("convenience", d.category());
        SuggestionDraft leave = gen.fromPattern(item("patterns.json", "patterns", "pat-d54e2f38bc7ef9c3"))
                .orElseThrow();
        assertEquals("single", leave.automation().get("mode"));
        assertEquals("energy", leave.category());
        assertEquals("high", leave.priority());
    }

    @Test
    void motionLightSynergyIsTheBlueprintIdiom() {
        SuggestionDraft d = gen.fromSynergy(item("synergies.json", "synergies", "syn-a1711a945ea6bef9"))
                .orElseThrow();
        Map<String, Object> a = d.automation();
        assertEquals("restart", a.get("mode"));
        assertEquals(List.of(Map.of("trigger", "state", "entity_id", "binary_sensor.bathroom_motion", "from", "off",
                "to", "on")), a.get("triggers"));
        List<Map<String, Object>> actions = list(a, "actions");
        assertEquals(4, actions.size());
        assertEquals("light.turn_on", actions.get(0).get("action"));
        assertTrue(actions.get(1).containsKey("wait_for_trigger"));
        assertEquals(Map.of("minutes", SuggestionGenerator.MOTION_OFF_MINUTES), actions.get(2).get("delay"));
        assertEquals("light.turn_off", actions.get(3).get("action"));
        assertEquals(List.of(), a.get("conditions"), "no sun condition unless the item says so");
        // the observed off-delay (median 3.3 min) replaces the default
        SuggestionDraft observed = gen.fromSynergy(item("synergies.json", "synergies", "syn-c588b910cdd89c49"))
                .orElseThrow();
        assertEquals(Map.of("minutes", 3), list(observed.automation(), "actions").get(2).get("delay"));
        Map<String, Object> night = new java.util.HashMap<>(item("synergies.json", "synergies",
                "syn-a1711a945ea6bef9"));
        night.put("explanation", "Bathroom Motion turns on Bathroom Ceiling Light after sunset.");
        assertEquals(List.of(Map.of("condition", "state", "entity_id", "sun.sun", "state", "below_horizon")),
                gen.fromSynergy(night).orElseThrow().automation().get("conditions"));
    }

    @Test
    void doorLockFromPatternAndSynergyIsOneBehaviour() {
        SuggestionDraft syn = gen.fromSynergy(item("synergies.json", "synergies", "syn-4c288bfaf7da138a"))
                .orElseThrow();
        SuggestionDraft pat = gen.fromPattern(item("patterns.json", "patterns", "pat-8501d8d43c1908a6"))
                .orElseThrow();
        assertEquals(List.of(Map.of("trigger", "state", "entity_id", "binary_sensor.entrance_front_door", "to", "off",
                "for", Map.of("minutes", SuggestionGenerator.DOOR_LOCK_MINUTES))), syn.automation().get("triggers"));
        assertEquals("lock.lock", list(syn.automation(), "actions").get(0).get("action"));
        assertEquals(syn.key(), pat.key());
        assertEquals(syn.automation().get("id"), pat.automation().get("id"));
        assertEquals("security", syn.category());
    }

    @Test
    void chainActsInOrderFromTheStateTheFirstStepReaches() {
        SuggestionDraft d = gen.fromSynergy(item("synergies.json", "synergies", "syn-11a776dd8c229abc"))
                .orElseThrow();
        List<Map<String, Object>> actions = list(d.automation(), "actions");
        assertEquals(List.of("lock.lock", "light.turn_off"), actions.stream().map(x -> x.get("action")).toList());
        assertEquals(List.of("binary_sensor.entrance_front_door", "lock.entrance_front_door",
                "light.entrance_ceiling_light"), d.entityIds());
        // TV turned on by the first step never reaches "playing", the second rule's trigger: no chain
        assertEquals(Optional.empty(), gen.fromSynergy(item("synergies.json", "synergies", "syn-6ce2cf5d8d724d95")));
    }

    @Test
    void rulesNeedingAThresholdOrAnAlwaysOnPlugGiveNothing() {
        assertEquals(Optional.empty(), gen.fromSynergy(item("synergies.json", "synergies", "syn-42eab0bbad45370e")));
        Map<String, Object> fridge = new java.util.HashMap<>(item("synergies.json", "synergies",
                "syn-263853f3c0c687a7"));
        fridge.put("entity_ids", List.of("light.kitchen_light_strip", "switch.kitchen_fridge"));
        assertEquals(Optional.empty(), gen.fromSynergy(fridge));
        // a rule never observed in this home is not suggested for a switch (it may be an appliance) ...
        assertEquals(Optional.empty(), gen.fromSynergy(item("synergies.json", "synergies", "syn-263853f3c0c687a7")));
        // ... once observed, the plug follows the light
        Map<String, Object> seen = new java.util.HashMap<>(item("synergies.json", "synergies", "syn-263853f3c0c687a7"));
        Map<String, Object> details = new java.util.HashMap<>((Map<String, Object>) seen.get("details"));
        details.put("observed_support", 12);
        seen.put("details", details);
        SuggestionDraft plug = gen.fromSynergy(seen).orElseThrow();
        assertEquals(2, list(plug.automation(), "triggers").size());
        assertTrue(list(plug.automation(), "actions").get(0).containsKey("choose"));
    }

    @Test
    void namesComeFromTheLookupElseFromTheObjectId() {
        SuggestionGenerator named = new SuggestionGenerator(
                id -> id.equals("binary_sensor.bathroom_motion") ? "Bad Bewegung" : null);
        SuggestionDraft d = named.fromSynergy(item("synergies.json", "synergies", "syn-a1711a945ea6bef9"))
                .orElseThrow();
        assertEquals("Bathroom Ceiling Light on with Bad Bewegung", d.title());
        SuggestionDraft tv = gen.fromPattern(item("patterns.json", "patterns", "tod-4ae3ce21d4427248"))
                .orElseThrow();
        assertEquals("Turn on Living Room TV at 19:59", tv.title());
    }

    @Test
    void queryDraftIsWrappedAsIsAndDedupesWithTheSameBehaviour() throws IOException {
        Map<String, Object> q;
        try (InputStream in = getClass().getResourceAsStream("/automation/query.json")) {
            q = JSON.readValue(in, new TypeReference<>() {
            });
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> draft = (Map<String, Object>) q.get("automation_draft");
        String request = (String) q.get("query");
        SuggestionDraft d = gen.fromQuery((String) q.get("query_id"), request, draft, 0.9).orElseThrow();
        assertEquals("query", d.source());
        assertEquals(request, d.evidence());
        assertTrue(d.description().contains(request));
        assertTrue(d.title().length() <= 60, d.title());
        assertTrue(d.title().startsWith("Turn on the bathroom ceiling light"), d.title());
        for (String k : List.of("mode", "triggers", "conditions", "actions", "id")) {
            assertEquals(draft.get(k), d.automation().get(k), k);
        }
        assertEquals(List.of("id", "alias", "description", "mode", "triggers", "conditions", "actions"),
                List.copyOf(d.automation().keySet()));
        assertEquals(d.automation(), HaYaml.load(HaYaml.dump(d.automation())));
        assertTrue(new HaAutomationSchema().validate(d.automation()).stream().noneMatch(SchemaFinding::isError));
        // the same behaviour written in HA's legacy spelling has the same key
        Map<String, Object> legacy = Map.of("trigger", Map.of("platform", "state", "entity_id",
                List.of("binary_sensor.bathroom_motion"), "to", "on"), "condition", List.of(Map.of("condition",
                "state", "entity_id", "sun.sun", "state", "below_horizon")), "action", List.of(Map.of("service",
                "light.turn_on", "data", Map.of("entity_id", "light.bathroom_ceiling_light"))));
        assertEquals(d.key(), SuggestionGenerator.behaviourKey(legacy));
        Map<String, Object> noId = new java.util.LinkedHashMap<>(draft);
        noId.remove("id");
        noId.remove("alias");
        noId.remove("description");
        SuggestionDraft bare = gen.fromQuery("q", request, noId, 0.5).orElseThrow();
        assertEquals("hestia_" + bare.key().substring(0, 12), bare.automation().get("id"));
        assertTrue(String.valueOf(bare.automation().get("description")).contains(request));
        assertEquals(Optional.empty(), gen.fromQuery("q", request, Map.of("triggers", List.of()), 0.5));
    }
}
