package io.hestia.training.synthetic;

import java.util.Objects;

import io.hestia.ha.home.Home;

/** A generated home (registries and event history) and what was planted in it. */
public record SyntheticHome(Home home, GroundTruth truth) {
    public SyntheticHome {
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(truth, "truth");
    }
}
