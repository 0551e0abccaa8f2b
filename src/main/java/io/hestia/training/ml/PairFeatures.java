package io.hestia.training.ml;

import java.util.List;

/**
 * An entity pair's input as the synergy scorer's vector: domains and device classes of trigger and action (one-hot),
 * placement, the strongest co-occurrence pattern's figures (log-scaled) and each entity's neighbourhood in the
 * home graph. Fixed order, see {@link #NAMES}; documented in {@code docs/architecture.md} ("ML features").
 */
public final class PairFeatures {

    public static final List<String> TRIGGER_DOMAINS = List.of("binary_sensor", "sensor", "person", "device_tracker",
            "light", "switch", "media_player", "lock", "cover", "climate", "input_boolean");
    public static final List<String> ACTION_DOMAINS = List.of("light", "switch", "climate", "media_player", "lock",
            "cover", "fan", "vacuum", "scene", "valve");
    public static final List<String> TRIGGER_CLASSES = List.of("motion", "door", "window", "occupancy", "presence",
            "temperature", "humidity", "illuminance", "moisture", "power");

    /** Feature names in vector order. */
    public static final List<String> NAMES = Features.names(
            Features.oneHotNames("trigger_domain", TRIGGER_DOMAINS),
            Features.oneHotNames("action_domain", ACTION_DOMAINS),
            Features.oneHotNames("trigger_class", TRIGGER_CLASSES),
            List.of("action_has_class", "same_area", "trigger_has_area", "action_has_area",
                    "observed", "log_support", "confidence", "log_lift", "log_median_lag_seconds",
                    "trigger_log_area_entities", "trigger_log_degree", "trigger_log_mean_lift",
                    "action_log_area_entities", "action_log_degree", "action_log_mean_lift"));

    private PairFeatures() {
    }

    public static float[] of(PairInput p) {
        Features.Cursor c = new Features.Cursor(NAMES.size())
                .oneHot(p.triggerDomain(), TRIGGER_DOMAINS)
                .oneHot(p.actionDomain(), ACTION_DOMAINS)
                .oneHot(p.triggerDeviceClass(), TRIGGER_CLASSES)
                .flag(p.actionDeviceClass() != null)
                .flag(p.sameArea()).flag(p.triggerHasArea()).flag(p.actionHasArea())
                .flag(p.observed())
                .add(Features.log1p(p.support()))
                .add(Features.unit(p.confidence()))
                .add(Features.log1p(p.lift()))
                .add(Features.log1p(p.medianLagSeconds()));
        for (HomeGraph.Neighbourhood n : List.of(p.trigger(), p.action())) {
            c.add(Features.log1p(n.areaEntities())).add(Features.log1p(n.degree())).add(Features.log1p(n.meanLift()));
        }
        return c.done();
    }
}
