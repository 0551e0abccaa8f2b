package io.hestia.training.synthetic;

import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import io.hestia.ha.home.EntityIds;
import io.hestia.training.synthetic.Layouts.AreaSpec;
import io.hestia.training.synthetic.Layouts.FloorSpec;
import io.hestia.training.synthetic.Layouts.Role;
import io.hestia.training.synthetic.Model.AreaInfo;
import io.hestia.training.synthetic.Model.Appliance;
import io.hestia.training.synthetic.Model.Category;
import io.hestia.training.synthetic.Model.DeviceInfo;
import io.hestia.training.synthetic.Model.EntityInfo;
import io.hestia.training.synthetic.Model.Kind;
import io.hestia.training.synthetic.Model.Person;
import io.hestia.training.synthetic.Model.Purpose;
import io.hestia.training.synthetic.Model.Schedule;

/** Builds the registries of a synthetic home: areas, floors, persons, devices and their entities. */
final class HomeBuilder {

    private static final String[] NAMES = {"alex", "sam", "jordan", "taylor", "morgan", "casey", "riley", "jamie",
        "robin", "charlie"};

    private static final Map<Kind, String[][]> MAKERS = new EnumMap<>(Kind.class);

    static {
        MAKERS.put(Kind.CEILING_LIGHT, new String[][] {{"Signify", "Hue White Ambiance A19"},
            {"IKEA of Sweden", "TRADFRI bulb E27 WS 806lm"}, {"LIFX", "A19"}, {"Nanoleaf", "Essentials A19"}});
        MAKERS.put(Kind.LAMP, MAKERS.get(Kind.CEILING_LIGHT));
        MAKERS.put(Kind.LIGHT_STRIP, new String[][] {{"Signify", "Hue Lightstrip Plus"}, {"Govee", "H6159"}});
        MAKERS.put(Kind.OUTDOOR_LIGHT, new String[][] {{"Signify", "Hue Econic"}, {"Ring", "Floodlight Cam"}});
        MAKERS.put(Kind.MOTION_SENSOR, new String[][] {{"Signify", "Hue motion sensor"},
            {"Aqara", "Motion Sensor P1"}, {"SONOFF", "SNZB-03"}});
        MAKERS.put(Kind.DOOR_SENSOR, new String[][] {{"Aqara", "Door and Window Sensor"}, {"Ecolink", "DWZWAVE25"},
            {"SONOFF", "SNZB-04"}});
        MAKERS.put(Kind.WINDOW_SENSOR, MAKERS.get(Kind.DOOR_SENSOR));
        MAKERS.put(Kind.LOCK, new String[][] {{"Yale", "Assure Lock 2"}, {"August", "Wi-Fi Smart Lock"},
            {"Nuki", "Smart Lock 4.0"}});
        MAKERS.put(Kind.SMOKE_DETECTOR, new String[][] {{"Heiman", "HS1SA"}, {"Google", "Nest Protect"}});
        MAKERS.put(Kind.THERMOSTAT, new String[][] {{"ecobee", "SmartThermostat Premium"},
            {"Google", "Nest Thermostat"}, {"tado", "Smart Thermostat V3+"}, {"Honeywell", "T6 Pro"}});
        MAKERS.put(Kind.TEMP_HUMIDITY, new String[][] {{"Aqara", "Temperature and Humidity Sensor"},
            {"SwitchBot", "Meter Plus"}, {"Xiaomi", "LYWSD03MMC"}});
        MAKERS.put(Kind.BLINDS, new String[][] {{"IKEA of Sweden", "FYRTUR"}, {"Somfy", "Sonesse 30 WireFree"},
            {"Eve", "MotionBlinds"}});
        MAKERS.put(Kind.FAN, new String[][] {{"Dyson", "Pure Cool"}, {"Xiaomi", "Smart Standing Fan 2"},
            {"Hunter", "Signal"}});
        MAKERS.put(Kind.PLUG, new String[][] {{"Shelly", "Plug S"}, {"TP-Link", "KP115"}, {"Eve", "Energy"}});
        MAKERS.put(Kind.TV, new String[][] {{"Samsung", "QE55Q80C"}, {"LG", "OLED55C3"}, {"Sony", "XR-55A80L"}});
        MAKERS.put(Kind.SPEAKER, new String[][] {{"Sonos", "One"}, {"Google", "Nest Audio"},
            {"Apple", "HomePod mini"}});
        MAKERS.put(Kind.LEAK_SENSOR, new String[][] {{"Aqara", "Water Leak Sensor"}, {"Shelly", "Flood"}});
        MAKERS.put(Kind.ENERGY_METER, new String[][] {{"Shelly", "Pro 3EM"}, {"Emporia", "Vue 2"}});
        MAKERS.put(Kind.AIR_QUALITY, new String[][] {{"Aranet", "Aranet4"}, {"IKEA of Sweden", "VINDSTYRKA"}});
        MAKERS.put(Kind.PHONE, new String[][] {{"Apple", "iPhone 15"}, {"Google", "Pixel 8"},
            {"Samsung", "Galaxy S24"}});
    }

