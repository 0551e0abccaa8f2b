package io.hestia.pattern.eval;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.hestia.ha.home.StateEvent;
import io.hestia.pattern.mining.AnomalyDetector;
import io.hestia.pattern.mining.EventFeed;
import io.hestia.pattern.mining.EventSink;
import io.hestia.pattern.mining.HomeModel;
import io.hestia.pattern.mining.RoutineDetector;
import io.hestia.pattern.mining.StateVocabulary;
import io.hestia.training.synthetic.HomeType;
import io.hestia.training.synthetic.SyntheticHome;
import io.hestia.training.synthetic.SyntheticHomeGenerator;
import io.hestia.training.synthetic.SyntheticSpec;

/**
 * Not part of the normal build: {@code -Dhestia.bench=true}. Prints the evaluation table for seeds 1..3 × three home
 * types and times both detectors on a ~1M-event home (feed + results, after a warm-up).
 */
@EnabledIfSystemProperty(named = "hestia.bench", matches = "true")
class DetectorBenchmarkTest {

    static final Instant END = Instant.parse("2026-04-20T00:00:00Z");
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void evaluationTable() {
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
        results.forEach(r -> System.out.println(r.seed() + " " + r.type() + " anomalies " + r.anomalyKinds()
                + " unexplained " + r.unexplained().size() + "\n  unexplained routines " + r.unexplained()
                + "\n  missed routines " + r.missed()));
    }

    @Test
    void timing() {
        SyntheticSpec spec = new SyntheticSpec(7, HomeType.SINGLE_FAMILY, 100, 35, END, BERLIN);
        SyntheticHome sh = SyntheticHomeGenerator.generate(spec);
        List<StateEvent> events = new ArrayList<>(sh.home().events());
        events.sort(Comparator.comparingLong(StateEvent::lastUpdated));
        long end = END.toEpochMilli();
        long start = end - 35 * 86_400_000L;
        System.out.println("events " + events.size());
        for (int round = 0; round < 8; round++) {
            HomeModel model = EventFeed.model(sh.home());
            StateVocabulary vocab = new StateVocabulary();
            long t0 = System.nanoTime();
            feed(model, vocab, List.of(), events);
            long t1 = System.nanoTime();
            model = EventFeed.model(sh.home());
            vocab = new StateVocabulary();
            RoutineDetector rd = new RoutineDetector(model, vocab, RoutineDetector.Params.defaults(), start, end);
            AnomalyDetector ad = new AnomalyDetector(model, vocab, AnomalyDetector.Params.defaults(), start, end);
            long t2 = System.nanoTime();
            feed(model, vocab, List.of(rd, ad), events);
            long t3 = System.nanoTime();
            int patterns = rd.results().size();
            long t4 = System.nanoTime();
            int anomalies = ad.results().size();
            long t5 = System.nanoTime();
            System.out.printf("round %d: feed alone %d ms; feed with both detectors %d ms; routine results %d ms"
                            + " (%d); anomaly results %d ms (%d); detectors' share %d ms%n", round,
                    (t1 - t0) / 1_000_000,
                    (t3 - t2) / 1_000_000, (t4 - t3) / 1_000_000, patterns, (t5 - t4) / 1_000_000, anomalies,
                    ((t3 - t2) - (t1 - t0) + (t5 - t3)) / 1_000_000);
        }
    }

    private static void feed(HomeModel model, StateVocabulary vocab, List<? extends EventSink> sinks,
                             List<StateEvent> events) {
        EventFeed feed = new EventFeed(model, vocab, sinks);
        for (StateEvent e : events) {
            feed.accept(e.entityId(), e.state(), e.oldState(), e.lastUpdated());
        }
    }
}
