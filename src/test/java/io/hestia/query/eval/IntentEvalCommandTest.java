package io.hestia.query.eval;

import io.hestia.query.Understanding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code eval intents} over the copied corpus with a scripted parser. */
class IntentEvalCommandTest {

    @TempDir
    Path tmp;

    @Test
    void printsTablesAndWritesFailuresAndMarkdown() throws Exception {
        Path corpus = Path.of(getClass().getResource("/corpora/ha-intents").toURI());
        Path failures = tmp.resolve("out/failures.txt");
        Path markdown = tmp.resolve("out/query.md");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = IntentEvalCommand.run(new String[]{"intents", "--corpus", corpus.toString(), "--failures",
                        failures.toString(), "--markdown", markdown.toString()}, new PrintStream(bytes, true, StandardCharsets.UTF_8),
                (text, home, area, answers) -> text.equals("bedroom lamp 50%")
                        ? IntentEvaluationTest.understood("HassLightSet", "name", "Bedroom Lamp", "brightness", 50,
                        "domain", "light")
                        : IntentEvaluationTest.understood(Understanding.UNKNOWN));
        String out = bytes.toString(StandardCharsets.UTF_8);

        assertThat(code).isZero();
        assertThat(out).contains("784 sentences of HassTurnOn", "107 entities", "16 folder-format mini fixtures",
                "exactly right", "1 / 784 (0.1%)", "By intent", "By slot key", "By file", "light_HassLightSet.yaml",
                "HassTurnOn/name_only.yaml", "state (not in the headline)", "median", "p95",
                "Failures: 783 (the first 20; all in " + failures + ")", "warning: _fixtures.yaml");
        assertThat(out.split("\n  expected: ", -1)).hasSize(IntentEvalCommand.SHOWN + 1);

        String all = Files.readString(failures);
        assertThat(all.split("\n  expected: ", -1)).hasSize(783 + 1);
        assertThat(all).contains("[light_HassTurnOn.yaml] \"turn on the lights in this space\" (spoken in Living Room)"
                + "\n  expected: HassTurnOn {area=Living Room, domain=light}\n  got:      unknown {}\n"
                + "  wrong:    intent, area, domain\n");

        String md = Files.readString(markdown);
        assertThat(md).contains("| measure | value |", "| intent | sentences | exact | exact % | intent right | "
                + "state right |", "|---|---:|", "| HassLightSet | 70 | 1 | 1.4% |", "| key | expected | right |");
    }

    @Test
    void badArgumentsExitTwo() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        assertThat(IntentEvalCommand.run(new String[]{"intents", "--rounds", "3"}, out)).isEqualTo(2);
        assertThat(IntentEvalCommand.run(new String[]{"intents", "--corpus", tmp.toString()}, out)).isEqualTo(2);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("unknown or incomplete option --rounds",
                "no intent corpus", "usage: java -jar hestia.jar eval intents");
    }
}
