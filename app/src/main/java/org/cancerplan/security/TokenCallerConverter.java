package org.cancerplan.security;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.util.StringUtils;

/**
 * Reads the {@link Caller} out of a validated token, by the kind its issuer is trusted
 * for. A token that lacks what its kind needs (a patient token without
 * {@code nhs_number}, say) is refused as an invalid token.
 *
 * <p>
 * Claims read: patients {@code nhs_number}, {@code identity_proofing_level} (or the
 * {@code P} component of {@code vot}, e.g. {@code P9.Cp.Cd}),
 * {@code given_name}/{@code family_name}; staff the {@code nhsid_nrbac_roles} entry named
 * by {@code selected_roleid}, or the only entry when there is one ({@code org_code},
 * {@code role_code}, {@code activity_codes}), or else plain {@code org} and {@code role}
 * claims, and {@code name}, all from the token, or, when a userinfo endpoint is given and
 * the token carries no {@code nhsid_nrbac_roles}, from the issuer's userinfo answer
 * ({@code selected_roleid} from the token when userinfo has none); a staff token must
 * carry {@code sub}; integrations {@code scope} (or {@code scp}) and {@code client_id}
 * (or {@code sub}).
 */
class TokenCallerConverter implements Converter<Jwt, CallerAuthentication> {

    private static final Pattern PROOFING_LEVEL = Pattern.compile("P\\d+");

    private static final String ROLES = "nhsid_nrbac_roles";

    private final CallerKind kind;

    private final StaffRoles staffRoles;

    private final UserInfoEndpoint userInfo;

    private TokenCallerConverter(CallerKind kind, StaffRoles staffRoles, UserInfoEndpoint userInfo) {
        this.kind = kind;
        this.staffRoles = staffRoles;
        this.userInfo = userInfo;
    }

    static TokenCallerConverter patients() {
        return new TokenCallerConverter(CallerKind.PATIENT, null, null);
    }

    /**
     * Staff, their roles read from the token, or from the userinfo endpoint (when one is
     * given) if it has none.
     */
    static TokenCallerConverter staff(StaffRoles roles, UserInfoEndpoint userInfo) {
        return new TokenCallerConverter(CallerKind.STAFF, roles, userInfo);
    }

    static TokenCallerConverter integrations() {
        return new TokenCallerConverter(CallerKind.INTEGRATION, null, null);
    }

    @Override
    public CallerAuthentication convert(Jwt jwt) {
        Caller caller = switch (kind) {
            case PATIENT -> patient(jwt);
            case STAFF -> staff(jwt);
            case INTEGRATION -> integration(jwt);
            case SUPPORT -> throw new InvalidBearerTokenException("Support callers do not use tokens");
        };
        return new CallerAuthentication(caller, jwt, authorities(caller));
    }

    private static Caller patient(Jwt jwt) {
        String nhsNumber = jwt.getClaimAsString("nhs_number");
        if (!StringUtils.hasText(nhsNumber)) {
            throw new InvalidBearerTokenException("A patient token must carry nhs_number");
        }
        String level = proofingLevel(jwt.getClaimAsString("identity_proofing_level"), jwt.getClaimAsString("vot"));
        String name = String.join(" ",
                nonBlank(jwt.getClaimAsString("given_name"), jwt.getClaimAsString("family_name")));
        return Caller.patient(jwt.getSubject(), name.isBlank() ? "Patient" : name, nhsNumber, level);
    }

    /**
     * The level named by {@code identity_proofing_level}, else the {@code P} component of
     * the vector of trust.
     */
    static String proofingLevel(String level, String vectorOfTrust) {
        if (StringUtils.hasText(level) || !StringUtils.hasText(vectorOfTrust)) {
            return level;
        }
        return Arrays.stream(vectorOfTrust.split("\\."))
            .map(String::strip)
            .filter(part -> PROOFING_LEVEL.matcher(part).matches())
            .findFirst()
            .orElse(null);
    }

    private Caller staff(Jwt jwt) {
        if (!StringUtils.hasText(jwt.getSubject())) {
            throw new InvalidBearerTokenException("A staff token must carry sub");
        }
        boolean rolesInTheToken = jwt.getClaims().get(ROLES) instanceof Collection<?> roles && !roles.isEmpty();
        Map<String, Object> claims = userInfo == null || rolesInTheToken ? jwt.getClaims() : userInfo.claimsFor(jwt);
        Object selectedId = claims.getOrDefault("selected_roleid", jwt.getClaims().get("selected_roleid"));
        Map<?, ?> selected = selectedRole(claims.get(ROLES), string(selectedId));
        String organisation = string(selected == null ? claims.get("org") : selected.get("org_code"));
        String role = string(selected == null ? claims.get("role") : selected.get("role_code"));
        if (!StringUtils.hasText(organisation) || !StringUtils.hasText(role)) {
            throw new InvalidBearerTokenException("A staff token must name a role and an organisation");
        }
        List<String> activities = selected == null ? List.of() : strings(selected.get("activity_codes"));
        String name = string(claims.getOrDefault("name", jwt.getClaims().get("name")));
        return Caller.staff(jwt.getSubject(), StringUtils.hasText(name) ? name : jwt.getSubject(), organisation, role,
                staffRoles.privilegesOf(role, activities));
    }

    /**
     * The role the user acts in: the one {@code selected_roleid} names, or the only one
     * they have. Null when they have none listed (then plain claims may name it).
     */
    private static Map<?, ?> selectedRole(Object rolesClaim, String selectedId) {
        if (!(rolesClaim instanceof Collection<?> entries) || entries.isEmpty()) {
            return null;
        }
        List<Map<?, ?>> roles = entries.stream().filter(Map.class::isInstance).<Map<?, ?>>map(Map.class::cast).toList();
        if (selectedId == null) {
            if (roles.size() == 1 && entries.size() == 1) {
                return roles.get(0);
            }
            throw new InvalidBearerTokenException(
                    "The user has several roles in nhsid_nrbac_roles and " + "selected_roleid names none of them");
        }
        return roles.stream()
            .filter(role -> selectedId.equals(string(role.get("person_roleid"))))
            .findFirst()
            .orElseThrow(
                    () -> new InvalidBearerTokenException("selected_roleid names no role in " + "nhsid_nrbac_roles"));
    }

    private static Caller integration(Jwt jwt) {
        Set<String> scopes = new HashSet<>();
        Object scope = jwt.getClaims().getOrDefault("scope", jwt.getClaims().get("scp"));
        if (scope instanceof String text) {
            scopes.addAll(Arrays.asList(text.trim().split("\\s+")));
        }
        else if (scope instanceof Collection<?> list) {
            list.forEach(s -> scopes.add(String.valueOf(s)));
        }
        String clientId = jwt.getClaimAsString("client_id");
        return Caller.integration(StringUtils.hasText(clientId) ? clientId : jwt.getSubject(), scopes);
    }

    private static List<GrantedAuthority> authorities(Caller caller) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority("ROLE_" + caller.kind().name()));
        caller.scopes().forEach(s -> authorities.add(new SimpleGrantedAuthority("SCOPE_" + s)));
        caller.privileges().forEach(p -> authorities.add(new SimpleGrantedAuthority("STAFF_" + p.name())));
        return authorities;
    }

    private static List<String> nonBlank(String... values) {
        return Arrays.stream(values).filter(StringUtils::hasText).toList();
    }

    private static String string(Object value) {
        return value == null ? null : value.toString();
    }

    private static List<String> strings(Object value) {
        return value instanceof Collection<?> list ? list.stream().map(TokenCallerConverter::string).toList()
                : List.of();
    }

}
