package io.hestia.platform;

import io.hestia.HestiaApplication;
import io.hestia.automation.AutomationApi;
import io.hestia.automation.AutomationService;
import io.hestia.automation.HomeContexts;
import io.hestia.automation.SuggestionService;
import io.hestia.automation.ValidationProcessor;
import io.hestia.automation.generate.SuggestionGenerator;
import io.hestia.automation.validate.AutomationValidator;
import io.hestia.automation.validate.SafetyLevel;
import io.hestia.store.AutomationStore;
import io.hestia.store.SuggestionStore;
import io.hestia.ha.HaIngestor;
import io.hestia.ha.HaRestClient;
import io.hestia.ha.HaSyncService;
import io.hestia.ha.HaWebSocketClient;
import io.hestia.ha.HistoryBackfill;
import io.hestia.ha.HomeDataService;
import io.hestia.ha.SyncRequestProcessor;
import io.hestia.platform.health.HestiaHealthChecks;
import io.hestia.pattern.AnalysisService;
import io.hestia.pattern.DefaultMiningPipeline;
import io.hestia.pattern.mining.AnomalyDetector;
import io.hestia.pattern.mining.CoOccurrenceDetector;
import io.hestia.pattern.mining.RoutineDetector;
import io.hestia.pattern.mining.SynergyDetector;
import io.hestia.pattern.HaAutomations;
import io.hestia.pattern.Heatmaps;
import io.hestia.pattern.PatternApi;
import io.hestia.pattern.TrainingSynergyRanking;
import io.hestia.pattern.Scoring;
import io.hestia.pattern.mining.AutomationCoverage;
import io.hestia.ha.schema.HaAutomationSchema;
import io.hestia.query.Parser;
import io.hestia.query.QueryApi;
import io.hestia.query.QueryService;
import io.hestia.query.RequestParser;
import io.hestia.query.Suggestions;
import io.hestia.query.llm.LlmAssistedParser;
import io.hestia.query.llm.LlmInterpreter;
import io.hestia.query.llm.LlmSettings;
import io.hestia.store.AnalysisRunStore;
import io.hestia.store.QueryStore;
import io.hestia.store.MinedItemStore;
import io.hestia.store.CorrelationCacheStore;
import io.hestia.store.Database;
import io.hestia.store.EventStore;
import io.hestia.store.IngestStateStore;
import io.hestia.store.RegistryStore;
import io.hestia.store.SyncRunStore;
import io.hestia.store.SyntheticHomeStore;
import io.hestia.training.HomeClassifier;
import io.hestia.training.InferenceService;
import io.hestia.training.ModelRegistry;
import io.hestia.training.RankerLabels;
import io.hestia.training.SuggestionRanker;
import io.hestia.training.SynergyFeedback;
import io.hestia.training.SynergyScorer;
import io.hestia.training.ml.PairFeedback;
import io.hestia.training.SyntheticHomesService;
import io.hestia.training.TrainingApi;
import io.hestia.training.TrainingSchedule;
import io.hestia.training.TrainingService;
import io.hestia.training.ml.HomeTypeData;
import io.hestia.training.ml.ModelType;
import io.hestia.training.ml.RankerData;
import io.hestia.training.ml.RankerLabel;
import io.hestia.training.ml.SynergyData;
import io.hestia.training.ml.Trainer;
import io.hestia.store.TrainingStore;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.service.ServiceSupport;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Builds Hestia's beans from application.properties and binds them for the routes: the store, the platform
 * pieces, and the HA connection (a real HA, or the built-in simulator with a synthetic home when no HA URL is
 * configured).
 */
public class HestiaConfiguration implements CamelConfiguration {

    private static final Logger LOG = Logger.getLogger(HestiaConfiguration.class.getName());

