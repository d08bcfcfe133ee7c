package org.cancerplan.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogMaskingTest {

    @Test
    void masksNhsNumbersWrittenEitherWay() {
        assertThat(LogMasking.mask("No patient with NHS number 9434765919"))
            .isEqualTo("No patient with NHS number ##########");
        assertThat(LogMasking.mask("nhsNumber=943 476 5919.")).isEqualTo("nhsNumber=##########.");
        assertThat(LogMasking.mask("{\"nhsNumber\": \"9434765919\"}")).isEqualTo("{\"nhsNumber\": \"##########\"}");
    }

    @Test
    void masksTheValuesOfNameFields() {
        assertThat(LogMasking.mask("{\"givenName\": \"Ann\", \"familyName\": \"O'Neil Smith\", \"x\": 1}"))
            .isEqualTo("{\"givenName\": \"***\", \"familyName\": \"***\", \"x\": 1}");
        assertThat(LogMasking.mask("Patient[givenName=Ann, family_name=Smith]"))
            .isEqualTo("Patient[givenName=***, family_name=***]");
        assertThat(LogMasking.mask("lead name: 'Dr Jones'")).isEqualTo("lead name: '***'");
    }

    @Test
    void leavesOtherNumbersAndIdsAlone() {
        String text = "at 2026-11-23T14:10:42.123Z took 1234567 ns, id 65f1c2ab9d3e4f5a6b7c8d9e, "
                + "correlation 123e4567-e89b-12d3-a456-426614174000, epoch 1763900000000, port 27017";
        assertThat(LogMasking.mask(text)).isEqualTo(text);
    }

}
