package org.cancerplan.security;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.util.StringUtils;

/**
 * Reads the {@link Caller} out of a validated token, by the kind its issuer is trusted for. A token that lacks what
 * its kind needs (a patient token without {@code nhs_number}, say) is refused as an invalid token.
 *
 * <p>Claims read: patients {@code nhs_number}, {@code identity_proofing_level} (or the level at the start of
 * {@code vot}), {@code given_name}/{@code family_name}; staff the {@code nhsid_nrbac_roles} entry named by
 * {@code selected_roleid} ({@code org_code}, {@code role_code}), or else plain {@code org} and {@code role} claims,
 * and {@code name}; integrations {@code scope} (or {@code scp}) and {@code client_id} (or {@code sub}).
 */
class TokenCallerConverter implements Converter<Jwt, CallerAuthentication> {

    private final CallerKind kind;
    private final StaffRoles staffRoles;

    TokenCallerConverter(CallerKind kind, StaffRoles staffRoles) {
        this.kind = kind;
        this.staffRoles = staffRoles;
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
        String level = jwt.getClaimAsString("identity_proofing_level");
        String vot = jwt.getClaimAsString("vot");
        if (!StringUtils.hasText(level) && StringUtils.hasText(vot) && vot.length() >= 2) {
            level = vot.substring(0, 2);
        }
        String name = String.join(" ", nonBlank(jwt.getClaimAsString("given_name"), jwt.getClaimAsString("family_name")));
        return Caller.patient(jwt.getSubject(), name.isBlank() ? "Patient" : name, nhsNumber, level);
    }

    private Caller staff(Jwt jwt) {
        String organisation = jwt.getClaimAsString("org");
        String role = jwt.getClaimAsString("role");
        Map<String, Object> selected = selectedRole(jwt);
        if (selected != null) {
            organisation = string(selected.get("org_code"));
            role = string(selected.get("role_code"));
        }
        if (!StringUtils.hasText(organisation) || !StringUtils.hasText(role)) {
            throw new InvalidBearerTokenException("A staff token must name a role and an organisation");
        }
        String name = jwt.getClaimAsString("name");
        return Caller.staff(jwt.getSubject(), StringUtils.hasText(name) ? name : jwt.getSubject(), organisation, role,
                staffRoles.privilegesOf(role));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> selectedRole(Jwt jwt) {
        Object roles = jwt.getClaims().get("nhsid_nrbac_roles");
        String selectedId = jwt.getClaimAsString("selected_roleid");
        if (!(roles instanceof Collection<?> entries) || selectedId == null) {
            return null;
        }
        for (Object entry : entries) {
            if (entry instanceof Map<?, ?> role && selectedId.equals(string(role.get("person_roleid")))) {
                return (Map<String, Object>) role;
            }
        }
        throw new InvalidBearerTokenException("selected_roleid names no role in nhsid_nrbac_roles");
    }

    private static Caller integration(Jwt jwt) {
        Set<String> scopes = new HashSet<>();
        Object scope = jwt.getClaims().getOrDefault("scope", jwt.getClaims().get("scp"));
        if (scope instanceof String text) {
            scopes.addAll(Arrays.asList(text.trim().split("\\s+")));
        } else if (scope instanceof Collection<?> list) {
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
}
