package io.hestia.pattern.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Reads the Ordóñez "ADLs recognition using binary sensors" logs (UCI; evaluation only, read in place from the
 * shared corpus, never copied) and maps them to HA state changes: each sensor (location, type, place) becomes a
 * {@code binary_sensor.<place>_<location>_<type>} that turns {@code on} at an interval's start and {@code off} at its
 * end, as HA would record it. Times are the logs' local wall-clock times, read as UTC so that local time of day is
 * preserved (the logs carry no zone).
 */
public final class AdlLogs {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    /** One mapped state change. */
    public record Change(String entityId, String state, long timeMs) {
    }

    /** One labelled activity interval. */
    public record Activity(String name, long startMs, long endMs) {
    }

    /** One house: its sensors' state changes (time order) and labelled activities. */
    public record House(String name, List<String> entityIds, List<Change> changes, List<Activity> activities,
                        long firstMs, long lastMs) {
    }

    private AdlLogs() {
    }

    /** The houses found in {@code dir} (the {@code ordonez-uci-adl} folder); empty when it is absent. */
    public static List<House> read(Path dir) {
        List<House> out = new ArrayList<>();
        for (String house : List.of("A", "B")) {
            Path sensors = dir.resolve("Ordonez" + house + "_Sensors.txt");
            Path adls = dir.resolve("Ordonez" + house + "_ADLs.txt");
            if (Files.isRegularFile(sensors) && Files.isRegularFile(adls)) {
                out.add(house("Ordonez " + house, sensors, adls));
            }
        }
        return out;
    }

    static House house(String name, Path sensors, Path adls) {
        List<Change> changes = new ArrayList<>();
        java.util.TreeSet<String> ids = new java.util.TreeSet<>();
        for (String[] f : rows(sensors, 5)) {
            String id = "binary_sensor." + slug(f[4]) + "_" + slug(f[2]) + "_" + slug(f[3]);
            ids.add(id);
            long start = time(f[0]);
            long end = time(f[1]);
            changes.add(new Change(id, "on", start));
            changes.add(new Change(id, "off", Math.max(end, start + 1)));
        }
        changes.sort(Comparator.comparingLong(Change::timeMs));
        List<Activity> activities = new ArrayList<>();
        for (String[] f : rows(adls, 3)) {
            activities.add(new Activity(f[2].trim(), time(f[0]), time(f[1])));
        }
        long first = changes.isEmpty() ? 0 : changes.get(0).timeMs();
        long last = changes.isEmpty() ? 0 : changes.get(changes.size() - 1).timeMs();
        return new House(name, List.copyOf(ids), changes, activities, first, last);
    }

    /** Data rows split on tabs with empty fields dropped (the files use one or more tabs between columns). */
    private static List<String[]> rows(Path file, int columns) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        List<String[]> out = new ArrayList<>();
        for (int i = 2; i < lines.size(); i++) {
            List<String> fields = new ArrayList<>();
            for (String part : lines.get(i).split("\t")) {
                if (!part.isBlank()) {
                    fields.add(part.strip());
                }
            }
            if (fields.isEmpty()) {
                continue;
            }
            if (fields.size() < columns) {
                throw new IllegalArgumentException(file.getFileName() + " line " + (i + 1) + ": expected " + columns
                        + " fields, found " + fields.size());
            }
            out.add(fields.toArray(new String[0]));
        }
        return out;
    }

    private static long time(String s) {
        return LocalDateTime.parse(s.strip(), TIME).toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    private static String slug(String s) {
        return s.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
    }
}
