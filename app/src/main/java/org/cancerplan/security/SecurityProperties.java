package org.cancerplan.security;

import java.net.URI;
import java.time.Duration;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;

/**
 * Who may issue tokens the service accepts, and what staff roles allow.
 *
 * @param patient the patient identity provider (NHS login-style)
 * @param staff the staff identity provider (CIS2-style) and the role codes that count
 * @param integration the issuer of client-credentials tokens for integrations
 * @param audience the {@code aud} of every issuer that names none of its own
 * @param clockSkew how far {@code exp}, {@code nbf} and {@code iat} may be off
 */
@ConfigurationProperties("cancerplan.security")
public record SecurityProperties(@DefaultValue Issuer patient, @DefaultValue Staff staff,
        @DefaultValue Issuer integration, String audience, @DefaultValue("30s") Duration clockSkew) {

    /**
     * @param issuerUri the issuer ({@code iss}) whose discovery document and keys are trusted
     * @param audience the {@code aud} its tokens must carry (NHS login: the relying party's client id)
     */
    public record Issuer(URI issuerUri, String audience) {
    }

    /**
     * @param issuerUri the staff issuer
     * @param audience the {@code aud} its tokens must carry (CIS2: the relying party's client id)
     * @param clinicalRoleCodes job roles ({@code R....}) that care for patients
     * @param adminRoleCodes job roles that run the service
     * @param clinicalActivityCodes national RBAC activities ({@code B....}) of the selected role that also grant the
     *        clinical privilege; none by default
     * @param adminActivityCodes activities that also grant the admin privilege; none by default
     * @param rolesFrom where the roles are read: the access token, or the issuer's userinfo endpoint
     * @param userinfo how the userinfo endpoint is called
     */
    public record Staff(URI issuerUri, String audience, Set<String> clinicalRoleCodes, Set<String> adminRoleCodes,
            Set<String> clinicalActivityCodes, Set<String> adminActivityCodes,
            @DefaultValue("token") RolesSource rolesFrom, @DefaultValue UserInfo userinfo) {

        public StaffRoles roles() {
            return new StaffRoles(clinicalRoleCodes, adminRoleCodes, clinicalActivityCodes, adminActivityCodes);
        }
    }

    /** Where staff roles ({@code nhsid_nrbac_roles}, {@code selected_roleid}) are read. */
    public enum RolesSource {
        TOKEN, USERINFO
    }

    /**
     * @param connectTimeout how long to wait for a connection to the userinfo endpoint
     * @param readTimeout how long to wait for its answer
     * @param cacheSize how many tokens' answers are kept (each until its token expires)
     */
    public record UserInfo(@DefaultValue("2s") Duration connectTimeout, @DefaultValue("5s") Duration readTimeout,
            @DefaultValue("10000") int cacheSize) {
    }

    /** The {@code aud} tokens of this kind of caller must carry: the issuer's own, else the common one. */
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
