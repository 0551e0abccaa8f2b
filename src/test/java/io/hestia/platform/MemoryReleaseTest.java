package io.hestia.platform;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MemoryReleaseTest {

    @Test
    void releasesOnlyAfterBulkWorkAndOnlyOnceThingsAreQuiet() {
        MemoryRelease quietAtOnce = new MemoryRelease(true, 0);
        assertThat(quietAtOnce.releaseIfQuiet()).as("nothing bulky happened").isFalse();
        quietAtOnce.noteBulk();
        assertThat(quietAtOnce.releaseIfQuiet()).isTrue();
        assertThat(quietAtOnce.releaseIfQuiet()).as("released once per bulk period").isFalse();

        MemoryRelease patient = new MemoryRelease(true, 60_000);
        patient.noteBulk();
        assertThat(patient.releaseIfQuiet()).as("uploads still recent").isFalse();
        patient.releaseNow();
        assertThat(patient.releaseIfQuiet()).as("a release clears the mark").isFalse();
    }

    @Test
    void disabledNeverReleases() {
        MemoryRelease off = new MemoryRelease(false, 0);
        off.noteBulk();
        assertThat(off.releaseIfQuiet()).isFalse();
    }
}
