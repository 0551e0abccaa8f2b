package io.hestia.automation;

import com.fasterxml.jackson.databind.JsonNode;
import io.hestia.SimulatedHaTestSupport;
import io.hestia.ha.home.Home;
import io.hestia.platform.Json;
import io.hestia.training.synthetic.HomeType;
import io.hestia.training.synthetic.SyntheticHome;
import io.hestia.training.synthetic.SyntheticHomeGenerator;
import io.hestia.training.synthetic.SyntheticSpec;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The automation service over real HTTP against the HA simulator reached through the real HA client: suggestions
 * drafted from a real analysis, approve (feedback reaching the pattern service), deploy (HA's config API, the entity
 * confirmed), idempotent redeploy, edits as versions with diffs, rollback, enable/disable, changes made in HA found
 * by sync, delete and restore, validation refusals, and HA being down (nothing recorded, the breaker opens).
 */
class AutomationRoutesTest extends SimulatedHaTestSupport {

    private static final Instant END = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    private SyntheticHome home;

    @Override
    protected Home simulatedHome() {
        home = SyntheticHomeGenerator.generate(new SyntheticSpec(7, HomeType.SINGLE_FAMILY, 25, 14, END,
                ZoneId.of("Europe/Berlin")));
        return home.home();
    }

    @Override
    protected Properties extraProperties() {
        Properties p = simProperties();
        p.put("hestia.ha.initial-backfill-days", "15"); // the home starts 14 days before END, a little before now
        p.put("hestia.pattern.schedule-enabled", "false");
        p.put("hestia.pattern.window-days", "14");
        p.put("hestia.automation.sync-enabled", "false");
        p.put("hestia.client.retries", "0");
        p.put("hestia.client.breaker.minimum-calls", "3");
        p.put("hestia.client.breaker.window", "4");
        return p;
    }

    private void analyse() throws Exception {
        awaitHistory(home.home(), END);
        assertThat(analysisRun(14).get("status").asText()).isEqualTo("succeeded");
    }

