package io.hestia.automation.validate;

import java.util.Map;
import java.util.Set;

/**
 * What the validator knows about the home an automation is meant for: the registries' ids and HA's service list.
 * {@link #none()} switches the home checks off (structure and safety only).
 *
 * @param entityIds       every entity id of the home
 * @param areaIds         area ids
 * @param floorIds        floor ids
 * @param deviceIds       device ids
 * @param labelIds        label ids (empty when the home has none)
 * @param services        domain to its service names, as HA's {@code GET /api/services} lists them; null when unknown
 *                        (services are then not checked)
 * @param temperatureUnit HA's {@code unit_system.temperature} ({@code °C} or {@code °F}); null when unknown (°C)
 */
public record HomeContext(Set<String> entityIds, Set<String> areaIds, Set<String> floorIds, Set<String> deviceIds,
                          Set<String> labelIds, Map<String, Set<String>> services, String temperatureUnit) {

    private static final HomeContext NONE = new HomeContext(null, null, null, null, null, null, null);

    /** No home: the home checks are off. */
    public static HomeContext none() {
        return NONE;
    }

    /** Whether references are checked against this home. */
    public boolean known() {
        return entityIds != null;
    }

    /** Whether the home's temperatures are in Fahrenheit. */
    public boolean fahrenheit() {
        return temperatureUnit != null && temperatureUnit.toUpperCase(java.util.Locale.ROOT).contains("F");
    }
}
