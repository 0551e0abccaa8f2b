package io.hestia.pattern;

import static io.hestia.platform.QueryParams.intParam;

import com.fasterxml.jackson.databind.JsonNode;
import io.hestia.platform.InvalidInputException;
import io.hestia.platform.Json;
import io.hestia.platform.JsonBody;
import io.hestia.platform.NotFoundException;
import io.hestia.store.AnalysisRunStore.Run;
import io.hestia.store.MinedItemStore;
import io.hestia.store.MinedItemStore.HistoryPoint;
import io.hestia.store.MinedItemStore.Item;
import io.hestia.store.MinedItemStore.Posterior;
import org.quartz.CronExpression;

import java.io.IOException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.UUID;

/**
 * The pattern service's HTTP-facing operations, as plain methods over strings (query parameters and bodies), so
 * the routes only wire: listing, reading and counting patterns, synergies and anomalies; feedback; analysis runs and
 * status. Bad parameters raise {@link InvalidInputException} naming the field (a 400 problem).
 */
public final class PatternApi {

    static final Set<String> PATTERN_TYPES = Set.of("time_of_day", "co_occurrence");
    static final Set<String> SYNERGY_TYPES = Set.of("device_pair", "device_chain");
    static final Set<String> ANOMALY_TYPES = Set.of("daily_count", "unusual_gap", "unusual_hour", "stuck_on", "silent");
    static final int MAX_LIMIT = 500;
    static final int MAX_COMMENT = 2000;

    private final AnalysisService analysis;
    private final MinedItemStore items;
    private final Scoring scoring;
    private final Clock clock;
    private final String cron;
    private final TimeZone cronZone;
    private final boolean scheduled;

    public PatternApi(AnalysisService analysis, MinedItemStore items, Scoring scoring, Clock clock, String cron,
                      TimeZone cronZone) {
        this(analysis, items, scoring, clock, cron, cronZone, true);
    }

    /** @param scheduled whether the nightly route runs ({@code hestia.pattern.schedule-enabled}) */
    public PatternApi(AnalysisService analysis, MinedItemStore items, Scoring scoring, Clock clock, String cron,
                      TimeZone cronZone, boolean scheduled) {
        this.analysis = analysis;
        this.items = items;
        this.scoring = scoring;
        this.clock = clock;
        this.cron = cron;
        this.cronZone = cronZone;
        this.scheduled = scheduled;
        nextFire(); // a bad cron expression fails the start, not the first status call
    }

    // ---- lists ----

