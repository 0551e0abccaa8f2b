package io.hestia.query.nlu;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Verbs, clause markers and time words the sentence parser reads (the device vocabulary is in {@link Lexicon}). */
final class Words {

    private Words() {
    }

    enum Verb { ON, OFF, OPEN, CLOSE, LOCK, UNLOCK, TOGGLE, SET, DIM, BRIGHTEN, PAUSE, PLAY, NEXT, PREVIOUS, VOLUME,
        NOTIFY, FLASH }

    /** Single-word verbs. "turn", "switch", "power", "put", "bring" need a particle and are handled apart. */
    static final Map<String, Verb> VERBS = Map.ofEntries(
            Map.entry("activate", Verb.ON), Map.entry("enable", Verb.ON), Map.entry("start", Verb.ON),
            Map.entry("run", Verb.ON), Map.entry("launch", Verb.ON), Map.entry("illuminate", Verb.ON),
            Map.entry("trigger", Verb.ON), Map.entry("execute", Verb.ON),
            Map.entry("deactivate", Verb.OFF), Map.entry("disable", Verb.OFF), Map.entry("kill", Verb.OFF),
            Map.entry("stop", Verb.OFF),
            Map.entry("open", Verb.OPEN), Map.entry("raise", Verb.OPEN), Map.entry("lift", Verb.OPEN),
            Map.entry("close", Verb.CLOSE), Map.entry("shut", Verb.CLOSE), Map.entry("lower", Verb.CLOSE),
            Map.entry("lock", Verb.LOCK), Map.entry("unlock", Verb.UNLOCK),
            Map.entry("toggle", Verb.TOGGLE), Map.entry("flip", Verb.TOGGLE),
            Map.entry("set", Verb.SET), Map.entry("change", Verb.SET), Map.entry("make", Verb.SET),
            Map.entry("adjust", Verb.SET), Map.entry("put", Verb.SET),
            Map.entry("dim", Verb.DIM), Map.entry("darken", Verb.DIM), Map.entry("brighten", Verb.BRIGHTEN),
            Map.entry("pause", Verb.PAUSE), Map.entry("resume", Verb.PLAY), Map.entry("unpause", Verb.PLAY),
            Map.entry("play", Verb.PLAY), Map.entry("continue", Verb.PLAY),
            Map.entry("skip", Verb.NEXT), Map.entry("next", Verb.NEXT), Map.entry("previous", Verb.PREVIOUS),
            Map.entry("mute", Verb.VOLUME), Map.entry("unmute", Verb.VOLUME), Map.entry("volume", Verb.VOLUME),
            Map.entry("notify", Verb.NOTIFY), Map.entry("alert", Verb.NOTIFY), Map.entry("send", Verb.NOTIFY),
            Map.entry("remind", Verb.NOTIFY), Map.entry("announce", Verb.NOTIFY), Map.entry("message", Verb.NOTIFY),
            Map.entry("warn", Verb.NOTIFY), Map.entry("flash", Verb.FLASH), Map.entry("blink", Verb.FLASH));

    /** Verbs that need "on"/"off" (or "to ..."): "turn the lights on", "switch off the fan", "turn it to 50%". */
    static final Set<String> PARTICLE_VERBS = Set.of("turn", "switch", "power", "bring", "flick", "put");

    static final Set<String> QUESTION_STARTS = Set.of("is", "are", "was", "were", "do", "does", "what", "which",
            "how", "where", "who", "any", "anything", "has", "have", "check", "whats");

    static final Set<String> TRIGGER_MARKERS = Set.of("when", "whenever", "once", "if", "unless", "while",
            "after", "as");

    static final Map<String, Integer> UNIT_SECONDS = Map.of("second", 1, "sec", 1, "minute", 60, "min", 60,
            "hour", 3600, "hr", 3600);

    static final Map<String, String> DAYS = Map.ofEntries(
            Map.entry("monday", "mon"), Map.entry("tuesday", "tue"), Map.entry("wednesday", "wed"),
            Map.entry("thursday", "thu"), Map.entry("friday", "fri"), Map.entry("saturday", "sat"),
            Map.entry("sunday", "sun"), Map.entry("mon", "mon"), Map.entry("tue", "tue"), Map.entry("wed", "wed"),
            Map.entry("thu", "thu"), Map.entry("fri", "fri"), Map.entry("sat", "sat"), Map.entry("sun", "sun"));

    static final Set<String> ABOVE = Set.of("above", "over", "exceed", "exceeds", "higher", "more", "greater",
            "rise", "rises", "climb", "climbs", "reach", "reaches", "hit", "hits");
    static final Set<String> BELOW = Set.of("below", "under", "lower", "less", "drop", "drops", "fall", "falls",
            "beneath");

    static final Set<String> ALL_KNOWN;

    static {
        Set<String> all = new HashSet<>(VERBS.keySet());
        all.addAll(PARTICLE_VERBS);
        all.addAll(QUESTION_STARTS);
        all.addAll(TRIGGER_MARKERS);
        all.addAll(UNIT_SECONDS.keySet());
        all.addAll(DAYS.keySet());
        all.addAll(ABOVE);
        all.addAll(BELOW);
        all.addAll(Set.of("sunset", "sunrise", "dusk", "dawn", "dark", "daylight", "before", "between", "until",
                "daily", "everyday", "brightness", "bright", "color", "colour", "percent", "degree", "max",
                "maximum", "highest", "min", "minimum", "lowest", "position", "without", "no", "nobody", "arrive",
                "leave", "leaves", "come", "comes", "get", "gets", "back", "away", "detect", "detects", "someone",
                "everyone", "notification", "saying", "says", "that", "again", "later", "minutes", "hours",
                "seconds", "soon", "time", "weekday", "weekend", "morning", "evening", "night", "afternoon",
                "only", "but", "except", "warmer", "cooler", "colder", "half", "quarter", "an", "fahrenheit",
                "celsius", "temp", "temperature", "thermostat", "sun", "sets", "rises", "goes", "go", "stays",
                "left", "remains", "stay", "remain", "up", "halfway", "track", "song"));
        ALL_KNOWN = Set.copyOf(all);
    }
}
