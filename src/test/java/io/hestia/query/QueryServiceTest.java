package io.hestia.query;

import io.hestia.ha.home.Home;
import io.hestia.platform.ConflictException;
import io.hestia.platform.InvalidInputException;
import io.hestia.platform.MutableClock;
import io.hestia.platform.NotFoundException;
import io.hestia.query.QueryService.Answer;
import io.hestia.query.QueryService.Result;
import io.hestia.query.Suggestions.Enrichment;
import io.hestia.query.Suggestions.Suggestion;
import io.hestia.query.Understanding.EntityMatch;
import io.hestia.query.Understanding.Option;
import io.hestia.query.Understanding.Place;
import io.hestia.query.Understanding.Question;
import io.hestia.store.Database;
import io.hestia.store.QueryStore;
import io.hestia.store.RegistryStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The query service over a real SQLite file and registry, driven by scripted parsers: clarification from question
 * to answer to a resolved command, the round cap, the checks on answers, persistence across a new service on the
 * same file, conversations, and registry changes from this process and from another one.
 */
class QueryServiceTest {

    @TempDir
    Path dir;

    private Database db;
    private RegistryStore registry;
    private final MutableClock clock = new MutableClock(1_750_000_000_000L);
    private final List<Map<String, String>> answersSeen = new ArrayList<>();
    private final List<String> areasSeen = new ArrayList<>();

