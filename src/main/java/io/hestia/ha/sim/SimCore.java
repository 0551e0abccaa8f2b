package io.hestia.ha.sim;

import io.hestia.ha.home.Home;
import io.hestia.ha.home.StateEvent;
import io.hestia.ha.schema.AutomationSchemaValidator;
import io.hestia.ha.schema.SchemaFinding;
import java.io.IOException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The simulated Home Assistant core: state machine, event bus, services, registries, recorder and automation
 * config. Not thread-safe: every method runs on the simulator's single event loop.
 */
final class SimCore {

    private static final Logger LOG = Logger.getLogger(SimCore.class.getName());

    /** Receives events for one WebSocket subscription. */
    interface EventSink {
        void event(long subscriptionId, String eventJson);
    }

    record Subscription(EventSink sink, long id, String eventType) {
    }

    record CallResult(List<SimState> changed, Object response, SimContext context) {
    }

    /** Status and JSON body of a REST answer decided by the core. */
    record Reply(int status, String body) {
    }

    final Home home;
    final ZoneId zone;
    final String haVersion;
    final String userId;
    private final AutomationSchemaValidator validator;
    private final Clock clock;
    private final double speed;
    private final BiConsumer<Long, Runnable> scheduler;
    private final long reloadDelayMillis;

    final Map<String, SimState> states = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> baseAttributes = new HashMap<>();
    private final Map<String, Map<String, Object>> memory = new HashMap<>();
    final HistoryStore history = new HistoryStore();
    final Registries registries;
    final AutomationStore automations;
    private final List<Subscription> subscriptions = new ArrayList<>();
    private final Set<String> idlessAutomationEntities = new LinkedHashSet<>();

    private long simStart;
    private long realStart;
    private List<StateEvent> future = List.of();
    private int futureIndex;
    private long eventCount;
    private long stateChangeCount;

    SimCore(Home home, String haVersion, String accessToken, AutomationSchemaValidator validator, Clock clock,
            double speed, AutomationStore automations, BiConsumer<Long, Runnable> scheduler, long reloadDelayMillis) {
        this.home = home;
        this.zone = ZoneId.of(home.timeZone());
        this.haVersion = haVersion;
        this.userId = Ids.stableHex("user:" + accessToken);
        this.validator = validator;
        this.clock = clock;
        this.speed = speed;
        this.automations = automations;
        this.scheduler = scheduler;
        this.reloadDelayMillis = reloadDelayMillis;
        this.realStart = clock.millis();
        this.simStart = realStart;
        this.registries = new Registries(home, realStart);
    }

    // ------------------------------------------------------------------ time and start-up

    /** Simulated now: the start instant plus the clock's elapsed time scaled by the playback speed. */
    long now() {
        long elapsed = clock.millis() - realStart;
        return simStart + (long) (elapsed * speed);
    }

    long simStart() {
        return simStart;
    }

    /** Loads history (events at or before start), current states and automations. */
    void start() {
        realStart = clock.millis();
        simStart = realStart;
        List<StateEvent> events = sortedEvents(home.events());
        int split = 0;
        while (split < events.size() && events.get(split).lastUpdated() <= simStart) {
            split++;
        }
        long t0 = events.isEmpty() ? simStart : Math.min(events.get(0).lastUpdated(), simStart);

        Map<String, StateEvent> first = new HashMap<>();
        for (StateEvent e : events) {
            first.putIfAbsent(e.entityId(), e);
        }
        Map<String, Home.Entity> homeEntities = new LinkedHashMap<>();
        for (Home.Entity e : home.entities()) {
            homeEntities.put(e.entityId(), e);
            baseAttributes.put(e.entityId(), baseAttributes(e));
        }
        // baseline: the state each home entity had when recording began
        Map<String, String> baselineState = new HashMap<>();
        for (Home.Entity e : home.entities()) {
            StateEvent f = first.get(e.entityId());
            if (f != null && f.lastUpdated() <= t0) {
                continue;
            }
            String s = f != null && f.oldState() != null ? f.oldState() : e.state() == null ? "unknown" : e.state();
            baselineState.put(e.entityId(), s);
            history.record(e.entityId(), s, baseAttributes.get(e.entityId()), t0, t0);
        }
        // history: every event up to start
        Map<String, Map<String, Object>> lastAttrs = new HashMap<>();
        Map<String, StateEvent> lastPast = new HashMap<>();
        for (int i = 0; i < split; i++) {
            StateEvent e = events.get(i);
            Map<String, Object> attrs = e.attributes() != null ? e.attributes()
                    : lastAttrs.getOrDefault(e.entityId(), baseAttributes.getOrDefault(e.entityId(), Map.of()));
            lastAttrs.put(e.entityId(), attrs);
            lastPast.put(e.entityId(), e);
            history.record(e.entityId(), e.state(), attrs, e.lastChanged(), e.lastUpdated());
        }
        // current states
        Set<String> ids = new LinkedHashSet<>(homeEntities.keySet());
        for (StateEvent e : events.subList(0, split)) {
            ids.add(e.entityId());
        }
        for (String id : ids) {
            StateEvent last = lastPast.get(id);
            SimState s;
            if (last != null) {
                s = new SimState(id, last.state(), lastAttrs.get(id), last.lastChanged(), last.lastUpdated(),
                        last.lastUpdated(), contextOf(last));
            } else {
                s = new SimState(id, baselineState.getOrDefault(id, "unknown"), baseAttributes.get(id), t0, t0, t0,
                        new SimContext(Ids.ulid(t0), null, null));
            }
            states.put(id, s);
        }
        future = events.subList(split, events.size());
        futureIndex = 0;
        reloadAutomations(null, newContext(null, null));
    }

