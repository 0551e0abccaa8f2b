package io.hestia.bench;

import io.hestia.automation.eval.AutomationEvaluation;
import io.hestia.automation.validate.AutomationValidator;
import io.hestia.automation.validate.HomeContext;
import io.hestia.automation.validate.SafetyLevel;
import io.hestia.automation.validate.ValidationReport;
import io.hestia.ha.schema.HaYaml;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The automation validator on one thread (JMH throughput: automations per second), the 626 corpus automations
 * round-robin, all three stages on: structure, the home (a home holding every entity, area, device and service the
 * corpus references, so each reference is a real lookup) and safety (moderate level).
 * <ul>
 *   <li>{@code check}: the validation alone ({@link AutomationValidator#check});</li>
 *   <li>{@code validate}: the same plus writing the automation back as YAML for the report.</li>
 * </ul>
 * Run: {@code bench/automation.sh validate}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(value = 3, jvmArgs = {"-Xmx512m"})
public class ValidatorBenchmark {

    static final String CORPUS = "/corpus/ha-automations-mit/automations_mit_only.yaml";

    private List<Object> corpus;
    private HomeContext home;
    private AutomationValidator validator;
    private int next;

    @Setup
    public void setup() {
        try (InputStream in = ValidatorBenchmark.class.getResourceAsStream(CORPUS)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + CORPUS);
            }
            corpus = List.copyOf((List<?>) HaYaml.load(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        home = AutomationEvaluation.homeOf(corpus);
        validator = new AutomationValidator();
    }

    private Object nextAutomation() {
        Object a = corpus.get(next);
        next = next + 1 == corpus.size() ? 0 : next + 1;
        return a;
    }

    @Benchmark
    public ValidationReport check() {
        return validator.check(nextAutomation(), home, SafetyLevel.MODERATE);
    }

    @Benchmark
    public ValidationReport validate() {
        return validator.validate(nextAutomation(), home, SafetyLevel.MODERATE);
    }

    public static void main(String[] args) throws Exception {
        new Runner(new OptionsBuilder().include(ValidatorBenchmark.class.getSimpleName()).build()).run();
    }
}
