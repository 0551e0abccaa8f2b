package io.hestia.training.synthetic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import io.hestia.ha.home.Home;
import io.hestia.ha.home.StateEvent;
import io.hestia.training.synthetic.Model.AreaInfo;
import io.hestia.training.synthetic.Model.DeviceInfo;
import io.hestia.training.synthetic.Model.EntityInfo;
import io.hestia.training.synthetic.Model.Person;

/**
 * Generates synthetic Home Assistant homes with a realistic state history and the ground truth of what was planted
 * in it (routines, cause-and-effect sequences, anomalies).
 *
 * <p>Structure follows the original HomeIQ generators (home types and sizes with their distributions, per-type
 * rooms plus 0–2 optional rooms, lighting/security/climate/appliance/monitoring devices, weather with a daily
 * sinusoid peaking at 14:30, time-of-use electricity prices, work calendars), but events are not uniform random:
 * a household with work schedules (9–5, early/late shift, remote) drives presence, wake-up and bedtime, and routines,
 * automations, manual noise and sensor streams follow from it, in the home's local time.
 *
 * <p>Like every HA install with {@code default_config}, each home has {@code sun.sun} ({@link Sun}): no area, no
 * device, a sunrise and a sunset a day for a place chosen from the time zone and the seed. It is added after the
 * simulation and draws on none of its random streams, so the rest of the home is the same with or without it.
 *
 * <p>Deterministic: the same {@link SyntheticSpec} gives an identical {@link SyntheticHome}.
 */
public final class SyntheticHomeGenerator {

    private SyntheticHomeGenerator() {
    }

    public static SyntheticHome generate(SyntheticSpec spec) {
        SplittableRandom root = new SplittableRandom(spec.seed());
        SplittableRandom draws = root.split();
        HomeType drawnType = HomeType.draw(draws);
        int drawnCount = HomeType.drawDeviceCount(draws);
        HomeType type = spec.type() != null ? spec.type() : drawnType;
        int devices = spec.deviceCount() != null ? spec.deviceCount() : drawnCount;

        Model m = new HomeBuilder(root.split()).build(type, devices, spec.zone(), spec.seed());
        Simulation sim = new Simulation(m, spec.zone(), spec.end(), spec.days(), root.split());
        sim.run();

        List<String> entityIds = new ArrayList<>(m.entities.size());
        for (EntityInfo e : m.entities) {
            entityIds.add(e.entityId);
        }
        List<String> userIds = new ArrayList<>();
        for (Person p : m.persons) {
            userIds.add(p.userId);
        }
        EventBuffer.Finished f = sim.buf.finish(entityIds, userIds, root.split());
        // HA's sun.sun, computed after everything else and drawing on no random stream of the generator, so the
        // rest of the home is the same with or without it
        Sun.History sun = new Sun(Sun.locate(spec.zone(), spec.seed())).history(sim.buf.windowStart,
                sim.buf.windowEnd);

        List<Home.Floor> floors = new ArrayList<>();
        for (Layouts.FloorSpec fl : m.floors) {
            floors.add(new Home.Floor(fl.id(), fl.name(), fl.aliases(), fl.level()));
        }
        List<Home.Area> areas = new ArrayList<>();
        for (AreaInfo a : m.areas) {
            areas.add(new Home.Area(a.id, a.name, a.aliases, a.floorId));
        }
        List<Home.Device> devs = new ArrayList<>();
        for (DeviceInfo d : m.devices) {
            devs.add(new Home.Device(d.id, d.name, d.area == null ? null : d.area.id, d.manufacturer, d.model));
        }
        List<Home.Entity> entities = new ArrayList<>();
        for (EntityInfo e : m.entities) {
            int last = f.lastState()[e.index];
            String state = last >= 0 ? sim.buf.stateText(last) : e.initialState;
            Map<String, Object> attrs = new LinkedHashMap<>(e.attributes);
            Map<String, Object> climate = sim.climateStateAttributes(e, state);
            if (climate != null) {
                attrs = new LinkedHashMap<>(climate);
            }
            if ("cover".equals(e.domain())) {
                attrs.put("current_position", "open".equals(state) || "closing".equals(state) ? 100 : 0);
            }
            entities.add(new Home.Entity(e.entityId, e.name, e.aliases, e.area == null ? null : e.area.id,
                    e.device == null ? null : e.device.id, e.deviceClass, state, attrs));
        }
        entities.add(new Home.Entity(Sun.ENTITY_ID, Sun.NAME, List.of(), null, null, null, sun.state(),
                sun.attributes()));
        Home home = new Home(m.name, spec.zone().getId(), floors, areas, devs, entities,
                merge(f.events(), sun.events()));
        return new SyntheticHome(home, new GroundTruth(sim.routines, sim.sequences, sim.anomalies, sim.consequences));
    }

    /** Two time-ordered event lists as one; at equal times the household's events come first. */
    private static List<StateEvent> merge(List<StateEvent> events, List<StateEvent> more) {
        List<StateEvent> out = new ArrayList<>(events.size() + more.size());
        int j = 0;
        for (StateEvent e : events) {
            while (j < more.size() && more.get(j).lastUpdated() < e.lastUpdated()) {
                out.add(more.get(j++));
            }
            out.add(e);
        }
        out.addAll(more.subList(j, more.size()));
        return out;
    }
}
