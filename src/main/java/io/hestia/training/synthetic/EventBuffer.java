package io.hestia.training.synthetic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import io.hestia.ha.home.StateEvent;

/**
 * Compact, primitive storage for raw generated state changes (about 21 bytes per event), turned into sorted
 * {@link StateEvent}s at the end. Raw events may arrive in any order and may repeat the current state; the final pass
 * sorts them by time, drops non-changes, fills {@code old_state} and the context fields.
 */
final class EventBuffer {

    /** context: the device itself (physical switch, sensor report) */
    static final int DEVICE = -1;
    /** context: a time-triggered automation (parent is the automation's own trigger context, not an event) */
    static final int SCHEDULE = -2;
    /** context: an automation whose triggering event lies outside the window */
    static final int AUTOMATION_UNKNOWN_PARENT = -3;
    private static final int USER_BASE = -10;

    static final String ORIGIN = "LOCAL";

    private static final int INDEX_BITS = 26;

    final long windowStart;
    final long windowEnd;

    private long[] times = new long[1 << 16];
    private int[] entities = new int[1 << 16];
    private int[] states = new int[1 << 16];
    private int[] contexts = new int[1 << 16];
    private int size;

    private final Map<Integer, Map<String, Object>> attributes = new HashMap<>();
    private final List<String> stateTable = new ArrayList<>();
    private final Map<String, Integer> stateIndex = new HashMap<>();
    private final Map<Long, Integer> numericIndex = new HashMap<>();
    private long[][] silent = new long[0][];   // per entity: [from0, to0, from1, to1, ...] or null

    EventBuffer(long windowStart, long windowEnd) {
        this.windowStart = windowStart;
        this.windowEnd = windowEnd;
    }

    static int user(int person) {
        return USER_BASE - person;
    }

    static int automation(int parentRaw) {
        return parentRaw >= 0 ? parentRaw : AUTOMATION_UNKNOWN_PARENT;
    }

    int size() {
        return size;
    }

    /** Interns a state string. */
    int state(String s) {
        Integer i = stateIndex.get(s);
        if (i == null) {
            i = stateTable.size();
            stateTable.add(s);
            stateIndex.put(s, i);
        }
        return i;
    }

    /** Interns the decimal text of {@code scaled / 10^decimals}, e.g. (213, 1) -> "21.3". */
    int numeric(long scaled, int decimals) {
        long key = (scaled << 3) | decimals;
        Integer i = numericIndex.get(key);
        if (i == null) {
            i = state(format(scaled, decimals));
            numericIndex.put(key, i);
        }
        return i;
    }

    static String format(long scaled, int decimals) {
        if (decimals == 0) {
            return Long.toString(scaled);
        }
        StringBuilder b = new StringBuilder(12);
        if (scaled < 0) {
            b.append('-');
            scaled = -scaled;
        }
        long pow = 1;
        for (int d = 0; d < decimals; d++) {
            pow *= 10;
        }
        b.append(scaled / pow).append('.');
        String frac = Long.toString(scaled % pow);
        for (int d = frac.length(); d < decimals; d++) {
            b.append('0');
        }
        return b.append(frac).toString();
    }

    String stateText(int stateIdx) {
        return stateTable.get(stateIdx);
    }

    /** Drops every event of {@code entity} in [from, to). */
    void silence(int entity, long from, long to) {
        if (entity >= silent.length) {
            silent = Arrays.copyOf(silent, entity + 16);
        }
        long[] cur = silent[entity];
        long[] next = cur == null ? new long[2] : Arrays.copyOf(cur, cur.length + 2);
        next[next.length - 2] = from;
        next[next.length - 1] = to;
        silent[entity] = next;
    }

    boolean silenced(int entity, long t) {
        if (entity >= silent.length || silent[entity] == null) {
            return false;
        }
        long[] s = silent[entity];
        for (int i = 0; i < s.length; i += 2) {
            if (t >= s[i] && t < s[i + 1]) {
                return true;
            }
        }
        return false;
    }

    /** Adds a raw event; returns its raw index, or -1 if it falls outside the window (or in a silenced period). */
    int add(long time, int entity, int stateIdx, int context) {
        if (time < windowStart || time >= windowEnd || silenced(entity, time)) {
            return -1;
        }
        if (size == times.length) {
            int n = size * 2;
            times = Arrays.copyOf(times, n);
            entities = Arrays.copyOf(entities, n);
            states = Arrays.copyOf(states, n);
            contexts = Arrays.copyOf(contexts, n);
        }
        if (size >= (1 << INDEX_BITS)) {
            throw new IllegalStateException("more than " + (1 << INDEX_BITS) + " events");
        }
        times[size] = time;
        entities[size] = entity;
        states[size] = stateIdx;
        contexts[size] = context;
        return size++;
    }

    int add(long time, int entity, String state, int context) {
        return add(time, entity, state(state), context);
    }

    void attach(int raw, Map<String, Object> attrs) {
        if (raw >= 0) {
            attributes.put(raw, attrs);
        }
    }

    /** Result of {@link #finish}. */
    record Finished(List<StateEvent> events, int[] lastState) {
    }

    /**
     * Sorts, drops non-changes, links contexts.
     *
     * @param entityIds entity ids by index
     * @param userIds   HA user ids by person index
     * @param ids       randomness for context ids
     */
    Finished finish(List<String> entityIds, List<String> userIds, SplittableRandom ids) {
        long span = windowEnd - windowStart;
        if (span >= (1L << (63 - INDEX_BITS))) {
            throw new IllegalStateException("window too long to sort");
        }
        long[] keys = new long[size];
        boolean[] referenced = new boolean[size];
        for (int i = 0; i < size; i++) {
            keys[i] = ((times[i] - windowStart) << INDEX_BITS) | i;
            if (contexts[i] >= 0) {
                referenced[contexts[i]] = true;
            }
        }
        Arrays.sort(keys);
        int entityCount = entityIds.size();
        int[] last = new int[entityCount];
        Arrays.fill(last, -1);
        Map<Integer, String> contextIds = new HashMap<>();
        List<StateEvent> out = new ArrayList<>(size);
        long mask = (1L << INDEX_BITS) - 1;
        for (long key : keys) {
            int i = (int) (key & mask);
            int e = entities[i];
            int s = states[i];
            Map<String, Object> attrs = attributes.get(i);
            if (last[e] == s) {
                continue;   // not a state change
            }
            long t = times[i];
            String old = last[e] < 0 ? null : stateTable.get(last[e]);
            last[e] = s;
            int ctx = contexts[i];
            String contextId = null;
            String userId = null;
            String parentId = null;
            if (ctx <= USER_BASE) {
                userId = userIds.get(USER_BASE - ctx);
            } else if (ctx == SCHEDULE || ctx == AUTOMATION_UNKNOWN_PARENT) {
                contextId = Ulid.of(t, ids);
                parentId = Ulid.of(t, ids);
            } else if (ctx >= 0) {
                contextId = Ulid.of(t, ids);
                parentId = contextIds.get(ctx);
                if (parentId == null) {   // trigger was dropped as a non-change
                    parentId = Ulid.of(t, ids);
                }
            }
            if (referenced[i]) {
                if (contextId == null) {
                    contextId = Ulid.of(t, ids);
                }
                contextIds.put(i, contextId);
            }
            out.add(new StateEvent(entityIds.get(e), stateTable.get(s), attrs, t, t, old, contextId, userId,
                    parentId, ORIGIN));
        }
        return new Finished(out, last);
    }
}