    private static List<StateEvent> sortedEvents(List<StateEvent> events) {
        for (int i = 1; i < events.size(); i++) {
            if (events.get(i).lastUpdated() < events.get(i - 1).lastUpdated()) {
                StateEvent[] a = events.toArray(new StateEvent[0]);
                Arrays.sort(a, Comparator.comparingLong(StateEvent::lastUpdated));
                return Arrays.asList(a);
            }
        }
        return events;
    }

    private static Map<String, Object> baseAttributes(Home.Entity e) {
        Map<String, Object> a = new LinkedHashMap<>(e.attributes());
        if (e.deviceClass() != null) {
            a.putIfAbsent("device_class", e.deviceClass());
        }
        if (e.name() != null) {
            a.putIfAbsent("friendly_name", e.name());
        }
        return a;
    }

    private static SimContext contextOf(StateEvent e) {
        return new SimContext(e.contextId() != null ? e.contextId() : Ids.ulid(e.lastUpdated()), e.parentId(),
                e.userId());
    }

    SimContext newContext(String parentId, String user) {
        return new SimContext(Ids.ulid(now()), parentId, user);
    }

    /** Plays every home event that is due at the simulated now (at most {@code budget}). */
    int playDue(int budget) {
        long now = now();
        int played = 0;
        while (futureIndex < future.size() && played < budget) {
            StateEvent e = future.get(futureIndex);
            if (e.lastUpdated() > now) {
                break;
            }
            futureIndex++;
            played++;
            SimState cur = states.get(e.entityId());
            Map<String, Object> attrs = e.attributes() != null ? e.attributes()
                    : cur != null ? cur.attributes : baseAttributes.getOrDefault(e.entityId(), Map.of());
            writeState(e.entityId(), e.state(), attrs, contextOf(e), e.lastChanged(), e.lastUpdated(),
                    e.origin() != null ? e.origin() : "LOCAL", false);
        }
        return played;
    }

    int pendingPlayback() {
        return future.size() - futureIndex;
    }

    long eventCount() {
        return eventCount;
    }

    long stateChangeCount() {
        return stateChangeCount;
    }

    // ------------------------------------------------------------------ state machine and bus

    /**
     * Writes a state as HA's {@code async_set}: nothing happens when state and attributes are unchanged (unless
     * forced); otherwise the state is replaced, recorded and announced with {@code state_changed}.
     *
     * @param changedAt last_changed to use, or -1 to derive it (kept when only attributes change)
     * @return the new state, or null when nothing changed
     */
    SimState writeState(String entityId, String state, Map<String, Object> attributes, SimContext ctx,
                        long changedAt, long updatedAt, String origin, boolean force) {
        SimState old = states.get(entityId);
        if (!force && old != null && old.state.equals(state) && old.attributes.equals(attributes)) {
            return null;
        }
        long changed = changedAt >= 0 ? changedAt
                : old != null && old.state.equals(state) ? old.lastChanged : updatedAt;
        SimState s = new SimState(entityId, state, attributes, changed, updatedAt, updatedAt, ctx);
        states.put(entityId, s);
        history.record(entityId, state, s.attributes, changed, updatedAt);
        stateChangeCount++;
        fireStateChanged(entityId, old, s, ctx, origin, updatedAt);
        return s;
    }

