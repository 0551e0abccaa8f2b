package io.hestia.ha.sim;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The recorder: per entity, compact time-sorted arrays ({@code long[]} times, {@code int[]} indexes into interned
 * state strings and attribute JSON). Writes happen on the simulator's event loop only and are append-only, so a
 * {@link Snapshot} taken on the event loop can be read on a worker thread while recording goes on.
 */
final class HistoryStore {

    /** Domains whose attribute-only changes count as significant (recorder's SIGNIFICANT_DOMAINS). */
    static final Set<String> SIGNIFICANT_DOMAINS =
            Set.of("climate", "device_tracker", "humidifier", "thermostat", "water_heater");
    /** Domains that keep full states under minimal_response (recorder's NEED_ATTRIBUTE_DOMAINS). */
    static final Set<String> NEED_ATTRIBUTE_DOMAINS =
            Set.of("climate", "humidifier", "input_datetime", "thermostat", "water_heater");

    private final Map<String, EntityHistory> byEntity = new HashMap<>();
    private String[] strings = new String[256];
    private int stringCount;
    private final Map<String, Integer> stringIndex = new HashMap<>();
    private String[] attrJson = new String[256];
    private int attrCount;
    private final Map<Map<String, Object>, Integer> attrIndex = new HashMap<>();
    private final IdentityHashMap<Map<String, Object>, Integer> attrIdentity = new IdentityHashMap<>();
    private long records;

    static final class EntityHistory {
        final String entityId;
        final boolean significantDomain;
        final boolean needAttributes;
        long[] changed = new long[16];
        long[] updated = new long[16];
        int[] state = new int[16];
        int[] attr = new int[16];
        int size;

        EntityHistory(String entityId) {
            this.entityId = entityId;
            String domain = entityId.substring(0, Math.max(0, entityId.indexOf('.')));
            this.significantDomain = SIGNIFICANT_DOMAINS.contains(domain);
            this.needAttributes = NEED_ATTRIBUTE_DOMAINS.contains(domain);
        }

        void ensure(int extra) {
            int need = size + extra;
            if (need > updated.length) {
                int cap = Math.max(need, updated.length * 2);
                // new arrays: readers holding the old ones keep a valid prefix
                changed = Arrays.copyOf(changed, cap);
                updated = Arrays.copyOf(updated, cap);
                state = Arrays.copyOf(state, cap);
                attr = Arrays.copyOf(attr, cap);
            }
        }
    }

    /** Immutable view of one entity's arrays up to {@code size}. */
    record View(String entityId, boolean significantDomain, boolean needAttributes, long[] changed, long[] updated,
                int[] state, int[] attr, int size) {
    }

    record Snapshot(List<View> views, String[] strings, String[] attrJson) {
    }

    record Query(long start, long end, boolean includeStartState, boolean minimalResponse, boolean noAttributes,
                 boolean significantChangesOnly) {
    }

    int intern(String s) {
        Integer i = stringIndex.get(s);
        if (i != null) {
            return i;
        }
        if (stringCount == strings.length) {
            strings = Arrays.copyOf(strings, stringCount * 2);
        }
        strings[stringCount] = s;
        stringIndex.put(s, stringCount);
        return stringCount++;
    }

    int internAttributes(Map<String, Object> attributes) {
        Integer i = attrIdentity.get(attributes);
        if (i != null) {
            return i;
        }
        i = attrIndex.get(attributes);
        if (i == null) {
            if (attrCount == attrJson.length) {
                attrJson = Arrays.copyOf(attrJson, attrCount * 2);
            }
            attrJson[attrCount] = SimJson.write(attributes);
            i = attrCount++;
            attrIndex.put(Collections.unmodifiableMap(new LinkedHashMap<>(attributes)), i);
        }
        if (attrIdentity.size() < 100_000) {
            attrIdentity.put(attributes, i);
        }
        return i;
    }

    /** Appends a record; a time earlier than the entity's last record is moved up to it to keep the arrays sorted. */
    void record(String entityId, String state, Map<String, Object> attributes, long lastChanged, long lastUpdated) {
        EntityHistory h = byEntity.computeIfAbsent(entityId, EntityHistory::new);
        long updated = h.size > 0 ? Math.max(lastUpdated, h.updated[h.size - 1]) : lastUpdated;
        long changed = Math.min(lastChanged, updated);
        h.ensure(1);
        h.changed[h.size] = changed;
        h.updated[h.size] = updated;
        h.state[h.size] = intern(state);
        h.attr[h.size] = internAttributes(attributes);
        h.size++;
        records++;
    }

    long records() {
        return records;
    }

    boolean hasEntity(String entityId) {
        return byEntity.containsKey(entityId);
    }

    /** Must be called on the thread that records. */
    Snapshot snapshot(List<String> entityIds) {
        List<View> views = new ArrayList<>();
        for (String id : entityIds) {
            EntityHistory h = byEntity.get(id);
            if (h != null && h.size > 0) {
                views.add(new View(h.entityId, h.significantDomain, h.needAttributes, h.changed, h.updated, h.state,
                        h.attr, h.size));
            }
        }
        return new Snapshot(views, strings, attrJson);
    }

