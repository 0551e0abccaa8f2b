package io.hestia.ha.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The positive corpus: 626 real automations from working homes (ha-automations-mit). HA accepts every one of them,
 * so the validator must not report a single ERROR.
 */
class CorpusTest {

    private static final HaAutomationSchema SCHEMA = new HaAutomationSchema();

    @Test
    void everyCorpusAutomationPassesWithoutError() {
        List<Object> automations = CorpusFixture.automations();
        assertThat(automations).hasSize(626);
        List<String> failures = new ArrayList<>();
        Map<String, Integer> byRule = new TreeMap<>();
        int passed = 0;
        for (int i = 0; i < automations.size(); i++) {
            List<SchemaFinding> findings = SCHEMA.validate(automations.get(i));
            boolean ok = true;
            for (SchemaFinding f : findings) {
                byRule.merge(f.severity() + " " + f.rule(), 1, Integer::sum);
                if (f.isError()) {
                    ok = false;
                    failures.add("#" + i + " " + ((Map<?, ?>) automations.get(i)).get("alias") + ": " + f);
                }
            }
            if (ok) {
                passed++;
                assertThat(HaAutomationSchema.status(findings)).isEqualTo(HaAutomationSchema.Status.OK);
            }
        }
        System.out.printf("corpus: %d of %d automations pass without error%n", passed, automations.size());
        byRule.forEach((rule, count) -> System.out.printf("  %4d %s%n", count, rule));
        assertThat(failures).isEmpty();
    }

    @Test
    void indexMatchesTheAutomationList() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> rows = new ArrayList<>();
        for (String line : CorpusFixture.resource("index.jsonl").split("\n")) {
            if (!line.isBlank()) {
                rows.add(json.readTree(line));
            }
        }
        List<Object> automations = CorpusFixture.automations();
        assertThat(rows).hasSize(automations.size());
        int blueprintInstances = 0;
        for (int i = 0; i < rows.size(); i++) {
            Map<?, ?> automation = (Map<?, ?>) automations.get(i);
            assertThat(automation.get("alias")).as("row %d", i).isEqualTo(rows.get(i).get("alias").asText());
            boolean instance = "blueprint_instance".equals(rows.get(i).get("style").asText());
            assertThat(automation.containsKey("use_blueprint")).isEqualTo(instance);
            if (instance) {
                blueprintInstances++;
                assertThat(SCHEMA.validate(automation)).extracting(SchemaFinding::rule).contains("blueprint.instance");
            }
        }
        assertThat(blueprintInstances).isEqualTo(20);
    }

    @Test
    void secretsStayPlaceholders() {
        long secrets = CorpusFixture.automations().stream().filter(a -> containsSecret(a)).count();
        assertThat(secrets).isEqualTo(9); // README: !secret is used in 9 automations
    }

    private static boolean containsSecret(Object value) {
        if (value instanceof HaTag tag) {
            return HaTag.SECRET.equals(tag.tag()) && tag.value() instanceof String || containsSecret(tag.value());
        }
        if (value instanceof Map<?, ?> m) {
            return m.values().stream().anyMatch(CorpusTest::containsSecret);
        }
        if (value instanceof List<?> l) {
            return l.stream().anyMatch(CorpusTest::containsSecret);
        }
        return false;
    }

    @Test
    void everyAutomationSurvivesDumpAndReload() {
        for (Object automation : CorpusFixture.automations()) {
            String yaml = HaYaml.dump(automation);
            assertThat(HaYaml.load(yaml)).as(yaml).isEqualTo(automation);
        }
        String all = HaYaml.dump(CorpusFixture.automations());
        assertThat(HaYaml.load(all)).isEqualTo(CorpusFixture.automations());
    }

    @Test
    void blueprintBodiesValidateWithInputsAsPlaceholders() throws IOException {
        Path root = CorpusFixture.resourceDir("blueprints");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).hasSize(14);
        for (Path file : files) {
            Map<Object, Object> body = new LinkedHashMap<>((Map<?, ?>) HaYaml.load(Files.readString(file)));
            assertThat(body).containsKey("blueprint");
            body.remove("blueprint");
            assertThat(SCHEMA.validate(body)).as(file.toString()).filteredOn(SchemaFinding::isError).isEmpty();
        }
    }

    @Test
    void corpusThroughput() {
        List<Object> automations = CorpusFixture.automations();
        for (int i = 0; i < 10; i++) {
            automations.forEach(SCHEMA::validate);
        }
        long start = System.nanoTime();
        int n = 0;
        for (int round = 0; round < 20; round++) {
            for (Object automation : automations) {
                SCHEMA.validate(automation);
                n++;
            }
        }
        double perSecond = n / ((System.nanoTime() - start) / 1e9);
        System.out.printf("corpus validation throughput: %.0f automations/s (one thread)%n", perSecond);
        assertThat(perSecond).isGreaterThan(1_000); // loose: the build machine is shared
    }

    /**
     * With the shared corpus present (evaluation machines), every raw file loads and every automation's raw snippet
     * loads to the same structure PyYAML produced in automations_mit_only.yaml. Skipped when the raw files are
     * not available.
     */
    @Test
    void rawSnippetsLoadLikePyYaml() throws IOException {
        Path shared = CorpusFixture.sharedCorpus();
        assumeTrue(shared != null, "shared corpus with raw/ not available");
        Path base = shared.resolve("ha-automations-mit");
        Path raw = base.resolve("raw");
        int files = 0;
        try (Stream<Path> walk = Files.walk(raw)) {
            for (Path p : walk.filter(Files::isRegularFile).filter(x -> x.toString().endsWith(".yaml")).toList()) {
                HaYaml.parse(Files.readString(p, StandardCharsets.UTF_8));
                files++;
            }
        }
        assertThat(files).isGreaterThan(300);
        ObjectMapper json = new ObjectMapper();
        List<String> rows = Files.readAllLines(base.resolve("index.jsonl"));
        List<Object> automations = CorpusFixture.automations();
        for (int i = 0; i < rows.size(); i++) {
            JsonNode row = json.readTree(rows.get(i));
            List<String> lines = Files.readAllLines(
                    raw.resolve(row.get("source").asText()).resolve(row.get("path").asText()), StandardCharsets.UTF_8);
            int first = row.get("lines").get(0).asInt();
            int last = row.get("lines").get(1).asInt();
            String snippet = String.join("\n", lines.subList(first - 1, last)) + "\n";
            Object loaded = HaYaml.load(snippet);
            if (loaded instanceof List<?> list && list.size() == 1) {
                loaded = list.get(0);
            }
            assertThat(loaded).as("row %d %s", i, row.get("path").asText()).isEqualTo(automations.get(i));
        }
    }
}
