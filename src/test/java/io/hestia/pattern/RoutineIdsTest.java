package io.hestia.pattern;

import io.hestia.pattern.mining.MinedPattern;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RoutineIdsTest {

    private static MinedPattern routine(String id, int minute) {
        return new MinedPattern(id, MinedPattern.TIME_OF_DAY, List.of("light.kitchen"), "on", 0.9, 20, 0, 1,
                Map.of("typical_minute", minute, "day_mask", "all", "days",
                        List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun")), List.of(), "x");
    }

    private static RoutineIds.Stored stored(String id, MinedPattern p) {
        return new RoutineIds.Stored(id, RoutineIds.key(p), (Integer) p.details().get("typical_minute"));
    }

    @Test
    void aRoutineKeepsItsIdWhenAnotherRoutineOfTheEntityDisappears() {
        // run 1: morning (ordinal 0 -> "tod-a") and evening (ordinal 1 -> "tod-b")
        List<RoutineIds.Stored> stored = List.of(stored("tod-a", routine("tod-a", 420)),
                stored("tod-b", routine("tod-b", 1110)));
        // run 2: the morning routine is gone; the detector now ranks the evening one first and calls it "tod-a"
        List<MinedPattern> out = RoutineIds.assign(List.of(routine("tod-a", 1114)), stored, 60);
        assertThat(out).singleElement().extracting(MinedPattern::id).isEqualTo("tod-b");
    }

    @Test
    void aNewRoutineNeverTakesAnotherRoutinesId() {
        List<RoutineIds.Stored> stored = List.of(stored("tod-a", routine("tod-a", 420)));
        // a new noon routine that the detector ranks first (id "tod-a") while the morning one moved far away
        List<MinedPattern> out = RoutineIds.assign(List.of(routine("tod-a", 720), routine("tod-b", 430)), stored, 60);
        assertThat(out.get(1).id()).isEqualTo("tod-a"); // the morning routine keeps its id
        assertThat(out.get(0).id()).isNotIn("tod-a", "tod-b").startsWith("tod-");
        // and the same situation again gives the same new id
        assertThat(RoutineIds.assign(List.of(routine("tod-a", 720), routine("tod-b", 430)), stored, 60).get(0).id())
                .isEqualTo(out.get(0).id());
    }

    @Test
    void midnightIsNearOnTheCircle() {
        List<RoutineIds.Stored> stored = List.of(stored("tod-bed", routine("tod-bed", 1435)));
        assertThat(RoutineIds.assign(List.of(routine("tod-x", 10)), stored, 60).get(0).id()).isEqualTo("tod-bed");
    }
}