    private static final Enrichment ENRICHED = new Enrichment(
            List.of(new Suggestion("pattern", "tod-1", "time_of_day", "Kitchen light at 07:00", 0.8,
                    List.of("light.kitchen_ceiling"), "pattern_service")),
            Map.of("validated_by", "local_schema", "valid", true), List.of("a note"));

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("hestia.db").toString(), 2, 5000);
        registry = new RegistryStore(db.dataSource());
        registry.replace(List.of(new Home.Floor("ground", "Ground", List.of(), 0)),
                List.of(new Home.Area("kitchen", "Kitchen", List.of(), "ground"),
                        new Home.Area("bedroom", "Bedroom", List.of(), "ground")),
                List.of(),
                List.of(entity("light.kitchen_ceiling", "Kitchen Ceiling", "kitchen"),
                        entity("light.kitchen_counter", "Kitchen Counter", "kitchen"),
                        entity("light.bedroom", "Bedroom Light", "bedroom")));
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static Home.Entity entity(String id, String name, String area) {
        return new Home.Entity(id, name, List.of(), area, null, null, "off", Map.of("friendly_name", name));
    }

    /**
     * "the kitchen light": which one? (options: the kitchen's lights) → after the answer, HassTurnOn on it. Anything
     * else is not understood.
     */
    private Understanding kitchenLight(String text, HomeIndex home, String area, Map<String, String> answers) {
        answersSeen.add(answers);
        areasSeen.add(area);
        if (!text.contains("light")) {
            return understanding(Understanding.UNKNOWN, List.of(), List.of(), 0);
        }
        String which = answers.get("which-light");
        if (which == null) {
            List<Option> options = home.inArea("kitchen").stream().map(e -> new Option(e.entityId(), e.name()))
                    .toList();
            return understanding("HassTurnOn", List.of(), List.of(new Question("which-light", "device", "critical",
                    "Which kitchen light?", options)), 0.4);
        }
        HomeIndex.Entity e = home.entity(which);
        return understanding("HassTurnOn", List.of(new EntityMatch("kitchen light", which, e.name(), e.areaId(),
                "Kitchen", "light", null, "target", 0.95)), List.of(), 0.9);
    }

    private static Understanding understanding(String intent, List<EntityMatch> entities, List<Question> questions,
                                               double confidence) {
        return new Understanding(intent, Map.of("domain", "light"), entities, List.of(new Place("kitchen", "Kitchen")),
                List.of(), List.of(), List.of(), intent.equals(Understanding.UNKNOWN) ? List.of()
                : List.of(Map.of("action", "light.turn_on", "target", Map.of("entity_id", "light.x"))), null,
                questions, confidence, List.of());
    }

    private QueryService service(Parser parser) {
        return service(parser, u -> ENRICHED, 3);
    }

    private QueryService service(Parser parser, Function<Understanding, Enrichment> enricher, int maxRounds) {
        return new QueryService(new QueryStore(db.dataSource()), registry, parser, enricher, clock, maxRounds, 10_000);
    }

    @Test
    void aQuestionIsAnsweredAndTheRequestResolves() {
        QueryService service = service(this::kitchenLight);
        Result asked = service.ask("turn on the kitchen light", null, null);
        assertThat(asked.queryId()).startsWith("q-").hasSize(26);
        assertThat(asked.status()).isEqualTo(QueryService.NEEDS_CLARIFICATION);
        assertThat(asked.rounds()).isZero();
        Question q = asked.understanding().questions().get(0);
        assertThat(q.options()).extracting(Option::value)
                .containsExactlyInAnyOrder("light.kitchen_ceiling", "light.kitchen_counter");
        assertThat(asked.suggestions()).isEqualTo(ENRICHED.suggestions());
        assertThat(asked.processingMs()).isPositive();

        Result done = service.clarify(asked.queryId(), List.of(new Answer("which-light", "light.kitchen_counter")));
        assertThat(done.status()).isEqualTo(QueryService.ANSWERED);
        assertThat(done.rounds()).isEqualTo(1);
        assertThat(done.answers()).containsEntry("which-light", "light.kitchen_counter");
        assertThat(done.understanding().entities()).extracting(EntityMatch::entityId)
                .containsExactly("light.kitchen_counter");
        assertThat(answersSeen.get(answersSeen.size() - 1)).containsEntry("which-light", "light.kitchen_counter");

        Result read = service.get(asked.queryId());
        assertThat(read.understanding()).isEqualTo(done.understanding());
        assertThat(read.validation()).isEqualTo(ENRICHED.validation());
        assertThat(read.notes()).containsExactly("a note");
        assertThat(read.history()).hasSize(1);
        assertThat(read.history().get(0).questions()).containsExactly(q);
        assertThat(read.history().get(0).answers()).containsExactly(Map.entry("which-light", "light.kitchen_counter"));

        // answered: no more rounds
        assertThatThrownBy(() -> service.clarify(asked.queryId(), List.of(new Answer("which-light", "x"))))
                .isInstanceOf(ConflictException.class).hasMessageContaining("needs no clarification");
    }

    @Test
    void answersAreCheckedAgainstTheOpenQuestionsAndTheirOptions() {
        QueryService service = service(this::kitchenLight);
        String id = service.ask("turn on the kitchen light", null, null).queryId();
        assertField(() -> service.clarify(id, List.of(new Answer("nope", "light.kitchen_counter"))),
                "answers[0].question_id");
        assertField(() -> service.clarify(id, List.of(new Answer("which-light", "light.bedroom"))),
                "answers[0].answer");
        assertField(() -> service.clarify(id, List.of(new Answer("which-light", "light.kitchen_counter"),
                new Answer("which-light", "light.kitchen_ceiling"))), "answers[1].question_id");
        assertField(() -> service.clarify(id, List.of(new Answer("which-light", " "))), "answers[0].answer");
        assertField(() -> service.clarify(id, List.of()), "answers");
        assertThat(service.get(id).rounds()).as("a refused round stores nothing").isZero();
        assertThatThrownBy(() -> service.clarify("q-unknown", List.of(new Answer("which-light", "x"))))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> service.get("q-unknown")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void requestsAreCheckedBeforeTheyAreParsed() {
        QueryService service = service(this::kitchenLight);
        assertField(() -> service.ask("  ", null, null), "query");
        assertField(() -> service.ask("x".repeat(501), null, null), "query");
        assertField(() -> service.ask("turn on the light", "garage", null), "context.area_id");
        assertThat(answersSeen).isEmpty();
        assertThat(service.ask("x".repeat(500), null, null).status()).isEqualTo(QueryService.UNRESOLVED);
    }

    @Test
    void aQueryHasAtMostThreeRounds() {
        // asks a new question after every answer: never resolves
        Parser endless = (text, home, area, answers) -> understanding("HassTurnOn", List.of(), List.of(
                new Question("q" + answers.size(), "action", "important", "And then?", List.of())), 0.3);
        QueryService service = service(endless);
        String id = service.ask("turn on something", null, null).queryId();
        for (int round = 1; round <= 3; round++) {
            Result r = service.clarify(id, List.of(new Answer("q" + (round - 1), "free text " + round)));
            assertThat(r.rounds()).isEqualTo(round);
            assertThat(r.status()).isEqualTo(round < 3 ? QueryService.NEEDS_CLARIFICATION : QueryService.UNRESOLVED);
        }
        assertThatThrownBy(() -> service.clarify(id, List.of(new Answer("q3", "more"))))
                .isInstanceOf(ConflictException.class).hasMessageContaining("3 clarification rounds");
        Result read = service.get(id);
        assertThat(read.answers()).hasSize(3);
        assertThat(read.history()).extracting(QueryService.Round::round).containsExactly(1, 2, 3);
    }

    @Test
    void aSessionContinuesInANewServiceOnTheSameFile() {
        String id = service(this::kitchenLight).ask("turn on the kitchen light", "bedroom", "conv-1").queryId();
        db.close();
        db = Database.open(dir.resolve("hestia.db").toString(), 2, 5000);
        registry = new RegistryStore(db.dataSource());
        QueryService restarted = service(this::kitchenLight);
        Result before = restarted.get(id);
        assertThat(before.status()).isEqualTo(QueryService.NEEDS_CLARIFICATION);
        assertThat(before.contextAreaId()).isEqualTo("bedroom");
        assertThat(before.conversationId()).isEqualTo("conv-1");
        Result done = restarted.clarify(id, List.of(new Answer("which-light", "light.kitchen_ceiling")));
        assertThat(done.status()).isEqualTo(QueryService.ANSWERED);
        assertThat(areasSeen.get(areasSeen.size() - 1)).as("the session's context area").isEqualTo("bedroom");
    }

    @Test
    void aConversationLendsItsAreaToFollowUpsWithoutOne() {
        QueryService service = service(this::kitchenLight);
        String first = service.ask("turn on the light", "kitchen", "conv-1").queryId();
        Result next = service.ask("and the other light", null, "conv-1");
        assertThat(next.contextAreaId()).isEqualTo("kitchen");
        assertThat(next.conversationId()).isEqualTo("conv-1");
        assertThat(areasSeen.get(areasSeen.size() - 1)).isEqualTo("kitchen");
        // a follow-up may name the query it follows as the conversation
        assertThat(service.ask("dim it", null, first).contextAreaId()).isEqualTo("kitchen");
        // an area given wins; another conversation lends nothing
        assertThat(service.ask("turn on the light", "bedroom", "conv-1").contextAreaId()).isEqualTo("bedroom");
        assertThat(service.ask("turn on the light", null, "conv-2").contextAreaId()).isNull();
        assertThat(service.ask("turn on the light", null, null).contextAreaId()).isNull();
    }

    @Test
    void registryChangesArePickedUp() {
        QueryService service = service(this::kitchenLight);
        assertThat(service.home().entity("light.kitchen_island")).isNull();
        HomeIndex before = service.home();
        assertThat(service.home()).as("unchanged registry: the same snapshot").isSameAs(before);

        // written through this process's store: seen at once
        registry.replace(List.of(), List.of(new Home.Area("kitchen", "Kitchen", List.of(), null)), List.of(),
                List.of(entity("light.kitchen_island", "Kitchen Island", "kitchen")));
        Result r = service.ask("turn on the kitchen light", null, null);
        assertThat(r.understanding().questions().get(0).options()).extracting(Option::value)
                .containsExactly("light.kitchen_island");

        // written by another process (another store on the same file): seen after the refresh period
        clock.advance(Duration.ofSeconds(1));
        RegistryStore other = new RegistryStore(db.dataSource());
        other.replace(List.of(), List.of(new Home.Area("kitchen", "Kitchen", List.of(), null)), List.of(),
                List.of(entity("light.kitchen_pendant", "Kitchen Pendant", "kitchen"),
                        entity("light.kitchen_spots", "Kitchen Spots", "kitchen")));
        assertThat(service.home().entity("light.kitchen_pendant")).as("within the refresh period").isNull();
        clock.advance(Duration.ofSeconds(10));
        assertThat(service.home().entity("light.kitchen_pendant")).isNotNull();
        assertThat(service.home().entity("light.kitchen_island")).isNull();
    }

    @Test
    void theEnrichmentIsStoredWithTheQuery() {
        List<Understanding> enriched = new ArrayList<>();
        QueryService service = service(this::kitchenLight, u -> {
            enriched.add(u);
            return new Enrichment(List.of(), null, List.of("no pattern suggestions: pattern is unavailable"));
        }, 3);
        Result r = service.ask("turn on the kitchen light", null, null);
        assertThat(enriched).hasSize(1);
        assertThat(r.validation()).isNull();
        assertThat(service.get(r.queryId()).notes()).containsExactly("no pattern suggestions: pattern is unavailable");
    }

    private static void assertField(Runnable call, String field) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.errors()).extracting(InvalidInputException.FieldError::field).contains(field));
    }
}
