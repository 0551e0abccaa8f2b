package io.hestia.ha.home;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class EntityIdsTest {

    /**
     * HA's core.VALID_ENTITY_ID, with {@code \d} spelled {@code 0-9}: Python's {@code \d} also matches other
     * Unicode digits, which HA's slugify never produces and Hestia deliberately refuses.
     */
    private static final Pattern HA = Pattern.compile("^(?!.+__)(?!_)[0-9a-z_]+(?<!_)\\.(?!_)[0-9a-z_]+(?<!_)$");

    @ParameterizedTest
    @ValueSource(strings = {
            "light.kitchen",
            "sensor.temperature_2",
            "binary_sensor.front_door",
            "a.b",
            "sensor.1",
            "1.2",
            "sensor2.x",
            "switch.a_b_c_d",
            "sensor.0_0",
            "climate.living_room_thermostat_123",
    })
    void valid(String id) {
        assertThat(EntityIds.isValid(id)).as(id).isTrue();
        assertThat(HA.matcher(id).matches()).as("HA agrees on %s", id).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // leading / trailing underscore in either part
            "_light.kitchen",
            "light_.kitchen",
            "light._kitchen",
            "light.kitchen_",
            "_.a",
            "a._",
            // double underscore anywhere
            "light.kitchen__main",
            "binary__sensor.door",
            "light.__",
            // uppercase and other characters
            "Light.kitchen",
            "light.Kitchen",
            "LIGHT.KITCHEN",
            "light.kitchen-main",
            "light.kitchen main",
            "light.küche",
            "light.caf\u00e9",
            "sensor.\u0661",
            "light.kitchen\n",
            // dots
            "light.kitchen.main",
            "light..kitchen",
            "lightkitchen",
            ".kitchen",
            "light.",
            ".",
            "",
            " light.kitchen",
    })
    void invalid(String id) {
        assertThat(EntityIds.isValid(id)).as(id).isFalse();
        assertThat(HA.matcher(id).matches()).as("HA agrees on %s", id).isFalse();
    }

    @Test
    void nullIsInvalid() {
        assertThat(EntityIds.isValid(null)).isFalse();
    }

    @Test
    void agreesWithHaOnRandomIds() {
        Random random = new Random(11);
        char[] alphabet = {'a', 'b', 'z', '0', '9', '_', '_', '.', 'A', '-'};
        int valid = 0;
        for (int i = 0; i < 50_000; i++) {
            int len = 1 + random.nextInt(8);
            StringBuilder sb = new StringBuilder(len);
            for (int k = 0; k < len; k++) {
                sb.append(alphabet[random.nextInt(alphabet.length)]);
            }
            String id = sb.toString();
            boolean expected = HA.matcher(id).matches();
            assertThat(EntityIds.isValid(id)).as(id).isEqualTo(expected);
            if (expected) {
                valid++;
            }
        }
        // the sample covers both answers
        assertThat(valid).isGreaterThan(500);
    }

    @Test
    void domainIsThePartBeforeTheDot() {
        assertThat(EntityIds.domain("binary_sensor.front_door")).isEqualTo("binary_sensor");
        assertThat(EntityIds.domain("a.b")).isEqualTo("a");
    }
}
