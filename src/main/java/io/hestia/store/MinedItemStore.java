package io.hestia.store;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pattern service's results: patterns, synergies and anomalies ("items" of a kind), their per-run history
 * and their feedback posteriors. Items are upserted by their deterministic id; an item the latest run did not
 * find stays, inactive, with its feedback.
 */
public final class MinedItemStore {

    /** One stored item. JSON columns are passed through as text. */
    public record Item(String itemId, String kind, String type, String entityIdsJson, List<String> entityIds,
                       String state, String areaId, int depth, double confidence, int support, double baseScore,
                       double score, Long firstSeenMs, Long lastSeenMs, String detailsJson, String samplesJson,
                       String explanation, boolean active, long createdAt, long updatedAt, String lastRunId) {
    }

    /** Confidence of an item at one run. */
    public record HistoryPoint(String runId, double confidence, int support, long recordedAt) {
    }

    /** Beta posterior of an item, from Beta(1, 1). */
    public record Posterior(double alpha, double beta, int feedbacks, int accepted, int rejected) {
        public static final Posterior PRIOR = new Posterior(1, 1, 0, 0, 0);

        public double mean() {
            return alpha / (alpha + beta);
        }
    }

    /** A page of items and the cursor of the next page (null at the end). */
    public record Page(List<Item> items, String nextCursor) {
    }

    /** Sort orders of {@link #list}, all descending, ties by id. */
    public enum Sort {
        SCORE("score"), CONFIDENCE("confidence"), SUPPORT("support"), LAST_SEEN("last_seen_ms");

        final String column;

        Sort(String column) {
            this.column = column;
        }
    }

    /** Filters of {@link #list}; null fields do not filter. */
    public record Query(String kind, String type, String entityId, Double minConfidence, Integer depth,
                        boolean includeInactive, Sort sort, int limit, String cursor) {
    }

    private static final String COLUMNS = "i.item_id, i.kind, i.item_type, i.entity_ids, i.state, i.area_id, i.depth, "
            + "i.confidence, i.support, i.base_score, i.score, i.first_seen_ms, i.last_seen_ms, i.details, i.samples, "
            + "i.explanation, i.active, i.created_at, i.updated_at, i.last_run_id";

    private final DataSource dataSource;

    public MinedItemStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** How an item's ranking score follows from its base score and its feedback posterior. */
    @FunctionalInterface
    public interface ScoreFunction {
        double score(double base, Posterior posterior);
    }

    /**
     * One kind's items of a run.
     *
     * @param entityIds the entity ids of each item, by item id (for the entity filter)
     */
    public record Batch(String kind, List<Item> items, Map<String, List<String>> entityIds) {
    }

    /** Stores one run's items of one kind (scores as given); see {@link #storeRun(String, List, long, ScoreFunction)}. */
    public void storeRun(String runId, String kind, List<Item> items, Map<String, List<String>> entityIds, long now) {
        storeRun(runId, List.of(new Batch(kind, items, entityIds)), now, null);
    }