    private final SplittableRandom r;
    private final Model m = new Model();
    private final Set<String> entityIds = new HashSet<>();
    private final Set<String> deviceNames = new HashSet<>();
    private final Map<Kind, Integer> kindCounts = new EnumMap<>(Kind.class);
    private final Set<Appliance> appliances = EnumSet.noneOf(Appliance.class);
    private String currency;

    HomeBuilder(SplittableRandom r) {
        this.r = r;
    }

    Model build(HomeType type, int deviceCount, ZoneId zone, long seed) {
        m.type = type;
        m.name = "Synthetic " + Character.toUpperCase(type.id().charAt(0)) + type.id().substring(1).replace('_', ' ')
                + " " + Long.toHexString(seed);
        currency = currency(zone);
        buildAreas(type);
        int persons = personCount(type, deviceCount);
        buildPersons(persons);

        // services and phones count as devices
        addWeather();
        addPrice();
        for (Person p : m.persons) {
            addPhone(p);
        }
        int remaining = deviceCount - m.devices.size();
        List<Runnable> essentials = essentials();
        if (deviceCount >= 40) {   // larger homes monitor their energy
            essentials.add(12, () -> addDevice(Kind.ENERGY_METER, area(Role.GARAGE, Role.BASEMENT, Role.LAUNDRY,
                    Role.STORAGE, Role.HALLWAY, Role.ENTRANCE, Role.KITCHEN), null, null));
        }
        for (Runnable essential : essentials) {
            if (remaining <= 0) {
                break;
            }
            int before = m.devices.size();
            essential.run();
            remaining -= m.devices.size() - before;
        }
        int guard = 0;
        while (remaining > 0 && guard++ < 10_000) {
            if (addRandomDevice()) {
                remaining--;
            }
        }
        pairMotionLights();
        addDiagnostics();
        return m;
    }

    // ------------------------------------------------------------------------------------------------ areas

    private void buildAreas(HomeType type) {
        Layouts.Layout layout = Layouts.of(type);
        List<AreaSpec> specs = new ArrayList<>(layout.base());
        if (Rand.chance(r, 0.6) && !layout.optional().isEmpty()) {
            int k = Math.min(layout.optional().size(), Rand.chance(r, 0.5) ? 2 : 1);
            List<AreaSpec> opt = new ArrayList<>(layout.optional());
            for (int i = 0; i < k; i++) {
                specs.add(opt.remove(r.nextInt(opt.size())));
            }
        }
        Set<String> usedFloors = new HashSet<>();
        for (AreaSpec s : specs) {
            if (s.floorId() != null) {
                usedFloors.add(s.floorId());
            }
        }
        for (FloorSpec f : layout.floors()) {
            if (usedFloors.contains(f.id())) {
                m.floors.add(f);
            }
        }
        for (AreaSpec s : specs) {
            m.areas.add(new AreaInfo(m.areas.size(), EntityIds.slugify(s.name()), s.name(), s.role(), s.floorId(),
                    s.aliases()));
        }
    }

    // ------------------------------------------------------------------------------------------------ persons

    private int personCount(HomeType type, int deviceCount) {
        int n = switch (type) {
            case STUDIO -> 1;
            case APARTMENT, CONDO, COTTAGE -> 1 + r.nextInt(2);
            default -> {
                int x = r.nextInt(100);
                yield x < 40 ? 2 : x < 75 ? 3 : 4;
            }
        };
        return Math.max(1, Math.min(n, (deviceCount - 2) / 6));
    }

    private void buildPersons(int count) {
        List<String> names = new ArrayList<>(List.of(NAMES));
        for (int i = 0; i < count; i++) {
            String slug = names.remove(r.nextInt(names.size()));
            int x = r.nextInt(100);
            Schedule s = x < 55 ? Schedule.NINE_TO_FIVE : x < 80 ? Schedule.REMOTE
                    : x < 90 ? Schedule.SHIFT_EARLY : Schedule.SHIFT_LATE;
            EnumSet<DayOfWeek> days;
            if (s == Schedule.SHIFT_EARLY || s == Schedule.SHIFT_LATE) {
                List<DayOfWeek> all = new ArrayList<>(List.of(DayOfWeek.values()));
                days = EnumSet.noneOf(DayOfWeek.class);
                while (days.size() < 4) {
                    days.add(all.remove(r.nextInt(all.size())));
                }
            } else {
                days = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
            }
            int wakeOffset = 5 * (r.nextInt(7) - 3);   // -15..15
            int bedOffset = 5 * (r.nextInt(5) - 2);    // -10..10
            int workOffset = 5 * (r.nextInt(5) - 2);
            String display = Character.toUpperCase(slug.charAt(0)) + slug.substring(1);
            m.persons.add(new Person(i, slug, display, s, days, wakeOffset, bedOffset, workOffset, Rand.hexId(r)));
        }
    }

    // ------------------------------------------------------------------------------------------------ devices

