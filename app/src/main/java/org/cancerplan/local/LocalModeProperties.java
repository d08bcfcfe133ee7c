package org.cancerplan.local;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the local mode.
 *
 * @param appRedirectUris where the browser client (cancerplan-app, authorization code
 * with PKCE) may be sent back to after sign-in
 */
@ConfigurationProperties("cancerplan.local")
record LocalModeProperties(@DefaultValue( {
        "http://127.0.0.1:3000/callback", "http://localhost:3000/callback" }) List<String> appRedirectUris){
}
