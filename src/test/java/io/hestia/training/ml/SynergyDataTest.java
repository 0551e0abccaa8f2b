package io.hestia.training.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.hestia.pattern.mining.CoOccurrenceDetector;
import io.hestia.pattern.mining.EventFeed;
import io.hestia.pattern.mining.HomeModel;
import io.hestia.pattern.mining.MinedSynergy;
import io.hestia.pattern.mining.SynergyDetector;
import io.hestia.training.synthetic.SyntheticHome;
import io.hestia.training.synthetic.SyntheticHomeGenerator;
import io.hestia.training.synthetic.SyntheticSpec;

class SynergyDataTest {

    /** Serving (a published synergy item) and training (the home graph) give the same vector for a pair. */
    @Test
    void synergyItemsGiveTheTrainingFeatures() {
        SyntheticSpec spec = SyntheticSpec.of(11).withDays(SynergyData.DAYS).withDeviceCount(40);
        SyntheticHome sh = SyntheticHomeGenerator.generate(spec);
        HomeModel model = EventFeed.model(sh.home());
        HomeGraph graph = SynergyData.graph(sh, model, spec, CoOccurrenceDetector.Params.defaults());
        // the synergies as the pattern service would publish them from the same patterns
        HomeModel model2 = EventFeed.model(sh.home());
        var states = new io.hestia.pattern.mining.StateVocabulary();
        var detector = new CoOccurrenceDetector(model2, states, CoOccurrenceDetector.Params.defaults(),
                spec.end().toEpochMilli() - spec.days() * 86_400_000L, spec.end().toEpochMilli());
        EventFeed.feed(sh.home(), model2, states, List.of(detector));
        List<MinedSynergy> synergies = SynergyDetector.detect(model2, detector.results(),
                SynergyDetector.Params.defaults().withAllowCrossArea(true));
        int pairs = 0;
        int observed = 0;
        for (MinedSynergy s : synergies) {
            if (!MinedSynergy.PAIR.equals(s.type())) {
                continue;
            }
            Map<String, Object> item = new HashMap<>();
            item.put("entity_ids", s.entityIds());
            item.put("area_id", s.area());
            item.put("confidence", s.confidence());
            item.put("details", s.details());
            PairInput served = PairInput.fromSynergyItem(item, graph);
            PairInput trained = graph.pair(s.entityIds().get(0), s.entityIds().get(1));
            assertArrayEquals(PairFeatures.of(trained), PairFeatures.of(served), s.entityIds().toString());
            assertEquals(s.confidence(), SynergyHeuristic.score(served), 1e-3, s.toString());
            assertEquals(s.confidence(), SynergyHeuristic.score(item, graph), 1e-9);
            pairs++;
            observed += served.observed() ? 1 : 0;
        }
        System.out.printf("synergy pairs %d, observed %d%n", pairs, observed);
        assertTrue(pairs > 10, "pairs " + pairs);
        assertTrue(observed >= 1, "observed " + observed);
    }

    @Test
    void buildsBalancedLabelledPairs() {
        PairInput fed = new HomeGraph(List.of(), List.of()).pair("binary_sensor.hall_motion", "light.hall");
        long t0 = System.nanoTime();
        LabelledData d = SynergyData.build(6, 3, List.of(new PairFeedback(fed, true)), null);
        System.out.printf("synergy data: %d examples from 6 homes in %d ms%n", d.size(),
                (System.nanoTime() - t0) / 1_000_000);
        assertEquals(PairFeatures.NAMES, d.featureNames());
        assertEquals(List.of("0", "1"), d.labels());
        long pos = d.y().stream().filter("1"::equals).count();
        assertTrue(pos >= 6, "positives " + pos);
        assertTrue(d.size() - pos >= 3 * (pos - 1), "negatives " + (d.size() - pos) + " for " + pos);
        assertEquals(SynergyData.FEEDBACK_WEIGHT, d.weights().get(d.size() - 1));
        assertEquals("1", d.y().get(d.size() - 1));
        int observedAt = PairFeatures.NAMES.indexOf("observed");
        int observedNeg = 0;
        for (int i = 0; i < d.size(); i++) {
            observedNeg += d.y().get(i).equals("0") && d.x().get(i)[observedAt] == 1f ? 1 : 0;
        }
        assertTrue(observedNeg > 0, "some negatives co-occur");
        // the features carry signal: the heuristic's own inputs rank positives above negatives (AUC)
        assertTrue(auc(d, PairFeatures.NAMES.indexOf("confidence")) > 0.6);

        LabelledData again = SynergyData.build(6, 3, List.of(new PairFeedback(fed, true)), null);
        assertEquals(d.y(), again.y());
        for (int i = 0; i < d.size(); i++) {
            assertArrayEquals(d.x().get(i), again.x().get(i));
        }
    }

    @Test
    void pairFeaturesOfAKnownPair() {
        var hall = new io.hestia.pattern.mining.EntityInfo(0, "binary_sensor.hall_motion", "binary_sensor", "motion",
                "hall", null);
        var light = new io.hestia.pattern.mining.EntityInfo(1, "light.hall", "light", null, "hall", null);
        HomeGraph g = new HomeGraph(List.of(hall, light), List.of(
                new HomeGraph.Edge("p1", "binary_sensor.hall_motion", "light.hall", 20, 0.9, 8, 3),
                new HomeGraph.Edge("p2", "binary_sensor.hall_motion", "light.hall", 20, 0.1, 2, 100)));
        Map<String, Float> f = named(PairFeatures.of(g.pair("binary_sensor.hall_motion", "light.hall")));
        assertEquals(1f, f.get("trigger_domain_binary_sensor"));
        assertEquals(1f, f.get("action_domain_light"));
        assertEquals(1f, f.get("trigger_class_motion"));
        assertEquals(1f, f.get("same_area"));
        assertEquals(0.9f, f.get("confidence"), 1e-6);             // the stronger of the two patterns
        assertEquals((float) Math.log1p(8), f.get("log_lift"), 1e-6);
        assertEquals((float) Math.log1p(2), f.get("trigger_log_area_entities"), 1e-6);
        assertEquals((float) Math.log1p(1), f.get("trigger_log_degree"), 1e-6);
        assertEquals((float) Math.log1p(5), f.get("action_log_mean_lift"), 1e-6);
        PairInput reverse = g.pair("light.hall", "binary_sensor.hall_motion");
        assertFalse(reverse.observed());
        assertEquals(0f, named(PairFeatures.of(reverse)).get("log_support"));
        assertEquals(0.6, SynergyHeuristic.score(reverse), 1e-9);
    }

    static Map<String, Float> named(float[] v) {
        Map<String, Float> m = new HashMap<>();
        for (int i = 0; i < v.length; i++) {
            m.put(PairFeatures.NAMES.get(i), v[i]);
        }
        return m;
    }

    /** AUC of one feature as a score for label "1". */
    static double auc(LabelledData d, int feature) {
        List<Float> pos = new ArrayList<>();
        List<Float> neg = new ArrayList<>();
        for (int i = 0; i < d.size(); i++) {
            (d.y().get(i).equals("1") ? pos : neg).add(d.x().get(i)[feature]);
        }
        double wins = 0;
        for (float p : pos) {
            for (float n : neg) {
                wins += p > n ? 1 : p == n ? 0.5 : 0;
            }
        }
        double auc = wins / pos.size() / neg.size();
        System.out.printf("AUC of %s: %.3f%n", d.featureNames().get(feature), auc);
        return auc;
    }
}
