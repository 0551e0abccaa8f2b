package io.hestia.ha.home;

import io.hestia.ha.HaTime;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HomeFilesTest {

    @TempDir
    Path tmp;

    private static Path fixture() throws URISyntaxException {
        return Path.of(HomeFilesTest.class.getResource("/homes/intents-fixtures.yaml").toURI());
    }

    private static Map<String, Home.Entity> byId(Home home) {
        return home.entities().stream().collect(Collectors.toMap(Home.Entity::entityId, Function.identity()));
    }

    @Test
    void readsTheRealIntentsFixtureAsItIs() throws Exception {
        List<String> warnings = new ArrayList<>();
        Home home = HomeFiles.read(fixture(), HomeFiles.EntityIdPolicy.WARN, warnings::add);

        assertThat(home.name()).isEqualTo("intents-fixtures");
        assertThat(home.timeZone()).isEqualTo("UTC");
        assertThat(home.floors()).hasSize(5);
        assertThat(home.floors()).extracting(Home.Floor::floorId)
                .containsExactly("upstairs_id", "ground_floor_id", "first_floor_id", "second_floor_id", "basement_id");
        assertThat(home.floors().get(1).name()).isEqualTo("Ground Floor");
        assertThat(home.areas()).hasSize(8);
        assertThat(home.areas()).filteredOn(a -> a.areaId().equals("office_id"))
                .singleElement().satisfies(a -> {
                    assertThat(a.name()).isEqualTo("Office");
                    assertThat(a.floorId()).isEqualTo("basement_id");
                });
        assertThat(home.devices()).isEmpty();
        assertThat(home.events()).isEmpty();
        assertThat(home.entities()).hasSize(107);

        Map<String, Home.Entity> e = byId(home);
        assertThat(e.get("light.bedroom_lamp").areaId()).isEqualTo("bedroom_id");
        assertThat(e.get("light.bedroom_lamp").name()).isEqualTo("Bedroom Lamp");
        assertThat(e.get("light.bedroom_lamp").state()).isEqualTo("off");
        assertThat(e.get("light.kitchen_ceiling").areaId()).isEqualTo("kitchen_id");
        assertThat(e.get("media_player.tv").areaId()).isEqualTo("living_room_id");
        assertThat(e.get("lock.back_door").areaId()).isNull();
        assertThat(e.get("cover.curtain_left").deviceClass()).isEqualTo("curtain");
        assertThat(e.get("cover.curtain_right").deviceClass()).isEqualTo("curtain");
        assertThat(e.get("cover.bedroom").deviceClass()).isEqualTo("curtain");
        assertThat(e.get("cover.bedroom").attributes()).containsEntry("position", "0");
        assertThat(e.get("cover.shade_left").deviceClass()).isEqualTo("shade");
        assertThat(e.get("climate.thermostat").attributes()).containsEntry("current_temperature", 68);
        assertThat(e.get("sensor.outside_temperature").state()).isEqualTo("42");
        assertThat(e.get("sensor.outside_temperature").attributes()).containsEntry("unit_of_measurement", "°F");
        // spoken-state form {in, out}: the HA state is 'out'
        assertThat(e.get("binary_sensor.garage_motion").state()).isEqualTo("on");
        assertThat(e.get("binary_sensor.garage_motion").deviceClass()).isEqualTo("motion");
        assertThat(e.get("binary_sensor.phone_battery").state()).isEqualTo("off");
        assertThat(e.get("sensor.next_birthday").state()).isEqualTo("2024-04-01");
        assertThat(e.get("scene.party_mode").state()).isNull();
        assertThat(e.get("todo.trader_joes").state()).isEmpty();
        assertThat(e.get("todo.trader_joes").name()).isEqualTo("Trader Joe[']s");
        assertThat(e.get("person.ada").state()).isEqualTo("Work");
        assertThat(home.entities().stream().filter(x -> "kitchen_id".equals(x.areaId())).count()).isEqualTo(10);

        // the upstream fixture has two ids HA itself would reject; WARN accepts them and says so
        assertThat(e).containsKeys("sensor.traveling speed", "sensor.price_per_kW");
        assertThat(warnings).hasSize(2);
        assertThat(warnings.get(0)).contains("sensor.price_per_kW");
        assertThat(warnings.get(1)).contains("sensor.traveling speed");
    }

    @Test
    void strictReadOfTheFixtureNamesTheMalformedIds() {
        assertThatThrownBy(() -> HomeFiles.read(fixture()))
                .isInstanceOf(HomeFileException.class)
                .hasMessageContaining("intents-fixtures.yaml")
                .hasMessageContaining("entities[")
                .hasMessageContaining("'sensor.traveling speed'")
                .hasMessageContaining("'sensor.price_per_kW'");
    }

    @Test
    void unquotedYaml11ScalarsBecomeHaStateText() {
        String yaml = """
                entities:
                  - {id: light.a, state: on}
                  - {id: light.b, state: off}
                  - {id: switch.c, state: yes}
                  - {id: sensor.d, state: 21.5}
                  - {id: sensor.e, state: 42}
                  - {id: sensor.f, state: 2024-04-01}
                  - {id: sensor.g, state: "on"}
                """;
        Map<String, Home.Entity> e = byId(HomeFiles.read(yaml, null));
        assertThat(e.get("light.a").state()).isEqualTo("on");
        assertThat(e.get("light.b").state()).isEqualTo("off");
        assertThat(e.get("switch.c").state()).isEqualTo("on");
        assertThat(e.get("sensor.d").state()).isEqualTo("21.5");
        assertThat(e.get("sensor.e").state()).isEqualTo("42");
        assertThat(e.get("sensor.f").state()).isEqualTo("2024-04-01");
        assertThat(e.get("sensor.g").state()).isEqualTo("on");
    }

    @Test
    void extensionsAreRead() {
        String yaml = """
                name: "Flat 3"
                time_zone: "Europe/Berlin"
                floors: [{id: ground, name: Ground, level: 0, aliases: [downstairs]}]
                areas: [{id: kitchen, name: Kitchen, floor: ground, aliases: [galley]}]
                devices: [{id: d1, name: Plug, area: kitchen, manufacturer: Shelly, model: Plug S}]
                entities:
                  - {id: switch.kettle, name: Kettle, area: kitchen, device: d1, aliases: [water boiler], state: "off"}
                  - {id: sensor.kettle_power, device_id: d1, device_class: power, state: "0.0"}
                  - {id: binary_sensor.door, attributes: {device_class: door}, state: "off"}
                unknown_key: whatever
                """;
        Home home = HomeFiles.read(yaml, null);
        assertThat(home.name()).isEqualTo("Flat 3");
        assertThat(home.timeZone()).isEqualTo("Europe/Berlin");
        assertThat(home.floors().get(0)).isEqualTo(new Home.Floor("ground", "Ground", List.of("downstairs"), 0));
        assertThat(home.areas().get(0).aliases()).containsExactly("galley");
        assertThat(home.devices().get(0)).isEqualTo(new Home.Device("d1", "Plug", "kitchen", "Shelly", "Plug S"));
        Map<String, Home.Entity> e = byId(home);
        assertThat(e.get("switch.kettle").deviceId()).isEqualTo("d1");
        assertThat(e.get("switch.kettle").aliases()).containsExactly("water boiler");
        assertThat(e.get("sensor.kettle_power").deviceClass()).isEqualTo("power");
        assertThat(e.get("binary_sensor.door").deviceClass()).isEqualTo("door");
    }

    @Test
    void inlineEventsInHistoryShapeAreReadAndSorted() {
        String yaml = """
                entities:
                  - {id: binary_sensor.hall_motion, state: "off"}
                  - {id: light.hall, state: "off"}
                events:
                  - - {entity_id: binary_sensor.hall_motion, state: "off", attributes: {device_class: motion},
                       last_changed: "2026-01-05T00:00:00+00:00", last_updated: "2026-01-05T00:00:00+00:00"}
                    - {state: "on", last_changed: "2026-01-05T07:01:12.123456+00:00"}
                    - {entity_id: binary_sensor.hall_motion, state: "off",
                       last_changed: "2026-01-05T08:03:40+01:00", last_updated: "2026-01-05T08:03:40+01:00",
                       context: {id: "01JABC", parent_id: null, user_id: null}, origin: LOCAL}
                  - - {entity_id: light.hall, state: "on", last_changed: "2026-01-05T07:01:14.5Z",
                       old_state: {entity_id: light.hall, state: "off"},
                       context: {id: "01JDEF", parent_id: "01JXYZ", user_id: null}}
                """;
        Home home = HomeFiles.read(yaml, null);
        List<StateEvent> ev = home.events();
        assertThat(ev).extracting(StateEvent::entityId).containsExactly("binary_sensor.hall_motion",
                "binary_sensor.hall_motion", "light.hall", "binary_sensor.hall_motion");
        assertThat(ev.get(0).attributes()).containsEntry("device_class", "motion");
        assertThat(ev.get(1).state()).isEqualTo("on");
        assertThat(HaTime.format(ev.get(1).lastChanged())).isEqualTo("2026-01-05T07:01:12.123000+00:00");
        assertThat(ev.get(1).lastUpdated()).isEqualTo(ev.get(1).lastChanged());
        assertThat(ev.get(2).oldState()).isEqualTo("off");
        assertThat(ev.get(2).parentId()).isEqualTo("01JXYZ");
        assertThat(HaTime.format(ev.get(2).lastChanged())).isEqualTo("2026-01-05T07:01:14.500000+00:00");
        assertThat(HaTime.format(ev.get(3).lastChanged())).isEqualTo("2026-01-05T07:03:40.000000+00:00");
        assertThat(ev.get(3).origin()).isEqualTo("LOCAL");
        assertThat(ev.get(3).contextId()).isEqualTo("01JABC");
    }

    @Test
    void validationNamesTheItemAndField() {
        assertThatThrownBy(() -> HomeFiles.read("""
                areas: [{id: kitchen, name: Kitchen}]
                entities:
                  - {id: light.kitchen, area: kitchn, state: "on"}
                """, null))
                .isInstanceOf(HomeFileException.class)
                .hasMessageContaining("entities[0] (id 'light.kitchen').area: unknown area 'kitchn'");
        assertThatThrownBy(() -> HomeFiles.read("entities: [{id: light.Kitchen_, state: 'on'}]", null))
                .hasMessageContaining("entities[0] (id 'light.Kitchen_').id")
                .hasMessageContaining("[a-z0-9_]");
        assertThatThrownBy(() -> HomeFiles.read("entities: [{id: light.a__b}]", null))
                .hasMessageContaining("contains '__'");
        assertThatThrownBy(() -> HomeFiles.read("entities: [{id: _light.a}]", null))
                .hasMessageContaining("'_light.a'");
        assertThatThrownBy(() -> HomeFiles.read("areas: [{id: a, floor: nowhere}]", null))
                .hasMessageContaining("areas[0] (id 'a').floor: unknown floor 'nowhere'");
        assertThatThrownBy(() -> HomeFiles.read("entities: [{id: sensor.x, state: '" + "x".repeat(256) + "'}]",
                null)).hasMessageContaining("entities[0] (id 'sensor.x').state: longer than 255");
        assertThatThrownBy(() -> HomeFiles.read("""
                entities: [{id: light.a}]
                events:
                  - {entity_id: light.a, state: "on", last_changed: "2026-01-05 07:00:00"}
                """, null))
                .hasMessageContaining("events[0] (light.a).last_changed")
                .hasMessageContaining("offset");
        assertThatThrownBy(() -> HomeFiles.read("""
                entities: [{id: light.a}]
                events:
                  - {entity_id: light.b, state: "on", last_changed: "2026-01-05T07:00:00Z"}
                """, null))
                .hasMessageContaining("events[0] (light.b).entity_id: entity 'light.b' is not in entities");
        assertThatThrownBy(() -> HomeFiles.read("entities: [{id: light.a}, {id: light.a}]", null))
                .hasMessageContaining("duplicate entity id 'light.a'");
        assertThatThrownBy(() -> HomeFiles.read("time_zone: Mars/Olympus", null))
                .hasMessageContaining("time_zone");
        assertThatThrownBy(() -> HomeFiles.read("entities: [{id: light.a}]\nevents_csv: x.csv", null))
                .hasMessageContaining("no base directory");
    }

    @Test
    void csvRowsAreValidatedWithLineNumbers() throws IOException {
        Files.writeString(tmp.resolve("home.yaml"), "entities: [{id: light.a}, {id: sensor.t}]\nevents_csv: ev.csv\n");
        Files.writeString(tmp.resolve("ev.csv"), """
                entity_id,state,last_changed,last_updated,old_state,context_id,user_id,parent_id
                light.a,on,2026-01-05T07:00:00.000+00:00,,,,,
                sensor.t,"21,5",2026-01-05T07:00:01+00:00
                light.a,off,yesterday,,on,,,
                """);
        assertThatThrownBy(() -> HomeFiles.read(tmp.resolve("home.yaml")))
                .hasMessageContaining("ev.csv line 4 (light.a), field last_changed")
                .hasMessageContaining("'yesterday'");

        Files.writeString(tmp.resolve("ev.csv"), """
                entity_id,state,last_changed
                light.a,on,2026-01-05T07:00:00.000+00:00
                sensor.t,"21,5",2026-01-05T06:00:01+00:00
                """);
        Home home = HomeFiles.read(tmp.resolve("home.yaml"));
        assertThat(home.events()).extracting(StateEvent::state).containsExactly("21,5", "on");
        assertThat(home.events().get(1).oldState()).isNull();
    }

    private static Home sampleHome() {
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("friendly_name", "Kitchen \"Main\" Light");
        attrs.put("brightness", 180);
        attrs.put("temperature", 21.5);
        attrs.put("big", 1.0E10);
        attrs.put("flag", true);
        attrs.put("position", "0");
        attrs.put("modes", List.of("heat", "off", "on"));
        attrs.put("nested", Map.of("a", List.of(1, 2.5, "x")));
        List<StateEvent> events = List.of(
                new StateEvent("light.kitchen", "on", null, 1_767_596_699_123L, 1_767_596_699_123L, null, null,
                        "8d1f", null, "LOCAL"),
                new StateEvent("light.kitchen", "off", Map.of("brightness", 0), 1_767_596_799_001L,
                        1_767_596_799_001L, "on", "01JCTX", null, "01JPAR", "LOCAL"),
                new StateEvent("sensor.note", "", null, 1_767_596_800_000L, 1_767_596_800_500L, "a,b \"c\"\nd",
                        null, null, null, null),
                new StateEvent("sensor.note", "yes", null, 1_767_596_900_000L, 1_767_596_900_000L, "", null, null,
                        null, "REMOTE"));
        return new Home("Test \"Home\" °", "Europe/Berlin",
                List.of(new Home.Floor("ground", "Ground Floor", List.of("downstairs"), 0),
                        new Home.Floor("first", null, List.of(), null)),
                List.of(new Home.Area("kitchen", "Kitchen", List.of("galley"), "ground"),
                        new Home.Area("hall", "Hall", List.of(), null)),
                List.of(new Home.Device("d1", "Kitchen Light", "kitchen", "Signify", "Hue White")),
                List.of(new Home.Entity("light.kitchen", "Kitchen Light", List.of("kitchen lamp", "on"), "kitchen",
                                "d1", "light", "off", attrs),
                        new Home.Entity("sensor.note", null, List.of(), null, null, null, "yes", Map.of())),
                events);
    }

    @Test
    void roundTripInline() {
        Home home = sampleHome();
        String yaml = HomeFiles.toYaml(home);
        assertThat(yaml).contains("state: \"off\"").contains("+00:00");
        assertThat(HomeFiles.read(yaml, null)).isEqualTo(home);
        Path file = tmp.resolve("h.yaml");
        HomeFiles.write(home, file);
        assertThat(HomeFiles.read(file)).isEqualTo(home);
    }

    @Test
    void roundTripWithCsv() throws IOException {
        Home home = sampleHome();
        Path file = tmp.resolve("h.yaml");
        HomeFiles.write(home, file, "h.events.csv");
        assertThat(Files.readString(file)).contains("events_csv: \"h.events.csv\"").doesNotContain("events:");
        String csv = Files.readString(tmp.resolve("h.events.csv"));
        assertThat(csv).startsWith("entity_id,state,last_changed,last_updated,old_state,context_id,user_id,parent_id");
        assertThat(HomeFiles.read(file)).isEqualTo(home);
        assertThat(HomeFiles.readEventsCsv(tmp.resolve("h.events.csv"))).isEqualTo(home.events());
    }

    @Test
    void timesKeepMillisecondsAndConvertOffsets() {
        assertThat(HaTime.parseMillis("2026-03-29T03:00:00.123456+02:00"))
                .isEqualTo(HaTime.parseMillis("2026-03-29T01:00:00.123000+00:00"));
        assertThat(HaTime.format(HaTime.parseMillis("2026-03-29T01:00:00.1Z"))).isEqualTo("2026-03-29T01:00:00.100000+00:00");
        assertThatThrownBy(() -> HaTime.parseMillis("2026-02-30T01:00:00.000000+00:00"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void entityIdRules() {
        assertThat(EntityIds.isValid("light.kitchen_ceiling_2")).isTrue();
        assertThat(EntityIds.isValid("sensor.price_per_kW")).isFalse();
        assertThat(EntityIds.isValid("sensor.traveling speed")).isFalse();
        assertThat(EntityIds.isValid("light._a")).isFalse();
        assertThat(EntityIds.isValid("light.a_")).isFalse();
        assertThat(EntityIds.isValid("light.a__b")).isFalse();
        assertThat(EntityIds.isValid("light")).isFalse();
        assertThat(EntityIds.isValid("a.b.c")).isFalse();
        assertThat(EntityIds.slugify("Trader Joe's Café  #2")).isEqualTo("trader_joe_s_cafe_2");
    }
}
