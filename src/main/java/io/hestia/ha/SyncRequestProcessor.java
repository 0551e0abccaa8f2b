package io.hestia.ha;

import com.fasterxml.jackson.databind.JsonNode;
import io.hestia.platform.InvalidInputException;
import io.hestia.platform.Json;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Maps {@code POST /api/v1/ha/sync} with an optional body {@code {"days": N}} to {@link HaSyncService#start}. */
public final class SyncRequestProcessor implements Processor {

    private final HaSyncService sync;

    public SyncRequestProcessor(HaSyncService sync) {
        this.sync = sync;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        String body = exchange.getMessage().getBody(String.class);
        Integer days = null;
        if (body != null && !body.isBlank()) {
            JsonNode json = Json.mapper().readTree(body);
            if (!json.isObject()) {
                throw InvalidInputException.of("body", "must be a JSON object such as {\"days\": 30}");
            }
            JsonNode d = json.get("days");
            if (d != null && !d.isNull()) {
                if (!d.canConvertToInt() || !d.isIntegralNumber()) {
                    throw InvalidInputException.of("days", "must be a whole number");
                }
                days = d.intValue();
            }
        }
        exchange.getMessage().setBody(sync.start(days));
    }
}
