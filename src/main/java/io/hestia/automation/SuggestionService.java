package io.hestia.automation;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.hestia.automation.generate.SuggestionDraft;
import io.hestia.automation.generate.SuggestionGenerator;
import io.hestia.automation.validate.SafetyLevel;
import io.hestia.automation.validate.ValidationReport;
import io.hestia.platform.ConflictException;
import io.hestia.platform.Json;
import io.hestia.platform.NotFoundException;
import io.hestia.platform.ServiceCaller;
import io.hestia.platform.UnavailableException;
import io.hestia.platform.UnprocessableException;
import io.hestia.store.SuggestionStore;
import io.hestia.store.SuggestionStore.SuggestionRow;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Suggestions and their lifecycle: pending → approved → deployed, or rejected / superseded. Generated from the
 * pattern service's best patterns and synergies (read through the service client) and from the query service's
 * drafts; a behaviour already suggested, or already automated in HA, is not suggested again. Approve and reject feed
 * the pattern service's feedback (kept pending and re-sent until it is delivered).
 */
public final class SuggestionService {

    private static final Logger LOG = Logger.getLogger(SuggestionService.class.getName());
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    public static final String PATTERN_TARGET = "pattern";
    public static final String QUERY_TARGET = "query";
    public static final String TRAINING_TARGET = "training";
    static final String RANK_PATH = "/api/v1/models/suggestion_ranker/score";

    public static final String PENDING = "pending";
    public static final String APPROVED = "approved";
    public static final String DEPLOYED = "deployed";
    public static final String REJECTED = "rejected";
    public static final String SUPERSEDED = "superseded";
    public static final Set<String> STATUSES = Set.of(PENDING, APPROVED, DEPLOYED, REJECTED, SUPERSEDED);

    /**
     * What a generation run did.
     *
     * @param considered items read from the pattern service
     * @param skipped    reason to count: not_actionable, already_suggested, already_automated, invalid
     */
    public record Generated(List<SuggestionRow> created, int considered, Map<String, Integer> skipped,
                            List<String> notes) {
    }

    private final SuggestionStore store;
    private final AutomationService automations;
    private final Function<Function<String, String>, SuggestionGenerator> generators;
    private final Supplier<Function<String, String>> names;
    private final ServiceCaller caller;
    private final Map<String, String> headers;
    private final Clock clock;
    private final int fetchLimit;

    /**
     * @param generators builds a generator from an entity-id-to-name lookup (the registry's friendly names)
     * @param names      entity id to friendly name (null when unknown), read once per generation
     * @param headers    headers of calls to Hestia's other services (its API token)
     * @param fetchLimit how many patterns and how many synergies are read per generation
     */
    public SuggestionService(SuggestionStore store, AutomationService automations,
                             Function<Function<String, String>, SuggestionGenerator> generators,
                             Supplier<Function<String, String>> names, ServiceCaller caller, Map<String, String> headers,
                             Clock clock, int fetchLimit) {
        this.store = store;
        this.automations = automations;
        this.generators = generators;
        this.names = names;
        this.caller = caller;
        this.headers = headers;
        this.clock = clock;
        this.fetchLimit = fetchLimit;
    }

    // ---- generation ----