    public Map<String, Object> list(String kind, String type, String entityId, String minConfidence, String sort,
                                    String limit, String cursor, String depth, String includeInactive) {
        Set<String> types = types(kind);
        if (type != null && !type.isBlank() && !types.contains(type)) {
            throw InvalidInputException.of("type", "must be one of " + new java.util.TreeSet<>(types) + ", was '"
                    + type + "'");
        }
        Double min = null;
        if (minConfidence != null && !minConfidence.isBlank()) {
            try {
                min = Double.parseDouble(minConfidence);
            } catch (NumberFormatException e) {
                throw InvalidInputException.of("min_confidence", "must be a number between 0 and 1");
            }
            if (!(min >= 0 && min <= 1)) {
                throw InvalidInputException.of("min_confidence", "must be between 0 and 1, was " + minConfidence);
            }
        }
        MinedItemStore.Sort order = MinedItemStore.Sort.SCORE;
        if (sort != null && !sort.isBlank()) {
            try {
                order = MinedItemStore.Sort.valueOf(sort.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw InvalidInputException.of("sort", "must be one of score, confidence, support, last_seen");
            }
        }
        int n = intParam("limit", limit, 50, 1, MAX_LIMIT);
        Integer d = null;
        if (depth != null && !depth.isBlank()) {
            if (!AnalysisService.SYNERGY.equals(kind)) {
                throw InvalidInputException.of("depth", "applies to synergies only");
            }
            d = intParam("depth", depth, 2, 2, 4);
        }
        if (entityId != null && !entityId.isBlank() && !entityId.matches("[a-z0-9_]+\\.[a-z0-9_]+")) {
            throw InvalidInputException.of("entity_id", "must be an entity id such as light.kitchen");
        }
        boolean inactive = false;
        if (includeInactive != null && !includeInactive.isBlank()) {
            if (!includeInactive.equalsIgnoreCase("true") && !includeInactive.equalsIgnoreCase("false")) {
                throw InvalidInputException.of("include_inactive", "must be true or false");
            }
            inactive = Boolean.parseBoolean(includeInactive);
        }
        MinedItemStore.Page page;
        try {
            page = items.list(new MinedItemStore.Query(kind, blank(type), blank(entityId), min, d, inactive, order, n,
                    blank(cursor)));
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of("cursor", "is not a cursor this API returned");
        }
        List<Map<String, Object>> views = new ArrayList<>();
        Map<String, Posterior> post = items.posteriors(page.items().stream().map(Item::itemId).toList());
        for (Item it : page.items()) {
            views.add(view(it, post.getOrDefault(it.itemId(), Posterior.PRIOR), null));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(plural(kind), views);
        out.put("count", views.size());
        out.put("next_cursor", page.nextCursor());
        return out;
    }

    public Map<String, Object> get(String kind, String id) {
        Item it = items.find(kind, id).orElseThrow(() -> new NotFoundException("no " + kind + " " + id));
        return view(it, items.posterior(id), items.history(id, 30));
    }

    public Map<String, Object> stats(String kind) {
        MinedItemStore.Stats s = items.stats(kind);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("total", s.total());
        out.put("by_type", s.byType());
        out.put("mean_confidence", round(s.meanConfidence()));
        out.put("entities", s.entities());
        out.put("with_feedback", s.withFeedback());
        out.put("inactive", s.inactive());
        analysis.latest().ifPresent(r -> out.put("last_run_id", r.runId()));
        return out;
    }

    // ---- feedback ----

    /** {@code {accepted, rating?, comment?}} for an item; stores it, updates the posterior and the score. */
    public Map<String, Object> feedback(String kind, String id, String body) {
        Item it = items.find(kind, id).orElseThrow(() -> new NotFoundException("no " + kind + " " + id));
        JsonNode json = JsonBody.object(body);
        JsonNode acc = json.get("accepted");
        if (acc == null || !acc.isBoolean()) {
            throw InvalidInputException.of("accepted", "is required: true or false");
        }
        Integer rating = null;
        JsonNode r = json.get("rating");
        if (r != null && !r.isNull()) {
            if (!r.isIntegralNumber() || !r.canConvertToInt() || r.intValue() < 1 || r.intValue() > 5) {
                throw InvalidInputException.of("rating", "must be a whole number from 1 to 5");
            }
            rating = r.intValue();
        }
        String comment = null;
        JsonNode c = json.get("comment");
        if (c != null && !c.isNull()) {
            if (!c.isTextual()) {
                throw InvalidInputException.of("comment", "must be text");
            }
            if (c.asText().length() > MAX_COMMENT) {
                throw InvalidInputException.of("comment", "must be at most " + MAX_COMMENT + " characters");
            }
            comment = c.asText();
        }
        String feedbackId = UUID.randomUUID().toString();
        MinedItemStore.FeedbackResult result = items.addFeedback(feedbackId, kind, id, acc.booleanValue(), rating,
                comment, Scoring.success(acc.booleanValue(), rating), clock.millis(), scoring::score);
        Posterior p = result.posterior();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("feedback_id", feedbackId);
        out.put("id", id);
        out.put("accepted", acc.booleanValue());
        out.put("rating", rating);
        out.put("score_before", round(result.scoreBefore()));
        out.put("score", round(result.score()));
        out.put("posterior", posterior(p));
        out.put("explanation", scoring.explain(result.base(), p));
        return out;
    }

    // ---- runs ----

    public Map<String, Object> startRun(String body) {
        Integer days = null;
        if (body != null && !body.isBlank()) {
            JsonNode json = JsonBody.object(body);
            JsonNode d = json.get("window_days");
            if (d != null && !d.isNull()) {
                if (!d.isIntegralNumber() || !d.canConvertToInt()) {
                    throw InvalidInputException.of("window_days", "must be a whole number of days from 1 to 365");
                }
                days = d.intValue();
            }
        }
        return run(analysis.start("api", days));
    }

    public Map<String, Object> getRun(String id) {
        return run(analysis.get(id));
    }

    public Map<String, Object> status() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("running_run_id", analysis.running().orElse(null));
        out.put("last_run", analysis.latest().map(this::run).orElse(null));
        out.put("schedule", cron);
        out.put("schedule_time_zone", cronZone.getID());
        out.put("schedule_enabled", scheduled);
        Date next = scheduled ? nextFire() : null;
        out.put("next_fire_time", next == null ? null : next.toInstant().toString());
        out.put("window_days", analysis.windowDays());
        return out;
    }

    private Date nextFire() {
        try {
            CronExpression e = new CronExpression(cron);
            e.setTimeZone(cronZone);
            return e.getNextValidTimeAfter(new Date(clock.millis()));
        } catch (ParseException e) {
            throw new IllegalArgumentException("hestia.pattern.cron is not a Quartz cron expression: " + cron, e);
        }
    }

    Map<String, Object> run(Run r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", r.runId());
        out.put("trigger", r.trigger());
        out.put("status", r.status().name().toLowerCase(Locale.ROOT));
        out.put("phase", r.phase());
        out.put("window_start", iso(r.windowStartMs()));
        out.put("window_end", iso(r.windowEndMs()));
        out.put("started_at", iso(r.startedAt()));
        out.put("finished_at", r.finishedAt() == null ? null : iso(r.finishedAt()));
        out.put("duration_ms", r.finishedAt() == null ? clock.millis() - r.startedAt() : r.finishedAt() - r.startedAt());
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("events", r.eventsRead());
        counts.put("entities", r.entities());
        counts.put("patterns", r.patterns());
        counts.put("synergies", r.synergies());
        counts.put("anomalies", r.anomalies());
        out.put("counts", counts);
        out.put("phase_ms", Json.mapper().valueToTree(readTree(r.phaseMsJson())));
        out.put("warnings", readTree(r.warningsJson()));
        out.put("error", r.error());
        return out;
    }

    // ---- views ----

    private Map<String, Object> view(Item it, Posterior p, List<HistoryPoint> history) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", it.itemId());
        out.put("type", it.type());
        boolean anomaly = AnalysisService.ANOMALY.equals(it.kind());
        if (anomaly) {
            out.put("entity_id", it.entityIds().get(0));
            out.put("severity", round(it.confidence()));
            out.put("severity_level", it.confidence() >= 0.75 ? "high" : it.confidence() >= 0.4 ? "medium" : "low");
            out.put("start", it.firstSeenMs() == null ? null : iso(it.firstSeenMs()));
            out.put("end", it.lastSeenMs() == null ? null : iso(it.lastSeenMs()));
        } else {
            out.put("entity_ids", it.entityIds());
            if (it.state() != null) {
                out.put("state", it.state());
            }
            if (AnalysisService.SYNERGY.equals(it.kind())) {
                out.put("depth", it.depth());
            }
            out.put("area_id", it.areaId());
            out.put("confidence", round(it.confidence()));
            out.put("support", it.support());
            out.put("first_seen", it.firstSeenMs() == null ? null : iso(it.firstSeenMs()));
            out.put("last_seen", it.lastSeenMs() == null ? null : iso(it.lastSeenMs()));
        }
        out.put("score", round(it.score()));
        out.put("base_score", round(it.baseScore()));
        String feedbackSentence = scoring.explain(it.baseScore(), p);
        out.put("explanation", feedbackSentence == null ? it.explanation() : it.explanation() + " " + feedbackSentence);
        out.put("details", readTree(it.detailsJson()));
        List<String> samples = new ArrayList<>();
        for (JsonNode s : readTree(it.samplesJson())) {
            samples.add(iso(s.asLong()));
        }
        out.put("samples", samples);
        out.put("feedback", posterior(p));
        if (history != null) {
            out.put("trend", trend(history));
        }
        out.put("active", it.active());
        out.put("updated_at", iso(it.updatedAt()));
        return out;
    }

