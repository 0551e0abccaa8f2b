package io.hestia.bench;

import io.hestia.ha.home.StateEvent;
import io.hestia.pattern.mining.CoOccurrenceDetector;
import io.hestia.pattern.mining.EventFeed;
import io.hestia.pattern.mining.HomeModel;
import io.hestia.pattern.mining.MinedPattern;
import io.hestia.pattern.mining.StateVocabulary;
import io.hestia.pattern.mining.SynergyDetector;
import io.hestia.training.synthetic.HomeType;
import io.hestia.training.synthetic.SyntheticHome;
import io.hestia.training.synthetic.SyntheticHomeGenerator;
import io.hestia.training.synthetic.SyntheticSpec;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Co-occurrence pass on a ~1M-event synthetic home (100 devices, 35 days). Run:
 * {@code mvn -B -o -q test -Dtest=CoOccurrenceBenchmark -Dhestia.bench=true -Dsurefire.failIfNoSpecifiedTests=false}.
 * The events are interned first, so the figure is the detector's own pass (plus results), not generation or parsing.
 */
@EnabledIfSystemProperty(named = "hestia.bench", matches = "true")
class CoOccurrenceBenchmark {

    @Test
    void onMillionEvents() {
        SyntheticSpec spec = new SyntheticSpec(42, HomeType.SINGLE_FAMILY, 100, 35,
                Instant.parse("2026-01-05T00:00:00Z"), ZoneId.of("Europe/Berlin"));
        SyntheticHome sh = SyntheticHomeGenerator.generate(spec);
        HomeModel home = EventFeed.model(sh.home());
        StateVocabulary states = new StateVocabulary();
        List<StateEvent> events = new ArrayList<>(sh.home().events());
        events.sort((a, b) -> Long.compare(a.lastUpdated(), b.lastUpdated()));
        int n = events.size();
        int[] ent = new int[n];
        int[] st = new int[n];
        int[] prev = new int[n];
        long[] time = new long[n];
        int[] last = new int[home.size() + 1024];
        java.util.Arrays.fill(last, StateVocabulary.NONE);
        for (int i = 0; i < n; i++) {
            StateEvent e = events.get(i);
            ent[i] = home.indexOf(e.entityId());
            st[i] = states.id(e.state());
            prev[i] = e.oldState() != null ? states.id(e.oldState()) : last[ent[i]];
            last[ent[i]] = st[i];
            time[i] = e.lastUpdated();
        }
        long end = spec.end().toEpochMilli();
        long start = end - spec.days() * 86_400_000L;
        System.out.printf(Locale.ROOT, "events %d, entities %d, states %d%n", n, home.size(), states.size());
        for (int run = 0; run < 6; run++) {
            long t0 = System.nanoTime();
            CoOccurrenceDetector d = new CoOccurrenceDetector(home, states, CoOccurrenceDetector.Params.defaults(),
                    start, end);
            for (int i = 0; i < n; i++) {
                d.accept(ent[i], st[i], prev[i], time[i]);
            }
            long t1 = System.nanoTime();
            List<MinedPattern> ps = d.results();
            long t2 = System.nanoTime();
            int synergies = SynergyDetector.detect(home, ps, SynergyDetector.Params.defaults()).size();
            long t3 = System.nanoTime();
            System.out.printf(Locale.ROOT, "run %d: pass %d ms, results %d ms, synergy %d ms; events of interest %d,"
                            + " pairs tracked %d, patterns %d, synergies %d%n", run, (t1 - t0) / 1_000_000,
                    (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000, d.eventsOfInterest(), d.pairsTracked(), ps.size(),
                    synergies);
        }
    }

    /** Worst case: 1M events, every one a state change of interest (120 motion sensors and lights, one every 3 s). */
    @Test
    void onMillionEventsOfInterest() {
        List<io.hestia.pattern.mining.EntityInfo> infos = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            infos.add(new io.hestia.pattern.mining.EntityInfo(infos.size(), "binary_sensor.m" + i, "binary_sensor",
                    "motion", "a" + (i % 10), null));
            infos.add(new io.hestia.pattern.mining.EntityInfo(infos.size(), "light.l" + i, "light", null,
                    "a" + (i % 10), null));
        }
        HomeModel home = HomeModel.of(ZoneId.of("UTC"), infos);
        StateVocabulary states = new StateVocabulary();
        int on = states.id("on");
        int off = states.id("off");
        int n = 1_000_000;
        int[] ent = new int[n];
        int[] st = new int[n];
        int[] prev = new int[n];
        long[] time = new long[n];
        int[] cur = new int[infos.size()];
        java.util.Arrays.fill(cur, off);
        java.util.SplittableRandom r = new java.util.SplittableRandom(7);
        long t = 1_767_225_600_000L;
        for (int i = 0; i < n; i++) {
            int e = r.nextInt(infos.size());
            t += 1 + r.nextInt(6000);
            ent[i] = e;
            prev[i] = cur[e];
            st[i] = cur[e] == on ? off : on;
            cur[e] = st[i];
            time[i] = t;
        }
        System.out.printf(Locale.ROOT, "stress: %d events over %.1f days%n", n, (t - 1_767_225_600_000L) / 86.4e6);
        for (int run = 0; run < 5; run++) {
            long t0 = System.nanoTime();
            CoOccurrenceDetector d = new CoOccurrenceDetector(home, states, CoOccurrenceDetector.Params.defaults(),
                    1_767_225_600_000L, t);
            for (int i = 0; i < n; i++) {
                d.accept(ent[i], st[i], prev[i], time[i]);
            }
            long t1 = System.nanoTime();
            List<MinedPattern> ps = d.results();
            long t2 = System.nanoTime();
            System.out.printf(Locale.ROOT, "stress run %d: pass %d ms, results %d ms; pairs tracked %d, patterns %d%n",
                    run, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, d.pairsTracked(), ps.size());
        }
    }
}
