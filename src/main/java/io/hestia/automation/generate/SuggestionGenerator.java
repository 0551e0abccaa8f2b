package io.hestia.automation.generate;

import io.hestia.automation.generate.EntityActions.Act;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Drafts suggestions from mined items (patterns, synergies) and query drafts, as automations in HA's modern schema.
 * The rules per item type are in docs/architecture.md, "Suggestion drafting". Nothing here guesses a value the
 * evidence does not give except the documented defaults below.
 */
public final class SuggestionGenerator {

    /** Minutes without motion before a motion light goes off, when the evidence has no off-delay of its own. */
    public static final int MOTION_OFF_MINUTES = 5;
    /** Minutes a door stays closed before it is locked. */
    public static final int DOOR_LOCK_MINUTES = 3;
    /** Minutes a window stays open before heating (or ventilation) stops. */
    public static final int WINDOW_OPEN_MINUTES = 2;
    /** Brightness the lights dim to when the TV plays. */
    public static final int DIM_BRIGHTNESS_PCT = 30;
    static final int TITLE_MAX = 60;

    private static final List<String> WEEK = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");
    private static final Pattern HHMM = Pattern.compile("([01]?\\d|2[0-3]):([0-5]\\d)");
    private static final Pattern NIGHT = Pattern.compile(
            "(?i)after sunset|after dark|at night|sun is down|below[ _]horizon|when it is dark");
    private static final Set<String> ACRONYMS = Set.of("tv", "ac", "pc", "hvac", "led", "usb", "nas", "ups");
    private static final Set<String> MOTION_LIGHT_RULES = Set.of("motion->light", "occupancy->light",
            "presence->light", "motion->switch");

    /**
     * One step of a synergy rule: the trigger entity reaching {@code when} (for {@code forMinutes}, when set) puts
     * the action entity into {@code then}, with extra call data when set.
     */
    private record Step(String when, Integer forMinutes, String then, Map<String, Object> data) {
        Step(String when, String then) {
            this(when, null, then, null);
        }
    }

    /**
     * The synergy rules Hestia drafts (SynergyDetector's rule names). The first step is the rule's purpose; a later
     * one is the same rule seen from its other state, used by chains. "Follow" rules add the other state to pairs.
     * Rules that need a threshold or a set-point (temperature, humidity, illuminance, the climate rules) are not
     * listed: they are drafted only from the states observed, or not at all.
     */
    private static final Map<String, List<Step>> RULES = Map.ofEntries(
            Map.entry("motion->light", List.of(new Step("on", "on"))),
            Map.entry("occupancy->light", List.of(new Step("on", "on"))),
            Map.entry("presence->light", List.of(new Step("on", "on"))),
            Map.entry("motion->switch", List.of(new Step("on", "on"))),
            Map.entry("door->light", List.of(new Step("on", "on"))),
            Map.entry("door->lock", List.of(new Step("off", DOOR_LOCK_MINUTES, "locked", null))),
            Map.entry("lock->light", List.of(new Step("unlocked", "on"), new Step("locked", "off"))),
            Map.entry("light->switch", List.of(new Step("on", "on"), new Step("off", "off"))),
            Map.entry("light->media_player", List.of(new Step("on", "on"), new Step("off", "off"))),
            Map.entry("media_player->light", List.of(new Step("playing", null, "on",
                    Map.of("brightness_pct", DIM_BRIGHTNESS_PCT)))),
            Map.entry("window->climate", List.of(new Step("on", WINDOW_OPEN_MINUTES, "off", null))),
            Map.entry("window->fan", List.of(new Step("on", WINDOW_OPEN_MINUTES, "off", null))),
            Map.entry("moisture->valve", List.of(new Step("on", "closed"))),
            Map.entry("moisture->switch", List.of(new Step("on", "off"))),
            Map.entry("person->light", List.of(new Step("home", "on"))),
            Map.entry("device_tracker->light", List.of(new Step("home", "on"))),
            Map.entry("door->notify", List.of(new Step("on", "notify"))));
    private static final Set<String> FOLLOW_RULES = Set.of("light->switch", "light->media_player");
    /** A co-occurrence whose median lag is longer is a shared routine, not a reaction: it is not suggested. */
    static final double MAX_REACTION_SECONDS = 60;

