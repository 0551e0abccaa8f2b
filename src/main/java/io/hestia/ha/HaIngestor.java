package io.hestia.ha;

import io.hestia.platform.DaemonThreads;
import io.hestia.ha.home.EntityIds;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.hestia.ha.home.Home;
import io.hestia.ha.home.StateEvent;
import io.hestia.platform.Json;
import io.hestia.store.EventStore;
import io.hestia.store.IngestStateStore;
import io.hestia.store.RegistryStore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps Hestia's copy of the home current: on every (re)connect it refreshes the registries, subscribes to
 * {@code state_changed}, and backfills from HA's history whatever happened since the cursor (or the initial
 * window on a first start). Live events are written in small batches by one writer thread.
 * <p>
 * The cursor says "everything up to here is stored". It holds HA's event times, moves only after a commit,
 * and does not move at all while the current connection's gap backfill is pending: live events written
 * meanwhile are newer than the gap, and moving past it would make a crash or a failed backfill skip it.
 */
public final class HaIngestor implements HaWebSocketClient.Listener, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(HaIngestor.class.getName());
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };
    public static final String CURSOR = "ha";

    private final EventStore events;
    private final RegistryStore registry;
    private final IngestStateStore state;
    private final HistoryBackfill backfill;
    private final int initialDays;
    private final long overlapMs;
    private final BlockingQueue<StateEvent> queue = new LinkedBlockingQueue<>(200_000);
    private final AtomicLong liveReceived = new AtomicLong();
    private final AtomicLong liveWritten = new AtomicLong();
    private final Thread writer;
    private final AtomicLong newestLive = new AtomicLong();
    private volatile boolean gapPending;
    private volatile boolean running = true;
    private volatile String lastError;

    public HaIngestor(EventStore events, RegistryStore registry, IngestStateStore state, HistoryBackfill backfill,
                      int initialDays, long overlapMs) {
        this.events = events;
        this.registry = registry;
        this.state = state;
        this.backfill = backfill;
        this.initialDays = initialDays;
        this.overlapMs = overlapMs;
        this.writer = DaemonThreads.factory("ha-event-writer").newThread(this::writeLoop);
        this.writer.start();
    }

    @Override
    public void onConnected(HaWebSocketClient client) {
        // read the cursor before subscribing: live events arriving during the backfill move it forward
        OptionalLong cursor = state.cursor(CURSOR);
        gapPending = true;
        Map<String, String> config = readConfig(client);
        List<String> entityIds = syncRegistries(client);
        client.subscribeEvents("state_changed", this::onStateChanged);
        long now = System.currentTimeMillis();
        long from = cursor.isPresent() ? cursor.getAsLong() - overlapMs : now - initialDays * 86_400_000L;
        if (initialDays > 0 || cursor.isPresent()) {
            HistoryBackfill.Result r = backfill.run(entityIds, from, now + 1, null);
            long upTo = Math.max(r.newest(), newestLive.get());
            if (upTo > 0) {
                state.advance(CURSOR, upTo);
            }
            LOG.info(() -> "HA connected (" + config.get("version") + "): " + entityIds.size() + " entities, backfilled "
                    + r.written() + " new of " + r.received() + " events since " + HaTime.format(from));
        }
        gapPending = false;
    }

    private Map<String, String> readConfig(HaWebSocketClient client) {
        JsonNode c = client.call("get_config", Map.of());
        Map<String, String> values = new LinkedHashMap<>();
        values.put("time_zone", c.path("time_zone").asText("UTC"));
        values.put("location_name", c.path("location_name").asText(null));
        values.put("version", c.path("version").asText(null));
        values.put("unit_system", c.path("unit_system").toString());
        state.putConfig(values);
        return values;
    }

    /**
     * Reads HA's registries and states and replaces the stored registry.
     *
     * @return ids of the enabled entities, the ones whose history is kept
     */
    public List<String> syncRegistries(HaWebSocketClient client) {
        JsonNode floorsJson = client.call("config/floor_registry/list", Map.of());
        JsonNode areasJson = client.call("config/area_registry/list", Map.of());
        JsonNode devicesJson = client.call("config/device_registry/list", Map.of());
        JsonNode entitiesJson = client.call("config/entity_registry/list", Map.of());
        JsonNode statesJson = client.call("get_states", Map.of());

        List<Home.Floor> floors = new ArrayList<>();
        floorsJson.forEach(f -> floors.add(new Home.Floor(f.path("floor_id").asText(), f.path("name").asText(null),
                strings(f.path("aliases")), f.hasNonNull("level") ? f.get("level").asInt() : null)));
        List<Home.Area> areas = new ArrayList<>();
        areasJson.forEach(a -> areas.add(new Home.Area(a.path("area_id").asText(), a.path("name").asText(null),
                strings(a.path("aliases")), a.path("floor_id").asText(null))));
        List<Home.Device> devices = new ArrayList<>();
        Map<String, String> deviceNames = new HashMap<>();
        devicesJson.forEach(d -> {
            String name = d.hasNonNull("name_by_user") ? d.get("name_by_user").asText() : d.path("name").asText(null);
            deviceNames.put(d.path("id").asText(), name);
            devices.add(new Home.Device(d.path("id").asText(), name, d.path("area_id").asText(null),
                    d.path("manufacturer").asText(null), d.path("model").asText(null)));
        });

        Map<String, JsonNode> statesById = new LinkedHashMap<>();
        statesJson.forEach(s -> statesById.put(s.path("entity_id").asText(), s));
        Map<String, JsonNode> registryById = new LinkedHashMap<>();
        entitiesJson.forEach(e -> registryById.put(e.path("entity_id").asText(), e));
        Map<String, JsonNode> extended = extendedEntries(client, new ArrayList<>(registryById.keySet()));

        List<Home.Entity> entities = new ArrayList<>();
        List<String> enabled = new ArrayList<>();
        for (Map.Entry<String, JsonNode> en : registryById.entrySet()) {
            JsonNode reg = en.getValue();
            if (reg.hasNonNull("disabled_by")) {
                continue;
            }
            String id = en.getKey();
            JsonNode st = statesById.get(id);
            JsonNode ext = extended.get(id);
            Map<String, Object> attributes = st == null ? Map.of() : Json.mapper().convertValue(
                    st.path("attributes"), MAP);
            String deviceClass = ext != null && ext.hasNonNull("device_class") ? ext.get("device_class").asText()
                    : ext != null && ext.hasNonNull("original_device_class") ? ext.get("original_device_class").asText()
                    : attributes.get("device_class") instanceof String s ? s : null;
            entities.add(new Home.Entity(id, displayName(reg, attributes, deviceNames),
                    ext == null ? List.of() : strings(ext.path("aliases")), reg.path("area_id").asText(null),
                    reg.path("device_id").asText(null), deviceClass,
                    st == null ? null : st.path("state").asText(null), attributes));
            enabled.add(id);
        }
        // entities HA has states for but no registry entry (no unique id): they still have history
        for (Map.Entry<String, JsonNode> en : statesById.entrySet()) {
            if (!registryById.containsKey(en.getKey()) && EntityIds.isValid(en.getKey())) {
                Map<String, Object> attributes = Json.mapper().convertValue(en.getValue().path("attributes"), MAP);
                entities.add(new Home.Entity(en.getKey(), attributes.get("friendly_name") instanceof String s ? s : null,
                        List.of(), null, null, attributes.get("device_class") instanceof String s ? s : null,
                        en.getValue().path("state").asText(null), attributes));
                enabled.add(en.getKey());
            }
        }
        registry.replace(floors, areas, devices, entities);
        return enabled;
    }

    /** Name as HA shows it: registry name, else the state's friendly_name, else device name + original name. */
    private static String displayName(JsonNode reg, Map<String, Object> attributes, Map<String, String> deviceNames) {
        if (reg.hasNonNull("name")) {
            return reg.get("name").asText();
        }
        if (attributes.get("friendly_name") instanceof String s) {
            return s;
        }
        String original = reg.path("original_name").asText(null);
        String device = deviceNames.get(reg.path("device_id").asText(""));
        if (reg.path("has_entity_name").asBoolean(false) && device != null) {
            return original == null ? device : device + " " + original;
        }
        return original;
    }

    private static Map<String, JsonNode> extendedEntries(HaWebSocketClient client, List<String> ids) {
        Map<String, JsonNode> out = new HashMap<>();
        for (int i = 0; i < ids.size(); i += 200) {
            List<String> batch = ids.subList(i, Math.min(ids.size(), i + 200));
            try {
                JsonNode r = client.call("config/entity_registry/get_entries", Map.of("entity_ids", batch));
                r.fields().forEachRemaining(f -> {
                    if (!f.getValue().isNull()) {
                        out.put(f.getKey(), f.getValue());
                    }
                });
            } catch (HaWebSocketClient.CommandFailedException e) {
                // older HA without get_entries: aliases and device classes come from states only
                LOG.log(Level.INFO, "HA has no entity_registry/get_entries: {0}", e.getMessage());
                return out;
            }
        }
        return out;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(n -> {
                if (n.isTextual()) {
                    out.add(n.asText());
                }
            });
        }
        return out;
    }

    /** Handles one {@code state_changed} event object. */
    void onStateChanged(JsonNode event) {
        JsonNode data = event.path("data");
        JsonNode next = data.path("new_state");
        if (next.isMissingNode() || next.isNull()) {
            return; // entity removed
        }
        JsonNode old = data.path("old_state");
        JsonNode ctx = next.path("context");
        try {
            String changed = next.path("last_changed").asText(null);
            String updated = next.path("last_updated").asText(changed);
            long updatedMs = HaTime.parseMillis(updated != null ? updated : event.path("time_fired").asText());
            long changedMs = changed == null ? updatedMs : HaTime.parseMillis(changed);
            Map<String, Object> attributes = next.has("attributes")
                    ? Json.mapper().convertValue(next.get("attributes"), MAP) : null;
            StateEvent e = new StateEvent(data.path("entity_id").asText(next.path("entity_id").asText()),
                    next.path("state").asText(), attributes, changedMs, updatedMs,
                    old.isObject() ? old.path("state").asText(null) : null, ctx.path("id").asText(null),
                    ctx.path("user_id").asText(null), ctx.path("parent_id").asText(null),
                    event.path("origin").asText(null));
            if (!EntityIds.isValid(e.entityId()) || e.state().length() > 255) {
                LOG.warning(() -> "skipped an invalid state_changed for " + e.entityId());
                return;
            }
            liveReceived.incrementAndGet();
            queue.put(e);
        } catch (IllegalArgumentException ex) {
            LOG.log(Level.WARNING, "skipped a state_changed with a bad time", ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private void writeLoop() {
        List<StateEvent> batch = new ArrayList<>(2000);
        while (running || !queue.isEmpty()) {
            try {
                StateEvent first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, 4999);
                writeWithRetry(batch);
                batch.clear();
            } catch (InterruptedException e) {
                if (!running) {
                    queue.drainTo(batch);
                    if (!batch.isEmpty()) {
                        writeWithRetry(batch);
                    }
                    return;
                }
            }
        }
    }

    private void writeWithRetry(List<StateEvent> batch) {
        for (int attempt = 1; ; attempt++) {
            try {
                liveWritten.addAndGet(events.insert(batch));
                long newest = batch.stream().mapToLong(StateEvent::lastUpdated).max().orElse(0);
                newestLive.accumulateAndGet(newest, Math::max);
                lastError = null;
                if (!gapPending) {
                    state.advance(CURSOR, newest);
                }
                return;
            } catch (RuntimeException e) {
                lastError = "writing live events failed: " + e.getMessage();
                LOG.log(Level.WARNING, "writing " + batch.size() + " live events failed (attempt " + attempt + ")", e);
                if (!running && attempt >= 3) {
                    return;
                }
                try {
                    Thread.sleep(Math.min(5_000, 100L << Math.min(attempt, 6)));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    if (attempt >= 3) {
                        return;
                    }
                }
            }
        }
    }

    public long liveReceived() {
        return liveReceived.get();
    }

    public long liveWritten() {
        return liveWritten.get();
    }

    public int queued() {
        return queue.size();
    }

    /** The last failure to write live events (they are retried), or null. */
    public String lastError() {
        return lastError;
    }

    /** Writes what is queued, then stops the writer. */
    @Override
    public void close() {
        running = false;
        writer.interrupt();
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