    /**
     * Drafts suggestions from the pattern service's active patterns and synergies of at least
     * {@code minConfidence}, best first, and stores at most {@code limit} new ones.
     *
     * @throws UnavailableException when the pattern service cannot be reached (nothing is stored)
     */
    public Generated generate(int limit, double minConfidence) {
        List<String> notes = new ArrayList<>();
        try {
            automations.sync(); // HA's automations as they are now: a behaviour HA already automates is not suggested
        } catch (RuntimeException e) {
            notes.add("HA's automations could not be read (" + e.getMessage() + "); only those Hestia already "
                    + "knows were left out");
        }
        SuggestionGenerator generator = generators.apply(names.get());
        List<Map<String, Object>> patterns = fetch("/api/v1/patterns", "patterns", minConfidence);
        List<Map<String, Object>> synergies = fetch("/api/v1/synergies", "synergies", minConfidence);
        Map<String, Integer> skipped = new LinkedHashMap<>();
        List<SuggestionDraft> drafts = new ArrayList<>();
        for (Map<String, Object> item : synergies) {
            add(drafts, skipped, generator.fromSynergy(item));
        }
        for (Map<String, Object> item : patterns) {
            add(drafts, skipped, generator.fromPattern(item));
        }
        Set<String> known = new HashSet<>(store.behaviourKeys());
        Set<String> automated = new HashSet<>(automations.liveBehaviourKeys());
        // one suggestion per pair of devices: the motion light as a synergy, not again as "on with motion" and
        // "off after motion" patterns; a synergy (a complete automation) before a pattern of the same pair
        Set<String> subjects = new HashSet<>();
        for (String json : store.liveEntityIds()) {
            String subject = subject(stringList(json));
            if (subject != null) {
                subjects.add(subject);
            }
        }
        Map<String, SuggestionDraft> bestOfPair = new LinkedHashMap<>();
        for (SuggestionDraft d : drafts) {
            String subject = subject(d.entityIds());
            if (subject != null) {
                bestOfPair.merge(subject, d, (x, y) -> PAIR_ORDER.compare(x, y) <= 0 ? x : y);
            }
        }
        List<SuggestionRow> rows = new ArrayList<>();
        long now = clock.millis();
        // validated before ranking: the ranker weighs the safety score too
        Map<String, ValidationReport> reports = new java.util.HashMap<>();
        for (SuggestionDraft d : drafts) {
            reports.computeIfAbsent(d.key(), k -> automations.validate(d.automation(), null));
        }
        Map<String, Double> scores = acceptanceScores(drafts, reports, notes);
        drafts.sort(Comparator.comparingDouble((SuggestionDraft d) -> scores.getOrDefault(d.key(), rank(d)))
                .reversed().thenComparing(SuggestionDraft::key));
        for (SuggestionDraft d : drafts) {
            if (rows.size() >= limit) {
                break;
            }
            String subject = subject(d.entityIds());
            if (subject != null && (bestOfPair.get(subject) != d || subjects.contains(subject))
                    && !known.contains(d.key())) {
                count(skipped, "same_devices");
            } else if (automated.contains(d.key())) {
                count(skipped, "already_automated");
            } else if (!known.add(d.key())) {
                count(skipped, "already_suggested");
            } else {
                ValidationReport report = reports.get(d.key());
                if (!report.valid()) {
                    count(skipped, "invalid");
                    LOG.info("drafted suggestion " + d.key() + " from " + d.sourceId() + " is not valid: "
                            + report.findings());
                    continue;
                }
                rows.add(row(d, report, now));
                if (subject != null) {
                    subjects.add(subject);
                }
            }
        }
        store.insert(rows, now);
        if (patterns.isEmpty() && synergies.isEmpty()) {
            notes.add("the pattern service has no active patterns or synergies: run an analysis first");
        }
        return new Generated(rows, patterns.size() + synergies.size(), skipped, notes);
    }

    /**
     * A suggestion from a query's automation draft (read from the query service). When the behaviour is already
     * suggested, that suggestion is returned.
     */
    public SuggestionRow fromQuery(String queryId) {
        ServiceCaller.Response r = caller.call(QUERY_TARGET, "GET", "/api/v1/query/" + enc(queryId), null, headers,
                null);
        if (r.status() == 404) {
            throw new NotFoundException("the query service has no query " + queryId);
        }
        if (!r.ok()) {
            throw new UnavailableException("the query service answered " + r.status() + " for query " + queryId);
        }
        JsonNode q = readTree(r.body(), "the query service");
        JsonNode draft = q.path("automation_draft");
        if (!draft.isObject()) {
            throw new UnprocessableException("query " + queryId + " has no automation draft (status "
                    + q.path("status").asText() + ")", Map.of("query_id", queryId));
        }
        SuggestionDraft d = generators.apply(names.get()).fromQuery(queryId, q.path("query").asText(""),
                Json.mapper().convertValue(draft, MAP), q.path("confidence").asDouble(0.5)).orElseThrow(() ->
                new UnprocessableException("the draft of query " + queryId + " cannot be made a suggestion",
                        Map.of("query_id", queryId)));
        Optional<SuggestionRow> existing = store.findByKey(d.key());
        if (existing.isPresent()) {
            return existing.get();
        }
        ValidationReport report = automations.validate(d.automation(), null);
        SuggestionRow row = row(d, report, clock.millis());
        store.insert(List.of(row), clock.millis());
        return store.find(row.suggestionId()).orElseThrow();
    }

