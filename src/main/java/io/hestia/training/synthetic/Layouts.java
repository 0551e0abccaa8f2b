package io.hestia.training.synthetic;

import java.util.List;

/** Per-type room templates (floors for multi-storey types) plus optional rooms. */
final class Layouts {

    private Layouts() {
    }

    enum Role {
        ENTRANCE, HALLWAY, LANDING, LIVING, KITCHEN, DINING, BEDROOM, KIDS, GUEST, BATHROOM, OFFICE, LAUNDRY,
        GARAGE, BASEMENT, GYM, OUTDOOR, MEDIA, STORAGE;

        /** rooms people pass through briefly: candidates for motion-controlled lights */
        boolean transit() {
            return switch (this) {
                case ENTRANCE, HALLWAY, LANDING, BATHROOM, GARAGE, LAUNDRY, BASEMENT, STORAGE -> true;
                default -> false;
            };
        }

        boolean indoor() {
            return this != OUTDOOR;
        }

        boolean sleeping() {
            return this == BEDROOM || this == KIDS || this == GUEST;
        }
    }

    record FloorSpec(String id, String name, int level, List<String> aliases) {
    }

    record AreaSpec(String name, Role role, String floorId, List<String> aliases) {
    }

    record Layout(List<FloorSpec> floors, List<AreaSpec> base, List<AreaSpec> optional) {
    }

    private static final FloorSpec BASEMENT = new FloorSpec("basement", "Basement", -1, List.of("cellar"));
    private static final FloorSpec GROUND = new FloorSpec("ground_floor", "Ground Floor", 0, List.of("downstairs"));
    private static final FloorSpec FIRST = new FloorSpec("first_floor", "First Floor", 1, List.of("upstairs"));
    private static final FloorSpec SECOND = new FloorSpec("second_floor", "Second Floor", 2, List.of("top floor"));
    private static final FloorSpec LOFT = new FloorSpec("loft", "Loft", 1, List.of("attic", "upstairs"));

    private static AreaSpec a(String name, Role role, FloorSpec floor, String... aliases) {
        return new AreaSpec(name, role, floor == null ? null : floor.id(), List.of(aliases));
    }

