package org.cancerplan.security;

import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;

/**
 * A token could not be checked because its identity provider did not answer in time (its
 * userinfo endpoint, say): answered with 503, never with access. Deliberately not an
 * {@link AuthenticationServiceException}, which the bearer token filter rethrows instead
 * of handing it to the entry point.
 */
class IdentityProviderUnavailableException extends AuthenticationException {

    public IdentityProviderUnavailableException(String message) {
        super(message);
    }

}