    /**
     * Stores a run's results in one transaction, so a failed run leaves nothing of itself behind: for each kind,
     * upserts each item, records its history point and marks items of that kind the run did not find inactive.
     * With a score function, each item's score is computed here from the posterior read inside the transaction,
     * so feedback given while the run was mining is not overwritten.
     */
    public void storeRun(String runId, List<Batch> batches, long now, ScoreFunction scorer) {
        String upsert = "INSERT INTO mined_items (item_id, kind, item_type, entity_ids, state, area_id, depth, "
                + "confidence, support, base_score, score, first_seen_ms, last_seen_ms, details, samples, explanation, "
                + "active, created_at, updated_at, last_run_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,1,?,?,?) "
                + "ON CONFLICT (item_id) DO UPDATE SET item_type = excluded.item_type, entity_ids = excluded.entity_ids, "
                + "state = excluded.state, area_id = excluded.area_id, depth = excluded.depth, "
                + "confidence = excluded.confidence, support = excluded.support, base_score = excluded.base_score, "
                + "score = excluded.score, first_seen_ms = CASE WHEN mined_items.first_seen_ms IS NULL "
                + "OR excluded.first_seen_ms < mined_items.first_seen_ms THEN excluded.first_seen_ms "
                + "ELSE mined_items.first_seen_ms END, last_seen_ms = excluded.last_seen_ms, details = excluded.details, "
                + "samples = excluded.samples, explanation = excluded.explanation, active = 1, "
                + "updated_at = excluded.updated_at, last_run_id = excluded.last_run_id";
        Jdbc.transaction(dataSource, "storing the results of run " + runId, c -> {
            try (PreparedStatement up = c.prepareStatement(upsert);
                 PreparedStatement delEntities = c.prepareStatement("DELETE FROM mined_item_entities WHERE item_id = ?");
                 PreparedStatement addEntity = c.prepareStatement(
                         "INSERT INTO mined_item_entities (item_id, entity_id, position) VALUES (?,?,?) "
                                 + "ON CONFLICT (item_id, entity_id) DO NOTHING");
                 PreparedStatement history = c.prepareStatement(
                         "INSERT INTO mined_item_history (item_id, run_id, confidence, support, recorded_at) "
                                 + "VALUES (?,?,?,?,?) ON CONFLICT (item_id, run_id) DO NOTHING");
                 PreparedStatement deactivate = c.prepareStatement(
                         "UPDATE mined_items SET active = 0 WHERE kind = ? AND active = 1 "
                                 + "AND (last_run_id IS NULL OR last_run_id <> ?)")) {
                Map<String, Posterior> posteriors = scorer == null ? Map.of() : allPosteriors(c);
                for (Batch batch : batches) {
                    String kind = batch.kind();
                    Map<String, List<String>> entityIds = batch.entityIds();
                    for (Item it : batch.items()) {
                        double score = scorer == null ? it.score()
                                : scorer.score(it.baseScore(), posteriors.getOrDefault(it.itemId(), Posterior.PRIOR));
                        int p = 1;
                        up.setString(p++, it.itemId());
                        up.setString(p++, kind);
                        up.setString(p++, it.type());
                        up.setString(p++, it.entityIdsJson());
                        up.setString(p++, it.state());
                        up.setString(p++, it.areaId());
                        up.setInt(p++, it.depth());
                        up.setDouble(p++, it.confidence());
                        up.setInt(p++, it.support());
                        up.setDouble(p++, it.baseScore());
                        up.setDouble(p++, score);
                        setLong(up, p++, it.firstSeenMs());
                        setLong(up, p++, it.lastSeenMs());
                        up.setString(p++, it.detailsJson());
                        up.setString(p++, it.samplesJson());
                        up.setString(p++, it.explanation());
                        up.setLong(p++, now);
                        up.setLong(p++, now);
                        up.setString(p, runId);
                        up.addBatch();
                        delEntities.setString(1, it.itemId());
                        delEntities.addBatch();
                        List<String> ids = entityIds.getOrDefault(it.itemId(), List.of());
                        for (int i = 0; i < ids.size(); i++) {
                            addEntity.setString(1, it.itemId());
                            addEntity.setString(2, ids.get(i));
                            addEntity.setInt(3, i);
                            addEntity.addBatch();
                        }
                        history.setString(1, it.itemId());
                        history.setString(2, runId);
                        history.setDouble(3, it.confidence());
                        history.setInt(4, it.support());
                        history.setLong(5, now);
                        history.addBatch();
                    }
                    up.executeBatch();
                    delEntities.executeBatch();
                    addEntity.executeBatch();
                    history.executeBatch();
                    deactivate.setString(1, kind);
                    deactivate.setString(2, runId);
                    deactivate.executeUpdate();
                }
                return null;
            }
        });
    }