    @Test
    void suggestApproveDeployEditRollbackSyncDelete() throws Exception {
        analyse();

        // ---- suggestions from the analysis ----
        HttpResponse<String> gen = post("/api/v1/suggestions/generate", "{\"limit\": 100}", "application/json");
        assertThat(gen.statusCode()).as(gen.body()).isEqualTo(200);
        JsonNode generated = json(gen);
        assertThat(generated.get("created").asInt()).as(gen.body()).isPositive();
        for (JsonNode s : generated.get("suggestions")) {
            assertThat(s.get("status").asText()).isEqualTo("pending");
            assertThat(s.get("title").asText()).isNotBlank();
            assertThat(s.get("description").asText()).contains(s.get("evidence").asText());
            assertThat(Set.of("energy", "comfort", "security", "convenience")).contains(s.get("category").asText());
            assertThat(s.get("yaml").asText()).contains("triggers:").contains("actions:");
        }
        // a second generation finds nothing new: every behaviour is already suggested
        JsonNode again = json(post("/api/v1/suggestions/generate", "{\"limit\": 100}", "application/json"));
        assertThat(again.get("created").asInt()).isZero();
        assertThat(again.get("skipped").get("already_suggested").asInt()).isPositive();

        JsonNode pending = json(get("/api/v1/suggestions?status=pending"));
        assertThat(pending.get("counts").get("pending").asInt()).isEqualTo(generated.get("created").asInt());
        assertThat(pending.get("count").asInt()).isEqualTo(Math.min(50, generated.get("created").asInt()));
        JsonNode first = pending.get("suggestions").get(0);
        String sid = first.get("id").asText();
        JsonNode detail = json(get("/api/v1/suggestions/" + sid));
        assertThat(detail.get("validation").get("valid").asBoolean()).as(detail.toString()).isTrue();
        assertThat(detail.get("validation").get("safety_score").asInt()).isBetween(0, 100);

        // ---- lifecycle: deploy needs approval; approval reaches the pattern service ----
        assertThat(post("/api/v1/suggestions/" + sid + "/deploy", "", "application/json").statusCode()).isEqualTo(409);
        HttpResponse<String> approved = post("/api/v1/suggestions/" + sid + "/approve",
                "{\"comment\": \"yes please\"}", "application/json");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(json(approved).get("status").asText()).isEqualTo("approved");
        assertThat(json(approved).get("feedback").asText()).isEqualTo("sent");
        String kind = first.get("source").get("kind").asText();
        String item = first.get("source").get("id").asText();
        JsonNode mined = json(get("/api/v1/" + (kind.equals("synergy") ? "synergies/" : "patterns/") + item));
        assertThat(mined.get("feedback").get("accepted").asInt()).isEqualTo(1);
        assertThat(post("/api/v1/suggestions/" + sid + "/approve", "", "application/json").statusCode())
                .isEqualTo(409);

        // ---- deploy: in HA, entity confirmed on, suggestion deployed, one version ----
        HttpResponse<String> dep = post("/api/v1/suggestions/" + sid + "/deploy", "", "application/json");
        assertThat(dep.statusCode()).as(dep.body()).isEqualTo(200);
        JsonNode deployed = json(dep);
        String id = deployed.get("id").asText();
        assertThat(deployed.get("changed").asBoolean()).isTrue();
        assertThat(deployed.get("confirmed").asBoolean()).as(dep.body()).isTrue();
        assertThat(deployed.get("ha_state").asText()).isEqualTo("on");
        String entityId = deployed.get("entity_id").asText();
        assertThat(sim.state(entityId)).contains("on");
        assertThat(haConfig(id).statusCode()).isEqualTo(200);
        assertThat(json(get("/api/v1/suggestions/" + sid)).get("status").asText()).isEqualTo("deployed");
        assertThat(json(get("/api/v1/suggestions/" + sid)).get("automation_id").asText()).isEqualTo(id);

        // a repeated deploy is idempotent
        JsonNode repeat = json(post("/api/v1/suggestions/" + sid + "/deploy", "", "application/json"));
        assertThat(repeat.get("changed").asBoolean()).isFalse();
        assertThat(versions(id)).hasSize(1);

        // ---- an edit through the API is version 2 with a diff ----
        JsonNode current = json(get("/api/v1/automations/" + id));
        String yaml = current.get("yaml").asText();
        String edited = yaml.replaceFirst("(?m)^alias: .*$", "alias: Edited by a test");
        HttpResponse<String> edit = post("/api/v1/automations", edited, "application/yaml");
        assertThat(edit.statusCode()).as(edit.body()).isEqualTo(201);
        assertThat(json(edit).get("current_version").asInt()).isEqualTo(2);
        List<JsonNode> v = versions(id);
        assertThat(v).hasSize(2);
        assertThat(v.get(1).get("source").asText()).isEqualTo("api");
        assertThat(v.get(1).get("diff").asText()).contains("-alias: ").contains("+alias: Edited by a test");
        assertThat(json(haConfig(id)).get("alias").asText()).isEqualTo("Edited by a test");

        // ---- rollback to version 1 is version 3 with version 1's config ----
        HttpResponse<String> rb = post("/api/v1/automations/" + id + "/rollback", "{\"version\": 1, \"reason\": "
                + "\"test\"}", "application/json");
        assertThat(rb.statusCode()).as(rb.body()).isEqualTo(200);
        v = versions(id);
        assertThat(v).hasSize(3);
        assertThat(v.get(2).get("source").asText()).isEqualTo("rollback");
        assertThat(v.get(2).get("reason").asText()).contains("version 1").contains("test");
        assertThat(v.get(2).get("yaml").asText()).isEqualTo(v.get(0).get("yaml").asText());
        assertThat(json(haConfig(id)).get("alias").asText()).isEqualTo(first.get("title").asText());

        // ---- disable and enable: HA's entity follows ----
        JsonNode disabled = json(post("/api/v1/automations/" + id + "/disable", "", "application/json"));
        assertThat(disabled.get("enabled").asBoolean()).isFalse();
        assertThat(disabled.get("ha_state").asText()).isEqualTo("off");
        assertThat(sim.state(entityId)).contains("off");
        assertThat(json(post("/api/v1/automations/" + id + "/enable", "", "application/json")).get("ha_state")
                .asText()).isEqualTo("on");

        // ---- a change made in HA behind Hestia's back is found on sync ----
        JsonNode inHa = json(haConfig(id));
        ((com.fasterxml.jackson.databind.node.ObjectNode) inHa).put("description", "changed in the HA editor");
        HttpResponse<String> haEdit = http.send(HttpRequest.newBuilder(URI.create(sim.baseUrl()
                        + "/api/config/automation/config/" + id)).header("Authorization", "Bearer " + SIM_TOKEN)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        Json.write(inHa))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(haEdit.statusCode()).as(haEdit.body()).isEqualTo(200);
        JsonNode sync = json(post("/api/v1/automations/sync", "", "application/json"));
        assertThat(sync.get("changed").asInt()).as(sync.toString()).isEqualTo(1);
        v = versions(id);
        assertThat(v).hasSize(4);
        assertThat(v.get(3).get("source").asText()).isEqualTo("ha");
        assertThat(v.get(3).get("diff").asText()).contains("+description: changed in the HA editor");
        assertThat(json(post("/api/v1/automations/sync", "", "application/json")).get("changed").asInt()).isZero();

        // ---- delete, then restore by rollback ----
        HttpResponse<String> del = http.send(HttpRequest.newBuilder(URI.create(url("/api/v1/automations/" + id)))
                .DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(del.statusCode()).as(del.body()).isEqualTo(200);
        assertThat(haConfig(id).statusCode()).isEqualTo(404);
        assertThat(json(get("/api/v1/automations")).get("automations").toString()).doesNotContain(id);
        assertThat(json(get("/api/v1/automations?include_deleted=true")).get("automations").toString()).contains(id);
        assertThat(post("/api/v1/automations/" + id + "/rollback", "{\"version\": 5}", "application/json")
                .statusCode()).isEqualTo(422);
        HttpResponse<String> restored = post("/api/v1/automations/" + id + "/rollback", "{\"version\": 3}",
                "application/json");
        assertThat(restored.statusCode()).as(restored.body()).isEqualTo(200);
        assertThat(json(restored).get("deleted").asBoolean()).isFalse();
        assertThat(haConfig(id).statusCode()).isEqualTo(200);
        assertThat(versions(id)).hasSize(6);
    }

    @Test
    void refusalsAndHaBeingDownRecordNothing() throws Exception {
        String light = home.home().entities().stream().map(e -> e.entityId()).filter(e -> e.startsWith("light."))
                .findFirst().orElseThrow();
        String good = "id: test_good\nalias: Test good\ntriggers:\n  - trigger: time\n    at: \"07:00:00\"\n"
                + "actions:\n  - action: light.turn_on\n    target:\n      entity_id: " + light + "\n";
        // validate: a report, valid or not; the home is checked
        JsonNode ok = json(post("/api/v1/automations/validate", good, "application/yaml"));
        assertThat(ok.get("valid").asBoolean()).as(ok.toString()).isTrue();
        JsonNode unknown = json(post("/api/v1/automations/validate", good.replace(light, "light.nowhere"),
                "application/yaml"));
        assertThat(unknown.get("valid").asBoolean()).isFalse();
        assertThat(unknown.get("findings").toString()).contains("actions[0].target.entity_id");
        JsonNode finding = unknown.get("findings").get(0);
        assertThat(finding.fieldNames()).toIterable()
                .containsExactly("path", "rule", "severity", "category", "message", "hint", "line");
        assertThat(unknown.get("yaml").asText().split("\n")[finding.get("line").asInt() - 1])
                .contains("light.nowhere");
        JsonNode structureOnly = json(post("/api/v1/automations/validate?home=false",
                good.replace(light, "light.nowhere"), "application/yaml"));
        assertThat(structureOnly.get("valid").asBoolean()).as(structureOnly.toString()).isTrue();
        JsonNode onOff = json(post("/api/v1/automations/validate", "{\"triggers\": [{\"trigger\": \"state\", "
                + "\"entity_id\": \"" + light + "\", \"to\": true}], \"actions\": []}", "application/json"));
        assertThat(onOff.get("valid").asBoolean()).isFalse();
        assertThat(onOff.get("findings").toString()).contains("\"path\":\"triggers[0].to\"");
        assertField(post("/api/v1/automations/validate", "", "application/yaml"), "body");
        assertField(post("/api/v1/automations/validate?level=lax", good, "application/yaml"), "level");
        assertField(get("/api/v1/suggestions?category=fun"), "category");

        // refusals before HA: nothing recorded
        HttpResponse<String> invalid = post("/api/v1/automations", good.replace(light, "light.nowhere"),
                "application/yaml");
        assertThat(invalid.statusCode()).as(invalid.body()).isEqualTo(422);
        assertThat(json(invalid).get("validation").get("findings").toString()).contains("light.nowhere");
        assertField(post("/api/v1/automations", "triggers: [", "application/yaml"), "body");
        assertField(post("/api/v1/automations", "id: 5\n" + good.substring(good.indexOf('\n') + 1),
                "application/yaml"), "id");
        assertThat(json(get("/api/v1/automations")).get("count").asInt()).isZero();
        assertThat(get("/api/v1/automations/test_good").statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/suggestions/nope").statusCode()).isEqualTo(404);
        assertField(get("/api/v1/suggestions?status=maybe"), "status");

        HttpResponse<String> created = post("/api/v1/automations", good, "application/yaml");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(post("/api/v1/automations", good, "application/yaml").statusCode()).isEqualTo(200);
        assertField(post("/api/v1/automations/test_good/rollback", "{\"version\": \"one\"}", "application/json"),
                "version");
        assertThat(post("/api/v1/automations/test_good/rollback", "{\"version\": 9}", "application/json")
                .statusCode()).isEqualTo(404);

        // HA down: 503, nothing recorded, and after a few failures the breaker answers at once
        sim.setAvailable(false);
        String changed = good.replace("07:00:00", "08:00:00");
        List<Integer> statuses = new ArrayList<>();
        String lastDetail = "";
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> r = post("/api/v1/automations", changed, "application/yaml");
            statuses.add(r.statusCode());
            lastDetail = json(r).get("detail").asText();
        }
        assertThat(statuses).containsOnly(503);
        assertThat(lastDetail).contains("circuit breaker is open");
        assertThat(versions("test_good")).hasSize(1);
        assertThat(json(get("/observe/health")).toString()).contains("ha");
        sim.setAvailable(true);
    }

    @Test
    void aQueryDraftBecomesASuggestionAndHaSideChangesAreNeverLost() throws Exception {
        Home.Entity light = home.home().entities().stream().filter(e -> e.entityId().startsWith("light."))
                .findFirst().orElseThrow();
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/v1/entities?q=" + light.entityId()).body()
                .contains(light.entityId()));
        JsonNode q = json(post("/api/v1/query", "{\"query\": \"turn on the " + light.name().toLowerCase()
                + " at 7:30\"}", "application/json"));
        assertThat(q.get("status").asText()).as(q.toString()).isEqualTo("answered");
        String queryId = q.get("query_id").asText();

        HttpResponse<String> made = post("/api/v1/suggestions/from-query", "{\"query_id\": \"" + queryId + "\"}",
                "application/json");
        assertThat(made.statusCode()).as(made.body()).isEqualTo(200);
        JsonNode suggestion = json(made);
        assertThat(suggestion.get("source").get("kind").asText()).isEqualTo("query");
        assertThat(suggestion.get("evidence").asText()).contains("7:30");
        String sid = suggestion.get("id").asText();
        // the same draft again is the same suggestion
        assertThat(json(post("/api/v1/suggestions/from-query", "{\"query_id\": \"" + queryId + "\"}",
                "application/json")).get("id").asText()).isEqualTo(sid);
        assertField(post("/api/v1/suggestions/from-query", "{}", "application/json"), "query_id");
        assertThat(post("/api/v1/suggestions/from-query", "{\"query_id\": \"q-nope\"}", "application/json")
                .statusCode()).isEqualTo(404);

        // the same automation deployed by hand first: deploying the suggestion changes nothing in HA but marks it
        HttpResponse<String> byHand = post("/api/v1/automations", suggestion.get("yaml").asText(), "application/yaml");
        assertThat(byHand.statusCode()).as(byHand.body()).isEqualTo(201);
        String id = json(byHand).get("id").asText();
        String entityId = json(byHand).get("entity_id").asText();
        JsonNode approved = json(post("/api/v1/suggestions/" + sid + "/approve", "", "application/json"));
        assertThat(approved.get("feedback").asText()).isEqualTo("not_applicable");
        JsonNode deployed = json(post("/api/v1/suggestions/" + sid + "/deploy", "", "application/json"));
        assertThat(deployed.get("changed").asBoolean()).isFalse();
        JsonNode after = json(get("/api/v1/suggestions/" + sid));
        assertThat(after.get("status").asText()).isEqualTo("deployed");
        assertThat(after.get("automation_id").asText()).isEqualTo(id);

        // disabled in HA: the sync takes HA's word, and a repeated deploy does not switch it back on
        HttpResponse<String> off = http.send(HttpRequest.newBuilder(URI.create(sim.baseUrl()
                        + "/api/services/automation/turn_off")).header("Authorization", "Bearer " + SIM_TOKEN)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"entity_id\": \"" + entityId + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(off.statusCode()).isEqualTo(200);
        json(post("/api/v1/automations/sync", "", "application/json"));
        JsonNode synced = json(get("/api/v1/automations/" + id));
        assertThat(synced.get("enabled").asBoolean()).isFalse();
        assertThat(synced.get("ha_state").asText()).isEqualTo("off");
        assertThat(post("/api/v1/automations", suggestion.get("yaml").asText(), "application/yaml").statusCode())
                .isEqualTo(200);
        assertThat(sim.state(entityId)).contains("off");

        // edited in HA and then in Hestia before any sync: HA's edit is recorded first, never overwritten unseen
        JsonNode inHa = json(haConfig(id));
        ((com.fasterxml.jackson.databind.node.ObjectNode) inHa).put("description", "edited in HA");
        http.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/api/config/automation/config/" + id))
                .header("Authorization", "Bearer " + SIM_TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(inHa))).build(),
                HttpResponse.BodyHandlers.ofString());
        String edited = suggestion.get("yaml").asText().replaceFirst("(?m)^alias: .*$", "alias: Morning light");
        assertThat(post("/api/v1/automations", edited, "application/yaml").statusCode()).isEqualTo(201);
        List<JsonNode> v = versions(id);
        assertThat(v).extracting(n -> n.get("source").asText()).containsExactly("api", "ha", "api");
        assertThat(v.get(1).get("diff").asText()).contains("+description: edited in HA");
        assertThat(v.get(2).get("yaml").asText()).contains("alias: Morning light");
        // HA's key order and Hestia's are the same: a version read from HA differs only where the content does
        assertThat(v.get(1).get("diff").asText().lines().filter(l -> l.startsWith("+") || l.startsWith("-")))
                .hasSize(2);
    }

    /**
     * "After sunset" drafts a condition on HA's sun.sun; the synthetic home HA serves has it, so the draft validates
     * against the home Hestia ingested (it used to fail with home.entity_unknown).
     */
    @Test
    void anAfterSunsetDraftIsValidOnTheSimulatedHome() throws Exception {
        assertThat(sim().state("sun.sun")).isPresent();
        Home.Entity motion = home.home().entities().stream().filter(e -> "motion".equals(e.deviceClass()))
                .findFirst().orElseThrow();
        Home.Entity light = home.home().entities().stream().filter(e -> e.entityId().startsWith("light.")
                && java.util.Objects.equals(e.areaId(), motion.areaId())).findFirst().orElseThrow();
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/v1/entities?q=sun.sun").body()
                .contains("sun.sun") && get("/api/v1/entities?q=" + light.entityId()).body()
                .contains(light.entityId()));
        JsonNode q = json(post("/api/v1/query", "{\"query\": \"turn on the " + light.name().toLowerCase()
                + " when the " + motion.name().toLowerCase() + " detects motion after sunset\"}",
                "application/json"));
        assertThat(q.get("status").asText()).as(q.toString()).isEqualTo("answered");
        assertThat(q.get("conditions").toString()).contains("sun.sun").contains("below_horizon");
        JsonNode validation = q.get("validation");
        assertThat(validation.toString()).doesNotContain("home.entity_unknown");
        assertThat(validation.get("valid").asBoolean()).as(validation.toString()).isTrue();
    }

    private HttpResponse<String> haConfig(String id) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/api/config/automation/config/" + id))
                .header("Authorization", "Bearer " + SIM_TOKEN).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private List<JsonNode> versions(String id) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        json(get("/api/v1/automations/" + id + "/versions")).get("versions").forEach(out::add);
        return out;
    }
}