    @PropertyInject("hestia.db")
    String db;
    @PropertyInject("hestia.db.pool-size")
    int poolSize;
    @PropertyInject("hestia.db.busy-timeout-ms")
    int busyTimeoutMs;
    @PropertyInject("hestia.db.cache-kib")
    int dbCacheKib;
    @PropertyInject(value = "hestia.api.token", defaultValue = "")
    String apiToken;
    @PropertyInject(value = "hestia.web.dir", defaultValue = "")
    String webDir;
    @PropertyInject("hestia.cache.max-entries")
    long cacheMaxEntries;
    @PropertyInject("hestia.cache.ttl-seconds")
    long cacheTtlSeconds;
    @PropertyInject("camel.server.port")
    int serverPort;
    @PropertyInject("camel.server.max-body-size")
    long maxBodyBytes;
    @PropertyInject("hestia.client.retries")
    int clientRetries;
    @PropertyInject("hestia.client.retry-delay-ms")
    long clientRetryDelayMs;
    @PropertyInject("hestia.client.max-retry-delay-ms")
    long clientMaxRetryDelayMs;
    @PropertyInject(value = "hestia.ha.url", defaultValue = "")
    String haUrl;
    @PropertyInject(value = "hestia.ha.token", defaultValue = "")
    String haToken;
    @PropertyInject("hestia.sim.seed")
    long simSeed;
    @PropertyInject("hestia.sim.type")
    String simType;
    @PropertyInject("hestia.sim.devices")
    int simDevices;
    @PropertyInject("hestia.sim.days")
    int simDays;
    @PropertyInject("hestia.sim.speed")
    double simSpeed;
    @PropertyInject("hestia.sim.token")
    String simToken;
    @PropertyInject("hestia.ha.initial-backfill-days")
    int initialBackfillDays;
    @PropertyInject("hestia.ha.sync.default-days")
    int syncDefaultDays;
    @PropertyInject("hestia.ha.sync.max-days")
    int syncMaxDays;
    @PropertyInject("hestia.ha.backfill.entity-batch")
    int backfillEntityBatch;
    @PropertyInject("hestia.ha.backfill.fetch-threads")
    int backfillThreads;
    @PropertyInject("hestia.ha.backfill.attributes")
    boolean backfillAttributes;
    @PropertyInject("hestia.memory.release-after-bulk")
    boolean releaseMemoryAfterBulk;
    @PropertyInject("hestia.memory.quiet-ms")
    long memoryQuietMs;
    @PropertyInject("hestia.ha.reconnect-overlap-ms")
    long reconnectOverlapMs;
    @PropertyInject("hestia.ha.command-timeout-ms")
    long commandTimeoutMs;
    @PropertyInject("hestia.ha.max-backoff-ms")
    long maxBackoffMs;

    @PropertyInject("hestia.pattern.cron")
    String patternCron;
    @PropertyInject("hestia.pattern.cron-time-zone")
    String patternCronZone;
    @PropertyInject("hestia.pattern.retention-days")
    int patternRetentionDays;
    @PropertyInject("hestia.pattern.schedule-enabled")
    boolean patternScheduleEnabled;
    @PropertyInject("hestia.pattern.window-days")
    int patternWindowDays;
    @PropertyInject("hestia.pattern.max-window-days")
    int patternMaxWindowDays;
    @PropertyInject("hestia.pattern.feedback.k")
    double feedbackK;
    @PropertyInject("hestia.pattern.feedback.max-weight")
    double feedbackMaxWeight;

