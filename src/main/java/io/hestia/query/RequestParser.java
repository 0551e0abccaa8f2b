package io.hestia.query;

import java.util.List;
import java.util.Map;

/** The local rule-based parser (being written; this first version understands nothing). */
public final class RequestParser implements Parser {

    @Override
    public Understanding parse(String text, HomeIndex home, String contextAreaId, Map<String, String> answers) {
        return new Understanding(Understanding.UNKNOWN, Map.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(), null, List.of(), 0.0, List.of(text));
    }
}
