package io.hestia;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HestiaApplicationTest {

    @Test
    void allServicesInTheirKnownOrder() {
        assertThat(HestiaApplication.parseServices(String.join(",", HestiaApplication.SERVICES)))
                .containsExactly("training", "pattern", "query", "automation");
    }

    @Test
    void aSubsetKeepsTheGivenOrder() {
        assertThat(HestiaApplication.parseServices("query")).containsExactly("query");
        assertThat(HestiaApplication.parseServices("automation,pattern")).containsExactly("automation", "pattern");
    }

    @Test
    void whitespaceCaseEmptyItemsAndRepeatsAreTolerated() {
        assertThat(HestiaApplication.parseServices("  query , PATTERN,,  ,query,\tTraining\n"))
                .containsExactly("query", "pattern", "training");
    }

    @Test
    void nothingSelectedIsAnEmptySet() {
        assertThat(HestiaApplication.parseServices("")).isEmpty();
        assertThat(HestiaApplication.parseServices(" , ,")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"querry", "query,patterns", "training, platform", "query;pattern", "ha"})
    void anUnknownServiceIsNamed(String csv) {
        assertThatThrownBy(() -> HestiaApplication.parseServices(csv))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hestia.services")
                .hasMessageContaining("unknown service")
                .hasMessageContaining("training, pattern, query, automation");
    }

    @Test
    void theMessageNamesTheUnknownService() {
        assertThatThrownBy(() -> HestiaApplication.parseServices("query, Weather "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'weather'");
        assertThatThrownBy(() -> HestiaApplication.parseServices("query;pattern"))
                .hasMessageContaining("'query;pattern'");
    }
}
