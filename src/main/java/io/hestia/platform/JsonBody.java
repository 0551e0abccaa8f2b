package io.hestia.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;

/** Request bodies that must be a JSON object; anything else is a 400 problem naming {@code body}. */
public final class JsonBody {

    private JsonBody() {
    }

    /** @throws InvalidInputException naming {@code body} when it is empty, not JSON or not an object */
    public static JsonNode object(String body) {
        if (body == null || body.isBlank()) {
            throw InvalidInputException.of("body", "must be a JSON object");
        }
        JsonNode json;
        try {
            json = Json.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            throw InvalidInputException.of("body", "is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw InvalidInputException.of("body", "could not be read: " + e.getMessage());
        }
        if (json == null || !json.isObject()) {
            throw InvalidInputException.of("body", "must be a JSON object");
        }
        return json;
    }
}
