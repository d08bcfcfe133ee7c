package org.cancerplan.security;

import java.net.URI;
import java.time.Duration;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.PositiveOrZero;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;
import org.springframework.validation.annotation.Validated;

/**
 * Who may issue tokens the service accepts, and what staff roles allow.
 *
 * @param patient the patient identity provider (NHS login-style)
 * @param staff the staff identity provider (CIS2-style) and the role codes that count
 * @param integration the issuer of client-credentials tokens for integrations
 * @param audience the aud of every issuer that names none of its own
 * @param clockSkew how far exp, nbf and iat may be off
 */
@Validated
@ConfigurationProperties("cancerplan.security")
public record SecurityProperties(@DefaultValue Issuer patient, @DefaultValue @Valid Staff staff,
        @DefaultValue Issuer integration, String audience,
        @DefaultValue("30s") @DurationMin(nanos = 0, message = "must not be negative") Duration clockSkew) {

    /**
     * @param issuerUri the issuer (iss) whose discovery document and keys are trusted
     * @param audience the aud its tokens must carry (NHS login: the relying party's
     * client id)
     */
    public record Issuer(URI issuerUri, String audience) {
    }

    /**
     * @param issuerUri the staff issuer
     * @param audience the aud its tokens must carry (CIS2: the relying party's client id)
     * @param clinicalRoleCodes job roles (R....) that care for patients (left empty: the
     * default ones)
     * @param adminRoleCodes job roles that run the service (left empty: the default one)
     * @param clinicalActivityCodes national RBAC activities (B....) of the selected role
     * that also grant the clinical privilege; none by default
     * @param adminActivityCodes activities that also grant the admin privilege; none by
     * default
     * @param rolesFrom where the roles are read: the access token, or the issuer's
     * userinfo endpoint
     * @param userinfo how the userinfo endpoint is called
     */
    public record Staff(URI issuerUri, String audience, @DefaultValue( {
            "R8000", "R8001", "R8002", "R8003" }) Set<String> clinicalRoleCodes,
            @DefaultValue("R8013") Set<String> adminRoleCodes, @DefaultValue Set<String> clinicalActivityCodes,
            @DefaultValue Set<String> adminActivityCodes, @DefaultValue("token") RolesSource rolesFrom,
            @DefaultValue @Valid UserInfo userinfo){

        public StaffRoles roles() {
            return new StaffRoles(clinicalRoleCodes, adminRoleCodes, clinicalActivityCodes, adminActivityCodes);
        }
    }

    /**
     * Where staff roles ({@code nhsid_nrbac_roles}, {@code selected_roleid}) are read.
     */
    public enum RolesSource {

        TOKEN, USERINFO

    }

    /**
     * @param connectTimeout how long to wait for a connection to the userinfo endpoint
     * @param readTimeout how long to wait for its answer
     * @param cacheSize how many tokens' answers are kept (each until its token expires)
     */
    public record UserInfo(
            @DefaultValue("2s") @DurationMin(nanos = 1, message = "must be longer than 0") Duration connectTimeout,
            @DefaultValue("5s") @DurationMin(nanos = 1, message = "must be longer than 0") Duration readTimeout,
            @DefaultValue("10000") @PositiveOrZero int cacheSize) {
    }

    /**
     * The {@code aud} tokens of this kind of caller must carry: the issuer's own, else
     * the common one.
     */
    public String audienceOf(CallerKind kind) {
        String own = switch (kind) {
            case PATIENT -> patient.audience();
            case STAFF -> staff.audience();
            case INTEGRATION -> integration.audience();
            case SUPPORT -> null;
        };
        return StringUtils.hasText(own) ? own : audience;
    }
}
