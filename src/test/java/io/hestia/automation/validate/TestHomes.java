package io.hestia.automation.validate;

import io.hestia.ha.schema.HaYaml;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** A small home and helpers shared by the validator's tests. */
final class TestHomes {

    static final Set<String> ENTITIES = Set.of("light.kitchen", "light.kitchen_ceiling", "light.living_room",
            "binary_sensor.hall_motion", "lock.front_door", "person.anna", "zone.home", "scene.evening",
            "script.bedtime", "automation.alarm_arming", "automation.night_lights", "climate.living_room",
            "cover.garage_door", "cover.living_room_blinds", "sensor.kitchen_power", "input_boolean.guest",
            "alarm_control_panel.home", "input_datetime.wake_up", "device_tracker.anna_phone");
    static final Map<String, Set<String>> SERVICES = Map.ofEntries(
            Map.entry("light", Set.of("turn_on", "turn_off", "toggle")),
            Map.entry("lock", Set.of("lock", "unlock", "open")),
            Map.entry("climate", Set.of("set_temperature", "set_hvac_mode")),
            Map.entry("script", Set.of("bedtime", "turn_on", "turn_off", "reload")),
            Map.entry("scene", Set.of("turn_on")),
            Map.entry("homeassistant", Set.of("restart", "stop", "turn_off", "turn_on", "toggle", "reload_all")),
            Map.entry("cover", Set.of("open_cover", "close_cover", "toggle", "set_cover_position")),
            Map.entry("alarm_control_panel", Set.of("alarm_disarm", "alarm_arm_away")),
            Map.entry("automation", Set.of("turn_on", "turn_off", "reload")),
            Map.entry("input_boolean", Set.of("turn_on", "turn_off", "toggle")),
            Map.entry("notify", Set.of("mobile_app_anna")),
            Map.entry("hassio", Set.of("host_reboot", "host_shutdown")),
            Map.entry("recorder", Set.of("purge")));

    private TestHomes() {
    }

    static HomeContext home(String unit) {
        return new HomeContext(ENTITIES, Set.of("kitchen", "living_room", "hall", "bedroom", "office"),
                Set.of("ground_floor"), Set.of("0f1e2d3c4b5a69788796a5b4c3d2e1f0"), Set.of("night"), SERVICES, unit);
    }

    static HomeContext celsius() {
        return home("°C");
    }

    static HomeContext fahrenheit() {
        return home("°F");
    }

    static Map<?, ?> yaml(String text) {
        return (Map<?, ?>) HaYaml.load(text);
    }

    static List<String> rules(List<Finding> findings) {
        return findings.stream().map(Finding::rule).toList();
    }
}