    /** First index whose time is greater than {@code t}. */
    static int upperBound(long[] a, int n, long t) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** First index whose time is greater than or equal to {@code t}. */
    static int lowerBound(long[] a, int n, long t) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static final SerializedString F_ENTITY_ID = new SerializedString("entity_id");
    private static final SerializedString F_STATE = new SerializedString("state");
    private static final SerializedString F_ATTRIBUTES = new SerializedString("attributes");
    private static final SerializedString F_LAST_CHANGED = new SerializedString("last_changed");
    private static final SerializedString F_LAST_UPDATED = new SerializedString("last_updated");
    private static final SerializedString EMPTY_OBJECT = new SerializedString("{}");

    /** Per-query writer state: UTF-8 encodings cached per interned string / attribute set. */
    private static final class Out {
        final JsonGenerator g;
        final Snapshot snap;
        final Query q;
        final SerializedString[] states;
        final SerializedString[] attrs;
        final char[] chars = new char[32];
        final byte[] bytes = new byte[32];

        Out(JsonGenerator g, Snapshot snap, Query q) {
            this.g = g;
            this.snap = snap;
            this.q = q;
            this.states = new SerializedString[snap.strings().length];
            this.attrs = new SerializedString[snap.attrJson().length];
        }

        SerializedString state(int i) {
            SerializedString s = states[i];
            if (s == null) {
                s = new SerializedString(snap.strings()[i]);
                states[i] = s;
            }
            return s;
        }

        SerializedString attributes(int i) {
            if (q.noAttributes()) {
                return EMPTY_OBJECT;
            }
            SerializedString s = attrs[i];
            if (s == null) {
                s = new SerializedString(snap.attrJson()[i]);
                attrs[i] = s;
            }
            return s;
        }

        void time(long millis) throws IOException {
            int n = IsoTime.format(millis, chars);
            for (int i = 0; i < n; i++) {
                bytes[i] = (byte) chars[i];
            }
            g.writeRawUTF8String(bytes, 0, n);
        }
    }

    /**
     * Streams HA's {@code /api/history/period} answer: an array with one inner array per entity that has rows, in
     * the requested order. Returns the number of state items written.
     */
    static long write(Snapshot snap, Query q, JsonGenerator g) throws IOException {
        Out out = new Out(g, snap, q);
        long items = 0;
        int[] rows = new int[64];
        g.writeStartArray();
        for (View v : snap.views()) {
            int n = v.size();
            int lo = upperBound(v.updated(), n, q.start());
            int hi = Math.max(lo, lowerBound(v.updated(), n, q.end()));
            int need = hi - lo + 1;
            if (rows.length < need) {
                rows = new int[Math.max(need, rows.length * 2)];
            }
            int cnt = 0;
            int initial = -1;
            if (q.includeStartState() && lo > 0) {
                initial = lo - 1;
                rows[cnt++] = initial;
            }
            boolean filter = q.significantChangesOnly() && !v.significantDomain();
            long[] changed = v.changed();
            long[] updated = v.updated();
            for (int i = lo; i < hi; i++) {
                if (filter && changed[i] != updated[i]) {
                    continue;
                }
                rows[cnt++] = i;
            }
            if (cnt == 0) {
                continue;
            }
            SerializedString entityId = new SerializedString(v.entityId());
            g.writeStartArray();
            if (!q.minimalResponse() || v.needAttributes()) {
                for (int k = 0; k < cnt; k++) {
                    writeFull(out, v, entityId, rows[k], rows[k] == initial);
                }
                items += cnt;
            } else {
                // first full; then only real state changes as {state, last_changed}; the last change full again
                int[] st = v.state();
                int kept = 1;
                int prev = st[rows[0]];
                for (int k = 1; k < cnt; k++) {
                    int s = st[rows[k]];
                    if (s != prev) {
                        rows[kept++] = rows[k];
                        prev = s;
                    }
                }
                writeFull(out, v, entityId, rows[0], rows[0] == initial);
                for (int k = 1; k < kept; k++) {
                    int r = rows[k];
                    if (k == kept - 1) {
                        writeFull(out, v, entityId, r, false);
                    } else {
                        g.writeStartObject();
                        g.writeFieldName(F_STATE);
                        g.writeString(out.state(st[r]));
                        g.writeFieldName(F_LAST_CHANGED);
                        out.time(updated[r]);
                        g.writeEndObject();
                    }
                }
                items += kept;
            }
            g.writeEndArray();
        }
        g.writeEndArray();
        return items;
    }

    private static void writeFull(Out out, View v, SerializedString entityId, int r, boolean initial)
            throws IOException {
        long changed = v.changed()[r];
        long updated = v.updated()[r];
        if (initial) {
            changed = Math.max(changed, out.q.start());
            updated = Math.max(updated, out.q.start());
        }
        JsonGenerator g = out.g;
        g.writeStartObject();
        g.writeFieldName(F_ENTITY_ID);
        g.writeString(entityId);
        g.writeFieldName(F_STATE);
        g.writeString(out.state(v.state()[r]));
        g.writeFieldName(F_ATTRIBUTES);
        g.writeRawValue(out.attributes(v.attr()[r]));
        g.writeFieldName(F_LAST_CHANGED);
        out.time(changed);
        g.writeFieldName(F_LAST_UPDATED);
        out.time(updated);
        g.writeEndObject();
    }
}