    private final Function<String, String> names;

    public SuggestionGenerator() {
        this(null);
    }

    /** @param names entity id to friendly name, null when unknown (then the object id is made readable) */
    public SuggestionGenerator(Function<String, String> names) {
        this.names = names == null ? id -> null : names;
    }

    public Optional<SuggestionDraft> fromPattern(Map<String, Object> item) {
        if (item == null) {
            return Optional.empty();
        }
        return switch (str(item.get("type"))) {
            case "time_of_day" -> timeOfDay(item);
            case "co_occurrence" -> coOccurrence(item);
            default -> Optional.empty();
        };
    }

    public Optional<SuggestionDraft> fromSynergy(Map<String, Object> item) {
        if (item == null) {
            return Optional.empty();
        }
        List<String> ids = ids(item);
        List<String> rules = new ArrayList<>();
        for (String r : str(details(item).get("rule")).split(",")) {
            if (!r.isBlank()) {
                rules.add(r.trim());
            }
        }
        if (ids.size() < 2 || rules.size() != ids.size() - 1 || new LinkedHashSet<>(ids).size() != ids.size()) {
            return Optional.empty();
        }
        if (ids.size() == 2) {
            return pair(item, ids.get(0), ids.get(1), rules.get(0));
        }
        return chain(item, ids, rules);
    }

