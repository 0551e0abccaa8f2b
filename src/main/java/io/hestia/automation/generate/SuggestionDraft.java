package io.hestia.automation.generate;

import java.util.List;
import java.util.Map;

/**
 * A suggested automation, drafted from a mined pattern, a synergy or a query's draft.
 *
 * @param key         stable key of the behaviour (same triggers and actions give the same key, whatever the source):
 *                    suggestions and HA's automations are de-duplicated on it
 * @param source      {@code pattern}, {@code synergy} or {@code query}
 * @param sourceId    the pattern's, synergy's or query's id
 * @param sourceType  the item's type ({@code time_of_day}, {@code co_occurrence}, {@code device_pair},
 *                    {@code device_chain}, {@code automation})
 * @param entityIds   entities the automation reads or acts on
 * @param title       short title ("Bathroom light on with motion")
 * @param description one or two sentences, the evidence sentence among them
 * @param evidence    the evidence sentence alone, as the pattern service wrote it
 * @param category    {@code energy}, {@code comfort}, {@code security} or {@code convenience}
 * @param priority    {@code high}, {@code medium} or {@code low}
 * @param confidence  0-1
 * @param automation  the automation in HA's modern schema (id, alias, description, triggers, conditions, actions,
 *                    mode), insertion-ordered for readable YAML
 */
public record SuggestionDraft(String key, String source, String sourceId, String sourceType, List<String> entityIds,
                              String title, String description, String evidence, String category, String priority,
                              double confidence, Map<String, Object> automation) {
}
