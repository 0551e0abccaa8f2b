package io.hestia.pattern.mining;

/**
 * Receives the analysis window's events in time order (ties in store order), once each. Implementations keep
 * compact state; they must not hold on to per-event objects.
 */
public interface EventSink {

    /**
     * @param entity        index in {@link HomeModel}
     * @param state         the new state ({@link StateVocabulary} id)
     * @param previousState the entity's state before this event: HA's {@code old_state} when stored, else the
     *                      previous event's state in the window, else {@link StateVocabulary#NONE}
     * @param timeMs        HA's {@code last_updated}, epoch milliseconds
     */
    void accept(int entity, int state, int previousState, long timeMs);
}
