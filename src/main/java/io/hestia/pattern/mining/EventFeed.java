package io.hestia.pattern.mining;

import io.hestia.ha.home.Home;
import io.hestia.ha.home.StateEvent;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns (entity id, state, old state, time) rows into {@link EventSink} calls: interns ids and states and fills
 * the previous state from the entity's last event when the row has none. Feed it in time order. The analysis
 * streams the store through it; tests and the evaluation feed synthetic homes or logs through it.
 */
public final class EventFeed {

    private final HomeModel home;
    private final StateVocabulary states;
    private final EventSink[] sinks;
    private int[] last = new int[64];
    private String[] lastRaw = new String[64];
    /** Per entity, the times of its last {@link #RECENT} state changes (a ring), for evidence without a pattern. */
    private long[][] recent = new long[64][];
    private int[] recentCount = new int[64];
    public static final int RECENT = 10;

    public EventFeed(HomeModel home, StateVocabulary states, List<? extends EventSink> sinks) {
        this.home = home;
        this.states = states;
        this.sinks = sinks.toArray(new EventSink[0]);
        Arrays.fill(last, StateVocabulary.NONE);
    }

    /** Feeds one row; {@code oldState} may be null. */
    public void accept(String entityId, String state, String oldState, long timeMs) {
        int e = home.indexOf(entityId);
        if (e >= last.length) {
            int n = last.length;
            last = Arrays.copyOf(last, Math.max(e + 1, n * 2));
            Arrays.fill(last, n, last.length, StateVocabulary.NONE);
            lastRaw = Arrays.copyOf(lastRaw, last.length);
            recent = Arrays.copyOf(recent, last.length);
            recentCount = Arrays.copyOf(recentCount, last.length);
        }
        int prev;
        if (oldState == null) {
            prev = last[e];
        } else if (StateVocabulary.isNumber(oldState)) {
            prev = oldState.equals(lastRaw[e]) && last[e] != StateVocabulary.NONE ? last[e]
                    : states.reading(false, last[e]);
        } else {
            prev = states.id(oldState);
        }
        int s = StateVocabulary.isNumber(state) ? states.reading(oldState != null ? state.equals(oldState)
                : state.equals(lastRaw[e]), prev) : states.id(state);
        if (s != prev && !states.missing(s)) {
            if (recent[e] == null) {
                recent[e] = new long[RECENT];
            }
            recent[e][recentCount[e]++ % RECENT] = timeMs;
        }
        last[e] = s;
        lastRaw[e] = state;
        for (EventSink sink : sinks) {
            sink.accept(e, s, prev, timeMs);
        }
    }

    /** The times of the entity's last (up to {@link #RECENT}) state changes fed, oldest first. */
    public List<Long> recentChanges(String entityId) {
        int e = home.find(entityId);
        if (e < 0 || e >= recent.length || recent[e] == null) {
            return List.of();
        }
        int n = Math.min(recentCount[e], RECENT);
        List<Long> out = new ArrayList<>(n);
        for (int i = recentCount[e] - n; i < recentCount[e]; i++) {
            out.add(recent[e][i % RECENT]);
        }
        return out;
    }

    /** The miners' view of a home file's registries (entity area falls back to the device's area). */
    public static HomeModel model(Home home) {
        Map<String, String> deviceArea = new HashMap<>();
        for (Home.Device d : home.devices()) {
            deviceArea.put(d.id(), d.areaId());
        }
        List<EntityInfo> infos = new ArrayList<>();
        for (Home.Entity e : home.entities()) {
            String area = e.areaId() != null ? e.areaId() : e.deviceId() == null ? null : deviceArea.get(e.deviceId());
            infos.add(new EntityInfo(infos.size(), e.entityId(), e.entityId().substring(0, e.entityId().indexOf('.')),
                    e.deviceClass(), area, e.name()));
        }
        return HomeModel.of(ZoneId.of(home.timeZone()), infos);
    }

    /** Feeds a home file's events (sorted by time here if they are not). */
    public static void feed(Home home, HomeModel model, StateVocabulary states, List<? extends EventSink> sinks) {
        List<StateEvent> events = new ArrayList<>(home.events());
        events.sort((a, b) -> Long.compare(a.lastUpdated(), b.lastUpdated()));
        EventFeed feed = new EventFeed(model, states, sinks);
        for (StateEvent e : events) {
            feed.accept(e.entityId(), e.state(), e.oldState(), e.lastUpdated());
        }
    }
}
