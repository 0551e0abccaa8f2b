package io.hestia.query.llm;

import io.hestia.query.HomeIndex;
import io.hestia.query.Understanding;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A small home for the LLM helper's tests, and scripted local results. */
final class TestHome {

    private TestHome() {
    }

    static HomeIndex home() {
        return HomeIndex.of(
                List.of(new HomeIndex.Floor("ground", "Ground floor", List.of("downstairs")),
                        new HomeIndex.Floor("first", "First floor", List.of("upstairs"))),
                List.of(new HomeIndex.Area("kitchen", "Kitchen", List.of(), "ground"),
                        new HomeIndex.Area("living_room", "Living Room", List.of("lounge"), "ground"),
                        new HomeIndex.Area("bedroom", "Bedroom", List.of(), "first")),
                List.of(entity("light.kitchen_ceiling", "Kitchen ceiling", List.of(), null, "kitchen"),
                        entity("light.reading_lamp", "Reading lamp", List.of("floor lamp"), null, "living_room"),
                        entity("binary_sensor.hallway_motion", "Hallway motion", List.of(), "motion", null),
                        entity("cover.bedroom_blind", "Bedroom blind", List.of(), "shade", "bedroom"),
                        entity("climate.thermostat", "Thermostat", List.of(), null, "living_room"),
                        entity("media_player.tv", "TV", List.of("telly"), "tv", "living_room"),
                        entity("lock.front_door", "Front door", List.of(), null, null)));
    }

    /** A home of n numbered sensors plus the reading lamp last, for the prompt's entity cap. */
    static HomeIndex big(int n) {
        List<HomeIndex.Entity> entities = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            entities.add(entity("sensor.probe_" + i, "Probe " + i, List.of(), "temperature", null));
        }
        entities.add(entity("light.reading_lamp", "Reading lamp", List.of("floor lamp"), null, "living_room"));
        return HomeIndex.of(List.of(), List.of(new HomeIndex.Area("living_room", "Living Room", List.of(), null)),
                entities);
    }

    private static HomeIndex.Entity entity(String id, String name, List<String> aliases, String deviceClass,
                                           String area) {
        return new HomeIndex.Entity(id, name, aliases, null, deviceClass, area, null, "off");
    }

    /** What a local parser that understood nothing returns. */
    static Understanding unknown(String text) {
        return new Understanding(Understanding.UNKNOWN, Map.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(), null, List.of(), 0.0, List.of(text));
    }

    /** A confident local command on the kitchen ceiling light. */
    static Understanding confident(double confidence) {
        return new Understanding("HassTurnOn", Map.of("name", "Kitchen ceiling"),
                List.of(new Understanding.EntityMatch("kitchen ceiling", "light.kitchen_ceiling", "Kitchen ceiling",
                        "kitchen", "Kitchen", "light", null, "target", 1.0)),
                List.of(), List.of(), List.of(), List.of(), List.of(), null, List.of(), confidence, List.of());
    }

    /** A local command that found no entity. */
    static Understanding noEntities(String text) {
        return new Understanding("HassTurnOn", Map.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), null, List.of(), 0.9, List.of(text));
    }
}
