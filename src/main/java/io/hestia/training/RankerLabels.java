package io.hestia.training;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.hestia.platform.Json;
import io.hestia.platform.ServiceCaller;
import io.hestia.platform.UnavailableException;
import io.hestia.training.ml.RankerLabel;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The suggestion ranker's labels: the automation service's approved and deployed suggestions (1) and rejected ones
 * (0), read through the service client (target {@code automation}).
 */
public final class RankerLabels {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    static final String TARGET = "automation";
    private static final int PAGE = 500;

    private final ServiceCaller caller;
    private final Map<String, String> headers;

    public RankerLabels(ServiceCaller caller, Map<String, String> headers) {
        this.caller = caller;
        this.headers = headers;
    }

    public List<RankerLabel> labels() {
        List<RankerLabel> out = new ArrayList<>();
        for (String status : List.of("approved", "deployed", "rejected")) {
            for (Map<String, Object> view : views(status)) {
                out.add(new RankerLabel(SuggestionRanker.input(view), !"rejected".equals(status)));
            }
        }
        return out;
    }

    public int count() {
        int n = 0;
        for (String status : List.of("approved", "deployed", "rejected")) {
            n += views(status).size();
        }
        return n;
    }

    /** Every suggestion of a status, page by page. */
    private List<Map<String, Object>> views(String status) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int offset = 0; ; offset += PAGE) {
            ServiceCaller.Response r = caller.call(TARGET, "GET", "/api/v1/suggestions", "status=" + status
                    + "&limit=" + PAGE + "&offset=" + offset, headers, null);
            if (!r.ok()) {
                throw new UnavailableException("the automation service answered " + r.status() + " for suggestions");
            }
            int n = 0;
            try {
                for (JsonNode item : Json.mapper().readTree(r.body()).path("suggestions")) {
                    out.add(Json.mapper().convertValue(item, MAP));
                    n++;
                }
            } catch (IOException e) {
                throw new UnavailableException("the automation service's suggestions are not JSON: "
                        + e.getMessage());
            }
            if (n < PAGE) {
                return out;
            }
        }
    }
}
