package io.hestia.pattern;

import io.hestia.pattern.mining.MinedPattern;
import io.hestia.pattern.mining.StableIds;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps a time-of-day routine's id across runs. The detector's id ranks a routine among those of its entity,
 * state and days, which moves when another routine of the same entity appears or disappears (the evening light
 * would inherit the morning light's id, feedback and trend). Here a mined routine takes the id of the stored
 * routine with the same entity, state and day mask whose typical time is nearest on the 1,440-minute circle (within
 * {@code toleranceMinutes}), each stored id used once; otherwise an id from its own key and minute that no stored
 * routine holds.
 */
public final class RoutineIds {

    /** A stored routine: its id, key (entity, state, day mask) and typical minute. */
    public record Stored(String id, String key, int minute) {
    }

    private RoutineIds() {
    }

    public static String key(MinedPattern p) {
        return p.entityIds().get(0) + "|" + p.state() + "|" + p.details().get("day_mask") + "|"
                + p.details().get("days");
    }

    static int minute(MinedPattern p) {
        Object m = p.details().get("typical_minute");
        return m instanceof Number n ? n.intValue() : -1;
    }

    static int distance(int a, int b) {
        int d = Math.floorMod(a - b, 1440);
        return Math.min(d, 1440 - d);
    }

    /** The routines with their lasting ids; other patterns are returned unchanged. */
    public static List<MinedPattern> assign(List<MinedPattern> mined, List<Stored> stored, int toleranceMinutes) {
        Map<String, List<Stored>> byKey = new HashMap<>();
        Set<String> storedIds = new HashSet<>();
        for (Stored s : stored) {
            byKey.computeIfAbsent(s.key(), k -> new ArrayList<>()).add(s);
            storedIds.add(s.id());
        }
        // closest pairs first, so two routines of one key never both reach for the same stored one
        record Candidate(int routine, Stored stored, int distance) {
        }
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < mined.size(); i++) {
            MinedPattern p = mined.get(i);
            if (!MinedPattern.TIME_OF_DAY.equals(p.type()) || minute(p) < 0) {
                continue;
            }
            for (Stored s : byKey.getOrDefault(key(p), List.of())) {
                int d = distance(minute(p), s.minute());
                if (d <= toleranceMinutes) {
                    candidates.add(new Candidate(i, s, d));
                }
            }
        }
        candidates.sort(Comparator.comparingInt(Candidate::distance).thenComparing(c -> c.stored().id()));
        String[] ids = new String[mined.size()];
        Set<String> claimed = new HashSet<>();
        for (Candidate c : candidates) {
            if (ids[c.routine()] == null && claimed.add(c.stored().id())) {
                ids[c.routine()] = c.stored().id();
            }
        }
        List<MinedPattern> out = new ArrayList<>(mined.size());
        for (int i = 0; i < mined.size(); i++) {
            MinedPattern p = mined.get(i);
            String id = ids[i];
            if (id == null && MinedPattern.TIME_OF_DAY.equals(p.type())) {
                id = p.id();
                if (storedIds.contains(id) || claimed.contains(id)) { // held by another routine: its own minute
                    id = StableIds.of("tod", key(p), String.valueOf(minute(p)));
                }
                claimed.add(id);
            }
            out.add(id == null || id.equals(p.id()) ? p : new MinedPattern(id, p.type(), p.entityIds(), p.state(),
                    p.confidence(), p.support(), p.firstSeenMs(), p.lastSeenMs(), p.details(), p.samples(),
                    p.explanation()));
        }
        return out;
    }
}
