package io.hestia.query;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.hestia.query.SimulatedHomeParsing.HOME;
import static io.hestia.query.SimulatedHomeParsing.PARSER;
import static io.hestia.query.SimulatedHomeParsing.assertValidDraft;
import static io.hestia.query.SimulatedHomeParsing.ids;
import static io.hestia.query.SimulatedHomeParsing.parse;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local parser over the built-in simulated home (seed 42): commands, questions and automation requests, the
 * clarification questions it asks and how answers resolve them. Every draft must pass HA's own schema check.
 */
class RequestParserTest {





    @Test
    void namedEntityCommand() {
        Understanding u = parse("Turn on the kitchen ceiling light");
        assertThat(u.intent()).isEqualTo("HassTurnOn");
        assertThat(u.slots()).containsEntry("name", "Kitchen Ceiling Light").containsEntry("domain", "light");
        assertThat(ids(u, "target")).containsExactly("light.kitchen_ceiling_light");
        assertThat(u.actions()).containsExactly(Map.of("action", "light.turn_on",
                "target", Map.of("entity_id", "light.kitchen_ceiling_light")));
        assertThat(u.questions()).isEmpty();
        assertThat(u.confidence()).isGreaterThan(0.9);
    }

    @Test
    void areaAndDomainWordsTargetEveryMatchingEntity() {
        Understanding u = parse("switch off all the lights in the bedroom please");
        assertThat(u.intent()).isEqualTo("HassTurnOff");
        assertThat(u.slots()).containsEntry("area", "Bedroom").containsEntry("domain", "light")
                .doesNotContainKey("name");
        assertThat(ids(u, "target")).containsExactlyInAnyOrder("light.bedroom_ceiling_light",
                "light.bedroom_floor_lamp");
    }

    @Test
    void theSpeakersAreaAnswersHere() {
        Understanding u = PARSER.parse("turn the lights on in here", HOME, "living_room", Map.of());
        assertThat(u.slots()).containsEntry("area", "Living Room");
        assertThat(ids(u, "target")).containsExactlyInAnyOrder("light.living_room_ceiling_light",
                "light.living_room_reading_lamp");
    }

    @Test
    void typosAreCorrectedWithLowerConfidence() {
        Understanding u = parse("turn on the bedrom flor lamp");
        assertThat(u.slots()).containsEntry("name", "Bedroom Floor Lamp");
        assertThat(u.confidence()).isLessThan(parse("turn on the bedroom floor lamp").confidence());
    }

    @Test
    void valuesPickTheSettingIntent() {
        Understanding light = parse("set the bedroom floor lamp to 40%");
        assertThat(light.intent()).isEqualTo("HassLightSet");
        assertThat(light.slots()).containsEntry("brightness", 40);
        assertThat(light.actions().get(0)).containsEntry("data", Map.of("brightness_pct", 40));

        Understanding heat = parse("set the living room thermostat to 21.5 degrees");
        assertThat(heat.intent()).isEqualTo("HassClimateSetTemperature");
        assertThat(heat.actions().get(0)).containsEntry("action", "climate.set_temperature")
                .containsEntry("data", Map.of("temperature", 21.5));

        Understanding blinds = parse("set the bedroom blinds to 30 percent");
        assertThat(blinds.intent()).isEqualTo("HassSetPosition");
        assertThat(blinds.slots()).containsEntry("position", 30);

        Understanding red = parse("make the living room reading lamp red");
        assertThat(red.slots()).containsEntry("color", "red");
    }

    @Test
    void stateQuestions() {
        Understanding door = parse("is the front door open?");
        assertThat(door.intent()).isEqualTo("HassGetState");
        assertThat(door.slots()).containsEntry("name", "Front Door").containsEntry("state", "on")
                .containsEntry("device_class", "door");
        Understanding lights = parse("which lights are on in the kitchen?");
        assertThat(lights.slots()).containsEntry("domain", "light").containsEntry("area", "Kitchen")
                .containsEntry("state", "on");
    }

    @Test
    void motionLightAfterSunset() {
        Understanding u = parse("turn on the entrance ceiling light when motion is detected after sunset");
        assertThat(u.intent()).isEqualTo(Understanding.AUTOMATION);
        assertThat(u.triggers()).containsExactly(Map.of("trigger", "state",
                "entity_id", "binary_sensor.entrance_motion", "to", "on"));
        // not HA's "condition: sun, after: sunset", which stops at midnight
        assertThat(u.conditions()).containsExactly(Map.of("condition", "state", "entity_id", "sun.sun",
                "state", "below_horizon"));
        assertThat(u.actions()).containsExactly(Map.of("action", "light.turn_on",
                "target", Map.of("entity_id", "light.entrance_ceiling_light")));
        assertThat(u.questions()).isEmpty();
        assertValidDraft(u);
        assertThat(u.draft()).containsEntry("mode", "restart");
    }

