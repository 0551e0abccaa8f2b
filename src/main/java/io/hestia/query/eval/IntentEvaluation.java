package io.hestia.query.eval;

import io.hestia.query.Parser;
import io.hestia.query.Understanding;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Scores a {@link Parser} against Home Assistant's intent test sentences ({@link IntentCorpus}): every sentence of
 * the {@link #SUPPORTED supported intents} is parsed with {@code parse(sentence, home, contextAreaId, Map.of())} and
 * the produced {@link Understanding#intent()} and {@link Understanding#slots()} are compared with the test.
 *
 * <p><b>Comparison rule.</b>
 * <ul>
 *   <li>Keys compared ({@link #KEYS}): {@code name}, {@code area}, {@code floor}, {@code domain},
 *   {@code device_class}, {@code brightness}, {@code temperature}, {@code position}. Other produced slots
 *   ({@code color}, {@code volume}, ...) are ignored; {@code state} is compared the same way but reported on its
 *   own and is not part of "exactly right".</li>
 *   <li>Expected value of a key: the block's slot; else its {@code context} value (only {@code domain} and
 *   {@code device_class}: {@code context.area} is the speaker's area, an input); else, for {@code domain} only, the
 *   file's domain when it equals the intent's own domain in {@code intents.yaml} ({@code light_HassLightSet.yaml} →
 *   {@code light}, {@code climate_HassClimateSetTemperature.yaml} → {@code climate}; never {@code homeassistant},
 *   which names no entities: {@code homeassistant_HassTurnOn.yaml} expects no domain; folder-format files have no
 *   file domain).</li>
 *   <li>{@code name}, {@code area}, {@code floor}, {@code brightness}, {@code temperature}, {@code position}: present
 *   on both sides with equal values, or absent on both. Text is compared case-insensitively after trimming; when the
 *   expected value is a number the produced one (a number or numeric text) is compared numerically (50 = 50.0).</li>
 *   <li>{@code domain}, {@code device_class}: when expected, the produced slot must equal it exactly. When not
 *   expected, a produced value is wrong (HA's exact slot set) unless the produced slots also carry {@code name}: the
 *   parser reports a named entity's domain and device class there, which is accepted.</li>
 *   <li>An expected list means "any of": the produced value must match one item.</li>
 *   <li>A sentence is <em>exactly right</em> when the intent equals the expected one and every compared key
 *   matches. A parser exception counts as intent {@code error} with no slots.</li>
 * </ul>
 * Timing: the corpus is parsed {@code warmupRounds} times unmeasured, then {@code timedRounds} times with each call
 * timed; the outcomes are those of the last round.
 */
public final class IntentEvaluation {

    public static final List<String> SUPPORTED = List.of("HassTurnOn", "HassTurnOff", "HassLightSet",
            "HassClimateSetTemperature", "HassSetPosition", "HassGetState");
    public static final List<String> KEYS = List.of("name", "area", "floor", "domain", "device_class", "brightness",
            "temperature", "position");
    public static final String STATE = "state";
    /** The domain of the generic intents (HassTurnOn, HassGetState, ...): not an entity domain. */
    static final String GENERIC_DOMAIN = "homeassistant";

    private static final Set<String> CLASSES = Set.of("domain", "device_class");

    private IntentEvaluation() {
    }

    /** How one key of one sentence came out. */
    public enum Verdict {
        /** neither expected nor produced */
        ABSENT(true),
        /** expected and produced equal */
        RIGHT(true),
        /** domain/device_class produced, not expected, beside a produced name (the named entity's) */
        ACCEPTED(true),
        /** expected, produced with another value */
        WRONG(false),
        /** expected, not produced */
        MISSING(false),
        /** produced, not expected */
        UNEXPECTED(false);

        private final boolean ok;

        Verdict(boolean ok) {
            this.ok = ok;
        }

        public boolean ok() {
            return ok;
        }
    }

    /**
     * One sentence's result.
     *
     * @param expected the expected values of the compared keys and of {@code state} (absent keys left out)
     * @param intent   the produced intent ({@code error} if the parser threw)
     * @param slots    the produced slots
     * @param keys     the verdict of every key of {@link #KEYS}
     * @param state    the verdict of {@code state}
     * @param error    the parser's exception text, or null
     */
    public record Outcome(IntentCorpus.Case testCase, Map<String, Object> expected, String intent,
                          Map<String, Object> slots, Map<String, Verdict> keys, Verdict state, String error) {

        public boolean intentRight() {
            return testCase.intent().equals(intent);
        }

        public boolean exact() {
            return intentRight() && keys.values().stream().allMatch(Verdict::ok);
        }

        /** "intent" and the keys that did not match. */
        public List<String> wrong() {
            List<String> out = new ArrayList<>();
            if (!intentRight()) {
                out.add("intent");
            }
            keys.forEach((k, v) -> {
                if (!v.ok()) {
                    out.add(k);
                }
            });
            return out;
        }
    }

    /** Median and 95th percentile of the timed parser calls. */
    public record Timing(int calls, double medianMicros, double p95Micros) {
    }

    /** A group of sentences (an intent, a file): counts for the tables. */
    public record Group(String label, int sentences, int exact, int intentRight, int stateExpected, int stateRight) {
        public double exactShare() {
            return sentences == 0 ? 0 : exact / (double) sentences;
        }
    }

    /**
     * One slot key over all sentences: how often it was expected, right, wrong (a different value), missing,
     * produced unexpectedly, and accepted as the domain/device class of a named entity.
     */
    public record KeyStats(String key, int expected, int right, int wrong, int missing, int unexpected,
                           int accepted) {
        /** right / (expected + unexpected). */
        public double accuracy() {
            int n = expected + unexpected;
            return n == 0 ? 1 : right / (double) n;
        }
    }

    /** The outcomes of one run and their summaries. */
    public record Report(String parser, List<Outcome> outcomes, Timing timing) {

        public Report {
            outcomes = List.copyOf(outcomes);
        }

        public int sentences() {
            return outcomes.size();
        }

        public int exact() {
            return (int) outcomes.stream().filter(Outcome::exact).count();
        }

        public double exactShare() {
            return outcomes.isEmpty() ? 0 : exact() / (double) outcomes.size();
        }

        public Group total() {
            return group("all", outcomes);
        }

        /** One group per supported intent, in {@link #SUPPORTED} order. */
        public List<Group> byIntent() {
            Map<String, List<Outcome>> by = groupBy(o -> o.testCase().intent());
            List<Group> out = new ArrayList<>();
            for (String intent : SUPPORTED) {
                out.add(group(intent, by.getOrDefault(intent, List.of())));
            }
            return out;
        }

        /** One group per file, in corpus order. */
        public List<Group> byFile() {
            List<Group> out = new ArrayList<>();
            groupBy(o -> o.testCase().file()).forEach((file, list) -> out.add(group(file, list)));
            return out;
        }

        /** One row per key of {@link #KEYS}, then {@code state}. */
        public List<KeyStats> byKey() {
            List<KeyStats> out = new ArrayList<>();
            for (String key : KEYS) {
                out.add(keyStats(key, o -> o.keys().get(key)));
            }
            out.add(keyStats(STATE, Outcome::state));
            return out;
        }

        public List<Outcome> failures() {
            return outcomes.stream().filter(o -> !o.exact()).toList();
        }

        private Map<String, List<Outcome>> groupBy(Function<Outcome, String> label) {
            Map<String, List<Outcome>> by = new LinkedHashMap<>();
            for (Outcome o : outcomes) {
                by.computeIfAbsent(label.apply(o), k -> new ArrayList<>()).add(o);
            }
            return by;
        }

        private static Group group(String label, List<Outcome> list) {
            int exact = 0;
            int intent = 0;
            int stateExpected = 0;
            int stateRight = 0;
            for (Outcome o : list) {
                exact += o.exact() ? 1 : 0;
                intent += o.intentRight() ? 1 : 0;
                if (o.expected().containsKey(STATE)) {
                    stateExpected++;
                    stateRight += o.state() == Verdict.RIGHT ? 1 : 0;
                }
            }
            return new Group(label, list.size(), exact, intent, stateExpected, stateRight);
        }

        private KeyStats keyStats(String key, Function<Outcome, Verdict> verdict) {
            int[] n = new int[Verdict.values().length];
            for (Outcome o : outcomes) {
                n[verdict.apply(o).ordinal()]++;
            }
            int right = n[Verdict.RIGHT.ordinal()];
            int wrong = n[Verdict.WRONG.ordinal()];
            int missing = n[Verdict.MISSING.ordinal()];
            return new KeyStats(key, right + wrong + missing, right, wrong, missing,
                    n[Verdict.UNEXPECTED.ordinal()], n[Verdict.ACCEPTED.ordinal()]);
        }
    }

    // ------------------------------------------------------------------------------------------------ running

    /** Parses every sentence of the supported intents and compares; see the class comment for the rule. */
    public static Report run(IntentCorpus corpus, Parser parser, int warmupRounds, int timedRounds) {
        List<IntentCorpus.Case> cases = corpus.cases().stream().filter(c -> SUPPORTED.contains(c.intent())).toList();
        List<Map<String, Object>> expected = cases.stream().map(c -> expected(c, corpus.intentDomain(c.intent())))
                .toList();
        for (int r = 0; r < warmupRounds; r++) {
            for (IntentCorpus.Case c : cases) {
                parse(parser, c);
            }
        }
        int rounds = Math.max(1, timedRounds);
        long[] nanos = new long[rounds * cases.size()];
        List<Outcome> outcomes = new ArrayList<>();
        int k = 0;
        for (int r = 0; r < rounds; r++) {
            outcomes.clear();
            for (int i = 0; i < cases.size(); i++) {
                long t0 = System.nanoTime();
                Object got = parse(parser, cases.get(i));
                nanos[k++] = System.nanoTime() - t0;
                outcomes.add(got instanceof Understanding u ? compare(cases.get(i), expected.get(i), u)
                        : failed(cases.get(i), expected.get(i), (String) got));
            }
        }
        return new Report(parser.getClass().getName(), outcomes, timing(nanos));
    }

    /** The understanding, or the exception's text. */
    private static Object parse(Parser parser, IntentCorpus.Case c) {
        try {
            Understanding u = parser.parse(c.sentence(), c.home(), c.contextAreaId(), Map.of());
            return u == null ? "parser returned null" : u;
        } catch (RuntimeException e) {
            return e.toString();
        }
    }

    static Timing timing(long[] nanos) {
        if (nanos.length == 0) {
            return new Timing(0, 0, 0);
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2.0;
        long p95 = sorted[(int) Math.ceil(0.95 * sorted.length) - 1];
        return new Timing(nanos.length, median / 1000.0, p95 / 1000.0);
    }

    // ------------------------------------------------------------------------------------------------ comparing

    /**
     * The expected values of the compared keys and of {@code state}: the slot, else the context's domain or device
     * class, else (domain only) the file's domain when it is the intent's own and not {@code homeassistant}.
     */
    public static Map<String, Object> expected(IntentCorpus.Case c, String intentDomain) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String key : KEYS) {
            Object v = c.slots().get(key);
            if (v == null && CLASSES.contains(key)) {
                v = c.context().get(key);
            }
            if (v == null && key.equals("domain") && c.fileDomain() != null && c.fileDomain().equals(intentDomain)
                    && !c.fileDomain().equals(GENERIC_DOMAIN)) {
                v = c.fileDomain();
            }
            if (v != null) {
                out.put(key, v);
            }
        }
        if (c.slots().get(STATE) != null) {
            out.put(STATE, c.slots().get(STATE));
        }
        return Collections.unmodifiableMap(out);
    }

    /** Compares one understanding with the expectation of its sentence. */
    public static Outcome compare(IntentCorpus.Case c, Map<String, Object> expected, Understanding u) {
        Map<String, Object> slots = u.slots();
        Map<String, Verdict> keys = new LinkedHashMap<>();
        for (String key : KEYS) {
            keys.put(key, verdict(key, expected.get(key), slots.get(key), slots.get("name") != null));
        }
        Verdict state = verdict(STATE, expected.get(STATE), slots.get(STATE), false);
        return new Outcome(c, expected, u.intent(), slots, Collections.unmodifiableMap(keys), state, null);
    }

    private static Outcome failed(IntentCorpus.Case c, Map<String, Object> expected, String error) {
        Map<String, Verdict> keys = new LinkedHashMap<>();
        for (String key : KEYS) {
            keys.put(key, verdict(key, expected.get(key), null, false));
        }
        return new Outcome(c, expected, "error", Map.of(), Collections.unmodifiableMap(keys),
                verdict(STATE, expected.get(STATE), null, false), error);
    }

    static Verdict verdict(String key, Object expected, Object produced, boolean named) {
        if (expected == null) {
            if (produced == null) {
                return Verdict.ABSENT;
            }
            return CLASSES.contains(key) && named ? Verdict.ACCEPTED : Verdict.UNEXPECTED;
        }
        if (produced == null) {
            return Verdict.MISSING;
        }
        if (expected instanceof List<?> anyOf) {
            return anyOf.stream().anyMatch(e -> equal(key, e, produced)) ? Verdict.RIGHT : Verdict.WRONG;
        }
        return equal(key, expected, produced) ? Verdict.RIGHT : Verdict.WRONG;
    }

    private static boolean equal(String key, Object expected, Object produced) {
        if (produced instanceof List<?> l && l.size() == 1) {
            produced = l.get(0);
        }
        if (expected instanceof Number e) {
            BigDecimal p = number(produced);
            return p != null && new BigDecimal(e.toString()).compareTo(p) == 0;
        }
        String e = expected.toString();
        String p = produced.toString();
        return CLASSES.contains(key) ? e.equals(p) : e.trim().toLowerCase(Locale.ROOT)
                .equals(p.trim().toLowerCase(Locale.ROOT));
    }

    private static BigDecimal number(Object v) {
        try {
            return v instanceof Number || v instanceof String ? new BigDecimal(v.toString().trim()) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
