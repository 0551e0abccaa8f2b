package io.hestia.training.ml;

import java.util.List;

import io.hestia.training.synthetic.HomeType;

/**
 * The home type when no classifier is trained: rules on the floor registry and area names, first match wins.
 * <ol>
 * <li>4 or more floors: {@code multi_story} (0.8);</li>
 * <li>2 floors: {@code cottage} (0.7);</li>
 * <li>3 floors: {@code single_family} when one is below ground, else {@code townhouse} (0.7);</li>
 * <li>no or one floor (a flat, or floors not configured, so lower confidence): a garage area: {@code ranch} (0.5);
 * an area named like a studio (main room, kitchenette, sleeping nook, studio): {@code studio} (0.6); a dining
 * area: {@code condo} (0.5); 4 areas or fewer: {@code studio} (0.4); else {@code apartment} (0.4).</li>
 * </ol>
 * Confidences are fixed per rule: how sure the rule is on the synthetic homes, not a calibrated probability.
 */
public final class HomeTypeHeuristic {

    private static final List<String> STUDIO_WORDS = List.of("main room", "kitchenette", "nook", "studio");

    /**
     * @param type       home type id ({@link HomeType#id()})
     * @param confidence 0..1, fixed per rule
     * @param rule       the rule that matched, e.g. {@code floors>=4}
     */
    public record Result(String type, double confidence, String rule) {
    }

    private HomeTypeHeuristic() {
    }

    public static Result classify(HomeSummary s) {
        if (s.floors() >= 4) {
            return new Result(HomeType.MULTI_STORY.id(), 0.8, "floors>=4");
        }
        if (s.floors() == 2) {
            return new Result(HomeType.COTTAGE.id(), 0.7, "floors=2");
        }
        if (s.floors() == 3) {
            return s.floorsBelowGround() > 0 ? new Result(HomeType.SINGLE_FAMILY.id(), 0.7, "floors=3,basement")
                    : new Result(HomeType.TOWNHOUSE.id(), 0.7, "floors=3,no_basement");
        }
        List<String> areas = s.areaNames();
        if (HomeFeatures.countKind(areas, HomeFeatures.AREA_KINDS.get("garage")) > 0) {
            return new Result(HomeType.RANCH.id(), 0.5, "flat,garage");
        }
        if (HomeFeatures.countKind(areas, STUDIO_WORDS) > 0) {
            return new Result(HomeType.STUDIO.id(), 0.6, "flat,studio_rooms");
        }
        if (HomeFeatures.countKind(areas, HomeFeatures.AREA_KINDS.get("dining")) > 0) {
            return new Result(HomeType.CONDO.id(), 0.5, "flat,dining");
        }
        return areas.size() <= 4 ? new Result(HomeType.STUDIO.id(), 0.4, "flat,areas<=4")
                : new Result(HomeType.APARTMENT.id(), 0.4, "flat");
    }
}