    private List<Runnable> essentials() {
        List<Runnable> list = new ArrayList<>();
        list.add(() -> addDevice(Kind.CEILING_LIGHT, area(Role.BEDROOM), null, Purpose.WAKE_LIGHT));
        list.add(() -> addDevice(Kind.CEILING_LIGHT, area(Role.LIVING), null, Purpose.EVENING_LIGHT));
        list.add(() -> addDevice(Kind.DOOR_SENSOR, area(Role.ENTRANCE, Role.HALLWAY, Role.LIVING), null,
                Purpose.FRONT_DOOR));
        list.add(() -> {
            AreaInfo door = frontDoor() == null ? area(Role.HALLWAY, Role.ENTRANCE) : frontDoor().area;
            AreaInfo a = door.role.transit() ? door : area(Role.HALLWAY, Role.ENTRANCE, Role.LANDING,
                    Role.BATHROOM);
            addDevice(Kind.MOTION_SENSOR, a, null, Purpose.MOTION);
        });
        list.add(() -> {
            EntityInfo motion = m.first(Purpose.MOTION);
            AreaInfo a = motion != null ? motion.area : area(Role.HALLWAY, Role.ENTRANCE);
            addDevice(Kind.CEILING_LIGHT, a, null, Purpose.MANUAL_LIGHT);
        });
        list.add(() -> addDevice(Kind.PLUG, area(Role.KITCHEN), Appliance.COFFEE_MAKER, null));
        list.add(() -> addDevice(Kind.LOCK, frontDoor() == null ? area(Role.ENTRANCE, Role.HALLWAY) : frontDoor().area,
                null, Purpose.FRONT_LOCK));
        list.add(() -> addDevice(Kind.TV, area(Role.LIVING), null, Purpose.MAIN_TV));
        list.add(() -> addDevice(Kind.THERMOSTAT, area(Role.LIVING, Role.HALLWAY), null, null));
        list.add(() -> addDevice(Kind.CEILING_LIGHT, area(Role.KITCHEN), null, Purpose.DINNER_LIGHT));
        list.add(() -> addDevice(Kind.BLINDS, area(Role.BEDROOM), null, null));
        list.add(() -> addDevice(Kind.TEMP_HUMIDITY, area(Role.BATHROOM, Role.BEDROOM), null, null));
        list.add(() -> addDevice(Kind.PLUG, area(Role.KITCHEN), Appliance.FRIDGE, null));
        list.add(() -> {
            AreaInfo bath = area(Role.BATHROOM);
            if (!hasKindIn(Kind.MOTION_SENSOR, bath)) {
                addDevice(Kind.MOTION_SENSOR, bath, null, Purpose.MOTION);
            }
        });
        list.add(() -> {
            AreaInfo bath = area(Role.BATHROOM);
            addDevice(Kind.CEILING_LIGHT, bath, null, Purpose.MANUAL_LIGHT);
        });
        return list;
    }

    private EntityInfo frontDoor() {
        return m.first(Purpose.FRONT_DOOR);
    }

    private boolean hasKindIn(Kind kind, AreaInfo a) {
        for (DeviceInfo d : m.devices) {
            if (d.kind == kind && d.area == a) {
                return true;
            }
        }
        return false;
    }

    /** First area with one of the roles (in preference order), else a random indoor area. */
    private AreaInfo area(Role... roles) {
        for (Role role : roles) {
            List<AreaInfo> as = m.areasWith(role);
            if (!as.isEmpty()) {
                return as.get(0);
            }
        }
        List<AreaInfo> indoor = new ArrayList<>();
        for (AreaInfo a : m.areas) {
            if (a.role.indoor()) {
                indoor.add(a);
            }
        }
        return indoor.get(r.nextInt(indoor.size()));
    }

    private static final double[] CATEGORY_WEIGHTS = {22, 13, 35, 17, 13};   // security, climate, lighting, ...
    private static final Category[] CATEGORIES = {Category.SECURITY, Category.CLIMATE, Category.LIGHTING,
        Category.APPLIANCE, Category.MONITORING};

