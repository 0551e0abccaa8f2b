package io.hestia.pattern.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.hestia.training.synthetic.HomeType;
import io.hestia.training.synthetic.SyntheticSpec;

class SyntheticEvaluationTest {

    static final Instant END = Instant.parse("2026-04-20T00:00:00Z");   // 30 days across the spring DST change
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void routinesAndAnomaliesAreFoundInSyntheticHomes() {
        List<SyntheticEvaluation.Result> results = new ArrayList<>();
        HomeType[] types = {HomeType.SINGLE_FAMILY, HomeType.APARTMENT, HomeType.TOWNHOUSE};
        int[] devices = {60, 35, 90};
        for (int i = 0; i < 3; i++) {
            for (int seed = 1; seed <= 3; seed++) {
                results.add(SyntheticEvaluation.run(new SyntheticSpec(seed, types[i], devices[(i + seed) % 3], 30,
                        END, BERLIN)));
            }
        }
        System.out.println(SyntheticEvaluation.table(results));
        System.out.println("matched spreads " + results.stream().flatMap(r -> r.matchedSpreads().stream()).sorted().toList());
        for (SyntheticEvaluation.Result r : results) {
            System.out.println(r.seed() + " " + r.type() + " missed " + r.missed());
            System.out.println(r.seed() + " " + r.type() + " unexplained " + r.unexplained());
            System.out.println(r.seed() + " " + r.type() + " missed anomalies " + r.missedAnomalies());
        }
        for (SyntheticEvaluation.Result r : results) {
            assertThat(r.recall()).as("recall %s/%s", r.seed(), r.type()).isGreaterThanOrEqualTo(0.9);
            assertThat(r.precision()).as("precision %s/%s", r.seed(), r.type()).isGreaterThanOrEqualTo(0.8);
            assertThat(r.maxTimeErrorMinutes()).isLessThanOrEqualTo(15);
        }
    }
}