    public Optional<SuggestionDraft> fromQuery(String queryId, String request, Map<String, Object> draft,
                                               double confidence) {
        if (draft == null) {
            return Optional.empty();
        }
        Object triggers = draft.get("triggers") != null ? draft.get("triggers") : draft.get("trigger");
        Object conditions = draft.get("conditions") != null ? draft.get("conditions") : draft.get("condition");
        Object actions = draft.get("actions") != null ? draft.get("actions") : draft.get("action");
        if (isEmpty(triggers) || isEmpty(actions)) {
            return Optional.empty();
        }
        String evidence = str(request).strip();
        String alias = str(draft.get("alias")).strip();
        if (alias.isEmpty()) {
            alias = evidence.isEmpty() ? "Drafted automation" : capitalise(evidence);
        }
        String title = truncate(alias);
        String description = str(draft.get("description")).strip();
        if (description.isEmpty()) {
            description = "Drafted by Hestia from the request: \"" + evidence + "\"";
        } else if (!evidence.isEmpty() && !description.contains(evidence)) {
            description = sentence(description) + " Request: \"" + evidence + "\"";
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("triggers", triggers);
        body.put("conditions", conditions == null ? List.of() : conditions);
        body.put("actions", actions);
        String key = behaviourKey(body);
        Map<String, Object> a = new LinkedHashMap<>();
        String id = str(draft.get("id")).strip();
        a.put("id", id.isEmpty() ? "hestia_" + key.substring(0, 12) : id);
        a.put("alias", alias);
        a.put("description", description);
        a.put("mode", draft.get("mode") == null ? "single" : draft.get("mode"));
        a.putAll(body);
        for (Map.Entry<String, Object> e : draft.entrySet()) {
            if (!Set.of("trigger", "condition", "action").contains(e.getKey())) {
                a.putIfAbsent(e.getKey(), e.getValue());
            }
        }
        double c = clamp(confidence);
        String category = Categories.of(a);
        return Optional.of(new SuggestionDraft(key, "query", str(queryId), "automation",
                Categories.entities(a), title, description, evidence, category, Categories.priority(c, category),
                c, a));
    }

    /** Stable key of an automation's behaviour (its triggers and actions), whatever its id, alias or source. */
    public static String behaviourKey(Map<String, Object> automation) {
        return BehaviourKey.of(automation);
    }

    // --- patterns ---

    private Optional<SuggestionDraft> timeOfDay(Map<String, Object> item) {
        List<String> ids = ids(item);
        Map<String, Object> d = details(item);
        String time = str(d.get("typical_time")).strip();
        if (ids.size() != 1 || !HHMM.matcher(time).matches()) {
            return Optional.empty();
        }
        String e = ids.get(0);
        Optional<Act> act = EntityActions.act(e, str(item.get("state")));
        if (act.isEmpty()) {
            return Optional.empty();
        }
        String[] hm = time.split(":");
        String clock = String.format(Locale.ROOT, "%02d:%s", Integer.parseInt(hm[0]), hm[1]);
        List<String> days = days(d);
        List<Object> conditions = new ArrayList<>();
        if (days.size() < 7) {
            conditions.add(ordered("condition", "time", "weekday", days));
        }
        String title = act.get().phrase(name(e)) + " at " + clock + dayPhrase(days);
        return Optional.of(draft("pattern", item, "single",
                List.of(ordered("trigger", "time", "at", clock + ":00")), conditions,
                List.of(act.get().step(e)), title, title + "."));
    }

    private Optional<SuggestionDraft> coOccurrence(Map<String, Object> item) {
        List<String> ids = ids(item);
        String[] states = str(item.get("state")).split("->", -1);
        if (ids.size() != 2 || states.length != 2 || ids.get(0).equals(ids.get(1))
                || EntityActions.transitional(states[0])) {
            return Optional.empty();
        }
        String a = ids.get(0);
        String b = ids.get(1);
        Optional<Act> act = EntityActions.act(b, states[1]);
        if (act.isEmpty()) {
            return Optional.empty();
        }
        boolean motionLight = EntityActions.motionLike(a) && EntityActions.domain(b).equals("light");
        if (EntityActions.motionLike(a) && "on".equals(states[0]) && "off".equals(states[1])) {
            return Optional.empty(); // motion switching something off is a coincidence of timing, not a wish
        }
        Object lag = details(item).get("median_lag_seconds");
        boolean delayedOff = EntityActions.motionLike(a) && "off".equals(states[0]);
        if (!delayedOff && lag instanceof Number n && n.doubleValue() > MAX_REACTION_SECONDS) {
            // minutes apart: the pair co-occurs (a shared routine), but one does not cause the other; turning it
            // into an immediate trigger would act minutes early
            return Optional.empty();
        }
        boolean doorLock = EntityActions.domain(b).equals("lock") && (EntityActions.sensorNamed(a, "door")
                || EntityActions.sensorNamed(a, "window"));
        if (doorLock && !"off".equals(states[0])) {
            return Optional.empty(); // never throw the bolt while the door stands open
        }
        Integer forMinutes = null;
        if (EntityActions.motionLike(a) && "off".equals(states[0])) {
            forMinutes = offMinutes(details(item).get("median_lag_seconds"));
        } else if (doorLock) {
            forMinutes = DOOR_LOCK_MINUTES; // the same behaviour as the door->lock synergy, so one key
        }
        List<Object> conditions = motionLight ? sunCondition(item) : List.of();
        String when = EntityActions.when(a, name(a), states[0]) + forPhrase(forMinutes);
        String title = stateTitle(a, b, states[1], when);
        return Optional.of(draft("pattern", item, motionLight ? "restart" : "single",
                List.of(stateTrigger(a, null, states[0], forMinutes, null)), conditions,
                List.of(act.get().step(b)), title, act.get().phrase(name(b)) + " when " + when + "."));
    }

    // --- synergies ---

    private Optional<SuggestionDraft> pair(Map<String, Object> item, String a, String b, String rule) {
        if (MOTION_LIGHT_RULES.contains(rule)) {
            return motionLight(item, a, b);
        }
        List<Step> steps = RULES.get(rule);
        Step step;
        if (steps != null) {
            step = steps.get(0);
        } else {
            String[] observed = str(details(item).get("observed_states")).split("->", -1);
            if (observed.length != 2) {
                return Optional.empty();
            }
            step = new Step(observed[0], observed[1]);
        }
        if (EntityActions.transitional(step.when())) {
            return Optional.empty();
        }
        if ("notify".equals(step.then())) {
            return notify(item, a, b, step);
        }
        Optional<Act> act = act(b, step);
        if (act.isEmpty()) {
            return Optional.empty();
        }
        Object observed = details(item).get("observed_support");
        boolean seen = observed instanceof Number n && n.doubleValue() > 0;
        if (!seen && EntityActions.domain(b).equals("switch")) {
            return Optional.empty(); // a switch may be an appliance: only what this home was seen doing
        }
        if (FOLLOW_RULES.contains(rule) && steps.size() > 1) {
            return follow(item, a, b, steps);
        }
        boolean dim = step.data() != null && step.data().containsKey("brightness_pct");
        // dimming means a light that is already on: without the condition it would switch lights on by day
        List<Object> conditions = dim ? List.of(stateCondition(b, "on")) : List.of();
        String when = EntityActions.when(a, name(a), step.when()) + forPhrase(step.forMinutes());
        String title = stateTitle(a, b, dim ? "dimmed" : step.then(), when);
        return Optional.of(draft("synergy", item, "single",
                List.of(stateTrigger(a, null, step.when(), step.forMinutes(), null)), conditions,
                List.of(act.get().step(b)), title, act.get().phrase(name(b)) + " when " + when
                        + (dim ? " while it is on" : "") + "."));
    }

    /**
     * The motion light as HA's own motion-light blueprint writes it: on motion turn on, wait for the motion to
     * clear, wait N minutes, turn off; mode restart, so new motion starts the wait again.
     */
    private Optional<SuggestionDraft> motionLight(Map<String, Object> item, String sensor, String target) {
        Optional<Act> on = EntityActions.act(target, "on");
        Optional<Act> off = EntityActions.act(target, "off");
        if (!EntityActions.domain(sensor).equals("binary_sensor") || on.isEmpty() || off.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> d = details(item);
        int minutes = "off->off".equals(str(d.get("observed_states")))
                ? offMinutes(d.get("median_lag_seconds")) : MOTION_OFF_MINUTES;
        List<Object> actions = new ArrayList<>();
        actions.add(on.get().step(target));
        actions.add(Map.of("wait_for_trigger", List.of(stateTrigger(sensor, "on", "off", null, null))));
        actions.add(Map.of("delay", Map.of("minutes", minutes)));
        actions.add(off.get().step(target));
        String title = name(target) + " on with " + name(sensor);
        String summary = "Turns on " + name(target) + " when " + name(sensor) + " detects motion and off again "
                + minutes + " min after the motion clears.";
        return Optional.of(draft("synergy", item, "restart",
                List.of(stateTrigger(sensor, "off", "on", null, null)), sunCondition(item), actions, title,
                summary));
    }

    /** Both states of a "follows" rule in one automation: a trigger per state, a choose on the trigger id. */
    private Optional<SuggestionDraft> follow(Map<String, Object> item, String a, String b, List<Step> steps) {
        List<Object> triggers = new ArrayList<>();
        List<Object> options = new ArrayList<>();
        for (Step s : steps) {
            Optional<Act> act = act(b, s);
            if (act.isEmpty()) {
                return Optional.empty();
            }
            triggers.add(stateTrigger(a, null, s.when(), s.forMinutes(), s.when()));
            Map<String, Object> option = new LinkedHashMap<>();
            option.put("conditions", List.of(ordered("condition", "trigger", "id", s.when())));
            option.put("sequence", List.of(act.get().step(b)));
            options.add(option);
        }
        String title = name(b) + " follows " + name(a);
        String summary = "Turns " + name(b) + " on and off with " + name(a) + ".";
        return Optional.of(draft("synergy", item, "single", triggers, List.of(),
                List.of(Map.of("choose", options)), title, summary));
    }

    /** door->notify: the notify entity sends a message (HA's notify.send_message). */
    private Optional<SuggestionDraft> notify(Map<String, Object> item, String a, String b, Step step) {
        if (!EntityActions.domain(b).equals("notify")) {
            return Optional.empty();
        }
        String event = EntityActions.when(a, name(a), step.when());
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("action", "notify.send_message");
        call.put("target", Map.of("entity_id", b));
        call.put("data", Map.of("message", event));
        String title = "Notify " + name(b) + " when " + event;
        return Optional.of(draft("synergy", item, "single",
                List.of(stateTrigger(a, null, step.when(), step.forMinutes(), null)), List.of(), List.of(call),
                title, title + "."));
    }

    /**
     * A→B→C: the trigger of the first rule on A, then each action in order. A later rule continues only from the
     * state the earlier step set (lock->light after door->lock: locked, so the light goes off); otherwise the
     * chain does not hold together and gives nothing.
     */
    private Optional<SuggestionDraft> chain(Map<String, Object> item, List<String> ids, List<String> rules) {
        List<Object> actions = new ArrayList<>();
        Step first = null;
        String reached = null;
        List<String> phrases = new ArrayList<>();
        List<String> outcomeList = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            List<Step> steps = RULES.get(rules.get(i));
            if (steps == null) {
                return Optional.empty();
            }
            Step step = null;
            for (Step s : steps) {
                if (i == 0 || s.when().equals(reached)) {
                    step = s;
                    break;
                }
            }
            if (step == null || "notify".equals(step.then())) {
                return Optional.empty();
            }
            Optional<Act> act = act(ids.get(i + 1), step);
            if (act.isEmpty()) {
                return Optional.empty();
            }
            if (i == 0) {
                first = step;
            }
            actions.add(act.get().step(ids.get(i + 1)));
            phrases.add(act.get().phrase(name(ids.get(i + 1))));
            outcomeList.add(name(ids.get(i + 1)) + " " + EntityActions.outcome(ids.get(i + 1), step.then()));
            reached = step.then();
        }
        String a = ids.get(0);
        String when = EntityActions.when(a, name(a), first.when()) + forPhrase(first.forMinutes());
        String outcomes = String.join(", then ", outcomeList);
        String title = firstFitting(outcomes + " when " + when, outcomes,
                outcomeList.get(0) + " and more when " + when);
        return Optional.of(draft("synergy", item, "single",
                List.of(stateTrigger(a, null, first.when(), first.forMinutes(), null)), List.of(), actions,
                title, "When " + when + ": " + lowerFirst(String.join(", then ", phrases)) + "."));
    }

    private static Optional<Act> act(String entityId, Step step) {
        Optional<Act> act = EntityActions.act(entityId, step.then());
        if (act.isEmpty() || step.data() == null) {
            return act;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        if (act.get().data() != null) {
            data.putAll(act.get().data());
        }
        data.putAll(step.data());
        String verb = step.data().containsKey("brightness_pct") ? "Dim %s" : act.get().verb();
        return Optional.of(new Act(act.get().service(), data, verb));
    }

    // --- building ---

    private SuggestionDraft draft(String source, Map<String, Object> item, String mode, List<Object> triggers,
                                  List<Object> conditions, List<Object> actions, String title, String summary) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("triggers", triggers);
        body.put("conditions", conditions);
        body.put("actions", actions);
        String key = behaviourKey(body);
        String evidence = str(item.get("explanation")).strip();
        String description = evidence.isEmpty() ? sentence(summary) : sentence(summary) + " Evidence: "
                + sentence(evidence);
        String t = truncate(title);
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("id", "hestia_" + key.substring(0, 12));
        a.put("alias", t);
        a.put("description", description);
        a.put("mode", mode);
        a.putAll(body);
        double confidence = clamp(num(item.get("confidence"), num(item.get("score"), 0)));
        String category = Categories.of(a);
        List<String> entities = new ArrayList<>(new LinkedHashSet<>(ids(item)));
        for (String e : Categories.entities(a)) {
            if (!entities.contains(e)) {
                entities.add(e);
            }
        }
        return new SuggestionDraft(key, source, str(item.get("id")), str(item.get("type")), List.copyOf(entities),
                t, description, evidence, category, Categories.priority(confidence, category), confidence, a);
    }

    private static Map<String, Object> stateTrigger(String entityId, String from, String to, Integer forMinutes,
                                                    String id) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("trigger", "state");
        t.put("entity_id", entityId);
        if (from != null) {
            t.put("from", from);
        }
        t.put("to", to);
        if (forMinutes != null) {
            t.put("for", Map.of("minutes", forMinutes));
        }
        if (id != null) {
            t.put("id", id);
        }
        return t;
    }

