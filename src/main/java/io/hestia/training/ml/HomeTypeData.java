package io.hestia.training.ml;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

import io.hestia.training.synthetic.HomeType;
import io.hestia.training.synthetic.SyntheticHome;
import io.hestia.training.synthetic.SyntheticHomeGenerator;
import io.hestia.training.synthetic.SyntheticSpec;

/**
 * The home type classifier's training set: synthetic homes of many seeds, types drawn with the original's
 * distribution ({@link HomeType#draw}), sizes with its size distribution, {@link #DAYS} days of history each.
 */
public final class HomeTypeData {

    /**
     * Days of history per home: the fewest that still give every activity feature a full day and night (1 day would
     * make the night fraction depend on the start hour; 2 days cost about 20 ms per home, 1,000 homes about 20 s).
     */
    public static final int DAYS = 2;

    private HomeTypeData() {
    }

    /** Home type ids in {@link HomeType} order: the classifier's labels. */
    public static List<String> labels() {
        List<String> out = new ArrayList<>();
        for (HomeType t : HomeType.values()) {
            out.add(t.id());
        }
        return out;
    }

    /**
     * @param homes    how many homes (each one example)
     * @param seed     the same seed gives the same data set
     * @param progress called with the number of homes done after each home (may be null)
     */
    public static LabelledData build(int homes, long seed, IntConsumer progress) {
        SplittableRandom random = new SplittableRandom(seed);
        List<float[]> x = new ArrayList<>(homes);
        List<String> y = new ArrayList<>(homes);
        List<Float> w = new ArrayList<>(homes);
        for (int i = 0; i < homes; i++) {
            HomeType type = HomeType.draw(random);
            SyntheticSpec spec = SyntheticSpec.of(random.nextLong()).withType(type).withDays(DAYS);
            SyntheticHome home = SyntheticHomeGenerator.generate(spec);
            x.add(HomeFeatures.of(HomeSummary.of(home.home(), DAYS)));
            y.add(type.id());
            w.add(1f);
            if (progress != null) {
                progress.accept(i + 1);
            }
        }
        return new LabelledData(HomeFeatures.NAMES, x, y, labels(), w);
    }
}
