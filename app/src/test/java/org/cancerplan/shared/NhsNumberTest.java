package org.cancerplan.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NhsNumberTest {

    @ParameterizedTest
    @ValueSource(strings = { "9434765919", "9434765927", "4010232137", "9990000018" })
    void acceptsNumbersWithTheRightCheckDigit(String value) {
        assertThat(NhsNumber.of(value).value()).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = { "9434765918", "1234567890", "0000000001" })
    void refusesAWrongCheckDigit(String value) {
        assertThatThrownBy(() -> NhsNumber.of(value)).hasMessageContaining("check digit");
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "943476591", "94347659190", "943476591X", "943 476 5919" })
    void refusesAnythingButTenDigits(String value) {
        assertThatThrownBy(() -> NhsNumber.of(value)).hasMessageContaining("10 digits");
    }

    @Test
    void refusesNumbersWhoseCheckDigitWouldBeTen() {
        // weighted sums: 100000001? gives 12, so its check digit would be 10; 100000006?
        // gives 22, check digit 0
        assertThat(NhsNumber.problemWith("1000000010")).contains("check digit");
        assertThat(NhsNumber.isValid("1000000060")).isTrue();
    }

}
