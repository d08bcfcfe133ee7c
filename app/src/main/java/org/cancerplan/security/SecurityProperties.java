package org.cancerplan.security;

import java.net.URI;
import java.time.Duration;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may issue tokens the service accepts, and what staff roles allow.
 *
 * @param patient the patient identity provider (NHS login-style)
 * @param staff the staff identity provider (CIS2-style) and the role codes that count
 * @param integration the issuer of client-credentials tokens for integrations
 * @param audience the value every token's {@code aud} must contain
 * @param clockSkew how far {@code exp} and {@code nbf} may be off
 */
@ConfigurationProperties("cancerplan.security")
public record SecurityProperties(Issuer patient, Staff staff, Issuer integration, String audience,
        @DefaultValue("30s") Duration clockSkew) {

    public SecurityProperties {
        staff = staff == null ? new Staff(null, null, null) : staff;
    }

    public record Issuer(URI issuerUri) {
    }

    public record Staff(URI issuerUri, Set<String> clinicalRoleCodes, Set<String> adminRoleCodes) {

        public StaffRoles roles() {
            return new StaffRoles(clinicalRoleCodes, adminRoleCodes);
        }
    }
}