    @Test
    void timesDaysOffsetsThresholdsAndQuietPeriods() {
        Understanding coffee = parse("turn on the coffee maker at 6:45 am every weekday");
        assertThat(coffee.triggers()).containsExactly(Map.of("trigger", "time", "at", "06:45:00"));
        assertThat(coffee.conditions()).containsExactly(Map.of("condition", "time",
                "weekday", List.of("mon", "tue", "wed", "thu", "fri")));
        assertThat(ids(coffee, "target")).containsExactly("switch.kitchen_coffee_maker");
        assertValidDraft(coffee);

        Understanding blinds = parse("close the bedroom blinds 30 minutes before sunset");
        assertThat(blinds.triggers()).containsExactly(Map.of("trigger", "sun", "event", "sunset",
                "offset", "-00:30:00"));
        assertValidDraft(blinds);

        Understanding hot = parse("when the living room temperature goes above 25 degrees turn off the thermostat");
        assertThat(hot.triggers()).containsExactly(Map.of("trigger", "numeric_state",
                "entity_id", "sensor.living_room_temperature", "above", 25));
        assertThat(hot.actions().get(0)).containsEntry("action", "climate.turn_off");
        assertValidDraft(hot);

        Understanding quiet = parse("turn off the bathroom light after 10 minutes without motion");
        assertThat(quiet.triggers()).containsExactly(Map.of("trigger", "state",
                "entity_id", "binary_sensor.bathroom_motion", "to", "off", "for", "00:10:00"));
        assertValidDraft(quiet);

        Understanding night = parse("between 10pm and 6am when motion is detected in the bathroom turn on the "
                + "bathroom ceiling light at 10 percent");
        assertThat(night.conditions()).containsExactly(Map.of("condition", "time", "after", "22:00:00",
                "before", "06:00:00"));
        assertThat(night.actions().get(0)).containsEntry("data", Map.of("brightness_pct", 10));
        assertValidDraft(night);
    }

    @Test
    void severalActionsAndDurations() {
        Understanding two = parse("when the front door opens, turn on the entrance ceiling light and notify me");
        assertThat(two.actions()).hasSize(2);
        assertThat(two.actions().get(1)).containsEntry("action", "notify.notify");
        assertValidDraft(two);

        Understanding flash = parse("flash the living room lights when the front door opens");
        assertThat(flash.actions()).singleElement().satisfies(a -> assertThat(a)
                .containsEntry("action", "light.turn_on").containsEntry("data", Map.of("flash", "short")));
        assertValidDraft(flash);

        Understanding timed = parse("at sunset turn on the entrance outdoor light for 2 hours");
        assertThat(timed.actions()).containsExactly(
                Map.of("action", "light.turn_on", "target", Map.of("entity_id", "light.entrance_outdoor_light")),
                Map.of("delay", "02:00:00"),
                Map.of("action", "light.turn_off", "target", Map.of("entity_id", "light.entrance_outdoor_light")));
        assertValidDraft(timed);
    }

    @Test
    void presenceConditionCoversEveryone() {
        Understanding u = parse("lock the front door at 22:30 if nobody is home");
        assertThat(u.triggers()).containsExactly(Map.of("trigger", "time", "at", "22:30:00"));
        assertThat(u.conditions()).containsExactly(Map.of("condition", "state",
                "entity_id", List.of("person.sam", "person.robin"), "state", "not_home"));
        assertThat(u.actions().get(0)).containsEntry("action", "lock.lock");
        assertValidDraft(u);
    }

    @Test
    void whoIsIAskedThenAnswered() {
        String text = "when I get home turn on the living room ceiling light";
        Understanding first = parse(text);
        assertThat(first.questions()).singleElement().satisfies(q -> {
            assertThat(q.id()).isEqualTo("person:me");
            assertThat(q.options()).extracting(Understanding.Option::value)
                    .containsExactly("person.sam", "person.robin");
        });
        Understanding answered = PARSER.parse(text, HOME, null, Map.of("person:me", "person.robin"));
        assertThat(answered.questions()).isEmpty();
        assertThat(answered.triggers()).containsExactly(Map.of("trigger", "state", "entity_id", "person.robin",
                "to", "home"));
        assertThat(answered.confidence()).isGreaterThan(first.confidence());
        assertValidDraft(answered);
    }

    @Test
    void severalMatchesForOneMentionAskWhich() {
        String text = "turn on the entrance light when the front door opens";
        Understanding first = parse(text);
        assertThat(first.questions()).singleElement().satisfies(q -> {
            assertThat(q.kind()).isEqualTo("device");
            assertThat(q.options()).extracting(Understanding.Option::value).contains(
                    "light.entrance_ceiling_light", "light.entrance_outdoor_light", "all");
        });
        String id = first.questions().get(0).id();
        Understanding answered = PARSER.parse(text, HOME, null, Map.of(id, "light.entrance_outdoor_light"));
        assertThat(answered.questions()).isEmpty();
        assertThat(ids(answered, "target")).containsExactly("light.entrance_outdoor_light");
    }

