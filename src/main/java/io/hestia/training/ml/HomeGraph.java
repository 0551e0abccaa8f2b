package io.hestia.training.ml;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.hestia.pattern.mining.EntityInfo;
import io.hestia.pattern.mining.HomeModel;
import io.hestia.pattern.mining.MinedPattern;

/**
 * What the synergy scorer knows of a home beyond one pair: its entities (domain, device class, area) and the
 * directed co-occurrence patterns the pattern service found (the home graph: entities are nodes, patterns edges).
 * Training builds it from the real {@code CoOccurrenceDetector}'s output over a synthetic home; the service builds
 * it from the entity registry and the stored {@code co_occurrence} patterns, so both see the same figures.
 */
public final class HomeGraph {

    /** Patterns of this many occurrences give full evidence weight (SynergyDetector's evidenceFullSupport). */
    public static final int EVIDENCE_FULL_SUPPORT = 10;

    /**
     * One directed co-occurrence pattern: {@code trigger} changing state is followed by {@code action}.
     *
     * @param id               the pattern's id (ties between patterns of one pair go to the smaller id)
     * @param support          occurrences (the pattern's support count)
     * @param confidence       P(action | trigger)
     * @param lift             against chance
     * @param medianLagSeconds median lag from trigger to action
     */
    public record Edge(String id, String trigger, String action, int support, double confidence, double lift,
                       double medianLagSeconds) {
    }

    /**
     * An entity's neighbourhood.
     *
     * @param areaEntities entities in its area (0 without area)
     * @param degree       distinct entities it shares a co-occurrence pattern with, either direction
     * @param meanLift     mean lift of the patterns it is in (0 when none)
     */
    public record Neighbourhood(int areaEntities, int degree, double meanLift) {
        public static final Neighbourhood NONE = new Neighbourhood(0, 0, 0);
    }

    private final Map<String, EntityInfo> entities = new HashMap<>();
    private final Map<String, Integer> perArea = new HashMap<>();
    private final Map<String, Edge> best = new HashMap<>();
    private final Map<String, Set<String>> partners = new HashMap<>();
    private final Map<String, double[]> liftSums = new HashMap<>();

    public HomeGraph(List<EntityInfo> entities, List<Edge> edges) {
        for (EntityInfo e : entities) {
            this.entities.put(e.entityId(), e);
            if (e.areaId() != null) {
                perArea.merge(e.areaId(), 1, Integer::sum);
            }
        }
        for (Edge e : edges) {
            String key = HomeModel.pairKey(e.trigger(), e.action());
            Edge prev = best.get(key);
            double ev = evidence(e);
            if (prev == null || ev > evidence(prev) || ev == evidence(prev) && e.id().compareTo(prev.id()) < 0) {
                best.put(key, e);
            }
            partners.computeIfAbsent(e.trigger(), k -> new HashSet<>()).add(e.action());
            partners.computeIfAbsent(e.action(), k -> new HashSet<>()).add(e.trigger());
            for (String id : List.of(e.trigger(), e.action())) {
                double[] s = liftSums.computeIfAbsent(id, k -> new double[2]);
                s[0] += e.lift();
                s[1]++;
            }
        }
    }

    /** The graph of a miners' home model and the co-occurrence patterns mined from it (other types ignored). */
    public static HomeGraph of(HomeModel model, List<MinedPattern> patterns) {
        return new HomeGraph(model.entities(), edges(patterns));
    }

    /** The co-occurrence patterns among {@code patterns} as edges. */
    public static List<Edge> edges(List<MinedPattern> patterns) {
        List<Edge> out = new ArrayList<>();
        for (MinedPattern p : patterns) {
            if (MinedPattern.CO_OCCURRENCE.equals(p.type()) && p.entityIds().size() == 2) {
                out.add(new Edge(p.id(), p.entityIds().get(0), p.entityIds().get(1), p.support(), p.confidence(),
                        number(p.details().get("lift")), number(p.details().get("median_lag_seconds"))));
            }
        }
        return out;
    }

    /**
     * The pattern service's evidence of a pattern, {@code P(B|A) * (1 - 1/lift) * min(1, support / 10)} (0 at or
     * below chance): SynergyDetector picks a pair's strongest pattern by it, and so does {@link #observed}.
     */
    public static double evidence(Edge e) {
        double seen = Math.min(1.0, e.support() / (double) EVIDENCE_FULL_SUPPORT);
        return e.lift() <= 1 ? 0 : Math.max(0, Math.min(1, e.confidence())) * (1 - 1 / e.lift()) * seen;
    }

    public static double number(Object o) {
        return o instanceof Number n ? n.doubleValue() : 0;
    }

    /** The entity, or one known only by its id (domain from the id, no class, no area). */
    public EntityInfo entity(String entityId) {
        EntityInfo e = entities.get(entityId);
        if (e != null) {
            return e;
        }
        int dot = entityId.indexOf('.');
        return new EntityInfo(-1, entityId, dot > 0 ? entityId.substring(0, dot) : entityId, null, null, null);
    }

    public Neighbourhood neighbourhood(String entityId) {
        EntityInfo e = entities.get(entityId);
        int area = e == null || e.areaId() == null ? 0 : perArea.getOrDefault(e.areaId(), 0);
        double[] lifts = liftSums.get(entityId);
        return new Neighbourhood(area, partners.getOrDefault(entityId, Set.of()).size(),
                lifts == null ? 0 : lifts[0] / lifts[1]);
    }

    /** The strongest pattern from {@code trigger} to {@code action}, or null when none was mined. */
    public Edge observed(String trigger, String action) {
        return best.get(HomeModel.pairKey(trigger, action));
    }

    /** The pair's input with the strongest pattern's figures (or none). */
    public PairInput pair(String trigger, String action) {
        Edge e = observed(trigger, action);
        return e == null ? pair(trigger, action, false, 0, 0, 0, 0)
                : pair(trigger, action, true, e.support(), e.confidence(), e.lift(), e.medianLagSeconds());
    }

    /** The pair's input with figures the caller read (e.g. from a synergy item's details). */
    PairInput pair(String trigger, String action, boolean observed, int support, double confidence, double lift,
                   double lag) {
        EntityInfo t = entity(trigger);
        EntityInfo a = entity(action);
        boolean sameArea = t.areaId() != null && Objects.equals(t.areaId(), a.areaId());
        return new PairInput(trigger, action, t.domain(), t.deviceClass(), a.domain(), a.deviceClass(), sameArea,
                t.areaId() != null, a.areaId() != null, observed, support, confidence, lift, lag,
                neighbourhood(trigger), neighbourhood(action));
    }
}