    @PropertyInject(value = "hestia.services", defaultValue = "training,pattern,query,automation")
    String services;
    @PropertyInject(value = "hestia.query.llm.url", defaultValue = "")
    String llmUrl;
    @PropertyInject(value = "hestia.query.llm.path", defaultValue = LlmSettings.DEFAULT_PATH)
    String llmPath;
    @PropertyInject(value = "hestia.query.llm.model", defaultValue = "")
    String llmModel;
    @PropertyInject(value = "hestia.query.llm.api-key", defaultValue = "")
    String llmApiKey;
    @PropertyInject(value = "hestia.query.llm.min-confidence", defaultValue = "0.5")
    double llmMinConfidence;
    @PropertyInject(value = "hestia.query.llm.max-entities", defaultValue = "300")
    int llmMaxEntities;
    @PropertyInject("hestia.client.pattern.url")
    String patternUrl;
    @PropertyInject("hestia.client.automation.url")
    String automationUrl;
    @PropertyInject("hestia.query.max-rounds")
    int queryMaxRounds;
    @PropertyInject("hestia.query.registry-refresh-ms")
    long queryRegistryRefreshMs;
    @PropertyInject("hestia.query.suggestion-cache-ms")
    long querySuggestionCacheMs;
    @PropertyInject("hestia.query.service-timeout-ms")
    long queryServiceTimeoutMs;
    @PropertyInject("hestia.query.suggestion-entities")
    int querySuggestionEntities;
    @PropertyInject("hestia.client.query.url")
    String queryUrl;
    @PropertyInject("hestia.client.training.url")
    String trainingUrl;
    @PropertyInject(value = "hestia.training.models-dir", defaultValue = "")
    String modelsDir;
    @PropertyInject("hestia.training.keep-versions")
    int keepModelVersions;
    @PropertyInject("hestia.training.homes")
    int trainingHomes;
    @PropertyInject("hestia.training.synergy-homes")
    int synergyHomes;
    @PropertyInject("hestia.training.ranker-feedback-threshold")
    int rankerFeedbackThreshold;
    @PropertyInject("hestia.training.ranker-min-labels")
    int rankerMinLabels;
    @PropertyInject("hestia.automation.safety-level")
    String safetyLevel;
    @PropertyInject("hestia.automation.confirm-timeout-ms")
    long confirmTimeoutMs;
    @PropertyInject("hestia.automation.services-ttl-ms")
    long servicesTtlMs;
    @PropertyInject("hestia.automation.fetch-limit")
    int automationFetchLimit;

    private final List<AutoCloseable> closeables = new ArrayList<>();

    @BindToRegistry("problemResponder")
    public ProblemProcessor problemResponder() {
        return new ProblemProcessor();
    }

    @BindToRegistry("serviceFallback")
    public ServiceFallbackProcessor serviceFallback() {
        return new ServiceFallbackProcessor();
    }

    @BindToRegistry("responseHeaderFilter")
    public ResponseHeaderFilter responseHeaderFilter() {
        return new ResponseHeaderFilter();
    }

    @BindToRegistry("hestiaObjectMapper")
    public com.fasterxml.jackson.databind.ObjectMapper objectMapper() {
        return Json.mapper();
    }

    /** The detectors with their parameters from {@code hestia.pattern.<detector>.*} (defaults otherwise). */
    static DefaultMiningPipeline pipeline(CamelContext context) {
        java.util.function.Function<String, java.util.Optional<String>> lookup =
                key -> context.getPropertiesComponent().resolveProperty(key);
        return new DefaultMiningPipeline(
                RecordProperties.bind(RoutineDetector.Params.defaults(), "hestia.pattern.routine", lookup),
                RecordProperties.bind(CoOccurrenceDetector.Params.defaults(), "hestia.pattern.cooccurrence", lookup),
                RecordProperties.bind(AnomalyDetector.Params.defaults(), "hestia.pattern.anomaly", lookup),
                RecordProperties.bind(SynergyDetector.Params.defaults(), "hestia.pattern.synergy", lookup));
    }

    /**
     * The parser the query service uses: the local {@link RequestParser}, helped by the LLM when
     * {@code hestia.query.llm.url} is set and this process runs the query service. Only then is the {@code llm}
     * target registered (optional: it never makes Hestia unready) and its route built ({@code hestia.query.llm.active}
     * is the precondition of {@code routes/query/llm-client.camel.yaml}).
     */
    Parser queryParser(CamelContext context, ServiceCaller caller, ServiceTargets targets) {
        Parser local = new RequestParser();
        boolean active = llmUrl != null && !llmUrl.isBlank()
                && HestiaApplication.parseServices(services).contains("query");
        context.getPropertiesComponent().addOverrideProperty("hestia.query.llm.active", String.valueOf(active));
        if (!active) {
            return local;
        }
        LlmSettings settings = new LlmSettings(llmPath, llmModel, llmApiKey, llmMinConfidence, llmMaxEntities);
        targets.register(LlmInterpreter.TARGET, llmUrl.strip(), true);
        LlmInterpreter llm = new LlmInterpreter(caller, settings);
        context.getRegistry().bind("queryLlm", llm);
        LOG.info("query service: LLM helper at " + llmUrl.strip() + settings.path()
                + (settings.model().isEmpty() ? "" : " (model " + settings.model() + ")"));
        return new LlmAssistedParser(local, llm);
    }