    private boolean addRandomDevice() {
        Category c = CATEGORIES[Rand.weighted(r, CATEGORY_WEIGHTS)];
        switch (c) {
            case LIGHTING -> {
                int k = Rand.weighted(r, new double[] {4, 4, 1, 1});
                Kind kind = new Kind[] {Kind.CEILING_LIGHT, Kind.LAMP, Kind.LIGHT_STRIP, Kind.OUTDOOR_LIGHT}[k];
                AreaInfo a = switch (kind) {
                    case CEILING_LIGHT -> randomArea(null, true);
                    case LAMP -> randomArea(List.of(Role.LIVING, Role.LIVING, Role.BEDROOM, Role.OFFICE, Role.KIDS,
                            Role.GUEST, Role.DINING, Role.MEDIA), false);
                    case LIGHT_STRIP -> randomArea(List.of(Role.LIVING, Role.KITCHEN, Role.MEDIA, Role.BEDROOM,
                            Role.OFFICE, Role.KIDS), false);
                    default -> randomArea(List.of(Role.OUTDOOR, Role.ENTRANCE, Role.GARAGE), false);
                };
                addDevice(kind, a, null, kind == Kind.OUTDOOR_LIGHT ? Purpose.SCHEDULED_LIGHT : Purpose.MANUAL_LIGHT);
                return true;
            }
            case SECURITY -> {
                int k = Rand.weighted(r, new double[] {4, 4, 2, 2, 0.7});
                switch (k) {
                    case 0 -> {
                        AreaInfo a = areaWithout(Kind.MOTION_SENSOR, List.of(Role.HALLWAY, Role.ENTRANCE,
                                Role.LANDING, Role.BATHROOM, Role.GARAGE, Role.LAUNDRY, Role.BASEMENT, Role.STORAGE,
                                Role.KITCHEN, Role.LIVING, Role.OFFICE, Role.GYM, Role.OUTDOOR));
                        if (a == null) {
                            return false;
                        }
                        addDevice(Kind.MOTION_SENSOR, a, null, Purpose.MOTION);
                    }
                    case 1 -> {
                        AreaInfo a = randomArea(List.of(Role.LIVING, Role.BEDROOM, Role.KITCHEN, Role.KIDS, Role.GUEST,
                                Role.OFFICE, Role.DINING, Role.BATHROOM), false);
                        addDevice(Kind.WINDOW_SENSOR, a, null, Purpose.WINDOW);
                    }
                    case 2 -> {
                        if (count(Kind.DOOR_SENSOR) >= 4) {
                            return false;
                        }
                        AreaInfo a = areaWithout(Kind.DOOR_SENSOR, List.of(Role.GARAGE, Role.KITCHEN, Role.LAUNDRY,
                                Role.DINING, Role.LIVING));
                        if (a == null) {
                            return false;
                        }
                        addDevice(Kind.DOOR_SENSOR, a, null, Purpose.OTHER_DOOR);
                    }
                    case 3 -> {
                        AreaInfo a = areaWithout(Kind.SMOKE_DETECTOR, List.of(Role.KITCHEN, Role.HALLWAY, Role.LANDING,
                                Role.BEDROOM, Role.KIDS, Role.LIVING, Role.GUEST));
                        if (a == null) {
                            return false;
                        }
                        addDevice(Kind.SMOKE_DETECTOR, a, null, Purpose.SMOKE);
                    }
                    default -> {
                        if (count(Kind.LOCK) >= 2) {
                            return false;
                        }
                        AreaInfo a = null;
                        for (EntityInfo d : m.byPurpose(Purpose.OTHER_DOOR)) {
                            if (!hasKindIn(Kind.LOCK, d.area)) {
                                a = d.area;
                                break;
                            }
                        }
                        if (a == null) {
                            return false;
                        }
                        addDevice(Kind.LOCK, a, null, Purpose.OTHER_LOCK);
                    }
                }
                return true;
            }
            case CLIMATE -> {
                int k = Rand.weighted(r, new double[] {3, 3, 1, 1.5});
                switch (k) {
                    case 0 -> {
                        AreaInfo a = areaWithout(Kind.TEMP_HUMIDITY, null);
                        if (a == null) {
                            return false;
                        }
                        addDevice(Kind.TEMP_HUMIDITY, a, null, null);
                    }
                    case 1 -> addDevice(Kind.BLINDS, randomArea(List.of(Role.LIVING, Role.BEDROOM, Role.KIDS,
                            Role.OFFICE, Role.DINING, Role.GUEST, Role.KITCHEN), false), null, null);
                    case 2 -> {
                        int max = Math.min(3, Math.max(1, m.floors.size()));
                        if (count(Kind.THERMOSTAT) >= max) {
                            return false;
                        }
                        AreaInfo a = areaWithout(Kind.THERMOSTAT, List.of(Role.LANDING, Role.BEDROOM, Role.HALLWAY,
                                Role.OFFICE, Role.KIDS));
                        if (a == null) {
                            return false;
                        }
                        addDevice(Kind.THERMOSTAT, a, null, null);
                    }
                    default -> addDevice(Kind.FAN, randomArea(List.of(Role.BEDROOM, Role.LIVING, Role.OFFICE,
                            Role.KIDS, Role.GYM), false), null, Purpose.FAN);
                }
                return true;
            }
            case APPLIANCE -> {
                int k = Rand.weighted(r, new double[] {6, 1, 1.5});
                if (k == 0) {
                    List<Appliance> free = new ArrayList<>();
                    for (Appliance a : Appliance.values()) {
                        if (!appliances.contains(a)) {
                            free.add(a);
                        }
                    }
                    if (free.isEmpty()) {
                        return false;
                    }
                    Appliance app = free.get(r.nextInt(free.size()));
                    addDevice(Kind.PLUG, applianceArea(app), app, null);
                } else if (k == 1) {
                    if (count(Kind.TV) >= 3) {
                        return false;
                    }
                    AreaInfo a = areaWithout(Kind.TV, List.of(Role.BEDROOM, Role.MEDIA, Role.KIDS, Role.GUEST,
                            Role.LIVING));
                    if (a == null) {
                        return false;
                    }
                    addDevice(Kind.TV, a, null, m.first(Purpose.MAIN_TV) == null && a.role == Role.LIVING
                            ? Purpose.MAIN_TV : Purpose.OTHER_MEDIA);
                } else {
                    AreaInfo a = areaWithout(Kind.SPEAKER, List.of(Role.KITCHEN, Role.LIVING, Role.BATHROOM,
                            Role.OFFICE, Role.BEDROOM, Role.GYM));
                    if (a == null) {
                        return false;
                    }
                    addDevice(Kind.SPEAKER, a, null, Purpose.OTHER_MEDIA);
                }
                return true;
            }
            default -> {
                int k = Rand.weighted(r, new double[] {3, 2, 1.5, 0.5});
                switch (k) {
                    case 0 -> {
                        AreaInfo a = areaWithout(Kind.TEMP_HUMIDITY, null);
                        if (a == null) {
                            return false;
                        }
                        addDevice(Kind.TEMP_HUMIDITY, a, null, null);
                    }
                    case 1 -> {
                        AreaInfo a = areaWithout(Kind.LEAK_SENSOR, List.of(Role.BATHROOM, Role.KITCHEN, Role.LAUNDRY,
                                Role.BASEMENT));
                        if (a == null) {
                            return false;
                        }
                        addDevice(Kind.LEAK_SENSOR, a, null, Purpose.LEAK);
                    }
                    case 2 -> {
                        AreaInfo a = areaWithout(Kind.AIR_QUALITY, List.of(Role.LIVING, Role.BEDROOM, Role.OFFICE,
                                Role.KIDS));
                        if (a == null) {
                            return false;
                        }
                        addDevice(Kind.AIR_QUALITY, a, null, null);
                    }
                    default -> {
                        if (count(Kind.ENERGY_METER) >= 1) {
                            return false;
                        }
                        addDevice(Kind.ENERGY_METER, area(Role.GARAGE, Role.BASEMENT, Role.LAUNDRY, Role.HALLWAY),
                                null, null);
                    }
                }
                return true;
            }
        }
    }

