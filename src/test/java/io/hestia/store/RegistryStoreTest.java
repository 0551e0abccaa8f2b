package io.hestia.store;

import io.hestia.ha.home.Home;
import io.hestia.store.RegistryStore.EntityRow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegistryStoreTest {

    @TempDir
    Path dir;

    private Database db;
    private RegistryStore store;

    private final List<Home.Floor> floors = List.of(
            new Home.Floor("upstairs", "Upstairs", List.of("First floor", "Oben"), 1),
            new Home.Floor("ground", "Ground", List.of(), 0),
            new Home.Floor("attic", null, null, null));
    private final List<Home.Area> areas = List.of(
            new Home.Area("kitchen", "Kitchen", List.of("Küche"), "ground"),
            new Home.Area("bedroom", "Bedroom", List.of(), "upstairs"),
            new Home.Area("garden", "Garden", null, null));
    private final List<Home.Device> devices = List.of(
            new Home.Device("dev-hue", "Hue bulb", "bedroom", "Signify", "LCT015"),
            new Home.Device("dev-nowhere", "Loose sensor", null, "Acme", "X1"));

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("registry.db").toString(), 2, 5000);
        store = new RegistryStore(db.dataSource());
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static Home.Entity entity(String id, String name, List<String> aliases, String area, String device) {
        return new Home.Entity(id, name, aliases, area, device, null, "on", Map.of("friendly_name", name == null
                ? id : name));
    }

    @Test
    void replaceStoresAllRegistriesAndCountsThem() throws SQLException {
        List<Home.Entity> entities = List.of(
                entity("light.kitchen", "Kitchen light", List.of("Ceiling"), "kitchen", null),
                new Home.Entity("sensor.bedroom_temp", "Bedroom temperature", null, null, "dev-hue", "temperature",
                        "21.5", Map.of("unit_of_measurement", "°C")));
        RegistryStore.Counts counts = store.replace(floors, areas, devices, entities);
        assertThat(counts).isEqualTo(new RegistryStore.Counts(3, 3, 2, 2));

        assertThat(store.floors()).containsExactly(
                // ORDER BY level, name: SQLite sorts NULL first
                new RegistryStore.FloorRow("attic", "attic", List.of(), null),
                new RegistryStore.FloorRow("ground", "Ground", List.of(), 0),
                new RegistryStore.FloorRow("upstairs", "Upstairs", List.of("First floor", "Oben"), 1));
        assertThat(store.areas()).containsExactly(
                new RegistryStore.AreaRow("bedroom", "Bedroom", List.of(), "upstairs"),
                new RegistryStore.AreaRow("garden", "Garden", List.of(), null),
                new RegistryStore.AreaRow("kitchen", "Kitchen", List.of("Küche"), "ground"));
        assertThat(store.entityCount()).isEqualTo(2);
        assertThat(store.entities(null, null, null, 100)).containsExactly(
                new EntityRow("light.kitchen", "Kitchen light", List.of("Ceiling"), "light", null, "kitchen",
                        "ground", null, "on"),
                new EntityRow("sensor.bedroom_temp", "Bedroom temperature", List.of(), "sensor", "temperature",
                        "bedroom", "upstairs", "dev-hue", "21.5"));

        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT device_id, name, area_id, manufacturer, model FROM devices "
                     + "ORDER BY device_id")) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4)
                        + "|" + rs.getString(5));
            }
            assertThat(rows).containsExactly("dev-hue|Hue bulb|bedroom|Signify|LCT015",
                    "dev-nowhere|Loose sensor|null|Acme|X1");
        }
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT attributes FROM entities WHERE entity_id = 'sensor.bedroom_temp'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("{\"unit_of_measurement\":\"°C\"}");
        }
    }

    @Test
    void entityAreaComesFromItsDeviceWhenItHasNoneAndFloorFromTheArea() {
        store.replace(floors, areas, devices, List.of(
                // own area wins over the device's
                entity("light.own_area", "Own", null, "kitchen", "dev-hue"),
                // no area: the device's area, and that area's floor
                entity("light.device_area", "From device", null, null, "dev-hue"),
                // device without an area: nothing
                entity("sensor.loose", "Loose", null, null, "dev-nowhere"),
                // unknown device: nothing
                entity("sensor.unknown_device", "Unknown", null, null, "dev-gone"),
                // an area without a floor
                entity("switch.garden", "Garden pump", null, "garden", null),
                // an area that is not in the registry
                entity("switch.shed", "Shed", null, "shed", null),
                // nothing at all
                entity("sun.sun", "Sun", null, null, null)));

        assertThat(store.entities(null, null, null, 100))
                .extracting(EntityRow::entityId, EntityRow::areaId, EntityRow::floorId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("light.device_area", "bedroom", "upstairs"),
                        org.assertj.core.groups.Tuple.tuple("light.own_area", "kitchen", "ground"),
                        org.assertj.core.groups.Tuple.tuple("sensor.loose", null, null),
                        org.assertj.core.groups.Tuple.tuple("sensor.unknown_device", null, null),
                        org.assertj.core.groups.Tuple.tuple("sun.sun", null, null),
                        org.assertj.core.groups.Tuple.tuple("switch.garden", "garden", null),
                        org.assertj.core.groups.Tuple.tuple("switch.shed", "shed", null));
        assertThat(store.entities(null, "bedroom", null, 100)).extracting(EntityRow::entityId)
                .containsExactly("light.device_area");
    }

    @Test
    void secondReplaceRemovesWhatIsNoLongerPresent() {
        store.replace(floors, areas, devices, List.of(
                entity("light.kitchen", "Kitchen", null, "kitchen", null),
                entity("light.old", "Old", null, "kitchen", null)));
        RegistryStore.Counts counts = store.replace(
                List.of(new Home.Floor("ground", "Ground floor", List.of(), 0)),
                List.of(new Home.Area("kitchen", "Kitchen", List.of(), "ground")),
                List.of(),
                List.of(entity("light.kitchen", "Kitchen renamed", null, "kitchen", null),
                        entity("light.new", "New", null, null, null)));
        assertThat(counts).isEqualTo(new RegistryStore.Counts(1, 1, 0, 2));
        assertThat(store.entities(null, null, null, 100)).extracting(EntityRow::entityId, EntityRow::name)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("light.kitchen", "Kitchen renamed"),
                        org.assertj.core.groups.Tuple.tuple("light.new", "New"));
        assertThat(store.floors()).extracting(RegistryStore.FloorRow::floorId, RegistryStore.FloorRow::name)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ground", "Ground floor"));
        assertThat(store.areas()).extracting(RegistryStore.AreaRow::areaId).containsExactly("kitchen");
        assertThat(store.entityCount()).isEqualTo(2);

        store.replace(List.of(), List.of(), List.of(), List.of());
        assertThat(store.entityCount()).isZero();
        assertThat(store.floors()).isEmpty();
        assertThat(store.areas()).isEmpty();
    }

    @Test
    void oneEntityIsFoundByItsIdOnly() {
        store.replace(floors, areas, devices, List.of(
                entity("light.kitchen", "Kitchen light", List.of("Ceiling"), "kitchen", null),
                entity("light.kitchen_2", "Second", null, "kitchen", null),
                entity("light.nameless", null, null, null, null)));
        assertThat(store.entity("light.kitchen")).hasValueSatisfying(e -> {
            assertThat(e.name()).isEqualTo("Kitchen light");
            assertThat(e.aliases()).containsExactly("Ceiling");
            assertThat(e.areaId()).isEqualTo("kitchen");
        });
        assertThat(store.entity("light.nameless")).hasValueSatisfying(e -> assertThat(e.name()).isNull());
        assertThat(store.entity("light.kitchen%")).isEmpty();
        assertThat(store.entity("light.absent")).isEmpty();
    }

    @Test
    void aFailingReplaceKeepsThePreviousRegistry() {
        store.replace(floors, areas, devices, List.of(entity("light.kitchen", "Kitchen", null, "kitchen", null)));
        // a duplicate entity id violates the primary key after every table was already deleted
        List<Home.Entity> duplicate = List.of(entity("light.a", "A", null, null, null),
                entity("light.a", "A again", null, null, null));
        assertThatThrownBy(() -> store.replace(List.of(), List.of(), List.of(), duplicate))
                .isInstanceOf(StoreException.class);
        assertThat(store.entities(null, null, null, 100)).extracting(EntityRow::entityId)
                .containsExactly("light.kitchen");
        assertThat(store.floors()).hasSize(3);
        assertThat(store.areas()).hasSize(3);
    }

    // ---- entities() filters ----

    private void storeSearchFixture() {
        store.replace(floors, areas, devices, List.of(
                entity("light.kitchen_main", "Kitchen Main", List.of("Deckenlicht"), "kitchen", null),
                entity("light.kitchenxmain", "Other kitchen", List.of(), "kitchen", null),
                entity("light.bedroom", "Bedroom lamp", List.of("Night light", "Schlafzimmer"), "bedroom", null),
                entity("sensor.battery", "Battery 100% full", List.of(), "garden", null),
                entity("sensor.battery_2", "Battery 100 full", List.of(), "garden", null),
                entity("sensor.path", "Path C:\\temp", List.of(), null, null),
                entity("switch.pump", "Pump", List.of("Wasserpumpe"), "garden", null)));
    }

    @Test
    void filterByDomainAndArea() {
        storeSearchFixture();
        assertThat(store.entities("light", null, null, 100)).extracting(EntityRow::entityId)
                .containsExactly("light.bedroom", "light.kitchen_main", "light.kitchenxmain");
        assertThat(store.entities(null, "garden", null, 100)).extracting(EntityRow::entityId)
                .containsExactly("sensor.battery", "sensor.battery_2", "switch.pump");
        assertThat(store.entities("sensor", "garden", null, 100)).extracting(EntityRow::entityId)
                .containsExactly("sensor.battery", "sensor.battery_2");
        assertThat(store.entities("climate", null, null, 100)).isEmpty();
        assertThat(store.entities(null, "nowhere", null, 100)).isEmpty();
    }

    @Test
    void textMatchesIdNameAndAliasesCaseInsensitively() {
        storeSearchFixture();
        // entity id
        assertThat(ids(null, null, "LIGHT.BED")).containsExactly("light.bedroom");
        // name
        assertThat(ids(null, null, "lamp")).containsExactly("light.bedroom");
        assertThat(ids(null, null, "kitchen")).containsExactly("light.kitchen_main", "light.kitchenxmain");
        // alias, in either case
        assertThat(ids(null, null, "night LIGHT")).containsExactly("light.bedroom");
        assertThat(ids(null, null, "wasserPUMPE")).containsExactly("switch.pump");
        assertThat(ids(null, null, "nothing like this")).isEmpty();
        // combined with the other filters
        assertThat(ids("light", "kitchen", "MAIN")).containsExactly("light.kitchen_main", "light.kitchenxmain");
        assertThat(ids("switch", null, "kitchen")).isEmpty();
    }

    @Test
    void textMatchesNonAsciiLettersCaseInsensitively() {
        store.replace(floors, areas, devices, List.of(
                entity("light.oil", "Ölheizung", List.of("KÜCHENLICHT"), null, null),
                entity("light.cafe", "Café", List.of(), null, null)));
        assertThat(ids(null, null, "ölheizung")).containsExactly("light.oil");
        assertThat(ids(null, null, "ÖLHEIZUNG")).containsExactly("light.oil");
        assertThat(ids(null, null, "küchen")).containsExactly("light.oil");
        assertThat(ids(null, null, "CAFÉ")).containsExactly("light.cafe");
    }

    @Test
    void percentAndUnderscoreInTheTextAreLiteral() {
        storeSearchFixture();
        assertThat(ids(null, null, "100%")).containsExactly("sensor.battery");
        assertThat(ids(null, null, "%")).containsExactly("sensor.battery");
        assertThat(ids(null, null, "kitchen_main")).containsExactly("light.kitchen_main");
        assertThat(ids(null, null, "_")).containsExactly("light.kitchen_main", "sensor.battery_2");
        assertThat(ids(null, null, "y_2")).containsExactly("sensor.battery_2");
        assertThat(ids(null, null, "C:\\temp")).containsExactly("sensor.path");
        assertThat(ids(null, null, "\\")).containsExactly("sensor.path");
    }

    @Test
    void textDoesNotMatchTheJsonSpellingOfTheAliases() {
        storeSearchFixture();
        // the aliases are stored as a JSON list; its brackets, quotes and commas are not alias text
        assertThat(ids(null, null, "[]")).isEmpty();
        assertThat(ids(null, null, "\"")).isEmpty();
        assertThat(ids(null, null, "\",\"")).isEmpty();
    }

    @Test
    void limitCapsTheResultInEntityIdOrder() {
        storeSearchFixture();
        assertThat(store.entities(null, null, null, 2)).extracting(EntityRow::entityId)
                .containsExactly("light.bedroom", "light.kitchen_main");
        assertThat(store.entities(null, null, "kitchen", 1)).extracting(EntityRow::entityId)
                .containsExactly("light.kitchen_main");
        assertThat(store.entities("sensor", null, null, 1)).extracting(EntityRow::entityId)
                .containsExactly("sensor.battery");
        assertThat(store.entities(null, null, null, 1000)).hasSize(7);
    }

    private List<String> ids(String domain, String area, String text) {
        return store.entities(domain, area, text, 100).stream().map(EntityRow::entityId).toList();
    }
}
