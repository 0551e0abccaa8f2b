package io.hestia.query.eval;

import io.hestia.query.HomeIndex;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** Reads the copied corpus (src/test/resources/corpora/ha-intents, HA intents commit aa55003). */
class IntentCorpusTest {

    static Path root;
    static IntentCorpus corpus;

    @BeforeAll
    static void read() throws Exception {
        root = Path.of(IntentCorpusTest.class.getResource("/corpora/ha-intents").toURI());
        corpus = IntentCorpus.read(root);
    }

    @Test
    void readsEverySentenceOfBothFormats() {
        // the corpus README: 1,024 legacy sentences, 65 folder-format sentences in 16 files
        List<IntentCorpus.Case> legacy = corpus.cases().stream().filter(c -> c.fileDomain() != null).toList();
        List<IntentCorpus.Case> folder = corpus.cases().stream().filter(c -> c.fileDomain() == null).toList();
        assertThat(legacy).hasSize(1024);
        assertThat(folder).hasSize(65);
        assertThat(corpus.miniFixtures()).hasSize(16);
        assertThat(legacy.stream().map(IntentCorpus.Case::file).distinct()).hasSize(51);
    }

    @Test
    void everySupportedIntentHasSentences() {
        Map<String, Long> perIntent = corpus.cases().stream()
                .collect(Collectors.groupingBy(IntentCorpus.Case::intent, Collectors.counting()));
        assertThat(IntentEvaluation.SUPPORTED).allSatisfy(i -> assertThat(perIntent.get(i)).as(i).isPositive());
        assertThat(perIntent).containsEntry("HassTurnOn", 226L + 26).containsEntry("HassTurnOff", 181L + 16)
                .containsEntry("HassLightSet", 62L + 8).containsEntry("HassClimateSetTemperature", 11L)
                .containsEntry("HassSetPosition", 9L).containsEntry("HassGetState", 241L + 4);
    }

    @Test
    void sharedFixtureIsReadWithWarningsForTheTwoMalformedIds() {
        HomeIndex f = corpus.fixture();
        assertThat(f.size()).isEqualTo(107);
        assertThat(f.areas()).hasSize(8);
        assertThat(f.floors()).hasSize(5);
        assertThat(f.entity("cover.curtain_left").deviceClass()).isEqualTo("curtain");
        assertThat(f.floorOf(f.entity("light.bedroom_lamp"))).isEqualTo("second_floor_id");
        assertThat(String.join("\n", corpus.warnings())).contains("sensor.traveling speed", "sensor.price_per_kW");
    }

    @Test
    void legacyCasesCarryFileDomainSlotsAndContext() {
        IntentCorpus.Case lamp = only("light_HassLightSet.yaml", "bedroom lamp 50%");
        assertThat(lamp.fileDomain()).isEqualTo("light");
        assertThat(lamp.intent()).isEqualTo("HassLightSet");
        assertThat(lamp.slots()).containsEntry("brightness", 50).containsEntry("name", "Bedroom Lamp");
        assertThat(lamp.home()).isSameAs(corpus.fixture());

        IntentCorpus.Case curtain = only("cover_HassTurnOff.yaml", "close the curtain left in the living room");
        assertThat(curtain.context()).isEqualTo(Map.of("domain", "cover", "device_class", "curtain"));
        assertThat(curtain.contextArea()).isNull();

        IntentCorpus.Case fraction = only("climate_HassClimateSetTemperature.yaml", "set temperature to 20.5 degrees");
        assertThat(fraction.slots()).containsEntry("temperature", 20.5);
    }

    @Test
    void contextAreaNamesAreResolvedToFixtureIds() {
        List<IntentCorpus.Case> withContext = corpus.cases().stream().filter(c -> c.contextArea() != null).toList();
        assertThat(withContext).isNotEmpty();
        assertThat(withContext).allSatisfy(c -> {
            assertThat(c.contextAreaId()).as(c.file() + ": " + c.sentence()).isNotNull();
            assertThat(c.home().area(c.contextAreaId()).name()).isEqualTo(c.contextArea());
            assertThat(c.context()).doesNotContainKey("area");
        });
        IntentCorpus.Case here = only("light_HassTurnOn.yaml", "turn on the lights in this space");
        assertThat(here.contextArea()).isEqualTo("Living Room");
        assertThat(here.contextAreaId()).isEqualTo("living_room_id");
        assertThat(corpus.warnings()).noneMatch(w -> w.contains("context area"));
    }

    @Test
    void folderFilesBuildTheirOwnMiniFixtures() {
        HomeIndex nameOnly = corpus.miniFixtures().get("HassTurnOn/name_only.yaml");
        assertThat(nameOnly.entities()).extracting(HomeIndex.Entity::entityId)
                .containsExactly("light.overhead_light", "cover.sliding_door");
        assertThat(nameOnly.entity("cover.sliding_door").name()).isEqualTo("Sliding Door");

        HomeIndex kitchen = corpus.miniFixtures().get("HassTurnOn/area_domain.yaml");
        assertThat(kitchen.areas()).extracting(HomeIndex.Area::id, HomeIndex.Area::name)
                .containsExactly(tuple("kitchen", "Kitchen"));
        assertThat(kitchen.size()).isZero();

        assertThat(corpus.miniFixtures().get("HassGetState/name_state.yaml").entity("cover.sliding_door").state())
                .isEqualTo("open");

        IntentCorpus.Case open = only("HassTurnOn/name_only.yaml", "open Sliding Door");
        assertThat(open.intent()).isEqualTo("HassTurnOn");
        assertThat(open.fileDomain()).isNull();
        assertThat(open.slots()).isEqualTo(Map.of("name", "Sliding Door"));
        assertThat(open.home()).isSameAs(nameOnly);
    }

    @Test
    void intentDomainsComeFromIntentsYaml() {
        assertThat(corpus.intentDomain("HassLightSet")).isEqualTo("light");
        assertThat(corpus.intentDomain("HassClimateSetTemperature")).isEqualTo("climate");
        assertThat(corpus.intentDomain("HassSetPosition")).isEqualTo("homeassistant");
        assertThat(corpus.intentDomain("HassVacuumStart")).isEqualTo("vacuum");
    }

    @Test
    void readsFromTheTestsFolderToo() {
        IntentCorpus direct = IntentCorpus.read(root.resolve("tests/en"));
        assertThat(direct.cases()).hasSameSizeAs(corpus.cases());
        assertThat(direct.intentDomain("HassVacuumStart")).isEqualTo("vacuum");
        assertThatThrownBy(() -> IntentCorpus.read(root.resolve("tests")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no intent corpus");
    }

    private static IntentCorpus.Case only(String file, String sentence) {
        List<IntentCorpus.Case> found = corpus.cases().stream()
                .filter(c -> c.file().equals(file) && c.sentence().equals(sentence)).toList();
        assertThat(found).as(file + ": " + sentence).hasSize(1);
        return found.get(0);
    }
}