    private AreaInfo applianceArea(Appliance app) {
        return switch (app) {
            case COFFEE_MAKER, KETTLE, DISHWASHER, FRIDGE -> area(Role.KITCHEN);
            case WASHING_MACHINE -> area(Role.LAUNDRY, Role.BASEMENT, Role.BATHROOM, Role.GARAGE, Role.KITCHEN);
            case DESK -> area(Role.OFFICE, Role.BEDROOM, Role.LIVING);
            case NAS -> area(Role.OFFICE, Role.STORAGE, Role.BASEMENT, Role.HALLWAY, Role.LIVING);
            case HEATER -> area(Role.BATHROOM, Role.OFFICE, Role.BEDROOM, Role.GARAGE);
            case DEHUMIDIFIER -> area(Role.BASEMENT, Role.LAUNDRY, Role.BATHROOM, Role.BEDROOM);
            case AQUARIUM -> area(Role.LIVING, Role.OFFICE, Role.KIDS);
        };
    }

    private int count(Kind kind) {
        return kindCounts.getOrDefault(kind, 0);
    }

    /** Random area whose role is in {@code roles} (weighted by repetition), else any (indoor) area. */
    private AreaInfo randomArea(List<Role> roles, boolean anyIndoor) {
        List<AreaInfo> candidates = new ArrayList<>();
        if (roles != null) {
            for (Role role : roles) {
                candidates.addAll(m.areasWith(role));
            }
        }
        if (candidates.isEmpty() || anyIndoor) {
            for (AreaInfo a : m.areas) {
                if (a.role.indoor()) {
                    candidates.add(a);
                }
            }
        }
        return candidates.get(r.nextInt(candidates.size()));
    }

    /** Random area (roles, or any indoor if null) that has no device of {@code kind} yet; null if none. */
    private AreaInfo areaWithout(Kind kind, List<Role> roles) {
        List<AreaInfo> candidates = new ArrayList<>();
        for (AreaInfo a : m.areas) {
            boolean roleOk = roles == null ? a.role.indoor() : roles.contains(a.role);
            if (roleOk && !hasKindIn(kind, a)) {
                candidates.add(a);
            }
        }
        return candidates.isEmpty() ? null : candidates.get(r.nextInt(candidates.size()));
    }

    private String[] maker(Kind kind) {
        String[][] options = MAKERS.get(kind);
        return options[r.nextInt(options.length)];
    }

    private String uniqueDeviceName(String name) {
        String n = name;
        int i = 2;
        while (!deviceNames.add(n)) {
            n = name + " " + i++;
        }
        return n;
    }

    private DeviceInfo newDevice(Kind kind, AreaInfo area, String name, String[] maker, Appliance appliance) {
        DeviceInfo d = new DeviceInfo(Rand.hexId(r), uniqueDeviceName(name), kind, area, maker[0], maker[1],
                appliance);
        m.devices.add(d);
        kindCounts.merge(kind, 1, Integer::sum);
        if (appliance != null) {
            appliances.add(appliance);
        }
        return d;
    }

    /** Adds an entity; {@code objectName} is slugified into the object id (made unique with _2, _3 ...). */
    private EntityInfo entity(String domain, String objectName, String friendly, List<String> aliases, AreaInfo area,
                              DeviceInfo device, String deviceClass, Purpose purpose, String initial) {
        String base = domain + "." + EntityIds.slugify(objectName);
        String id = base;
        int i = 2;
        while (!entityIds.add(id)) {
            id = base + "_" + i++;
        }
        if (i > 2) {
            friendly = friendly + " " + (i - 1);
        }
        EntityInfo e = new EntityInfo(m.entities.size(), id, friendly, aliases, area, device, deviceClass, purpose,
                initial);
        e.attributes.put("friendly_name", friendly);
        if (deviceClass != null) {
            e.attributes.put("device_class", deviceClass);
        }
        m.entities.add(e);
        if (device != null) {
            device.entities.add(e);
        }
        if (area != null && "light".equals(domain)) {
            area.lights.add(e);
        }
        return e;
    }

