package io.hestia.query.eval;

import io.hestia.ha.home.EntityIds;
import io.hestia.ha.home.HomeFiles;
import io.hestia.query.HomeIndex;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Home Assistant's intent test sentences ({@code tests/en} of https://github.com/home-assistant/intents), one
 * {@link Case} per sentence, each with the home it must be understood in.
 * <ul>
 *   <li>Legacy files {@code tests/en/<domain>_<Intent>.yaml}: blocks of {@code sentences} with
 *   {@code intent: {name, slots, context}}, all over the shared fixture {@code tests/en/_fixtures.yaml}, read with
 *   {@link HomeFiles#read(Path, HomeFiles.EntityIdPolicy, java.util.function.Consumer)} and the
 *   {@link HomeFiles.EntityIdPolicy#WARN WARN} policy (the real fixture has two ids HA itself would reject).</li>
 *   <li>Folder files {@code tests/en/<Intent>/<variant>.yaml}: blocks with {@code slots} directly (the intent is the
 *   folder's name), each file over its own mini fixture: floors and areas by name (id {@code slug(name)} unless
 *   given), entities with a {@code domain} instead of an id (id {@code <domain>.<slug(name)>}); an entity's or area's
 *   {@code area}/{@code floor} may name the place or give its id.</li>
 * </ul>
 * {@code context.area} of a block (the area of the device that heard the sentence) is a name; it is mapped to the
 * area's id through the case's home, as a parser receives it. The other context keys ({@code domain},
 * {@code device_class}) are part of the expectation. Each intent's own domain comes from {@code intents.yaml} in the
 * corpus root when present.
 *
 * <p>{@link #read(Path)} accepts the corpus root (holding {@code tests/en}) or the {@code tests/en} folder itself.
 */
public final class IntentCorpus {

    public static final String FIXTURE = "_fixtures.yaml";

    /** Domains of the evaluated intents (intents.yaml at commit aa55003), used when the corpus has no intents.yaml. */
    private static final Map<String, String> KNOWN_INTENT_DOMAINS = Map.of("HassTurnOn", "homeassistant",
            "HassTurnOff", "homeassistant", "HassLightSet", "light", "HassClimateSetTemperature", "climate",
            "HassSetPosition", "homeassistant", "HassGetState", "homeassistant");

    /**
     * One test sentence.
     *
     * @param file          path below {@code tests/en} ({@code light_HassTurnOn.yaml}, {@code HassTurnOn/name_only.yaml})
     * @param fileDomain    the {@code <domain>} of a legacy file name; null in the folder format
     * @param intent        the expected intent
     * @param contextArea   the speaker's area as the test names it, or null
     * @param contextAreaId that area's id in {@link #home()}, or null (also when the name is unknown: see warnings)
     * @param slots         the expected slots as written (names, numbers, lists meaning "any of")
     * @param context       the expected context values other than {@code area} ({@code domain}, {@code device_class})
     * @param home          the fixture the sentence is understood in
     */
    public record Case(String file, String fileDomain, String intent, String sentence, String contextArea,
                       String contextAreaId, Map<String, Object> slots, Map<String, Object> context,
                       HomeIndex home) {
    }

    private final Path testsDir;
    private final HomeIndex fixture;
    private final Map<String, HomeIndex> miniFixtures;
    private final List<Case> cases;
    private final Map<String, String> intentDomains;
    private final List<String> warnings;

    private IntentCorpus(Path testsDir, HomeIndex fixture, Map<String, HomeIndex> miniFixtures, List<Case> cases,
                         Map<String, String> intentDomains, List<String> warnings) {
        this.testsDir = testsDir;
        this.fixture = fixture;
        this.miniFixtures = Collections.unmodifiableMap(miniFixtures);
        this.cases = List.copyOf(cases);
        this.intentDomains = Map.copyOf(intentDomains);
        this.warnings = List.copyOf(warnings);
    }

    /** Reads the corpus from its root (holding {@code tests/en}) or from the {@code tests/en} folder itself. */
    public static IntentCorpus read(Path dir) {
        Path tests = Files.isDirectory(dir.resolve("tests/en")) ? dir.resolve("tests/en") : dir;
        if (!Files.isRegularFile(tests.resolve(FIXTURE))) {
            throw new IllegalArgumentException("no intent corpus at " + dir.toAbsolutePath() + " (expected tests/en/"
                    + FIXTURE + " or " + FIXTURE + ")");
        }
        List<String> warnings = new ArrayList<>();
        HomeIndex fixture = HomeIndex.of(HomeFiles.read(tests.resolve(FIXTURE), HomeFiles.EntityIdPolicy.WARN,
                warnings::add));
        Map<String, String> domains = new LinkedHashMap<>(KNOWN_INTENT_DOMAINS);
        Path intentsYaml = tests.resolve("../../intents.yaml").normalize();
        if (Files.isRegularFile(intentsYaml)) {
            if (load(intentsYaml) instanceof Map<?, ?> intents) {
                intents.forEach((name, spec) -> {
                    if (spec instanceof Map<?, ?> m && m.get("domain") != null) {
                        domains.put(name.toString(), m.get("domain").toString());
                    }
                });
            }
        }
        List<Case> cases = new ArrayList<>();
        Map<String, HomeIndex> minis = new LinkedHashMap<>();
        for (Path file : list(tests)) {
            String name = file.getFileName().toString();
            int cut = name.indexOf("_Hass");
            if (Files.isRegularFile(file) && name.endsWith(".yaml") && cut > 0) {
                readLegacy(file, name.substring(0, cut), fixture, cases, warnings);
            }
        }
        for (Path folder : list(tests)) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            for (Path file : list(folder)) {
                if (file.getFileName().toString().endsWith(".yaml")) {
                    String rel = folder.getFileName() + "/" + file.getFileName();
                    Map<?, ?> top = top(file);
                    HomeIndex mini = miniFixture(top, rel, warnings);
                    minis.put(rel, mini);
                    readFolderFile(top, rel, folder.getFileName().toString(), mini, cases, warnings);
                }
            }
        }
        return new IntentCorpus(tests, fixture, minis, cases, domains, warnings);
    }

    /** The {@code tests/en} folder read. */
    public Path testsDir() {
        return testsDir;
    }

    /** The shared fixture of the legacy files. */
    public HomeIndex fixture() {
        return fixture;
    }

    /** The mini fixture of each folder-format file, by {@link Case#file()}. */
    public Map<String, HomeIndex> miniFixtures() {
        return miniFixtures;
    }

    /** All sentences of all intents, legacy files first, in file order. */
    public List<Case> cases() {
        return cases;
    }

    /** The intent's own domain ({@code light} for HassLightSet, {@code homeassistant} for HassTurnOn), or null. */
    public String intentDomain(String intent) {
        return intentDomains.get(intent);
    }

    /** What was accepted with a warning: malformed fixture ids, context areas not in the fixture. */
    public List<String> warnings() {
        return warnings;
    }

    // ------------------------------------------------------------------------------------------------ legacy

    private static void readLegacy(Path file, String fileDomain, HomeIndex fixture, List<Case> out,
                                   List<String> warnings) {
        String rel = file.getFileName().toString();
        int block = 0;
        for (Object item : listOf(top(file).get("tests"))) {
            block++;
            if (!(item instanceof Map<?, ?> test) || !(test.get("intent") instanceof Map<?, ?> intent)) {
                warnings.add(rel + ": test block " + block + " has no intent; skipped");
                continue;
            }
            Map<?, ?> context = test.get("context") instanceof Map<?, ?> c ? c
                    : intent.get("context") instanceof Map<?, ?> c2 ? c2 : Map.of();
            addCases(rel, fileDomain, String.valueOf(intent.get("name")), test.get("sentences"),
                    intent.get("slots"), context, fixture, out, warnings);
        }
    }

    // ------------------------------------------------------------------------------------------------ folder format

    private static void readFolderFile(Map<?, ?> top, String rel, String intent, HomeIndex mini, List<Case> out,
                                       List<String> warnings) {
        for (Object item : listOf(top.get("tests"))) {
            if (item instanceof Map<?, ?> test) {
                Map<?, ?> context = test.get("context") instanceof Map<?, ?> c ? c : Map.of();
                addCases(rel, null, intent, test.get("sentences"), test.get("slots"), context, mini, out, warnings);
            }
        }
    }

    /** The file's own floors, areas and entities; places are referred to by id or by name. */
    static HomeIndex miniFixture(Map<?, ?> top, String rel, List<String> warnings) {
        List<HomeIndex.Floor> floors = new ArrayList<>();
        for (Object o : listOf(top.get("floors"))) {
            if (o instanceof Map<?, ?> m) {
                String name = text(m.get("name"));
                floors.add(new HomeIndex.Floor(idOr(m, "floor_id", name), name, strings(m.get("aliases"))));
            }
        }
        List<HomeIndex.Area> areas = new ArrayList<>();
        for (Object o : listOf(top.get("areas"))) {
            if (o instanceof Map<?, ?> m) {
                String name = text(m.get("name"));
                String floor = placeId(text(m.get("floor")), floors, HomeIndex.Floor::id, HomeIndex.Floor::name);
                areas.add(new HomeIndex.Area(idOr(m, "area_id", name), name, strings(m.get("aliases")), floor));
            }
        }
        HomeIndex places = HomeIndex.of(floors, areas, List.of());
        List<HomeIndex.Entity> entities = new ArrayList<>();
        for (Object o : listOf(top.get("entities"))) {
            if (!(o instanceof Map<?, ?> m)) {
                continue;
            }
            String name = text(m.get("name"));
            String id = text(m.containsKey("id") ? m.get("id") : m.get("entity_id"));
            if (id == null) {
                String domain = text(m.get("domain"));
                if (domain == null || name == null) {
                    warnings.add(rel + ": an entity without id needs a domain and a name; skipped");
                    continue;
                }
                id = domain + "." + EntityIds.slugify(name);
            }
            String area = placeId(text(m.get("area")), areas, HomeIndex.Area::id, HomeIndex.Area::name);
            String deviceClass = text(m.get("device_class"));
            if (deviceClass == null && m.get("attributes") instanceof Map<?, ?> attributes) {
                deviceClass = text(attributes.get("device_class"));
            }
            Object state = m.get("state") instanceof Map<?, ?> spoken ? spoken.get("out") : m.get("state");
            HomeIndex.Area a = places.area(area);
            entities.add(new HomeIndex.Entity(id, name, strings(m.get("aliases")), null, deviceClass, area,
                    a == null ? null : a.floorId(), text(state)));
        }
        return HomeIndex.of(floors, areas, entities);
    }

    private static String idOr(Map<?, ?> m, String altKey, String name) {
        String id = text(m.containsKey("id") ? m.get("id") : m.get(altKey));
        return id != null ? id : EntityIds.slugify(name);
    }

    private static <T> String placeId(String ref, List<T> places, java.util.function.Function<T, String> id,
                                      java.util.function.Function<T, String> name) {
        if (ref == null) {
            return null;
        }
        for (T p : places) {
            if (ref.equals(id.apply(p)) || ref.equalsIgnoreCase(name.apply(p))) {
                return id.apply(p);
            }
        }
        return ref;
    }

    // ------------------------------------------------------------------------------------------------ both formats

    private static void addCases(String rel, String fileDomain, String intent, Object sentences, Object slots,
                                 Map<?, ?> context, HomeIndex home, List<Case> out, List<String> warnings) {
        Map<String, Object> expected = values(slots);
        Map<String, Object> ctx = new LinkedHashMap<>(values(context));
        String contextArea = text(ctx.remove("area"));
        String contextAreaId = null;
        if (contextArea != null) {
            contextAreaId = areaId(home, contextArea);
            if (contextAreaId == null) {
                warnings.add(rel + ": context area '" + contextArea + "' is not in the fixture");
            }
        }
        for (Object s : listOf(sentences)) {
            out.add(new Case(rel, fileDomain, intent, String.valueOf(s), contextArea, contextAreaId, expected,
                    Collections.unmodifiableMap(ctx), home));
        }
    }

    /** The id of the area with this name (or alias, or id), or null. */
    static String areaId(HomeIndex home, String nameOrId) {
        String wanted = nameOrId.trim().toLowerCase(Locale.ROOT);
        for (HomeIndex.Area a : home.areas()) {
            if (a.id().equals(nameOrId) || (a.name() != null && a.name().trim().toLowerCase(Locale.ROOT).equals(wanted))
                    || a.aliases().stream().anyMatch(x -> x.trim().toLowerCase(Locale.ROOT).equals(wanted))) {
                return a.id();
            }
        }
        return null;
    }

    /** A mapping's values with YAML 1.1 booleans turned back into on/off and lists kept as lists of values. */
    private static Map<String, Object> values(Object node) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (node instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                if (v != null) {
                    out.put(k.toString(), v instanceof List<?> l ? l.stream().map(IntentCorpus::value).toList()
                            : value(v));
                }
            });
        }
        return Collections.unmodifiableMap(out);
    }

    private static Object value(Object v) {
        if (v instanceof Boolean b) {
            return b ? "on" : "off";
        }
        return v instanceof Number || v instanceof String ? v : String.valueOf(v);
    }

    private static String text(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof Double || v instanceof Float) {
            return BigDecimal.valueOf(((Number) v).doubleValue()).toPlainString();
        }
        return value(v).toString();
    }

    private static List<String> strings(Object node) {
        return listOf(node).stream().map(IntentCorpus::text).toList();
    }

    private static List<?> listOf(Object node) {
        return node instanceof List<?> l ? l : List.of();
    }

    private static Map<?, ?> top(Path file) {
        Object root = load(file);
        if (!(root instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException(file + ": top level must be a mapping");
        }
        return m;
    }

    private static Object load(Path file) {
        try {
            return new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file,
                    StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (YAMLException e) {
            throw new IllegalArgumentException(file + ": not valid YAML: " + e.getMessage(), e);
        }
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
