package io.hestia.pattern.eval;

import io.hestia.pattern.mining.AnomalyDetector;
import io.hestia.pattern.mining.CoOccurrenceDetector;
import io.hestia.pattern.mining.MinedPattern;
import io.hestia.pattern.mining.RoutineDetector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The ADL log reader and evaluation on a hand-made log in the Ordóñez file format (made-up rows, not the corpus),
 * and, when the shared corpus is present, on the real logs (read in place).
 */
class AdlEvaluationTest {

    @TempDir
    Path dir;

    /** Writes a house in the dataset's layout: CRLF, tab-separated with empty fields, two header lines. */
    private void writeHouse() throws Exception {
        StringBuilder sensors = new StringBuilder("Start time          \tEnd time            \tLocation\tType\t\tPlace\r\n"
                + "--------------------\t--------------------\t--------\t--------\t-----\r\n");
        StringBuilder adls = new StringBuilder("Start time          \tEnd time            \tActivity\t\r\n"
                + "--------------------\t--------------------\t--------\r\n");
        SplittableRandom r = new SplittableRandom(5);
        LocalDate day = LocalDate.of(2011, 11, 28);
        for (int d = 0; d < 14; d++, day = day.plusDays(1)) {
            int bed = 23 * 60 + 40 + r.nextInt(-8, 9);   // bedtime around 23:40, sometimes after midnight
            int wake = 7 * 60 + r.nextInt(-10, 11);
            sensors.append(row(day, bed, day.plusDays(1), wake, "Bed\t\tPressure\tBedroom"));
            adls.append(row(day, bed, day.plusDays(1), wake, "Sleeping\t\t"));
            int breakfast = wake + 20 + r.nextInt(0, 10);
            sensors.append(row(day.plusDays(1), breakfast, day.plusDays(1), breakfast + 3, "Toaster\tElectric\tKitchen "));
            adls.append(row(day.plusDays(1), breakfast - 2, day.plusDays(1), breakfast + 15, "Breakfast\t"));
        }
        Files.writeString(dir.resolve("OrdonezA_Sensors.txt"), sensors.toString().stripTrailing(),
                StandardCharsets.ISO_8859_1);
        Files.writeString(dir.resolve("OrdonezA_ADLs.txt"), adls.toString().stripTrailing(),
                StandardCharsets.ISO_8859_1);
    }

    private static String row(LocalDate d1, int m1, LocalDate d2, int m2, String rest) {
        LocalDate a = d1.plusDays(Math.floorDiv(m1, 1440));
        LocalDate b = d2.plusDays(Math.floorDiv(m2, 1440));
        return String.format(Locale.ROOT, "%s %02d:%02d:00\t\t%s %02d:%02d:00 \t\t%s\r\n", a, Math.floorMod(m1, 1440) / 60,
                Math.floorMod(m1, 1440) % 60, b, Math.floorMod(m2, 1440) / 60, Math.floorMod(m2, 1440) % 60, rest);
    }

    @Test
    void readsTheFormatAndSetsMinedRoutinesBesideTheLabels() throws Exception {
        writeHouse();
        List<AdlLogs.House> houses = AdlLogs.read(dir);
        assertThat(houses).singleElement().satisfies(h -> {
            assertThat(h.entityIds()).containsExactly("binary_sensor.bedroom_bed_pressure",
                    "binary_sensor.kitchen_toaster_electric");
            assertThat(h.changes()).hasSize(4 * 14);
            assertThat(h.activities()).hasSize(2 * 14);
        });
        AdlLogs.House house = houses.get(0);
        List<MinedPattern> mined = EvalCommand.mine(house, RoutineDetector.Params.defaults(),
                CoOccurrenceDetector.Params.defaults(), AnomalyDetector.Params.defaults());
        AdlEvaluation.Result result = AdlEvaluation.evaluate(house, mined, 45, 0.3);
        AdlEvaluation.Row sleeping = AdlEvaluation.byActivity(result).get("Sleeping");
        // a bedtime around 23:40 is one routine, its typical start on the circle
        assertThat(sleeping.days()).isEqualTo(14);
        assertThat(sleeping.typicalStart()).isBetween("23:30", "23:50");
        assertThat(sleeping.routine()).isEqualTo("binary_sensor.bedroom_bed_pressure → on");
        assertThat(sleeping.deltaMinutes()).isLessThanOrEqualTo(10);
        assertThat(AdlEvaluation.byActivity(result).get("Breakfast").routine())
                .isEqualTo("binary_sensor.kitchen_toaster_electric → on");
        assertThat(result.regularMatched()).isEqualTo(2);
        assertThat(AdlEvaluation.table(result)).contains("matched by a routine: 2 of 2");
    }

    @Test
    void absentFolderGivesNoHouses() {
        assertThat(AdlLogs.read(dir.resolve("missing"))).isEmpty();
    }

    @Test
    void theRealLogsWhenPresent() {
        Path corpus = Path.of("../shared/corpora/adl-logs/ordonez-uci-adl");
        assumeTrue(Files.isDirectory(corpus), "the shared corpus is not on this machine");
        List<AdlLogs.House> houses = AdlLogs.read(corpus);
        assertThat(houses).hasSize(2);
        AdlLogs.House a = houses.get(0);
        AdlEvaluation.Result result = AdlEvaluation.evaluate(a, EvalCommand.mine(a, RoutineDetector.Params.defaults(),
                CoOccurrenceDetector.Params.defaults(), AnomalyDetector.Params.defaults()), 45, 0.3);
        // house A's sleep is found near its labelled start (docs/benchmarks/patterns.md)
        assertThat(AdlEvaluation.byActivity(result).get("Sleeping").routine()).isNotNull();
        assertThat(result.regularMatched()).isGreaterThanOrEqualTo(3);
    }
}
