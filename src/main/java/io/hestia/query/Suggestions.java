package io.hestia.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.hestia.ha.schema.HaAutomationSchema;
import io.hestia.ha.schema.HaYaml;
import io.hestia.ha.schema.SchemaFinding;
import io.hestia.platform.DaemonThreads;
import io.hestia.platform.Json;
import io.hestia.platform.ServiceCaller;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * What other services add to an understanding, through the service client: ranked suggestions (the request's own
 * automation draft, and the mined routines and synergies of the entities it acts on, from the pattern service) and
 * the draft's validation (by the automation service when it answers, else locally by HA's schema rules). A service
 * that fails, is open-circuited or is slower than the time limit never fails the query: its part is left out and a
 * note says why. Answers are cached for a while, so repeated requests about the same entities cost no call.
 */
public final class Suggestions implements AutoCloseable {

    public static final String PATTERN_TARGET = "pattern";
    public static final String AUTOMATION_TARGET = "automation";
    static final String VALIDATE_PATH = "/api/v1/automations/validate";
    static final int ITEMS_PER_KIND = 3;

    /**
     * One suggestion.
     *
     * @param type        {@code automation_draft}, {@code pattern} or {@code synergy}
     * @param id          the draft's id, or the pattern service's item id
     * @param itemType    {@code automation}, or the item's type ({@code time_of_day}, {@code device_pair}, ...)
     * @param explanation one sentence a person can check
     * @param source      {@code query} (this request) or {@code pattern_service}
     */
    public record Suggestion(String type, String id, String itemType, String explanation, double confidence,
                             List<String> entityIds, String source) {
        public Suggestion {
            entityIds = List.copyOf(entityIds);
        }
    }

    /**
     * @param validation the draft's validation report, or null without a draft
     * @param notes      what degraded, for the person and the logs
     */
    public record Enrichment(List<Suggestion> suggestions, Map<String, Object> validation, List<String> notes) {
        public Enrichment {
            suggestions = List.copyOf(suggestions);
            notes = List.copyOf(notes);
        }
    }

    private record Cached(List<Suggestion> items, long until) {
    }

    /** A failed call, with the note to show for it. */
    private static final class Degraded extends RuntimeException {
        Degraded(String note) {
            super(note, null, false, false);
        }
    }

    private final ServiceCaller caller;
    private final Map<String, String> headers;
    private final HaAutomationSchema schema;
    private final Clock clock;
    private final long cacheMs;
    private final long timeoutMs;
    private final int maxEntities;
    private final Map<String, Cached> byEntity = new ConcurrentHashMap<>();
    private volatile long automationAbsentUntil;
    private final ThreadPoolExecutor calls;

    /**
     * @param headers     sent with every call (the API token, when Hestia's own services need one)
     * @param cacheMs     how long the pattern service's items of an entity, and the automation service's absence
     *                    (a 404), are remembered
     * @param timeoutMs   how long a query waits for the services; a slower answer still fills the cache
     * @param maxEntities of the request's target entities, how many are asked about
     */
    public Suggestions(ServiceCaller caller, Map<String, String> headers, HaAutomationSchema schema, Clock clock,
                       long cacheMs, long timeoutMs, int maxEntities) {
        if (cacheMs < 0 || timeoutMs < 1 || maxEntities < 0) {
            throw new IllegalArgumentException("hestia.query.suggestion-cache-ms must not be negative, "
                    + "hestia.query.service-timeout-ms must be positive and hestia.query.suggestion-entities must not "
                    + "be negative (were " + cacheMs + ", " + timeoutMs + ", " + maxEntities + ")");
        }
        this.caller = caller;
        this.headers = Map.copyOf(headers);
        this.schema = schema;
        this.clock = clock;
        this.cacheMs = cacheMs;
        this.timeoutMs = timeoutMs;
        this.maxEntities = maxEntities;
        this.calls = new ThreadPoolExecutor(4, 4, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(64),
                DaemonThreads.factory("query-service-calls"));
        this.calls.allowCoreThreadTimeOut(true);
    }

