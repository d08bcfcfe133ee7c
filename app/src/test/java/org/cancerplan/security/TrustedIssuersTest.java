package org.cancerplan.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Each issuer has an audience of its own, or the common one; start-up names the setting
 * an issuer lacks.
 */
class TrustedIssuersTest {

    private static final String PATIENT = "https://auth.login.nhs.uk";

    private static final String STAFF = "https://cis2.example.org";

    @Test
    void eachIssuerMayNameItsOwnAudienceWithoutACommonOne() {
        SecurityProperties properties = bind(Map.of("cancerplan.security.patient.issuer-uri", PATIENT,
                "cancerplan.security.patient.audience", "nhs-login-client-id", "cancerplan.security.staff.issuer-uri",
                STAFF, "cancerplan.security.staff.audience", "cis2-client-id"));

        assertThatCode(() -> new TrustedIssuers(properties)).doesNotThrowAnyException();
        assertThat(properties.audienceOf(CallerKind.PATIENT)).isEqualTo("nhs-login-client-id");
        assertThat(properties.audienceOf(CallerKind.STAFF)).isEqualTo("cis2-client-id");
    }

    @Test
    void anIssuerWithoutItsOwnAudienceTakesTheCommonOne() {
        SecurityProperties properties = bind(Map.of("cancerplan.security.patient.issuer-uri", PATIENT,
                "cancerplan.security.patient.audience", "nhs-login-client-id", "cancerplan.security.staff.issuer-uri",
                STAFF, "cancerplan.security.audience", "cancerplan-api"));

        assertThat(properties.audienceOf(CallerKind.PATIENT)).isEqualTo("nhs-login-client-id");
        assertThat(properties.audienceOf(CallerKind.STAFF)).isEqualTo("cancerplan-api");
        assertThat(properties.audienceOf(CallerKind.INTEGRATION)).isEqualTo("cancerplan-api");
    }

    @Test
    void startUpNamesTheAudienceSettingAnIssuerLacks() {
        SecurityProperties properties = bind(
                Map.of("cancerplan.security.patient.issuer-uri", PATIENT, "cancerplan.security.patient.audience",
                        "nhs-login-client-id", "cancerplan.security.staff.issuer-uri", STAFF));

        assertThatThrownBy(() -> new TrustedIssuers(properties)).isInstanceOf(MissingSettingException.class)
            .hasMessageContaining("cancerplan.security.staff.audience")
            .hasMessageContaining("cancerplan.security.audience")
            .extracting(failure -> ((MissingSettingException) failure).setting())
            .isEqualTo("cancerplan.security.staff.audience");
    }

    private static SecurityProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("cancerplan.security",
                SecurityProperties.class);
    }

}
