package io.hestia.automation;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.hestia.automation.generate.SuggestionGenerator;
import io.hestia.automation.validate.AutomationValidator;
import io.hestia.automation.validate.HomeContext;
import io.hestia.automation.validate.SafetyLevel;
import io.hestia.automation.validate.ValidationReport;
import io.hestia.ha.HaRestClient;
import io.hestia.ha.schema.HaYaml;
import io.hestia.platform.ConflictException;
import io.hestia.platform.Json;
import io.hestia.platform.NotFoundException;
import io.hestia.platform.UnavailableException;
import io.hestia.platform.UnprocessableException;
import io.hestia.store.AutomationStore;
import io.hestia.store.AutomationStore.AutomationRow;
import io.hestia.store.AutomationStore.Version;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Deploys automations to HA and keeps every version: validate, {@code POST /api/config/automation/config/<id>},
 * confirm that the {@code automation.*} entity exists and has the state Hestia wants, then record the version. A
 * failure before HA accepted the automation records nothing. Rollback redeploys any stored version as a new one;
 * enable and disable call {@code automation.turn_on/turn_off}; {@link #sync()} records changes made in HA behind
 * Hestia's back. All calls to HA go through the service client ({@link HaRestClient}).
 */
public final class AutomationService {

    private static final Logger LOG = Logger.getLogger(AutomationService.class.getName());
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    public static final String SOURCE_HA = "ha";
    private static final List<String> HA_KEY_ORDER = List.of("alias", "description", "triggers", "trigger",
            "conditions", "condition", "actions", "action");
    public static final String SOURCE_DELETE = "delete";
    public static final String SOURCE_ROLLBACK = "rollback";

    /**
     * What a deploy did.
     *
     * @param changed   false when HA already had exactly this automation (a repeated deploy)
     * @param confirmed the automation entity was seen in HA with the wanted state
     * @param haState   the entity's state when last read (on, off, unavailable), null when not seen
     */
    public record Deployed(AutomationRow automation, Version version, boolean changed, boolean confirmed,
                           String haState, ValidationReport report) {
    }

    /** What a sync found. */
    public record SyncResult(int seen, int imported, int changed, int missing, List<String> warnings) {
    }

    private final AutomationStore store;
    private final Supplier<HaRestClient> ha;
    private final AutomationValidator validator;
    private final Supplier<HomeContext> home;
    private final SafetyLevel defaultLevel;
    private final Clock clock;
    private final long confirmTimeoutMs;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    public AutomationService(AutomationStore store, Supplier<HaRestClient> ha, AutomationValidator validator,
                             Supplier<HomeContext> home, SafetyLevel defaultLevel, Clock clock, long confirmTimeoutMs) {
        this.store = store;
        this.ha = ha;
        this.validator = validator;
        this.home = home;
        this.defaultLevel = defaultLevel;
        this.clock = clock;
        this.confirmTimeoutMs = confirmTimeoutMs;
    }

    public ValidationReport validate(Object automation, SafetyLevel level) {
        return validator.validate(automation, home.get(), level == null ? defaultLevel : level);
    }

    // ---- deploy ----

    /**
     * Validates and deploys one automation. Its config id is its {@code id}, or, without one, {@code hestia_} and
     * 12 hex digits of its behaviour key (so deploying the same automation twice is one automation).
     *
     * @param source       suggestion, api or rollback
     * @param suggestionId the suggestion it comes from (marked deployed in the same transaction), or null
     * @throws UnprocessableException when the automation is not valid at {@code level}; nothing is sent to HA
     */
    public Deployed deploy(Map<String, Object> automation, String source, String reason, String suggestionId,
                           SafetyLevel level) {
        Map<String, Object> config = withId(automation);
        String id = (String) config.get("id");
        ValidationReport report = validate(config, level);
        if (!report.valid()) {
            throw new UnprocessableException("the automation is not valid: " + firstProblem(report),
                    Map.of("automation_id", id, "validation", report));
        }
        synchronized (lock(id)) {
            return deployChecked(id, config, report, source, reason, suggestionId);
        }
    }

    private Deployed deployChecked(String id, Map<String, Object> config, ValidationReport report, String source,
                                   String reason, String suggestionId) {
        HaRestClient client = client();
        Optional<AutomationRow> existing = store.find(id);
        Optional<Version> latest = existing.isPresent() ? store.latest(id) : Optional.empty();
        // HA is the truth about what it runs: an edit made there since Hestia last looked is recorded first, so the
        // deploy below never overwrites it unrecorded, and the on/off state is HA's
        JsonNode inHaNode = client.automationConfig(id);
        Map<String, Object> inHa = inHaNode == null || !inHaNode.isObject() ? null
                : Json.mapper().convertValue(inHaNode, MAP);
        if (inHa != null && existing.isPresent() && existing.get().deletedAt() == null && latest.isPresent()
                && !sameConfig(read(latest.get().config()), inHa)) {
            recordFromHa(id, inHa, existing, latest, null, null, "changed in Home Assistant (found before a deploy)");
            existing = store.find(id);
            latest = store.latest(id);
        }
        String alias = String.valueOf(config.get("alias"));
        String knownEntity = existing.map(AutomationRow::entityId).orElse(null);
        if (inHa != null && sameConfig(inHa, config) && existing.isPresent() && existing.get().deletedAt() == null) {
            // HA already runs exactly this: nothing to send or record; a suggestion deploying it is now deployed
            Entity entity = settled(client, id, alias, knownEntity);
            AutomationRow row = existing.get();
            boolean enabled = entity.state == null || "unavailable".equals(entity.state) ? row.enabled()
                    : "on".equals(entity.state);
            store.updateState(id, entity.entityId == null ? row.entityId() : entity.entityId, entity.state, enabled,
                    clock.millis());
            if (suggestionId != null) {
                store.linkSuggestion(suggestionId, id, clock.millis());
            }
            return new Deployed(store.find(id).orElseThrow(), latest.orElseThrow(), false,
                    entity.entityId != null && ("on".equals(entity.state) || "off".equals(entity.state)),
                    entity.state, report);
        }
        client.saveAutomationConfig(id, config); // HA refusing it (400) or being down ends here: nothing recorded
        // from here HA has the new config: whatever happens while confirming, the version is recorded
        Entity entity;
        String confirmError = null;
        try {
            entity = settled(client, id, alias, knownEntity);
        } catch (RuntimeException e) {
            entity = new Entity(null, null);
            confirmError = e.getMessage();
        }
        boolean enabled = entity.state == null || "unavailable".equals(entity.state)
                ? existing.map(AutomationRow::enabled).orElse(true) : "on".equals(entity.state);
        // a new automation must come up on; an existing one keeps the state HA restored (enable/disable change it)
        boolean confirmed = entity.entityId != null && (existing.isEmpty() || existing.get().deletedAt() != null
                ? "on".equals(entity.state) : "on".equals(entity.state) || "off".equals(entity.state));
        long now = clock.millis();
        int expected = existing.map(AutomationRow::currentVersion).orElse(0);
        Version version = version(id, expected + 1, source, reason, config, report, latest, confirmed, now);
        AutomationRow row = new AutomationRow(id, stringOrNull(config.get("alias")),
                entity.entityId != null ? entity.entityId : knownEntity,
                suggestionId != null ? suggestionId : existing.map(AutomationRow::suggestionId).orElse(null),
                existing.map(AutomationRow::managed).orElse(true) || !SOURCE_HA.equals(source), enabled,
                expected + 1, SuggestionGenerator.behaviourKey(config), entity.state,
                existing.map(AutomationRow::createdAt).orElse(now), now, null);
        if (!store.record(row, version, expected, suggestionId)) {
            throw new ConflictException("automation " + id + " was changed by another request meanwhile; "
                    + "HA has this deploy, and the next sync records it");
        }
        if (!confirmed) {
            LOG.warning("automation " + id + " deployed but not confirmed: "
                    + (confirmError != null ? "reading its state failed: " + confirmError
                    : entity.entityId == null ? "no entity in HA" : entity.entityId + " is " + entity.state));
        }
        return new Deployed(row, version, true, confirmed, entity.state, report);
    }

    /** A version of {@code config}: its YAML, the diff to the previous version's, the validation outcome. */
    private static Version version(String id, int number, String source, String reason, Map<String, Object> config,
                                   ValidationReport report, Optional<Version> previous, boolean confirmed, long now) {
        String yaml = HaYaml.dump(config);
        return new Version(id, number, source, reason, Json.write(config), yaml,
                LineDiff.unified(previous.map(Version::yaml).orElse(""), yaml), report.valid(), report.safetyScore(),
                Json.write(report.findings()), confirmed, now);
    }

    /**
     * Records HA's config of an automation as a version (source ha): imported when Hestia did not know it, changed,
     * or present again after a deletion.
     *
     * @return false when another write got there first
     */
    private boolean recordFromHa(String id, Map<String, Object> config, Optional<AutomationRow> row,
                                 Optional<Version> latest, String entityId, String haState, String reason) {
        ValidationReport report = validate(config, null);
        long now = clock.millis();
        int expected = row.map(AutomationRow::currentVersion).orElse(0);
        Version version = version(id, expected + 1, SOURCE_HA, reason, config, report, latest, true, now);
        boolean enabled = haState == null || "unavailable".equals(haState)
                ? row.map(AutomationRow::enabled).orElse(true) : "on".equals(haState);
        AutomationRow updated = new AutomationRow(id, stringOrNull(config.get("alias")),
                entityId != null ? entityId : row.map(AutomationRow::entityId).orElse(null),
                row.map(AutomationRow::suggestionId).orElse(null), row.map(AutomationRow::managed).orElse(false),
                enabled, expected + 1, SuggestionGenerator.behaviourKey(config),
                haState != null ? haState : row.map(AutomationRow::haState).orElse(null),
                row.map(AutomationRow::createdAt).orElse(now), now, null);
        return store.record(updated, version, expected, null);
    }

    /**
     * Redeploys stored version {@code versionNo} of an automation as a new version (source rollback).
     *
     * @throws NotFoundException when the automation or the version does not exist
     */
    public Deployed rollback(String id, int versionNo, String reason, SafetyLevel level) {
        requireRow(id);
        Version target = store.version(id, versionNo).orElseThrow(() -> new NotFoundException(
                "automation " + id + " has no version " + versionNo));
        if (SOURCE_DELETE.equals(target.source())) {
            throw new UnprocessableException("version " + versionNo + " of " + id + " records its deletion; roll back "
                    + "to a version before it", Map.of("automation_id", id, "version", versionNo));
        }
        String why = "rollback to version " + versionNo + (reason == null || reason.isBlank() ? "" : ": " + reason);
        return deploy(read(target.config()), SOURCE_ROLLBACK, why, null, level);
    }

    // ---- enable, disable, delete ----

    /** {@code automation.turn_on} or {@code turn_off}, then the state read back. */
    public AutomationRow setEnabled(String id, boolean enabled) {
        synchronized (lock(id)) {
            AutomationRow row = requireLive(id);
            HaRestClient client = client();
            Entity entity = find(client, id, row.alias(), row.entityId(), true);
            if (entity.entityId == null) {
                throw new UnprocessableException("HA has no entity for automation " + id + "; deploy it again or "
                        + "sync", Map.of("automation_id", id));
            }
            client.callService("automation", enabled ? "turn_on" : "turn_off", Map.of("entity_id", entity.entityId));
            JsonNode after = client.state(entity.entityId); // HA answers the service call once the state changed
            String state = after == null ? null : after.path("state").asText(null);
            store.updateState(id, entity.entityId, state, state == null ? enabled : "on".equals(state),
                    clock.millis());
            return store.find(id).orElseThrow();
        }
    }

    /**
     * Deletes the automation in HA and records the deletion as a version (its config empty); earlier versions stay
     * and any of them can be rolled back to.
     */
    public Version delete(String id, String reason) {
        synchronized (lock(id)) {
            AutomationRow row = requireLive(id);
            client().deleteAutomationConfig(id); // false: already gone in HA, which is what was asked
            return recordDeletion(row, reason == null || reason.isBlank() ? "deleted through Hestia" : reason,
                    SOURCE_DELETE);
        }
    }

    private Version recordDeletion(AutomationRow row, String reason, String source) {
        long now = clock.millis();
        String previousYaml = store.latest(row.automationId()).map(Version::yaml).orElse("");
        Version version = new Version(row.automationId(), row.currentVersion() + 1, source, reason, "{}", "",
                LineDiff.unified(previousYaml, ""), true, 100, "[]", true, now);
        AutomationRow deleted = new AutomationRow(row.automationId(), row.alias(), row.entityId(), row.suggestionId(),
                row.managed(), row.enabled(), row.currentVersion() + 1, row.behaviourKey(), null, row.createdAt(),
                now, now);
        if (!store.record(deleted, version, row.currentVersion(), null)) {
            throw new ConflictException("automation " + row.automationId() + " changed meanwhile; try again");
        }
        return version;
    }

    // ---- sync: changes made in HA ----

    /**
     * Reads every automation HA exposes over its config API and records what changed since Hestia last saw it: an
     * automation new to Hestia is imported (version 1, source ha), a changed one gets a version (source ha), one
     * missing from HA gets a deletion version. Entity ids and states are refreshed.
     */
    public SyncResult sync() {
        HaRestClient client = client();
        JsonNode states = client.states();
        Map<String, JsonNode> byConfigId = new LinkedHashMap<>();
        for (JsonNode s : states) {
            String entityId = s.path("entity_id").asText("");
            String configId = s.path("attributes").path("id").asText("");
            if (entityId.startsWith("automation.") && !configId.isBlank()) {
                byConfigId.put(configId, s);
            }
        }
        int imported = 0;
        int changed = 0;
        int missing = 0;
        List<String> warnings = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : byConfigId.entrySet()) {
            String id = e.getKey();
            JsonNode state = e.getValue();
            JsonNode configNode = client.automationConfig(id);
            if (configNode == null || !configNode.isObject()) {
                warnings.add("HA shows " + state.path("entity_id").asText() + " but its config " + id
                        + " cannot be read (YAML-only automations are not visible to the config API)");
                continue;
            }
            Map<String, Object> config = Json.mapper().convertValue(configNode, MAP);
            String entityId = state.path("entity_id").asText();
            String haState = state.path("state").asText(null);
            synchronized (lock(id)) {
                Optional<AutomationRow> row = store.find(id);
                Optional<Version> latest = row.isPresent() ? store.latest(id) : Optional.empty();
                if (row.isPresent() && row.get().deletedAt() == null && latest.isPresent()
                        && sameConfig(read(latest.get().config()), config)) {
                    boolean enabled = haState == null || "unavailable".equals(haState) ? row.get().enabled()
                            : "on".equals(haState);
                    store.updateState(id, entityId, haState, enabled, clock.millis());
                    continue;
                }
                String reason = row.isEmpty() ? "found in Home Assistant"
                        : row.get().deletedAt() != null ? "present again in Home Assistant"
                        : "changed in Home Assistant";
                if (recordFromHa(id, config, row, latest, entityId, haState, reason)) {
                    if (row.isEmpty()) {
                        imported++;
                    } else {
                        changed++;
                    }
                }
            }
        }
        for (AutomationRow row : store.list(false)) {
            if (!byConfigId.containsKey(row.automationId())) {
                synchronized (lock(row.automationId())) {
                    // HA may still hold it without an entity (a failed load); only a 404 means it is gone
                    if (client.automationConfig(row.automationId()) == null) {
                        AutomationRow current = store.find(row.automationId()).orElse(row);
                        if (current.deletedAt() == null) {
                            recordDeletion(current, "deleted in Home Assistant", SOURCE_HA);
                            missing++;
                        }
                    }
                }
            }
        }
        return new SyncResult(byConfigId.size(), imported, changed, missing, warnings);
    }

    // ---- reads ----

    public List<AutomationRow> list(boolean includeDeleted) {
        return store.list(includeDeleted);
    }

    public AutomationRow get(String id) {
        return requireRow(id);
    }

    public List<Version> versions(String id) {
        requireRow(id);
        return store.versions(id);
    }

    public Optional<Version> latest(String id) {
        return store.latest(id);
    }

    /** Behaviour keys of the automations HA has, as last seen. */
    public List<String> liveBehaviourKeys() {
        return store.liveBehaviourKeys();
    }

    // ---- HA entity lookup ----

    /** An automation entity as HA shows it; {@code entityId} null when HA shows none for the config id. */
    private record Entity(String entityId, String state) {
    }

    /**
     * Waits (up to the confirm timeout, polling often at first, then less) until HA shows the automation's entity in
     * a settled state (on or off). HA loads an automation after it answered the config POST, so the entity may appear
     * a moment later. Nothing is switched here: HA keeps an automation's on/off state across reloads, and enable and
     * disable are their own calls.
     */
    private Entity settled(HaRestClient client, String id, String alias, String knownEntityId) {
        long start = clock.millis();
        long deadline = start + confirmTimeoutMs;
        while (true) {
            // the entity is usually the known one or automation.<slug of alias>; a scan of every state (a clash
            // suffix, a renamed entity) only once those have had time to appear
            long elapsed = clock.millis() - start;
            Entity entity = find(client, id, alias, knownEntityId, elapsed >= 100);
            if (entity.entityId != null && ("on".equals(entity.state) || "off".equals(entity.state))) {
                return entity;
            }
            elapsed = clock.millis() - start;
            long pause = elapsed < 200 ? 5 : Math.min(200, elapsed / 4);
            if (clock.millis() + pause > deadline) {
                return entity;
            }
            sleep(pause);
        }
    }

    /**
     * The entity of config id {@code id}: the known one, the one HA derives from the alias, or (with {@code scanAll})
     * any automation entity that has it.
     */
    private Entity find(HaRestClient client, String id, String alias, String knownEntityId, boolean scanAll) {
        for (String candidate : new String[] {knownEntityId, alias == null ? null : "automation." + slug(alias)}) {
            if (candidate == null) {
                continue;
            }
            JsonNode s = client.state(candidate);
            if (s != null && id.equals(s.path("attributes").path("id").asText(null))) {
                return new Entity(candidate, s.path("state").asText(null));
            }
        }
        if (!scanAll) {
            return new Entity(null, null);
        }
        for (JsonNode s : client.states()) {
            String entityId = s.path("entity_id").asText("");
            if (entityId.startsWith("automation.") && id.equals(s.path("attributes").path("id").asText(null))) {
                return new Entity(entityId, s.path("state").asText(null));
            }
        }
        return new Entity(null, null);
    }

    /** HA's slugify for the common case (lower case, runs of other characters to one underscore). */
    static String slug(String text) {
        String s = java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFKD)
                .replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        s = s.replaceAll("^_+|_+$", "");
        return s.isEmpty() ? "unknown" : s;
    }

    // ---- helpers ----

    private HaRestClient client() {
        HaRestClient client = ha.get();
        if (client == null) {
            throw new UnavailableException("Home Assistant is not connected");
        }
        return client;
    }

    private Object lock(String id) {
        return locks.computeIfAbsent(id, k -> new Object());
    }

    private AutomationRow requireRow(String id) {
        return store.find(id).orElseThrow(() -> new NotFoundException("no automation " + id));
    }

    private AutomationRow requireLive(String id) {
        AutomationRow row = requireRow(id);
        if (row.deletedAt() != null) {
            throw new ConflictException("automation " + id + " is deleted; roll back to a version to restore it");
        }
        return row;
    }

    /** The automation with a string config id first (derived from its behaviour when it has none). */
    static Map<String, Object> withId(Map<String, Object> automation) {
        Object id = automation.get("id");
        String configId = id == null || String.valueOf(id).isBlank()
                ? "hestia_" + SuggestionGenerator.behaviourKey(automation).substring(0, 12) : String.valueOf(id);
        // HA's own key order (config/automation.py): what HA stores and what it answers read the same, so a version
        // made from HA's copy differs from Hestia's only where the content does
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", configId);
        for (String key : HA_KEY_ORDER) {
            if (automation.containsKey(key)) {
                out.put(key, automation.get(key));
            }
        }
        automation.forEach((k, v) -> {
            if (!"id".equals(k)) {
                out.putIfAbsent(k, v);
            }
        });
        return out;
    }

    /** Equal as JSON (key order ignored, numbers compared by value through one JSON round trip). */
    static boolean sameConfig(Map<String, Object> a, Map<String, Object> b) {
        try {
            return Json.mapper().readTree(Json.write(a)).equals(Json.mapper().readTree(Json.write(b)));
        } catch (IOException e) {
            return false;
        }
    }

    static Map<String, Object> read(String json) {
        try {
            return Json.mapper().readValue(json, MAP);
        } catch (IOException e) {
            throw new IllegalStateException("stored automation config is not JSON: " + e.getMessage(), e);
        }
    }

    private static String firstProblem(ValidationReport report) {
        return report.findings().stream().filter(f -> f.isError()).findFirst()
                .map(f -> (f.path().isEmpty() ? "" : f.path() + ": ") + f.message())
                .orElse("safety score " + report.safetyScore() + " is below the " + report.safetyLevel()
                        + " level's threshold");
    }

    private static String stringOrNull(Object o) {
        return o == null ? null : String.valueOf(o);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("interrupted while waiting for HA to load the automation");
        }
    }
}