    @Test
    void missingSensorsAndUnknownDevicesAreAskedAbout() {
        Understanding hall = parse("when motion is detected in the hallway turn on the light");
        assertThat(hall.questions()).extracting(Understanding.Question::id)
                .contains("trigger:motion_sensor_in_hallway");
        assertThat(hall.questions().get(0).options()).extracting(Understanding.Option::value)
                .containsExactlyInAnyOrder("binary_sensor.entrance_motion", "binary_sensor.bathroom_motion");
        assertThat(hall.draft()).isNull();

        Understanding jacuzzi = parse("turn on the jacuzzi");
        assertThat(jacuzzi.questions()).extracting(Understanding.Question::id).containsExactly("unknown:jacuzzi");
        assertThat(jacuzzi.unparsed()).contains("jacuzzi");
        assertThat(jacuzzi.confidence()).isLessThan(0.5);
    }

    @Test
    void aNameOutsideTheNamedPlaceIsAskedAbout() {
        String text = "turn on the bedroom floor lamp in the kitchen";
        Understanding u = parse(text);
        assertThat(u.questions()).singleElement().satisfies(q -> {
            assertThat(q.kind()).isEqualTo("area");
            assertThat(q.options()).extracting(Understanding.Option::value).contains("light.bedroom_floor_lamp",
                    "light.kitchen_ceiling_light");
        });
        Understanding answered = PARSER.parse(text, HOME, null,
                Map.of(u.questions().get(0).id(), "light.bedroom_floor_lamp"));
        assertThat(answered.questions()).isEmpty();
        assertThat(ids(answered, "target")).containsExactly("light.bedroom_floor_lamp");
    }

    @Test
    void theStateAskedPicksTheEntityBehindAName() {
        // "Front Door" names the door sensor; "unlocked" can only be the lock
        Understanding u = parse("notify me when the front door is unlocked for 10 minutes");
        assertThat(u.triggers()).containsExactly(Map.of("trigger", "state", "entity_id", "lock.entrance_front_door",
                "to", "unlocked", "for", "00:10:00"));
        assertThat(u.actions().get(0)).isEqualTo(Map.of("action", "notify.notify",
                "data", Map.of("message", "Front Door Lock is unlocked (for 00:10:00) in Entrance")));
        assertValidDraft(u);
    }

    @Test
    void anInferredPlaceFallsBackToTheOnlyDeviceOfItsKind() {
        Understanding u = parse("if the bedroom temperature drops below 18 degrees turn on the thermostat");
        assertThat(u.triggers()).containsExactly(Map.of("trigger", "numeric_state",
                "entity_id", "sensor.bedroom_temperature", "below", 18));
        assertThat(ids(u, "target")).containsExactly("climate.living_room_thermostat");
        assertThat(u.unparsed()).isEmpty();
    }

    @Test
    void wordsCloseToANameAreNotCorrectedIntoIt() {
        Understanding u = parse("open the bedroom blinds halfway");
        assertThat(u.intent()).isEqualTo("HassSetPosition");
        assertThat(u.slots()).containsEntry("position", 50).doesNotContainKey("area");
    }

    @Test
    void upstairsMeansTheFloorsAboveTheGroundFloorByLevel() {
        HomeIndex leveled = HomeIndex.of(List.of(new HomeIndex.Floor("ground", "Ground", List.of(), 0),
                        new HomeIndex.Floor("first", "First", List.of(), 1),
                        new HomeIndex.Floor("attic", "Attic", List.of(), 2)),
                List.of(new HomeIndex.Area("hall", "Hall", List.of(), "ground"),
                        new HomeIndex.Area("bed", "Bedroom", List.of(), "first"),
                        new HomeIndex.Area("loft", "Loft", List.of(), "attic")),
                List.of(new HomeIndex.Entity("light.hall", "Hall Light", List.of(), null, null, "hall", null, "on"),
                        new HomeIndex.Entity("light.bed", "Bed Light", List.of(), null, null, "bed", null, "on"),
                        new HomeIndex.Entity("light.loft", "Loft Light", List.of(), null, null, "loft", null, "on")));
        Understanding up = PARSER.parse("turn off all the lights upstairs", leveled, null, Map.of());
        assertThat(ids(up, "target")).containsExactlyInAnyOrder("light.bed", "light.loft");
        Understanding down = PARSER.parse("turn off the lights downstairs", leveled, null, Map.of());
        assertThat(ids(down, "target")).containsExactly("light.hall");
    }

    @Test
    void afterSunsetAloneStartsAtSunset() {
        Understanding u = parse("turn on the entrance outdoor light after sunset");
        assertThat(u.triggers()).containsExactly(Map.of("trigger", "sun", "event", "sunset"));
        assertThat(u.conditions()).isEmpty();
        assertValidDraft(u);
    }

    @Test
    void emptyAndNonsenseTextIsUnknown() {
        assertThat(parse("").intent()).isEqualTo(Understanding.UNKNOWN);
        Understanding u = parse("blorp zzz");
        assertThat(u.intent()).isEqualTo(Understanding.UNKNOWN);
        assertThat(u.confidence()).isLessThan(0.3);
    }
}
