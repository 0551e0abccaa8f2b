package io.hestia.pattern.mining;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Small hand-made homes for the co-occurrence and synergy tests. */
final class MiningFixtures {

    static final long T0 = 1_767_225_600_000L;    // 2026-01-01T00:00Z
    static final long DAY = 86_400_000L;

    private MiningFixtures() {
    }

    /** entity spec: "entity_id|device_class|area|name" (empty parts = null). */
    static HomeModel home(Set<String> automated, String... specs) {
        List<EntityInfo> infos = new ArrayList<>();
        for (String spec : specs) {
            String[] p = spec.split("\\|", -1);
            String id = p[0];
            infos.add(new EntityInfo(infos.size(), id, id.substring(0, id.indexOf('.')), part(p, 1), part(p, 2),
                    part(p, 3)));
        }
        return new HomeModel(ZoneId.of("UTC"), infos, automated);
    }

    static HomeModel home(String... specs) {
        return home(Set.of(), specs);
    }

    private static String part(String[] p, int i) {
        return i < p.length && !p[i].isEmpty() ? p[i] : null;
    }

    /** A time-ordered event log built by hand. */
    static final class Log {
        private final List<Object[]> rows = new ArrayList<>();

        Log add(long timeMs, String entityId, String state) {
            rows.add(new Object[]{timeMs, entityId, state});
            return this;
        }

        CoOccurrenceDetector run(HomeModel home, CoOccurrenceDetector.Params params, long startMs, long endMs) {
            rows.sort((a, b) -> Long.compare((Long) a[0], (Long) b[0]));
            StateVocabulary states = new StateVocabulary();
            CoOccurrenceDetector d = new CoOccurrenceDetector(home, states, params, startMs, endMs);
            EventFeed feed = new EventFeed(home, states, List.of(d));
            for (Object[] r : rows) {
                feed.accept((String) r[1], (String) r[2], null, (Long) r[0]);
            }
            return d;
        }
    }
}