    private EntityInfo sensor(String objectName, String friendly, AreaInfo area, DeviceInfo device,
                              String deviceClass, String unit, String stateClass, Purpose purpose, String initial) {
        EntityInfo e = entity("sensor", objectName, friendly, List.of(), area, device, deviceClass, purpose, initial);
        if (unit != null) {
            e.attributes.put("unit_of_measurement", unit);
        }
        if (stateClass != null) {
            e.attributes.put("state_class", stateClass);
        }
        return e;
    }

    private void battery(DeviceInfo d) {
        sensor(d.name + " Battery", d.name + " Battery", d.area, d, "battery", "%", "measurement", Purpose.BATTERY,
                Integer.toString(60 + r.nextInt(41)));
    }

    private List<String> aliases(String... candidates) {
        List<String> out = new ArrayList<>();
        for (String c : candidates) {
            if (c != null && Rand.chance(r, 0.5)) {
                out.add(c);
            }
        }
        return out;
    }

    private void addDevice(Kind kind, AreaInfo a, Appliance appliance, Purpose purpose) {
        String an = a.name;
        String al = an.toLowerCase(Locale.ROOT);
        switch (kind) {
            case CEILING_LIGHT, LAMP, LIGHT_STRIP, OUTDOOR_LIGHT -> {
                String thing = switch (kind) {
                    case CEILING_LIGHT -> "Ceiling Light";
                    case LAMP -> Rand.pick(r, List.of("Lamp", "Floor Lamp", "Table Lamp", "Reading Lamp"));
                    case LIGHT_STRIP -> "Light Strip";
                    default -> a.role == Role.OUTDOOR ? "Light" : "Outdoor Light";
                };
                DeviceInfo d = newDevice(kind, a, an + " " + thing, maker(kind), null);
                List<String> al2 = kind == Kind.LAMP ? aliases(al + " lamp") : aliases(al + " light", al + " lights");
                entity("light", an + " " + thing, d.name, al2, a, d, null, purpose, "off");
            }
            case MOTION_SENSOR -> {
                String[] mk = maker(kind);
                DeviceInfo d = newDevice(kind, a, an + " Motion Sensor", mk, null);
                entity("binary_sensor", an + " Motion", an + " Motion", aliases(al + " presence"), a, d, "motion",
                        Purpose.MOTION, "off");
                sensor(an + " Illuminance", an + " Illuminance", a, d, "illuminance", "lx", "measurement",
                        Purpose.ILLUMINANCE, "0");
                if ("Signify".equals(mk[0])) {
                    sensor(d.name + " Temperature", d.name + " Temperature", a, d, "temperature", "°C",
                            "measurement", Purpose.ROOM_TEMPERATURE, "20.0");
                }
                battery(d);
            }
            case DOOR_SENSOR -> {
                String thing;
                String dc = "door";
                if (purpose == Purpose.FRONT_DOOR) {
                    thing = "Front Door";
                } else if (a.role == Role.GARAGE) {
                    thing = "Garage Door";
                    dc = "garage_door";
                } else if (a.role == Role.LIVING || a.role == Role.DINING) {
                    thing = "Patio Door";
                } else {
                    thing = "Back Door";
                }
                DeviceInfo d = newDevice(kind, a, thing + " Sensor", maker(kind), null);
                entity("binary_sensor", an + " " + thing, thing, aliases(thing.toLowerCase(Locale.ROOT) + " contact"),
                        a, d, dc, purpose, "off");
                battery(d);
            }
            case WINDOW_SENSOR -> {
                DeviceInfo d = newDevice(kind, a, an + " Window Sensor", maker(kind), null);
                entity("binary_sensor", an + " Window", an + " Window", List.of(), a, d, "window", Purpose.WINDOW,
                        "off");
                battery(d);
            }
            case LOCK -> {
                String thing = purpose == Purpose.FRONT_LOCK ? "Front Door" : "Back Door";
                DeviceInfo d = newDevice(kind, a, thing + " Lock", maker(kind), null);
                entity("lock", an + " " + thing, thing + " Lock", aliases(thing.toLowerCase(Locale.ROOT) + " lock",
                        purpose == Purpose.FRONT_LOCK ? "door lock" : null), a, d, null, purpose, "locked");
                battery(d);
            }
            case SMOKE_DETECTOR -> {
                DeviceInfo d = newDevice(kind, a, an + " Smoke Detector", maker(kind), null);
                entity("binary_sensor", an + " Smoke", an + " Smoke", aliases(al + " smoke alarm"), a, d, "smoke",
                        Purpose.SMOKE, "off");
                battery(d);
            }
            case THERMOSTAT -> {
                DeviceInfo d = newDevice(kind, a, an + " Thermostat", maker(kind), null);
                EntityInfo c = entity("climate", an + " Thermostat", an + " Thermostat",
                        aliases("heating", al + " heating"), a, d, null, Purpose.CLIMATE, "off");
                c.attributes.put("hvac_modes", List.of("off", "heat", "cool"));
                c.attributes.put("min_temp", 7.0);
                c.attributes.put("max_temp", 35.0);
                c.attributes.put("target_temp_step", 0.5);
                sensor(an + " Thermostat Temperature", an + " Thermostat Temperature", a, d, "temperature", "°C",
                        "measurement", Purpose.ROOM_TEMPERATURE, "20.0");
            }
            case TEMP_HUMIDITY -> {
                DeviceInfo d = newDevice(kind, a, an + " Climate Sensor", maker(kind), null);
                sensor(an + " Temperature", an + " Temperature", a, d, "temperature", "°C", "measurement",
                        Purpose.ROOM_TEMPERATURE, "20.0");
                sensor(an + " Humidity", an + " Humidity", a, d, "humidity", "%", "measurement",
                        Purpose.ROOM_HUMIDITY, "45");
                battery(d);
            }
            case BLINDS -> {
                String[] mk = maker(kind);
                String dc = "IKEA of Sweden".equals(mk[0]) ? "blind" : "Somfy".equals(mk[0]) ? "shade" : "curtain";
                String thing = switch (dc) {
                    case "blind" -> "Blinds";
                    case "shade" -> "Shades";
                    default -> "Curtains";
                };
                DeviceInfo d = newDevice(kind, a, an + " " + thing, mk, null);
                EntityInfo c = entity("cover", an + " " + thing, an + " " + thing,
                        aliases(al + " " + thing.toLowerCase(Locale.ROOT)), a, d, dc, Purpose.COVER, "closed");
                c.attributes.put("current_position", 0);
            }
            case FAN -> {
                String thing = a.role == Role.BEDROOM || a.role == Role.LIVING ? "Ceiling Fan" : "Fan";
                DeviceInfo d = newDevice(kind, a, an + " " + thing, maker(kind), null);
                entity("fan", an + " " + thing, an + " " + thing, aliases(al + " fan"), a, d, null, Purpose.FAN,
                        "off");
            }
            case PLUG -> {
                String label = appliance.label;
                DeviceInfo d = newDevice(kind, a, an + " " + label + " Plug", maker(kind), appliance);
                boolean alwaysOn = appliance == Appliance.FRIDGE || appliance == Appliance.NAS
                        || appliance == Appliance.DEHUMIDIFIER;
                List<String> al2 = new ArrayList<>();
                for (String x : appliance.aliases) {
                    if (Rand.chance(r, 0.6)) {
                        al2.add(x);
                    }
                }
                EntityInfo sw = entity("switch", an + " " + label, an + " " + label, al2, a, d, "outlet",
                        Purpose.PLUG_SWITCH, alwaysOn ? "on" : "off");
                EntityInfo p = sensor(an + " " + label + " Power", an + " " + label + " Power", a, d, "power", "W",
                        "measurement", Purpose.PLUG_POWER, "0.0");
                p.source = sw;
                EntityInfo en = sensor(an + " " + label + " Energy", an + " " + label + " Energy", a, d, "energy",
                        "kWh", "total_increasing", Purpose.PLUG_ENERGY, "0.00");
                en.source = p;
            }
            case TV, SPEAKER -> {
                boolean tv = kind == Kind.TV;
                String thing = tv ? "TV" : "Speaker";
                DeviceInfo d = newDevice(kind, a, an + " " + thing, maker(kind), null);
                List<String> al2 = tv ? aliases(al + " tv", purpose == Purpose.MAIN_TV ? "telly" : null)
                        : aliases(al + " music");
                entity("media_player", an + " " + thing, an + " " + thing, al2, a, d, tv ? "tv" : "speaker", purpose,
                        "off");
            }
            case LEAK_SENSOR -> {
                DeviceInfo d = newDevice(kind, a, an + " Leak Sensor", maker(kind), null);
                entity("binary_sensor", an + " Leak", an + " Leak", aliases(al + " water leak"), a, d, "moisture",
                        Purpose.LEAK, "off");
                battery(d);
            }
            case ENERGY_METER -> {
                DeviceInfo d = newDevice(kind, a, "Energy Meter", maker(kind), null);
                EntityInfo p = sensor(an + " House Power", "House Power", a, d, "power", "W", "measurement",
                        Purpose.METER_POWER, "0");
                EntityInfo en = sensor(an + " House Energy", "House Energy", a, d, "energy", "kWh",
                        "total_increasing", Purpose.METER_ENERGY, "0.00");
                en.source = p;
                for (int phase = 1; phase <= 3; phase++) {
                    sensor(an + " Phase " + phase + " Power", "Phase " + phase + " Power", a, d, "power", "W",
                            "measurement", Purpose.METER_PHASE, "0");
                }
            }
            case AIR_QUALITY -> {
                DeviceInfo d = newDevice(kind, a, an + " Air Quality Monitor", maker(kind), null);
                sensor(an + " CO2", an + " CO2", a, d, "carbon_dioxide", "ppm", "measurement", Purpose.CO2, "450");
            }
            default -> throw new IllegalStateException("not a placeable kind: " + kind);
        }
    }