    SimState setState(String entityId, String state, Map<String, Object> attributes, SimContext ctx,
                      boolean force) {
        return writeState(entityId, state, attributes, ctx, -1, now(), "LOCAL", force);
    }

    boolean removeState(String entityId, SimContext ctx) {
        SimState old = states.remove(entityId);
        if (old == null) {
            return false;
        }
        fireStateChanged(entityId, old, null, ctx, "LOCAL", now());
        return true;
    }

    private void fireStateChanged(String entityId, SimState old, SimState neu, SimContext ctx, String origin,
                                  long time) {
        fire("state_changed", g -> {
            g.writeStartObject();
            g.writeStringField("entity_id", entityId);
            g.writeFieldName("old_state");
            if (old == null) {
                g.writeNull();
            } else {
                g.writeRawValue(old.json());
            }
            g.writeFieldName("new_state");
            if (neu == null) {
                g.writeNull();
            } else {
                g.writeRawValue(neu.json());
            }
            g.writeEndObject();
        }, origin, ctx, time);
    }

    /** Fires an event on the bus: counts it and sends it to matching subscriptions. */
    void fire(String eventType, SimJson.Body data, String origin, SimContext ctx, long time) {
        eventCount++;
        boolean wanted = false;
        for (Subscription s : subscriptions) {
            if (s.eventType() == null || s.eventType().equals(eventType)) {
                wanted = true;
                break;
            }
        }
        if (!wanted) {
            return;
        }
        String json = SimJson.write(g -> {
            g.writeStartObject();
            g.writeStringField("event_type", eventType);
            g.writeFieldName("data");
            data.write(g);
            g.writeStringField("origin", origin);
            g.writeStringField("time_fired", IsoTime.format(time));
            g.writeFieldName("context");
            ctx.write(g);
            g.writeEndObject();
        });
        for (Subscription s : List.copyOf(subscriptions)) {
            if (s.eventType() == null || s.eventType().equals(eventType)) {
                s.sink().event(s.id(), json);
            }
        }
    }

    void fire(String eventType, Map<String, Object> data, String origin, SimContext ctx) {
        fire(eventType, g -> g.writeObject(data == null ? Map.of() : data), origin, ctx, now());
    }

    void subscribe(EventSink sink, long id, String eventType) {
        subscriptions.add(new Subscription(sink, id, eventType));
    }

    boolean unsubscribe(EventSink sink, long id) {
        return subscriptions.removeIf(s -> s.sink() == sink && s.id() == id);
    }

    void unsubscribeAll(EventSink sink) {
        subscriptions.removeIf(s -> s.sink() == sink);
    }