    public Enrichment enrich(Understanding u) {
        List<String> notes = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        CompletableFuture<Map<String, Object>> validation = u.draft() == null ? null
                : async(() -> validate(u.draft()));
        List<Suggestion> out = new ArrayList<>();
        if (u.draft() != null && Understanding.AUTOMATION.equals(u.intent())) {
            out.add(draftSuggestion(u));
        }
        List<String> pending = new ArrayList<>();
        long now = clock.millis();
        for (String entityId : targets(u)) {
            Cached c = byEntity.get(entityId);
            if (c != null && c.until() > now) {
                out.addAll(c.items());
            } else {
                pending.add(entityId);
            }
        }
        if (!pending.isEmpty()) {
            List<Suggestion> fetched = await(async(() -> fetch(pending)), deadline, "pattern suggestions", notes);
            if (fetched != null) {
                out.addAll(fetched);
            }
        }
        Map<String, Object> report = null;
        if (validation != null) {
            List<String> why = new ArrayList<>();
            report = await(validation, deadline, "answer from the automation service", why);
            if (report == null) {
                report = local(u.draft(), why.get(0)); // the report says why; no separate note
            }
        }
        return new Enrichment(rank(out), report, notes);
    }

    /** Highest confidence first; the request's own draft before mined items of equal confidence; each id once. */
    static List<Suggestion> rank(List<Suggestion> items) {
        Map<String, Suggestion> unique = new LinkedHashMap<>();
        for (Suggestion s : items) {
            unique.putIfAbsent(s.type() + ":" + s.id(), s);
        }
        List<Suggestion> out = new ArrayList<>(unique.values());
        out.sort(Comparator.comparingDouble(Suggestion::confidence).reversed()
                .thenComparing(s -> "automation_draft".equals(s.type()) ? 0 : 1)
                .thenComparing(Suggestion::id));
        return out;
    }

    private static Suggestion draftSuggestion(Understanding u) {
        Map<String, Object> d = u.draft();
        Object alias = d.get("alias");
        Object description = d.get("description");
        String text = description != null ? description.toString() : alias != null ? alias.toString()
                : "An automation for this request";
        List<String> ids = u.entities().stream().map(Understanding.EntityMatch::entityId).distinct().toList();
        return new Suggestion("automation_draft", String.valueOf(d.getOrDefault("id", "draft")), "automation", text,
                u.confidence(), ids, "query");
    }

    private Set<String> targets(Understanding u) {
        Set<String> ids = new LinkedHashSet<>();
        for (Understanding.EntityMatch m : u.entities()) {
            if (m.entityId() != null && "target".equals(m.role()) && ids.size() < maxEntities) {
                ids.add(m.entityId());
            }
        }
        return ids;
    }

    // ---- pattern service ----

    private List<Suggestion> fetch(List<String> entityIds) {
        List<Suggestion> out = new ArrayList<>();
        for (String entityId : entityIds) {
            List<Suggestion> items = new ArrayList<>();
            String q = "entity_id=" + URLEncoder.encode(entityId, StandardCharsets.UTF_8) + "&limit=" + ITEMS_PER_KIND;
            items.addAll(items("pattern", "/api/v1/patterns", q, "patterns"));
            items.addAll(items("synergy", "/api/v1/synergies", q, "synergies"));
            byEntity.put(entityId, new Cached(List.copyOf(items), clock.millis() + cacheMs));
            out.addAll(items);
        }
        return out;
    }

    private List<Suggestion> items(String type, String path, String query, String field) {
        ServiceCaller.Response r;
        try {
            r = caller.call(PATTERN_TARGET, "GET", path, query, headers, null);
        } catch (RuntimeException e) {
            throw new Degraded("no pattern suggestions: " + e.getMessage());
        }
        if (!r.ok()) {
            throw new Degraded("no pattern suggestions: the pattern service answered " + r.status() + " to " + path);
        }
        JsonNode list = read(r.body(), "the pattern service").get(field);
        if (list == null || !list.isArray()) {
            throw new Degraded("no pattern suggestions: the pattern service's answer has no " + field);
        }
        List<Suggestion> out = new ArrayList<>();
        for (JsonNode it : list) {
            List<String> ids = new ArrayList<>();
            it.path("entity_ids").forEach(e -> ids.add(e.asText()));
            out.add(new Suggestion(type, it.path("id").asText(), it.path("type").asText(null),
                    it.path("explanation").asText(null), it.path("confidence").asDouble(), ids, "pattern_service"));
        }
        return out;
    }

