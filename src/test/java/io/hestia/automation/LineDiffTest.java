package io.hestia.automation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LineDiffTest {

    @Test
    void equalTextsHaveNoDiff() {
        assertThat(LineDiff.unified("a\nb\n", "a\nb\n")).isEmpty();
    }

    @Test
    void aChangedLineIsOneHunkWithContextAndDiffUNumbers() {
        String before = "id: x\nalias: Old\ntriggers:\n- trigger: time\n  at: '07:00:00'\nactions: []\n";
        String after = "id: x\nalias: New\ntriggers:\n- trigger: time\n  at: '07:00:00'\nactions: []\n";
        assertThat(LineDiff.unified(before, after)).isEqualTo("@@ -1,5 +1,5 @@\n id: x\n-alias: Old\n+alias: New\n"
                + " triggers:\n - trigger: time\n   at: '07:00:00'\n");
    }

    @Test
    void distantChangesAreSeparateHunks() {
        StringBuilder a = new StringBuilder();
        for (int i = 1; i <= 20; i++) {
            a.append("line ").append(i).append('\n');
        }
        String b = a.toString().replace("line 2\n", "line two\n").replace("line 19\n", "");
        String diff = LineDiff.unified(a.toString(), b);
        assertThat(diff).startsWith("@@ -1,5 +1,5 @@\n line 1\n-line 2\n+line two\n");
        assertThat(diff).contains("@@ -16,5 +16,4 @@\n line 16\n line 17\n line 18\n-line 19\n line 20\n");
    }

    @Test
    void fromAndToNothing() {
        assertThat(LineDiff.unified("", "a: 1\n")).isEqualTo("@@ -0,0 +1 @@\n+a: 1\n");
        assertThat(LineDiff.unified("a: 1\nb: 2\n", "")).isEqualTo("@@ -1,2 +0,0 @@\n-a: 1\n-b: 2\n");
    }
}
