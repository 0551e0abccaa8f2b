package io.hestia.ha.sim;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The service catalog (what {@code GET /api/services} lists) and the effect of each entity service on a state.
 * Effects are immediate: no transitional states such as "opening".
 */
final class Services {

    enum Response { NONE, OPTIONAL, ONLY }

    record Svc(String domain, String service, String name, String description, Map<String, Object> fields,
               boolean target, Response response) {

        Map<String, Object> describe() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", name);
            m.put("description", description);
            m.put("fields", fields);
            if (target) {
                m.put("target", Map.of("entity", List.of(Map.of("domain", List.of(domain)))));
            }
            if (response != Response.NONE) {
                m.put("response", Map.of("optional", response == Response.OPTIONAL));
            }
            return m;
        }
    }

    /** The result of a service on one entity: new state and attributes. */
    record Change(String state, Map<String, Object> attributes) {
    }

    /** Domains whose services are always registered, whatever the home holds. */
    static final Set<String> CORE_DOMAINS = Set.of("homeassistant", "automation", "persistent_notification");

    private static final Map<String, Map<String, Svc>> CATALOG = new LinkedHashMap<>();

    static {
        Map<String, Object> none = Map.of();
        Map<String, Object> onOff = none;
        String[] toggleDomains = {"switch", "input_boolean", "siren", "fan", "media_player", "humidifier",
            "climate", "water_heater"};
        for (String d : toggleDomains) {
            add(d, "turn_on", "Turn on", "Turns on the " + d.replace('_', ' ') + ".", onOff, true);
            add(d, "turn_off", "Turn off", "Turns off the " + d.replace('_', ' ') + ".", onOff, true);
            add(d, "toggle", "Toggle", "Toggles the " + d.replace('_', ' ') + " on/off.", onOff, true);
        }
        add("light", "turn_on", "Turn on",
                "Turns on one or more lights and adjusts their properties, even when they are turned on already.",
                fields(field("transition", "Transition", number(0, 300)),
                        field("brightness", "Brightness value", number(0, 255)),
                        field("brightness_pct", "Brightness", number(0, 100)),
                        field("brightness_step", "Brightness step value", number(-225, 255)),
                        field("brightness_step_pct", "Brightness step", number(-100, 100)),
                        field("color_temp_kelvin", "Color temperature", number(2000, 6500)),
                        field("rgb_color", "Color", Map.of("color_rgb", Map.of())),
                        field("effect", "Effect", Map.of("text", Map.of()))), true);
        add("light", "turn_off", "Turn off", "Turns off one or more lights.",
                fields(field("transition", "Transition", number(0, 300))), true);
        add("light", "toggle", "Toggle", "Toggles one or more lights, from on to off, or, off to on.",
                fields(field("brightness_pct", "Brightness", number(0, 100))), true);
        add("fan", "set_percentage", "Set speed", "Sets the speed of a fan.",
                fields(field("percentage", "Percentage", number(0, 100))), true);
        add("media_player", "media_play", "Play", "Starts playing.", none, true);
        add("media_player", "media_pause", "Pause", "Pauses.", none, true);
        add("media_player", "media_stop", "Stop", "Stops playing.", none, true);
        add("media_player", "media_play_pause", "Play/Pause", "Toggles play/pause.", none, true);
        add("media_player", "volume_set", "Set volume", "Sets the volume level.",
                fields(field("volume_level", "Level", number(0, 1))), true);
        add("media_player", "volume_mute", "Mute/unmute volume", "Mutes or unmutes the media player.",
                fields(field("is_volume_muted", "Muted", Map.of("boolean", Map.of()))), true);
        add("cover", "open_cover", "Open", "Opens a cover.", none, true);
        add("cover", "close_cover", "Close", "Closes a cover.", none, true);
        add("cover", "stop_cover", "Stop", "Stops the cover movement.", none, true);
        add("cover", "toggle", "Toggle", "Toggles a cover open/closed.", none, true);
        add("cover", "set_cover_position", "Set position", "Moves a cover to a specific position.",
                fields(field("position", "Position", number(0, 100))), true);
        add("cover", "set_cover_tilt_position", "Set tilt position", "Moves a cover tilt to a specific position.",
                fields(field("tilt_position", "Tilt position", number(0, 100))), true);
        add("lock", "lock", "Lock", "Locks a lock.", fields(field("code", "Code", Map.of("text", Map.of()))), true);
        add("lock", "unlock", "Unlock", "Unlocks a lock.", fields(field("code", "Code", Map.of("text", Map.of()))),
                true);
        add("lock", "open", "Open", "Opens a lock.", fields(field("code", "Code", Map.of("text", Map.of()))), true);
        add("climate", "set_temperature", "Set target temperature", "Sets the temperature setpoint.",
                fields(field("temperature", "Target temperature", number(0, 250)),
                        field("target_temp_high", "Upper target temperature", number(0, 250)),
                        field("target_temp_low", "Lower target temperature", number(0, 250)),
                        field("hvac_mode", "HVAC mode", Map.of("state", Map.of("attribute", "hvac_modes")))), true);
        add("climate", "set_hvac_mode", "Set HVAC mode", "Sets HVAC operation mode.",
                fields(field("hvac_mode", "HVAC mode", Map.of("state", Map.of("attribute", "hvac_modes")))), true);
        add("climate", "set_preset_mode", "Set preset mode", "Sets preset mode.",
                fields(field("preset_mode", "Preset mode", Map.of("text", Map.of()))), true);
        add("climate", "set_fan_mode", "Set fan mode", "Sets fan operation mode.",
                fields(field("fan_mode", "Fan mode", Map.of("text", Map.of()))), true);
        add("humidifier", "set_humidity", "Set humidity", "Sets the target humidity.",
                fields(field("humidity", "Humidity", number(0, 100))), true);
        add("water_heater", "set_temperature", "Set temperature", "Sets the target temperature.",
                fields(field("temperature", "Temperature", number(0, 250))), true);
        add("water_heater", "set_operation_mode", "Set operation mode", "Sets the operation mode.",
                fields(field("operation_mode", "Operation mode", Map.of("text", Map.of()))), true);
        add("vacuum", "start", "Start", "Starts or resumes the cleaning task.", none, true);
        add("vacuum", "pause", "Pause", "Pauses the cleaning task.", none, true);
        add("vacuum", "stop", "Stop", "Stops the current cleaning task.", none, true);
        add("vacuum", "return_to_base", "Return to dock", "Tells the vacuum cleaner to return to its dock.", none,
                true);
        for (String[] s : new String[][] {{"alarm_arm_home", "Arm home"}, {"alarm_arm_away", "Arm away"},
            {"alarm_arm_night", "Arm night"}, {"alarm_disarm", "Disarm"}, {"alarm_trigger", "Trigger"}}) {
            add("alarm_control_panel", s[0], s[1], s[1] + " the alarm.",
                    fields(field("code", "Code", Map.of("text", Map.of()))), true);
        }
        for (String d : new String[] {"input_number", "number"}) {
            add(d, "set_value", "Set", "Sets the value.", fields(field("value", "Value", number(-1e9, 1e9))), true);
        }
        add("input_number", "increment", "Increment", "Increments the value by 1 step.", none, true);
        add("input_number", "decrement", "Decrement", "Decrements the current value by 1 step.", none, true);
        for (String d : new String[] {"input_select", "select"}) {
            add(d, "select_option", "Select", "Selects an option.",
                    fields(field("option", "Option", Map.of("text", Map.of()))), true);
            add(d, "select_first", "First", "Selects the first option.", none, true);
            add(d, "select_last", "Last", "Selects the last option.", none, true);
            add(d, "select_next", "Next", "Selects the next option.", none, true);
            add(d, "select_previous", "Previous", "Selects the previous option.", none, true);
        }
        for (String d : new String[] {"input_text", "text"}) {
            add(d, "set_value", "Set", "Sets the value.", fields(field("value", "Value", Map.of("text", Map.of()))),
                    true);
        }
        add("input_button", "press", "Press", "Mimics the physical button press on the device.", none, true);
        add("button", "press", "Press", "Press the button entity.", none, true);
        add("scene", "turn_on", "Activate", "Activates a scene.",
                fields(field("transition", "Transition", number(0, 300))), true);
        add("script", "turn_on", "Turn on", "Runs the sequence of actions defined in a script.", none, true);
        add("script", "turn_off", "Turn off", "Stops a running script.", none, true);
        add("script", "toggle", "Toggle", "Toggle a script. Starts it, if isn't running, stops it otherwise.",
                none, true);
        add("valve", "open_valve", "Open", "Opens a valve.", none, true);
        add("valve", "close_valve", "Close", "Closes a valve.", none, true);
        add("valve", "set_valve_position", "Set position", "Moves a valve to a specific position.",
                fields(field("position", "Position", number(0, 100))), true);
        add("weather", "get_forecasts", "Get forecasts", "Get weather forecasts.",
                fields(field("type", "Forecast type", Map.of("select", Map.of("options",
                        List.of("daily", "hourly", "twice_daily"))))), true, Response.ONLY);
        add("calendar", "get_events", "Get events", "Get events on a calendar within a time range.",
                fields(field("start_date_time", "Start time", Map.of("datetime", Map.of())),
                        field("end_date_time", "End time", Map.of("datetime", Map.of()))), true, Response.ONLY);
        add("todo", "get_items", "Get to-do list items", "Get items on a to-do list.", none, true, Response.ONLY);

        add("homeassistant", "turn_on", "Generic turn on", "Generic action to turn devices on under any domain.",
                none, true);
        add("homeassistant", "turn_off", "Generic turn off", "Generic action to turn devices off under any domain.",
                none, true);
        add("homeassistant", "toggle", "Generic toggle", "Generic action to toggle devices on/off under any domain.",
                none, true);
        add("homeassistant", "update_entity", "Update entity", "Forces one or more entities to update their data.",
                none, true);
        add("homeassistant", "check_config", "Check configuration",
                "Checks the Home Assistant YAML-configuration files for errors.", none, false);
        add("homeassistant", "reload_core_config", "Reload core configuration",
                "Reloads the core configuration from the YAML-configuration.", none, false);
        add("homeassistant", "reload_all", "Reload all", "Reloads all YAML configuration that can be reloaded.",
                none, false);
        add("automation", "trigger", "Trigger", "Triggers the actions of an automation.",
                fields(field("skip_condition", "Skip conditions", Map.of("boolean", Map.of()))), true);
        add("automation", "toggle", "Toggle", "Toggles (enable / disable) an automation.", none, true);
        add("automation", "turn_on", "Turn on", "Enables an automation.", none, true);
        add("automation", "turn_off", "Turn off", "Disables an automation.",
                fields(field("stop_actions", "Stop actions", Map.of("boolean", Map.of()))), true);
        add("automation", "reload", "Reload", "Reloads the automation configuration.", none, false);
        add("persistent_notification", "create", "Create", "Shows a notification on the notifications panel.",
                fields(field("message", "Message", Map.of("text", Map.of())),
                        field("title", "Title", Map.of("text", Map.of())),
                        field("notification_id", "Notification ID", Map.of("text", Map.of()))), false);
        add("persistent_notification", "dismiss", "Dismiss", "Deletes a notification from the panel.",
                fields(field("notification_id", "Notification ID", Map.of("text", Map.of()))), false);
        add("persistent_notification", "dismiss_all", "Dismiss all", "Deletes all notifications from the panel.",
                none, false);
    }

    private Services() {
    }

    private static void add(String domain, String service, String name, String description,
                            Map<String, Object> fields, boolean target) {
        add(domain, service, name, description, fields, target, Response.NONE);
    }

    private static void add(String domain, String service, String name, String description,
                            Map<String, Object> fields, boolean target, Response response) {
        CATALOG.computeIfAbsent(domain, d -> new LinkedHashMap<>())
                .put(service, new Svc(domain, service, name, description, fields, target, response));
    }

    private static Map<String, Object> number(double min, double max) {
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("min", min == Math.rint(min) ? (Object) (long) min : min);
        n.put("max", max == Math.rint(max) ? (Object) (long) max : max);
        return Map.of("number", n);
    }

    private static Map.Entry<String, Object> field(String key, String name, Map<String, Object> selector) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("name", name);
        f.put("description", name + ".");
        f.put("required", false);
        f.put("selector", selector);
        return Map.entry(key, f);
    }

    @SafeVarargs
    private static Map<String, Object> fields(Map.Entry<String, Object>... entries) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (var e : entries) {
            m.put(e.getKey(), e.getValue());
        }
        return m;
    }

    static Set<String> knownDomains() {
        return CATALOG.keySet();
    }

    static Map<String, Svc> servicesOf(String domain) {
        return CATALOG.getOrDefault(domain, Map.of());
    }

    // ---------------------------------------------------------------- effects

    /**
     * Applies an entity service to one entity's current state.
     *
     * @param memory per-entity scratch (e.g. brightness before turn_off), kept by the caller
     * @return the new state, or null when the service leaves it as it is
     */
    static Change apply(String domain, String service, SimState cur, Map<String, Object> data,
                        Map<String, Object> memory, long now) throws ServiceException {
        Map<String, Object> a = new LinkedHashMap<>(cur.attributes);
        String s = cur.state;
        switch (domain) {
            case "light" -> {
                return light(service, cur, a, data, memory);
            }
            case "switch", "input_boolean", "siren" -> {
                return onOff(service, s, a);
            }
            case "fan" -> {
                return fan(service, s, a, data, memory);
            }
            case "media_player" -> {
                return mediaPlayer(service, s, a, data);
            }
            case "cover" -> {
                return cover(service, s, a, data);
            }
            case "valve" -> {
                return switch (service) {
                    case "open_valve" -> pos(a, "current_position", 100, "open", "closed");
                    case "close_valve" -> pos(a, "current_position", 0, "open", "closed");
                    case "set_valve_position" -> pos(a, "current_position",
                            (int) num(data, "position", 0, 100, true), "open", "closed");
                    default -> null;
                };
            }
            case "lock" -> {
                return switch (service) {
                    case "lock" -> new Change("locked", a);
                    case "unlock" -> new Change("unlocked", a);
                    case "open" -> new Change("open", a);
                    default -> null;
                };
            }
            case "climate" -> {
                return climate(service, s, a, data, memory);
            }
            case "humidifier" -> {
                if (service.equals("set_humidity")) {
                    a.put("humidity", num(data, "humidity", 0, 100, true));
                    return new Change(s, a);
                }
                return onOff(service, s, a);
            }
            case "water_heater" -> {
                switch (service) {
                    case "set_temperature" -> {
                        a.put("temperature", num(data, "temperature", 0, 250, true));
                        return new Change(s, a);
                    }
                    case "set_operation_mode" -> {
                        return new Change(str(data, "operation_mode"), a);
                    }
                    default -> {
                        return onOff(service, s, a);
                    }
                }
            }
            case "vacuum" -> {
                return switch (service) {
                    case "start" -> new Change("cleaning", a);
                    case "pause" -> new Change("paused", a);
                    case "stop" -> new Change("idle", a);
                    case "return_to_base" -> new Change("returning", a);
                    default -> null;
                };
            }
            case "alarm_control_panel" -> {
                return switch (service) {
                    case "alarm_arm_home" -> new Change("armed_home", a);
                    case "alarm_arm_away" -> new Change("armed_away", a);
                    case "alarm_arm_night" -> new Change("armed_night", a);
                    case "alarm_disarm" -> new Change("disarmed", a);
                    case "alarm_trigger" -> new Change("triggered", a);
                    default -> null;
                };
            }
            case "input_number", "number" -> {
                double min = a.get("min") instanceof Number n ? n.doubleValue() : -1e9;
                double max = a.get("max") instanceof Number n ? n.doubleValue() : 1e9;
                double step = a.get("step") instanceof Number n ? n.doubleValue() : 1;
                double value;
                double current = parseDouble(s, min);
                switch (service) {
                    case "set_value" -> value = num(data, "value", min, max, true);
                    case "increment" -> value = Math.min(max, current + step);
                    case "decrement" -> value = Math.max(min, current - step);
                    default -> {
                        return null;
                    }
                }
                return new Change(Double.toString(value), a);
            }
            case "input_select", "select" -> {
                List<?> options = a.get("options") instanceof List<?> l ? l : List.of();
                int i = options.indexOf(s);
                String next;
                switch (service) {
                    case "select_option" -> {
                        next = str(data, "option");
                        if (!options.isEmpty() && !options.contains(next)) {
                            throw new ServiceException(ServiceException.Kind.VALIDATION,
                                    "Option " + next + " is not valid for entity " + cur.entityId
                                            + ", valid options are: " + String.join(", ", strings(options)));
                        }
                    }
                    case "select_first" -> next = options.isEmpty() ? s : String.valueOf(options.get(0));
                    case "select_last" -> next = options.isEmpty() ? s
                            : String.valueOf(options.get(options.size() - 1));
                    case "select_next" -> next = options.isEmpty() ? s
                            : String.valueOf(options.get((i + 1) % options.size()));
                    case "select_previous" -> next = options.isEmpty() ? s
                            : String.valueOf(options.get((i - 1 + options.size()) % options.size()));
                    default -> {
                        return null;
                    }
                }
                return new Change(next, a);
            }
            case "input_text", "text" -> {
                return service.equals("set_value") ? new Change(str(data, "value"), a) : null;
            }
            case "input_button", "button", "scene" -> {
                return new Change(IsoTime.format(now), a);
            }
            case "script" -> {
                if (service.equals("turn_on") || service.equals("toggle")) {
                    a.put("last_triggered", IsoTime.format(now));
                    return new Change(s, a);
                }
                return null;
            }
            default -> {
                return null;
            }
        }
    }

    private static Change onOff(String service, String s, Map<String, Object> a) {
        return switch (service) {
            case "turn_on" -> new Change("on", a);
            case "turn_off" -> new Change("off", a);
            case "toggle" -> new Change("on".equals(s) ? "off" : "on", a);
            default -> null;
        };
    }

    private static boolean supportsBrightness(Map<String, Object> a) {
        Object modes = a.get("supported_color_modes");
        if (modes instanceof List<?> l) {
            return !(l.size() == 1 && "onoff".equals(l.get(0)));
        }
        return true;
    }

    private static Change light(String service, SimState cur, Map<String, Object> a, Map<String, Object> data,
                                Map<String, Object> memory) throws ServiceException {
        boolean on = "on".equals(cur.state);
        if (service.equals("toggle")) {
            service = on ? "turn_off" : "turn_on";
        }
        boolean dimmable = supportsBrightness(a);
        if (service.equals("turn_off")) {
            if (dimmable) {
                if (a.get("brightness") != null) {
                    memory.put("brightness", a.get("brightness"));
                }
                a.put("brightness", null);
                a.put("color_mode", null);
            }
            return new Change("off", a);
        }
        if (!service.equals("turn_on")) {
            return null;
        }
        Integer current = a.get("brightness") instanceof Number n ? n.intValue() : null;
        Integer b = null;
        if (data.containsKey("brightness")) {
            b = (int) Math.round(num(data, "brightness", 0, 255, true));
        } else if (data.containsKey("brightness_pct")) {
            b = (int) Math.round(num(data, "brightness_pct", 0, 100, true) * 255 / 100);
        } else if (data.containsKey("brightness_step")) {
            int base = current != null ? current : 0;
            b = (int) Math.max(0, Math.min(255, base + Math.round(num(data, "brightness_step", -255, 255, true))));
        } else if (data.containsKey("brightness_step_pct")) {
            int base = current != null ? current : 0;
            b = (int) Math.max(0, Math.min(255,
                    base + Math.round(num(data, "brightness_step_pct", -100, 100, true) * 255 / 100)));
        }
        if (b != null && b == 0) {
            return light("turn_off", cur, a, Map.of(), memory);
        }
        if (dimmable) {
            if (b == null) {
                b = current != null ? current
                        : memory.get("brightness") instanceof Number n ? n.intValue() : 255;
            }
            a.put("brightness", b);
            String mode = a.get("color_mode") instanceof String m ? m : "brightness";
            if (data.get("color_temp_kelvin") instanceof Number k) {
                a.put("color_temp_kelvin", k.intValue());
                mode = "color_temp";
            }
            if (data.get("rgb_color") instanceof List<?> rgb) {
                a.put("rgb_color", rgb);
                mode = "rgb";
            }
            if (data.get("hs_color") instanceof List<?> hs) {
                a.put("hs_color", hs);
                mode = "hs";
            }
            a.put("color_mode", mode);
        }
        if (data.get("effect") instanceof String e) {
            a.put("effect", e);
        }
        return new Change("on", a);
    }

    private static Change fan(String service, String s, Map<String, Object> a, Map<String, Object> data,
                              Map<String, Object> memory) throws ServiceException {
        switch (service) {
            case "set_percentage" -> {
                double p = num(data, "percentage", 0, 100, true);
                a.put("percentage", (int) p);
                return new Change(p == 0 ? "off" : "on", a);
            }
            case "turn_on", "toggle" -> {
                if (service.equals("toggle") && "on".equals(s)) {
                    return fan("turn_off", s, a, data, memory);
                }
                if (data.containsKey("percentage")) {
                    a.put("percentage", (int) num(data, "percentage", 0, 100, true));
                } else if (a.containsKey("percentage")) {
                    a.put("percentage", memory.getOrDefault("percentage", 100));
                }
                if (data.get("preset_mode") instanceof String p) {
                    a.put("preset_mode", p);
                }
                return new Change("on", a);
            }
            case "turn_off" -> {
                if (a.get("percentage") instanceof Number n && n.intValue() > 0) {
                    memory.put("percentage", n.intValue());
                }
                if (a.containsKey("percentage")) {
                    a.put("percentage", 0);
                }
                return new Change("off", a);
            }
            default -> {
                return null;
            }
        }
    }

    private static Change mediaPlayer(String service, String s, Map<String, Object> a, Map<String, Object> data)
            throws ServiceException {
        return switch (service) {
            case "turn_on" -> new Change("on", a);
            case "turn_off" -> new Change("off", a);
            case "toggle" -> new Change("off".equals(s) || "standby".equals(s) ? "on" : "off", a);
            case "media_play" -> new Change("playing", a);
            case "media_pause" -> new Change("paused", a);
            case "media_stop" -> new Change("idle", a);
            case "media_play_pause" -> new Change("playing".equals(s) ? "paused" : "playing", a);
            case "volume_set" -> {
                a.put("volume_level", num(data, "volume_level", 0, 1, true));
                yield new Change(s, a);
            }
            case "volume_mute" -> {
                a.put("is_volume_muted", Boolean.TRUE.equals(data.get("is_volume_muted")));
                yield new Change(s, a);
            }
            default -> null;
        };
    }

    private static Change cover(String service, String s, Map<String, Object> a, Map<String, Object> data)
            throws ServiceException {
        return switch (service) {
            case "open_cover" -> pos(a, "current_position", 100, "open", "closed");
            case "close_cover" -> pos(a, "current_position", 0, "open", "closed");
            case "toggle" -> pos(a, "current_position", "closed".equals(s) ? 100 : 0, "open", "closed");
            case "set_cover_position" -> pos(a, "current_position", (int) num(data, "position", 0, 100, true),
                    "open", "closed");
            case "set_cover_tilt_position" -> {
                a.put("current_tilt_position", (int) num(data, "tilt_position", 0, 100, true));
                yield new Change(s, a);
            }
            default -> null;
        };
    }

    private static Change pos(Map<String, Object> a, String key, int position, String open, String closed) {
        a.put(key, position);
        return new Change(position > 0 ? open : closed, a);
    }

    private static Change climate(String service, String s, Map<String, Object> a, Map<String, Object> data,
                                  Map<String, Object> memory) throws ServiceException {
        List<?> modes = a.get("hvac_modes") instanceof List<?> l ? l : List.of();
        switch (service) {
            case "set_temperature" -> {
                String mode = s;
                if (data.containsKey("hvac_mode")) {
                    mode = hvacMode(str(data, "hvac_mode"), modes);
                }
                if (data.containsKey("temperature")) {
                    a.put("temperature", num(data, "temperature", 0, 250, true));
                }
                if (data.containsKey("target_temp_high")) {
                    a.put("target_temp_high", num(data, "target_temp_high", 0, 250, true));
                }
                if (data.containsKey("target_temp_low")) {
                    a.put("target_temp_low", num(data, "target_temp_low", 0, 250, true));
                }
                return new Change(mode, a);
            }
            case "set_hvac_mode" -> {
                return new Change(hvacMode(str(data, "hvac_mode"), modes), a);
            }
            case "set_preset_mode" -> {
                a.put("preset_mode", str(data, "preset_mode"));
                return new Change(s, a);
            }
            case "set_fan_mode" -> {
                a.put("fan_mode", str(data, "fan_mode"));
                return new Change(s, a);
            }
            case "turn_off" -> {
                if (!"off".equals(s)) {
                    memory.put("hvac_mode", s);
                }
                return new Change("off", a);
            }
            case "turn_on", "toggle" -> {
                if (service.equals("toggle") && !"off".equals(s)) {
                    return climate("turn_off", s, a, data, memory);
                }
                if (!"off".equals(s)) {
                    return new Change(s, a);
                }
                Object last = memory.get("hvac_mode");
                if (last == null) {
                    last = modes.stream().map(String::valueOf).filter(m -> !"off".equals(m)).findFirst().orElse("heat");
                }
                return new Change(String.valueOf(last), a);
            }
            default -> {
                return null;
            }
        }
    }

    private static String hvacMode(String mode, List<?> modes) throws ServiceException {
        if (!modes.isEmpty() && !modes.contains(mode)) {
            throw new ServiceException(ServiceException.Kind.VALIDATION, "HVAC mode " + mode
                    + " is not valid. Valid HVAC modes are: " + String.join(", ", strings(modes)));
        }
        return mode;
    }

    // ---------------------------------------------------------------- data helpers

    static double num(Map<String, Object> data, String key, double min, double max, boolean required)
            throws ServiceException {
        Object v = data.get(key);
        if (v == null) {
            if (required) {
                throw new ServiceException(ServiceException.Kind.INVALID,
                        "required key not provided @ data['" + key + "']");
            }
            return Double.NaN;
        }
        double d;
        if (v instanceof Number n) {
            d = n.doubleValue();
        } else {
            try {
                d = Double.parseDouble(String.valueOf(v));
            } catch (NumberFormatException e) {
                throw new ServiceException(ServiceException.Kind.INVALID,
                        "expected float for dictionary value @ data['" + key + "']");
            }
        }
        if (d < min) {
            throw new ServiceException(ServiceException.Kind.INVALID, "value must be at least "
                    + plain(min) + " for dictionary value @ data['" + key + "']");
        }
        if (d > max) {
            throw new ServiceException(ServiceException.Kind.INVALID, "value must be at most "
                    + plain(max) + " for dictionary value @ data['" + key + "']");
        }
        return d;
    }

    private static String plain(double d) {
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    static String str(Map<String, Object> data, String key) throws ServiceException {
        Object v = data.get(key);
        if (v == null) {
            throw new ServiceException(ServiceException.Kind.INVALID,
                    "required key not provided @ data['" + key + "']");
        }
        return String.valueOf(v);
    }

    private static double parseDouble(String s, double fallback) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static List<String> strings(List<?> l) {
        List<String> out = new ArrayList<>();
        for (Object o : l) {
            out.add(String.valueOf(o));
        }
        return out;
    }
}
