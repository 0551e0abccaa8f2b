package io.hestia;

import io.hestia.pattern.mining.AnomalyDetector;
import io.hestia.pattern.mining.CoOccurrenceDetector;
import io.hestia.pattern.mining.RoutineDetector;
import io.hestia.pattern.mining.SynergyDetector;
import io.hestia.platform.RecordProperties;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** Every key of application.properties and every detector parameter is documented in docs/configuration.md. */
class ConfigurationDocsTest {

    @Test
    void everyKeyIsDocumented() throws Exception {
        String docs = Files.readString(Path.of("docs/configuration.md"));
        Properties props = new Properties();
        try (var in = getClass().getResourceAsStream("/application.properties")) {
            props.load(in);
        }
        List<String> keys = new ArrayList<>();
        props.stringPropertyNames().stream().filter(k -> k.startsWith("hestia.")).forEach(keys::add);
        keys.addAll(RecordProperties.keys(RoutineDetector.Params.class, "hestia.pattern.routine"));
        keys.addAll(RecordProperties.keys(CoOccurrenceDetector.Params.class, "hestia.pattern.cooccurrence"));
        keys.addAll(RecordProperties.keys(AnomalyDetector.Params.class, "hestia.pattern.anomaly"));
        keys.addAll(RecordProperties.keys(SynergyDetector.Params.class, "hestia.pattern.synergy"));
        assertThat(keys).allSatisfy(k -> assertThat(docs).as("docs/configuration.md documents " + k)
                .contains("`" + k + "`"));
    }
}
