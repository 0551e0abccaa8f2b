package io.hestia.training.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HomeTypeDataTest {

    private static LabelledData data;

    @BeforeAll
    static void build() {
        AtomicInteger done = new AtomicInteger();
        data = HomeTypeData.build(240, 42, done::set);
        assertEquals(240, done.get());
    }

    @Test
    void shape() {
        assertEquals(240, data.size());
        assertEquals(HomeFeatures.NAMES, data.featureNames());
        assertEquals(8, data.labels().size());
        assertTrue(data.labels().containsAll(data.y()));
        for (float[] row : data.x()) {
            for (float v : row) {
                assertTrue(Float.isFinite(v));
            }
        }
        // the original's distribution: single_family is the most common type
        Map<String, Integer> counts = new HashMap<>();
        data.y().forEach(t -> counts.merge(t, 1, Integer::sum));
        assertEquals("single_family", counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow()
                .getKey(), counts.toString());
    }

    @Test
    void sameSeedSameData() {
        LabelledData a = HomeTypeData.build(4, 7, null);
        LabelledData b = HomeTypeData.build(4, 7, null);
        assertEquals(a.y(), b.y());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.x().get(i), b.x().get(i));
        }
    }

    /** Nearest centroid on standardised features, trained on 2/3, tested on 1/3, beats the majority class well. */
    @Test
    void typesSeparate() {
        int n = data.size();
        int train = n * 2 / 3;
        int d = data.featureNames().size();
        double[] mean = new double[d];
        double[] sd = new double[d];
        for (int i = 0; i < train; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += data.x().get(i)[j] / (double) train;
            }
        }
        for (int i = 0; i < train; i++) {
            for (int j = 0; j < d; j++) {
                double z = data.x().get(i)[j] - mean[j];
                sd[j] += z * z / train;
            }
        }
        Map<String, double[]> centroid = new HashMap<>();
        Map<String, Integer> count = new HashMap<>();
        for (int i = 0; i < train; i++) {
            double[] c = centroid.computeIfAbsent(data.y().get(i), k -> new double[d]);
            count.merge(data.y().get(i), 1, Integer::sum);
            double[] z = standardise(data.x().get(i), mean, sd);
            for (int j = 0; j < d; j++) {
                c[j] += z[j];
            }
        }
        centroid.forEach((k, c) -> {
            for (int j = 0; j < d; j++) {
                c[j] /= count.get(k);
            }
        });
        int right = 0;
        Map<String, Integer> testCounts = new HashMap<>();
        for (int i = train; i < n; i++) {
            double[] z = standardise(data.x().get(i), mean, sd);
            String best = null;
            double bestDist = Double.MAX_VALUE;
            for (Map.Entry<String, double[]> c : centroid.entrySet()) {
                double dist = 0;
                for (int j = 0; j < d; j++) {
                    dist += (z[j] - c.getValue()[j]) * (z[j] - c.getValue()[j]);
                }
                if (dist < bestDist) {
                    bestDist = dist;
                    best = c.getKey();
                }
            }
            right += best.equals(data.y().get(i)) ? 1 : 0;
            testCounts.merge(data.y().get(i), 1, Integer::sum);
        }
        double accuracy = right / (double) (n - train);
        double majority = testCounts.values().stream().mapToInt(Integer::intValue).max().orElseThrow()
                / (double) (n - train);
        System.out.printf("nearest centroid accuracy %.3f, majority class %.3f%n", accuracy, majority);
        assertTrue(accuracy > majority + 0.25, "accuracy " + accuracy + " vs majority " + majority);
    }

    private static double[] standardise(float[] x, double[] mean, double[] sd) {
        double[] z = new double[x.length];
        for (int j = 0; j < x.length; j++) {
            z[j] = sd[j] == 0 ? 0 : (x[j] - mean[j]) / Math.sqrt(sd[j]);
        }
        return z;
    }

    @Test
    void featuresOfAKnownSummary() {
        HomeSummary s = new HomeSummary(3, 1, List.of("Garage", "Garden", "Bedroom", "Kitchen"), 10,
                Map.of("light", 6, "sensor", 4), Map.of("motion", 2), Map.of("light", 24L, "sensor", 40L), 8, 2);
        Map<String, Float> f = HomeFeatures.named(HomeFeatures.of(s));
        assertEquals(3f, f.get("floors"));
        assertEquals(4f, f.get("areas"));
        assertEquals(2.5f, f.get("entities_per_area"));
        assertEquals(0.6f, f.get("domain_share_light"), 1e-6);
        assertEquals(0f, f.get("domain_share_other"));
        assertEquals(0.2f, f.get("class_share_motion"), 1e-6);
        assertEquals(1f, f.get("areas_garage"));
        assertEquals(1f, f.get("areas_outdoor"));
        assertEquals((float) Math.log1p(2.0), f.get("log_events_per_entity_day_lighting"), 1e-6);
        assertEquals(8 / 64f, f.get("night_event_fraction"), 1e-6);
        assertEquals("single_family", HomeTypeHeuristic.classify(s).type());
    }

    /** The heuristic is documented as the fallback: it should be right on most synthetic homes. */
    @Test
    void heuristicIsRightOnMostSyntheticHomes() {
        LabelledData small = HomeTypeData.build(0, 1, null);
        assertEquals(0, small.size());
        int right = 0;
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        int n = 80;
        for (int i = 0; i < n; i++) {
            io.hestia.training.synthetic.HomeType t = io.hestia.training.synthetic.HomeType.draw(r);
            var home = io.hestia.training.synthetic.SyntheticHomeGenerator.generate(
                    io.hestia.training.synthetic.SyntheticSpec.of(r.nextLong()).withType(t).withDays(1));
            right += HomeTypeHeuristic.classify(HomeSummary.of(home.home())).type().equals(t.id()) ? 1 : 0;
        }
        System.out.printf("heuristic accuracy %.3f%n", right / (double) n);
        assertTrue(right >= n * 0.7, right + " of " + n);
    }
}
