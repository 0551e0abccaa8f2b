package io.hestia.pattern;

import io.hestia.pattern.mining.EntityInfo;
import io.hestia.pattern.mining.EventFeed;
import io.hestia.pattern.mining.HomeModel;
import io.hestia.pattern.mining.MinedAnomaly;
import io.hestia.pattern.mining.MinedPattern;
import io.hestia.pattern.mining.MinedSynergy;
import io.hestia.pattern.mining.StateVocabulary;
import io.hestia.platform.ConflictException;
import io.hestia.platform.DaemonThreads;
import io.hestia.platform.InvalidInputException;
import io.hestia.platform.Json;
import io.hestia.platform.NotFoundException;
import io.hestia.store.AnalysisRunStore;
import io.hestia.store.AnalysisRunStore.Run;
import io.hestia.store.EventStore;
import io.hestia.store.IngestStateStore;
import io.hestia.store.MinedItemStore;
import io.hestia.store.RegistryStore;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs pattern analyses: reads the home (entities, time zone, the automations HA already has), streams the window's
 * events once through every detector, derives synergies, scores everything with the stored feedback and stores the
 * results by their stable ids. Never two at once: a second start while one runs is refused (409), a scheduled fire
 * while one runs is skipped. Every step that fails fails the run, visibly; a step that can only degrade (HA's
 * automations unreadable, so already-automated pairs cannot be left out) adds a warning to the run.
 */