    private void addWeather() {
        DeviceInfo d = new DeviceInfo(Rand.hexId(r), uniqueDeviceName("Forecast"), Kind.WEATHER_SERVICE, null,
                "Met.no", "Forecast", null);
        m.devices.add(d);
        sensor("Outdoor Temperature", "Outdoor Temperature", null, d, "temperature", "°C", "measurement",
                Purpose.OUTDOOR_TEMPERATURE, "10.0");
        sensor("Outdoor Humidity", "Outdoor Humidity", null, d, "humidity", "%", "measurement",
                Purpose.OUTDOOR_HUMIDITY, "70");
    }

    private void addPrice() {
        DeviceInfo d = new DeviceInfo(Rand.hexId(r), uniqueDeviceName("Electricity Price"), Kind.PRICE_SERVICE, null,
                "EUR".equals(currency) ? "Nord Pool" : "Tibber", "Day-ahead price", null);
        m.devices.add(d);
        sensor("Electricity Price", "Electricity Price", null, d, "monetary", currency + "/kWh", null,
                Purpose.PRICE, "0.2500");
    }

    private void addPhone(Person p) {
        String[] mk = maker(Kind.PHONE);
        DeviceInfo d = new DeviceInfo(Rand.hexId(r), uniqueDeviceName(p.displayName + "'s Phone"), Kind.PHONE, null,
                mk[0], mk[1], null);
        m.devices.add(d);
        EntityInfo tracker = entity("device_tracker", p.slug + " Phone", p.displayName + "'s Phone", List.of(), null,
                d, null, Purpose.TRACKER, "home");
        tracker.attributes.put("source_type", "gps");
        tracker.person = p.index;
        EntityInfo person = entity("person", p.slug, p.displayName, List.of(), null, null, null, Purpose.PERSON,
                "home");
        person.attributes.put("user_id", p.userId);
        person.attributes.put("device_trackers", List.of(tracker.entityId));
        person.person = p.index;
        EntityInfo cal = entity("calendar", p.slug + " Work", p.displayName + " Work", List.of(), null, null, null,
                Purpose.CALENDAR, "off");
        cal.attributes.put("message", "Work");
        cal.person = p.index;
        p.person = person;
        p.tracker = tracker;
        p.calendar = cal;
        if (m.occupancy == null) {
            EntityInfo occ = entity("sensor", "Household Occupancy", "Household Occupancy", List.of("home occupancy"),
                    null, null, "enum", Purpose.OCCUPANCY, "home");
            occ.attributes.put("options", List.of("home", "away"));
            m.occupancy = occ;
        }
    }

