package io.hestia.ha.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.hestia.automation.eval.AutomationEvaluation;
import io.hestia.automation.eval.Mutations;
import io.hestia.automation.validate.AutomationValidator;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Negative corpus by mutation ({@link Mutations}, main code, shared with {@code eval automations}): one fault at a
 * time is injected into every corpus automation where the mutation applies; HA would refuse each mutant, so the
 * validator must report at least one error for it (schema faults with the home off, home faults against a home
 * built from the corpus's references).
 */
class MutationTest {

    @Test
    void mutantsAreCaught() {
        List<Object> corpus = CorpusFixture.automations();
        AutomationEvaluation.Report report = AutomationEvaluation.run(corpus, new AutomationValidator(new HaAutomationSchema()));
        assertThat(report.failures()).isEmpty();
        assertThat(report.passing()).isEqualTo(corpus.size());
        StringBuilder table = new StringBuilder();
        for (AutomationEvaluation.Row row : report.rows()) {
            table.append(String.format("%-38s %-6s %6d %6d %6d %6.1f%%%n", row.name(), row.category(), row.applicable(),
                    row.caught(), row.expected(), row.rate() * 100));
            assertThat(row.applicable()).as(row.name() + " applies somewhere").isPositive();
        }
        System.out.print(table);
        report.misses().forEach(m -> System.out.println("  missed: " + m));
        assertThat(report.catchRate()).isGreaterThanOrEqualTo(0.99);
        assertThat(report.rows()).filteredOn(r -> r.rate() < 0.99).as("mutations below 99%").isEmpty();
        assertThat(report.rows()).extracting(AutomationEvaluation.Row::name)
                .hasSize(Mutations.cases().size() + Mutations.homeCases().size());
    }
}