    private static Map<String, Object> posterior(Posterior p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("accepted", p.accepted());
        out.put("rejected", p.rejected());
        out.put("alpha", round(p.alpha()));
        out.put("beta", round(p.beta()));
        out.put("posterior_mean", round(p.mean()));
        return out;
    }

    /** Least-squares slope of confidence per run over the stored history. */
    static Map<String, Object> trend(List<HistoryPoint> history) {
        Map<String, Object> out = new LinkedHashMap<>();
        int n = history.size();
        double slope = 0;
        if (n >= 2) {
            double mx = (n - 1) / 2.0;
            double my = history.stream().mapToDouble(HistoryPoint::confidence).average().orElse(0);
            double sxy = 0;
            double sxx = 0;
            for (int i = 0; i < n; i++) {
                sxy += (i - mx) * (history.get(i).confidence() - my);
                sxx += (i - mx) * (i - mx);
            }
            slope = sxy / sxx;
        }
        out.put("direction", n < 2 ? "new" : slope > 0.005 ? "rising" : slope < -0.005 ? "falling" : "stable");
        out.put("slope_per_run", round(slope));
        List<Map<String, Object>> points = new ArrayList<>();
        for (HistoryPoint h : history) {
            Map<String, Object> pt = new LinkedHashMap<>();
            pt.put("run_id", h.runId());
            pt.put("confidence", round(h.confidence()));
            pt.put("support", h.support());
            pt.put("at", iso(h.recordedAt()));
            points.add(pt);
        }
        out.put("history", points);
        return out;
    }

    // ---- helpers ----

    private static Set<String> types(String kind) {
        return switch (kind) {
            case AnalysisService.PATTERN -> PATTERN_TYPES;
            case AnalysisService.SYNERGY -> SYNERGY_TYPES;
            case AnalysisService.ANOMALY -> ANOMALY_TYPES;
            default -> throw new IllegalArgumentException("unknown kind " + kind);
        };
    }

    private static String plural(String kind) {
        return switch (kind) {
            case AnalysisService.SYNERGY -> "synergies";
            case AnalysisService.ANOMALY -> "anomalies";
            default -> "patterns";
        };
    }

    private static JsonNode readTree(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("stored JSON is unreadable: " + json, e);
        }
    }


    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String iso(long ms) {
        return Instant.ofEpochMilli(ms).toString();
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
