package io.hestia.ha.sim;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/** HA's event/state context: {@code {"id": ULID, "parent_id": ..., "user_id": ...}}. */
record SimContext(String id, String parentId, String userId) {

    void write(JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", id);
        g.writeStringField("parent_id", parentId);
        g.writeStringField("user_id", userId);
        g.writeEndObject();
    }
}
