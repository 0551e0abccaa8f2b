package io.hestia.ha.sim;

import com.fasterxml.jackson.core.JsonGenerator;
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

    /**
     * Streams HA's {@code /api/history/period} answer: an array with one inner array per entity that has rows, in
     * the requested order. Returns the number of state items written.
     */
    static long write(Snapshot snap, Query q, JsonGenerator g) throws IOException {
        char[] tbuf = new char[32];
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
            g.writeStartArray();
            if (!q.minimalResponse() || v.needAttributes()) {
                for (int k = 0; k < cnt; k++) {
                    writeFull(g, v, snap, q, rows[k], rows[k] == initial, tbuf);
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
                writeFull(g, v, snap, q, rows[0], rows[0] == initial, tbuf);
                for (int k = 1; k < kept; k++) {
                    int r = rows[k];
                    if (k == kept - 1) {
                        writeFull(g, v, snap, q, r, false, tbuf);
                    } else {
                        g.writeStartObject();
                        g.writeStringField("state", snap.strings()[st[r]]);
                        g.writeFieldName("last_changed");
                        int len = IsoTime.format(updated[r], tbuf);
                        g.writeString(tbuf, 0, len);
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

    private static void writeFull(JsonGenerator g, View v, Snapshot snap, Query q, int r, boolean initial,
                                  char[] tbuf) throws IOException {
        long changed = v.changed()[r];
        long updated = v.updated()[r];
        if (initial) {
            changed = Math.max(changed, q.start());
            updated = Math.max(updated, q.start());
        }
        g.writeStartObject();
        g.writeStringField("entity_id", v.entityId());
        g.writeStringField("state", snap.strings()[v.state()[r]]);
        g.writeFieldName("attributes");
        g.writeRawValue(q.noAttributes() ? "{}" : snap.attrJson()[v.attr()[r]]);
        g.writeFieldName("last_changed");
        int len = IsoTime.format(changed, tbuf);
        g.writeString(tbuf, 0, len);
        g.writeFieldName("last_updated");
        len = IsoTime.format(updated, tbuf);
        g.writeString(tbuf, 0, len);
        g.writeEndObject();
    }
}
