package io.hestia.query;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the local parser understood of one request. Plain data: the query service stores it, maps it to the API
 * view and asks its {@link #questions()} back to the person.
 *
 * @param intent     HA's intent names for one-shot commands and questions ({@code HassTurnOn}, {@code HassTurnOff},
 *                   {@code HassToggle}, {@code HassLightSet}, {@code HassClimateSetTemperature},
 *                   {@code HassSetPosition}, {@code HassGetState}, {@code HassMediaPause}, {@code HassMediaUnpause},
 *                   {@code HassMediaNext}, {@code HassMediaPrevious}, {@code HassSetVolume}),
 *                   {@link #AUTOMATION} for a request with a trigger, or {@link #UNKNOWN}
 * @param slots      HA-style slots of the command part: {@code name} (entity name as registered), {@code area},
 *                   {@code floor} (names), {@code domain}, {@code device_class}, {@code brightness}, {@code color},
 *                   {@code temperature}, {@code position}, {@code volume}, {@code state}; only what was said or
 *                   fixed by the wording
 * @param entities   resolved mentions, each with its best entity (several rows for "all the lights upstairs")
 * @param areas      areas named (or taken from the context area)
 * @param floors     floors named
 * @param triggers   HA modern-schema triggers ({@code trigger: state|time|sun|numeric_state|zone ...}); empty for
 *                   a command
 * @param conditions HA modern-schema conditions
 * @param actions    HA modern-schema actions ({@code action: light.turn_on} with {@code target} and {@code data})
 * @param draft      the automation draft (id, alias, description, mode, triggers, conditions, actions) or null when
 *                   the request is not an automation
 * @param questions  what must be asked before acting; empty when the request is clear
 * @param confidence 0..1
 * @param unparsed   words the parser could not place (for the optional LLM helper and for explanations)
 */
public record Understanding(String intent, Map<String, Object> slots, List<EntityMatch> entities, List<Place> areas,
                            List<Place> floors, List<Map<String, Object>> triggers,
                            List<Map<String, Object>> conditions, List<Map<String, Object>> actions,
                            Map<String, Object> draft, List<Question> questions, double confidence,
                            List<String> unparsed) {

    public static final String AUTOMATION = "automation";
    public static final String UNKNOWN = "unknown";

    public Understanding {
        Objects.requireNonNull(intent, "intent");
        slots = Map.copyOf(slots);
        entities = List.copyOf(entities);
        areas = List.copyOf(areas);
        floors = List.copyOf(floors);
        triggers = List.copyOf(triggers);
        conditions = List.copyOf(conditions);
        actions = List.copyOf(actions);
        questions = List.copyOf(questions);
        unparsed = List.copyOf(unparsed);
    }

    /** True when a question must be answered before the request can be acted on. */
    public boolean clarificationNeeded() {
        return !questions.isEmpty();
    }

    /**
     * One resolved mention.
     *
     * @param mention    the words of the request that named it
     * @param role       {@code target} (acted on or asked about), {@code trigger} or {@code condition}
     * @param confidence 0..1: exact name 1.0, alias 0.95, area+domain words lower, typo-corrected lower still
     */
    public record EntityMatch(String mention, String entityId, String name, String areaId, String area,
                              String domain, String deviceClass, String role, double confidence) {
    }

    /** An area or floor: its registry id and name. */
    public record Place(String id, String name) {
    }

    /**
     * A clarification question. Its id is stable for the same request and mention, so an answer given in one round
     * still applies when the request is parsed again.
     *
     * @param kind     {@code device} (which entity), {@code area}, {@code trigger} (which sensor), {@code action}
     *                 (a missing detail), {@code timing}
     * @param severity {@code critical}, {@code important} or {@code optional}
     * @param options  concrete choices; the answer is one option's value (or free text for a detail)
     */
    public record Question(String id, String kind, String severity, String text, List<Option> options) {
        public Question {
            options = List.copyOf(options);
        }
    }

    /** One choice of a question: the value to answer with and a label to show. */
    public record Option(String value, String label) {
    }
}