    static Layout of(HomeType type) {
        return switch (type) {
            case SINGLE_FAMILY -> new Layout(List.of(BASEMENT, GROUND, FIRST),
                    List.of(a("Entrance", Role.ENTRANCE, GROUND, "front hall"),
                            a("Hallway", Role.HALLWAY, GROUND, "hall"),
                            a("Living Room", Role.LIVING, GROUND, "lounge"),
                            a("Kitchen", Role.KITCHEN, GROUND),
                            a("Dining Room", Role.DINING, GROUND),
                            a("Garage", Role.GARAGE, GROUND),
                            a("Bedroom", Role.BEDROOM, FIRST, "master bedroom"),
                            a("Kids Room", Role.KIDS, FIRST, "children's room"),
                            a("Bathroom", Role.BATHROOM, FIRST),
                            a("Landing", Role.LANDING, FIRST, "upstairs hallway"),
                            a("Garden", Role.OUTDOOR, GROUND, "backyard")),
                    List.of(a("Office", Role.OFFICE, GROUND, "study"),
                            a("Laundry Room", Role.LAUNDRY, GROUND, "utility room"),
                            a("Guest Room", Role.GUEST, FIRST),
                            a("Basement", Role.BASEMENT, BASEMENT),
                            a("Gym", Role.GYM, BASEMENT, "workout room")));
            case APARTMENT -> new Layout(List.of(),
                    List.of(a("Hallway", Role.HALLWAY, null, "entrance", "hall"),
                            a("Living Room", Role.LIVING, null, "lounge"),
                            a("Kitchen", Role.KITCHEN, null),
                            a("Bedroom", Role.BEDROOM, null),
                            a("Bathroom", Role.BATHROOM, null)),
                    List.of(a("Office", Role.OFFICE, null, "study"),
                            a("Balcony", Role.OUTDOOR, null),
                            a("Guest Room", Role.GUEST, null, "spare room")));
            case CONDO -> new Layout(List.of(),
                    List.of(a("Entrance", Role.ENTRANCE, null, "foyer"),
                            a("Living Room", Role.LIVING, null, "lounge"),
                            a("Kitchen", Role.KITCHEN, null),
                            a("Dining Room", Role.DINING, null),
                            a("Bedroom", Role.BEDROOM, null, "master bedroom"),
                            a("Guest Room", Role.GUEST, null, "second bedroom"),
                            a("Bathroom", Role.BATHROOM, null)),
                    List.of(a("Office", Role.OFFICE, null, "study"),
                            a("Balcony", Role.OUTDOOR, null),
                            a("Laundry Room", Role.LAUNDRY, null)));
            case TOWNHOUSE -> new Layout(List.of(GROUND, FIRST, SECOND),
                    List.of(a("Entrance", Role.ENTRANCE, GROUND, "front hall"),
                            a("Garage", Role.GARAGE, GROUND),
                            a("Living Room", Role.LIVING, FIRST, "lounge"),
                            a("Kitchen", Role.KITCHEN, FIRST),
                            a("Dining Room", Role.DINING, FIRST),
                            a("Bedroom", Role.BEDROOM, SECOND, "master bedroom"),
                            a("Kids Room", Role.KIDS, SECOND),
                            a("Bathroom", Role.BATHROOM, SECOND),
                            a("Stairs", Role.LANDING, FIRST, "staircase")),
                    List.of(a("Office", Role.OFFICE, SECOND, "study"),
                            a("Patio", Role.OUTDOOR, GROUND),
                            a("Laundry Room", Role.LAUNDRY, GROUND)));
            case COTTAGE -> new Layout(List.of(GROUND, LOFT),
                    List.of(a("Porch", Role.ENTRANCE, GROUND, "entrance"),
                            a("Living Room", Role.LIVING, GROUND, "sitting room"),
                            a("Kitchen", Role.KITCHEN, GROUND),
                            a("Bathroom", Role.BATHROOM, GROUND),
                            a("Bedroom", Role.BEDROOM, LOFT)),
                    List.of(a("Garden", Role.OUTDOOR, GROUND),
                            a("Shed", Role.STORAGE, GROUND),
                            a("Study", Role.OFFICE, LOFT, "office")));
            case STUDIO -> new Layout(List.of(),
                    List.of(a("Entrance", Role.ENTRANCE, null, "hall"),
                            a("Main Room", Role.LIVING, null, "living room", "studio"),
                            a("Kitchenette", Role.KITCHEN, null, "kitchen"),
                            a("Sleeping Nook", Role.BEDROOM, null, "bedroom"),
                            a("Bathroom", Role.BATHROOM, null)),
                    List.of(a("Balcony", Role.OUTDOOR, null)));
            case MULTI_STORY -> new Layout(List.of(BASEMENT, GROUND, FIRST, SECOND),
                    List.of(a("Laundry Room", Role.LAUNDRY, BASEMENT, "utility room"),
                            a("Entrance", Role.ENTRANCE, GROUND, "front hall"),
                            a("Hallway", Role.HALLWAY, GROUND, "hall"),
                            a("Living Room", Role.LIVING, GROUND, "lounge"),
                            a("Kitchen", Role.KITCHEN, GROUND),
                            a("Dining Room", Role.DINING, GROUND),
                            a("Garage", Role.GARAGE, GROUND),
                            a("Bedroom", Role.BEDROOM, FIRST, "master bedroom"),
                            a("Bathroom", Role.BATHROOM, FIRST),
                            a("Landing", Role.LANDING, FIRST, "upstairs hallway"),
                            a("Office", Role.OFFICE, FIRST, "study"),
                            a("Kids Room", Role.KIDS, SECOND),
                            a("Guest Room", Role.GUEST, SECOND),
                            a("Top Bathroom", Role.BATHROOM, SECOND, "second bathroom")),
                    List.of(a("Home Theater", Role.MEDIA, BASEMENT, "cinema room"),
                            a("Gym", Role.GYM, BASEMENT, "workout room"),
                            a("Garden", Role.OUTDOOR, GROUND, "backyard")));
            case RANCH -> new Layout(List.of(),
                    List.of(a("Entrance", Role.ENTRANCE, null, "front hall"),
                            a("Hallway", Role.HALLWAY, null, "hall"),
                            a("Living Room", Role.LIVING, null, "family room"),
                            a("Kitchen", Role.KITCHEN, null),
                            a("Dining Room", Role.DINING, null),
                            a("Bedroom", Role.BEDROOM, null, "master bedroom"),
                            a("Guest Room", Role.GUEST, null),
                            a("Bathroom", Role.BATHROOM, null),
                            a("Garage", Role.GARAGE, null)),
                    List.of(a("Patio", Role.OUTDOOR, null, "porch"),
                            a("Office", Role.OFFICE, null, "den"),
                            a("Laundry Room", Role.LAUNDRY, null, "mudroom")));
        };
    }
}
