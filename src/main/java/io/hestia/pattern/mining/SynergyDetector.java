package io.hestia.pattern.mining;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Device pairs and chains that would make good automations: the original's rule table (section 7.4) applied to the
 * entities present, scored from area knowledge and raised by observed directed co-occurrence, without the
 * original's defects: chains are joined on the TRIGGER entity (defect 1), ids are stable (2), pairs the home already
 * automates are left out (9), cross-area pairs need an explicit flag (10), boosts multiply (11), and evidence is
 * directed (12).
 *
 * <p><b>Candidates.</b> An ordered pair (trigger, action) of distinct, non-noise entities that matches a rule and
 * is not already automated ({@link HomeModel#automated}). Allowed when both have the same area; when the trigger is a
 * whole-home actor ({@code person}, {@code device_tracker}) without an area ({@link Params#wholeHomeActors}); or,
 * only with {@link Params#allowCrossArea}, any other pair.
 *
 * <p><b>Pair score.</b> {@code evidence = P(B|A) * (1 - 1/lift) * min(1, support / evidenceFullSupport)} of the
 * strongest matching directed co-occurrence pattern (0 when none, or lift ≤ 1): how often B follows A, how far above
 * chance, and how many times it was seen. {@code confidence = 1 - (1 - base) * (1 - evidence)} (a noisy-or: evidence
 * only raises the area-based prior, never past 1), with {@code base} by placement: same area, whole-home actor, or
 * cross-area. {@code impact = min(1, benefit * (1 - penalty) * (1 + observedBoost * evidence))}, penalty low 0,
 * medium 0.1, high 0.3: every boost is a factor, never a summand. Kept when {@code confidence >= minConfidence}.
 *
 * <p><b>Chains.</b> A→B joined with B→C where both pairs were kept, B is an actionable-domain entity (something an
 * automation can act on, whose own state change then triggers the next rule: a light that starts the TV, a TV that
 * dims a light, a lock that lights the entrance), and no entity appears twice. Depth 4 extends a 3-chain by C→D
 * under the same rule. {@code confidence = product} of the step confidences: the chain only works if every step
 * does, and a minimum would rate a 4-step chain as sure as its weakest single step. {@code impact = mean} of the
 * step impacts times {@code (1 - depthPenalty * (depth - 2))}, as a longer automation is harder to get right.
 * Complexity is the highest of the steps. Bounded: at most {@code maxChainCandidates} joins are looked at, pairs
 * and chains in score order, then the best {@code maxChains3} and {@code maxChains4} kept (ties by id).
 */
public final class SynergyDetector {

    /**
     * @param minConfidence             keep a pair at or above this confidence (default 0.5)
     * @param baseConfidenceSameArea    prior for two entities of one area (default 0.6)
     * @param baseConfidenceWholeHome   prior for a person/device tracker without area and any action (default 0.4:
     *                                  needs some observed co-occurrence to pass 0.5)
     * @param baseConfidenceCrossArea   prior for other cross-area pairs, only with allowCrossArea (default 0.3)
     * @param allowCrossArea            allow pairs across areas or without area (default false)
     * @param wholeHomeActors           allow person/device_tracker without area as triggers for any area (default
     *                                  true)
     * @param observedBoost             impact factor per unit of evidence: {@code 1 + observedBoost * evidence}
     *                                  (default 0.2)
     * @param maxPairs                  most pairs reported (default 500)
     * @param minChainConfidence        keep a chain at or above this confidence (default 0.2)
     * @param chainDepthPenalty         impact factor {@code 1 - penalty * (depth - 2)} (default 0.1)
     * @param maxChains3                most 3-chains reported (default 100)
     * @param maxChains4                most 4-chains reported (default 50)
     * @param maxChainCandidates        most joins examined per depth (default 10000)
     * @param evidenceFullSupport       observed occurrences for full evidence weight; fewer scale it down (default
     *                                  10)
     */
    public record Params(double minConfidence, double baseConfidenceSameArea, double baseConfidenceWholeHome,
                         double baseConfidenceCrossArea, boolean allowCrossArea, boolean wholeHomeActors,
                         double observedBoost, int maxPairs, double minChainConfidence, double chainDepthPenalty,
                         int maxChains3, int maxChains4, int maxChainCandidates, int evidenceFullSupport) {

        public static Params defaults() {
            return new Params(0.5, 0.6, 0.4, 0.3, false, true, 0.2, 500, 0.2, 0.1, 100, 50, 10_000, 10);
        }

        public Params withAllowCrossArea(boolean v) {
            return new Params(minConfidence, baseConfidenceSameArea, baseConfidenceWholeHome, baseConfidenceCrossArea,
                    v, wholeHomeActors, observedBoost, maxPairs, minChainConfidence, chainDepthPenalty, maxChains3,
                    maxChains4, maxChainCandidates, evidenceFullSupport);
        }

        public Params withMaxChains(int three, int four) {
            return new Params(minConfidence, baseConfidenceSameArea, baseConfidenceWholeHome, baseConfidenceCrossArea,
                    allowCrossArea, wholeHomeActors, observedBoost, maxPairs, minChainConfidence, chainDepthPenalty,
                    three, four, maxChainCandidates, evidenceFullSupport);
        }
    }

    /**
     * One pair rule.
     *
     * @param trigger    a device class ({@code motion}, {@code door}, ...) of a binary sensor or sensor, or a domain
     *                   ({@code light}, {@code person}, ...)
     * @param action     the action entity's domain
     * @param benefit    0..1
     * @param complexity low, medium or high
     * @param why        what the automation does
     */
    public record Rule(String trigger, String action, double benefit, String complexity, String why) {
        public String name() {
            return trigger + "->" + action;
        }
    }

    /** The original's 15 rules, then Hestia's additions (each with what it is for). */
    public static final List<Rule> RULES = List.of(
            new Rule("motion", "light", 0.7, "low", "light on when someone moves in the room"),
            new Rule("door", "light", 0.6, "low", "light on when the door opens"),
            new Rule("door", "lock", 1.0, "medium", "lock after the door closes"),
            new Rule("temperature", "climate", 0.5, "medium", "heat or cool on the room's temperature"),
            new Rule("occupancy", "light", 0.7, "low", "light follows occupancy"),
            new Rule("motion", "climate", 0.6, "medium", "comfort temperature while the room is used"),
            new Rule("light", "media_player", 0.5, "low", "media follows the room's light"),
            new Rule("temperature", "fan", 0.6, "medium", "fan on when it is warm"),
            new Rule("window", "climate", 0.8, "medium", "stop heating while the window is open"),
            new Rule("humidity", "fan", 0.6, "medium", "extract fan on high humidity"),
            new Rule("device_tracker", "light", 0.7, "low", "lights on arrival"),
            new Rule("device_tracker", "climate", 0.6, "medium", "comfort temperature on arrival, eco when away"),
            new Rule("light", "switch", 0.5, "low", "a plug follows the room's light"),
            new Rule("door", "notify", 0.8, "low", "tell someone the door opened"),
            new Rule("motion", "switch", 0.6, "low", "a plug follows motion"),
            // Hestia's additions
            new Rule("presence", "light", 0.7, "low", "light follows presence (mmWave presence sensors)"),
            new Rule("person", "light", 0.7, "low", "lights on arrival (person aggregates the trackers)"),
            new Rule("person", "climate", 0.6, "medium", "comfort temperature on arrival, eco when away"),
            new Rule("illuminance", "light", 0.6, "medium", "light on when the room gets dark (needs a threshold)"),
            new Rule("window", "fan", 0.5, "low", "ventilation off while the window is open"),
            new Rule("moisture", "valve", 1.0, "medium", "close the water valve on a leak"),
            new Rule("moisture", "switch", 0.9, "medium", "cut the pump or valve switch on a leak"),
            new Rule("media_player", "light", 0.5, "low", "dim the lights when the TV plays"),
            new Rule("lock", "light", 0.6, "low", "entrance light when the door is unlocked"));

    private static final Set<String> DEVICE_CLASS_TRIGGERS = Set.of("motion", "door", "temperature", "occupancy",
            "window", "humidity", "presence", "illuminance", "moisture");
    private static final Set<String> SENSOR_DOMAINS = Set.of("binary_sensor", "sensor");
    private static final Set<String> WHOLE_HOME = Set.of("person", "device_tracker");

    private SynergyDetector() {
    }

    /** True when {@code e} is the rule's trigger kind. A missing device class falls back to the object id. */
    static boolean matchesTrigger(Rule rule, EntityInfo e) {
        if (!DEVICE_CLASS_TRIGGERS.contains(rule.trigger())) {
            return e.domain().equals(rule.trigger());
        }
        if (!SENSOR_DOMAINS.contains(e.domain())) {
            return false;
        }
        if (e.deviceClass() != null) {
            return e.deviceClass().equals(rule.trigger());
        }
        return e.entityId().substring(e.entityId().indexOf('.') + 1).contains(rule.trigger());
    }

    private static double penalty(String complexity) {
        return switch (complexity) {
            case "low" -> 0.0;
            case "medium" -> 0.1;
            default -> 0.3;
        };
    }

    private static int complexityRank(String c) {
        return switch (c) {
            case "low" -> 0;
            case "medium" -> 1;
            default -> 2;
        };
    }

    /** A kept pair, with what the chains need. */
    private record Pair(EntityInfo trigger, EntityInfo action, Rule rule, double impact, double confidence,
                        MinedPattern evidence, List<String> patternIds, MinedSynergy synergy) {
        double score() {
            return impact * confidence;
        }
    }

    public static List<MinedSynergy> detect(HomeModel home, List<MinedPattern> coOccurrences, Params params) {
        Map<String, List<MinedPattern>> byPair = new HashMap<>();
        for (MinedPattern p : coOccurrences) {
            if (MinedPattern.CO_OCCURRENCE.equals(p.type()) && p.entityIds().size() == 2) {
                byPair.computeIfAbsent(HomeModel.pairKey(p.entityIds().get(0), p.entityIds().get(1)),
                        k -> new ArrayList<>()).add(p);
            }
        }
        Map<String, List<EntityInfo>> byDomain = new LinkedHashMap<>();
        for (EntityInfo e : home.entities()) {
            if (!CoOccurrenceDetector.noise(e.entityId(), e.domain())) {
                byDomain.computeIfAbsent(e.domain(), k -> new ArrayList<>()).add(e);
            }
        }
        List<Pair> pairs = new ArrayList<>();
        for (EntityInfo t : home.entities()) {
            if (CoOccurrenceDetector.noise(t.entityId(), t.domain())) {
                continue;
            }
            Map<String, Rule> bestRulePerAction = new LinkedHashMap<>();
            for (Rule rule : RULES) {
                if (!matchesTrigger(rule, t)) {
                    continue;
                }
                for (EntityInfo a : byDomain.getOrDefault(rule.action(), List.of())) {
                    Rule prev = bestRulePerAction.get(a.entityId());
                    if (prev == null || rule.benefit() > prev.benefit()) {
                        bestRulePerAction.put(a.entityId(), rule);
                    }
                }
            }
            for (Map.Entry<String, Rule> m : bestRulePerAction.entrySet()) {
                EntityInfo a = home.entity(home.find(m.getKey()));
                Pair p = pair(home, t, a, m.getValue(), byPair, params);
                if (p != null) {
                    pairs.add(p);
                }
            }
        }
        Comparator<Pair> order = Comparator.comparingDouble(Pair::score).reversed()
                .thenComparing(p -> p.synergy().id());
        pairs.sort(order);

        List<MinedSynergy> out = new ArrayList<>();
        for (int i = 0; i < Math.min(pairs.size(), params.maxPairs()); i++) {
            out.add(pairs.get(i).synergy());
        }
        out.addAll(chains(pairs, params));
        return out;
    }

    private static Pair pair(HomeModel home, EntityInfo t, EntityInfo a, Rule rule,
                             Map<String, List<MinedPattern>> byPair, Params params) {
        if (t.index() == a.index() || home.automated(t.entityId(), a.entityId())) {
            return null;
        }
        double base;
        String placement;
        if (t.areaId() != null && t.areaId().equals(a.areaId())) {
            base = params.baseConfidenceSameArea();
            placement = "same_area";
        } else if (params.wholeHomeActors() && t.areaId() == null && WHOLE_HOME.contains(t.domain())) {
            base = params.baseConfidenceWholeHome();
            placement = "whole_home";
        } else if (params.allowCrossArea()) {
            base = params.baseConfidenceCrossArea();
            placement = "cross_area";
        } else {
            return null;
        }
        List<MinedPattern> patterns = byPair.getOrDefault(HomeModel.pairKey(t.entityId(), a.entityId()), List.of());
        MinedPattern best = null;
        double evidence = 0;
        for (MinedPattern p : patterns) {
            double e = evidence(p, params.evidenceFullSupport());
            if (best == null || e > evidence || e == evidence && p.id().compareTo(best.id()) < 0) {
                best = p;
                evidence = e;
            }
        }
        double confidence = 1 - (1 - base) * (1 - evidence);
        if (confidence < params.minConfidence()) {
            return null;
        }
        double impact = Math.min(1.0, rule.benefit() * (1 - penalty(rule.complexity()))
                * (1 + params.observedBoost() * evidence));
        List<String> ids = patterns.stream().map(MinedPattern::id).sorted().toList();
        String area = Objects.equals(t.areaId(), a.areaId()) ? t.areaId() : null;

        Map<String, Object> d = new LinkedHashMap<>();
        d.put("benefit", rule.benefit());
        d.put("complexity_penalty", penalty(rule.complexity()));
        d.put("placement", placement);
        d.put("base_confidence", base);
        d.put("evidence", CoOccurrenceDetector.round(evidence, 4));
        d.put("rule_purpose", rule.why());
        String observed;
        if (best != null) {
            d.put("observed_states", best.state());
            d.put("observed_support", best.support());
            d.put("observed_confidence", best.confidence());
            d.put("lift", best.details().get("lift"));
            d.put("median_lag_seconds", best.details().get("median_lag_seconds"));
            observed = String.format(Locale.ROOT, "observed: %s %d times after %s (%.0f%% of the time, median lag %s,"
                            + " %s× chance)", a.name(), best.support(), t.name(), 100 * best.confidence(),
                    CoOccurrenceDetector.lag(((Number) best.details().get("median_lag_seconds")).doubleValue()),
                    best.details().get("lift"));
        } else {
            observed = "not observed together yet";
        }
        String where = switch (placement) {
            case "same_area" -> "both in " + t.areaId();
            case "whole_home" -> "a whole-home trigger";
            default -> "in different areas";
        };
        String text = String.format(Locale.ROOT, "%s could drive %s (%s; rule %s: %s, benefit %.1f, %s complexity;"
                        + " %s).", CoOccurrenceDetector.capitalise(t.name()), a.name(), where, rule.name(), rule.why(),
                rule.benefit(), rule.complexity(), observed);
        String id = StableIds.of("syn", MinedSynergy.PAIR, t.entityId(), a.entityId());
        MinedSynergy s = new MinedSynergy(id, MinedSynergy.PAIR, List.of(t.entityId(), a.entityId()), 2, area,
                CoOccurrenceDetector.round(impact, 4), CoOccurrenceDetector.round(confidence, 4), rule.complexity(),
                rule.name(), d, ids, best == null ? List.of() : best.samples(), text);
        return new Pair(t, a, rule, impact, confidence, best, ids, s);
    }

    /** {@code P(B|A) * (1 - 1/lift) * min(1, support / fullSupport)}: 0 at chance level. */
    static double evidence(MinedPattern p, int fullSupport) {
        Object l = p.details().get("lift");
        double lift = l instanceof Number n ? n.doubleValue() : 1.0;
        double seen = Math.min(1.0, p.support() / (double) Math.max(1, fullSupport));
        return lift <= 1 ? 0 : Math.max(0, Math.min(1, p.confidence())) * (1 - 1 / lift) * seen;
    }

    // ------------------------------------------------------------------------------------ chains

    private static List<MinedSynergy> chains(List<Pair> pairs, Params params) {
        Map<String, List<Pair>> byTrigger = new HashMap<>();
        for (Pair p : pairs) {                              // in score order, so each list is too
            byTrigger.computeIfAbsent(p.trigger().entityId(), k -> new ArrayList<>()).add(p);
        }
        List<List<Pair>> three = new ArrayList<>();
        int examined = 0;
        outer:
        for (Pair ab : pairs) {
            if (!CoOccurrenceDetector.ACTIONABLE.contains(ab.action().domain())) {
                continue;
            }
            for (Pair bc : byTrigger.getOrDefault(ab.action().entityId(), List.of())) {
                if (++examined > params.maxChainCandidates()) {
                    break outer;
                }
                if (!bc.action().entityId().equals(ab.trigger().entityId())) {
                    three.add(List.of(ab, bc));
                }
            }
        }
        List<List<Pair>> four = new ArrayList<>();
        examined = 0;
        outer:
        for (List<Pair> chain : three) {
            Pair bc = chain.get(1);
            if (!CoOccurrenceDetector.ACTIONABLE.contains(bc.action().domain())) {
                continue;
            }
            for (Pair cd : byTrigger.getOrDefault(bc.action().entityId(), List.of())) {
                if (++examined > params.maxChainCandidates()) {
                    break outer;
                }
                String d = cd.action().entityId();
                if (!d.equals(chain.get(0).trigger().entityId()) && !d.equals(bc.trigger().entityId())) {
                    four.add(List.of(chain.get(0), bc, cd));
                }
            }
        }
        List<MinedSynergy> out = new ArrayList<>();
        out.addAll(best(three, params, params.maxChains3()));
        out.addAll(best(four, params, params.maxChains4()));
        return out;
    }

    private static List<MinedSynergy> best(List<List<Pair>> chains, Params params, int max) {
        List<MinedSynergy> all = new ArrayList<>();
        for (List<Pair> c : chains) {
            MinedSynergy s = chain(c, params);
            if (s.confidence() >= params.minChainConfidence()) {
                all.add(s);
            }
        }
        all.sort(Comparator.comparingDouble((MinedSynergy s) -> s.impact() * s.confidence()).reversed()
                .thenComparing(MinedSynergy::id));
        return all.size() > max ? List.copyOf(all.subList(0, max)) : all;
    }

    private static MinedSynergy chain(List<Pair> steps, Params params) {
        List<String> entities = new ArrayList<>();
        entities.add(steps.get(0).trigger().entityId());
        List<String> names = new ArrayList<>();
        names.add(steps.get(0).trigger().name());
        double confidence = 1;
        double impactSum = 0;
        String complexity = "low";
        List<String> rules = new ArrayList<>();
        Set<String> patternIds = new LinkedHashSet<>();
        List<Double> stepConfidences = new ArrayList<>();
        List<Double> stepImpacts = new ArrayList<>();
        int observed = 0;
        String area = steps.get(0).trigger().areaId();
        for (Pair p : steps) {
            entities.add(p.action().entityId());
            names.add(p.action().name());
            confidence *= p.confidence();
            impactSum += p.impact();
            if (complexityRank(p.rule().complexity()) > complexityRank(complexity)) {
                complexity = p.rule().complexity();
            }
            rules.add(p.rule().name());
            patternIds.addAll(p.patternIds());
            stepConfidences.add(CoOccurrenceDetector.round(p.confidence(), 4));
            stepImpacts.add(CoOccurrenceDetector.round(p.impact(), 4));
            observed += p.evidence() != null ? 1 : 0;
            if (!Objects.equals(area, p.action().areaId())) {
                area = null;
            }
        }
        int depth = entities.size();
        if (Set.copyOf(entities).size() != depth) {
            throw new IllegalStateException("entity twice in chain " + entities);
        }
        double impact = impactSum / steps.size() * Math.max(0, 1 - params.chainDepthPenalty() * (depth - 2));
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("step_confidences", stepConfidences);
        d.put("step_impacts", stepImpacts);
        d.put("steps_observed", observed);
        d.put("confidence_rule", "product");
        d.put("impact_rule", "mean * (1 - depth_penalty * (depth - 2))");
        String rule = String.join(", ", rules);
        String text = String.format(Locale.ROOT, "Chain %s (rules %s): each step is a known automation rule and %d of"
                + " %d steps were observed in this home.", String.join(" → ", names), rule, observed, steps.size());
        String id = StableIds.of("syn", withType(MinedSynergy.CHAIN, entities));
        MinedPattern first = steps.get(0).evidence();
        return new MinedSynergy(id, MinedSynergy.CHAIN, entities, depth, area, CoOccurrenceDetector.round(impact, 4),
                CoOccurrenceDetector.round(confidence, 4), complexity, rule, d, List.copyOf(patternIds),
                first == null ? List.of() : first.samples(), text);
    }

    private static String[] withType(String type, List<String> entities) {
        String[] parts = new String[entities.size() + 1];
        parts[0] = type;
        for (int i = 0; i < entities.size(); i++) {
            parts[i + 1] = entities.get(i);
        }
        return parts;
    }
}
