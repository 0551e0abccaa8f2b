package io.hestia.training.synthetic;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.hestia.training.synthetic.Layouts.Role;

/** The generated home's structure as the simulation sees it (mutable while it is being built). */
final class Model {

    enum Category { SECURITY, CLIMATE, LIGHTING, APPLIANCE, MONITORING, PRESENCE, SERVICE }

    enum Kind {
        CEILING_LIGHT(Category.LIGHTING), LAMP(Category.LIGHTING), LIGHT_STRIP(Category.LIGHTING),
        OUTDOOR_LIGHT(Category.LIGHTING),
        MOTION_SENSOR(Category.SECURITY), DOOR_SENSOR(Category.SECURITY), WINDOW_SENSOR(Category.SECURITY),
        LOCK(Category.SECURITY), SMOKE_DETECTOR(Category.SECURITY),
        THERMOSTAT(Category.CLIMATE), TEMP_HUMIDITY(Category.CLIMATE), BLINDS(Category.CLIMATE), FAN(Category.CLIMATE),
        PLUG(Category.APPLIANCE), TV(Category.APPLIANCE), SPEAKER(Category.APPLIANCE),
        LEAK_SENSOR(Category.MONITORING), ENERGY_METER(Category.MONITORING), AIR_QUALITY(Category.MONITORING),
        PHONE(Category.PRESENCE), WEATHER_SERVICE(Category.SERVICE), PRICE_SERVICE(Category.SERVICE);

        final Category category;

        Kind(Category category) {
            this.category = category;
        }
    }

    enum Appliance {
        COFFEE_MAKER("Coffee Maker", List.of("coffee machine")),
        KETTLE("Kettle", List.of("water boiler")),
        FRIDGE("Fridge", List.of("refrigerator")),
        WASHING_MACHINE("Washing Machine", List.of("washer")),
        DISHWASHER("Dishwasher", List.of()),
        DESK("Desk", List.of("computer", "workstation")),
        NAS("Network Storage", List.of("nas", "server")),
        HEATER("Heater", List.of("space heater")),
        DEHUMIDIFIER("Dehumidifier", List.of()),
        AQUARIUM("Aquarium", List.of("fish tank"));

        final String label;
        final List<String> aliases;

        Appliance(String label, List<String> aliases) {
            this.label = label;
            this.aliases = aliases;
        }
    }

    /** What drives an entity's state changes in the simulation. */
    enum Purpose {
        NONE,
        // lights
        WAKE_LIGHT, EVENING_LIGHT, DINNER_LIGHT, MOTION_LIGHT, SCHEDULED_LIGHT, MANUAL_LIGHT,
        // binary sensors
        MOTION, FRONT_DOOR, OTHER_DOOR, WINDOW, SMOKE, LEAK,
        // actuators
        FRONT_LOCK, OTHER_LOCK, MAIN_TV, OTHER_MEDIA, COVER, CLIMATE, FAN, PLUG_SWITCH,
        // numeric sensors
        ROOM_TEMPERATURE, ROOM_HUMIDITY, ILLUMINANCE, CO2, BATTERY, PLUG_POWER, PLUG_ENERGY, METER_POWER, METER_PHASE,
        METER_ENERGY, OUTDOOR_TEMPERATURE, OUTDOOR_HUMIDITY, PRICE, SIGNAL,
        // presence
        PERSON, TRACKER, CALENDAR, OCCUPANCY
    }

    enum Schedule { NINE_TO_FIVE, SHIFT_EARLY, SHIFT_LATE, REMOTE }

    static final class AreaInfo {
        final int index;
        final String id;
        final String name;
        final Role role;
        final String floorId;
        final List<String> aliases;
        final List<EntityInfo> lights = new ArrayList<>();

        AreaInfo(int index, String id, String name, Role role, String floorId, List<String> aliases) {
            this.index = index;
            this.id = id;
            this.name = name;
            this.role = role;
            this.floorId = floorId;
            this.aliases = aliases;
        }
    }

    static final class DeviceInfo {
        final String id;
        final String name;
        final Kind kind;
        final AreaInfo area;
        final String manufacturer;
        final String model;
        final Appliance appliance;
        final List<EntityInfo> entities = new ArrayList<>();

        DeviceInfo(String id, String name, Kind kind, AreaInfo area, String manufacturer, String model,
                   Appliance appliance) {
            this.id = id;
            this.name = name;
            this.kind = kind;
            this.area = area;
            this.manufacturer = manufacturer;
            this.model = model;
            this.appliance = appliance;
        }
    }

    static final class EntityInfo {
        final int index;
        final String entityId;
        final String name;
        final List<String> aliases;
        final AreaInfo area;
        final DeviceInfo device;
        final String deviceClass;
        final Map<String, Object> attributes = new LinkedHashMap<>();
        Purpose purpose;
        String initialState;
        /** for motion lights: the motion sensor; for motion sensors: the light (may be null) */
        EntityInfo partner;
        /** for plug power/energy: the switch; for energy sensors: the power sensor */
        EntityInfo source;
        /** person index for PERSON / TRACKER / CALENDAR */
        int person = -1;

        EntityInfo(int index, String entityId, String name, List<String> aliases, AreaInfo area, DeviceInfo device,
                   String deviceClass, Purpose purpose, String initialState) {
            this.index = index;
            this.entityId = entityId;
            this.name = name;
            this.aliases = aliases;
            this.area = area;
            this.device = device;
            this.deviceClass = deviceClass;
            this.purpose = purpose;
            this.initialState = initialState;
        }

        String domain() {
            return entityId.substring(0, entityId.indexOf('.'));
        }
    }

    static final class Person {
        final int index;
        final String slug;
        final String displayName;
        final Schedule schedule;
        final EnumSet<DayOfWeek> workDays;
        final int wakeOffset;
        final int bedOffset;
        final int workOffset;
        final String userId;
        EntityInfo person;
        EntityInfo tracker;
        EntityInfo calendar;

        Person(int index, String slug, String displayName, Schedule schedule, EnumSet<DayOfWeek> workDays,
               int wakeOffset, int bedOffset, int workOffset, String userId) {
            this.index = index;
            this.slug = slug;
            this.displayName = displayName;
            this.schedule = schedule;
            this.workDays = workDays;
            this.wakeOffset = wakeOffset;
            this.bedOffset = bedOffset;
            this.workOffset = workOffset;
            this.userId = userId;
        }

        boolean works(DayOfWeek d) {
            return workDays.contains(d);
        }

        boolean leavesForWork(DayOfWeek d) {
            return schedule != Schedule.REMOTE && works(d);
        }
    }

    String name;
    HomeType type;
    final List<Layouts.FloorSpec> floors = new ArrayList<>();
    final List<AreaInfo> areas = new ArrayList<>();
    final List<DeviceInfo> devices = new ArrayList<>();
    final List<EntityInfo> entities = new ArrayList<>();
    final List<Person> persons = new ArrayList<>();
    EntityInfo occupancy;

    List<EntityInfo> byPurpose(Purpose p) {
        List<EntityInfo> out = new ArrayList<>();
        for (EntityInfo e : entities) {
            if (e.purpose == p) {
                out.add(e);
            }
        }
        return out;
    }

    EntityInfo first(Purpose p) {
        for (EntityInfo e : entities) {
            if (e.purpose == p) {
                return e;
            }
        }
        return null;
    }

    List<AreaInfo> areasWith(Role role) {
        List<AreaInfo> out = new ArrayList<>();
        for (AreaInfo a : areas) {
            if (a.role == role) {
                out.add(a);
            }
        }
        return out;
    }
}
