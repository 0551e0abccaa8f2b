package io.hestia.pattern.mining;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Hand-made event logs for detector tests: rows in local time, fed in time order. */
final class EventLog {

    record Row(String entityId, String state, long timeMs) {
    }

    final ZoneId zone;
    final List<Row> rows = new ArrayList<>();

    EventLog(ZoneId zone) {
        this.zone = zone;
    }

    EventLog at(String entityId, String state, LocalDateTime local) {
        rows.add(new Row(entityId, state, local.atZone(zone).toInstant().toEpochMilli()));
        return this;
    }

    EventLog at(String entityId, String state, LocalDate day, int minuteOfDay) {
        return at(entityId, state, day.atStartOfDay().plusMinutes(minuteOfDay));
    }

    EventLog atMs(String entityId, String state, long timeMs) {
        rows.add(new Row(entityId, state, timeMs));
        return this;
    }

    long ms(LocalDate day) {
        return day.atStartOfDay(zone).toInstant().toEpochMilli();
    }

    HomeModel model() {
        List<EntityInfo> infos = new ArrayList<>();
        for (Row r : rows) {
            if (infos.stream().noneMatch(i -> i.entityId().equals(r.entityId()))) {
                String domain = r.entityId().substring(0, r.entityId().indexOf('.'));
                infos.add(new EntityInfo(infos.size(), r.entityId(), domain, null, null, null));
            }
        }
        return HomeModel.of(zone, infos);
    }

    /** Feeds the rows (sorted by time) to the sinks. */
    void feed(HomeModel model, StateVocabulary vocab, List<? extends EventSink> sinks) {
        List<Row> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparingLong(Row::timeMs));
        EventFeed feed = new EventFeed(model, vocab, sinks);
        for (Row r : sorted) {
            feed.accept(r.entityId(), r.state(), null, r.timeMs());
        }
    }

    List<MinedPattern> routines(long startMs, long endMs) {
        return routines(startMs, endMs, RoutineDetector.Params.defaults());
    }

    List<MinedPattern> routines(long startMs, long endMs, RoutineDetector.Params params) {
        HomeModel model = model();
        StateVocabulary vocab = new StateVocabulary();
        RoutineDetector d = new RoutineDetector(model, vocab, params, startMs, endMs);
        feed(model, vocab, List.of(d));
        return d.results();
    }

    List<MinedAnomaly> anomalies(long startMs, long endMs) {
        HomeModel model = model();
        StateVocabulary vocab = new StateVocabulary();
        AnomalyDetector d = new AnomalyDetector(model, vocab, AnomalyDetector.Params.defaults(), startMs, endMs);
        feed(model, vocab, List.of(d));
        return d.results();
    }
}