    /** Where model files live: hestia.training.models-dir, else "models" beside the database file. */
    Path modelsDirectory() {
        if (modelsDir != null && !modelsDir.isBlank()) {
            return Path.of(modelsDir).toAbsolutePath();
        }
        Path dbFile = db.startsWith("jdbc:") ? Path.of("data", "hestia.db") : Path.of(db);
        return dbFile.toAbsolutePath().resolveSibling("models");
    }

    /** HA's time zone (UTC when HA does not answer). */
    static java.time.ZoneId homeZone(HaRestClient rest) {
        try {
            return java.time.ZoneId.of(rest.config().path("time_zone").asText("UTC"));
        } catch (RuntimeException e) {
            return java.time.ZoneOffset.UTC;
        }
    }

    private static int intParam(Map<String, Object> params, String key, int dflt) {
        return params.get(key) instanceof Number n ? n.intValue() : dflt;
    }

    private static long longParam(Map<String, Object> params, String key, long dflt) {
        return params.get(key) instanceof Number n ? n.longValue() : dflt;
    }

    /** Entity id to friendly name, as the registries hold them now. */
    static java.util.function.Function<String, String> entityNames(RegistryStore registries) {
        Map<String, String> names = new java.util.HashMap<>();
        registries.entities(null, null, null, Integer.MAX_VALUE).forEach(e -> {
            if (e.name() != null) {
                names.put(e.entityId(), e.name());
            }
        });
        return names::get;
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        Registry registry = context.getRegistry();
        ApiAuth auth = new ApiAuth(apiToken);

        // migrated beside Camel's start-up; the startup listener below waits for it (and fails on a bad store)
        Database database = Database.openInBackground(db, poolSize, busyTimeoutMs, dbCacheKib);
        closeables.add(database);
        registry.bind("database", database);
        EventStore events = new EventStore(database.dataSource());
        RegistryStore registryStore = new RegistryStore(database.dataSource());
        IngestStateStore ingestState = new IngestStateStore(database.dataSource());
        registry.bind("eventStore", events);
        registry.bind("registryStore", registryStore);
        registry.bind("ingestState", ingestState);
        MemoryRelease memory = new MemoryRelease(releaseMemoryAfterBulk, memoryQuietMs);
        registry.bind("memoryRelease", memory);
        registry.bind("homeData", new HomeDataService(registryStore, events, memory::noteBulk, ingestState::config));

        registry.bind("syntheticHomes", new SyntheticHomesService(new SyntheticHomeStore(database.dataSource()),
                Clock.systemUTC()));

        registry.bind("webAssets", new WebAssetProcessor(new WebAssets("web",
                webDir == null || webDir.isBlank() ? null : java.nio.file.Path.of(webDir))));

        CorrelationCache cache = new CorrelationCache(new CorrelationCacheStore(database.dataSource()),
                cacheMaxEntries, Duration.ofSeconds(cacheTtlSeconds), Clock.systemUTC());
        registry.bind("correlationCache", cache);

        ServiceTargets targets = new ServiceTargets();
        registry.bind("serviceTargets", targets);
        CamelServiceCaller caller = new CamelServiceCaller(context.createProducerTemplate(), targets,
                new CamelServiceCaller.Retry(clientRetries, clientRetryDelayMs, clientMaxRetryDelayMs));
        registry.bind("serviceCaller", caller);

        // ---- Home Assistant ----
        String url = haUrl;
        String token = haToken;
        EmbeddedHome embedded = null;
        if (url == null || url.isBlank()) {
            EmbeddedHome home = EmbeddedHome.start(simSeed, simType, simDevices, simDays, simSpeed,
                    simToken, (db.startsWith("jdbc:") ? Path.of("data", "hestia.db") : Path.of(db)).toAbsolutePath()
                            .resolveSibling("simulated-ha"));
            closeables.add(home);
            embedded = home;
            url = home.url();
            token = home.token();
        }
        targets.register(HaRestClient.TARGET, url);
        context.getPropertiesComponent().addOverrideProperty("hestia.ha.effective-url", url);
        HaRestClient rest = new HaRestClient(caller, token);
        registry.bind("haRest", rest);
        HistoryBackfill backfill = new HistoryBackfill(rest, events, backfillEntityBatch, backfillThreads,
                backfillAttributes, memory::releaseNow);
        HaIngestor ingestor = new HaIngestor(events, registryStore, ingestState, backfill, initialBackfillDays,
                reconnectOverlapMs);
        HaWebSocketClient ws = new HaWebSocketClient(url, token, ingestor, Duration.ofMillis(commandTimeoutMs),
                Duration.ofMillis(maxBackoffMs));
        closeables.add(0, ws);
        closeables.add(0, ingestor);
        registry.bind("haIngestor", ingestor);
        registry.bind("haWebSocket", ws);
        HaSyncService sync = new HaSyncService(new SyncRunStore(database.dataSource()), () -> ws, ingestor, backfill,
                syncDefaultDays, syncMaxDays);
        closeables.add(0, sync);
        registry.bind("haSync", sync);
        registry.bind("syncRequest", new SyncRequestProcessor(sync));

        // ---- pattern service ----
        MinedItemStore minedItems = new MinedItemStore(database.dataSource());
        Scoring scoring = new Scoring(feedbackK, feedbackMaxWeight);
        AnalysisRunStore analysisRuns = new AnalysisRunStore(database.dataSource());
        AnalysisService analysis = new AnalysisService(analysisRuns, minedItems, events,
                registryStore, ingestState, new HaAutomations(() -> rest), AutomationCoverage::pairs,
                pipeline(context), scoring, Clock.systemUTC(), patternWindowDays, patternMaxWindowDays);
        analysis.retentionDays(patternRetentionDays);
        closeables.add(0, analysis);
        registry.bind("analysis", analysis);
        registry.bind("patternApi", new PatternApi(analysis, minedItems, scoring, Clock.systemUTC(), patternCron,
                java.util.TimeZone.getTimeZone(java.time.ZoneId.of(patternCronZone)), patternScheduleEnabled));
        registry.bind("patternHeatmaps", new Heatmaps(minedItems, analysisRuns, events, registryStore, ingestState,
                Clock.systemUTC()));

        // ---- query service ----
        Parser parser = queryParser(context, caller, targets);
        registry.bind("queryParser", parser);
        targets.register(Suggestions.PATTERN_TARGET, patternUrl);
        targets.register(Suggestions.AUTOMATION_TARGET, automationUrl);
        // Hestia's own services share its API token
        Map<String, String> serviceHeaders = apiToken == null || apiToken.isBlank() ? Map.of()
                : Map.of("Authorization", "Bearer " + apiToken);
        Suggestions suggestions = new Suggestions(caller, serviceHeaders, new HaAutomationSchema(), Clock.systemUTC(),
                querySuggestionCacheMs, queryServiceTimeoutMs, querySuggestionEntities);
        closeables.add(suggestions);
        registry.bind("querySuggestions", suggestions);
        QueryService queries = new QueryService(new QueryStore(database.dataSource()), registryStore,
                parser, suggestions::enrich, Clock.systemUTC(), queryMaxRounds, queryRegistryRefreshMs);
        registry.bind("queryService", queries);
        registry.bind("queryApi", new QueryApi(queries));

        // ---- automation service ----
        targets.register(SuggestionService.QUERY_TARGET, queryUrl);
        SafetyLevel level = SafetyLevel.parse(safetyLevel);
        AutomationValidator validator = new AutomationValidator();
        HomeContexts homeContexts = new HomeContexts(registryStore, () -> rest, Clock.systemUTC(), servicesTtlMs);
        registry.bind("automationValidation", new ValidationProcessor(validator, homeContexts, level));
        AutomationService automationService = new AutomationService(new AutomationStore(database.dataSource()),
                () -> rest, validator, homeContexts, level, Clock.systemUTC(), confirmTimeoutMs);
        registry.bind("automationService", automationService);
        SuggestionService suggestionService = new SuggestionService(new SuggestionStore(database.dataSource()),
                automationService, SuggestionGenerator::new, () -> entityNames(registryStore), caller, serviceHeaders,
                Clock.systemUTC(), automationFetchLimit);
        registry.bind("suggestionService", suggestionService);
        registry.bind("automationApi", new AutomationApi(suggestionService, automationService));

        // ---- training service ----
        targets.register("training", trainingUrl);
        // the pattern service ranks synergies with the training service's synergy scorer, through the service client
        analysis.synergyRanking(new TrainingSynergyRanking(caller, serviceHeaders));
        TrainingStore trainingStore = new TrainingStore(database.dataSource());
        ModelRegistry models = new ModelRegistry(trainingStore, modelsDirectory(), keepModelVersions,
                Clock.systemUTC());
        InferenceService inference = new InferenceService(models, InferenceService.onnxRuntime());
        closeables.add(0, inference);
        registry.bind("modelInference", inference);
        RankerLabels rankerLabels = new RankerLabels(caller, serviceHeaders);
        CoOccurrenceDetector.Params coParams = RecordProperties.bind(CoOccurrenceDetector.Params.defaults(),
                "hestia.pattern.cooccurrence", key -> context.getPropertiesComponent().resolveProperty(key));
        Map<ModelType, TrainingService.DatasetBuilder> datasets = new java.util.EnumMap<>(ModelType.class);
        datasets.put(ModelType.HOME_TYPE_CLASSIFIER, (params, progress) -> {
            int homes = intParam(params, "homes", trainingHomes);
            return HomeTypeData.build(homes, longParam(params, "seed", 42L), i -> progress.accept(i / (double) homes));
        });
        SynergyScorer synergyScorer = new SynergyScorer(registryStore, inference);
        SynergyFeedback synergyFeedback = new SynergyFeedback(caller, serviceHeaders, synergyScorer);
        datasets.put(ModelType.SYNERGY_SCORER, (params, progress) -> {
            int homes = intParam(params, "homes", synergyHomes);
            List<PairFeedback> feedback;
            try {
                feedback = synergyFeedback.labels(); // the household's verdicts, weighted above synthetic truth
            } catch (RuntimeException e) {
                LOG.warning("synergy feedback unavailable, training on synthetic truth only: " + e.getMessage());
                feedback = List.of();
            }
            return SynergyData.build(homes, longParam(params, "seed", 42L), feedback,
                    i -> progress.accept(i / (double) homes), coParams);
        });
        datasets.put(ModelType.SUGGESTION_RANKER, (params, progress) -> {
            List<RankerLabel> labels = rankerLabels.labels();
            if (labels.size() < rankerMinLabels) {
                throw new IllegalArgumentException("the suggestion ranker needs at least " + rankerMinLabels
                        + " approved or rejected suggestions; there are " + labels.size());
            }
            progress.accept(1.0);
            return RankerData.build(labels);
        });
        Trainer trainer = new Trainer();
        TrainingService training = new TrainingService(trainingStore, models, datasets, trainer::train,
                Clock.systemUTC());
        closeables.add(0, training);
        registry.bind("trainingService", training);
        SuggestionRanker ranker = new SuggestionRanker(inference, models);
        registry.bind("trainingApi", new TrainingApi(training, ranker, synergyScorer));
        registry.bind("trainingSchedule", new TrainingSchedule(training, rankerLabels::count,
                rankerFeedbackThreshold, rankerMinLabels));
        registry.bind("homeClassifier", new HomeClassifier(registryStore, events, inference, () -> homeZone(rest),
                Clock.systemUTC(), patternWindowDays));
        boolean runsTraining = HestiaApplication.parseServices(services).contains("training");

        HestiaHealthChecks.register(context, database.dataSource(), ws, ingestor, targets);
        context.addStartupListener((ctx, alreadyStarted) -> {
            database.awaitMigrated();
            if (runsTraining) {
                training.recoverInterrupted(); // runs a stopped process left running did not finish
            }
            HttpProblemHandlers.install(ctx, serverPort, maxBodyBytes, auth);
            HestiaHealthChecks.registerMetrics(ctx, cache, targets, ingestor, ws);
        });
        EmbeddedHome embeddedHome = embedded;
        context.addService(new ServiceSupport() {
            @Override
            protected void doStart() {
                if (embeddedHome == null) {
                    ws.start();
                } else {
                    embeddedHome.ready().thenRun(ws::start); // connect as soon as the built-in home answers
                }
            }

            @Override
            protected void doStop() {
                for (AutoCloseable c : closeables) {
                    try {
                        c.close();
                    } catch (Exception e) {
                        LOG.warning("closing " + c + " failed: " + e);
                    }
                }
            }
        });
    }
}