    /**
     * Retention: deletes history points recorded before {@code cutoffMs}, and items inactive since before it that
     * never received feedback (with their entity rows). Items with feedback are kept, so their posterior stays
     * attached if they come back.
     *
     * @return rows deleted (history points + items)
     */
    public int purgeBefore(long cutoffMs) {
        String stale = "SELECT i.item_id FROM mined_items i WHERE i.active = 0 AND i.updated_at < ? "
                + "AND NOT EXISTS (SELECT 1 FROM item_posteriors p WHERE p.item_id = i.item_id)";
        return Jdbc.transaction(dataSource, "purging old mined items", c -> {
            try (PreparedStatement history = c.prepareStatement("DELETE FROM mined_item_history WHERE recorded_at < ?");
                 PreparedStatement entities = c.prepareStatement(
                         "DELETE FROM mined_item_entities WHERE item_id IN (" + stale + ")");
                 PreparedStatement items = c.prepareStatement(
                         "DELETE FROM mined_items WHERE item_id IN (" + stale + ")")) {
                history.setLong(1, cutoffMs);
                entities.setLong(1, cutoffMs);
                items.setLong(1, cutoffMs);
                int n = history.executeUpdate();
                entities.executeUpdate();
                return n + items.executeUpdate();
            }
        });
    }

    public Optional<Item> find(String kind, String itemId) {
        List<Item> items = query("SELECT " + COLUMNS + " FROM mined_items i WHERE i.item_id = ? AND i.kind = ?",
                List.of(itemId, kind));
        return items.isEmpty() ? Optional.empty() : Optional.of(items.get(0));
    }

    /** Every item of a kind and type, active or not. */
    public List<Item> ofType(String kind, String type) {
        return query("SELECT " + COLUMNS + " FROM mined_items i WHERE i.kind = ? AND i.item_type = ?", List.of(kind, type));
    }

    /** Every active item of a kind (for scoring and synergy support), by id. */
    public Map<String, Item> active(String kind) {
        Map<String, Item> out = new LinkedHashMap<>();
        for (Item it : query("SELECT " + COLUMNS + " FROM mined_items i WHERE i.kind = ? AND i.active = 1",
                List.of(kind))) {
            out.put(it.itemId(), it);
        }
        return out;
    }