    private static Map<String, Object> stateCondition(String entityId, String state) {
        return ordered("condition", "state", "entity_id", entityId, "state", state);
    }

    /** The sun condition, only when the item's own words say the behaviour is an after-dark one. */
    private static List<Object> sunCondition(Map<String, Object> item) {
        String words = str(item.get("explanation")) + " " + str(details(item).get("rule_purpose"));
        if (!NIGHT.matcher(words).find()) {
            return List.of();
        }
        return List.of(ordered("condition", "state", "entity_id", "sun.sun", "state", "below_horizon"));
    }

    private static int offMinutes(Object lagSeconds) {
        double lag = num(lagSeconds, -1);
        if (lag <= 0) {
            return MOTION_OFF_MINUTES;
        }
        return (int) Math.max(1, Math.min(30, Math.round(lag / 60.0)));
    }

    private static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static List<String> days(Map<String, Object> d) {
        Set<String> found = new LinkedHashSet<>();
        if (d.get("days") instanceof Collection<?> c) {
            for (Object o : c) {
                found.add(str(o).toLowerCase(Locale.ROOT));
            }
        } else if ("weekdays".equals(d.get("day_mask"))) {
            found.addAll(WEEK.subList(0, 5));
        } else if ("weekends".equals(d.get("day_mask"))) {
            found.addAll(WEEK.subList(5, 7));
        }
        List<String> out = new ArrayList<>();
        for (String day : WEEK) {
            if (found.contains(day)) {
                out.add(day);
            }
        }
        return out.isEmpty() ? WEEK : out;
    }

