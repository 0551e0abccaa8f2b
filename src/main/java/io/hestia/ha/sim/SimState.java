package io.hestia.ha.sim;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** One immutable HA state object. Its JSON is rendered once and shared by every reader. */
final class SimState {

    final String entityId;
    final String state;
    final Map<String, Object> attributes;
    final long lastChanged;
    final long lastUpdated;
    final long lastReported;
    final SimContext context;
    private String json;

    SimState(String entityId, String state, Map<String, Object> attributes, long lastChanged, long lastUpdated,
             long lastReported, SimContext context) {
        this.entityId = entityId;
        this.state = state;
        this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        this.lastChanged = lastChanged;
        this.lastUpdated = lastUpdated;
        this.lastReported = lastReported;
        this.context = context;
    }

    String domain() {
        return entityId.substring(0, entityId.indexOf('.'));
    }

    String json() {
        String j = json;
        if (j == null) {
            j = SimJson.write(this::write);
            json = j;
        }
        return j;
    }

    private void write(JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("entity_id", entityId);
        g.writeStringField("state", state);
        g.writeFieldName("attributes");
        g.writeObject(attributes);
        g.writeStringField("last_changed", IsoTime.format(lastChanged));
        g.writeStringField("last_reported", IsoTime.format(lastReported));
        g.writeStringField("last_updated", IsoTime.format(lastUpdated));
        g.writeFieldName("context");
        context.write(g);
        g.writeEndObject();
    }
}
