package io.hestia.training.ml;

import java.util.ArrayList;
import java.util.List;

/** The suggestion ranker's training set: one example per approve (label "1") or reject ("0"), weight 1. */
public final class RankerData {

    public static final List<String> LABELS = List.of("0", "1");

    private RankerData() {
    }

    public static LabelledData build(List<RankerLabel> labels) {
        List<float[]> x = new ArrayList<>(labels.size());
        List<String> y = new ArrayList<>(labels.size());
        List<Float> w = new ArrayList<>(labels.size());
        for (RankerLabel l : labels) {
            x.add(SuggestionFeatures.of(l.input()));
            y.add(l.approved() ? "1" : "0");
            w.add(1f);
        }
        return new LabelledData(SuggestionFeatures.NAMES, x, y, LABELS, w);
    }
}