    private static String dayPhrase(List<String> days) {
        if (days.size() == 7) {
            return "";
        }
        if (days.equals(WEEK.subList(0, 5))) {
            return " on weekdays";
        }
        if (days.equals(WEEK.subList(5, 7))) {
            return " at weekends";
        }
        List<String> names = new ArrayList<>();
        for (String day : days) {
            names.add(capitalise(day));
        }
        return " on " + String.join(", ", names);
    }

    /** Friendly name, else the object id made readable ("bathroom_ceiling_light" → "Bathroom Ceiling Light"). */
    String name(String entityId) {
        String n = names.apply(entityId);
        if (n != null && !n.isBlank()) {
            return n.strip();
        }
        List<String> words = new ArrayList<>();
        for (String w : EntityActions.objectId(entityId).split("_")) {
            if (ACRONYMS.contains(w)) {
                words.add(w.toUpperCase(Locale.ROOT));
            } else if (!w.isEmpty()) {
                words.add(capitalise(w));
            }
        }
        return words.isEmpty() ? entityId : String.join(" ", words);
    }

    /** "Entrance Ceiling Light off when Front Door Lock locks", else "... off with Front Door Lock". */
    private String stateTitle(String trigger, String target, String state, String when) {
        String outcome = name(target) + " " + EntityActions.outcome(target, state);
        return firstFitting(outcome + " when " + when, outcome + " when " + when.replaceAll(" for \\d+ min$", ""),
                outcome + " with " + name(trigger));
    }

