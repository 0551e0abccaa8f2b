package io.hestia.training.synthetic;

import java.util.List;
import java.util.Objects;

/**
 * A planted cause-and-effect sequence: {@code triggerEntity} changing to {@code triggerState} is followed by
 * {@code actionEntity} changing to {@code actionState}. Multi-step chains list every step in {@code steps}; a plain
 * pair has two steps. Lags are from the trigger to the action (for chains: summed over the steps).
 *
 * @param triggerEntity      first step's entity
 * @param triggerState       first step's state
 * @param actionEntity       last step's entity
 * @param actionState        last step's state
 * @param typicalLagSeconds  typical (median) lag from trigger to action
 * @param minLagSeconds      smallest planted lag
 * @param maxLagSeconds      largest planted lag
 * @param steps              all steps in order (at least two); each step's lags are from the previous step
 * @param condition          when it happens (e.g. "only when the light is off"), or null if always
 * @param description        what it models
 */
public record PlantedSequence(String triggerEntity, String triggerState, String actionEntity, String actionState,
                              double typicalLagSeconds, double minLagSeconds, double maxLagSeconds, List<Step> steps,
                              String condition, String description) {

    public PlantedSequence {
        Objects.requireNonNull(triggerEntity, "triggerEntity");
        Objects.requireNonNull(actionEntity, "actionEntity");
        steps = List.copyOf(steps);
        if (steps.size() < 2) {
            throw new IllegalArgumentException("a sequence needs at least two steps");
        }
    }

    /** One step; lags are from the previous step (0 for the first). */
    public record Step(String entityId, String state, double typicalLagSeconds, double minLagSeconds,
                       double maxLagSeconds) {
    }

    /** Builds a sequence from its steps, filling trigger, action and summed lags. */
    public static PlantedSequence of(List<Step> steps, String condition, String description) {
        double typ = 0;
        double min = 0;
        double max = 0;
        for (int i = 1; i < steps.size(); i++) {
            typ += steps.get(i).typicalLagSeconds();
            min += steps.get(i).minLagSeconds();
            max += steps.get(i).maxLagSeconds();
        }
        Step first = steps.get(0);
        Step last = steps.get(steps.size() - 1);
        return new PlantedSequence(first.entityId(), first.state(), last.entityId(), last.state(), typ, min, max,
                steps, condition, description);
    }
}
