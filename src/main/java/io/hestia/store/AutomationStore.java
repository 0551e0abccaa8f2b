package io.hestia.store;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The automation service's automations (one row per HA config id Hestia deployed or saw) and every version of each.
 * A new version, the automation row and the suggestion it came from change in one transaction, so a failure never
 * leaves a version without its automation or a deployed suggestion without a version.
 */
public final class AutomationStore {

    /**
     * One automation.
     *
     * @param managed        deployed through Hestia (else imported from HA on sync)
     * @param enabled        what Hestia last asked HA for (automation.turn_on / turn_off)
     * @param currentVersion the newest version number
     * @param behaviourKey   key of what it does (see SuggestionGenerator.behaviourKey)
     * @param haState        the automation entity's state when last seen (on, off, unavailable), null if never seen
     * @param deletedAt      set when deleted through Hestia or found missing in HA
     */
    public record AutomationRow(String automationId, String alias, String entityId, String suggestionId,
                                boolean managed, boolean enabled, int currentVersion, String behaviourKey,
                                String haState, long createdAt, long updatedAt, Long deletedAt) {
    }

    /**
     * One version.
     *
     * @param source    suggestion, api, rollback, ha (changed in HA, found on sync) or delete
     * @param config    the mapping as sent to or read from HA, JSON
     * @param diff      unified diff of {@code yaml} against the previous version's
     * @param findings  the validation findings, JSON array
     * @param confirmed HA showed the automation entity after the deploy
     */
    public record Version(String automationId, int version, String source, String reason, String config, String yaml,
                         String diff, boolean valid, int safetyScore, String findings, boolean confirmed,
                         long createdAt) {
    }

    private static final String AUTOMATION_COLUMNS = "automation_id, alias, entity_id, suggestion_id, managed, enabled, "
            + "current_version, behaviour_key, ha_state, created_at, updated_at, deleted_at";
    private static final String VERSION_COLUMNS = "automation_id, version_no, source, reason, config, yaml, diff, "
            + "valid, safety_score, findings, confirmed, created_at";

    private final DataSource dataSource;

    public AutomationStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<AutomationRow> find(String automationId) {
        return Jdbc.query(dataSource, "reading automation " + automationId, "SELECT " + AUTOMATION_COLUMNS
                + " FROM automations WHERE automation_id = ?", List.of(automationId), AutomationStore::automation)
                .stream().findFirst();
    }

    /** Automations, newest change first; deleted ones only when asked. */
    public List<AutomationRow> list(boolean includeDeleted) {
        return Jdbc.query(dataSource, "listing automations", "SELECT " + AUTOMATION_COLUMNS + " FROM automations"
                        + (includeDeleted ? "" : " WHERE deleted_at IS NULL") + " ORDER BY updated_at DESC, automation_id",
                List.of(), AutomationStore::automation);
    }

    public List<Version> versions(String automationId) {
        return Jdbc.query(dataSource, "reading versions of " + automationId, "SELECT " + VERSION_COLUMNS
                        + " FROM automation_versions WHERE automation_id = ? ORDER BY version_no",
                List.of(automationId), AutomationStore::version);
    }

    public Optional<Version> version(String automationId, int version) {
        return Jdbc.query(dataSource, "reading version " + version + " of " + automationId, "SELECT "
                        + VERSION_COLUMNS + " FROM automation_versions WHERE automation_id = ? AND version_no = ?",
                List.of(automationId, version), AutomationStore::version).stream().findFirst();
    }

    public Optional<Version> latest(String automationId) {
        return Jdbc.query(dataSource, "reading the latest version of " + automationId, "SELECT " + VERSION_COLUMNS
                        + " FROM automation_versions WHERE automation_id = ? ORDER BY version_no DESC LIMIT 1",
                List.of(automationId), AutomationStore::version).stream().findFirst();
    }

