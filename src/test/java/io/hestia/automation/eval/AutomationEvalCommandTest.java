package io.hestia.automation.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class AutomationEvalCommandTest {

    private static final String COPY = "src/test/resources/corpus/ha-automations-mit";

    @Test
    void corpusCopyPassesAndMutantsAreCaught() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = AutomationEvalCommand.run(new String[] {"automations", "--corpus", COPY},
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        System.out.print(out);
        assertThat(code).isZero();
        assertThat(out).contains("corpus automations validated: 626")
                .contains("passing with no error (structure, home checks off): 626 / 626 (100.0%)")
                .contains("| bad entity-id format").contains("| unknown entity (home)").contains("RESULT: PASS");
        assertThat(out).containsPattern("mutants caught: \\d+ / \\d+ \\((99\\.\\d\\d|100\\.00)%\\)");
    }

    @Test
    void badArgumentsAndMissingCorpusExitTwo() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        assertThat(AutomationEvalCommand.run(new String[] {"automations", "--bogus", "x"}, out)).isEqualTo(2);
        assertThat(AutomationEvalCommand.run(new String[] {"automations", "--corpus",
                Path.of("target", "no-such-corpus").toString()}, out)).isEqualTo(2);
        assertThat(AutomationEvalCommand.run(new String[] {"intents"}, out)).isEqualTo(2);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("usage: java -jar hestia.jar eval automations");
    }
}
