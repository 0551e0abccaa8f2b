package io.hestia.ha.home;

import java.util.Map;
import java.util.Objects;

/**
 * One state change in HA's state-object shape. Times are epoch milliseconds (UTC).
 *
 * @param entityId      e.g. {@code light.kitchen}
 * @param state         new state, at most 255 characters
 * @param attributes    attributes of the new state, or null when the entity's current attributes apply
 * @param lastChanged   when the state value last changed
 * @param lastUpdated   when the state object last changed (equals lastChanged unless only attributes changed)
 * @param oldState      previous state value, or null when unknown / first appearance
 * @param contextId     HA context id, or null
 * @param userId        context user id (a person acted through HA), or null
 * @param parentId      context parent id (caused by another event, e.g. an automation), or null
 * @param origin        LOCAL or REMOTE, or null
 */
public record StateEvent(String entityId, String state, Map<String, Object> attributes, long lastChanged,
                         long lastUpdated, String oldState, String contextId, String userId, String parentId,
                         String origin) {

    public StateEvent {
        Objects.requireNonNull(entityId, "entityId");
        Objects.requireNonNull(state, "state");
    }

    /** A plain state change with no attributes, context or origin. */
    public static StateEvent of(String entityId, String state, long time, String oldState) {
        return new StateEvent(entityId, state, null, time, time, oldState, null, null, null, null);
    }
}
