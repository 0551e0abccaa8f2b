package io.hestia.platform;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordPropertiesTest {

    enum Mode { FAST, CAREFUL }

    record Params(int minCount, double minSupport, boolean strict, Mode mode, String name) {
        Params {
            if (minCount < 1) {
                throw new IllegalArgumentException("minCount must be >= 1");
            }
        }
    }

    private static final Params DEFAULTS = new Params(5, 0.1, false, Mode.FAST, "x");

    private static Params bind(Map<String, String> props) {
        return RecordProperties.bind(DEFAULTS, "hestia.test", k -> Optional.ofNullable(props.get(k)));
    }

    @Test
    void unsetKeysKeepTheDefaultsAndSetOnesConvert() {
        assertThat(bind(Map.of())).isEqualTo(DEFAULTS);
        assertThat(bind(Map.of("hestia.test.min-count", "7", "hestia.test.min-support", " 0.25 ",
                "hestia.test.strict", "TRUE", "hestia.test.mode", "careful")))
                .isEqualTo(new Params(7, 0.25, true, Mode.CAREFUL, "x"));
        assertThat(RecordProperties.keys(Params.class, "hestia.test")).containsExactly("hestia.test.min-count",
                "hestia.test.min-support", "hestia.test.strict", "hestia.test.mode", "hestia.test.name");
    }

    @Test
    void badValuesNameTheProperty() {
        assertThatThrownBy(() -> bind(Map.of("hestia.test.min-count", "many")))
                .hasMessageContaining("hestia.test.min-count = 'many'");
        assertThatThrownBy(() -> bind(Map.of("hestia.test.strict", "yes"))).hasMessageContaining("hestia.test.strict");
        assertThatThrownBy(() -> bind(Map.of("hestia.test.min-count", "0"))).hasMessageContaining("minCount must be");
    }
}
