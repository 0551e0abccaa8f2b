package io.hestia.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.hestia.ha.HaRestClient;
import io.hestia.platform.InvalidInputException.FieldError;
import io.hestia.store.StoreException;
import org.apache.camel.RuntimeCamelException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ProblemsTest {

    private static final String BASE = "https://hestia.dev/problems/";

    static Stream<Arguments> mappings() {
        return Stream.of(
                Arguments.of(InvalidInputException.of("limit", "must be between 1 and 10"), 400, "invalid-input",
                        "Invalid input"),
                Arguments.of(new UnauthorizedException("missing token"), 401, "unauthorized", "Unauthorized"),
                Arguments.of(new NotFoundException("no run r1"), 404, "not-found", "Not found"),
                Arguments.of(new ConflictException("a sync is running"), 409, "conflict", "Conflict"),
                Arguments.of(new PayloadTooLargeException("at most 10 events"), 413, "payload-too-large",
                        "Payload too large"),
                Arguments.of(new UnavailableException("pattern is down"), 503, "unavailable", "Service unavailable"),
                Arguments.of(new StoreException("writing failed", new SQLException("disk I/O error")), 503,
                        "store-unavailable", "Store unavailable"),
                Arguments.of(new IllegalStateException("boom"), 500, "internal-error", "Internal error"));
    }

    @ParameterizedTest
    @MethodSource("mappings")
    void eachExceptionTypeMapsToItsStatusAndType(RuntimeException e, int status, String type, String title) {
        Problems.Problem p = Problems.of(e, "/api/x");
        assertThat(p.status()).isEqualTo(status);
        assertThat(p.body()).containsEntry("type", BASE + type)
                .containsEntry("title", title)
                .containsEntry("status", status)
                .containsEntry("instance", "/api/x");
        assertThat((String) p.body().get("detail")).contains(e.getMessage());
        assertThat(p.body().keySet()).startsWith("type", "title", "status", "detail", "instance");
    }

    @ParameterizedTest
    @MethodSource("mappings")
    void wrappedExceptionsAreUnwrapped(RuntimeException e, int status, String type, String title) throws Exception {
        Throwable[] wrapped = {
                new CompletionException(e),
                new ExecutionException(e),
                new InvocationTargetException(e),
                new RuntimeCamelException(e),
                new CompletionException(new ExecutionException(new RuntimeCamelException(
                        new InvocationTargetException(e)))),
        };
        for (Throwable w : wrapped) {
            Problems.Problem p = Problems.of(w, null);
            assertThat(p.status()).as("%s", w).isEqualTo(status);
            assertThat(p.body()).containsEntry("type", BASE + type);
        }
    }

    @Test
    void invalidInputCarriesItsErrors() {
        List<FieldError> errors = List.of(new FieldError(3, "[3].last_changed", "'x' is not an ISO-8601 time"),
                new FieldError(7, "[7].state", "is required"));
        InvalidInputException e = new InvalidInputException("2 of 10 events are invalid", errors);
        Problems.Problem p = Problems.of(new CompletionException(e), "/api/events");
        assertThat(p.status()).isEqualTo(400);
        assertThat(p.body()).containsEntry("detail", "2 of 10 events are invalid").containsEntry("errors", errors);
        String json = Json.write(p.body());
        assertThat(json).contains("\"errors\":[{\"row\":3,\"field\":\"[3].last_changed\",")
                .contains("{\"row\":7,\"field\":\"[7].state\",\"message\":\"is required\"}");
    }

    @Test
    void invalidInputOfOneField() {
        InvalidInputException e = InvalidInputException.of("cursor", "is not a cursor this API returned");
        assertThat(e.getMessage()).isEqualTo("cursor: is not a cursor this API returned");
        assertThat(e.errors()).containsExactly(new FieldError(null, "cursor", "is not a cursor this API returned"));
        assertThat(Problems.of(e, null).body().get("errors")).isEqualTo(e.errors());
    }

    @Test
    void otherProblemsHaveNoErrorsAndNoInstanceWhenNotGiven() {
        Problems.Problem p = Problems.of(new NotFoundException("gone"), null);
        assertThat(p.body()).doesNotContainKeys("errors", "instance");
        assertThat(p.body()).containsEntry("detail", "gone");
    }

    @Test
    void malformedJsonIsA400WithThePosition() {
        JsonProcessingException jpe = catchThrowableOfType(JsonProcessingException.class,
                () -> Json.mapper().readTree("{\n  \"a\": }"));
        Problems.Problem p = Problems.of(new CompletionException(jpe), "/api/events");
        assertThat(p.status()).isEqualTo(400);
        assertThat(p.body()).containsEntry("type", BASE + "malformed-json");
        assertThat((String) p.body().get("detail")).startsWith("the body is not valid JSON (line 2, column ");
    }

    @Test
    void homeAssistantErrorsMapTo422Or502() {
        Problems.Problem refused = Problems.of(new HaRestClient.HaHttpException(401, "unauthorized"), null);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).containsEntry("type", BASE + "home-assistant-error")
                .containsEntry("ha_status", 401).containsEntry("ha_message", "unauthorized")
                .containsEntry("detail", "Home Assistant answered 401: unauthorized");
        assertThat(Problems.of(new HaRestClient.HaHttpException(400, "bad"), null).status()).isEqualTo(422);
        assertThat(Problems.of(new HaRestClient.HaHttpException(499, "x"), null).status()).isEqualTo(422);
        assertThat(Problems.of(new HaRestClient.HaHttpException(500, "x"), null).status()).isEqualTo(502);
        assertThat(Problems.of(new HaRestClient.HaHttpException(503, "x"), null).status()).isEqualTo(502);
        assertThat(Problems.of(new HaRestClient.HaHttpException(302, "x"), null).status()).isEqualTo(502);
        assertThat(Problems.of(new CompletionException(new HaRestClient.HaHttpException(404, "x")), null).status())
                .isEqualTo(422);
    }

    @Test
    void unknownFailuresAre500NamingTheUnwrappedType() {
        Problems.Problem p = Problems.of(new CompletionException(new IOException("connection reset")), null);
        assertThat(p.status()).isEqualTo(500);
        assertThat(p.body()).containsEntry("detail", "IOException: connection reset");
        assertThat(Problems.of(new NullPointerException(), null).body())
                .containsEntry("detail", "NullPointerException");
        // a wrapper without a cause stays itself
        Problems.Problem bare = Problems.of(new CompletionException("lost", null), null);
        assertThat(bare.status()).isEqualTo(500);
        assertThat(bare.body()).containsEntry("detail", "CompletionException: lost");
    }

    @Test
    void problemBuildsTheDocument() {
        Problems.Problem p = Problems.problem(418, "teapot", "I'm a teapot", "short and stout", "/brew");
        assertThat(p.status()).isEqualTo(418);
        assertThat(Json.write(p.body())).isEqualTo("{\"type\":\"https://hestia.dev/problems/teapot\","
                + "\"title\":\"I'm a teapot\",\"status\":418,\"detail\":\"short and stout\",\"instance\":\"/brew\"}");
    }
}
