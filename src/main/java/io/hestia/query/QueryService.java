package io.hestia.query;

import com.fasterxml.jackson.core.type.TypeReference;
import io.hestia.platform.ConflictException;
import io.hestia.platform.InvalidInputException;
import io.hestia.platform.InvalidInputException.FieldError;
import io.hestia.platform.Json;
import io.hestia.platform.NotFoundException;
import io.hestia.query.Suggestions.Enrichment;
import io.hestia.query.Suggestions.Suggestion;
import io.hestia.store.QueryStore;
import io.hestia.store.QueryStore.QueryRecord;
import io.hestia.store.RegistryStore;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The query service: understands a request over a snapshot of the home's registries, asks back when it must, and
 * keeps every query as a clarification session in the store. {@link #ask} parses and stores a new query;
 * {@link #clarify} merges answers (question id → value) into the session and parses the request again with all of
 * them, at most {@code maxRounds} times; {@link #get} reads one back. Every accepted write is committed before the
 * method returns.
 *
 * <p>The registry snapshot ({@link HomeIndex}) is rebuilt when this process replaced the registries
 * ({@link RegistryStore#version()}), and otherwise checked against the store's {@link RegistryStore#fingerprint()}
 * once per {@code registryRefreshMs}, for registries written by another process.
 */
public final class QueryService {

    public static final String ANSWERED = "answered";
    public static final String NEEDS_CLARIFICATION = "needs_clarification";
    public static final String UNRESOLVED = "unresolved";
    /** Longest request, and longest free-text answer. */
    public static final int MAX_TEXT = 500;

    /** One answer of a clarification round. */
    public record Answer(String questionId, String answer) {
    }

    /** A clarification round as stored: the questions that were open and the answers given. */
    public record Round(int round, List<Understanding.Question> questions, Map<String, String> answers,
                        long answeredAt) {
    }

    /**
     * A query as the API shows it.
     *
     * @param answers all answers so far, question id → value
     * @param history the answered rounds (filled by {@link #get} only; empty otherwise)
     */
    public record Result(String queryId, String text, String contextAreaId, String conversationId, String status,
                         int rounds, int maxRounds, Map<String, String> answers, Understanding understanding,
                         List<Suggestion> suggestions, Map<String, Object> validation, List<String> notes,
                         double processingMs, long createdAt, long updatedAt, List<Round> history) {
    }

    private record Snapshot(HomeIndex home, long version, String fingerprint, long checkedAt) {
    }

    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() { };
    private static final TypeReference<List<Suggestion>> SUGGESTIONS = new TypeReference<>() { };
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };
    private static final TypeReference<Map<String, Object>> OBJECT_MAP = new TypeReference<>() { };
    private static final TypeReference<List<Understanding.Question>> QUESTIONS = new TypeReference<>() { };

    private final QueryStore store;
    private final RegistryStore registry;
    private final Parser parser;
    private final Function<Understanding, Enrichment> enricher;
    private final Clock clock;
    private final int maxRounds;
    private final long registryRefreshMs;
    private final SecureRandom random = new SecureRandom();
    private volatile Snapshot snapshot;

    /**
     * @param enricher          adds suggestions and the draft's validation ({@link Suggestions#enrich}); must not
     *                          throw for a service that failed
     * @param maxRounds         clarification rounds a query may have (at least 1)
     * @param registryRefreshMs how often the store is checked for registries written by another process
     */
    public QueryService(QueryStore store, RegistryStore registry, Parser parser,
                        Function<Understanding, Enrichment> enricher, Clock clock, int maxRounds,
                        long registryRefreshMs) {
        if (maxRounds < 1) {
            throw new IllegalArgumentException("hestia.query.max-rounds must be at least 1, was " + maxRounds);
        }
        if (registryRefreshMs < 0) {
            throw new IllegalArgumentException("hestia.query.registry-refresh-ms must not be negative");
        }
        this.store = store;
        this.registry = registry;
        this.parser = parser;
        this.enricher = enricher;
        this.clock = clock;
        this.maxRounds = maxRounds;
        this.registryRefreshMs = registryRefreshMs;
    }

    public int maxRounds() {
        return maxRounds;
    }

    /**
     * Understands a new request and stores it.
     *
     * @param contextAreaId   the area the request comes from, or null: then, with a conversation id, the area of
     *                        the conversation's latest query that had one
     * @param conversationId  groups follow-ups (a client's own id, or the id of the query this one follows), or null
     * @throws InvalidInputException naming {@code query} or {@code context.area_id}
     */
    public Result ask(String text, String contextAreaId, String conversationId) {
        long started = System.nanoTime();
        if (text == null || text.isBlank()) {
            throw InvalidInputException.of("query", "must not be empty");
        }
        if (text.length() > MAX_TEXT) {
            throw InvalidInputException.of("query", "must be at most " + MAX_TEXT + " characters, was "
                    + text.length());
        }
        HomeIndex home = home();
        String area = contextAreaId;
        if (area != null && home.area(area) == null) {
            throw InvalidInputException.of("context.area_id", "is not an area of this home: '" + area + "'");
        }
        if (area == null && conversationId != null) {
            area = store.latestWithAreaIn(conversationId).map(QueryRecord::contextAreaId)
                    .filter(a -> home.area(a) != null).orElse(null);
        }
        Understanding u = parser.parse(text, home, area, Map.of());
        Enrichment e = enricher.apply(u);
        long now = clock.millis();
        QueryRecord rec = new QueryRecord(newId(), text, area, conversationId, status(u, 0), u.intent(), 0, "{}",
                Json.write(u), Json.write(e.suggestions()), e.validation() == null ? null : Json.write(e.validation()),
                Json.write(e.notes()), u.confidence(), elapsedMs(started), now, now);
        store.insert(rec);
        return result(rec, u, Map.of(), e, List.of());
    }

    /**
     * Answers open questions of a query and understands it again with every answer so far.
     *
     * @throws NotFoundException     for an unknown id
     * @throws ConflictException     when the query needs no clarification, or had its last round
     * @throws InvalidInputException naming {@code answers[i].question_id} (not an open question, or twice) or
     *                               {@code answers[i].answer} (empty, too long, not one of the question's options)
     */
    public Result clarify(String queryId, List<Answer> answers) {
        long started = System.nanoTime();
        QueryRecord rec = find(queryId);
        if (!NEEDS_CLARIFICATION.equals(rec.status()) || rec.rounds() >= maxRounds) {
            throw new ConflictException(rec.rounds() >= maxRounds && !ANSWERED.equals(rec.status())
                    ? "query " + queryId + " had its " + maxRounds + " clarification rounds; ask again with more detail"
                    : "query " + queryId + " needs no clarification (it is " + rec.status() + ")");
        }
        Understanding before = read(rec.understandingJson(), Understanding.class);
        Map<String, String> given = checkAnswers(before.questions(), answers);
        Map<String, String> merged = new LinkedHashMap<>(read(rec.answersJson(), STRING_MAP));
        merged.putAll(given);

        HomeIndex home = home();
        Understanding u = parser.parse(rec.text(), home, rec.contextAreaId(), Map.copyOf(merged));
        Enrichment e = enricher.apply(u);
        int round = rec.rounds() + 1;
        long now = clock.millis();
        QueryRecord next = new QueryRecord(rec.queryId(), rec.text(), rec.contextAreaId(), rec.conversationId(),
                status(u, round), u.intent(), round, Json.write(merged), Json.write(u), Json.write(e.suggestions()),
                e.validation() == null ? null : Json.write(e.validation()), Json.write(e.notes()), u.confidence(),
                elapsedMs(started), rec.createdAt(), now);
        boolean saved = store.saveRound(next, new QueryStore.Round(queryId, round, Json.write(before.questions()),
                Json.write(given), now));
        if (!saved) {
            throw new ConflictException("round " + round + " of query " + queryId + " was answered by another request");
        }
        return result(next, u, merged, e, List.of());
    }

    /** @throws NotFoundException for an unknown id */
    public Result get(String queryId) {
        QueryRecord rec = find(queryId);
        List<Round> history = new ArrayList<>();
        for (QueryStore.Round r : store.rounds(queryId)) {
            history.add(new Round(r.round(), read(r.questionsJson(), QUESTIONS), read(r.answersJson(), STRING_MAP),
                    r.answeredAt()));
        }
        Enrichment e = new Enrichment(read(rec.suggestionsJson(), SUGGESTIONS),
                rec.validationJson() == null ? null : read(rec.validationJson(), OBJECT_MAP),
                read(rec.notesJson(), STRINGS));
        return result(rec, read(rec.understandingJson(), Understanding.class), read(rec.answersJson(), STRING_MAP), e,
                history);
    }

    /**
     * The registry snapshot: rebuilt when this process replaced the registries, or, checked at most once per
     * refresh period, when the stored registries changed under another process.
     */
    public HomeIndex home() {
        Snapshot s = snapshot;
        long now = clock.millis();
        if (s != null && s.version() == registry.version() && now - s.checkedAt() < registryRefreshMs) {
            return s.home();
        }
        synchronized (this) {
            s = snapshot;
            long version = registry.version(); // read before the rows: a replace during the build shows next time
            if (s != null && s.version() == version && now - s.checkedAt() < registryRefreshMs) {
                return s.home();
            }
            String fingerprint = registry.fingerprint();
            if (s != null && s.version() == version && s.fingerprint().equals(fingerprint)) {
                snapshot = new Snapshot(s.home(), version, fingerprint, now);
                return s.home();
            }
            HomeIndex home = HomeIndex.of(registry);
            snapshot = new Snapshot(home, version, fingerprint, now);
            return home;
        }
    }

    private Map<String, String> checkAnswers(List<Understanding.Question> open, List<Answer> answers) {
        List<FieldError> errors = new ArrayList<>();
        if (answers == null || answers.isEmpty()) {
            errors.add(new FieldError(null, "answers", "must answer at least one open question"));
        }
        Map<String, Understanding.Question> byId = new LinkedHashMap<>();
        open.forEach(q -> byId.put(q.id(), q));
        Map<String, String> out = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; answers != null && i < answers.size(); i++) {
            Answer a = answers.get(i);
            String at = "answers[" + i + "]";
            Understanding.Question q = a.questionId() == null ? null : byId.get(a.questionId());
            if (q == null) {
                errors.add(new FieldError(i, at + ".question_id", "is not an open question of this query; open: "
                        + byId.keySet()));
                continue;
            }
            if (!seen.add(q.id())) {
                errors.add(new FieldError(i, at + ".question_id", "answers '" + q.id() + "' a second time"));
                continue;
            }
            String value = a.answer();
            if (value == null || value.isBlank()) {
                errors.add(new FieldError(i, at + ".answer", "must not be empty"));
            } else if (value.length() > MAX_TEXT) {
                errors.add(new FieldError(i, at + ".answer", "must be at most " + MAX_TEXT + " characters"));
            } else if (!q.options().isEmpty() && q.options().stream().noneMatch(o -> o.value().equals(value))) {
                errors.add(new FieldError(i, at + ".answer", "must be one of "
                        + q.options().stream().map(Understanding.Option::value).toList() + ", was '" + value + "'"));
            } else {
                out.put(q.id(), value);
            }
        }
        if (!errors.isEmpty()) {
            FieldError first = errors.get(0);
            throw new InvalidInputException(first.field() + ": " + first.message()
                    + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : ""), errors);
        }
        return out;
    }

    /** Still asking while rounds remain; with questions left after the last round, or understood nothing: unresolved. */
    private String status(Understanding u, int rounds) {
        if (u.clarificationNeeded()) {
            return rounds < maxRounds ? NEEDS_CLARIFICATION : UNRESOLVED;
        }
        return Understanding.UNKNOWN.equals(u.intent()) ? UNRESOLVED : ANSWERED;
    }

    private Result result(QueryRecord rec, Understanding u, Map<String, String> answers, Enrichment e,
                          List<Round> history) {
        return new Result(rec.queryId(), rec.text(), rec.contextAreaId(), rec.conversationId(), rec.status(),
                rec.rounds(), maxRounds, answers, u, e.suggestions(), e.validation(), e.notes(), rec.processingMs(),
                rec.createdAt(), rec.updatedAt(), history);
    }

    private QueryRecord find(String queryId) {
        return store.find(queryId).orElseThrow(() -> new NotFoundException("no query " + queryId));
    }

    private String newId() {
        byte[] b = new byte[12];
        random.nextBytes(b);
        return "q-" + HexFormat.of().formatHex(b);
    }

    private static double elapsedMs(long startedNanos) {
        return Math.round((System.nanoTime() - startedNanos) / 1_000.0) / 1_000.0;
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return Json.mapper().readValue(json, type);
        } catch (IOException e) {
            throw new IllegalStateException("stored query JSON is unreadable as " + type.getSimpleName(), e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return Json.mapper().readValue(json, type);
        } catch (IOException e) {
            throw new IllegalStateException("stored query JSON is unreadable: " + json, e);
        }
    }
}
