package io.hestia.pattern.mining;

import static org.assertj.core.api.Assertions.assertThat;

import io.hestia.pattern.eval.SequenceEvaluation;
import io.hestia.training.synthetic.HomeType;
import io.hestia.training.synthetic.SyntheticSpec;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The co-occurrence detector against planted sequences of three synthetic homes (40 devices, 21 days). */
class SequenceEvaluationTest {

    @ParameterizedTest
    @CsvSource({"1, SINGLE_FAMILY", "2, APARTMENT", "3, TOWNHOUSE"})
    void plantedPairsAreRecalledInTheirDirectionAndLag(long seed, HomeType type) {
        SyntheticSpec spec = new SyntheticSpec(seed, type, 40, 21, Instant.parse("2026-01-05T00:00:00Z"),
                ZoneId.of("Europe/Berlin"));
        SequenceEvaluation.Result r = SequenceEvaluation.run(spec);
        System.out.println(r.table());
        // measured: findable planted pairs 4/4, 5/5, 7/7; valid ones 4/6, 5/6, 7/8 (the misses: coffee 10 min
        // after the wake light, beyond the 5-minute window; an auto-lock that happened 1-3 times);
        // findable chain steps 3/3, 6/6, 5/7; planted share of the patterns found 27 %, 18 %, 23 %
        assertThat(r.detectable()).isGreaterThanOrEqualTo(4);
        assertThat(r.recall()).isEqualTo(1.0);
        assertThat(r.validRecall()).isGreaterThanOrEqualTo(0.6);
        // 4 of 6 in the townhouse: the phone → lock steps of the second and third person are detectable but rare
        // (the lock opens only for the first one home); lock → door sensor is no longer a valid directed pair
        assertThat(r.stepRecall()).isGreaterThanOrEqualTo(0.65);
        assertThat(r.plantedShare()).isGreaterThanOrEqualTo(0.15);
        // every planted motion -> light pair (both directions of the switch) is found with its lag
        assertThat(r.rows()).filteredOn(row -> row.trigger().contains("_motion") && row.action().startsWith("light."))
                .isNotEmpty()
                .allMatch(SequenceEvaluation.Row::found);
    }
}
