package io.hestia.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import io.hestia.SimulatedHaTestSupport;
import io.hestia.ha.home.Home;
import io.hestia.platform.Json;
import io.hestia.training.synthetic.HomeType;
import io.hestia.training.synthetic.SyntheticHome;
import io.hestia.training.synthetic.SyntheticHomeGenerator;
import io.hestia.training.synthetic.SyntheticSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in a real browser (Debian's chromium through Playwright) against the real application and the
 * HA simulator on loopback: the household's path from a fresh install to a rolled-back automation, and a
 * request that needs a clarification. Screenshots of every page go to {@code hestia.screenshots}
 * (target/screenshots by default; {@code -Dhestia.screenshots=docs/screenshots} refreshes the committed ones).
 */
class DashboardBrowserIT extends SimulatedHaTestSupport {

    private static final Instant END = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    private static final LocatorAssertions.IsVisibleOptions LONG = new LocatorAssertions.IsVisibleOptions().setTimeout(60_000);

    private SyntheticHome home;
    private Playwright playwright;
    private Browser browser;
    private BrowserContext browserContext;
    private Page page;
    private final List<String> pageErrors = new ArrayList<>();

    @Override
    protected Home simulatedHome() {
        // the embedded default's home (seed 42, single family, 30 devices, 30 days), ending now
        home = SyntheticHomeGenerator.generate(new SyntheticSpec(42, HomeType.SINGLE_FAMILY, 30, 30, END,
                ZoneId.of("Europe/Berlin")));
        return home.home();
    }

    @Override
    protected Properties extraProperties() {
        Properties p = simProperties();
        p.put("hestia.ha.initial-backfill-days", "31");
        p.put("hestia.pattern.schedule-enabled", "false");
        p.put("hestia.pattern.window-days", "30");
        p.put("hestia.automation.sync-enabled", "false");
        return p;
    }

    @BeforeEach
    void openBrowser() throws Exception {
        // the history is in the store before the household looks (the backfill runs at start-up)
        awaitHistory(home.home(), END);

        playwright = Chromium.playwright();
        browser = Chromium.launch(playwright);
        browserContext = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900)
                // a viewer far from home: the page still shows the home's (HA's) clock, as the explanations do
                .setLocale("en-GB").setTimezoneId("America/New_York"));
        browserContext.setDefaultTimeout(20_000);
        page = browserContext.newPage();
        watchErrors(page);
    }

    private void watchErrors(Page p) {
        p.onPageError(e -> pageErrors.add("uncaught: " + e));
        p.onConsoleMessage(m -> {
            // a failed request is reported by the page in words; only script errors count here
            if ("error".equals(m.type()) && !m.text().startsWith("Failed to load resource")) {
                pageErrors.add("console: " + m.text());
            }
        });
    }

    @AfterEach
    void closeBrowser() {
        if (browserContext != null) {
            browserContext.close();
        }
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    @Test
    void householdRunsAnalysisApprovesDeploysAndRollsBack() throws Exception {
        // ---- overview: the home, HA connected; run an analysis and watch it finish ----
        page.navigate(url("/"));
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Overview"))).isVisible();
        assertThat(page.getByTestId("entity-count")).containsText(String.valueOf(home.home().entities().size()));
        assertThat(page.locator("section[aria-labelledby=health-h]")).containsText("connected");
        page.getByTestId("run-analysis").click();
        Locator progress = page.getByTestId("analysis-progress");
        assertThat(progress.locator("progress")).isVisible();
        assertThat(page.locator("[data-testid=analysis-progress][data-state=succeeded]")).isVisible(LONG);
        assertThat(progress).containsText("Analysis finished");
        // the cards showing the run's results are read again: the run's figures, the anomalies of the last days
        assertThat(page.locator("section[aria-labelledby=analysis-h] dl.facts")).containsText("patterns");
        long weekAgo = System.currentTimeMillis() - Duration.ofDays(7).toMillis();
        boolean recent = false;
        for (JsonNode a : json(get("/api/v1/anomalies?limit=200")).get("anomalies")) {
            recent |= Instant.parse(a.get("start").asText()).toEpochMilli() >= weekAgo;
        }
        assertThat(recent).as("the built-in home has anomalies in its last week").isTrue();
        assertThat(page.locator("section[aria-labelledby=anom-h] ul.anomalies li").first()).isVisible();
        page.evaluate("() => { window.scrollTo(0, 0); document.getElementById('notice').replaceChildren(); }");
        page.screenshot(new Page.ScreenshotOptions().setPath(screenshots().resolve("overview.png")).setFullPage(true));
        // an HA sync from the same card shows its progress and outcome too (nothing new: the history is in)
        Locator health = page.locator("section[aria-labelledby=health-h]");
        health.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Sync from Home Assistant")).click();
        assertThat(health.locator(".run-box[data-state=succeeded]")).isVisible(LONG);
        assertThat(health.locator(".run-box")).containsText("Sync finished");

        // ---- patterns: routines with their heat map, chains, anomalies ----
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Patterns").setExact(true)).click();
        Locator routine = page.locator("article.pattern").first();
        routine.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Why? Show the heat map")).click();
        assertThat(routine.locator("table.heat tbody tr")).hasCount(30);
        assertThat(routine.locator("table.heat td.typical").first()).isVisible();
        elementShot(routine, "patterns-heatmap");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Synergies")).click();
        assertThat(page.locator("ol.chain").first()).isVisible();
        shot("synergies");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Anomalies")).click();
        assertThat(page.locator("svg.timeline")).isVisible();
        Locator anomaly = page.locator("li.anomaly").first();
        anomaly.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("False alarm")).click();
        assertThat(anomaly.locator(".feedback")).containsText("0 up, 1 down");
        assertThat(anomaly.locator(".feedback")).containsText("score"); // the server's explanation, in words
        String anomalyId = anomaly.getAttribute("data-id");
        JsonNode unusualHour = json(get("/api/v1/anomalies?type=unusual_hour&limit=1")).get("anomalies").get(0);
        assertThat(page.locator("li.anomaly[data-id='" + unusualHour.get("id").asText() + "'] time"))
                .containsText(unusualHour.get("details").get("observed_time").asText());
        assertThat(json(get("/api/v1/anomalies/" + anomalyId)).get("feedback").get("rejected").asInt()).isEqualTo(1);
        shot("anomalies");

        // ---- suggestions: draft them, check one, approve and deploy it ----
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Suggestions").setExact(true)).click();
        page.getByTestId("generate-suggestions").click();
        assertThat(page.locator("article.suggestion").first()).isVisible(LONG);
        Locator card = page.locator("article.suggestion.status-pending").first();
        String suggestionId = card.getAttribute("data-id");
        Locator mine = page.locator("article.suggestion[data-id='" + suggestionId + "']");
        mine.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("YAML and checks")).click();
        assertThat(mine.locator("pre.yaml")).containsText("triggers:");
        assertThat(mine.locator(".detail")).containsText("safety score");
        shot("suggestions");
        // by keyboard: the card is drawn anew, and focus stays in it (not thrown back to the top of the page)
        mine.locator("button[data-action=approve]").focus();
        page.keyboard().press("Enter");
        assertThat(mine.locator(".badge.approved")).isVisible();
        assertThat(page.locator("article.suggestion[data-id='" + suggestionId + "'] :focus")).hasCount(1);
        mine.locator("button[data-action=deploy]").click();
        Locator link = mine.getByTestId("automation-link");
        assertThat(link).isVisible(LONG);
        assertThat(mine.locator(".badge.deployed")).isVisible();
        JsonNode deployed = json(get("/api/v1/suggestions/" + suggestionId));
        assertThat(deployed.get("status").asText()).isEqualTo("deployed");
        String automationId = deployed.get("automation_id").asText();

        // ---- the automation: one version; the household edits it in HA; Hestia sees the change ----
        link.click();
        assertThat(page.locator("li.version")).hasCount(1);
        assertThat(page.locator("li.version.current")).containsText("Version 1");
        editInHa(automationId, "Edited in HA");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("← All automations")).click();
        Locator row = page.locator("tr[data-id='" + automationId + "']");
        assertThat(row).isVisible();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Look for changes made in HA")).click();
        assertThat(page.locator(".outcome")).containsText("1 changed there");
        shot("automations");
        row.getByRole(AriaRole.LINK).click();
        assertThat(page.locator("li.version")).hasCount(2);
        Locator v2 = page.locator("li.version[data-version='2']");
        v2.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Changes")).click();
        assertThat(v2.locator("pre.diff .dl.add")).containsText("Edited in HA");

        // ---- roll back to version 1: a third version, HA has the original again ----
        page.locator("button[data-action=rollback][data-version='1']").click();
        assertThat(page.locator("li.version")).hasCount(3);
        assertThat(page.locator("li.version.current")).containsText("Version 3");
        Locator v3 = page.locator("li.version[data-version='3']");
        v3.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Changes")).click();
        assertThat(v3.locator("pre.diff .dl.del")).containsText("Edited in HA");
        elementShot(page.locator("section[aria-labelledby=versions-h]"), "automation-versions");
        JsonNode inHa = haConfig(automationId);
        assertThat(inHa.get("alias").asText()).isEqualTo(deployed.get("automation").get("alias").asText());

        // ---- disable it from the page; HA's state is the truth ----
        page.locator("button[data-action=disable]").click();
        assertThat(page.locator("button[data-action=enable]")).isVisible();
        String entityId = json(get("/api/v1/automations/" + automationId)).get("entity_id").asText();
        assertThat(sim.state(entityId)).contains("off");

        // ---- a sync from HA now that HA holds an automation (its last_triggered is null) ----
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Overview")).click();
        Locator healthAgain = page.locator("section[aria-labelledby=health-h]");
        healthAgain.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Sync from Home Assistant")).click();
        assertThat(healthAgain.locator(".run-box")).containsText("Sync finished", new LocatorAssertions.ContainsTextOptions().setTimeout(60_000));

        // ---- training: a run with live progress, then its model active ----
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Training")).click();
        page.locator("#train-type").selectOption("home_type_classifier");
        page.locator("#train-homes").fill("200");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Start training")).click();
        assertThat(page.locator("[data-testid=training-runs] tr[data-status=succeeded]")).isVisible(LONG);
        assertThat(page.getByTestId("training-models")).containsText("active");
        assertThat(page.getByTestId("training-models")).containsText("accuracy");
        shot("training");

        assertThat(pageErrors).as("script errors on the page").isEmpty();
    }

    @Test
    void askWithClarification() throws Exception {
        page.navigate(url("/#/ask"));
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Ask"))).isVisible();
        // two lights in the bedroom: Hestia asks which one before drafting
        page.getByLabel("What should Hestia do?").fill("turn on the bedroom light at 7:00 on weekdays");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Ask")).click();
        Locator form = page.getByTestId("clarify-form");
        assertThat(form).isVisible();
        assertThat(form).containsText("Which light do you mean?");
        assertThat(page.locator("#draft-h")).hasCount(0); // no draft while a question is open
        shot("ask-question");
        form.getByLabel(Pattern.compile("Bedroom Floor Lamp")).check();
        form.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Answer")).click();
        assertThat(page.locator("#draft-h")).isVisible();
        assertThat(page.locator("#understood-h")).hasText("Understood");
        assertThat(page.locator("pre.yaml")).containsText("light.bedroom_floor_lamp");
        assertThat(page.locator("pre.yaml")).containsText("07:00:00");
        assertThat(page.locator("section[aria-labelledby=draft-h] .badge").first()).hasText("valid");
        page.getByTestId("save-suggestion").click();
        Locator saved = page.locator("article.suggestion");
        assertThat(saved).isVisible();
        shot("ask-draft");
        saved.locator("button[data-action=approve]").click();
        assertThat(saved.locator(".badge.approved")).isVisible();

        // a risky request: drafted, but the safety finding is marked at its line and the draft is not valid
        page.getByLabel("What should Hestia do?").fill("unlock the front door when motion is detected at the entrance");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Ask")).click();
        assertThat(page.locator("section[aria-labelledby=draft-h] .badge").first()).hasText("not valid");
        Locator marked = page.locator("pre.yaml .mark.error");
        assertThat(marked).hasCount(1);
        assertThat(marked).containsText("action: lock.unlock");
        assertThat(page.locator("li.finding.error")).containsText("safety.lock.unlock_unconditional");
        elementShot(page.locator("section[aria-labelledby=draft-h]"), "ask-findings");
        assertThat(pageErrors).as("script errors on the page").isEmpty();
    }

    @Test
    void phoneWidthAndKeyboard() throws Exception {
        // patterns to show, and an automation with a long entity id and long YAML lines
        assertThat(analysisRun(30).get("status").asText()).isEqualTo("succeeded");
        HttpResponse<String> deployed = post("/api/v1/automations", "alias: Turn on the bedroom floor lamp at seven "
                + "on weekdays before work\ndescription: '"
                + "A long description that no phone is wide enough to show on one line, ".repeat(3) + "'\n"
                + "triggers:\n- trigger: time\n  at: '07:00:00'\nactions:\n- action: light.turn_on\n"
                + "  target:\n    entity_id: light.bedroom_floor_lamp\n", "application/yaml");
        assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(201);
        String automation = json(deployed).get("id").asText();
        Page phone = browserContext.newPage();
        watchErrors(phone);
        phone.setViewportSize(320, 700);
        for (String pageName : List.of("overview", "suggestions", "patterns/routines", "patterns/together",
                "patterns/synergies", "patterns/anomalies", "ask", "automations", "training", "automations/" + automation)) {
            phone.navigate(url("/#/" + pageName));
            assertThat(phone.locator("main .page-body")).not().hasAttribute("aria-busy", "true");
            Object overflow = phone.evaluate("() => document.documentElement.scrollWidth - window.innerWidth");
            assertThat(((Number) overflow).intValue()).as(pageName + " is wider than the phone").isLessThanOrEqualTo(0);
        }
        phone.setViewportSize(390, 844);
        phone.navigate(url("/#/overview"));
        assertThat(phone.locator("main .page-body")).not().hasAttribute("aria-busy", "true");
        shotOf(phone, "phone-overview");

        // the keyboard reaches the navigation; Enter opens a page and focus moves to its heading
        phone.reload(); // a fresh document: focus starts at the top
        assertThat(phone.locator("main .page-body")).not().hasAttribute("aria-busy", "true");
        phone.keyboard().press("Tab");
        assertThat(phone.locator(":focus")).hasText("Skip to content");
        for (int i = 0; i < 12 && !"Ask".equals(phone.evaluate("() => document.activeElement.textContent")); i++) {
            phone.keyboard().press("Tab");
        }
        assertThat(phone.locator(":focus")).hasText("Ask");
        phone.keyboard().press("Enter");
        assertThat(phone.locator("h1:focus")).hasText("Ask");
        assertThat(pageErrors).as("script errors on the page").isEmpty();
    }

    @Test
    void apiErrorsAreShownInWords() {
        page.navigate(url("/#/automations/no-such-automation"));
        assertThat(page.locator("main [role=alert]")).containsText("no-such-automation");
        page.navigate(url("/#/ask"));
        page.getByLabel("What should Hestia do?").fill("x".repeat(500));
        page.evaluate("() => document.getElementById('ask-text').removeAttribute('maxlength')");
        page.getByLabel("What should Hestia do?").fill("x".repeat(501));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Ask")).click();
        assertThat(page.locator("form.ask-form [role=alert]")).containsText("query");
    }

    // ---- helpers ----

    /** The household changes the automation in HA's editor (HA's config API, as the frontend calls it). */
    private void editInHa(String automationId, String alias) throws Exception {
        ObjectNode config = (ObjectNode) haConfig(automationId);
        config.put("alias", alias);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(sim.baseUrl()
                        + "/api/config/automation/config/" + automationId))
                .header("Authorization", "Bearer " + SIM_TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(config))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private JsonNode haConfig(String automationId) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(sim.baseUrl()
                        + "/api/config/automation/config/" + automationId))
                .header("Authorization", "Bearer " + SIM_TOKEN).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.mapper().readTree(r.body());
    }

    private void shot(String name) {
        shotOf(page, name);
    }

    /** The top of the page as the household sees it (the viewport, scrolled to the top). */
    private static void shotOf(Page p, String name) {
        p.evaluate("() => { window.scrollTo(0, 0); document.getElementById('notice').replaceChildren(); }");
        p.screenshot(new Page.ScreenshotOptions().setPath(screenshots().resolve(name + ".png")));
    }

    /** One part of the page (the sticky header and messages out of the way). */
    private void elementShot(Locator part, String name) {
        page.evaluate("() => { document.querySelector('header.top').style.position = 'static'; "
                + "document.getElementById('notice').replaceChildren(); }");
        part.screenshot(new Locator.ScreenshotOptions().setPath(screenshots().resolve(name + ".png")));
        page.evaluate("() => { document.querySelector('header.top').style.position = ''; }");
    }

    private static Path screenshots() {
        Path dir = Path.of(System.getProperty("hestia.screenshots", "target/screenshots"));
        try {
            return Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
