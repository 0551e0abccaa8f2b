package io.hestia.store;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The automation service's suggestions and their lifecycle. One row per behaviour (unique behaviour key), so a
 * behaviour is suggested once whatever its source. Status changes are conditional on the status the caller saw, so
 * two concurrent transitions cannot both succeed.
 */
public final class SuggestionStore {

    /**
     * One suggestion.
     *
     * @param entityIds     JSON array
     * @param automation    the automation mapping, JSON
     * @param status        pending, approved, deployed, rejected or superseded
     * @param feedbackState none, pending (to be sent to the pattern service), sent, or not_applicable
     */
    public record SuggestionRow(String suggestionId, String behaviourKey, String source, String sourceId,
                                String sourceType, String entityIds, String title, String description,
                                String evidence, String category, String priority, double confidence,
                                String automation, int safetyScore, String status, String statusReason,
                                String automationId, String feedbackState, long createdAt, long updatedAt) {
    }

    private static final String COLUMNS = "suggestion_id, behaviour_key, source, source_id, source_type, entity_ids, "
            + "title, description, evidence, category, priority, confidence, automation, safety_score, status, "
            + "status_reason, automation_id, feedback_state, created_at, updated_at";

    private final DataSource dataSource;

    public SuggestionStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Inserts new suggestions and, in the same transaction, marks as superseded the pending suggestions of the same
     * source item whose behaviour changed (a routine that moved to another time).
     *
     * @return how many were inserted (a behaviour key already stored is skipped)
     */
    public int insert(List<SuggestionRow> rows, long now) {
        if (rows.isEmpty()) {
            return 0;
        }
        return Jdbc.transaction(dataSource, "storing " + rows.size() + " suggestions", c -> {
            int inserted = 0;
            for (SuggestionRow s : rows) {
                if (!Jdbc.query(c, "SELECT 1 FROM suggestions WHERE behaviour_key = ?", List.of(s.behaviourKey()),
                        rs -> 1).isEmpty()) {
                    continue;
                }
                try (PreparedStatement ps = c.prepareStatement("UPDATE suggestions SET status = 'superseded', "
                        + "status_reason = ?, updated_at = ? WHERE source = ? AND source_id = ? AND status = 'pending'")) {
                    Jdbc.bind(ps, List.of("superseded by " + s.suggestionId(), now, s.source(), s.sourceId()));
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO suggestions (" + COLUMNS
                        + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                    Jdbc.bind(ps, Arrays.asList(s.suggestionId(), s.behaviourKey(), s.source(), s.sourceId(),
                            s.sourceType(), s.entityIds(), s.title(), s.description(), s.evidence(), s.category(),
                            s.priority(), s.confidence(), s.automation(), s.safetyScore(), s.status(),
                            s.statusReason(), s.automationId(), s.feedbackState(), s.createdAt(), s.updatedAt()));
                    ps.executeUpdate();
                }
                inserted++;
            }
            return inserted;
        });
    }

    public Optional<SuggestionRow> find(String suggestionId) {
        return Jdbc.query(dataSource, "reading suggestion " + suggestionId, "SELECT " + COLUMNS
                + " FROM suggestions WHERE suggestion_id = ?", List.of(suggestionId), SuggestionStore::row)
                .stream().findFirst();
    }

    public Optional<SuggestionRow> findByKey(String behaviourKey) {
        return Jdbc.query(dataSource, "reading suggestion by key", "SELECT " + COLUMNS
                + " FROM suggestions WHERE behaviour_key = ?", List.of(behaviourKey), SuggestionStore::row)
                .stream().findFirst();
    }

    /** Every stored behaviour key (any status): a behaviour once suggested is not suggested again. */
    public List<String> behaviourKeys() {
        return Jdbc.query(dataSource, "reading suggestion keys", "SELECT behaviour_key FROM suggestions", List.of(),
                rs -> rs.getString(1));
    }

    /** The entity_ids (JSON arrays) of stored suggestions, superseded ones left out. */
    public List<String> liveEntityIds() {
        return Jdbc.query(dataSource, "reading suggestion entities", "SELECT entity_ids FROM suggestions "
                + "WHERE status <> 'superseded'", List.of(), rs -> rs.getString(1));
    }

    /** Suggestions with the given status (all when null), best first. */
    public List<SuggestionRow> list(String status, String category, int limit, int offset) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM suggestions WHERE 1=1");
        List<Object> args = new ArrayList<>();
        if (status != null) {
            sql.append(" AND status = ?");
            args.add(status);
        }
        if (category != null) {
            sql.append(" AND category = ?");
            args.add(category);
        }
        sql.append(" ORDER BY confidence DESC, created_at DESC, suggestion_id LIMIT ? OFFSET ?");
        args.add(limit);
        args.add(offset);
        return Jdbc.query(dataSource, "listing suggestions", sql.toString(), args, SuggestionStore::row);
    }

    /** Counts by status. */
    public java.util.Map<String, Integer> counts() {
        java.util.Map<String, Integer> out = new java.util.TreeMap<>();
        Jdbc.query(dataSource, "counting suggestions", "SELECT status, COUNT(*) FROM suggestions GROUP BY status",
                List.of(), rs -> out.put(rs.getString(1), rs.getInt(2)));
        return out;
    }

    /**
     * Moves a suggestion from {@code from} to {@code to}, with the feedback state to record.
     *
     * @return false when its status was no longer {@code from}
     */
    public boolean transition(String suggestionId, String from, String to, String reason, String feedbackState,
                              long now) {
        return Jdbc.update(dataSource, "updating suggestion " + suggestionId, "UPDATE suggestions SET status = ?, "
                + "status_reason = ?, feedback_state = ?, updated_at = ? WHERE suggestion_id = ? AND status = ?",
                to, reason, feedbackState, now, suggestionId, from) == 1;
    }

    /** Suggestions whose feedback has not reached the pattern service yet. */
    public List<SuggestionRow> feedbackPending(int limit) {
        return Jdbc.query(dataSource, "reading pending feedback", "SELECT " + COLUMNS + " FROM suggestions "
                + "WHERE feedback_state = 'pending' ORDER BY updated_at LIMIT ?", List.of(limit), SuggestionStore::row);
    }

    public void feedbackState(String suggestionId, String state) {
        Jdbc.update(dataSource, "updating feedback of " + suggestionId, "UPDATE suggestions SET feedback_state = ? "
                + "WHERE suggestion_id = ?", state, suggestionId);
    }

    private static SuggestionRow row(ResultSet rs) throws SQLException {
        return new SuggestionRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                rs.getString(11), rs.getDouble(12), rs.getString(13), rs.getInt(14), rs.getString(15),
                rs.getString(16), rs.getString(17), rs.getString(18), rs.getLong(19), rs.getLong(20));
    }
}