    /**
     * The training service's acceptance scores of the drafts (its suggestion ranker blended with the prior), by
     * behaviour key; empty, with a note, when it cannot answer (the drafts are then ranked by confidence and
     * priority).
     */
    private Map<String, Double> acceptanceScores(List<SuggestionDraft> drafts, Map<String, ValidationReport> reports,
                                                 List<String> notes) {
        if (drafts.isEmpty()) {
            return Map.of();
        }
        List<Map<String, Object>> views = new ArrayList<>();
        for (SuggestionDraft d : drafts) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("id", d.key());
            v.put("category", d.category());
            v.put("source", Map.of("kind", d.source(), "type", d.sourceType()));
            v.put("priority", d.priority());
            v.put("confidence", d.confidence());
            v.put("safety_score", reports.get(d.key()).safetyScore());
            v.put("entity_ids", d.entityIds());
            v.put("automation", d.automation());
            views.add(v);
        }
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put("Content-Type", "application/json");
        try {
            ServiceCaller.Response r = caller.call(TRAINING_TARGET, "POST", RANK_PATH, null, h,
                    Json.write(Map.of("suggestions", views)).getBytes(StandardCharsets.UTF_8));
            if (!r.ok()) {
                notes.add("ranked by confidence: the training service answered " + r.status());
                return Map.of();
            }
            Map<String, Double> out = new java.util.HashMap<>();
            java.util.Set<String> sources = new java.util.TreeSet<>();
            for (JsonNode n : readTree(r.body(), "the training service").path("scores")) {
                out.put(n.path("id").asText(), n.path("score").asDouble());
                sources.add(n.path("source").asText());
            }
            notes.add("ranked by the training service: " + String.join("; ", sources));
            return out;
        } catch (RuntimeException e) {
            notes.add("ranked by confidence: the training service is unavailable (" + e.getMessage() + ")");
            return Map.of();
        }
    }

    /** Among drafts for the same devices: synergies first, then the better rank. */
    private static final Comparator<SuggestionDraft> PAIR_ORDER = Comparator
            .comparing((SuggestionDraft d) -> "synergy".equals(d.source()) ? 0 : 1)
            .thenComparing(Comparator.comparingDouble(SuggestionService::rank).reversed())
            .thenComparing(SuggestionDraft::key);

    /** The devices a draft relates (sorted), for drafts about two or more; null for a single device's routine. */
    static String subject(List<String> entityIds) {
        if (entityIds == null || entityIds.size() < 2) {
            return null;
        }
        return String.join(",", new java.util.TreeSet<>(entityIds));
    }

    private static double rank(SuggestionDraft d) {
        double weight = switch (d.priority()) {
            case "high" -> 1.0;
            case "medium" -> 0.9;
            default -> 0.8;
        };
        return d.confidence() * weight;
    }

    private static void add(List<SuggestionDraft> drafts, Map<String, Integer> skipped,
                            Optional<SuggestionDraft> draft) {
        if (draft.isPresent()) {
            drafts.add(draft.get());
        } else {
            count(skipped, "not_actionable");
        }
    }

    private static void count(Map<String, Integer> counts, String key) {
        counts.merge(key, 1, Integer::sum);
    }

    private SuggestionRow row(SuggestionDraft d, ValidationReport report, long now) {
        return new SuggestionRow("sug-" + d.key().substring(0, 16), d.key(), d.source(), d.sourceId(), d.sourceType(),
                Json.write(d.entityIds()), d.title(), d.description(), d.evidence(), d.category(), d.priority(),
                d.confidence(), Json.write(d.automation()), report.safetyScore(), PENDING, null, null, "none", now,
                now);
    }

    private List<Map<String, Object>> fetch(String path, String field, double minConfidence) {
        ServiceCaller.Response r = caller.call(PATTERN_TARGET, "GET", path,
                "limit=" + fetchLimit + "&min_confidence=" + minConfidence, headers, null);
        if (!r.ok()) {
            throw new UnavailableException("the pattern service answered " + r.status() + " for " + path);
        }
        JsonNode list = readTree(r.body(), "the pattern service").path(field);
        List<Map<String, Object>> out = new ArrayList<>();
        for (JsonNode item : list) {
            out.add(Json.mapper().convertValue(item, MAP));
        }
        return out;
    }

    // ---- lifecycle ----

    public SuggestionRow get(String id) {
        return store.find(id).orElseThrow(() -> new NotFoundException("no suggestion " + id));
    }

    public List<SuggestionRow> list(String status, String category, int limit, int offset) {
        return store.list(status, category, limit, offset);
    }

    public Map<String, Integer> counts() {
        return store.counts();
    }

    /** pending → approved; the approval is sent to the pattern service as positive feedback. */
    public SuggestionRow approve(String id, String comment) {
        return transition(id, Set.of(PENDING), APPROVED, comment, true);
    }

    /** pending or approved → rejected; the rejection is sent to the pattern service as negative feedback. */
    public SuggestionRow reject(String id, String reason) {
        return transition(id, Set.of(PENDING, APPROVED), REJECTED, reason, false);
    }

    private SuggestionRow transition(String id, Set<String> from, String to, String reason, boolean accepted) {
        SuggestionRow s = get(id);
        if (!from.contains(s.status())) {
            throw new ConflictException("suggestion " + id + " is " + s.status() + "; only a " + String.join(" or ",
                    new java.util.TreeSet<>(from)) + " suggestion can be " + to);
        }
        String feedback = "query".equals(s.source()) ? "not_applicable" : "pending";
        if (!store.transition(id, s.status(), to, reason, feedback, clock.millis())) {
            throw new ConflictException("suggestion " + id + " changed meanwhile; read it again");
        }
        SuggestionRow updated = get(id);
        if ("pending".equals(feedback)) {
            send(updated, accepted);
        }
        return get(id);
    }

    /**
     * Deploys an approved suggestion (again: a deployed one is redeployed, which changes nothing when HA has it).
     */
    public AutomationService.Deployed deploy(String id, SafetyLevel level) {
        SuggestionRow s = get(id);
        if (!APPROVED.equals(s.status()) && !DEPLOYED.equals(s.status())) {
            throw new ConflictException("suggestion " + id + " is " + s.status() + "; approve it before deploying");
        }
        Map<String, Object> automation = AutomationService.read(s.automation());
        return automations.deploy(automation, "suggestion", "from suggestion " + id + ": " + s.title(), id, level);
    }

    /** Sends the feedback not yet delivered to the pattern service; returns how many were delivered. */
    public int flushFeedback() {
        int sent = 0;
        for (SuggestionRow s : store.feedbackPending(100)) {
            if (send(s, !REJECTED.equals(s.status()))) {
                sent++;
            }
        }
        return sent;
    }

    /** POSTs the feedback of one suggestion to its pattern or synergy; true when delivered (or the item is gone). */
    private boolean send(SuggestionRow s, boolean accepted) {
        String kind = "synergy".equals(s.source()) ? "synergies" : "patterns";
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("accepted", accepted);
        body.put("comment", (accepted ? "suggestion approved" : "suggestion rejected")
                + (s.statusReason() == null ? "" : ": " + s.statusReason()));
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put("Content-Type", "application/json");
        try {
            ServiceCaller.Response r = caller.call(PATTERN_TARGET, "POST", "/api/v1/" + kind + "/" + enc(s.sourceId())
                    + "/feedback", null, h, Json.write(body).getBytes(StandardCharsets.UTF_8));
            if (r.ok()) {
                store.feedbackState(s.suggestionId(), "sent");
                return true;
            }
            if (r.status() == 404) {
                store.feedbackState(s.suggestionId(), "item_gone");
                return true;
            }
            LOG.warning("feedback of " + s.suggestionId() + " answered " + r.status() + ": " + r.text());
        } catch (RuntimeException e) {
            LOG.info("feedback of " + s.suggestionId() + " stays pending: " + e.getMessage());
        }
        return false;
    }

    private static List<String> stringList(String json) {
        try {
            return Json.mapper().readValue(json, new TypeReference<List<String>>() {
            });
        } catch (IOException e) {
            throw new IllegalStateException("stored entity_ids are not a JSON list: " + json, e);
        }
    }

    private static JsonNode readTree(byte[] body, String who) {
        try {
            JsonNode n = Json.mapper().readTree(body);
            if (n == null || !n.isObject()) {
                throw new UnavailableException("the answer of " + who + " is not a JSON object");
            }
            return n;
        } catch (IOException e) {
            throw new UnavailableException("the answer of " + who + " is not JSON: " + e.getMessage());
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
