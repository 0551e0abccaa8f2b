package io.hestia.ha.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Access to the ha-automations-mit fixture copy (src/test/resources/corpus/ha-automations-mit). */
final class CorpusFixture {

    static final String ROOT = "/corpus/ha-automations-mit/";

    private static List<Object> automations;

    private CorpusFixture() {
    }

    static String resource(String name) {
        try (InputStream in = CorpusFixture.class.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + ROOT + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path resourceDir(String name) {
        URL url = CorpusFixture.class.getResource(ROOT + name);
        if (url == null) {
            throw new IllegalStateException("missing test resource " + ROOT + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The 626 automations of automations_mit_only.yaml, loaded once (callers must not modify them). */
    static synchronized List<Object> automations() {
        if (automations == null) {
            automations = List.copyOf((List<?>) HaYaml.load(resource("automations_mit_only.yaml")));
        }
        return automations;
    }

    /** The shared corpus folder with the raw files, when present on this machine (evaluation only). */
    static Path sharedCorpus() {
        List<String> candidates = new ArrayList<>();
        String property = System.getProperty("hestia.corpora");
        if (property != null) {
            candidates.add(property);
        }
        candidates.add("../shared/corpora");
        candidates.add("../../shared/corpora");
        candidates.add("/work/shared/corpora");
        for (String candidate : candidates) {
            if (Files.isDirectory(Path.of(candidate, "ha-automations-mit", "raw"))) {
                return Path.of(candidate);
            }
        }
        return null;
    }
}
