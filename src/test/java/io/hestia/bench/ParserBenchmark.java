package io.hestia.bench;

import io.hestia.query.HomeIndex;
import io.hestia.query.RequestParser;
import io.hestia.query.Understanding;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The local request parser alone (JMH, sample time: the median and percentiles of single parses) over a
 * 1,000-entity home, one benchmark per kind of request. Run: {@code bench/query.sh parser}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx512m"})
public class ParserBenchmark {

    @Param({"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11"})
    int request;

    private HomeIndex home;
    private RequestParser parser;
    private String text;

    @Setup
    public void setup() {
        home = HomeIndex.of(BenchHomes.big(1000));
        parser = new RequestParser();
        parser.index(home);
        text = BenchHomes.REQUESTS.get(request);
    }

    @Benchmark
    public Understanding parse() {
        return parser.parse(text, home, null, Map.of());
    }

    public static void main(String[] args) throws Exception {
        new Runner(new OptionsBuilder().include(ParserBenchmark.class.getSimpleName()).build()).run();
    }
}