    List<Object> eventListeners() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String t : List.of("state_changed", "call_service", "service_registered", "homeassistant_start",
                "homeassistant_started", "homeassistant_stop", "automation_reloaded", "automation_triggered",
                "entity_registry_updated", "device_registry_updated", "area_registry_updated")) {
            counts.put(t, 1);
        }
        for (Subscription s : subscriptions) {
            counts.merge(s.eventType() == null ? "*" : s.eventType(), 1, Integer::sum);
        }
        List<Object> out = new ArrayList<>();
        counts.forEach((k, v) -> out.add(Map.of("event", k, "listener_count", v)));
        return out;
    }

    String statesJson() {
        StringBuilder sb = new StringBuilder(states.size() * 300 + 2).append('[');
        boolean firstItem = true;
        for (SimState s : states.values()) {
            if (!firstItem) {
                sb.append(',');
            }
            firstItem = false;
            sb.append(s.json());
        }
        return sb.append(']').toString();
    }

    // ------------------------------------------------------------------ config and services

    Map<String, Object> config() {
        Set<String> components = new TreeSet<>(List.of("api", "auth", "automation", "config", "frontend",
                "history", "homeassistant", "http", "logbook", "onboarding", "persistent_notification", "recorder",
                "websocket_api", Registries.PLATFORM));
        for (SimState s : states.values()) {
            components.add(s.domain());
        }
        Map<String, Object> units = new LinkedHashMap<>();
        units.put("length", "km");
        units.put("accumulated_precipitation", "mm");
        units.put("area", "m²");
        units.put("mass", "g");
        units.put("pressure", "Pa");
        units.put("temperature", "°C");
        units.put("volume", "L");
        units.put("wind_speed", "m/s");
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("allowlist_external_dirs", List.of("/media", "/config/www"));
        c.put("allowlist_external_urls", List.of());
        c.put("components", new ArrayList<>(components));
        c.put("config_dir", "/config");
        c.put("config_source", "storage");
        c.put("country", null);
        c.put("currency", "EUR");
        c.put("debug", false);
        c.put("elevation", 0);
        c.put("external_url", null);
        c.put("internal_url", null);
        c.put("language", "en");
        c.put("latitude", 52.3731339);
        c.put("location_name", home.name());
        c.put("longitude", 4.8903147);
        c.put("radius", 100);
        c.put("recovery_mode", false);
        c.put("safe_mode", false);
        c.put("state", "RUNNING");
        c.put("time_zone", home.timeZone());
        c.put("unit_system", units);
        c.put("version", haVersion);
        c.put("whitelist_external_dirs", List.of("/media", "/config/www"));
        return c;
    }

    /** Domains with services: the core ones plus the known domains of the current entities. */
    Set<String> serviceDomains() {
        Set<String> present = new LinkedHashSet<>(Services.CORE_DOMAINS);
        for (SimState s : states.values()) {
            present.add(s.domain());
        }
        Set<String> out = new LinkedHashSet<>();
        for (String d : Services.knownDomains()) {
            if (present.contains(d)) {
                out.add(d);
            }
        }
        return out;
    }

    /** Service descriptions by domain, as WS {@code get_services}; REST wraps them as a list. */
    Map<String, Object> serviceDescriptions() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String d : serviceDomains()) {
            Map<String, Object> services = new LinkedHashMap<>();
            Services.servicesOf(d).forEach((name, svc) -> services.put(name, svc.describe()));
            if (d.equals("script")) {
                for (SimState s : states.values()) {
                    if (s.domain().equals("script")) {
                        String object = s.entityId.substring(7);
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("name", s.attributes.getOrDefault("friendly_name", object));
                        m.put("description", "");
                        m.put("fields", Map.of());
                        m.put("response", Map.of("optional", true));
                        services.put(object, m);
                    }
                }
            }
            out.put(d, services);
        }
        return out;
    }

    private Services.Svc lookup(String domain, String service) {
        if (!serviceDomains().contains(domain)) {
            return null;
        }
        Services.Svc svc = Services.servicesOf(domain).get(service);
        if (svc == null && domain.equals("script") && states.containsKey("script." + service)) {
            svc = new Services.Svc("script", service, service, "", Map.of(), false, Services.Response.OPTIONAL);
        }
        return svc;
    }

    /**
     * Calls a service as HA does with {@code blocking=True}.
     *
     * @param data   service data (target keys such as entity_id are taken out of it)
     * @param target the WS {@code target}, or null
     */
    CallResult callService(String domain, String service, Map<String, Object> data, Map<String, Object> target,
                           SimContext ctx, boolean returnResponse) throws ServiceException {
        Services.Svc svc = lookup(domain, service);
        if (svc == null) {
            throw new ServiceException(ServiceException.Kind.NOT_FOUND,
                    "Action " + domain + "." + service + " not found.");
        }
        if (returnResponse && svc.response() == Services.Response.NONE) {
            throw new ServiceException(ServiceException.Kind.RESPONSE_NOT_SUPPORTED,
                    "An action which does not return responses can't be called with return_response=True");
        }
        if (!returnResponse && svc.response() == Services.Response.ONLY) {
            throw new ServiceException(ServiceException.Kind.RESPONSE_REQUIRED,
                    "The action requires responses and must be called with return_response=True");
        }
        Map<String, Object> serviceData = new LinkedHashMap<>(data == null ? Map.of() : data);
        if (target != null) {
            serviceData.putAll(target);
        }
        Map<String, Object> eventData = new LinkedHashMap<>();
        eventData.put("domain", domain);
        eventData.put("service", service);
        eventData.put("service_data", new LinkedHashMap<>(serviceData));
        fire("call_service", eventData, "LOCAL", ctx);

        Map<String, Object> fields = new LinkedHashMap<>(serviceData);
        List<String> ids = resolveTargets(fields, domain);
        List<SimState> changed = new ArrayList<>();
        Object response = null;
        long now = now();
        switch (domain) {
            case "automation" -> {
                switch (service) {
                    case "reload" -> {
                        Object id = fields.get("id");
                        reloadAutomations(id == null ? null : String.valueOf(id), ctx);
                    }
                    case "trigger" -> {
                        for (String id : ids) {
                            triggerAutomation(id, ctx);
                        }
                    }
                    default -> {
                        for (String id : ids) {
                            addIfChanged(changed, automationOnOff(id, service, ctx));
                        }
                    }
                }
            }
            case "homeassistant" -> {
                if (Set.of("turn_on", "turn_off", "toggle").contains(service)) {
                    for (String id : ids) {
                        String d = id.substring(0, id.indexOf('.'));
                        String s = service;
                        if (d.equals("cover")) {
                            s = switch (service) {
                                case "turn_on" -> "open_cover";
                                case "turn_off" -> "close_cover";
                                default -> "toggle";
                            };
                        }
                        if (d.equals("automation")) {
                            addIfChanged(changed, automationOnOff(id, s, ctx));
                        } else if (Services.servicesOf(d).containsKey(s)) {
                            applyEntityService(d, s, id, fields, ctx, now, changed);
                        }
                    }
                }
            }
            case "weather", "calendar", "todo" -> {
                Map<String, Object> r = new LinkedHashMap<>();
                for (String id : ids) {
                    SimState st = states.get(id);
                    Object payload = switch (domain) {
                        case "weather" -> Map.of("forecast", st.attributes.getOrDefault("forecast", List.of()));
                        case "calendar" -> Map.of("events", List.of());
                        default -> Map.of("items", List.of());
                    };
                    r.put(id, payload);
                }
                response = r;
            }
            case "persistent_notification" -> {
                // notifications have no entities in current HA; nothing to change
            }
            default -> {
                String s = service;
                List<String> targets = ids;
                if (domain.equals("script") && !Services.servicesOf("script").containsKey(service)) {
                    s = "turn_on";
                    targets = List.of("script." + service);
                }
                for (String id : targets) {
                    applyEntityService(domain, s, id, fields, ctx, now, changed);
                }
            }
        }
        if (returnResponse && response == null) {
            response = Map.of();
        }
        return new CallResult(changed, response, ctx);
    }

    private void applyEntityService(String domain, String service, String id, Map<String, Object> fields,
                                    SimContext ctx, long now, List<SimState> changed) throws ServiceException {
        SimState cur = states.get(id);
        if (cur == null) {
            return;
        }
        Services.Change c = Services.apply(domain, service, cur, fields,
                memory.computeIfAbsent(id, k -> new HashMap<>()), now);
        if (c != null) {
            addIfChanged(changed, writeState(id, c.state(), c.attributes(), ctx, -1, now, "LOCAL", false));
        }
    }

    private static void addIfChanged(List<SimState> changed, SimState s) {
        if (s != null) {
            changed.add(s);
        }
    }

    /** Expands entity_id / area_id / device_id / floor_id (from data and target) into existing entity ids. */
    private List<String> resolveTargets(Map<String, Object> fields, String domain) {
        Set<String> ids = new LinkedHashSet<>();
        Collection<String> entityIds = strings(fields.remove("entity_id"));
        Collection<String> areaIds = new LinkedHashSet<>(strings(fields.remove("area_id")));
        Collection<String> deviceIds = strings(fields.remove("device_id"));
        Collection<String> floorIds = strings(fields.remove("floor_id"));
        fields.remove("label_id");
        boolean all = entityIds.contains("all");
        for (String f : floorIds) {
            for (Home.Area a : home.areas()) {
                if (f.equals(a.floorId())) {
                    areaIds.add(a.areaId());
                }
            }
        }
        for (String id : entityIds) {
            if (!id.equals("all") && !id.equals("none")) {
                ids.add(id.trim().toLowerCase());
            }
        }
        if (all || !areaIds.isEmpty() || !deviceIds.isEmpty()) {
            for (SimState s : states.values()) {
                String id = s.entityId;
                if (all) {
                    ids.add(id);
                    continue;
                }
                Registries.RegEntity r = registries.entities.get(id);
                if (r != null && r.deviceId != null && deviceIds.contains(r.deviceId)) {
                    ids.add(id);
                } else if (r != null && areaIds.contains(registries.areaOf(id))) {
                    ids.add(id);
                }
            }
        }
        List<String> out = new ArrayList<>();
        for (String id : ids) {
            if (!states.containsKey(id)) {
                continue; // HA logs "Referenced entities ... are missing" and carries on
            }
            if (domain.equals("homeassistant") || id.startsWith(domain + ".")) {
                out.add(id);
            }
        }
        return out;
    }

    private static Collection<String> strings(Object o) {
        List<String> out = new ArrayList<>();
        if (o instanceof String s) {
            for (String part : s.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        } else if (o instanceof Collection<?> c) {
            for (Object x : c) {
                if (x != null) {
                    out.add(String.valueOf(x));
                }
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ automations

    private SimState automationOnOff(String entityId, String service, SimContext ctx) {
        SimState cur = states.get(entityId);
        if (cur == null || "unavailable".equals(cur.state)) {
            return null;
        }
        String next = switch (service) {
            case "turn_on" -> "on";
            case "turn_off" -> "off";
            case "toggle" -> "on".equals(cur.state) ? "off" : "on";
            default -> cur.state;
        };
        return setState(entityId, next, cur.attributes, ctx, false);
    }

    private void triggerAutomation(String entityId, SimContext callCtx) {
        SimState cur = states.get(entityId);
        if (cur == null || "unavailable".equals(cur.state)) {
            return;
        }
        SimContext runCtx = newContext(callCtx.id(), null);
        Map<String, Object> attrs = new LinkedHashMap<>(cur.attributes);
        attrs.put("last_triggered", IsoTime.format(now()));
        setState(entityId, cur.state, attrs, runCtx, false);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", attrs.get("friendly_name"));
        data.put("entity_id", entityId);
        data.put("source", "trigger action");
        fire("automation_triggered", data, "LOCAL", runCtx);
        Map<String, Object> config = configForEntity(entityId);
        if (config == null) {
            return;
        }
        for (Object step : asList(config.containsKey("actions") ? config.get("actions") : config.get("action"))) {
            if (!(step instanceof Map<?, ?> m)) {
                continue;
            }
            Object name = m.get("action") != null ? m.get("action") : m.get("service");
            if (!(name instanceof String s) || s.indexOf('.') < 1) {
                continue; // only service-call steps are run
            }
            Map<String, Object> stepData = new LinkedHashMap<>();
            if (m.get("data") instanceof Map<?, ?> d) {
                d.forEach((k, v) -> stepData.put(String.valueOf(k), v));
            }
            if (m.get("entity_id") != null) {
                stepData.put("entity_id", m.get("entity_id"));
            }
            Map<String, Object> target = null;
            if (m.get("target") instanceof Map<?, ?> t) {
                target = new LinkedHashMap<>();
                for (var e : t.entrySet()) {
                    target.put(String.valueOf(e.getKey()), e.getValue());
                }
            }
            try {
                callService(s.substring(0, s.indexOf('.')), s.substring(s.indexOf('.') + 1), stepData, target,
                        runCtx, false);
            } catch (ServiceException e) {
                LOG.log(Level.INFO, "automation {0} stopped: {1}", new Object[] {entityId, e.getMessage()});
                return;
            }
        }
    }

    private static List<?> asList(Object o) {
        if (o == null) {
            return List.of();
        }
        return o instanceof List<?> l ? l : List.of(o);
    }

    private Map<String, Object> configForEntity(String entityId) {
        Registries.RegEntity r = registries.entities.get(entityId);
        if (r == null || !r.platform.equals("automation")) {
            return null;
        }
        for (Map<String, Object> e : automations.entries()) {
            if (r.uniqueId.equals(idOf(e))) {
                return e;
            }
        }
        return null;
    }

    private static String idOf(Map<String, Object> entry) {
        Object id = entry.get("id");
        return id == null ? null : String.valueOf(id);
    }

    /** HA's automation reload: (re)creates automation entities from the config; one id, or all when null. */
    void reloadAutomations(String onlyId, SimContext ctx) {
        List<Map<String, Object>> entries = automations.read();
        Set<String> configIds = new LinkedHashSet<>();
        if (onlyId == null) {
            for (String id : idlessAutomationEntities) {
                removeState(id, ctx);
            }
            idlessAutomationEntities.clear();
        }
        for (int i = 0; i < entries.size(); i++) {
            Map<String, Object> e = entries.get(i);
            String id = idOf(e);
            if (id != null) {
                configIds.add(id);
            }
            if (onlyId != null && !onlyId.equals(id)) {
                continue;
            }
            ensureAutomationEntity(e, i, ctx);
        }
        for (Registries.RegEntity r : List.copyOf(registries.entities.values())) {
            if (r.platform.equals("automation") && !configIds.contains(r.uniqueId)
                    && (onlyId == null || onlyId.equals(r.uniqueId))) {
                removeState(r.entityId, ctx);
            }
        }
        fire("automation_reloaded", Map.of(), "LOCAL", ctx);
    }

    private void ensureAutomationEntity(Map<String, Object> config, int index, SimContext ctx) {
        String id = idOf(config);
        Object aliasValue = config.get("alias");
        String name = aliasValue != null ? String.valueOf(aliasValue) : "automation " + index;
        boolean valid = firstError(validator.validate(config)) == null;
        Registries.RegEntity r = id == null ? null : registries.byUniqueId("automation", id);
        String entityId;
        long now = now();
        if (r == null) {
            entityId = freeEntityId("automation", Ids.slugify(name));
            if (id != null) {
                r = new Registries.RegEntity(entityId, Ids.uuidHex(), id, "automation", null, null, name, List.of(),
                        null, null, now);
                registries.entities.put(entityId, r);
                fire("entity_registry_updated", Map.of("action", "create", "entity_id", entityId), "LOCAL", ctx);
            } else {
                idlessAutomationEntities.add(entityId);
            }
        } else {
            entityId = r.entityId;
            if (!Objects.equals(r.originalName, name)) {
                r.originalName = name;
                r.modifiedAt = now;
            }
        }
        SimState cur = states.get(entityId);
        Map<String, Object> attrs = new LinkedHashMap<>();
        String state;
        if (!valid) {
            state = "unavailable";
            if (id != null) {
                attrs.put("id", id);
            }
            attrs.put("friendly_name", name);
        } else {
            Object initial = config.get("initial_state");
            if (initial != null) {
                state = Boolean.FALSE.equals(initial) || "false".equalsIgnoreCase(String.valueOf(initial))
                        || "off".equalsIgnoreCase(String.valueOf(initial)) ? "off" : "on";
            } else if (cur != null && ("on".equals(cur.state) || "off".equals(cur.state))) {
                state = cur.state;
            } else {
                state = "on";
            }
            String mode = config.get("mode") == null ? "single" : String.valueOf(config.get("mode"));
            if (id != null) {
                attrs.put("id", id);
            }
            attrs.put("last_triggered", cur == null ? null : cur.attributes.get("last_triggered"));
            attrs.put("mode", mode);
            attrs.put("current", 0);
            if (mode.equals("queued") || mode.equals("parallel")) {
                attrs.put("max", config.get("max") instanceof Number n ? n : 10);
            }
            attrs.put("friendly_name", name);
        }
        setState(entityId, state, attrs, ctx, false);
    }

    private String freeEntityId(String domain, String slug) {
        String candidate = domain + "." + slug;
        int n = 2;
        while (states.containsKey(candidate) || registries.entities.containsKey(candidate)) {
            candidate = domain + "." + slug + "_" + n++;
        }
        return candidate;
    }

    /** GET /api/config/automation/config/&lt;id&gt;. */
    Reply getAutomationConfig(String id) {
        Map<String, Object> value = automations.get(id);
        if (value == null) {
            return new Reply(404, SimJson.message("Resource not found"));
        }
        return new Reply(200, SimJson.write(value));
    }

    /** POST /api/config/automation/config/&lt;id&gt;: validate, store, answer, then reload in the background. */
    @SuppressWarnings("unchecked")
    Reply postAutomationConfig(String id, String body) {
        Object data;
        try {
            if (body == null || body.isBlank()) {
                throw new IOException("empty");
            }
            data = SimJson.parse(body);
        } catch (IOException e) {
            return new Reply(400, SimJson.message("Invalid JSON specified"));
        }
        SchemaFinding error = firstError(validator.validate(data));
        if (error != null) {
            return new Reply(400, SimJson.message("Message malformed: " + haMessage(error)));
        }
        if (!(data instanceof Map<?, ?>)) {
            return new Reply(400, SimJson.message("Message malformed: expected a dictionary"));
        }
        automations.put(id, (Map<String, Object>) data);
        SimContext ctx = newContext(null, userId);
        scheduler.accept(reloadDelayMillis, () -> reloadAutomations(id, ctx));
        return new Reply(200, SimJson.write(Map.of("result", "ok")));
    }

    /** DELETE /api/config/automation/config/&lt;id&gt;: remove, answer, then reload and drop the registry entry. */
    Reply deleteAutomationConfig(String id) {
        if (!automations.delete(id)) {
            return new Reply(400, SimJson.message("Resource not found"));
        }
        SimContext ctx = newContext(null, userId);
        scheduler.accept(reloadDelayMillis, () -> {
            reloadAutomations(id, ctx);
            Registries.RegEntity r = registries.byUniqueId("automation", id);
            if (r != null) {
                registries.entities.remove(r.entityId);
                fire("entity_registry_updated", Map.of("action", "remove", "entity_id", r.entityId), "LOCAL", ctx);
            }
        });
        return new Reply(200, SimJson.write(Map.of("result", "ok")));
    }

    Map<String, Object> automationConfigForEntity(String entityId) {
        return configForEntity(entityId);
    }

    static SchemaFinding firstError(List<SchemaFinding> findings) {
        if (findings == null) {
            return null;
        }
        for (SchemaFinding f : findings) {
            if (f.isError()) {
                return f;
            }
        }
        return null;
    }

    /** The finding's message, which the validator words as HA (voluptuous) does. */
    static String haMessage(SchemaFinding f) {
        return f.message() == null || f.message().isBlank() ? "invalid value" : f.message();
    }

    /** WS {@code validate_config}: each part sent is validated inside a minimal automation. */
    Map<String, Object> validateConfig(Map<String, Object> msg) {
        Map<String, Object> out = new LinkedHashMap<>();
        String[][] parts = {{"trigger", "triggers"}, {"condition", "conditions"}, {"action", "actions"}};
        for (String[] p : parts) {
            if (!msg.containsKey(p[0])) {
                continue;
            }
            Map<String, Object> automation = new LinkedHashMap<>();
            automation.put("triggers", p[0].equals("trigger") ? msg.get(p[0]) : List.of());
            if (p[0].equals("condition")) {
                automation.put("conditions", msg.get(p[0]));
            }
            automation.put("actions", p[0].equals("action") ? msg.get(p[0]) : List.of());
            SchemaFinding error = null;
            for (SchemaFinding f : validator.validate(automation)) {
                String path = f.path() == null ? "" : f.path();
                if (f.isError() && (path.startsWith(p[0]) || path.startsWith(p[1]))) {
                    error = f;
                    break;
                }
            }
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("valid", error == null);
            r.put("error", error == null ? null : haMessage(error));
            out.put(p[0], r);
        }
        return out;
    }

    // ------------------------------------------------------------------ registries and helpers for the APIs

    Map<String, Object> extendedRegistryEntry(String entityId) {
        Registries.RegEntity r = registries.entities.get(entityId);
        return r == null ? null : Registries.extendedEntry(r, states.get(entityId));
    }

    List<Object> entityRegistryList() {
        List<Object> out = new ArrayList<>();
        for (Registries.RegEntity r : registries.entities.values()) {
            out.add(Registries.listEntry(r));
        }
        return out;
    }

    /** Fires a custom event (REST POST /api/events, WS fire_event). */
    void fireCustom(String eventType, Map<String, Object> data, String origin, SimContext ctx) {
        fire(eventType, data, origin, ctx);
    }

    /** Test hook: applies a state as a device would report it. */
    void deviceStateChange(String entityId, String state, Map<String, Object> attributes) {
        SimState cur = states.get(entityId);
        Map<String, Object> attrs = attributes != null ? attributes
                : cur != null ? cur.attributes : baseAttributes.getOrDefault(entityId, Map.of());
        setState(entityId, state, attrs, newContext(null, null), false);
    }
}
