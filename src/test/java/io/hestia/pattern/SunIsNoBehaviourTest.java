package io.hestia.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.hestia.ha.home.Home;
import io.hestia.pattern.mining.EventFeed;
import io.hestia.pattern.mining.HomeModel;
import io.hestia.pattern.mining.MinedSynergy;
import io.hestia.pattern.mining.StateVocabulary;
import io.hestia.training.synthetic.HomeType;
import io.hestia.training.synthetic.SyntheticHomeGenerator;
import io.hestia.training.synthetic.SyntheticSpec;

/**
 * A synthetic home has HA's {@code sun.sun}, rising and setting every day; sunrise and sunset are no household's
 * behaviour, so none of the miners (routines, co-occurrences, anomalies, synergies) reports it.
 */
class SunIsNoBehaviourTest {

    @Test
    void noMinerReportsTheSun() {
        Instant end = Instant.parse("2026-04-20T00:00:00Z");
        Home home = SyntheticHomeGenerator.generate(new SyntheticSpec(1, HomeType.SINGLE_FAMILY, 40, 30, end,
                ZoneId.of("Europe/Berlin"))).home();
        assertThat(home.events().stream().filter(e -> e.entityId().equals("sun.sun")).count()).isEqualTo(60);

        HomeModel model = EventFeed.model(home);
        StateVocabulary vocab = new StateVocabulary();
        long to = end.toEpochMilli();
        long from = to - 30 * 86_400_000L;
        MiningPipeline.Session session = DefaultMiningPipeline.defaults().open(model, vocab, from, to);
        EventFeed.feed(home, model, vocab, session.sinks());
        MiningPipeline.Results results = session.detect();
        List<MinedSynergy> synergies = session.synergies(results.patterns());

        assertThat(results.patterns()).isNotEmpty().noneMatch(p -> p.entityIds().contains("sun.sun"));
        assertThat(results.anomalies()).isNotEmpty().noneMatch(a -> a.entityId().equals("sun.sun"));
        assertThat(synergies).isNotEmpty().noneMatch(s -> s.entityIds().contains("sun.sun"));
    }
}