public final class AnalysisService implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(AnalysisService.class.getName());
    public static final String PATTERN = "pattern";
    public static final String SYNERGY = "synergy";
    public static final String ANOMALY = "anomaly";
    /** A routine within this many minutes of a stored one of the same entity, state and days continues it. */
    static final int ROUTINE_ID_TOLERANCE_MINUTES = 60;
    /** The shortest analysis window: one week. */
    public static final int MIN_WINDOW_DAYS = 7;

    private final AnalysisRunStore runs;
    private final MinedItemStore items;
    private final EventStore events;
    private final RegistryStore registry;
    private final IngestStateStore haState;
    private final Supplier<List<Map<String, Object>>> automations;
    private final Function<List<Map<String, Object>>, Set<String>> coverage;
    private final MiningPipeline pipeline;
    private final Scoring scoring;
    private final Clock clock;
    private final int windowDays;
    private final int maxWindowDays;
    private int retentionDays = 365;
    private volatile SynergyRanking synergyRanking;
    private final AtomicReference<String> current = new AtomicReference<>();
    private final java.util.concurrent.atomic.AtomicLong lastStartedAt = new java.util.concurrent.atomic.AtomicLong();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(DaemonThreads.factory("analysis"));
    /** Runs interrupted by the last stop are marked failed before any new run starts. */
    private final java.util.concurrent.CompletableFuture<Void> ready;

    public AnalysisService(AnalysisRunStore runs, MinedItemStore items, EventStore events, RegistryStore registry,
                           IngestStateStore haState, Supplier<List<Map<String, Object>>> automations,
                           Function<List<Map<String, Object>>, Set<String>> coverage, MiningPipeline pipeline,
                           Scoring scoring, Clock clock, int windowDays, int maxWindowDays) {
        this.runs = runs;
        this.items = items;
        this.events = events;
        this.registry = registry;
        this.haState = haState;
        this.automations = automations;
        this.coverage = coverage;
        this.pipeline = pipeline;
        this.scoring = scoring;
        this.clock = clock;
        if (windowDays < MIN_WINDOW_DAYS || windowDays > maxWindowDays) {
            throw new IllegalArgumentException("hestia.pattern.window-days must be from " + MIN_WINDOW_DAYS
                    + " to hestia.pattern."
                    + "max-window-days (" + maxWindowDays + "), was " + windowDays);
        }
        this.windowDays = windowDays;
        this.maxWindowDays = maxWindowDays;
        // off the caller's thread: at start-up the store may still be migrating, and Camel need not wait for it
        this.ready = java.util.concurrent.CompletableFuture.runAsync(() -> {
            try {
                runs.failInterrupted(clock.millis());
                runs.latest().ifPresent(r -> lastStartedAt.accumulateAndGet(r.startedAt(), Math::max));
            } catch (RuntimeException e) { // best effort: a store problem shows in the next run, not forever here
                LOG.log(Level.WARNING, "could not mark interrupted analysis runs failed", e);
            }
        }, executor);
    }

    /**
     * How long history points and results that are no longer found (and never got feedback) are kept; 0 keeps
     * everything.
     */
    /** Ranks synergies with a learnt model when one answers (null: the rule confidence ranks). */
    public AnalysisService synergyRanking(SynergyRanking ranking) {
        this.synergyRanking = ranking;
        return this;
    }

    public AnalysisService retentionDays(int days) {
        if (days < 0) {
            throw new IllegalArgumentException("hestia.pattern.retention-days must be >= 0, was " + days);
        }
        this.retentionDays = days;
        return this;
    }

    /** Starts a run in the background; the run is stored (RUNNING) before this returns. */
    public Run start(String trigger, Integer days) {
        String id = acquire(days, trigger);
        try {
            executor.execute(() -> execute(id));
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            runs.finish(id, AnalysisRunStore.Status.FAILED, "{}", "[]", "Hestia is stopping", clock.millis());
            current.compareAndSet(id, null);
            throw new io.hestia.platform.UnavailableException("Hestia is stopping; the run was not started");
        }
        return runs.find(id).orElseThrow();
    }

    /** Runs synchronously (the scheduler's path); empty when another run is in progress (skipped, logged). */
    public Optional<Run> runScheduled() {
        String id;
        try {
            id = acquire(null, "schedule");
        } catch (ConflictException busy) {
            LOG.info("scheduled analysis skipped: " + busy.getMessage());
            return Optional.empty();
        }
        execute(id);
        return runs.find(id);
    }

    /**
     * Catch-up after downtime: the in-memory scheduler forgets fires missed while the process was down, so a start
     * runs one analysis when the last successful run is older than {@code maxAgeMs} (or there is none) and the store
     * has events. Empty when nothing was due or another run is in progress.
     */
    public Optional<Run> catchUp(long maxAgeMs) {
        Optional<Run> last = runs.latestSucceeded();
        if (last.isPresent() && clock.millis() - last.get().startedAt() < maxAgeMs) {
            return Optional.empty();
        }
        if (events.latestTime().isEmpty()) {
            return Optional.empty();
        }
        String id;
        try {
            id = acquire(null, "catch_up");
        } catch (ConflictException busy) {
            return Optional.empty();
        }
        execute(id);
        return runs.find(id);
    }

    private String acquire(Integer days, String trigger) {
        int d = days == null ? windowDays : days;
        if (d < MIN_WINDOW_DAYS || d > maxWindowDays) {
            // a shorter window cannot show a weekly routine, and its run would retire every stored one
            throw InvalidInputException.of("window_days", "must be between " + MIN_WINDOW_DAYS + " and "
                    + maxWindowDays + ", was " + d);
        }
        ready.join();
        String id = UUID.randomUUID().toString();
        if (!current.compareAndSet(null, id)) {
            throw new ConflictException("analysis run " + current.get() + " is in progress; wait for it to finish");
        }
        try {
            long now = clock.millis();
            // whole local days: the window ends at the home's last midnight, so no day is half observed (an
            // evening routine is not charged a miss on a day the window cut off at 03:00)
            long[] window = wholeDaysBefore(now, d, zone(haState.config().get("time_zone"), new ArrayList<>()));
            long start = window[0];
            long end = window[1];
            // started_at orders runs ("the last run"): strictly increasing even when two start in one millisecond
            long started = lastStartedAt.updateAndGet(prev -> Math.max(now, prev + 1));
            runs.create(id, trigger, start, end, started);
        } catch (RuntimeException e) {
            current.set(null);
            throw e;
        }
        return id;
    }

    public Run get(String id) {
        return runs.find(id).orElseThrow(() -> new NotFoundException("no analysis run " + id));
    }

    public Optional<Run> latest() {
        return runs.latest();
    }

    /** The id of the run in progress, if any. */
    public Optional<String> running() {
        return Optional.ofNullable(current.get());
    }

    public int windowDays() {
        return windowDays;
    }

    private void execute(String id) {
        Map<String, Long> phaseMs = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        try {
            Run run = runs.find(id).orElseThrow();
            long t = System.nanoTime();
            runs.phase(id, "home", Json.write(phaseMs));
            HomeModel home = home(warnings);
            t = lap(phaseMs, "home", t);

            runs.phase(id, "events", Json.write(phaseMs));
            StateVocabulary vocab = new StateVocabulary();
            MiningPipeline.Session session = pipeline.open(home, vocab, run.windowStartMs(), run.windowEndMs());
            EventFeed feed = new EventFeed(home, vocab, session.sinks());
            long read = events.streamStates(run.windowStartMs(), run.windowEndMs(), feed::accept);
            t = lap(phaseMs, "events", t);

            runs.phase(id, "detect", Json.write(phaseMs));
            MiningPipeline.Results results = session.detect();
            t = lap(phaseMs, "detect", t);
            runs.phase(id, "synergies", Json.write(phaseMs));
            List<MinedSynergy> synergies = withEvidence(session.synergies(results.patterns()), feed);
            Map<String, SynergyRanking.Ranked> ranked = rank(synergies, results.patterns(), warnings);
            t = lap(phaseMs, "synergies", t);

            runs.phase(id, "store", Json.write(phaseMs));
            long now = clock.millis();
            // one transaction: a run that fails here leaves nothing of itself behind; scores are computed from the
            // posteriors read inside it, so feedback given meanwhile is kept
            items.storeRun(id, List.of(batch(PATTERN, patternItems(results.patterns(), home)),
                    batch(SYNERGY, synergyItems(synergies, ranked)), batch(ANOMALY, anomalyItems(results.anomalies()))), now,
                    scoring::score);
            if (retentionDays > 0) {
                items.purgeBefore(now - retentionDays * 86_400_000L);
            }
            lap(phaseMs, "store", t);
            runs.counts(id, read, home.size(), results.patterns().size(), synergies.size(),
                    results.anomalies().size());
            runs.finish(id, AnalysisRunStore.Status.SUCCEEDED, Json.write(phaseMs), Json.write(warnings), null,
                    clock.millis());
            LOG.info(() -> "analysis run " + id + ": " + read + " events, " + results.patterns().size()
                    + " patterns, " + synergies.size() + " synergies, " + results.anomalies().size() + " anomalies, "
                    + phaseMs + " ms");
        } catch (Throwable e) { // an Error too: a run must never stay RUNNING
            LOG.log(Level.WARNING, "analysis run " + id + " failed", e);
            try {
                runs.finish(id, AnalysisRunStore.Status.FAILED, Json.write(phaseMs), Json.write(warnings),
                        e.getClass().getSimpleName() + ": " + e.getMessage(), clock.millis());
            } catch (RuntimeException again) {
                LOG.log(Level.SEVERE, "recording the failure of analysis run " + id + " failed", again);
            }
            if (e instanceof Error err) {
                throw err;
            }
        } finally {
            current.compareAndSet(id, null);
        }
    }

    private static long lap(Map<String, Long> phaseMs, String phase, long t0) {
        long t1 = System.nanoTime();
        phaseMs.put(phase, (t1 - t0) / 1_000_000);
        return t1;
    }

    /** [start, end) of the {@code days} whole local days before the home's last midnight at {@code nowMs}. */
    static long[] wholeDaysBefore(long nowMs, int days, ZoneId zone) {
        java.time.LocalDate today = java.time.Instant.ofEpochMilli(nowMs).atZone(zone).toLocalDate();
        return new long[] {today.minusDays(days).atStartOfDay(zone).toInstant().toEpochMilli(),
                today.atStartOfDay(zone).toInstant().toEpochMilli()};
    }

    /** HA's time zone, UTC when the home gives none (or one the JDK does not know, with a warning). */
    static ZoneId zone(String tz, List<String> warnings) {
        try {
            return tz == null || tz.isBlank() ? ZoneId.of("UTC") : ZoneId.of(tz);
        } catch (DateTimeException e) {
            warnings.add("HA's time zone '" + tz + "' is unknown; mined in UTC");
            return ZoneId.of("UTC");
        }
    }

    /** The miners' view of the home: registry entities, HA's time zone, and the automations HA already has. */
    HomeModel home(List<String> warnings) {
        ZoneId zone = zone(haState.config().get("time_zone"), warnings);
        List<EntityInfo> infos = new ArrayList<>();
        for (RegistryStore.EntityRow e : registry.entities(null, null, null, Integer.MAX_VALUE)) {
            infos.add(new EntityInfo(infos.size(), e.entityId(), e.domain(), e.deviceClass(), e.areaId(), e.name()));
        }
        Set<String> automated = Set.of();
        try {
            automated = coverage.apply(automations.get());
        } catch (RuntimeException e) {
            warnings.add("the home's automations could not be read (" + e.getMessage()
                    + "); pairs they may already cover were not left out");
        }
        return new HomeModel(zone, infos, automated);
    }

    private record Prepared(List<MinedItemStore.Item> items, Map<String, List<String>> entities) {
    }

    private static MinedItemStore.Batch batch(String kind, Prepared p) {
        return new MinedItemStore.Batch(kind, p.items(), p.entities());
    }

    /**
     * A synergy suggested from its rule alone has no co-occurrence to show; its samples are then the trigger's
     * latest changes, so a person can still check what the suggestion would have reacted to.
     */
    private static List<MinedSynergy> withEvidence(List<MinedSynergy> synergies, EventFeed feed) {
        List<MinedSynergy> out = new ArrayList<>(synergies.size());
        for (MinedSynergy s : synergies) {
            List<Long> samples = s.samples();
            Map<String, Object> details = s.details();
            if (samples.isEmpty()) {
                samples = feed.recentChanges(s.entityIds().get(0));
                details = new LinkedHashMap<>(details);
                details.put("samples_are", "the trigger's latest changes (not observed together yet)");
            }
            out.add(samples == s.samples() ? s : new MinedSynergy(s.id(), s.type(), s.entityIds(), s.depth(),
                    s.area(), s.impact(), s.confidence(), s.complexity(), s.rule(), details,
                    s.supportingPatternIds(), samples, s.explanation()));
        }
        return out;
    }

    /** Routines keep the id of the stored routine they continue (see {@link RoutineIds}). */
    private List<MinedPattern> lastingIds(List<MinedPattern> patterns) {
        List<RoutineIds.Stored> stored = new ArrayList<>();
        for (MinedItemStore.Item it : items.ofType(PATTERN, MinedPattern.TIME_OF_DAY)) {
            try {
                com.fasterxml.jackson.databind.JsonNode d = Json.mapper().readTree(it.detailsJson());
                String key = it.entityIds().get(0) + "|" + it.state() + "|" + d.path("day_mask").asText() + "|"
                        + Json.mapper().convertValue(d.path("days"), List.class);
                stored.add(new RoutineIds.Stored(it.itemId(), key, d.path("typical_minute").asInt(-10_000)));
            } catch (java.io.IOException e) {
                throw new IllegalStateException("stored routine " + it.itemId() + " has unreadable details", e);
            }
        }
        return RoutineIds.assign(patterns, stored, ROUTINE_ID_TOLERANCE_MINUTES);
    }

    private Prepared patternItems(List<MinedPattern> patterns, HomeModel home) {
        patterns = lastingIds(patterns);
        List<MinedItemStore.Item> out = new ArrayList<>();
        Map<String, List<String>> entities = new HashMap<>();
        for (MinedPattern p : dedupe(patterns, MinedPattern::id)) {
            double base = Scoring.clamp(p.confidence());
            int first = home.find(p.entityIds().get(0));
            String area = first < 0 ? null : home.entity(first).areaId();
            out.add(item(p.id(), PATTERN, p.type(), p.entityIds(), p.state(), area, p.entityIds().size(),
                    p.confidence(), p.support(), base, base, p.firstSeenMs(), p.lastSeenMs(), p.details(),
                    p.samples(), p.explanation()));
            entities.put(p.id(), p.entityIds());
        }
        return new Prepared(out, entities);
    }

    /**
     * The synergy scorer's scores of this run's synergies; empty, with a warning, when it cannot answer (the rule
     * confidence ranks then, as without a model).
     */
    private Map<String, SynergyRanking.Ranked> rank(List<MinedSynergy> synergies, List<MinedPattern> patterns,
                                                    List<String> warnings) {
        SynergyRanking ranking = synergyRanking;
        if (ranking == null || synergies.isEmpty()) {
            return Map.of();
        }
        List<Map<String, Object>> views = new ArrayList<>();
        for (MinedSynergy s : synergies) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("id", s.id());
            v.put("type", s.type());
            v.put("entity_ids", s.entityIds());
            v.put("area_id", s.area());
            v.put("confidence", s.confidence());
            v.put("details", s.details());
            views.add(v);
        }
        List<Map<String, Object>> co = new ArrayList<>();
        for (MinedPattern p : patterns) {
            if (MinedPattern.CO_OCCURRENCE.equals(p.type())) {
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("id", p.id());
                v.put("type", p.type());
                v.put("entity_ids", p.entityIds());
                v.put("support", p.support());
                v.put("confidence", p.confidence());
                v.put("details", p.details());
                co.add(v);
            }
        }
        try {
            return ranking.rank(views, co);
        } catch (RuntimeException e) {
            warnings.add("synergies ranked by rule confidence: the synergy scorer did not answer (" + e.getMessage()
                    + ")");
            return Map.of();
        }
    }

    private Prepared synergyItems(List<MinedSynergy> synergies, Map<String, SynergyRanking.Ranked> ranked) {
        List<MinedItemStore.Item> out = new ArrayList<>();
        Map<String, List<String>> entities = new HashMap<>();
        for (MinedSynergy s : dedupe(synergies, MinedSynergy::id)) {
            SynergyRanking.Ranked r = ranked.get(s.id());
            // a learnt model's probability ranks in place of the rule confidence; the heuristic is the rule itself
            double base = Scoring.synergyBase(s.impact(), r != null && r.fromModel() ? r.score() : s.confidence());
            Map<String, Object> details = new LinkedHashMap<>(s.details());
            if (r != null) {
                details.put("model_score", r.score());
                details.put("model_source", r.source());
            }
            details.put("impact", s.impact());
            details.put("complexity", s.complexity());
            details.put("rule", s.rule());
            details.put("supporting_pattern_ids", s.supportingPatternIds());
            Long first = s.samples().isEmpty() ? null : s.samples().get(0);
            Long last = s.samples().isEmpty() ? null : s.samples().get(s.samples().size() - 1);
            out.add(item(s.id(), SYNERGY, s.type(), s.entityIds(), null, s.area(), s.depth(), s.confidence(),
                    s.samples().size(), base, base, first, last, details, s.samples(), s.explanation()));
            entities.put(s.id(), s.entityIds());
        }
        return new Prepared(out, entities);
    }

    private Prepared anomalyItems(List<MinedAnomaly> anomalies) {
        List<MinedItemStore.Item> out = new ArrayList<>();
        Map<String, List<String>> entities = new HashMap<>();
        for (MinedAnomaly a : dedupe(anomalies, MinedAnomaly::id)) {
            double base = Scoring.clamp(a.severity());
            out.add(item(a.id(), ANOMALY, a.kind(), List.of(a.entityId()), null, null, 1, a.severity(),
                    a.samples().size(), base, base, a.startMs(), a.endMs(), a.details(), a.samples(),
                    a.explanation()));
            entities.put(a.id(), List.of(a.entityId()));
        }
        return new Prepared(out, entities);
    }

    /** Keeps the first of items sharing an id (a detector bug must not make the batch fail on the key). */
    private static <T> List<T> dedupe(List<T> in, Function<T, String> id) {
        Map<String, T> byId = new LinkedHashMap<>();
        for (T t : in) {
            byId.putIfAbsent(id.apply(t), t);
        }
        if (byId.size() != in.size()) {
            LOG.warning((in.size() - byId.size()) + " mined items shared an id with another; kept the first");
        }
        return new ArrayList<>(byId.values());
    }

    private static MinedItemStore.Item item(String id, String kind, String type, List<String> entityIds, String state,
                                            String area, int depth, double confidence, int support, double base,
                                            double score, Long first, Long last, Map<String, Object> details,
                                            List<Long> samples, String explanation) {
        return new MinedItemStore.Item(id, kind, type, Json.write(entityIds), entityIds, state, area, depth,
                confidence, support, base, score, first, last, Json.write(details), Json.write(samples), explanation,
                true, 0, 0, null);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
