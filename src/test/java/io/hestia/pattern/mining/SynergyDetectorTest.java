package io.hestia.pattern.mining;

import static org.assertj.core.api.Assertions.assertThat;

import io.hestia.training.synthetic.HomeType;
import io.hestia.training.synthetic.SyntheticHome;
import io.hestia.training.synthetic.SyntheticHomeGenerator;
import io.hestia.training.synthetic.SyntheticSpec;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SynergyDetectorTest {

    private static final String A = "binary_sensor.living_motion";
    private static final String B = "light.living_ceiling";
    private static final String C = "media_player.living_tv";
    private static final String D = "light.living_lamp";
    private static final SynergyDetector.Params P = SynergyDetector.Params.defaults();

    private static HomeModel threeDevices(Set<String> automated) {
        return MiningFixtures.home(automated, A + "|motion|living|Living room motion",
                B + "||living|the living room ceiling light", C + "|tv|living|the TV");
    }

    private static MinedPattern observed(String a, String b, String states, double confidence, double lift) {
        return new MinedPattern(StableIds.of("pat", "co_occurrence", a, b, states), MinedPattern.CO_OCCURRENCE,
                List.of(a, b), states, confidence, 41, 1L, 2L, Map.of("lift", lift, "median_lag_seconds", 3.0),
                List.of(1L, 2L), "observed");
    }

    private static List<MinedSynergy> chains(List<MinedSynergy> all, int depth) {
        return all.stream().filter(s -> s.type().equals(MinedSynergy.CHAIN) && s.depth() == depth).toList();
    }

    private static List<MinedSynergy> pairs(List<MinedSynergy> all) {
        return all.stream().filter(s -> s.type().equals(MinedSynergy.PAIR)).toList();
    }

    @Test
    void threeDeviceFixtureGivesExactlyTheChainJoinedOnTheTrigger() {
        List<MinedSynergy> all = SynergyDetector.detect(threeDevices(Set.of()), List.of(), P);
        assertThat(pairs(all)).extracting(MinedSynergy::entityIds)
                .containsExactlyInAnyOrder(List.of(A, B), List.of(B, C), List.of(C, B));
        List<MinedSynergy> three = chains(all, 3);
        assertThat(three).extracting(MinedSynergy::entityIds).containsExactly(List.of(A, B, C));
        MinedSynergy chain = three.get(0);
        assertThat(chain.rule()).isEqualTo("motion->light, light->media_player");
        assertThat(chain.confidence()).isCloseTo(0.6 * 0.6, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(chain.area()).isEqualTo("living");
        assertThat(chain.id()).isEqualTo(StableIds.of("syn", "device_chain", A, B, C));
        assertThat(chains(all, 4)).isEmpty();
    }

    @Test
    void depthFourChainsHaveNoEntityTwice() {
        HomeModel home = MiningFixtures.home(A + "|motion|living|Living motion", B + "||living|Ceiling",
                C + "|tv|living|TV", D + "||living|Lamp");
        List<MinedSynergy> all = SynergyDetector.detect(home, List.of(), P);
        List<List<String>> four = chains(all, 4).stream().map(MinedSynergy::entityIds).toList();
        assertThat(four).contains(List.of(A, B, C, D), List.of(A, D, C, B));
        Set<String> kept = new HashSet<>();
        pairs(all).forEach(p -> kept.add(HomeModel.pairKey(p.entityIds().get(0), p.entityIds().get(1))));
        for (MinedSynergy s : all) {
            assertThat(Set.copyOf(s.entityIds())).hasSize(s.entityIds().size());
            assertThat(s.depth()).isEqualTo(s.entityIds().size());
            for (int i = 1; i < s.entityIds().size(); i++) {
                assertThat(kept).contains(HomeModel.pairKey(s.entityIds().get(i - 1), s.entityIds().get(i)));
            }
        }
        MinedSynergy abcd = chains(all, 4).stream().filter(s -> s.entityIds().equals(List.of(A, B, C, D)))
                .findFirst().orElseThrow();
        assertThat(abcd.confidence()).isCloseTo(0.6 * 0.6 * 0.6, org.assertj.core.data.Offset.offset(1e-9));
        // impact: mean of 0.7, 0.5, 0.5 times (1 - 0.1 * 2)
        assertThat(abcd.impact()).isCloseTo((0.7 + 0.5 + 0.5) / 3 * 0.8, org.assertj.core.data.Offset.offset(1e-4));
    }

    @Test
    void alreadyAutomatedPairLeftOutAndItsChainToo() {
        List<MinedSynergy> all = SynergyDetector.detect(threeDevices(Set.of(HomeModel.pairKey(A, B))), List.of(), P);
        assertThat(all).noneMatch(s -> s.entityIds().equals(List.of(A, B)));
        assertThat(chains(all, 3)).isEmpty();
    }

    @Test
    void observedCoOccurrenceRaisesConfidenceAndIsCited() {
        MinedPattern seen = observed(A, B, "on->on", 0.9, 10.0);
        MinedPattern reverse = observed(B, A, "on->off", 1.0, 50.0);      // the other direction backs nothing
        List<MinedSynergy> all = SynergyDetector.detect(threeDevices(Set.of()), List.of(seen, reverse), P);
        MinedSynergy ab = pairs(all).stream().filter(s -> s.entityIds().equals(List.of(A, B))).findFirst()
                .orElseThrow();
        double evidence = 0.9 * (1 - 1 / 10.0);
        assertThat(ab.confidence()).isCloseTo(1 - 0.4 * (1 - evidence), org.assertj.core.data.Offset.offset(1e-4));
        assertThat(ab.impact()).isCloseTo(0.7 * (1 + 0.2 * evidence), org.assertj.core.data.Offset.offset(1e-4));
        assertThat(ab.supportingPatternIds()).containsExactly(seen.id());
        assertThat(ab.samples()).isEqualTo(seen.samples());
        assertThat(ab.explanation()).contains("motion->light").contains("41 times");
        // seen only 5 times: half the evidence weight
        MinedPattern rare = new MinedPattern(seen.id(), seen.type(), seen.entityIds(), seen.state(), 0.9, 5, 1L, 2L,
                seen.details(), seen.samples(), "rare");
        MinedSynergy abRare = pairs(SynergyDetector.detect(threeDevices(Set.of()), List.of(rare), P)).stream()
                .filter(s -> s.entityIds().equals(List.of(A, B))).findFirst().orElseThrow();
        assertThat(abRare.confidence()).isCloseTo(1 - 0.4 * (1 - evidence / 2),
                org.assertj.core.data.Offset.offset(1e-4));
        MinedSynergy bc = pairs(all).stream().filter(s -> s.entityIds().equals(List.of(B, C))).findFirst()
                .orElseThrow();
        assertThat(bc.confidence()).isEqualTo(0.6);
        assertThat(bc.supportingPatternIds()).isEmpty();
        MinedSynergy chain = chains(all, 3).get(0);
        assertThat(chain.supportingPatternIds()).containsExactly(seen.id());
        assertThat(chain.confidence()).isCloseTo(ab.confidence() * 0.6, org.assertj.core.data.Offset.offset(1e-3));
    }

    @Test
    void crossAreaOnlyByFlagAndWholeHomeActorsNeedEvidence() {
        HomeModel home = MiningFixtures.home("binary_sensor.hall_motion|motion|hall|Hall motion",
                "light.kitchen||kitchen|Kitchen light", "person.anna|||Anna", "light.hall||hall|Hall light");
        MinedPattern crossSeen = observed("binary_sensor.hall_motion", "light.kitchen", "on->on", 0.9, 20.0);
        List<MinedSynergy> off = SynergyDetector.detect(home, List.of(crossSeen), P);
        assertThat(off).noneMatch(s -> s.entityIds().contains("light.kitchen")
                && s.entityIds().contains("binary_sensor.hall_motion"));
        List<MinedSynergy> on = SynergyDetector.detect(home, List.of(crossSeen), P.withAllowCrossArea(true));
        assertThat(pairs(on)).anyMatch(s -> s.entityIds().equals(List.of("binary_sensor.hall_motion",
                "light.kitchen")) && s.area() == null && "cross_area".equals(s.details().get("placement")));
        // person without area: prior 0.4 alone is below 0.5, observed arrivals lift it over
        assertThat(pairs(off)).noneMatch(s -> s.entityIds().get(0).equals("person.anna"));
        List<MinedSynergy> seen = SynergyDetector.detect(home,
                List.of(observed("person.anna", "light.hall", "home->on", 0.8, 100.0)), P);
        assertThat(pairs(seen)).extracting(MinedSynergy::entityIds).contains(List.of("person.anna", "light.hall"))
                .doesNotContain(List.of("person.anna", "light.kitchen"));
    }

    @Test
    void stableAndDeterministicOnASyntheticHome() {
        SyntheticSpec spec = new SyntheticSpec(5, HomeType.SINGLE_FAMILY, 40, 14,
                Instant.parse("2026-01-05T00:00:00Z"), ZoneId.of("Europe/Berlin"));
        SyntheticHome sh = SyntheticHomeGenerator.generate(spec);
        List<MinedSynergy> first = run(sh, spec);
        List<MinedSynergy> second = run(sh, spec);
        assertThat(first).isEqualTo(second);
        assertThat(first).extracting(MinedSynergy::id).doesNotHaveDuplicates();
        assertThat(chains(first, 3)).isNotEmpty();
        for (MinedSynergy s : first) {
            assertThat(Set.copyOf(s.entityIds())).hasSize(s.depth());
            assertThat(s.impact()).isBetween(0.0, 1.0);
            assertThat(s.confidence()).isBetween(0.0, 1.0);
        }
        // the planted motion -> light automations come out backed by observation
        assertThat(pairs(first)).anyMatch(s -> s.rule().equals("motion->light") && !s.supportingPatternIds().isEmpty()
                && s.confidence() > 0.6);
    }

    private static List<MinedSynergy> run(SyntheticHome sh, SyntheticSpec spec) {
        HomeModel home = EventFeed.model(sh.home());
        StateVocabulary states = new StateVocabulary();
        long end = spec.end().toEpochMilli();
        CoOccurrenceDetector d = new CoOccurrenceDetector(home, states, CoOccurrenceDetector.Params.defaults(),
                end - spec.days() * 86_400_000L, end);
        EventFeed.feed(sh.home(), home, states, List.of(d));
        return SynergyDetector.detect(home, d.results(), P);
    }
}