    private static String firstFitting(String... titles) {
        for (String t : titles) {
            if (t.length() <= TITLE_MAX) {
                return t;
            }
        }
        return truncate(titles[0]);
    }

    private static String forPhrase(Integer minutes) {
        return minutes == null ? "" : " for " + minutes + " min";
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    static String truncate(String title) {
        String t = title.strip().replaceAll("\\s+", " ");
        if (t.length() <= TITLE_MAX) {
            return t;
        }
        String cut = t.substring(0, TITLE_MAX - 1);
        int space = cut.lastIndexOf(' ');
        if (space > TITLE_MAX / 2) {
            cut = cut.substring(0, space);
        }
        return cut.replaceAll("[\\s,.;:]+$", "") + "…";
    }

    private static String sentence(String s) {
        String t = s.strip();
        return t.isEmpty() || t.endsWith(".") || t.endsWith("!") || t.endsWith("?") ? t : t + ".";
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static List<String> ids(Map<String, Object> item) {
        List<String> out = new ArrayList<>();
        if (item.get("entity_ids") instanceof Collection<?> c) {
            for (Object o : c) {
                if (o != null && !str(o).isBlank()) {
                    out.add(str(o).strip());
                }
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> details(Map<String, Object> item) {
        return item.get("details") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static boolean isEmpty(Object v) {
        return v == null || (v instanceof Collection<?> c && c.isEmpty());
    }

    private static String str(Object o) {
        return o == null ? "" : String.valueOf(o);
    }

    private static double num(Object o, double fallback) {
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return o == null ? fallback : Double.parseDouble(String.valueOf(o));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static double clamp(double c) {
        return Double.isNaN(c) ? 0 : Math.max(0, Math.min(1, c));
    }
}
