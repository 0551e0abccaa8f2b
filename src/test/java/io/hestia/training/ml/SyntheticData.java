package io.hestia.training.ml;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Gaussian blobs for the ML core's tests and benchmark: one blob per label, centres {@code separation} apart. */
public final class SyntheticData {

    private SyntheticData() {
    }

    /**
     * @param labels     e.g. ["0", "1"] or ["a", "b", "c"]; label i's blob is centred on feature i (mod width)
     * @param perLabel   examples of each label
     * @param width      features per example
     * @param separation distance of each blob's centre from the origin along its axis (noise has sd 1)
     */
    public static LabelledData blobs(List<String> labels, int perLabel, int width, double separation, long seed) {
        Random random = new Random(seed);
        List<String> names = new ArrayList<>();
        for (int f = 0; f < width; f++) {
            // not in alphabetical order, so the exported graph must reorder Tribuo's (sorted) feature ids
            names.add("f" + (width - f) + "_" + f);
        }
        List<float[]> x = new ArrayList<>();
        List<String> y = new ArrayList<>();
        for (int i = 0; i < perLabel; i++) {
            for (int l = 0; l < labels.size(); l++) {
                float[] row = new float[width];
                for (int f = 0; f < width; f++) {
                    row[f] = (float) random.nextGaussian();
                }
                row[l % width] += (float) separation;
                x.add(row);
                y.add(labels.get(l));
            }
        }
        return new LabelledData(names, x, y, labels, Collections.nCopies(x.size(), 1f));
    }

    /** Some random rows of {@code width} features, for comparing scorers. */
    public static float[][] rows(int count, int width, long seed) {
        Random random = new Random(seed);
        float[][] rows = new float[count][width];
        for (float[] row : rows) {
            for (int f = 0; f < width; f++) {
                row[f] = (float) (random.nextGaussian() * 2);
            }
        }
        return rows;
    }
}