    /**
     * Radio diagnostics, as Zigbee2MQTT ({@code linkquality}) and Wi-Fi integrations ({@code signal_strength}) expose
     * them, for about half of the devices: frequent, meaningless changes that miners must cope with (the original's
     * co-occurrence noise filter drops {@code _linkquality} and {@code _signal_strength} entities).
     */
    private void addDiagnostics() {
        for (DeviceInfo d : new ArrayList<>(m.devices)) {
            boolean wifi = switch (d.kind) {
                case PLUG, TV, SPEAKER, THERMOSTAT, ENERGY_METER, AIR_QUALITY, OUTDOOR_LIGHT -> true;
                default -> false;
            };
            boolean zigbee = switch (d.kind) {
                case CEILING_LIGHT, LAMP, LIGHT_STRIP, MOTION_SENSOR, DOOR_SENSOR, WINDOW_SENSOR, SMOKE_DETECTOR,
                     TEMP_HUMIDITY, BLINDS, LEAK_SENSOR -> true;
                default -> false;
            };
            if ((!wifi && !zigbee) || !Rand.chance(r, 0.5)) {
                continue;
            }
            EntityInfo e = wifi
                    ? sensor(d.name + " Signal Strength", d.name + " Signal Strength", d.area, d, "signal_strength",
                    "dBm", "measurement", Purpose.SIGNAL, Integer.toString(-50 - r.nextInt(30)))
                    : sensor(d.name + " Linkquality", d.name + " Linkquality", d.area, d, null, "lqi", "measurement",
                    Purpose.SIGNAL, Integer.toString(60 + r.nextInt(120)));
            e.attributes.put("icon", wifi ? "mdi:wifi" : "mdi:signal");
        }
    }

    /** Each motion sensor in a pass-through room drives one free manual light in the same room. */
    private void pairMotionLights() {
        for (EntityInfo motion : m.byPurpose(Purpose.MOTION)) {
            if (!motion.area.role.transit()) {
                continue;
            }
            for (EntityInfo light : motion.area.lights) {
                if (light.purpose == Purpose.MANUAL_LIGHT && light.partner == null) {
                    light.purpose = Purpose.MOTION_LIGHT;
                    light.partner = motion;
                    motion.partner = light;
                    break;
                }
            }
        }
    }

    private static String currency(ZoneId zone) {
        String z = zone.getId();
        if (z.equals("Europe/London")) {
            return "GBP";
        }
        if (z.startsWith("America/")) {
            return "USD";
        }
        if (z.startsWith("Australia/")) {
            return "AUD";
        }
        return "EUR";
    }
}
