package io.hestia.ha;

import io.hestia.ha.home.EntityIds;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.hestia.ha.home.StateEvent;
import io.hestia.platform.InvalidInputException;
import io.hestia.store.EventStore;
import io.hestia.store.RegistryStore;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * The data API over Hestia's copy of the home: registries, the event history and bulk event upload.
 * Query parameters arrive as text and are validated here, so a bad one is named in the 400 answer.
 */
public final class HomeDataService {

    public static final int MAX_BATCH = 100_000;
    private static final int MAX_PAGE = 10_000;

    /** Uploads of at least this many events count as bulk work. */
    static final int BULK_EVENTS = 10_000;

    private final RegistryStore registry;
    private final EventStore events;
    private final Runnable onBulk;
    private final java.util.function.Supplier<Map<String, String>> haConfig;

    public HomeDataService(RegistryStore registry, EventStore events) {
        this(registry, events, () -> { }, Map::of);
    }

    /**
     * @param onBulk   told after each upload of {@link #BULK_EVENTS} or more (to release memory later)
     * @param haConfig HA's configuration as last read ({@code time_zone}, {@code location_name}, {@code version},
     *                 {@code unit_system} as JSON)
     */
    public HomeDataService(RegistryStore registry, EventStore events, Runnable onBulk,
                           java.util.function.Supplier<Map<String, String>> haConfig) {
        this.registry = registry;
        this.events = events;
        this.onBulk = onBulk;
        this.haConfig = haConfig;
    }

    /**
     * The home at a glance: HA's name for it, its time zone (the one routines and explanations use), HA's
     * version and unit system, registry counts and the newest stored event.
     */
    public Map<String, Object> home() {
        Map<String, String> config = haConfig.get();
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("location_name", config.get("location_name"));
        out.put("time_zone", config.getOrDefault("time_zone", "UTC"));
        out.put("ha_version", config.get("version"));
        Object units = null;
        String unitJson = config.get("unit_system");
        if (unitJson != null && !unitJson.isBlank()) {
            try {
                units = io.hestia.platform.Json.mapper().readValue(unitJson, Map.class);
            } catch (java.io.IOException e) {
                units = null; // stored by the ingestor from HA's JSON; unreadable means HA sent none
            }
        }
        out.put("unit_system", units);
        RegistryStore.Counts counts = registry.counts();
        out.put("floors", counts.floors());
        out.put("areas", counts.areas());
        out.put("devices", counts.devices());
        out.put("entities", counts.entities());
        java.util.OptionalLong newest = events.latestTime();
        out.put("last_event_at", newest.isPresent() ? java.time.Instant.ofEpochMilli(newest.getAsLong()).toString() : null);
        return out;
    }

    /** An event in HA's state-object shape, with its store id. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EventView(long id, String entityId, String state, String oldState,
                            @JsonRawValue String attributes, String lastChanged, String lastUpdated,
                            Map<String, String> context, String origin) {
    }

    public record EventPage(List<EventView> events, String nextCursor) {
    }

    public record IngestResult(int accepted, int written, int duplicates) {
    }

    public List<RegistryStore.FloorRow> floors() {
        return registry.floors();
    }

    public List<RegistryStore.AreaRow> areas() {
        return registry.areas();
    }

    public List<RegistryStore.EntityRow> entities(String domain, String area, String q, String limit) {
        return registry.entities(blankToNull(domain), blankToNull(area), blankToNull(q),
                intParam("limit", limit, 1000, 1, MAX_PAGE));
    }

    public EventPage events(String entityId, String start, String end, String limit, String cursor) {
        String entity = blankToNull(entityId);
        if (entity != null && !EntityIds.isValid(entity)) {
            throw InvalidInputException.of("entity_id", "'" + entity + "' is not a valid entity id");
        }
        Long startMs = timeParam("start", start);
        Long endMs = timeParam("end", end);
        if (startMs != null && endMs != null && endMs < startMs) {
            throw InvalidInputException.of("end", "must not be before start");
        }
        EventStore.Page page;
        try {
            page = events.page(entity, startMs, endMs, intParam("limit", limit, 1000, 1, MAX_PAGE),
                    blankToNull(cursor));
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of("cursor", "is not a cursor this API returned");
        }
        List<EventView> views = page.events().stream().map(HomeDataService::view).toList();
        return new EventPage(views, page.nextCursor());
    }

    private static EventView view(EventStore.StoredEvent e) {
        Map<String, String> context = null;
        if (e.contextId() != null || e.userId() != null || e.parentId() != null) {
            context = new java.util.LinkedHashMap<>();
            context.put("id", e.contextId());
            context.put("parent_id", e.parentId());
            context.put("user_id", e.userId());
        }
        return new EventView(e.id(), e.entityId(), e.state(), e.oldState(), e.attributesJson(),
                HaTime.format(e.lastChanged()), HaTime.format(e.lastUpdated()), context, e.origin());
    }

    /**
     * Validates the whole batch (JSON array or NDJSON of HA state objects), then writes it in one transaction.
     * Nothing is written when any row is bad.
     */
    public IngestResult ingest(InputStream body) {
        List<StateEvent> batch = StateObjectReader.readBatch(body, MAX_BATCH);
        int written = events.insert(batch);
        if (batch.size() >= BULK_EVENTS) {
            onBulk.run();
        }
        return new IngestResult(batch.size(), written, batch.size() - written);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    static int intParam(String name, String value, int dflt, int min, int max) {
        if (value == null || value.isBlank()) {
            return dflt;
        }
        try {
            int v = Integer.parseInt(value.trim());
            if (v < min || v > max) {
                throw InvalidInputException.of(name, "must be between " + min + " and " + max + ", was " + v);
            }
            return v;
        } catch (NumberFormatException e) {
            throw InvalidInputException.of(name, "must be a whole number, was '" + value + "'");
        }
    }

    static Long timeParam(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return HaTime.parseMillis(value.trim());
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of(name, "must be an ISO-8601 time with offset, was '" + value + "'");
        }
    }
}
