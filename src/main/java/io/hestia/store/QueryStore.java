package io.hestia.store;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Optional;

/**
 * The query service's requests: one row per query (also its clarification session) with its last understanding,
 * suggestions and status, and one row per clarification round. JSON columns are passed through as text. Every
 * write is committed before it returns.
 */
public final class QueryStore {

    /**
     * One stored query.
     *
     * @param status            answered, needs_clarification or unresolved
     * @param rounds            clarification rounds answered so far
     * @param answersJson       JSON object question id → answer, all rounds merged
     * @param understandingJson the last understanding (JSON of {@code io.hestia.query.Understanding})
     * @param suggestionsJson   JSON array of the ranked suggestions
     * @param validationJson    JSON object: the draft's validation report, or null without a draft
     * @param notesJson         JSON array of strings: what degraded (a service that did not answer)
     */
    public record QueryRecord(String queryId, String text, String contextAreaId, String conversationId,
                              String status, String intent, int rounds, String answersJson,
                              String understandingJson, String suggestionsJson, String validationJson,
                              String notesJson, double confidence, double processingMs, long createdAt,
                              long updatedAt) {
    }

    /** One answered clarification round: the questions that were open and the answers given to them. */
    public record Round(String queryId, int round, String questionsJson, String answersJson, long answeredAt) {
    }

    private static final String COLUMNS = "query_id, query_text, context_area_id, conversation_id, status, intent, "
            + "rounds, answers, understanding, suggestions, validation, notes, confidence, processing_ms, created_at, "
            + "updated_at";

    private final DataSource dataSource;

    public QueryStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void insert(QueryRecord q) {
        Jdbc.update(dataSource, "storing query " + q.queryId(), "INSERT INTO queries (" + COLUMNS
                        + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", q.queryId(), q.text(), q.contextAreaId(),
                q.conversationId(), q.status(), q.intent(), q.rounds(), q.answersJson(), q.understandingJson(),
                q.suggestionsJson(), q.validationJson(), q.notesJson(), q.confidence(), q.processingMs(),
                q.createdAt(), q.updatedAt());
    }

    /**
     * Stores an answered round and the query's new state in one transaction, provided the stored query still has
     * {@code round.round() - 1} rounds (another request may have answered the same round first).
     *
     * @return false, with nothing written, when the stored query had moved on
     */
    public boolean saveRound(QueryRecord q, Round round) {
        return Jdbc.transaction(dataSource, "storing round " + round.round() + " of query " + q.queryId(), c -> {
            int updated;
            try (PreparedStatement ps = c.prepareStatement("UPDATE queries SET status = ?, intent = ?, rounds = ?, "
                    + "answers = ?, understanding = ?, suggestions = ?, validation = ?, notes = ?, confidence = ?, "
                    + "processing_ms = ?, updated_at = ? WHERE query_id = ? AND rounds = ?")) {
                Jdbc.bind(ps, java.util.Arrays.asList(q.status(), q.intent(), q.rounds(), q.answersJson(),
                        q.understandingJson(), q.suggestionsJson(), q.validationJson(), q.notesJson(), q.confidence(),
                        q.processingMs(), q.updatedAt(), q.queryId(), round.round() - 1));
                updated = ps.executeUpdate();
            }
            if (updated == 0) {
                return false;
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO query_rounds (query_id, round_no, questions, "
                    + "answers, answered_at) VALUES (?,?,?,?,?)")) {
                Jdbc.bind(ps, List.of(round.queryId(), round.round(), round.questionsJson(), round.answersJson(),
                        round.answeredAt()));
                ps.executeUpdate();
            }
            return true;
        });
    }

    public Optional<QueryRecord> find(String queryId) {
        return one("SELECT " + COLUMNS + " FROM queries WHERE query_id = ?", List.of(queryId));
    }

    /**
     * The latest query of a conversation that had a context area: one whose conversation id is this, or the query
     * whose own id is this (a follow-up may name the query it follows as its conversation).
     */
    public Optional<QueryRecord> latestWithAreaIn(String conversationId) {
        return one("SELECT " + COLUMNS + " FROM queries WHERE (conversation_id = ? OR query_id = ?) "
                + "AND context_area_id IS NOT NULL ORDER BY created_at DESC, query_id DESC LIMIT 1",
                List.of(conversationId, conversationId));
    }

    /** The answered rounds of a query, first round first. */
    public List<Round> rounds(String queryId) {
        return Jdbc.query(dataSource, "reading the rounds of query " + queryId, "SELECT query_id, round_no, questions, "
                        + "answers, answered_at FROM query_rounds WHERE query_id = ? ORDER BY round_no",
                List.of(queryId), rs -> new Round(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                        rs.getLong(5)));
    }

    private Optional<QueryRecord> one(String sql, List<?> args) {
        return Jdbc.query(dataSource, "reading queries", sql, args, rs -> new QueryRecord(rs.getString(1),
                rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getInt(7),
                rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12),
                rs.getDouble(13), rs.getDouble(14), rs.getLong(15), rs.getLong(16))).stream().findFirst();
    }
}
