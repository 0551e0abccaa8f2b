package io.hestia.pattern.eval;

import io.hestia.pattern.mining.CoOccurrenceDetector;
import io.hestia.pattern.mining.EventFeed;
import io.hestia.pattern.mining.HomeModel;
import io.hestia.pattern.mining.MinedPattern;
import io.hestia.pattern.mining.StateVocabulary;
import io.hestia.training.synthetic.PlantedSequence;
import io.hestia.training.synthetic.SyntheticHome;
import io.hestia.training.synthetic.SyntheticHomeGenerator;
import io.hestia.training.synthetic.SyntheticSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scores the co-occurrence detector against a synthetic home's planted sequences.
 *
 * <p>Recall: of the planted two-step sequences (trigger entity/state → action entity/state) whose pair the detector
 * may report at all (the original's pair validity: not two trigger domains, e.g. a phone tracker → person entity),
 * the share found as a directed pattern with the same states whose median lag lies in the planted
 * {@code min..max} lag range ± 1 s. Step recall does the same for each consecutive step of the planted multi-step
 * chains. Planted pairs that cannot be found are listed but left out of the denominators: {@code invalid}
 * (pair validity), {@code window} (the planted typical lag exceeds the window) or {@code rare} (the trigger or the
 * action state changed fewer than {@code min_count} times in the data). Planted share: of the patterns found, those whose (trigger, state, action, state) is a planted pair, a
 * chain step, or an earlier-to-later pair of steps of one chain (a real consequence of it). The remainder includes
 * regularities the generator produces without listing them (see GroundTruth).
 */
public final class SequenceEvaluation {

    private SequenceEvaluation() {
    }

    /** One planted pair or step and what the detector made of it. */
    public record Row(String kind, String trigger, String triggerState, String action, String actionState,
                      double minLagSeconds, double maxLagSeconds, String obstacle, boolean found,
                      double medianLagSeconds, int support, double lift) {

        /** Findable in principle: a valid pair, lag within the window, enough action changes in the data. */
        public boolean detectable() {
            return obstacle == null;
        }
    }

    /**
     * @param pairs         planted two-step sequences
     * @param valid         of those, valid pairs (whatever the lag or how often they happened)
     * @param detectable    of those, pairs findable in principle (valid, lag within the window, not rare)
     * @param recalled      of those, found with a median lag in range
     * @param steps         detectable consecutive steps of multi-step chains
     * @param stepsRecalled of those, found with a median lag in range
     * @param patterns      co-occurrence patterns found
     * @param planted       of those, planted pairs, steps or within-chain pairs
     * @param events        events fed
     * @param passMillis    time of the feed and detector pass (after generation)
     */
    public record Result(SyntheticSpec spec, int pairs, int valid, int detectable, int recalled, int steps, int stepsRecalled,
                         int patterns, int planted, long events, long passMillis, List<Row> rows, String table) {

        public double recall() {
            return detectable == 0 ? 1.0 : (double) recalled / detectable;
        }

        /** Recall over every valid planted pair, including those beyond the window or too rare. */
        public double validRecall() {
            return valid == 0 ? 1.0 : (double) recalled / valid;
        }

        public double stepRecall() {
            return steps == 0 ? 1.0 : (double) stepsRecalled / steps;
        }

        /** Share of found patterns that correspond to planted sequences or their steps. */
        public double plantedShare() {
            return patterns == 0 ? 0.0 : (double) planted / patterns;
        }
    }

    public static Result run(SyntheticSpec spec) {
        return run(spec, CoOccurrenceDetector.Params.defaults());
    }

    public static Result run(SyntheticSpec spec, CoOccurrenceDetector.Params params) {
        SyntheticHome sh = SyntheticHomeGenerator.generate(spec);
        return run(sh, spec, params);
    }

    public static Result run(SyntheticHome sh, SyntheticSpec spec, CoOccurrenceDetector.Params params) {
        long start = System.nanoTime();
        HomeModel home = EventFeed.model(sh.home());
        StateVocabulary states = new StateVocabulary();
        long endMs = spec.end().toEpochMilli();
        long startMs = endMs - spec.days() * 86_400_000L;
        CoOccurrenceDetector detector = new CoOccurrenceDetector(home, states, params, startMs, endMs);
        EventFeed.feed(sh.home(), home, states, List.of(detector));
        List<MinedPattern> found = detector.results();
        long passMillis = (System.nanoTime() - start) / 1_000_000;

        Map<String, MinedPattern> byKey = new LinkedHashMap<>();
        for (MinedPattern p : found) {
            byKey.put(key(p.entityIds().get(0), p.state().substring(0, p.state().indexOf("->")),
                    p.entityIds().get(1), p.state().substring(p.state().indexOf("->") + 2)), p);
        }
        Map<String, Row> rowMap = new LinkedHashMap<>();
        Map<String, Integer> changes = new java.util.HashMap<>();
        for (var ev : sh.home().events()) {
            if (ev.oldState() == null || !ev.oldState().equals(ev.state())) {
                changes.merge(ev.entityId() + "=" + ev.state(), 1, Integer::sum);
            }
        }
        java.util.Set<String> plantedKeys = new java.util.HashSet<>();
        for (PlantedSequence s : sh.truth().sequences()) {
            List<PlantedSequence.Step> st = s.steps();
            for (int i = 0; i < st.size(); i++) {
                for (int j = i + 1; j < st.size(); j++) {
                    plantedKeys.add(key(st.get(i).entityId(), st.get(i).state(), st.get(j).entityId(),
                            st.get(j).state()));
                }
            }
            if (st.size() == 2) {
                add(rowMap, row("pair", home, st.get(0), st.get(1), s.minLagSeconds(), s.maxLagSeconds(), byKey,
                        params, changes));
            } else {
                for (int i = 1; i < st.size(); i++) {
                    add(rowMap, row("step", home, st.get(i - 1), st.get(i), st.get(i).minLagSeconds(),
                            st.get(i).maxLagSeconds(), byKey, params, changes));
                }
            }
        }
        List<Row> rows = new ArrayList<>(rowMap.values());
        int pairs = 0;
        int detectable = 0;
        int valid = 0;
        int recalled = 0;
        int steps = 0;
        int stepsRecalled = 0;
        for (Row r : rows) {
            if (r.kind().equals("pair")) {
                pairs++;
                detectable += r.detectable() ? 1 : 0;
                valid += "invalid".equals(r.obstacle()) ? 0 : 1;
                recalled += r.detectable() && r.found() ? 1 : 0;
            } else if (r.detectable()) {
                steps++;
                stepsRecalled += r.found() ? 1 : 0;
            }
        }
        int planted = 0;
        for (String k : byKey.keySet()) {
            planted += plantedKeys.contains(k) ? 1 : 0;
        }
        StringBuilder t = new StringBuilder();
        t.append(String.format(Locale.ROOT, "seed %d, %s, %s devices, %d days: %d events, pass %d ms%n", spec.seed(),
                spec.type(), spec.deviceCount(), spec.days(), detectorEvents(sh), passMillis));
        t.append(String.format(Locale.ROOT, "%-5s %-44s %-44s %-11s %-7s %-9s %-7s %-7s%n", "kind", "trigger",
                "action", "lag range", "found", "median s", "support", "lift"));
        for (Row r : rows) {
            t.append(String.format(Locale.ROOT, "%-5s %-44s %-44s %-11s %-7s %-9s %-7s %-7s%n", r.kind(),
                    r.trigger() + "=" + r.triggerState(), r.action() + "=" + r.actionState(),
                    String.format(Locale.ROOT, "%.0f..%.0f", r.minLagSeconds(), r.maxLagSeconds()),
                    r.found() ? "yes" : r.detectable() ? "no" : r.obstacle(),
                    r.support() > 0 ? String.format(Locale.ROOT, "%.1f", r.medianLagSeconds()) : "-",
                    r.support() > 0 ? String.valueOf(r.support()) : "-",
                    r.support() > 0 ? String.format(Locale.ROOT, "%.1f", r.lift()) : "-"));
        }
        t.append(String.format(Locale.ROOT,
                "pairs recalled %d/%d findable, %d/%d valid (%d planted), "
                        + "steps recalled %d/%d, "
                        + "patterns %d of which planted %d (%.0f%%)%n",
                recalled, detectable, recalled, valid, pairs, stepsRecalled, steps, found.size(), planted,
                found.isEmpty() ? 0.0 : 100.0 * planted / found.size()));
        return new Result(spec, pairs, valid, detectable, recalled, steps, stepsRecalled, found.size(), planted,
                detectorEvents(sh), passMillis, rows, t.toString());
    }

    private static long detectorEvents(SyntheticHome sh) {
        return sh.home().events().size();
    }

    private static String key(String a, String sa, String b, String sb) {
        return a + "=" + sa + "->" + b + "=" + sb;
    }

    private static void add(Map<String, Row> rows, Row r) {
        rows.putIfAbsent(r.kind() + " " + key(r.trigger(), r.triggerState(), r.action(), r.actionState()), r);
    }

    /** Why a planted pair cannot be found: not a valid pair, lag beyond the window, or too few action changes. */
    private static String obstacle(HomeModel home, PlantedSequence.Step a, PlantedSequence.Step b, double min,
                                   CoOccurrenceDetector.Params params, Map<String, Integer> changes) {
        int ia = home.find(a.entityId());
        int ib = home.find(b.entityId());
        if (ia < 0 || ib < 0 || !CoOccurrenceDetector.validPair(home.entity(ia), home.entity(ib))) {
            return "invalid";
        }
        if (b.typicalLagSeconds() > params.windowSeconds()) {
            return "window";
        }
        if (changes.getOrDefault(a.entityId() + "=" + a.state(), 0) < params.minCount()
                || changes.getOrDefault(b.entityId() + "=" + b.state(), 0) < params.minCount()) {
            return "rare";
        }
        return null;
    }

    private static Row row(String kind, HomeModel home, PlantedSequence.Step a, PlantedSequence.Step b, double min,
                           double max, Map<String, MinedPattern> byKey, CoOccurrenceDetector.Params params,
                           Map<String, Integer> changes) {
        String obstacle = obstacle(home, a, b, min, params, changes);
        boolean detectable = obstacle == null;
        MinedPattern p = byKey.get(key(a.entityId(), a.state(), b.entityId(), b.state()));
        double median = p == null ? Double.NaN : ((Number) p.details().get("median_lag_seconds")).doubleValue();
        boolean found = p != null && median >= min - 1 && median <= max + 1;
        return new Row(kind, a.entityId(), a.state(), b.entityId(), b.state(), min, max, obstacle, found, median,
                p == null ? 0 : p.support(), p == null ? 0 : ((Number) p.details().get("lift")).doubleValue());
    }
}
