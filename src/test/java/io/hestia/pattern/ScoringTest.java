package io.hestia.pattern;

import io.hestia.store.MinedItemStore.Posterior;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ScoringTest {

    private final Scoring scoring = new Scoring(4, 0.8);

    @Test
    void withoutFeedbackTheScoreIsTheBase() {
        assertThat(scoring.score(0.7, Posterior.PRIOR)).isEqualTo(0.7);
        assertThat(scoring.explain(0.7, Posterior.PRIOR)).isNull();
    }

    @Test
    void acceptancesRaiseAndRejectionsLowerTheScoreMoreWithMoreFeedback() {
        Posterior oneYes = new Posterior(2, 1, 1, 1, 0);
        Posterior threeYes = new Posterior(4, 1, 3, 3, 0);
        Posterior twoNo = new Posterior(1, 3, 2, 0, 2);
        double base = 0.6;
        assertThat(scoring.score(base, oneYes)).isGreaterThan(base);
        assertThat(scoring.score(base, threeYes)).isGreaterThan(scoring.score(base, oneYes));
        assertThat(scoring.score(base, twoNo)).isLessThan(base);
        // w = 1 / (1 + 4) = 0.2; mean = 2/3
        assertThat(scoring.score(base, oneYes)).isCloseTo(0.8 * 0.6 + 0.2 * (2.0 / 3), within(1e-9));
        assertThat(scoring.explain(base, threeYes)).contains("3 accepted, 0 rejected").contains("raised")
                .contains("0.60");
        assertThat(scoring.explain(base, twoNo)).contains("lowered");
    }

    @Test
    void theWeightIsCappedSoManyFeedbacksNeverEraseTheMinedEvidence() {
        Posterior many = new Posterior(1001, 1, 1000, 1000, 0);
        assertThat(scoring.weight(many)).isEqualTo(0.8);
        assertThat(scoring.score(0.0, many)).isLessThan(0.81);
    }

    @Test
    void ratingsWeighAcceptances() {
        assertThat(Scoring.success(true, null)).isEqualTo(1.0);
        assertThat(Scoring.success(true, 3)).isEqualTo(0.6);
        assertThat(Scoring.success(false, 5)).isZero();
        assertThat(Scoring.synergyBase(0.8, 0.6)).isCloseTo(0.7, within(1e-9));
    }
}