    public Page list(Query q) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM mined_items i WHERE i.kind = ?");
        List<Object> args = new ArrayList<>();
        args.add(q.kind());
        if (!q.includeInactive()) {
            sql.append(" AND i.active = 1");
        }
        if (q.type() != null) {
            sql.append(" AND i.item_type = ?");
            args.add(q.type());
        }
        if (q.entityId() != null) {
            sql.append(" AND i.item_id IN (SELECT e.item_id FROM mined_item_entities e WHERE e.entity_id = ?)");
            args.add(q.entityId());
        }
        if (q.minConfidence() != null) {
            sql.append(" AND i.confidence >= ?");
            args.add(q.minConfidence());
        }
        if (q.depth() != null) {
            sql.append(" AND i.depth = ?");
            args.add(q.depth());
        }
        String col = "COALESCE(i." + q.sort().column + ", 0)"; // column from the enum, never from input
        if (q.cursor() != null) {
            String[] c = decodeCursor(q.cursor());
            if (!c[0].equals(q.sort().name())) {
                throw new IllegalArgumentException("the cursor belongs to another sort order");
            }
            c = new String[] {c[1], c[2]};
            sql.append(" AND (").append(col).append(" < ? OR (").append(col).append(" = ? AND i.item_id > ?))");
            Object v = q.sort() == Sort.SCORE || q.sort() == Sort.CONFIDENCE ? (Object) Double.parseDouble(c[0])
                    : (Object) Long.parseLong(c[0]);
            args.add(v);
            args.add(v);
            args.add(c[1]);
        }
        sql.append(" ORDER BY ").append(col).append(" DESC, i.item_id ASC LIMIT ?");
        args.add(q.limit() + 1);
        List<Item> rows = query(sql.toString(), args);
        String next = null;
        if (rows.size() > q.limit()) {
            rows = rows.subList(0, q.limit());
            Item last = rows.get(rows.size() - 1);
            next = encodeCursor(q.sort().name() + "|" + sortValue(q.sort(), last), last.itemId());
        }
        return new Page(List.copyOf(rows), next);
    }

    private static String sortValue(Sort sort, Item it) {
        return switch (sort) {
            case SCORE -> Double.toString(it.score());
            case CONFIDENCE -> Double.toString(it.confidence());
            case SUPPORT -> Long.toString(it.support());
            case LAST_SEEN -> Long.toString(it.lastSeenMs() == null ? 0 : it.lastSeenMs());
        };
    }

    static String encodeCursor(String value, String id) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((value + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @return sort order, sort value, item id
     * @throws IllegalArgumentException when the cursor was not made by {@link #list}
     */
    static String[] decodeCursor(String cursor) {
        try {
            String s = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = s.split("\\|", 3);
            if (parts.length != 3 || parts[2].isEmpty() || !Double.isFinite(Double.parseDouble(parts[1]))) {
                throw new IllegalArgumentException("malformed cursor");
            }
            Sort.valueOf(parts[0]);
            return parts;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed cursor", e);
        }
    }

    public List<HistoryPoint> history(String itemId, int limit) {
        List<HistoryPoint> out = new ArrayList<>(Jdbc.query(dataSource, "reading item history",
                "SELECT run_id, confidence, support, recorded_at FROM mined_item_history WHERE item_id = ? "
                        + "ORDER BY recorded_at DESC, run_id DESC LIMIT ?", List.of(itemId, limit),
                rs -> new HistoryPoint(rs.getString(1), rs.getDouble(2), rs.getInt(3), rs.getLong(4))));
        java.util.Collections.reverse(out);
        return out;
    }

    /** Counts of active items: total, by type, mean confidence, distinct entities. */
    public record Stats(int total, Map<String, Integer> byType, double meanConfidence, int entities,
                        int withFeedback, int inactive) {
    }

    public Stats stats(String kind) {
        Map<String, Integer> byType = new LinkedHashMap<>();
        int total = 0;
        double sum = 0;
        int entities;
        int withFeedback;
        int inactive;
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT item_type, COUNT(*), SUM(confidence) FROM mined_items "
                    + "WHERE kind = ? AND active = 1 GROUP BY item_type ORDER BY item_type")) {
                ps.setString(1, kind);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        byType.put(rs.getString(1), rs.getInt(2));
                        total += rs.getInt(2);
                        sum += rs.getDouble(3);
                    }
                }
            }
            entities = count(c, "SELECT COUNT(DISTINCT e.entity_id) FROM mined_item_entities e JOIN mined_items i "
                    + "ON i.item_id = e.item_id WHERE i.kind = ? AND i.active = 1", kind);
            withFeedback = count(c, "SELECT COUNT(*) FROM item_posteriors p JOIN mined_items i ON i.item_id = p.item_id "
                    + "WHERE i.kind = ?", kind);
            inactive = count(c, "SELECT COUNT(*) FROM mined_items WHERE kind = ? AND active = 0", kind);
        } catch (SQLException e) {
            throw new StoreException("reading " + kind + " statistics failed", e);
        }
        return new Stats(total, byType, total == 0 ? 0 : sum / total, entities, withFeedback, inactive);
    }

    private static int count(Connection c, String sql, String arg) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    // ---- feedback ----

    /** The outcome of one feedback: the posterior after it, and the item's score before and after. */
    public record FeedbackResult(Posterior posterior, double base, double scoreBefore, double score) {
    }

    /**
     * Records one feedback, updates the item's posterior and, with a score function, its score, in one transaction.
     *
     * @param success weight added to alpha (0..1), {@code 1 - success} is added to beta
     */
    public FeedbackResult addFeedback(String feedbackId, String kind, String itemId, boolean accepted, Integer rating,
                                      String comment, double success, long now, ScoreFunction scorer) {
        return Jdbc.transaction(dataSource, "storing feedback for " + itemId, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO item_feedback (feedback_id, item_id, kind, "
                    + "accepted, rating, comment, created_at) VALUES (?,?,?,?,?,?,?)")) {
                ps.setString(1, feedbackId);
                ps.setString(2, itemId);
                ps.setString(3, kind);
                ps.setInt(4, accepted ? 1 : 0);
                if (rating == null) {
                    ps.setNull(5, java.sql.Types.INTEGER);
                } else {
                    ps.setInt(5, rating);
                }
                ps.setString(6, comment);
                ps.setLong(7, now);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO item_posteriors (item_id, alpha, beta, "
                    + "feedbacks, accepted, rejected, updated_at) VALUES (?,?,?,1,?,?,?) ON CONFLICT (item_id) DO UPDATE "
                    + "SET alpha = item_posteriors.alpha + excluded.alpha - 1, "
                    + "beta = item_posteriors.beta + excluded.beta - 1, feedbacks = item_posteriors.feedbacks + 1, "
                    + "accepted = item_posteriors.accepted + excluded.accepted, "
                    + "rejected = item_posteriors.rejected + excluded.rejected, updated_at = excluded.updated_at")) {
                ps.setString(1, itemId);
                ps.setDouble(2, 1 + success);
                ps.setDouble(3, 1 + (1 - success));
                ps.setInt(4, accepted ? 1 : 0);
                ps.setInt(5, accepted ? 0 : 1);
                ps.setLong(6, now);
                ps.executeUpdate();
            }
            Posterior p = posterior(c, itemId);
            double base = 0;
            double before = 0;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT base_score, score FROM mined_items WHERE item_id = ?")) {
                ps.setString(1, itemId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        base = rs.getDouble(1);
                        before = rs.getDouble(2);
                    }
                }
            }
            double after = before;
            if (scorer != null) {
                after = scorer.score(base, p);
                try (PreparedStatement ps = c.prepareStatement("UPDATE mined_items SET score = ? WHERE item_id = ?")) {
                    ps.setDouble(1, after);
                    ps.setString(2, itemId);
                    ps.executeUpdate();
                }
            }
            return new FeedbackResult(p, base, before, after);
        });
    }

    public Posterior posterior(String itemId) {
        try (Connection c = dataSource.getConnection()) {
            return posterior(c, itemId);
        } catch (SQLException e) {
            throw new StoreException("reading the posterior of " + itemId + " failed", e);
        }
    }

    /** Posteriors of the given items (absent ones are at the prior and left out). */
    public Map<String, Posterior> posteriors(Collection<String> itemIds) {
        if (itemIds.isEmpty()) {
            return Map.of();
        }
        try (Connection c = dataSource.getConnection()) {
            Map<String, Posterior> all = allPosteriors(c); // one row per item with feedback: a small table
            all.keySet().retainAll(new java.util.HashSet<>(itemIds));
            return all;
        } catch (SQLException e) {
            throw new StoreException("reading posteriors failed", e);
        }
    }

    private static Map<String, Posterior> allPosteriors(Connection c) throws SQLException {
        Map<String, Posterior> out = new java.util.HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT item_id, alpha, beta, feedbacks, accepted, rejected FROM item_posteriors");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), new Posterior(rs.getDouble(2), rs.getDouble(3), rs.getInt(4), rs.getInt(5),
                        rs.getInt(6)));
            }
        }
        return out;
    }

    private static Posterior posterior(Connection c, String itemId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT alpha, beta, feedbacks, accepted, rejected FROM item_posteriors WHERE item_id = ?")) {
            ps.setString(1, itemId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Posterior(rs.getDouble(1), rs.getDouble(2), rs.getInt(3), rs.getInt(4),
                        rs.getInt(5)) : Posterior.PRIOR;
            }
        }
    }

    // ---- plumbing ----

    private List<Item> query(String sql, List<?> args) {
        return Jdbc.query(dataSource, "reading mined items", sql, args, MinedItemStore::read);
    }

    private static Item read(ResultSet rs) throws SQLException {
        long first = rs.getLong(12);
        Long firstSeen = rs.wasNull() ? null : first;
        long last = rs.getLong(13);
        Long lastSeen = rs.wasNull() ? null : last;
        String entityJson = rs.getString(4);
        return new Item(rs.getString(1), rs.getString(2), rs.getString(3), entityJson, stringList(entityJson),
                rs.getString(5), rs.getString(6), rs.getInt(7), rs.getDouble(8), rs.getInt(9), rs.getDouble(10),
                rs.getDouble(11), firstSeen, lastSeen, rs.getString(14), rs.getString(15), rs.getString(16),
                rs.getInt(17) == 1, rs.getLong(18), rs.getLong(19), rs.getString(20));
    }

    private static List<String> stringList(String json) {
        try {
            return List.of(io.hestia.platform.Json.mapper().readValue(json, String[].class));
        } catch (java.io.IOException e) {
            throw new StoreException("stored entity list is not JSON: " + json, new SQLException(e));
        }
    }

    private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(i, java.sql.Types.BIGINT);
        } else {
            ps.setLong(i, v);
        }
    }
}
