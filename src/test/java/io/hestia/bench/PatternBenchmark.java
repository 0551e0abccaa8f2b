package io.hestia.bench;

import io.hestia.ha.home.Home;
import io.hestia.ha.home.StateEvent;
import io.hestia.pattern.AnalysisService;
import io.hestia.pattern.DefaultMiningPipeline;
import io.hestia.pattern.Scoring;
import io.hestia.pattern.mining.AutomationCoverage;
import io.hestia.store.AnalysisRunStore;
import io.hestia.store.Database;
import io.hestia.store.EventStore;
import io.hestia.store.IngestStateStore;
import io.hestia.store.MinedItemStore;
import io.hestia.store.RegistryStore;
import io.hestia.training.synthetic.HomeType;
import io.hestia.training.synthetic.SyntheticHomeGenerator;
import io.hestia.training.synthetic.SyntheticSpec;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Full pattern analyses (read the window from SQLite, every detector, synergies, store the results) over 30 days
 * of synthetic homes from about 100,000 to about 5,000,000 events. Homes above 100 devices are several synthetic
 * homes side by side (entity ids prefixed per home) over the same 30 days. Each size: a fresh SQLite file, one
 * warm-up analysis, then {@code runs} timed analyses (the run record's duration and its per-phase times), and the
 * peak heap in use during the timed runs. Run: {@code bench/patterns.sh [runs] [sizes]}.
 */
public final class PatternBenchmark {

    private static final Instant END = Instant.parse("2026-11-01T00:00:00Z");

    public static void main(String[] args) throws Exception {
        io.hestia.HestiaApplication.configureLogging();
        java.util.logging.Logger.getLogger("io.hestia.pattern").setLevel(java.util.logging.Level.WARNING);
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        String sizes = args.length > 1 ? args[1] : "10,50,100,120,200,500";
        System.out.printf(Locale.ROOT, "machine: %d cores, %s, java %s, max heap %d MB%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name") + " "
                        + System.getProperty("os.arch"), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20);
        System.out.println("devices | events | median ms | runs ms | phases of the median run (ms) | peak heap MB");
        for (String s : sizes.split(",")) {
            bench(Integer.parseInt(s.trim()), runs);
        }
    }

    static void bench(int devices, int runs) throws Exception {
        Path dir = Files.createTempDirectory("hestia-pattern-bench");
        try (Database db = Database.open(dir.resolve("bench.db").toString(), 4, 10_000)) {
            RegistryStore registry = new RegistryStore(db.dataSource());
            EventStore events = new EventStore(db.dataSource());
            load(devices, registry, events);
            new IngestStateStore(db.dataSource()).putConfig(Map.of("time_zone", "Europe/Berlin"));
            long count = events.count();
            MinedItemStore items = new MinedItemStore(db.dataSource());
            AnalysisRunStore runStore = new AnalysisRunStore(db.dataSource());
            try (AnalysisService analysis = new AnalysisService(runStore, items, events, registry,
                    new IngestStateStore(db.dataSource()), List::of, AutomationCoverage::pairs,
                    DefaultMiningPipeline.defaults(), new Scoring(4, 0.8), Clock.fixed(END, ZoneOffset.UTC), 30, 365)) {
                analysis.runScheduled().orElseThrow(); // warm-up
                System.gc();
                List<Long> times = new ArrayList<>();
                List<String> phases = new ArrayList<>();
                resetPeaks();
                for (int i = 0; i < runs; i++) {
                    long t0 = System.nanoTime();
                    AnalysisRunStore.Run r = analysis.runScheduled().orElseThrow();
                    long ms = (System.nanoTime() - t0) / 1_000_000;
                    if (r.status() != AnalysisRunStore.Status.SUCCEEDED) {
                        throw new IllegalStateException("run failed: " + r.error());
                    }
                    times.add(ms);
                    phases.add(r.phaseMsJson() + " " + r.patterns() + " patterns, " + r.synergies() + " synergies, "
                            + r.anomalies() + " anomalies");
                }
                long peak = peakHeapMb();
                List<Long> sorted = new ArrayList<>(times);
                Collections.sort(sorted);
                long median = sorted.get(sorted.size() / 2);
                System.out.printf(Locale.ROOT, "%d | %,d | %d | %s | %s | %d%n", devices, count, median, times,
                        phases.get(times.indexOf(median)), peak);
            }
        } finally {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** {@code devices} devices: one synthetic home up to 100, else homes of 100 side by side. */
    static void load(int devices, RegistryStore registry, EventStore events) {
        List<Home.Floor> floors = new ArrayList<>();
        List<Home.Area> areas = new ArrayList<>();
        List<Home.Device> devs = new ArrayList<>();
        List<Home.Entity> entities = new ArrayList<>();
        int homes = (devices + 99) / 100;
        for (int h = 0; h < homes; h++) {
            int n = Math.min(100, devices - h * 100);
            Home home = SyntheticHomeGenerator.generate(new SyntheticSpec(1000 + h, HomeType.SINGLE_FAMILY,
                    Math.max(10, n), 30, END, ZoneId.of("Europe/Berlin"))).home();
            String p = homes == 1 ? "" : "h" + h + "_";
            for (Home.Floor f : home.floors()) {
                floors.add(new Home.Floor(p + f.floorId(), f.name(), f.aliases(), f.level()));
            }
            for (Home.Area a : home.areas()) {
                areas.add(new Home.Area(p + a.areaId(), a.name(), a.aliases(), a.floorId() == null ? null
                        : p + a.floorId()));
            }
            for (Home.Device d : home.devices()) {
                devs.add(new Home.Device(p + d.id(), d.name(), d.areaId() == null ? null : p + d.areaId(),
                        d.manufacturer(), d.model()));
            }
            for (Home.Entity e : home.entities()) {
                entities.add(new Home.Entity(prefix(p, e.entityId()), e.name(), e.aliases(),
                        e.areaId() == null ? null : p + e.areaId(), e.deviceId() == null ? null : p + e.deviceId(),
                        e.deviceClass(), e.state(), e.attributes()));
            }
            List<StateEvent> batch = new ArrayList<>(home.events().size());
            for (StateEvent e : home.events()) {
                batch.add(new StateEvent(prefix(p, e.entityId()), e.state(), e.attributes(), e.lastChanged(),
                        e.lastUpdated(), e.oldState(), e.contextId(), e.userId(), e.parentId(), e.origin()));
            }
            for (int i = 0; i < batch.size(); i += 100_000) {
                events.insert(batch.subList(i, Math.min(batch.size(), i + 100_000)));
            }
        }
        registry.replace(floors, areas, devs, entities);
    }

    private static String prefix(String p, String entityId) {
        int dot = entityId.indexOf('.');
        return entityId.substring(0, dot + 1) + p + entityId.substring(dot + 1);
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    private static long peakHeapMb() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum >> 20;
    }
}
