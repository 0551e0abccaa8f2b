package io.hestia.query.nlu;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The words the parser knows besides the home's own names: device nouns with the (domain, device class) pairs they can
 * mean, state words with the states they ask about, verbs, places that mean "the whole home", colours, and words that
 * carry no meaning for the parse. Phrases are keyed by their {@link Text#stems stems} joined by spaces.
 */
public final class Lexicon {

    private Lexicon() {
    }

    /** A kind of entity: a domain, optionally narrowed by a device class. */
    public record Kind(String domain, String deviceClass) {
        static Kind of(String spec) {
            int slash = spec.indexOf('/');
            return slash < 0 ? new Kind(spec, null) : new Kind(spec.substring(0, slash), spec.substring(slash + 1));
        }

        public boolean matches(String entityDomain, String entityClass) {
            return domain.equals(entityDomain) && (deviceClass == null || deviceClass.equals(entityClass));
        }
    }

    /** A state asked about: the kind of entity it applies to and the HA state meant. */
    public record StateWord(Kind kind, String state) {
    }

    static final Map<String, List<Kind>> NOUNS = new HashMap<>();
    static final Map<String, List<StateWord>> STATES = new HashMap<>();
    static int maxNounLength = 1;
    static int maxStateLength = 1;

    private static void noun(String phrase, String... kinds) {
        List<Kind> list = new java.util.ArrayList<>();
        for (String k : kinds) {
            list.add(Kind.of(k));
        }
        String key = String.join(" ", Text.stems(phrase));
        NOUNS.put(key, List.copyOf(list));
        maxNounLength = Math.max(maxNounLength, key.split(" ").length);
    }

    private static void state(String phrase, String... kindStates) {
        List<StateWord> list = new java.util.ArrayList<>();
        for (String ks : kindStates) {
            int eq = ks.lastIndexOf('=');
            list.add(new StateWord(Kind.of(ks.substring(0, eq)), ks.substring(eq + 1)));
        }
        String key = String.join(" ", Text.stems(phrase));
        STATES.put(key, List.copyOf(list));
        maxStateLength = Math.max(maxStateLength, key.split(" ").length);
    }

    static {
        // actuators first: a command prefers them; a trigger or a question filters by what the home has
        for (String w : List.of("light", "lights", "lamp", "lighting", "bulb", "lightbulb", "light bulb", "led",
                "leds", "chandelier", "spotlight", "sconce", "strip light")) {
            noun(w, "light", "binary_sensor/light");
        }
        noun("fan", "fan");
        noun("ceiling fan", "fan");
        noun("switch", "switch");
        noun("plug", "switch/outlet", "switch", "binary_sensor/plug");
        noun("smart plug", "switch/outlet", "switch");
        noun("outlet", "switch/outlet", "switch");
        noun("socket", "switch/outlet", "switch");
        noun("lock", "lock");
        noun("door lock", "lock");
        noun("deadbolt", "lock");
        noun("door", "lock", "cover/door", "binary_sensor/door", "binary_sensor/opening", "cover/garage",
                "binary_sensor/garage_door");
        noun("front door", "lock", "binary_sensor/door", "cover/door");
        noun("back door", "lock", "binary_sensor/door", "cover/door");
        noun("garage door", "cover/garage", "binary_sensor/garage_door", "cover/door");
        noun("garage", "cover/garage", "binary_sensor/garage_door");
        noun("gate", "cover/gate", "binary_sensor/opening");
        noun("window", "cover/window", "binary_sensor/window");
        noun("blind", "cover/blind");
        noun("shade", "cover/shade");
        noun("curtain", "cover/curtain");
        noun("drape", "cover/curtain");
        noun("shutter", "cover/shutter");
        noun("roller shutter", "cover/shutter");
        noun("awning", "cover/awning");
        noun("cover", "cover");
        noun("valve", "valve");
        noun("water valve", "valve/water", "valve");
        noun("gas valve", "valve/gas", "valve");
        noun("thermostat", "climate");
        noun("heating", "climate");
        noun("heater", "climate", "switch");
        noun("heat", "climate");
        noun("ac", "climate");
        noun("a c", "climate");
        noun("air conditioning", "climate");
        noun("air conditioner", "climate");
        noun("aircon", "climate");
        noun("hvac", "climate");
        noun("climate", "climate");
        noun("tv", "media_player/tv", "media_player");
        noun("television", "media_player/tv", "media_player");
        noun("speaker", "media_player/speaker", "media_player");
        noun("music", "media_player");
        noun("radio", "media_player");
        noun("media player", "media_player");
        noun("player", "media_player");
        noun("stereo", "media_player");
        noun("receiver", "media_player/receiver", "media_player");
        noun("vacuum", "vacuum");
        noun("robot", "vacuum");
        noun("scene", "scene");
        noun("script", "script");
        noun("siren", "siren");
        noun("alarm", "alarm_control_panel", "siren");
        noun("humidifier", "humidifier");
        noun("dehumidifier", "humidifier");
        noun("camera", "camera");
        noun("person", "person");
        noun("people", "person");
        noun("everyone", "person");
        noun("everybody", "person");
        noun("anyone", "person");
        noun("anybody", "person");
        noun("someone", "person");
        noun("somebody", "person");
        noun("nobody", "person");
        noun("no one", "person");
        // sensors
        noun("motion", "binary_sensor/motion", "binary_sensor/occupancy", "binary_sensor/presence");
        noun("movement", "binary_sensor/motion", "binary_sensor/occupancy");
        noun("motion sensor", "binary_sensor/motion", "binary_sensor/occupancy", "binary_sensor/presence");
        noun("motion detector", "binary_sensor/motion", "binary_sensor/occupancy");
        noun("occupancy", "binary_sensor/occupancy", "binary_sensor/motion", "binary_sensor/presence");
        noun("occupancy sensor", "binary_sensor/occupancy", "binary_sensor/motion");
        noun("presence", "binary_sensor/presence", "binary_sensor/occupancy", "binary_sensor/motion");
        noun("presence sensor", "binary_sensor/presence", "binary_sensor/occupancy");
        noun("door sensor", "binary_sensor/door", "binary_sensor/opening");
        noun("window sensor", "binary_sensor/window", "binary_sensor/opening");
        noun("contact sensor", "binary_sensor/opening", "binary_sensor/door", "binary_sensor/window");
        noun("opening", "binary_sensor/opening");
        noun("temperature", "sensor/temperature", "climate");
        noun("temp", "sensor/temperature", "climate");
        noun("temperature sensor", "sensor/temperature");
        noun("thermometer", "sensor/temperature");
        noun("humidity", "sensor/humidity");
        noun("humidity sensor", "sensor/humidity");
        noun("illuminance", "sensor/illuminance");
        noun("light level", "sensor/illuminance");
        noun("brightness level", "sensor/illuminance");
        noun("lux", "sensor/illuminance");
        noun("power", "sensor/power", "binary_sensor/power");
        noun("energy", "sensor/energy");
        noun("battery", "binary_sensor/battery", "sensor/battery");
        noun("battery level", "sensor/battery");
        noun("smoke", "binary_sensor/smoke");
        noun("smoke sensor", "binary_sensor/smoke");
        noun("smoke detector", "binary_sensor/smoke");
        noun("smoke alarm", "binary_sensor/smoke");
        noun("gas", "binary_sensor/gas", "sensor/gas");
        noun("gas sensor", "binary_sensor/gas");
        noun("carbon monoxide", "binary_sensor/carbon_monoxide", "sensor/carbon_monoxide");
        noun("carbon monoxide sensor", "binary_sensor/carbon_monoxide");
        noun("co", "binary_sensor/carbon_monoxide", "sensor/carbon_monoxide");
        noun("co2", "sensor/carbon_dioxide");
        noun("leak", "binary_sensor/moisture");
        noun("leak sensor", "binary_sensor/moisture");
        noun("water sensor", "binary_sensor/moisture");
        noun("water leak", "binary_sensor/moisture");
        noun("moisture", "binary_sensor/moisture", "sensor/moisture");
        noun("flood", "binary_sensor/moisture");
        noun("noise", "binary_sensor/sound");
        noun("sound", "binary_sensor/sound");
        noun("sound sensor", "binary_sensor/sound");
        noun("vibration", "binary_sensor/vibration");
        noun("sensor", "binary_sensor", "sensor");
        noun("update", "binary_sensor/update", "update");
        noun("thing", "binary_sensor");
        noun("device", "binary_sensor");

        // states asked about or waited for ("is the door open", "when the window opens")
        state("on", "*=on");
        state("off", "*=off");
        state("turned on", "*=on");
        state("turned off", "*=off");
        state("open", "cover=open", "valve=open", "binary_sensor/door=on", "binary_sensor/window=on",
                "binary_sensor/opening=on", "binary_sensor/garage_door=on", "lock=open");
        state("opened", "cover=open", "valve=open", "binary_sensor/door=on", "binary_sensor/window=on",
                "binary_sensor/opening=on", "binary_sensor/garage_door=on");
        state("closed", "cover=closed", "valve=closed", "binary_sensor/door=off", "binary_sensor/window=off",
                "binary_sensor/opening=off", "binary_sensor/garage_door=off");
        state("shut", "cover=closed", "valve=closed", "binary_sensor/door=off", "binary_sensor/window=off",
                "binary_sensor/opening=off", "binary_sensor/garage_door=off");
        state("locked", "lock=locked", "binary_sensor/lock=off");
        state("unlocked", "lock=unlocked", "binary_sensor/lock=on");
        state("low", "binary_sensor/battery=on");
        state("normal", "binary_sensor/battery=off");
        state("charged", "binary_sensor/battery=off");
        state("charging", "binary_sensor/battery_charging=on");
        state("detected", "binary_sensor=on");
        state("triggered", "binary_sensor=on");
        state("active", "binary_sensor=on");
        state("clear", "binary_sensor/tamper=off", "binary_sensor=off");
        state("wet", "binary_sensor/moisture=on");
        state("flooded", "binary_sensor/moisture=on");
        state("dry", "binary_sensor/moisture=off");
        state("cold", "binary_sensor/cold=on");
        state("hot", "binary_sensor/heat=on");
        state("connected", "binary_sensor/connectivity=on");
        state("disconnected", "binary_sensor/connectivity=off");
        state("plugged in", "binary_sensor/plug=on");
        state("unplugged", "binary_sensor/plug=off");
        state("powered on", "binary_sensor/power=on");
        state("powered", "binary_sensor/power=on");
        state("home", "person=home", "binary_sensor/presence=on", "device_tracker=home");
        state("at home", "person=home", "binary_sensor/presence=on", "device_tracker=home");
        state("away", "person=not_home", "binary_sensor/presence=off", "device_tracker=not_home");
        state("gone", "binary_sensor/presence=off", "person=not_home");
        state("running", "binary_sensor/running=on");
        state("safe", "binary_sensor/safety=off");
        state("unsafe", "binary_sensor/safety=on");
        state("up to date", "binary_sensor/update=off");
        state("available", "binary_sensor/update=on");
        state("vibrating", "binary_sensor/vibration=on");
        state("occupied", "binary_sensor/occupancy=on", "binary_sensor/presence=on");
        state("empty", "binary_sensor/occupancy=off", "binary_sensor/motion=off", "binary_sensor/presence=off");
        state("vacant", "binary_sensor/occupancy=off", "binary_sensor/motion=off", "binary_sensor/presence=off");
        state("unoccupied", "binary_sensor/occupancy=off", "binary_sensor/motion=off",
                "binary_sensor/presence=off");
        state("problem", "binary_sensor/problem=on");
        state("tampered", "binary_sensor/tamper=on");
        state("playing", "media_player=playing");
        state("paused", "media_player=paused");
        state("idle", "media_player=idle", "vacuum=idle");
        state("docked", "vacuum=docked");
        state("cleaning", "vacuum=cleaning");
        state("heating", "climate=heat");
        state("cooling", "climate=cool");
    }

    /** Places meaning the whole home: no area filter. */
    static final Set<String> WHOLE_HOME = Set.copyOf(List.of("house", "home", "everywhere", "apartment", "flat", "entire",
            "whole", "throughout", "across", "everything"));

    /** Words meaning "the speaker's area". */
    static final Set<String> HERE = Set.copyOf(List.of("here", "this"));

    /** Quantifiers: "all the lights", "every light", "any window". */
    static final Set<String> ALL = Set.copyOf(List.of("all", "every", "each", "both", "any"));

    static final Set<String> COLORS = Set.copyOf(List.of("red", "green", "blue", "yellow", "orange", "purple", "pink", "white",
            "warm white", "cool white", "cold white", "cyan", "magenta", "violet", "indigo", "turquoise", "teal",
            "lime", "amber", "gold", "brown", "black", "lavender", "crimson", "coral", "salmon", "beige"));

    /** Words that carry no meaning for the parse: never reported as unparsed. */
    static final Set<String> FILLER = Set.copyOf(List.of("please", "can", "could", "would", "will", "you", "for", "me", "i",
            "want", "like", "to", "the", "a", "an", "my", "our", "your", "some", "of", "in", "at", "on", "is", "are",
            "be", "it", "them", "us", "just", "now", "currently", "right", "there", "do", "does", "have", "has",
            "that", "these", "those", "and", "then", "also", "with", "by", "up", "single", "and", "kindly",
            "quickly", "go", "ahead", "make", "sure", "should", "need", "let", "get", "room", "rooms", "area",
            "areas", "space", "which", "what", "how", "many", "much", "tell", "if", "status", "state", "value",
            "level", "hey", "ok", "okay", "assistant", "thanks", "thank", "we", "its", "mode", "securely",
            "measured", "indicated", "left", "stays", "remains", "stay", "remain", "from", "amount", "current", "currently", "be", "been", "being", "when", "will",
            "over", "all", "every", "each", "any", "here", "this", "whole", "entire", "everywhere", "house", "home",
            "apartment", "across", "throughout", ","));


    static final Set<String> WEEKDAYS = Set.copyOf(List.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
            "sunday", "weekday", "weekend", "mon", "tue", "wed", "thu", "fri", "sat", "sun", "day", "night",
            "morning", "evening", "afternoon", "workday"));
}