    /**
     * Records a new version and the automation's new state in one transaction, provided the stored automation
     * still has {@code expectedVersion} as its newest (0: it must not exist yet). When {@code suggestionId} is set,
     * that suggestion becomes deployed with this automation in the same transaction.
     *
     * @return false, with nothing written, when another write got there first
     */
    public boolean record(AutomationRow automation, Version version, int expectedVersion, String suggestionId) {
        return Jdbc.transaction(dataSource, "recording version " + version.version() + " of "
                + automation.automationId(), c -> {
            if (expectedVersion == 0) {
                if (exists(c, automation.automationId())) {
                    return false;
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO automations (" + AUTOMATION_COLUMNS
                        + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")) {
                    Jdbc.bind(ps, automationArgs(automation));
                    ps.executeUpdate();
                }
            } else {
                try (PreparedStatement ps = c.prepareStatement("UPDATE automations SET alias = ?, entity_id = ?, "
                        + "suggestion_id = ?, managed = ?, enabled = ?, current_version = ?, behaviour_key = ?, "
                        + "ha_state = ?, updated_at = ?, deleted_at = ? WHERE automation_id = ? AND current_version = ?")) {
                    Jdbc.bind(ps, Arrays.asList(automation.alias(), automation.entityId(), automation.suggestionId(),
                            automation.managed() ? 1 : 0, automation.enabled() ? 1 : 0, automation.currentVersion(),
                            automation.behaviourKey(), automation.haState(), automation.updatedAt(),
                            automation.deletedAt(), automation.automationId(), expectedVersion));
                    if (ps.executeUpdate() == 0) {
                        return false;
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO automation_versions (" + VERSION_COLUMNS
                    + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")) {
                Jdbc.bind(ps, Arrays.asList(version.automationId(), version.version(), version.source(),
                        version.reason(), version.config(), version.yaml(), version.diff(), version.valid() ? 1 : 0,
                        version.safetyScore(), version.findings(), version.confirmed() ? 1 : 0, version.createdAt()));
                ps.executeUpdate();
            }
            if (suggestionId != null) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE suggestions SET status = 'deployed', "
                        + "automation_id = ?, status_reason = NULL, updated_at = ? WHERE suggestion_id = ?")) {
                    Jdbc.bind(ps, List.of(automation.automationId(), version.createdAt(), suggestionId));
                    ps.executeUpdate();
                }
            }
            return true;
        });
    }

    /** Marks a suggestion deployed as automation {@code automationId} (HA already ran exactly its automation). */
    public void linkSuggestion(String suggestionId, String automationId, long now) {
        Jdbc.update(dataSource, "linking suggestion " + suggestionId, "UPDATE suggestions SET status = 'deployed', "
                + "automation_id = ?, status_reason = NULL, updated_at = ? WHERE suggestion_id = ?", automationId, now,
                suggestionId);
    }

    /** Updates what is known of the automation in HA without a new version (entity id, state, enabled). */
    public void updateState(String automationId, String entityId, String haState, boolean enabled, long now) {
        Jdbc.update(dataSource, "updating automation " + automationId, "UPDATE automations SET entity_id = ?, "
                + "ha_state = ?, enabled = ?, updated_at = ? WHERE automation_id = ?", entityId, haState,
                enabled ? 1 : 0, now, automationId);
    }

    /** Behaviour keys of the automations HA has (not deleted). */
    public List<String> liveBehaviourKeys() {
        return Jdbc.query(dataSource, "reading automation keys", "SELECT behaviour_key FROM automations "
                + "WHERE deleted_at IS NULL", List.of(), rs -> rs.getString(1));
    }

    private static boolean exists(Connection c, String automationId) throws SQLException {
        return !Jdbc.query(c, "SELECT 1 FROM automations WHERE automation_id = ?", List.of(automationId),
                rs -> 1).isEmpty();
    }

    private static List<Object> automationArgs(AutomationRow a) {
        return Arrays.asList(a.automationId(), a.alias(), a.entityId(), a.suggestionId(), a.managed() ? 1 : 0,
                a.enabled() ? 1 : 0, a.currentVersion(), a.behaviourKey(), a.haState(), a.createdAt(),
                a.updatedAt(), a.deletedAt());
    }

    private static AutomationRow automation(java.sql.ResultSet rs) throws SQLException {
        Object deleted = rs.getObject(12);
        return new AutomationRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getInt(5) != 0, rs.getInt(6) != 0, rs.getInt(7), rs.getString(8), rs.getString(9), rs.getLong(10),
                rs.getLong(11), deleted == null ? null : ((Number) deleted).longValue());
    }

    private static Version version(java.sql.ResultSet rs) throws SQLException {
        return new Version(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getInt(8) != 0, rs.getInt(9), rs.getString(10),
                rs.getInt(11) != 0, rs.getLong(12));
    }
}
