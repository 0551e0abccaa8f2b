package io.hestia.ha.sim;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hestia.platform.Json;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Map;

/** Compact JSON as HA's orjson writes it. */
final class SimJson {

    static final ObjectMapper MAPPER = Json.mapper();

    interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private SimJson() {
    }

    static String write(Body body) {
        StringWriter w = new StringWriter(256);
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(w)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    static String write(Object value) {
        return Json.write(value);
    }

    static Object parse(String text) throws IOException {
        return MAPPER.readValue(text, Object.class);
    }

    /** Epoch seconds as a float with microseconds, as HA's registries write created_at/modified_at. */
    static BigDecimal epochSeconds(long millis) {
        return BigDecimal.valueOf(millis, 3).setScale(6);
    }

    static String message(String message) {
        return write(Map.of("message", message));
    }
}
