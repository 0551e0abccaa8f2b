package io.hestia.query.nlu;

import io.hestia.query.HomeIndex;
import io.hestia.query.Understanding;
import io.hestia.query.Understanding.EntityMatch;
import io.hestia.query.Understanding.Option;
import io.hestia.query.Understanding.Place;
import io.hestia.query.Understanding.Question;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Reads one request: questions about state (HA's {@code HassGetState}), one-shot commands (HA's intent names and
 * slots) and automation requests (triggers, conditions and actions in HA's modern schema). Rule-based over the
 * {@link Analysis}: clauses are split at markers ("when", "if", "unless", "then", commas, "and" before a verb), time
 * expressions are read first, then each clause's verb, values and targets. Ambiguities become {@link Question}s whose
 * ids stay the same when the request is parsed again with answers.
 */
public final class SentenceParser {

    private final String original;
    private final HomeIndex home;
    private final Resolver resolver;
    private final PhraseIndex names;
    private final String contextAreaId;
    private final Map<String, String> answers;
    private final Analysis a;
    private final boolean[] used;
    private final int n;

    // results
    private final Map<String, Object> slots = new LinkedHashMap<>();
    private final List<EntityMatch> entities = new ArrayList<>();
    private final Set<Place> areas = new LinkedHashSet<>();
    private final Set<Place> floors = new LinkedHashSet<>();
    private final List<Map<String, Object>> triggers = new ArrayList<>();
    private final List<Map<String, Object>> conditions = new ArrayList<>();
    private final List<Map<String, Object>> actions = new ArrayList<>();
    private final List<Question> questions = new ArrayList<>();
    private final List<String> unparsed = new ArrayList<>();
    private final List<Double> confidences = new ArrayList<>();
    private String intent = Understanding.UNKNOWN;
    private boolean muteWord;
    private int volumeStepDir;
    private boolean unmute;
    private String triggerAreaId;
    private String requestAreaId;
    private boolean temporalTrigger;
    private boolean motionTrigger;
    private boolean offAfterQuiet;

    private SentenceParser(String text, HomeIndex home, PhraseIndex names, String contextAreaId,
                           Map<String, String> answers) {
        this.original = text;
        this.home = home;
        this.names = names;
        this.resolver = new Resolver(home, names);
        this.contextAreaId = home.area(contextAreaId) == null ? null : contextAreaId;
        this.answers = answers == null ? Map.of() : answers;
        this.a = new Analysis(text, names);
        this.n = a.toks.size();
        this.used = new boolean[n];
    }

    public static Understanding parse(String text, HomeIndex home, PhraseIndex names, String contextAreaId,
                                      Map<String, String> answers) {
        return new SentenceParser(text, home, names, contextAreaId, answers).run();
    }

    // ------------------------------------------------------------------------------------------------ the parse

    private Understanding run() {
        if (n == 0) {
            return result(0);
        }
        if (isQuestion()) {
            question(0, n);
        } else {
            Temporal temporal = new Temporal(a, used);
            temporal.extract();
            temporalTrigger = temporal.hasTrigger();
            requestAreaId = firstArea();
            Double quiet = quietFor();
            if (quiet == null) {
                quiet = afterStops();
            }
            badClock();
            List<int[]> clauses = clauses();
            List<int[]> actionClauses = new ArrayList<>();
            List<int[]> eventClauses = new ArrayList<>();
            for (int[] c : clauses) {
                if (c[2] == TRIGGER || c[2] == CONDITION) {
                    eventClauses.add(c);
                } else {
                    actionClauses.add(c);
                }
            }
            boolean automation = !eventClauses.isEmpty() || temporal.hasTrigger() || quiet != null;
            if (quiet != null) {
                quietTrigger(quiet);
            }
            for (int[] c : eventClauses) {
                event(c[0], c[1], c[2] == TRIGGER || eventClauses.size() == 1 && !temporal.hasTrigger());
            }
            temporal.emit(triggers, conditions, !triggers.isEmpty());
            if (automation) {
                // a sun or time condition alone still needs something to start it
                if (triggers.isEmpty() && !conditions.isEmpty()) {
                    triggers.add(conditionAsTrigger(conditions.remove(0)));
                }
            }
            int before = actions.size();
            for (int[] c : actionClauses) {
                command(c[0], c[1], automation);
            }
            for (Temporal.Duration d : temporal.actionDurations()) {
                applyDuration(d, before);
            }
            if (automation) {
                intent = Understanding.AUTOMATION;
                if (actions.isEmpty() && questions.isEmpty()) {
                    ask(new Question("action:missing", "action", "critical",
                            "What should happen then?", List.of()));
                }
            }
        }
        for (int i = 0; i < n; i++) {
            Tok t = a.toks.get(i);
            if (!used[i] && a.spanAt[i] == null && !t.isNumber() && !t.isTime()
                    && !Lexicon.FILLER.contains(t.word()) && !Lexicon.FILLER.contains(t.stem())) {
                unparsed.add(t.word());
            }
        }
        return result(score());
    }

    /** "after 10 minutes without motion", "after 5 minutes of no movement": seconds, the words marked used. */
    private Double quietFor() {
        for (int i = 0; i + 1 < n; i++) {
            boolean without = a.toks.get(i).is("without") || a.toks.get(i).is("no") && i > 0
                    && a.toks.get(i - 1).isAny("of", "with");
            Span s = a.spanAt[i + 1];
            if (!without || s == null || !s.isNoun() || !"binary_sensor".equals(s.kinds().get(0).domain())) {
                continue;
            }
            for (int j = Math.max(0, i - 4); j < i; j++) {
                if (a.toks.get(j).isAny("after", "for")) {
                    Double sec = Temporal.seconds(a, j + 1, i);
                    if (sec != null) {
                        for (int k = j; k < s.to(); k++) {
                            used[k] = true;
                        }
                        quietKinds = s.kinds();
                        return sec;
                    }
                }
            }
        }
        return null;
    }

    private List<Lexicon.Kind> quietKinds = List.of();

    /** "5 minutes after motion stops", "10 minutes after the motion has cleared". */
    private Double afterStops() {
        for (int i = 2; i + 2 < n; i++) {
            if (!a.toks.get(i).is("after")) {
                continue;
            }
            Double sec = Temporal.seconds(a, i - 2, i);
            int j = i + 1;
            while (j < n && a.toks.get(j).isAny("the", "any")) {
                j++;
            }
            Span s = j < n ? a.spanAt[j] : null;
            if (sec == null || s == null || !s.isNoun() || !"binary_sensor".equals(s.kinds().get(0).domain())) {
                continue;
            }
            int k = s.to();
            while (k < n && a.toks.get(k).isAny("has", "have", "is", "was")) {
                k++;
            }
            if (k < n && a.toks.get(k).stem().matches("stop|stopped|end|ended|clear|cleared|cease|ceased")) {
                for (int m = i - 2; m <= k; m++) {
                    used[m] = true;
                }
                quietKinds = s.kinds();
                return sec;
            }
        }
        return null;
    }

    private void quietTrigger(double seconds) {
        String area = requestAreaId != null ? requestAreaId : contextAreaId;
        Resolver.Scope scope = area == null ? Resolver.Scope.HOME : new Resolver.Scope(List.of(area), List.of());
        for (Lexicon.Kind k : quietKinds) {
            List<HomeIndex.Entity> es = resolver.ofKind(k, scope, e -> true);
            if (!es.isEmpty()) {
                Choice c = new Choice(new ArrayList<>(es), null, k, "off", 0.9, false);
                record(c, "trigger");
                Map<String, Object> trig = new LinkedHashMap<>();
                trig.put("trigger", "state");
                trig.put("entity_id", ids(es));
                trig.put("to", "off");
                trig.put("for", hms(seconds));
                triggers.add(trig);
                motionTrigger = true;
                offAfterQuiet = true;
                triggerAreaId = area;
                return;
            }
        }
        Targets t = new Targets();
        if (area != null) {
            t.areaIds.add(area);
        }
        new Event(0, 0).noSensorFor(t, new Choice(new ArrayList<>(), null, quietKinds.get(0), "off", 0.5, false));
    }

    /** The first area the request names, or the one area of the first entity name it uses. */
    private static final java.util.regex.Pattern CLOCKISH = java.util.regex.Pattern.compile(
            "\\d{1,2}[:.]\\d{2}|\\d{1,2}(am|pm)");

    /** A time that cannot be ("25:00", "13pm") is asked about, not dropped. */
    private void badClock() {
        for (int i = 0; i < n; i++) {
            Tok t = a.toks.get(i);
            if (!used[i] && !t.isTime() && CLOCKISH.matcher(t.word()).matches()) {
                used[i] = true;
                ask(new Question("time:" + slug(t.word()), "timing", "critical", "\"" + t.word()
                        + "\" is not a time of day. At what time?", List.of()));
            }
        }
    }

    private String firstArea() {
        for (Span s : a.spans) {
            if (!s.names(PhraseIndex.Type.ENTITY)) {
                for (PhraseIndex.Target t : s.targets()) {
                    if (t.type() == PhraseIndex.Type.AREA) {
                        return t.id();
                    }
                }
            }
        }
        for (Span s : a.spans) {
            if (s.names(PhraseIndex.Type.ENTITY) && !s.isNoun()) {
                Set<String> areaIds = new LinkedHashSet<>();
                for (PhraseIndex.Target t : s.targets()) {
                    HomeIndex.Entity e = home.entity(t.id());
                    if (e != null && e.areaId() != null && !e.domain().equals("binary_sensor")) {
                        areaIds.add(e.areaId());
                    }
                }
                if (areaIds.size() == 1) {
                    return areaIds.iterator().next();
                }
            }
        }
        return null;
    }

    private static final Set<String> LEAD_IN = Set.of("hey", "ok", "okay", "please", "so", "and");

    private boolean isQuestion() {
        int i = 0;
        while (i < n && LEAD_IN.contains(a.toks.get(i).word())) {
            i++;
        }
        if (i >= n) {
            return false;
        }
        String w = a.toks.get(i).word();
        if (w.equals("tell") || w.equals("check")) {
            return true;
        }
        if (w.equals("when") && i + 1 < n && a.toks.get(i + 1).isAny("will", "is", "does", "did", "was")) {
            return true;
        }
        return Words.QUESTION_STARTS.contains(w);
    }

    // -------------------------------------------------------------------------------------------------- clauses

    private static final int ACTION = 0;
    private static final int TRIGGER = 1;
    private static final int CONDITION = 2;

    /** Clauses as {from, to, type}. */
    private List<int[]> clauses() {
        List<int[]> out = new ArrayList<>();
        int start = 0;
        int type = ACTION;
        for (int i = 0; i <= n; i++) {
            boolean boundary = i == n;
            int nextType = ACTION;
            if (!boundary && !used[i]) {
                String w = a.toks.get(i).word();
                if (w.equals("when") || w.equals("whenever") || w.equals("once")
                        || (w.equals("as") && i + 2 < n && a.toks.get(i + 1).is("soon"))
                        || ((w.equals("every") || w.equals("each")) && i + 1 < n && a.toks.get(i + 1).is("time"))) {
                    boundary = true;
                    nextType = TRIGGER;
                } else if (w.equals("if")) {
                    boundary = true;
                    nextType = (i > 0 && a.toks.get(i - 1).is("only")) || hasTriggerBefore(out, type)
                            || temporalTrigger || hasTriggerMarker() ? CONDITION : TRIGGER;
                } else if (w.equals("unless") || w.equals("while")) {
                    boundary = true;
                    nextType = CONDITION;
                } else if (w.equals(",") || w.equals("then")) {
                    boundary = true;
                } else if (type != ACTION && i > start + 1 && startsTransitiveCommand(i)) {
                    // "when the door opens turn on the light": the command starts a new clause
                    boundary = true;
                } else if (w.equals("and") && i + 1 < n && startsCommand(i + 1)) {
                    boundary = true;
                }
            }
            if (boundary) {
                if (i > start) {
                    out.add(new int[] {start, i, type});
                }
                start = i + (i < n && isMarker(i) ? 1 : 0);
                if (i < n && a.toks.get(i).is("as")) {
                    start = i + 3;
                } else if (i < n && (a.toks.get(i).is("every") || a.toks.get(i).is("each"))) {
                    start = i + 2;
                }
                type = i < n && (a.toks.get(i).is(",") || a.toks.get(i).is("then") || a.toks.get(i).is("and"))
                        ? ACTION : nextType;
                if (i < n) {
                    used[i] = used[i] || isMarker(i);
                }
                if (i < n && !isMarker(i) && !a.toks.get(i).is("as") && !a.toks.get(i).is("every")
                        && !a.toks.get(i).is("each")) {
                    start = i;
                    type = ACTION;
                }
            }
        }
        return out;
    }

    private boolean hasTriggerMarker() {
        for (Tok t : a.toks) {
            if (t.isAny("when", "whenever", "once")) {
                return true;
            }
        }
        return false;
    }

    /** A command verb in its base form followed by what it acts on. */
    private boolean startsTransitiveCommand(int i) {
        Tok t = a.toks.get(i);
        String w = t.word();
        if (used[i]) {
            return false;
        }
        if (Words.PARTICLE_VERBS.contains(w) && i + 1 < n && a.toks.get(i + 1).isAny("on", "off", "the", "all",
                "my", "a", "every", "it", "them")) {
            return true;
        }
        Words.Verb v = Words.VERBS.get(w);
        if (v == null || i + 1 >= n) {
            return false;
        }
        Tok next = a.toks.get(i + 1);
        return next.isAny("the", "all", "my", "a", "an", "me", "us", "every", "everyone", "it", "them", "this")
                || a.spanAt[i + 1] != null && a.spanAt[i + 1] != a.spanAt[i];
    }

    private boolean isMarker(int i) {
        return a.toks.get(i).isAny("when", "whenever", "once", "if", "unless", "while", ",", "then", "and");
    }

    private static boolean hasTriggerBefore(List<int[]> out, int currentType) {
        if (currentType == TRIGGER) {
            return true;
        }
        for (int[] c : out) {
            if (c[2] == TRIGGER) {
                return true;
            }
        }
        return false;
    }

    private boolean startsCommand(int i) {
        int j = i;
        while (j < n && a.toks.get(j).isAny("please", "also", "then")) {
            j++;
        }
        if (j >= n) {
            return false;
        }
        String w = a.toks.get(j).word();
        return Words.PARTICLE_VERBS.contains(w) || Words.VERBS.containsKey(w)
                && !(a.spanAt[j] != null && a.spanAt[j].isNoun() && !w.equals("lock"));
    }

    // ------------------------------------------------------------------------------------------------ questions

    private void question(int from, int to) {
        for (int i = from; i < to; i++) {
            used[i] = used[i] || a.spanAt[i] == null && Words.QUESTION_STARTS.contains(a.toks.get(i).word());
        }
        Place place = null;
        Targets t = targets(from, to, null, true);
        String first = a.toks.get(from).word();
        boolean where = first.equals("where");
        List<Lexicon.StateWord> states = new ArrayList<>();
        for (Span s : t.stateSpans) {
            states.addAll(s.states());
        }
        boolean howWarm = first.equals("how") && from + 1 < to
                && a.toks.get(from + 1).isAny("warm", "cold", "hot", "chilly", "cool");
        boolean temperatureQuestion = t.name == null && (howWarm || t.nouns.stream().anyMatch(s -> s.kinds().get(0)
                .equals(new Lexicon.Kind("sensor", "temperature")) || s.text().startsWith("temp")) && states.isEmpty()
                && (first.equals("what") || first.equals("how")));
        if (howWarm) {
            used[from + 1] = true;
            dropSpanAt(from + 1);
        }
        if (temperatureQuestion) {
            intent = "HassClimateGetTemperature";
            scopeSlots(t, true);
            // the sensors (else thermostats) that answer it, in the place asked or the speaker's area
            Resolver.Scope scope = scopeOf(t);
            boolean outside = t.areaIds.isEmpty() && t.unknownWords.stream().anyMatch(w -> w.startsWith("outside")
                    || w.startsWith("outdoor"));
            for (Lexicon.Kind k : List.of(new Lexicon.Kind("sensor", "temperature"), new Lexicon.Kind("climate", null))) {
                List<HomeIndex.Entity> es = resolver.ofKind(k, outside ? Resolver.Scope.HOME : scope, e -> !outside
                        || e.name() != null && e.name().toLowerCase(Locale.ROOT).matches(".*\\b(outdoor|outside).*"));
                if (outside && !es.isEmpty()) {
                    for (int i = from; i < to; i++) {
                        used[i] = used[i] || a.toks.get(i).word().startsWith("outside")
                                || a.toks.get(i).word().startsWith("outdoor");
                    }
                }
                if (!es.isEmpty()) {
                    record(new Choice(new ArrayList<>(es), null, k, null, 0.9, false), "target");
                    break;
                }
            }
            return;
        }
        intent = "HassGetState";
        Choice choice = choose(t, states, null, "target");
        if (choice == null) {
            return;
        }
        applyChoice(choice, t, true, !where);
        if (choice.state != null && !where) {
            slots.put("state", choice.state);
        }
    }

    // ------------------------------------------------------------------------------------------------- commands

    private record VerbAt(Words.Verb verb, int at, Lexicon.Kind implied) {
    }

    private void command(int from, int to, boolean automation) {
        VerbAt v = verb(from, to);
        Values values = values(from, to, v == null ? null : v.verb);
        Words.Verb verb = v == null ? null : v.verb;
        if (verb == null && values.any()) {
            verb = Words.Verb.SET;
        }
        if (verb == null) {
            if (!automation && intent.equals(Understanding.UNKNOWN)) {
                // a bare name ("the kitchen light") is not a command; say what is missing
                Targets t = targets(from, to, null, false);
                if (t.name != null || !t.nouns.isEmpty()) {
                    ask(new Question("action:verb", "action", "critical", "What should I do with "
                            + a.text(from, to) + "?", List.of(new Option("on", "Turn on"),
                            new Option("off", "Turn off"))));
                    String answer = answers.get("action:verb");
                    if (answer != null) {
                        verb = answer.equals("off") ? Words.Verb.OFF : Words.Verb.ON;
                        questions.clear();
                    }
                }
            }
            if (verb == null) {
                return;
            }
        }
        if (verb == Words.Verb.NOTIFY) {
            notifyAction(from, to);
            return;
        }
        Targets t = targets(from, to, v == null ? null : v.implied, false);
        if (verb == Words.Verb.SET && !values.any() && t.activatable()) {
            verb = Words.Verb.ON; // "change to the party mode scene", "transition to party mode"
        }
        String commandIntent = intentOf(verb, values, t);
        Predicate<HomeIndex.Entity> allowed = allowedFor(commandIntent, verb, values);
        Choice choice = choose(t, List.of(), allowed, "target");
        if (intent.equals(Understanding.UNKNOWN)) {
            intent = commandIntent;
        }
        boolean first = actions.isEmpty();
        if (choice == null && t.nothing() && mentionsPronoun(from, to)) {
            choice = pronoun(allowed); // "if the tv is on at 11pm turn it off"
        }
        if (choice == null && t.areaOnly()) {
            // "set the bedroom to 50%", "light up the living room": the area is the target
            choice = areaChoice(t, commandIntent, allowed);
        }
        if (choice == null) {
            if (t.nothing() && !automation) {
                Lexicon.Kind k = defaultKind(commandIntent);
                if (k != null) {
                    choice = kindChoice(t, k, allowed);
                }
            }
            if (choice == null) {
                if (!t.unknownWords.isEmpty() || t.nothing()) {
                    askUnknown(from, to, t);
                }
                return;
            }
        }
        if (first) {
            applyChoice(choice, t, false, true);
            values.toSlots(slots, commandIntent);
            if (choice.name == null && choice.kind != null && choice.kind.domain().equals("fan")
                    && (commandIntent.equals("HassTurnOn") || commandIntent.equals("HassTurnOff"))
                    && !choice.contextArea && !t.here) {
                // HA's fan sentences address every fan of a place (or of the home) as name "all"
                slots.put("name", "all");
            }
        } else {
            record(choice, "target");
        }
        if (choice.entities.isEmpty() && choice.kind != null) {
            askMissing(choice, t);
        } else if (choice.kind != null && choice.entities.size() > 1 && !t.plural && !t.all && t.name == null
                && (automation || scopeOf(t).isHome() && !t.wholeHome)) {
            askWhich(choice, t);
        }
        Map<String, Object> action = service(commandIntent, verb, values, choice);
        if (action != null) {
            actions.add(action);
        }
        for (Span extra : t.extraNames) {
            // "turn on the kitchen light and the tv": one action per further name
            Targets one = new Targets();
            one.name = extra;
            Choice more = byName(one, List.of(), allowed);
            if (more != null) {
                record(more, "target");
                Map<String, Object> act = service(commandIntent, verb, values, more);
                if (act != null) {
                    actions.add(act);
                }
            }
        }
        if (values.missingDetail != null) {
            askDetail(values.missingDetail, choice);
        }
    }

    private boolean mentionsPronoun(int from, int to) {
        for (int i = from; i < to; i++) {
            if (a.toks.get(i).isAny("it", "them")) {
                used[i] = true;
                return true;
            }
        }
        return false;
    }

    /** "it" and "them": the entities of the last trigger or condition that can take the action. */
    private Choice pronoun(Predicate<HomeIndex.Entity> allowed) {
        for (int i = entities.size() - 1; i >= 0; i--) {
            EntityMatch m = entities.get(i);
            HomeIndex.Entity e = home.entity(m.entityId());
            if (e != null && allowed.test(e)) {
                return new Choice(new ArrayList<>(List.of(e)), null, null, null, m.confidence() * 0.9, false);
            }
        }
        return null;
    }

    private VerbAt verb(int from, int to) {
        for (int i = from; i < to; i++) {
            if (used[i]) {
                continue;
            }
            Tok t = a.toks.get(i);
            String w = t.word();
            if (Words.PARTICLE_VERBS.contains(w) && volumeStep(i + 1, to) != 0) {
                used[i] = true; // "turn up the tv volume", "turn the volume down"
                return new VerbAt(Words.Verb.VOLUME, i, null);
            }
            if (Words.PARTICLE_VERBS.contains(w)) {
                int p = particle(i + 1, to);
                if (p >= 0) {
                    used[i] = true;
                    used[p] = true;
                    dropSpanAt(p);
                    return new VerbAt(a.toks.get(p).is("on") || a.toks.get(p).is("up")
                            ? Words.Verb.ON : Words.Verb.OFF, i, null);
                }
                used[i] = true;
                return new VerbAt(Words.Verb.SET, i, null);
            }
            int up = lightUp(i, to);
            if (up > 0) {
                used[i] = true;
                used[up] = true;
                dropSpanAt(i);
                return new VerbAt(Words.Verb.ON, i, new Lexicon.Kind("light", null));
            }
            if (w.equals("make") && i + 1 < to && a.toks.get(i + 1).is("sure")) {
                used[i] = true;
                used[i + 1] = true;
                continue;
            }
            if (w.equals("transition") || w.equals("switch") && i + 1 < to && a.toks.get(i + 1).is("to")) {
                used[i] = true;
                return new VerbAt(Words.Verb.SET, i, null);
            }
            if (a.spanAt[i] != null && a.spanAt[i].to() - a.spanAt[i].from() > 1
                    && a.spanAt[i].names(PhraseIndex.Type.ENTITY)) {
                continue; // "play corner light off": a word of a name is not a verb
            }
            if (w.equals("illuminate")) {
                used[i] = true;
                return new VerbAt(Words.Verb.ON, i, new Lexicon.Kind("light", null));
            }
            if (w.equals("shut") && i + 1 < to && a.toks.get(i + 1).isAny("off", "down")) {
                used[i] = true;
                used[i + 1] = true;
                dropSpanAt(i + 1);
                return new VerbAt(Words.Verb.OFF, i, null);
            }
            Words.Verb verb = Words.VERBS.get(w);
            if (verb == null && !t.stem().equals(w)) {
                verb = Words.VERBS.get(t.stem());
            }
            if (verb != null) {
                Span s = a.spanAt[i];
                boolean nounHere = s != null && (s.isNoun() || !s.targets().isEmpty());
                // "lock" and "volume" are nouns too: a verb only when they open the clause
                if (nounHere && !firstContent(from, i)) {
                    continue;
                }
                if (verb == Words.Verb.NOTIFY && w.equals("send") && !mentionsNotification(i, to)) {
                    continue;
                }
                if (s != null) {
                    a.drop(s);
                }
                used[i] = true;
                if (w.equals("mute") || w.equals("unmute")) {
                    muteWord = true;
                    unmute = w.equals("unmute");
                }
                return new VerbAt(verb, i, null);
            }
        }
        // no verb: "living room lights on", "kitchen fans off", "lights out"
        for (int i = to - 1; i >= from; i--) {
            Tok t = a.toks.get(i);
            if (!used[i] && t.is("out") && i > from && a.spanAt[i - 1] != null
                    && a.spanAt[i - 1].kinds().contains(new Lexicon.Kind("light", null))) {
                used[i] = true;
                return new VerbAt(Words.Verb.OFF, i, null);
            }
            if (!used[i] && t.isAny("on", "off") && isParticle(i, to)) {
                used[i] = true;
                dropSpanAt(i);
                return new VerbAt(t.is("on") ? Words.Verb.ON : Words.Verb.OFF, i, null);
            }
        }
        return null;
    }

    /** +1 for "up", -1 for "down" in a clause that speaks of the volume, else 0 (marks both words used). */
    private int volumeStep(int from, int to) {
        int dir = 0;
        int at = -1;
        boolean volume = false;
        for (int i = from; i < to; i++) {
            if (a.toks.get(i).isAny("up", "down") && at < 0) {
                dir = a.toks.get(i).is("up") ? 1 : -1;
                at = i;
            }
            volume |= a.toks.get(i).isAny("volume", "louder", "quieter");
        }
        if (dir == 0 || !volume) {
            return 0;
        }
        used[at] = true;
        volumeStepDir = dir;
        return dir;
    }

    /** "light up the room", "light this room up": the token of "up", or -1. */
    private int lightUp(int i, int to) {
        if (!a.toks.get(i).is("light")) {
            return -1;
        }
        for (int j = i + 1; j < Math.min(to, i + 4); j++) {
            if (a.toks.get(j).is("up")) {
                return j;
            }
            if (a.spanAt[j] != null && !a.spanAt[j].names(PhraseIndex.Type.AREA) && !a.toks.get(j).is("this")) {
                return -1;
            }
        }
        return -1;
    }

    private boolean mentionsNotification(int i, int to) {
        for (int j = i + 1; j < to; j++) {
            if (a.toks.get(j).word().startsWith("notif") || a.toks.get(j).word().startsWith("message")
                    || a.toks.get(j).is("alert") || a.toks.get(j).is("text")) {
                return true;
            }
        }
        return false;
    }

    private boolean firstContent(int from, int i) {
        for (int j = from; j < i; j++) {
            if (!used[j] && !Lexicon.FILLER.contains(a.toks.get(j).word())) {
                return false;
            }
        }
        return true;
    }

    private void dropSpanAt(int i) {
        if (a.spanAt[i] != null) {
            a.drop(a.spanAt[i]);
        }
    }

    /** The first "on"/"off"/"up" after a particle verb that is a particle, not a preposition ("on the first floor"). */
    private int particle(int from, int to) {
        if (from < to && !used[from] && a.toks.get(from).isAny("on", "off", "up")) {
            return from; // "turn on the first floor lights": right after the verb it is the particle
        }
        for (int i = from; i < to; i++) {
            if (!used[i] && a.toks.get(i).isAny("on", "off") && isParticle(i, to)) {
                return i;
            }
            if (!used[i] && a.toks.get(i).is("to")) {
                return -1; // "turn the lamp to 50%"
            }
        }
        return -1;
    }

    private boolean isParticle(int i, int to) {
        if (a.toks.get(i).is("off")) {
            return true;
        }
        int j = i + 1;
        while (j < to && a.toks.get(j).isAny("the", "my", "our")) {
            j++;
        }
        if (j >= to) {
            return true;
        }
        Span s = a.spanAt[j];
        if (s != null && (s.names(PhraseIndex.Type.AREA) || s.names(PhraseIndex.Type.FLOOR))
                && !s.names(PhraseIndex.Type.ENTITY) && j > i + 1) {
            return false; // "on the first floor"
        }
        String w = a.toks.get(j).word();
        if (Lexicon.WEEKDAYS.contains(a.toks.get(j).stem()) || Words.DAYS.containsKey(a.toks.get(j).stem())) {
            return false; // "on weekdays"
        }
        return !(j == i + 1 && s != null && (s.names(PhraseIndex.Type.FLOOR)) && !w.equals("here"));
    }

    private String intentOf(Words.Verb verb, Values values, Targets t) {
        return switch (verb) {
            case ON, OPEN, LOCK -> values.percent != null && (verb == Words.Verb.OPEN || t.coverLike())
                    ? "HassSetPosition" : verb == Words.Verb.ON && (values.percent != null || values.color != null
                    || values.brightness != null) ? "HassLightSet" : "HassTurnOn";
            case CLOSE -> values.percent != null ? "HassSetPosition" : "HassTurnOff";
            case OFF, UNLOCK -> "HassTurnOff";
            case TOGGLE -> "HassToggle";
            case PAUSE -> "HassMediaPause";
            case PLAY -> "HassMediaUnpause";
            case NEXT -> "HassMediaNext";
            case PREVIOUS -> "HassMediaPrevious";
            case VOLUME -> "HassSetVolume";
            case NOTIFY -> "notify";
            case FLASH -> "HassLightSet";
            case SET, DIM, BRIGHTEN -> {
                if (values.volume != null) {
                    yield "HassSetVolume";
                }
                if (values.temperature != null || t.climateLike()) {
                    yield "HassClimateSetTemperature";
                }
                if (values.position || (values.percent != null && t.coverLike())) {
                    yield "HassSetPosition";
                }
                yield "HassLightSet";
            }
        };
    }

    private Predicate<HomeIndex.Entity> allowedFor(String commandIntent, Words.Verb verb, Values values) {
        return switch (commandIntent) {
            case "HassLightSet" -> e -> e.domain().equals("light");
            case "HassClimateSetTemperature" -> e -> e.domain().equals("climate") || e.domain().equals("water_heater");
            case "HassSetPosition" -> e -> e.domain().equals("cover") || e.domain().equals("valve");
            case "HassSetVolume", "HassMediaPause", "HassMediaUnpause", "HassMediaNext", "HassMediaPrevious" ->
                    e -> e.domain().equals("media_player");
            default -> Resolver.actionable(verb);
        };
    }

    private static Lexicon.Kind defaultKind(String commandIntent) {
        return switch (commandIntent) {
            case "HassLightSet" -> new Lexicon.Kind("light", null);
            case "HassClimateSetTemperature" -> new Lexicon.Kind("climate", null);
            case "HassSetVolume", "HassMediaPause", "HassMediaUnpause", "HassMediaNext", "HassMediaPrevious" ->
                    new Lexicon.Kind("media_player", null);
            default -> null;
        };
    }

    // -------------------------------------------------------------------------------------------------- targets

    /** What a clause names: an entity name, device nouns, state words, places, and words nothing explains. */
    private final class Targets {
        Span name;
        final List<Span> nouns = new ArrayList<>();
        final List<Span> stateSpans = new ArrayList<>();
        final List<Span> extraNames = new ArrayList<>();
        final List<String> areaIds = new ArrayList<>();
        final List<String> floorIds = new ArrayList<>();
        final List<String> unknownWords = new ArrayList<>();
        Lexicon.Kind implied;
        boolean here;
        boolean wholeHome;
        boolean all;
        boolean plural;
        boolean quantified;

        boolean nothing() {
            return name == null && nouns.isEmpty() && implied == null && areaIds.isEmpty() && floorIds.isEmpty();
        }

        boolean areaOnly() {
            return name == null && nouns.isEmpty() && (!areaIds.isEmpty() || !floorIds.isEmpty() || here);
        }

        boolean coverLike() {
            return hasDomain("cover") || hasDomain("valve");
        }

        boolean activatable() {
            return hasDomain("scene") || hasDomain("script");
        }

        boolean climateLike() {
            for (Span s : nouns) {
                if (s.kinds().get(0).domain().equals("climate") || s.text().startsWith("temp")) {
                    return true;
                }
            }
            if (name == null) {
                return false;
            }
            // the best-named entities decide: "living room thermostat" names the thermostat exactly, even though
            // "Living Room Thermostat Temperature" starts with the same words
            List<HomeIndex.Entity> best = resolver.named(name, e -> true);
            return !best.isEmpty() && best.stream().allMatch(e -> e.domain().equals("climate"));
        }

        private boolean hasDomain(String domain) {
            for (Span s : nouns) {
                if (s.kinds().get(0).domain().equals(domain)) {
                    return true;
                }
            }
            if (name != null) {
                List<HomeIndex.Entity> es = resolver.named(name, e -> true);
                return !es.isEmpty() && es.stream().allMatch(e -> e.domain().equals(domain));
            }
            return false;
        }

        Resolver.Scope scope() {
            if (!areaIds.isEmpty() || !floorIds.isEmpty()) {
                return new Resolver.Scope(areaIds, floorIds);
            }
            return Resolver.Scope.HOME;
        }
    }

    private Targets targets(int from, int to, Lexicon.Kind implied, boolean question) {
        Targets t = new Targets();
        t.implied = implied;
        for (int i = from; i < to; i++) {
            if (used[i]) {
                continue;
            }
            Tok tok = a.toks.get(i);
            Span s = a.spanAt[i];
            if (s != null && s.from() == i) {
                boolean entityName = s.names(PhraseIndex.Type.ENTITY);
                if (entityName && splitPlural(s, t)) {
                    i = s.to() - 1;
                    continue;
                }
                if (entityName) {
                    boolean preferNoun = s.isNoun() && (t.quantified || !tok.word().equals(tok.stem())
                            || question && isPluralVerbNear(i));
                    if (preferNoun) {
                        t.nouns.add(s);
                        t.plural |= !tok.word().equals(tok.stem());
                    } else if (t.name == null) {
                        t.name = s;
                    } else if (s.to() - s.from() > t.name.to() - t.name.from()) {
                        t.extraNames.add(t.name);
                        t.name = s;
                    } else {
                        t.extraNames.add(s);
                    }
                } else if (s.names(PhraseIndex.Type.AREA) || s.names(PhraseIndex.Type.FLOOR)) {
                    for (PhraseIndex.Target target : s.targets()) {
                        if (target.type() == PhraseIndex.Type.AREA && !t.areaIds.contains(target.id())) {
                            t.areaIds.add(target.id());
                            break;
                        }
                        if (target.type() == PhraseIndex.Type.FLOOR && !t.floorIds.contains(target.id())) {
                            t.floorIds.add(target.id()); // "upstairs" may be several floors
                        }
                    }
                } else if (s.isNoun()) {
                    t.nouns.add(s);
                    Tok last = a.toks.get(s.to() - 1);
                    t.plural |= !last.word().equals(last.stem());
                } else if (s.isState()) {
                    if (question && (tok.isAny("on", "off")) && !isParticle(i, to)) {
                        continue;
                    }
                    t.stateSpans.add(s);
                }
                i = s.to() - 1;
                continue;
            }
            if (s != null) {
                continue;
            }
            String w = tok.word();
            if (Lexicon.ALL.contains(w)) {
                t.all |= !w.equals("any");
                t.quantified = true;
            } else if (w.equals("which") || w.equals("many")) {
                t.quantified = true;
            } else if (Lexicon.HERE.contains(w)) {
                t.here = true;
            } else if (Lexicon.WHOLE_HOME.contains(w) || w.equals("everywhere")) {
                t.wholeHome = true;
            } else if (!tok.isNumber() && !tok.isTime() && !Lexicon.FILLER.contains(w)
                    && !Words.ALL_KNOWN.contains(w) && !Lexicon.COLORS.contains(w) && !Words.ALL_KNOWN.contains(
                    tok.stem())) {
                t.unknownWords.add(w);
            }
        }
        if (t.here && contextAreaId != null && t.areaIds.isEmpty()) {
            t.areaIds.add(contextAreaId);
        }
        return t;
    }

    /**
     * "bedroom curtains" said of an entity named "Bedroom Curtain": the plural asks for the kind in the place, not
     * the one entity. Splits the span into a place and a noun when it can.
     */
    private boolean splitPlural(Span s, Targets t) {
        Tok last = a.toks.get(s.to() - 1);
        if (last.word().equals(last.stem()) || s.to() - s.from() < 2) {
            return false;
        }
        for (PhraseIndex.Target target : s.targets()) {
            HomeIndex.Entity e = home.entity(target.id());
            if (e != null && e.name() != null && e.name().toLowerCase(Locale.ROOT).endsWith(last.word())) {
                return false; // the name itself is plural ("Sliding Doors")
            }
        }
        for (int k = s.to() - 1; k > s.from(); k--) {
            List<PhraseIndex.Target> place = names.lookup(a.stems, s.from(), k);
            List<Lexicon.Kind> kinds = Lexicon.NOUNS.get(String.join(" ", a.stems.subList(k, s.to())));
            if (kinds == null || place.isEmpty()) {
                continue;
            }
            for (PhraseIndex.Target p : place) {
                if (p.type() == PhraseIndex.Type.AREA) {
                    t.areaIds.add(p.id());
                    break;
                }
                if (p.type() == PhraseIndex.Type.FLOOR) {
                    t.floorIds.add(p.id());
                    break;
                }
            }
            if (t.areaIds.isEmpty() && t.floorIds.isEmpty()) {
                continue;
            }
            t.nouns.add(new Span(k, s.to(), a.text(k, s.to()), List.of(), kinds, List.of(), false));
            t.plural = true;
            return true;
        }
        return false;
    }

    private boolean isPluralVerbNear(int i) {
        for (int j = Math.max(0, i - 4); j < i; j++) {
            if (a.toks.get(j).isAny("are", "any", "all", "which", "many")) {
                return true;
            }
        }
        return false;
    }

    /** The resolution of a target: entities, the kind said (domain and device class), and the state asked. */
    private record Choice(List<HomeIndex.Entity> entities, Span name, Lexicon.Kind kind, String state,
                          double confidence, boolean contextArea) {
    }

    private Choice choose(Targets t, List<Lexicon.StateWord> states, Predicate<HomeIndex.Entity> allowed,
                          String role) {
        Predicate<HomeIndex.Entity> ok = allowed == null ? e -> true : allowed;
        // 1. a name, filtered by what the verb or the state allows and by a named place
        if (t.name != null) {
            Choice c = byName(t, states, ok);
            if (c != null) {
                return c;
            }
            List<HomeIndex.Entity> longer = resolver.nameStartsWith(t.name.text(), ok);
            if (longer.size() == 1) {
                // "lock the front door": "Front Door" is the door sensor, "Front Door Lock" the one that locks
                return new Choice(new ArrayList<>(longer), t.name, null, null, 0.8, false);
            }
            if (t.name.isNoun()) {
                t.nouns.add(0, t.name);
                t.name = null;
            } else {
                Choice loose = byName(t, List.of(), e -> true);
                if (loose != null) {
                    return loose;
                }
            }
        }
        // 2. a kind: from nouns (or the verb), narrowed by the state asked, within the scope
        List<Lexicon.Kind> kinds = new ArrayList<>();
        for (Span s : t.nouns) {
            kinds.addAll(s.kinds());
        }
        if (t.implied != null) {
            kinds.add(0, t.implied);
        }
        if (kinds.isEmpty()) {
            for (Lexicon.StateWord sw : states) {
                if (!sw.kind().domain().equals("*")) {
                    kinds.add(sw.kind());
                }
            }
        }
        if (kinds.isEmpty()) {
            return null;
        }
        Resolver.Scope scope = scopeOf(t);
        Choice fallback = null;
        for (Lexicon.Kind k : kinds) {
            Lexicon.Kind kind = k;
            String state = null;
            if (!states.isEmpty()) {
                Lexicon.StateWord match = pair(k, states);
                if (match == null) {
                    continue;
                }
                state = match.state();
                if (k.deviceClass() == null && match.kind().deviceClass() != null
                        && match.kind().domain().equals(k.domain())) {
                    kind = match.kind();
                }
            } else if (t.name == null && k.domain().equals("binary_sensor") && role.equals("target")
                    && intent.equals("HassGetState")) {
                state = "on";
            }
            Lexicon.Kind finalKind = kind;
            if (!allowedKind(finalKind, ok)) {
                continue;
            }
            List<HomeIndex.Entity> es = resolver.ofKind(finalKind, scope, ok);
            double conf = 0.9;
            if (es.isEmpty() && softScope(t)) {
                // "when the bedroom is cold turn on the thermostat": the one thermostat, wherever it is
                List<HomeIndex.Entity> anywhere = resolver.ofKind(finalKind, Resolver.Scope.HOME, ok);
                if (anywhere.size() == 1) {
                    es = anywhere;
                    conf = 0.75;
                }
            }
            Choice c = new Choice(new ArrayList<>(es), null, finalKind, state, conf, scopeFromContext(t));
            if (!es.isEmpty()) {
                return c;
            }
            if (fallback == null) {
                fallback = c;
            }
        }
        if (fallback == null && !states.isEmpty() && !t.nouns.isEmpty()) {
            // the noun is broader than the state asked: "batteries charging" means the charging sensors
            Targets byState = new Targets();
            byState.areaIds.addAll(t.areaIds);
            byState.floorIds.addAll(t.floorIds);
            byState.wholeHome = t.wholeHome;
            return choose(byState, states, allowed, role);
        }
        return fallback;
    }

    /** Whether any entity of this domain could pass the predicate (an empty home still gets its slots). */
    private static boolean allowedKind(Lexicon.Kind kind, Predicate<HomeIndex.Entity> ok) {
        return ok.test(new HomeIndex.Entity(kind.domain() + ".x", null, null, kind.domain(), kind.deviceClass(),
                null, null, null));
    }

    private static Lexicon.StateWord pair(Lexicon.Kind kind, List<Lexicon.StateWord> states) {
        for (Lexicon.StateWord sw : states) {
            Lexicon.Kind sk = sw.kind();
            if (sk.domain().equals("*")) {
                return sw;
            }
            if (sk.domain().equals(kind.domain()) && (sk.deviceClass() == null || kind.deviceClass() == null
                    || sk.deviceClass().equals(kind.deviceClass()))) {
                return sw;
            }
        }
        return null;
    }

    private Choice byName(Targets t, List<Lexicon.StateWord> states, Predicate<HomeIndex.Entity> ok) {
        List<HomeIndex.Entity> es = resolver.named(t.name, e -> ok.test(e) && (states.isEmpty()
                || pair(new Lexicon.Kind(e.domain(), e.deviceClass()), states) != null));
        if (es.isEmpty()) {
            return null;
        }
        for (Span s : t.nouns) {
            // "the phone battery": a noun beside the name narrows it
            List<HomeIndex.Entity> narrowed = es.stream().filter(e -> s.kinds().stream()
                    .anyMatch(k -> k.matches(e.domain(), e.deviceClass()))).toList();
            if (!narrowed.isEmpty()) {
                es = narrowed;
            }
        }
        Resolver.Scope scope = t.scope();
        if (!scope.isHome()) {
            List<HomeIndex.Entity> inPlace = es.stream().filter(e -> resolver.inScope(e, scope)).toList();
            if (!inPlace.isEmpty()) {
                es = inPlace;
            } else {
                HomeIndex.Entity chosen = outsidePlace(t, es);
                if (chosen != null) {
                    es = List.of(chosen);
                }
            }
        }
        String state = null;
        if (!states.isEmpty()) {
            HomeIndex.Entity e = es.get(0);
            state = pair(new Lexicon.Kind(e.domain(), e.deviceClass()), states).state();
        }
        return new Choice(new ArrayList<>(es), t.name, null, state, t.name.confidence(PhraseIndex.Type.ENTITY),
                false);
    }

    /** "the bedroom lamp in the kitchen": the name is elsewhere; ask which was meant. */
    private HomeIndex.Entity outsidePlace(Targets t, List<HomeIndex.Entity> named) {
        String place = !t.areaIds.isEmpty() ? home.area(t.areaIds.get(0)).name()
                : home.floor(t.floorIds.get(0)).name();
        String id = "area:" + slug(t.name.text() + " " + place);
        if (answers.containsKey(id)) {
            return home.entity(answers.get(id));
        }
        List<Option> options = new ArrayList<>();
        for (HomeIndex.Entity e : named) {
            options.add(option(e));
        }
        HomeIndex.Entity first = named.get(0);
        for (HomeIndex.Entity e : resolver.ofKind(new Lexicon.Kind(first.domain(), null), t.scope(), x -> true)) {
            options.add(new Option(e.entityId(), label(e) + " (" + place + ")"));
        }
        ask(new Question(id, "area", "critical", "\"" + t.name.text() + "\" is not in " + place
                + ". Which one do you mean?", options));
        return null;
    }

    private Resolver.Scope scopeOf(Targets t) {
        if (!t.areaIds.isEmpty() || !t.floorIds.isEmpty()) {
            return t.scope();
        }
        if (t.wholeHome) {
            return Resolver.Scope.HOME;
        }
        if (triggerAreaId != null) {
            return new Resolver.Scope(List.of(triggerAreaId), List.of());
        }
        if (contextAreaId != null) {
            return new Resolver.Scope(List.of(contextAreaId), List.of());
        }
        return Resolver.Scope.HOME;
    }

    /** The scope was inferred (from the trigger or the request's first place), not said for this target. */
    private boolean softScope(Targets t) {
        return t.areaIds.isEmpty() && t.floorIds.isEmpty() && !t.wholeHome && !t.here
                && (triggerAreaId != null || requestAreaId != null);
    }

    private boolean scopeFromContext(Targets t) {
        return t.areaIds.isEmpty() && t.floorIds.isEmpty() && !t.wholeHome && contextAreaId != null
                && triggerAreaId == null;
    }

    private Choice areaChoice(Targets t, String commandIntent, Predicate<HomeIndex.Entity> allowed) {
        Lexicon.Kind k = defaultKind(commandIntent);
        if (k == null) {
            k = new Lexicon.Kind("light", null);
        }
        List<HomeIndex.Entity> es = resolver.ofKind(k, scopeOf(t), allowed);
        // "set the bedroom to 50%" acts on the lights there: the kind is said by the intent
        return new Choice(new ArrayList<>(es), null, defaultKind(commandIntent) == null ? null : k, null, 0.8,
                scopeFromContext(t));
    }

    private Choice kindChoice(Targets t, Lexicon.Kind k, Predicate<HomeIndex.Entity> allowed) {
        List<HomeIndex.Entity> es = resolver.ofKind(k, scopeOf(t), allowed);
        return new Choice(new ArrayList<>(es), null, k, null, 0.7, scopeFromContext(t));
    }

    /** Fills the slots and the resolved entities from a choice. */
    private void applyChoice(Choice c, Targets t, boolean question, boolean withScope) {
        if (c.name != null) {
            if (c.entities.size() > 1 && !sameEntityName(c.entities) && !t.all && !t.plural) {
                askWhich(c, t); // narrows the choice when already answered
            }
            HomeIndex.Entity e = c.entities.get(0);
            // several entities answer to what was said: the name is the words said until one is chosen
            boolean one = c.entities.size() == 1 || sameEntityName(c.entities);
            slots.put("name", one && e.name() != null ? e.name() : c.name.text());
            slots.put("domain", e.domain());
            if (e.deviceClass() != null) {
                slots.put("device_class", e.deviceClass());
            }
        } else if (c.kind != null) {
            slots.put("domain", c.kind.domain());
            if (c.kind.deviceClass() != null) {
                slots.put("device_class", c.kind.deviceClass());
            }
        }
        if (withScope) {
            scopeSlots(t, c.name == null || !t.areaIds.isEmpty() || !t.floorIds.isEmpty());
        }
        record(c, "target");
    }

    private static boolean sameEntityName(List<HomeIndex.Entity> es) {
        String first = es.get(0).name();
        for (HomeIndex.Entity e : es) {
            if (first == null || !first.equalsIgnoreCase(e.name() == null ? "" : e.name())) {
                return false;
            }
        }
        return true;
    }

    private void scopeSlots(Targets t, boolean useContext) {
        if (!t.areaIds.isEmpty()) {
            HomeIndex.Area area = home.area(t.areaIds.get(0));
            slots.put("area", area.name());
            for (String id : t.areaIds) {
                areas.add(new Place(id, home.area(id).name()));
            }
        } else if (useContext && !t.wholeHome && t.floorIds.isEmpty() && contextAreaId != null) {
            HomeIndex.Area area = home.area(contextAreaId);
            slots.put("area", area.name());
            areas.add(new Place(area.id(), area.name()));
        }
        if (!t.floorIds.isEmpty()) {
            HomeIndex.Floor floor = home.floor(t.floorIds.get(0));
            slots.put("floor", floor.name());
            for (String id : t.floorIds) {
                floors.add(new Place(id, home.floor(id).name()));
            }
        }
    }

    /**
     * Adds a choice's entities as resolved mentions. The mention is the name said, else the kind: its domain for a
     * target ("light"), its device class for what triggers ("motion").
     */
    private void record(Choice c, String role) {
        double conf = Math.min(1.0, c.confidence);
        confidences.add(conf);
        String mention = c.name != null ? c.name.text() : c.kind == null ? ""
                : !role.equals("target") && c.kind.deviceClass() != null ? c.kind.deviceClass() : c.kind.domain();
        for (HomeIndex.Entity e : c.entities) {
            entities.add(match(mention, e, role, conf));
        }
    }

    private EntityMatch match(String mention, HomeIndex.Entity e, String role, double confidence) {
        HomeIndex.Area area = home.area(e.areaId());
        return new EntityMatch(mention, e.entityId(), e.name(), e.areaId(), area == null ? null : area.name(),
                e.domain(), e.deviceClass(), role, confidence);
    }

    /** An entity as a question's option: its name (or id), and its area when it has one. */
    private Option option(HomeIndex.Entity e) {
        HomeIndex.Area area = home.area(e.areaId());
        return new Option(e.entityId(), label(e) + (area == null ? "" : " (" + area.name() + ")"));
    }

    private static String label(HomeIndex.Entity e) {
        return e.name() == null ? e.entityId() : e.name();
    }

    // --------------------------------------------------------------------------------------------- clarification

    private void ask(Question q) {
        for (Question existing : questions) {
            if (existing.id().equals(q.id())) {
                return;
            }
        }
        if (!answers.containsKey(q.id())) {
            questions.add(q);
        }
    }

    private static final java.util.regex.Pattern NON_SLUG = java.util.regex.Pattern.compile("[^a-z0-9]+");
    private static final java.util.regex.Pattern EDGE = java.util.regex.Pattern.compile("^_|_$");

    private static String slug(String s) {
        return EDGE.matcher(NON_SLUG.matcher(s.toLowerCase(Locale.ROOT)).replaceAll("_")).replaceAll("");
    }

    /** Several entities fit a singular mention: ask which, unless answered. */
    private void askWhich(Choice c, Targets t) {
        String mention = c.name != null ? c.name.text() : c.kind.domain();
        String id = "device:" + slug(mention);
        String answer = answers.get(id);
        if (answer != null) {
            narrowTo(answer, c);
            return;
        }
        List<Option> options = new ArrayList<>();
        for (HomeIndex.Entity e : c.entities) {
            options.add(option(e));
        }
        options.add(new Option("all", "All of them"));
        ask(new Question(id, "device", "critical", "Which " + mention + " do you mean?", options));
    }

    private void narrowTo(String answer, Choice c) {
        if (answer.equals("all")) {
            return;
        }
        Set<String> chosen = Set.copyOf(List.of(answer.split("\\s*,\\s*")));
        if (c.entities.stream().noneMatch(e -> chosen.contains(e.entityId()))) {
            return; // not one of the options: the question stands answered by none of them
        }
        entities.removeIf(m -> c.entities.stream().anyMatch(e -> e.entityId().equals(m.entityId()))
                && !chosen.contains(m.entityId()));
        for (int i = 0; i < entities.size(); i++) {
            EntityMatch m = entities.get(i);
            if (chosen.contains(m.entityId())) {
                entities.set(i, new EntityMatch(m.mention(), m.entityId(), m.name(), m.areaId(), m.area(),
                        m.domain(), m.deviceClass(), m.role(), 1.0));
            }
        }
        c.entities.removeIf(e -> !chosen.contains(e.entityId()));
    }

    /** A kind asked for where the home has none: offer the ones elsewhere. */
    private void askMissing(Choice c, Targets t) {
        Resolver.Scope scope = scopeOf(t);
        String where = scope.areaIds().isEmpty() ? "" : " in " + home.area(scope.areaIds().get(0)).name();
        String what = c.kind.deviceClass() != null ? c.kind.deviceClass().replace('_', ' ')
                : c.kind.domain().replace('_', ' ');
        String id = "device:" + slug(what + where);
        String answer = answers.get(id);
        if (answer != null) {
            for (String chosen : answer.split("\\s*,\\s*")) {
                HomeIndex.Entity e = home.entity(chosen);
                if (e != null) {
                    c.entities.add(e);
                    entities.add(match(what, e, "target", 1.0));
                }
            }
            return;
        }
        List<Option> options = new ArrayList<>();
        for (HomeIndex.Entity e : resolver.ofKind(c.kind, Resolver.Scope.HOME, x -> true)) {
            options.add(option(e));
        }
        ask(new Question(id, "device", "critical", options.isEmpty() ? "This home has no " + what + "."
                + " Which device do you mean?" : "There is no " + what + where + ". Which one do you mean?",
                options));
    }

    private void askUnknown(int from, int to, Targets t) {
        String mention = t.unknownWords.isEmpty() ? a.text(from, to) : String.join(" ", t.unknownWords);
        String id = "unknown:" + slug(mention);
        List<Option> options = new ArrayList<>();
        for (PhraseIndex.Target similar : names.similar(mention, home, 5)) {
            HomeIndex.Entity e = home.entity(similar.id());
            options.add(new Option(e.entityId(), label(e)));
        }
        String answer = answers.get(id);
        if (answer != null && home.entity(answer) != null) {
            HomeIndex.Entity e = home.entity(answer);
            entities.add(match(mention, e, "target", 1.0));
            return;
        }
        ask(new Question(id, "device", "critical", "I could not find \"" + mention + "\" in this home. Which device "
                + "do you mean?", options));
    }

    private void askDetail(String detail, Choice c) {
        String id = "action:" + detail;
        List<Option> options = switch (detail) {
            case "brightness" -> List.of(new Option("25", "25%"), new Option("50", "50%"), new Option("75", "75%"));
            case "temperature" -> List.of(new Option("19", "19°"), new Option("21", "21°"), new Option("23", "23°"));
            case "position" -> List.of(new Option("0", "Closed"), new Option("50", "Half open"),
                    new Option("100", "Open"));
            default -> List.of();
        };
        ask(new Question(id, "action", "important", "To what " + detail + "?", options));
    }

    // ------------------------------------------------------------------------------------------------- values

    /** Numbers and words that set something: brightness, colour, temperature, position, volume. */
    private final class Values {
        Double percent;
        Double temperature;
        Double volume;
        Double brightness;
        String color;
        boolean position;
        String missingDetail;

        boolean any() {
            return percent != null || temperature != null || color != null || brightness != null || volume != null;
        }

        void toSlots(Map<String, Object> out, String commandIntent) {
            switch (commandIntent) {
                case "HassLightSet" -> {
                    Double b = brightness != null ? brightness : percent;
                    if (b != null) {
                        out.put("brightness", number(b));
                    }
                    if (color != null) {
                        out.put("color", color);
                    }
                }
                case "HassClimateSetTemperature" -> {
                    Double v = temperature != null ? temperature : percent;
                    if (v != null) {
                        out.put("temperature", number(v));
                    }
                }
                case "HassSetPosition" -> {
                    if (percent != null) {
                        out.put("position", number(percent));
                    }
                }
                case "HassSetVolume" -> {
                    Double v = volume != null ? volume : percent;
                    if (v != null) {
                        out.put("volume", number(v));
                    }
                }
                default -> {
                }
            }
        }
    }

    private static Object number(double v) {
        return v == Math.rint(v) ? (Object) (int) v : (Object) v;
    }

    private Values values(int from, int to, Words.Verb verb) {
        boolean settingVerb = verb == null || verb == Words.Verb.SET || verb == Words.Verb.DIM
                || verb == Words.Verb.BRIGHTEN || verb == Words.Verb.OPEN || verb == Words.Verb.CLOSE;
        Values v = new Values();
        boolean brightnessWord = false;
        boolean temperatureWord = false;
        for (int i = from; i < to; i++) {
            if (used[i]) {
                continue;
            }
            Tok t = a.toks.get(i);
            String w = t.word();
            if (w.equals("brightness") || w.equals("bright")) {
                brightnessWord = true;
                used[i] = true;
            } else if (w.startsWith("temp") && a.spanAt[i] != null && a.spanAt[i].isNoun()) {
                temperatureWord = true;
            } else if (w.equals("position")) {
                v.position = true;
                used[i] = true;
            } else if (w.equals("volume")) {
                v.volume = Double.NaN;
            } else if (w.equals("color") || w.equals("colour")) {
                used[i] = true;
            }
        }
        for (int i = from; i < to; i++) {
            if (used[i]) {
                continue;
            }
            Tok t = a.toks.get(i);
            String w = t.word();
            if (t.isNumber()) {
                String next = i + 1 < to ? a.toks.get(i + 1).word() : "";
                if (next.equals("percent") || next.equals("pct")) {
                    if (v.volume != null) {
                        v.volume = t.number(); // "set the tv volume to 30%"
                    } else {
                        v.percent = t.number();
                    }
                    used[i] = true;
                    used[i + 1] = true;
                } else if (next.startsWith("degree")) {
                    v.temperature = t.number();
                    used[i] = true;
                    used[i + 1] = true;
                    if (i + 2 < to && a.toks.get(i + 2).isAny("celsius", "fahrenheit")) {
                        used[i + 2] = true;
                    }
                } else if (temperatureWord) {
                    v.temperature = t.number();
                    used[i] = true;
                } else if (v.volume != null) {
                    v.volume = t.number();
                    used[i] = true;
                } else if (brightnessWord) {
                    v.brightness = t.number();
                    used[i] = true;
                } else if (i > from && a.toks.get(i - 1).isAny("to", "at") && settingVerb) {
                    v.percent = t.number(); // "set the bedroom lamp to 40": a level, but "on ... from 7 to 8" is not
                    used[i] = true;
                }
            } else if (t.isAny("halfway", "half") && !(i + 1 < to && a.toks.get(i + 1).isAny("an", "a"))) {
                v.percent = 50.0;
                used[i] = true;
            } else if (t.isAny("max", "maximum", "highest", "full", "brightest")
                    && (brightnessWord || i + 1 < to && a.toks.get(i + 1).word().startsWith("bright"))) {
                v.brightness = 100.0;
                used[i] = true;
            } else if (t.isAny("max", "maximum", "highest", "full") && brightnessWord) {
                v.brightness = 100.0;
                used[i] = true;
            } else if (t.isAny("min", "minimum", "lowest", "dimmest") && brightnessWord) {
                v.brightness = 1.0;
                used[i] = true;
            } else if (i + 1 < to && a.spanAt[i] == null
                    && Lexicon.COLORS.contains(w + " " + a.toks.get(i + 1).word())) {
                v.color = w + " " + a.toks.get(i + 1).word(); // "warm white"
                used[i] = true;
                used[i + 1] = true;
            } else if (Lexicon.COLORS.contains(w) && (a.spanAt[i] == null)) {
                String two = i + 1 < to ? w + " " + a.toks.get(i + 1).word() : null;
                if (two != null && Lexicon.COLORS.contains(two)) {
                    v.color = two;
                    used[i + 1] = true;
                } else {
                    v.color = w;
                }
                used[i] = true;
            }
        }
        if (v.volume != null && v.volume.isNaN()) {
            v.volume = null;
            v.missingDetail = "volume";
        }
        // HA takes levels of 0-100 %: anything else is asked again, never sent
        if (v.percent != null && (v.percent < 0 || v.percent > 100)) {
            v.percent = null;
            v.missingDetail = "level";
        }
        if (v.brightness != null && (v.brightness < 0 || v.brightness > 100)) {
            v.brightness = null;
            v.missingDetail = "brightness";
        }
        if (v.volume != null && (v.volume < 0 || v.volume > 100)) {
            v.volume = null;
            v.missingDetail = "volume";
        }
        if (v.temperature != null && (v.temperature < -30 || v.temperature > 100)) {
            v.temperature = null;
            v.missingDetail = "temperature";
        }
        if (brightnessWord && v.brightness == null && v.percent == null) {
            // "set the bedroom lamp to the max brightness" is caught above; "set the brightness" without a value
            v.missingDetail = "brightness";
        }
        return v;
    }

    // --------------------------------------------------------------------------------------------------- events

    /** A trigger or condition clause: motion, doors and windows, presence, states, numeric thresholds. */
    private void event(int from, int to, boolean asTrigger) {
        Event e = new Event(from, to);
        Map<String, Object> item = e.read();
        if (item == null) {
            return;
        }
        if (asTrigger) {
            triggers.add(item);
            if (e.extraCondition != null) {
                conditions.add(e.extraCondition);
            }
        } else {
            conditions.add(toCondition(item));
        }
    }

    private final class Event {
        final int from;
        final int to;
        Map<String, Object> extraCondition;

        Event(int from, int to) {
            this.from = from;
            this.to = to;
        }

        Map<String, Object> read() {
            for (int i = from; i < to; i++) {
                used[i] = used[i] || a.toks.get(i).isAny("is", "are", "gets", "get", "goes", "becomes", "was",
                        "been", "being", "the", "a", "it", "detected", "detect", "detects", "sensed");
            }
            Presence p = presence();
            if (p != null) {
                return p.item;
            }
            Threshold threshold = threshold();
            Targets t = targets(from, to, null, false);
            List<Lexicon.StateWord> states = new ArrayList<>();
            for (Span s : t.stateSpans) {
                states.addAll(s.states());
            }
            String verbState = eventVerb();
            boolean negated = negated();
            Double forSeconds = forDuration();
            if (threshold != null) {
                return numeric(t, threshold, forSeconds);
            }
            Choice c = chooseEventEntity(t, states);
            if (c == null) {
                return null;
            }
            if (c.entities.isEmpty()) {
                noSensor(t, c);
                return null;
            }
            List<HomeIndex.Entity> es = c.entities;
            if (es.size() > 1 && c.name == null && !t.all) {
                HomeIndex.Entity first = es.get(0);
                boolean sensorKind = first.domain().equals("binary_sensor");
                if (!sensorKind || es.stream().map(HomeIndex.Entity::areaId).distinct().count() > 1) {
                    askWhich(c, t);
                }
            }
            record(c, "trigger");
            if (!es.isEmpty() && es.get(0).areaId() != null) {
                triggerAreaId = es.get(0).areaId();
            }
            String to = c.state != null ? c.state : verbState;
            if (to == null) {
                to = es.get(0).domain().equals("binary_sensor") ? "on" : null;
            }
            if (negated && to != null) {
                to = opposite(to);
            }
            boolean motion = c.kind != null && c.kind.deviceClass() != null && Set.of("motion", "occupancy",
                    "presence").contains(c.kind.deviceClass()) || es.get(0).deviceClass() != null && Set.of(
                    "motion", "occupancy", "presence").contains(es.get(0).deviceClass());
            motionTrigger |= motion;
            if (motion && "off".equals(to)) {
                offAfterQuiet = true;
            }
            Map<String, Object> trig = new LinkedHashMap<>();
            trig.put("trigger", "state");
            trig.put("entity_id", ids(es));
            if (to != null) {
                trig.put("to", to);
            }
            if (forSeconds != null) {
                trig.put("for", hms(forSeconds));
            }
            return trig;
        }

        private Choice chooseEventEntity(Targets t, List<Lexicon.StateWord> states) {
            if (t.name == null && t.nouns.isEmpty() && states.isEmpty()) {
                return null;
            }
            Predicate<HomeIndex.Entity> any = e -> true;
            if (t.name != null) {
                Choice c = byName(t, states, any);
                if (c != null) {
                    return c;
                }
                if (t.name.isNoun() && !states.isEmpty()) {
                    // "the front door is unlocked": the lock, though a door sensor is named "Front Door"
                    t.nouns.add(0, t.name);
                    t.name = null;
                } else {
                    c = byName(t, List.of(), any);
                    if (c != null) {
                        return c;
                    }
                }
            }
            List<Lexicon.Kind> kinds = new ArrayList<>();
            for (Span s : t.nouns) {
                kinds.addAll(s.kinds());
            }
            // a trigger listens to sensors first: "when the door opens" is the door sensor, not the lock
            kinds.sort((x, y) -> Boolean.compare(!x.domain().equals("binary_sensor"),
                    !y.domain().equals("binary_sensor")));
            if (kinds.isEmpty()) {
                for (Lexicon.StateWord sw : states) {
                    if (!sw.kind().domain().equals("*")) {
                        kinds.add(sw.kind());
                    }
                }
            }
            if (t.areaIds.isEmpty() && t.floorIds.isEmpty() && !t.here && requestAreaId != null) {
                t.areaIds.add(requestAreaId); // "turn on the hallway light when motion is detected": motion there
            }
            Resolver.Scope scope = t.areaIds.isEmpty() && t.floorIds.isEmpty() ? (t.here && contextAreaId != null
                    ? new Resolver.Scope(List.of(contextAreaId), List.of()) : Resolver.Scope.HOME) : t.scope();
            Choice first = null;
            for (Lexicon.Kind k : kinds) {
                String state = null;
                Lexicon.Kind kind = k;
                if (!states.isEmpty()) {
                    Lexicon.StateWord sw = pair(k, states);
                    if (sw == null) {
                        continue; // the state asked does not fit this kind
                    }
                    if (sw != null) {
                        state = sw.state();
                        if (k.deviceClass() == null && sw.kind().deviceClass() != null) {
                            kind = sw.kind();
                        }
                    }
                }
                List<HomeIndex.Entity> es = resolver.ofKind(kind, scope, e -> true);
                Choice c = new Choice(new ArrayList<>(es), null, kind, state, 0.9, false);
                if (!es.isEmpty()) {
                    if (!t.areaIds.isEmpty()) {
                        areas.add(new Place(t.areaIds.get(0), home.area(t.areaIds.get(0)).name()));
                    }
                    return c;
                }
                if (first == null) {
                    first = c;
                }
            }
            if (first != null && !t.areaIds.isEmpty()) {
                areas.add(new Place(t.areaIds.get(0), home.area(t.areaIds.get(0)).name()));
                triggerAreaId = t.areaIds.get(0);
            }
            return first;
        }

        void noSensorFor(Targets t, Choice c) {
            noSensor(t, c);
        }

        /** No sensor of that kind where it was asked: offer the ones elsewhere. */
        private void noSensor(Targets t, Choice c) {
            String where = t.areaIds.isEmpty() ? "" : " in " + home.area(t.areaIds.get(0)).name();
            String what = c.kind.deviceClass() != null ? c.kind.deviceClass().replace('_', ' ') + " sensor"
                    : c.kind.domain().replace('_', ' ');
            String id = "trigger:" + slug(what + where);
            String answer = answers.get(id);
            if (answer != null && home.entity(answer) != null) {
                HomeIndex.Entity e = home.entity(answer);
                Map<String, Object> trig = new LinkedHashMap<>();
                trig.put("trigger", "state");
                trig.put("entity_id", e.entityId());
                trig.put("to", c.state != null ? c.state : "on");
                triggers.add(trig);
                entities.add(match(what, e, "trigger", 1.0));
                triggerAreaId = t.areaIds.isEmpty() ? e.areaId() : t.areaIds.get(0);
                return;
            }
            List<Option> options = new ArrayList<>();
            for (HomeIndex.Entity e : resolver.ofKind(c.kind, Resolver.Scope.HOME, x -> true)) {
                options.add(option(e));
            }
            ask(new Question(id, "trigger", "critical", "There is no " + what + where + ". Which sensor should "
                    + "start it?", options));
        }

        private String eventVerb() {
            for (int i = from; i < to; i++) {
                Tok t = a.toks.get(i);
                String s = t.stem();
                String st = switch (s) {
                    case "open", "opened" -> "open";
                    case "close", "closed", "shut" -> "closed";
                    case "lock", "locked" -> "locked";
                    case "unlock", "unlocked" -> "unlocked";
                    case "start", "started" -> "on";
                    case "stop", "stopped", "finish", "finished", "end", "ended", "clear", "cleared" -> "off";
                    default -> null;
                };
                if (t.isAny("turn", "turned", "switch", "switched", "go", "goes", "went") && i + 1 < to
                        && a.toks.get(i + 1).isAny("on", "off")) {
                    used[i] = true;
                    used[i + 1] = true;
                    dropSpanAt(i + 1);
                    return a.toks.get(i + 1).word();
                }
                if (st != null) {
                    used[i] = true;
                    return st;
                }
            }
            return null;
        }

        private boolean negated() {
            for (int i = from; i < to; i++) {
                if (a.toks.get(i).isAny("no", "not", "without", "nobody", "stops", "stop")) {
                    return a.toks.get(i).isAny("no", "not", "without");
                }
            }
            return false;
        }

        private Double forDuration() {
            for (int i = from; i + 2 < to + 1 && i + 1 < to; i++) {
                if (a.toks.get(i).isAny("for", "after", "without") || a.toks.get(i).isNumber()) {
                    int j = a.toks.get(i).isNumber() ? i : i + 1;
                    Double sec = Temporal.seconds(a, j, to);
                    if (sec != null) {
                        for (int k = i; k <= j + 1 && k < to; k++) {
                            used[k] = true;
                        }
                        return sec;
                    }
                }
            }
            return null;
        }

        private Threshold threshold() {
            for (int i = from; i < to; i++) {
                String w = a.toks.get(i).word();
                boolean above = Words.ABOVE.contains(w);
                boolean below = Words.BELOW.contains(w);
                if (!above && !below) {
                    continue;
                }
                for (int j = i + 1; j < Math.min(to, i + 4); j++) {
                    Tok t = a.toks.get(j);
                    if (t.isNumber()) {
                        used[i] = true;
                        used[j] = true;
                        for (int k = i + 1; k < j; k++) {
                            used[k] = used[k] || a.toks.get(k).isAny("than", "to", "the")
                                    || Words.ABOVE.contains(a.toks.get(k).word())
                                    || Words.BELOW.contains(a.toks.get(k).word());
                        }
                        if (j + 1 < to && (a.toks.get(j + 1).word().startsWith("degree")
                                || a.toks.get(j + 1).is("percent"))) {
                            used[j + 1] = true;
                            if (j + 2 < to && a.toks.get(j + 2).isAny("celsius", "fahrenheit")) {
                                used[j + 2] = true;
                            }
                        }
                        return new Threshold(above, t.number());
                    }
                }
            }
            return null;
        }

        private Map<String, Object> numeric(Targets t, Threshold th, Double forSeconds) {
            Choice c = null;
            if (t.name != null) {
                c = byName(t, List.of(), e -> e.domain().equals("sensor") || e.domain().equals("climate"));
            }
            if (c == null) {
                List<Lexicon.Kind> kinds = new ArrayList<>();
                for (Span s : t.nouns) {
                    for (Lexicon.Kind k : s.kinds()) {
                        if (k.domain().equals("sensor")) {
                            kinds.add(k);
                        }
                    }
                }
                if (kinds.isEmpty()) {
                    kinds.add(new Lexicon.Kind("sensor", "temperature"));
                }
                Resolver.Scope scope = t.scope().isHome() && contextAreaId != null && t.here
                        ? new Resolver.Scope(List.of(contextAreaId), List.of()) : t.scope();
                List<HomeIndex.Entity> es = resolver.ofKind(kinds.get(0), scope, e -> true);
                c = new Choice(new ArrayList<>(es), null, kinds.get(0), null, 0.85, false);
                if (es.isEmpty()) {
                    noSensor(t, c);
                    return null;
                }
                if (es.size() > 1) {
                    askWhich(c, t);
                }
            }
            record(c, "trigger");
            if (c.entities.get(0).areaId() != null) {
                triggerAreaId = c.entities.get(0).areaId();
            }
            Map<String, Object> trig = new LinkedHashMap<>();
            trig.put("trigger", "numeric_state");
            trig.put("entity_id", ids(c.entities));
            trig.put(th.above ? "above" : "below", number(th.value));
            if (forSeconds != null) {
                trig.put("for", hms(forSeconds));
            }
            return trig;
        }

        private record Presence(Map<String, Object> item) {
        }

        /** "when I get home", "when everyone leaves", "if nobody is home". */
        private Presence presence() {
            boolean arrive = false;
            boolean leave = false;
            boolean nobody = false;
            boolean everyone = false;
            boolean me = false;
            boolean homeWord = false;
            for (int i = from; i < to; i++) {
                String w = a.toks.get(i).word();
                switch (w) {
                    case "arrive", "arrives", "arriving", "return", "returns", "enter", "enters" -> arrive = true;
                    case "leave", "leaves", "leaving", "depart", "departs", "away" -> leave = true;
                    case "left", "out" -> leave |= i == from || !a.toks.get(i - 1).isAny("is", "are", "was", "been",
                            "gets", "get", "stays");
                    case "nobody", "noone" -> nobody = true;
                    case "no" -> nobody |= i + 1 < to && a.toks.get(i + 1).isAny("one", "body");
                    case "everyone", "everybody", "all" -> everyone = true;
                    case "i", "we" -> me = true;
                    case "home", "house" -> homeWord = true;
                    case "come", "comes", "coming", "back", "get", "gets", "got" -> arrive |= true;
                    default -> {
                    }
                }
            }
            List<HomeIndex.Entity> persons = resolver.ofKind(new Lexicon.Kind("person", null), Resolver.Scope.HOME,
                    e -> true);
            // "when Sam gets home", "when Robin leaves": the person named, not everyone
            List<HomeIndex.Entity> named = new ArrayList<>();
            for (HomeIndex.Entity p : persons) {
                if (p.name() != null && namedIn(p.name()) || p.aliases().stream().anyMatch(this::namedIn)) {
                    named.add(p);
                }
            }
            boolean someoneNamed = !named.isEmpty() && !me && !everyone && !nobody;
            if (!(homeWord && (arrive || nobody || everyone || me || someoneNamed && leave))
                    && !(leave && (me || everyone || someoneNamed))) {
                return null;
            }
            if (persons.isEmpty()) {
                ask(new Question("trigger:presence", "trigger", "critical", "This home has no person entities to "
                        + "tell who is home. Which device should mark presence?", List.of()));
                return new Presence(null);
            }
            for (int i = from; i < to; i++) {
                used[i] = true;
            }
            boolean away = leave || nobody;
            String state = away ? "not_home" : "home";
            List<HomeIndex.Entity> who = persons;
            if (me && !everyone && !nobody) {
                who = List.of(person(persons));
            } else if (someoneNamed) {
                who = named;
            }
            for (HomeIndex.Entity e : who) {
                entities.add(match(me ? "I" : someoneNamed ? e.name() : "everyone", e, "trigger",
                        persons.size() == 1 || !me ? 0.9 : 0.6));
            }
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("trigger", "state");
            item.put("entity_id", ids(who));
            item.put("to", state);
            if (away && who.size() > 1) {
                // the last one leaving: everyone must be away when it fires
                Map<String, Object> all = new LinkedHashMap<>();
                all.put("condition", "state");
                all.put("entity_id", ids(who));
                all.put("state", "not_home");
                extraCondition = all;
            }
            return new Presence(item);
        }

        /** True when the clause holds these words in a row ("Sam" for person Sam). */
        private boolean namedIn(String name) {
            List<Tok> words = Text.tokenize(name);
            if (words.isEmpty()) {
                return false;
            }
            outer:
            for (int i = from; i + words.size() <= to; i++) {
                for (int k = 0; k < words.size(); k++) {
                    if (!a.toks.get(i + k).word().equals(words.get(k).word())) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        }

        private HomeIndex.Entity person(List<HomeIndex.Entity> persons) {
            if (persons.size() == 1) {
                return persons.get(0);
            }
            String answer = answers.get("person:me");
            for (HomeIndex.Entity e : persons) {
                if (e.entityId().equals(answer)) {
                    return e;
                }
            }
            List<Option> options = new ArrayList<>();
            for (HomeIndex.Entity e : persons) {
                options.add(new Option(e.entityId(), label(e)));
            }
            ask(new Question("person:me", "device", "critical", "Who are you?", options));
            return persons.get(0);
        }
    }

    private record Threshold(boolean above, double value) {
    }

    private static String opposite(String state) {
        return switch (state) {
            case "on" -> "off";
            case "off" -> "on";
            case "open" -> "closed";
            case "closed" -> "open";
            case "locked" -> "unlocked";
            case "unlocked" -> "locked";
            case "home" -> "not_home";
            case "not_home" -> "home";
            default -> state;
        };
    }

    private static Map<String, Object> toCondition(Map<String, Object> trigger) {
        Map<String, Object> c = new LinkedHashMap<>();
        String kind = (String) trigger.get("trigger");
        if ("numeric_state".equals(kind)) {
            c.put("condition", "numeric_state");
            c.put("entity_id", trigger.get("entity_id"));
            if (trigger.containsKey("above")) {
                c.put("above", trigger.get("above"));
            }
            if (trigger.containsKey("below")) {
                c.put("below", trigger.get("below"));
            }
        } else {
            c.put("condition", "state");
            c.put("entity_id", trigger.get("entity_id"));
            c.put("state", trigger.getOrDefault("to", "on"));
            if (trigger.containsKey("for")) {
                c.put("for", trigger.get("for"));
            }
        }
        return c;
    }

    private static Map<String, Object> conditionAsTrigger(Map<String, Object> condition) {
        Map<String, Object> t = new LinkedHashMap<>();
        if ("sun".equals(condition.get("condition"))) {
            t.put("trigger", "sun");
            boolean after = condition.containsKey("after");
            t.put("event", after ? condition.get("after") : condition.get("before"));
            Object offset = condition.get(after ? "after_offset" : "before_offset");
            if (offset != null) {
                t.put("offset", offset);
            }
        } else if ("sun.sun".equals(condition.get("entity_id"))) {
            // "after sunset" alone starts at sunset; "during the day" at sunrise
            t.put("trigger", "sun");
            t.put("event", "below_horizon".equals(condition.get("state")) ? "sunset" : "sunrise");
        } else if ("time".equals(condition.get("condition")) && condition.containsKey("after")) {
            t.put("trigger", "time");
            t.put("at", condition.get("after"));
        } else {
            t.putAll(condition);
            t.remove("condition");
            t.put("trigger", condition.get("condition"));
        }
        return t;
    }

    // ------------------------------------------------------------------------------------------------- actions

    private Map<String, Object> service(String commandIntent, Words.Verb verb, Values values, Choice c) {
        if (c.entities.isEmpty()) {
            return null;
        }
        String domain = c.entities.get(0).domain();
        String service = switch (commandIntent) {
            case "HassTurnOn" -> switch (domain) {
                case "cover" -> "open_cover";
                case "valve" -> "open_valve";
                case "lock" -> verb == Words.Verb.OPEN ? "open" : "lock";
                case "vacuum" -> "start";
                default -> "turn_on";
            };
            case "HassTurnOff" -> switch (domain) {
                case "cover" -> "close_cover";
                case "valve" -> "close_valve";
                case "lock" -> "unlock";
                case "vacuum" -> "return_to_base";
                default -> "turn_off";
            };
            case "HassToggle" -> "toggle";
            case "HassLightSet" -> "turn_on";
            case "HassClimateSetTemperature" -> "set_temperature";
            case "HassSetPosition" -> domain.equals("valve") ? "set_valve_position" : "set_cover_position";
            case "HassSetVolume" -> verb == Words.Verb.VOLUME && values.volume == null && muteWord ? "volume_mute"
                    : values.volume == null && volumeStepDir != 0 ? (volumeStepDir > 0 ? "volume_up" : "volume_down")
                    : "volume_set";
            case "HassMediaPause" -> "media_pause";
            case "HassMediaUnpause" -> "media_play";
            case "HassMediaNext" -> "media_next_track";
            case "HassMediaPrevious" -> "media_previous_track";
            default -> null;
        };
        if (service == null) {
            return null;
        }
        Map<String, Object> action = new LinkedHashMap<>();
        action.put("action", domain + "." + service);
        Map<String, Object> target = new LinkedHashMap<>();
        List<HomeIndex.Entity> sameDomain = c.entities.stream().filter(e -> e.domain().equals(domain)).toList();
        target.put("entity_id", ids(sameDomain));
        action.put("target", target);
        Map<String, Object> data = new LinkedHashMap<>();
        Map<String, Object> s = new LinkedHashMap<>();
        values.toSlots(s, commandIntent);
        if (verb == Words.Verb.FLASH) {
            data.put("flash", "short"); // HA's light.turn_on flash: a short blink, then the light as it was
        }
        if ((verb == Words.Verb.DIM || verb == Words.Verb.BRIGHTEN) && !s.containsKey("brightness")) {
            // "dim the lights" without a level: a step, as HA's brightness_step_pct does
            data.put("brightness_step_pct", verb == Words.Verb.DIM ? -25 : 25);
        }
        if (values.missingDetail != null && values.missingDetail.equals("brightness")) {
            String answer = answers.get("action:brightness");
            if (answer != null) {
                data.put("brightness_pct", Integer.parseInt(answer.replaceAll("[^0-9]", "")));
                values.missingDetail = null;
            }
        }
        if (s.containsKey("brightness")) {
            data.put("brightness_pct", s.get("brightness"));
        }
        if (s.containsKey("color")) {
            data.put("color_name", s.get("color").toString().replace(' ', '_').equals("warm_white")
                    ? "antiquewhite" : s.get("color").toString().replace(" ", ""));
        }
        if (s.containsKey("temperature")) {
            data.put("temperature", s.get("temperature"));
        } else if (commandIntent.equals("HassClimateSetTemperature")) {
            String answer = answers.get("action:temperature");
            if (answer != null) {
                data.put("temperature", number(Double.parseDouble(answer.replaceAll("[^0-9.]", ""))));
            } else {
                values.missingDetail = "temperature";
            }
        }
        if (s.containsKey("position")) {
            data.put("position", s.get("position"));
        }
        if (s.containsKey("volume")) {
            data.put("volume_level", ((Number) s.get("volume")).doubleValue() / 100.0);
        }
        if (service.equals("volume_up") || service.equals("volume_down")) {
            values.missingDetail = null;
        }
        if (service.equals("volume_mute")) {
            data.put("is_volume_muted", !unmute);
            values.missingDetail = null;
        }
        if (!data.isEmpty()) {
            action.put("data", data);
        }
        return action;
    }

    private void notifyAction(int from, int to) {
        int msg = -1;
        for (int i = from; i < to; i++) {
            if (a.toks.get(i).isAny("saying", "that", "says")) {
                msg = i + 1;
                break;
            }
        }
        for (int i = from; i < to; i++) {
            used[i] = true;
        }
        String message = msg > 0 && msg < to ? original.substring(a.toks.get(msg).start(),
                Math.min(original.length(), a.toks.get(to - 1).end())).strip() : defaultMessage();
        Map<String, Object> action = new LinkedHashMap<>();
        action.put("action", "notify.notify");
        action.put("data", Map.of("message", message));
        actions.add(action);
        if (intent.equals(Understanding.UNKNOWN)) {
            intent = "notify";
        }
    }

    private String defaultMessage() {
        for (EntityMatch m : entities) {
            if (m.role().equals("trigger")) {
                String what = m.name() == null ? m.entityId() : m.name();
                Object to = triggers.isEmpty() ? null : triggers.get(0).get("to");
                String state = to == null ? "changed" : "is " + to.toString().replace("not_home", "away")
                        .replace('_', ' ');
                Object lasting = triggers.isEmpty() ? null : triggers.get(0).get("for");
                return what + " " + state + (lasting == null ? "" : " (for " + lasting + ")")
                        + (m.area() == null ? "" : " in " + m.area());
            }
        }
        return "Hestia: " + original.strip();
    }

    private void applyDuration(Temporal.Duration d, int firstAction) {
        if (actions.size() <= firstAction) {
            return;
        }
        if (d.after()) {
            Map<String, Object> delay = new LinkedHashMap<>();
            delay.put("delay", hms(d.seconds()));
            actions.add(firstAction, delay);
            return;
        }
        // "turn on the fan for 10 minutes": on, wait, off
        Map<String, Object> last = actions.get(actions.size() - 1);
        Object service = last.get("action");
        if (!(service instanceof String s) || !s.contains(".")) {
            return;
        }
        String domain = s.substring(0, s.indexOf('.'));
        String off = switch (s.substring(s.indexOf('.') + 1)) {
            case "turn_on" -> "turn_off";
            case "open_cover" -> "close_cover";
            case "close_cover" -> "open_cover";
            case "turn_off" -> "turn_on";
            default -> null;
        };
        Map<String, Object> delay = new LinkedHashMap<>();
        delay.put("delay", hms(d.seconds()));
        actions.add(delay);
        if (off != null) {
            Map<String, Object> undo = new LinkedHashMap<>();
            undo.put("action", domain + "." + off);
            undo.put("target", last.get("target"));
            actions.add(undo);
        }
    }

    static String hms(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%02d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }

    private static Object ids(List<HomeIndex.Entity> es) {
        if (es.size() == 1) {
            return es.get(0).entityId();
        }
        List<String> out = new ArrayList<>();
        for (HomeIndex.Entity e : es) {
            out.add(e.entityId());
        }
        return out;
    }

    // --------------------------------------------------------------------------------------------------- result

    private double score() {
        if (intent.equals(Understanding.UNKNOWN)) {
            return 0.2;
        }
        double c = 0.95;
        for (double x : confidences) {
            c = Math.min(c, x);
        }
        if (confidences.isEmpty() && !intent.equals("notify")) {
            c = 0.5;
        }
        boolean critical = false;
        for (Question q : questions) {
            critical |= q.severity().equals("critical");
        }
        if (!questions.isEmpty()) {
            c *= critical ? 0.7 : 0.85;
            for (int i = 1; i < questions.size(); i++) {
                c *= critical ? 0.75 : 0.85;
            }
        }
        int words = n;
        if (words < 3 && !intent.startsWith("Hass")) {
            c *= 0.85;
        }
        if (!unparsed.isEmpty()) {
            c *= Math.max(0.6, 1.0 - 0.08 * unparsed.size());
        }
        return Math.round(c * 1000) / 1000.0;
    }

    private Understanding result(double confidence) {
        dedupe(triggers);
        dedupe(conditions);
        Map<String, Object> draft = null;
        // a draft only once nothing is left to ask: a guess (whose "I"?) must not reach the automation service
        if (intent.equals(Understanding.AUTOMATION) && !triggers.isEmpty() && !actions.isEmpty()
                && questions.isEmpty()) {
            draft = Drafts.draft(original, triggers, conditions, actions, motionTrigger || offAfterQuiet);
        }
        return new Understanding(intent, slots, entities, new ArrayList<>(areas), new ArrayList<>(floors), triggers,
                conditions, actions, draft, questions, confidence, unparsed);
    }

    /** The same trigger or condition said twice is one. */
    private static void dedupe(List<Map<String, Object>> items) {
        List<Map<String, Object>> seen = new ArrayList<>();
        items.removeIf(m -> {
            if (seen.contains(m)) {
                return true;
            }
            seen.add(m);
            return false;
        });
    }
}
