package io.hestia.training.ml;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

import io.hestia.pattern.mining.CoOccurrenceDetector;
import io.hestia.pattern.mining.EntityInfo;
import io.hestia.pattern.mining.EventFeed;
import io.hestia.pattern.mining.HomeModel;
import io.hestia.pattern.mining.MinedPattern;
import io.hestia.pattern.mining.StateVocabulary;
import io.hestia.training.synthetic.PlantedSequence;
import io.hestia.training.synthetic.SyntheticHome;
import io.hestia.training.synthetic.SyntheticHomeGenerator;
import io.hestia.training.synthetic.SyntheticSpec;

/**
 * The synergy scorer's training set (labels {@code "0"}, {@code "1"}).
 *
 * <p>Per synthetic home ({@link #DAYS} days): the real {@link CoOccurrenceDetector} (the pattern service's, with the
 * given parameters) runs over the home's events, its patterns make the {@link HomeGraph}, and every example's
 * input comes from {@link HomeGraph#pair}, as a served synergy's does, so features match at serving time.
 * <ul>
 * <li>positives: each step (previous entity → next entity) of the planted {@link PlantedSequence}s whose action an
 * automation can act on (the detector's pair validity: action in an actionable domain);</li>
 * <li>negatives: {@link #NEGATIVES_PER_POSITIVE} other valid ordered pairs of the same home per positive: one of the
 * same area, one with a mined pattern (co-occurring, by chance or as a side effect), the rest any pair; drawn
 * without repeats;</li>
 * <li>feedback: each {@link PairFeedback} once, weight {@link #FEEDBACK_WEIGHT}, label accepted.</li>
 * </ul>
 */
public final class SynergyData {

    /** Days of history per home: door → lock happens about once a day and needs 5 occurrences to be mined. */
    public static final int DAYS = 7;
    public static final int NEGATIVES_PER_POSITIVE = 4;
    /** A user's verdict weighs as much as this many synthetic examples. */
    public static final float FEEDBACK_WEIGHT = 5f;
    public static final List<String> LABELS = List.of("0", "1");

    private SynergyData() {
    }

    public static LabelledData build(int homes, long seed, List<PairFeedback> feedback, IntConsumer progress) {
        return build(homes, seed, feedback, progress, CoOccurrenceDetector.Params.defaults());
    }

    /** @param params the co-occurrence parameters the pattern service runs with (its configuration) */
    public static LabelledData build(int homes, long seed, List<PairFeedback> feedback, IntConsumer progress,
                                     CoOccurrenceDetector.Params params) {
        SplittableRandom random = new SplittableRandom(seed);
        List<float[]> x = new ArrayList<>();
        List<String> y = new ArrayList<>();
        List<Float> w = new ArrayList<>();
        for (int i = 0; i < homes; i++) {
            SyntheticSpec spec = SyntheticSpec.of(random.nextLong()).withDays(DAYS);
            for (Example e : examples(SyntheticHomeGenerator.generate(spec), spec, params, random.split())) {
                x.add(PairFeatures.of(e.input()));
                y.add(e.positive() ? "1" : "0");
                w.add(1f);
            }
            if (progress != null) {
                progress.accept(i + 1);
            }
        }
        for (PairFeedback f : feedback == null ? List.<PairFeedback>of() : feedback) {
            x.add(PairFeatures.of(f.input()));
            y.add(f.accepted() ? "1" : "0");
            w.add(FEEDBACK_WEIGHT);
        }
        return new LabelledData(PairFeatures.NAMES, x, y, LABELS, w);
    }

    /** One labelled pair. */
    record Example(PairInput input, boolean positive) {
    }

    /** The home graph of a synthetic home: the detector run over its events as the pattern service runs it. */
    static HomeGraph graph(SyntheticHome sh, HomeModel model, SyntheticSpec spec, CoOccurrenceDetector.Params params) {
        StateVocabulary states = new StateVocabulary();
        long end = spec.end().toEpochMilli();
        CoOccurrenceDetector detector = new CoOccurrenceDetector(model, states, params,
                end - spec.days() * 86_400_000L, end);
        EventFeed.feed(sh.home(), model, states, List.of(detector));
        List<MinedPattern> patterns = detector.results();
        return HomeGraph.of(model, patterns);
    }

    static List<Example> examples(SyntheticHome sh, SyntheticSpec spec, CoOccurrenceDetector.Params params,
                                  SplittableRandom random) {
        HomeModel model = EventFeed.model(sh.home());
        HomeGraph graph = graph(sh, model, spec, params);
        Set<String> positives = new LinkedHashSet<>();
        for (PlantedSequence s : sh.truth().sequences()) {
            for (int k = 1; k < s.steps().size(); k++) {
                String t = s.steps().get(k - 1).entityId();
                String a = s.steps().get(k).entityId();
                int ti = model.find(t);
                int ai = model.find(a);
                if (ti >= 0 && ai >= 0 && CoOccurrenceDetector.validPair(model.entity(ti), model.entity(ai))) {
                    positives.add(HomeModel.pairKey(t, a));
                }
            }
        }
        List<String[]> sameArea = new ArrayList<>();
        List<String[]> observed = new ArrayList<>();
        List<String[]> any = new ArrayList<>();
        for (EntityInfo t : model.entities()) {
            for (EntityInfo a : model.entities()) {
                if (!CoOccurrenceDetector.validPair(t, a)
                        || positives.contains(HomeModel.pairKey(t.entityId(), a.entityId()))) {
                    continue;
                }
                String[] pair = {t.entityId(), a.entityId()};
                any.add(pair);
                if (t.areaId() != null && t.areaId().equals(a.areaId())) {
                    sameArea.add(pair);
                }
                if (graph.observed(t.entityId(), a.entityId()) != null) {
                    observed.add(pair);
                }
            }
        }
        List<Example> out = new ArrayList<>();
        Set<String> taken = new LinkedHashSet<>();
        for (String key : positives) {
            int arrow = key.indexOf("->");
            out.add(new Example(graph.pair(key.substring(0, arrow), key.substring(arrow + 2)), true));
            for (int n = 0; n < NEGATIVES_PER_POSITIVE; n++) {
                List<String[]> from = n == 0 ? sameArea : n == 1 ? observed : any;
                String[] pick = draw(from, taken, random);
                if (pick == null && from != any) {
                    pick = draw(any, taken, random);
                }
                if (pick != null) {
                    out.add(new Example(graph.pair(pick[0], pick[1]), false));
                }
            }
        }
        return out;
    }

    /** A random pair of {@code from} not taken yet (a few tries), or null. */
    private static String[] draw(List<String[]> from, Set<String> taken, SplittableRandom random) {
        for (int tries = 0; tries < 8 && !from.isEmpty(); tries++) {
            String[] p = from.get(random.nextInt(from.size()));
            if (taken.add(HomeModel.pairKey(p[0], p[1]))) {
                return p;
            }
        }
        return null;
    }
}