    // ---- automation service, local schema ----

    private Map<String, Object> validate(Map<String, Object> draft) {
        if (automationAbsentUntil > clock.millis()) {
            return local(draft, "the automation service is not available (it answered 404)");
        }
        ServiceCaller.Response r;
        try {
            r = caller.call(AUTOMATION_TARGET, "POST", VALIDATE_PATH, null,
                    withJson(headers), Json.write(draft).getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            return local(draft, "the automation service is unavailable: " + e.getMessage());
        }
        if (r.status() == 404) {
            automationAbsentUntil = clock.millis() + cacheMs;
        }
        if (!r.ok()) {
            return local(draft, "the automation service answered " + r.status());
        }
        JsonNode report;
        try {
            report = read(r.body(), "the automation service");
        } catch (Degraded e) {
            return local(draft, e.getMessage());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("validated_by", "automation_service");
        JsonNode valid = report.get("valid");
        out.put("valid", valid != null && valid.isBoolean() ? valid.booleanValue() : null);
        out.put("report", report);
        // the draft's YAML where the local check puts it too, so readers need not know who validated
        out.put("yaml", report.hasNonNull("yaml") ? report.get("yaml").asText() : HaYaml.dump(draft));
        return out;
    }

    /** HA's schema rules, as the HA simulator applies them, and the draft as HA YAML. */
    Map<String, Object> local(Map<String, Object> draft, String reason) {
        List<SchemaFinding> findings = schema.validate(draft);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("validated_by", "local_schema");
        out.put("reason", reason);
        out.put("valid", findings.stream().noneMatch(SchemaFinding::isError));
        out.put("status", HaAutomationSchema.status(findings).value());
        String yaml = HaYaml.dump(draft);
        // the automation service's finding shape: category and the line of the path in the YAML shown
        Map<String, Integer> lines = HaYaml.lines(yaml, findings.stream().map(SchemaFinding::path).toList());
        List<Map<String, Object>> list = new ArrayList<>();
        for (SchemaFinding f : findings) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", f.path());
            m.put("rule", f.rule());
            m.put("severity", f.severity().name().toLowerCase(Locale.ROOT));
            m.put("category", "schema");
            m.put("message", f.message());
            m.put("hint", f.hint());
            m.put("line", lines.get(f.path()));
            list.add(m);
        }
        out.put("findings", list);
        out.put("yaml", yaml);
        return out;
    }

    private static Map<String, String> withJson(Map<String, String> headers) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put("Content-Type", "application/json");
        return h;
    }

    private static JsonNode read(byte[] body, String who) {
        try {
            JsonNode n = Json.mapper().readTree(body);
            if (n == null || !n.isObject()) {
                throw new Degraded("the answer of " + who + " is not a JSON object");
            }
            return n;
        } catch (IOException e) {
            throw new Degraded("the answer of " + who + " is not JSON: " + e.getMessage());
        }
    }

    // ---- time limit ----

    private <T> CompletableFuture<T> async(Supplier<T> work) {
        try {
            return CompletableFuture.supplyAsync(work, calls);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new Degraded("no service answers: too many service calls are waiting"));
        }
    }

    /** The future's value, or null with a note when it failed or the deadline passed. */
    private static <T> T await(CompletableFuture<T> f, long deadlineNanos, String what, List<String> notes) {
        try {
            return f.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            notes.add("no " + what + ": no answer within the time limit");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            notes.add(cause instanceof Degraded ? cause.getMessage()
                    : "no " + what + ": " + cause.getClass().getSimpleName() + ": " + cause.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            notes.add("no " + what + ": interrupted");
        }
        return null;
    }

    @Override
    public void close() {
        calls.shutdownNow();
    }
}
