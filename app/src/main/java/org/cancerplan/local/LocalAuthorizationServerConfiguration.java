package org.cancerplan.local;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.cancerplan.security.CallerKind;
import org.cancerplan.security.SecurityProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.util.function.SingletonSupplier;

/**
 * The embedded OAuth 2 authorization server of the local mode: three issuers on the
 * service's own port ({@code /patient}, {@code /staff}, {@code /integration}) with the
 * demo identities of {@link DemoIdentity}. Its signing key is made afresh in every run,
 * when first needed. It exists only in the local profile and refuses to run elsewhere.
 */
@Configuration(proxyBeanMethods = false)
@Profile(LocalMode.PROFILE)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class LocalAuthorizationServerConfiguration {

    /** The browser client: authorization code with PKCE, no secret. */
    static final String APP_CLIENT_ID = "cancerplan-app";

    LocalAuthorizationServerConfiguration(Environment environment) {
        LocalMode.requireLocalProfile(environment);
    }

    @Bean
    @Order(1)
    SecurityFilterChain localAuthorizationServer(HttpSecurity http) throws Exception {
        OAuth2AuthorizationServerConfigurer authorizationServer = new OAuth2AuthorizationServerConfigurer();
        http.securityMatcher(authorizationServer.getEndpointsMatcher())
            .with(authorizationServer, server -> server.oidc(Customizer.withDefaults()))
            .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
            .exceptionHandling(errors -> errors.defaultAuthenticationEntryPointFor(
                    new LoginUrlAuthenticationEntryPoint("/login"), new MediaTypeRequestMatcher(MediaType.TEXT_HTML)))
            .csrf(csrf -> csrf.ignoringRequestMatchers(authorizationServer.getEndpointsMatcher()));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain localSignIn(HttpSecurity http) throws Exception {
        http.securityMatcher("/login", "/logout")
            .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
            .formLogin(Customizer.withDefaults());
        return http.build();
    }

    /**
     * The stand-in gateway: the relay calls it without a token, as it calls NHS Notify
     * with its API key only.
     */
    @Bean
    @Order(3)
    SecurityFilterChain localNotifyGatewayChain(HttpSecurity http) throws Exception {
        http.securityMatcher(LocalNotifyGateway.PATH + "/**")
            .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
            .csrf(csrf -> csrf.disable());
        return http.build();
    }

    @Bean
    AuthorizationServerSettings localAuthorizationServerSettings() {
        return AuthorizationServerSettings.builder().multipleIssuersAllowed(true).build();
    }

    @Bean
    RegisteredClientRepository localClients(LocalModeProperties local) {
        List<RegisteredClient> clients = new ArrayList<>(DemoIdentity.ALL.stream()
            .map(identity -> RegisteredClient.withId(identity.id())
                .clientId(identity.id())
                .clientSecret("{noop}" + identity.clientSecret())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .scopes(scopes -> scopes.addAll(identity.scopes()))
                .tokenSettings(tokenSettings())
                .build())
            .toList());
        clients.add(RegisteredClient.withId(APP_CLIENT_ID)
            .clientId(APP_CLIENT_ID)
            .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
            .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
            .redirectUris(uris -> uris.addAll(local.appRedirectUris()))
            .scope(OidcScopes.OPENID)
            .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
            .tokenSettings(tokenSettings())
            .build());
        return new InMemoryRegisteredClientRepository(clients);
    }

    /**
     * Demo people who sign in through the browser flow: every demo patient and staff
     * member, password "demo".
     */
    @Bean
    UserDetailsService localPeople() {
        return new InMemoryUserDetailsManager(DemoIdentity.ALL.stream()
            .filter(identity -> identity.scopes().isEmpty())
            .map(identity -> User.withUsername(identity.id())
                .password("{noop}" + DemoIdentity.PASSWORD)
                .roles(identity.kind().name())
                .build())
            .toList());
    }

    /**
     * One RSA key for the run, made when the first token is signed or the key set is
     * first read: generating it takes from a tenth of a second to over a second of CPU,
     * which the start need not wait for.
     */
    @Bean
    JWKSource<SecurityContext> localSigningKeys() {
        SingletonSupplier<JWKSet> keys = SingletonSupplier.of(LocalAuthorizationServerConfiguration::newSigningKey);
        return (selector, context) -> selector.select(keys.obtain());
    }

    private static JWKSet newSigningKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair keyPair = generator.generateKeyPair();
            return new JWKSet(new RSAKey.Builder((RSAPublicKey) keyPair.getPublic())
                .privateKey((RSAPrivateKey) keyPair.getPrivate())
                .keyID(UUID.randomUUID().toString())
                .build());
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA keys are not available", e);
        }
    }

    /** Checks the tokens the OpenID Connect user-info endpoint is called with. */
    @Bean
    JwtDecoder localUserInfoTokenDecoder(JWKSource<SecurityContext> localSigningKeys) {
        return OAuth2AuthorizationServerConfiguration.jwtDecoder(localSigningKeys);
    }

    /**
     * Puts the demo identity's claims and its issuer's audience into its access tokens
     * (patients' signed RS512, as NHS login signs them), and refuses a token from an
     * issuer that is not the identity's own (a patient cannot get a staff token).
     */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> demoClaims(SecurityProperties security) {
        return context -> {
            if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                return;
            }
            String name = AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())
                    ? context.getRegisteredClient().getClientId() : context.getPrincipal().getName();
            DemoIdentity identity = DemoIdentity.ALL.stream()
                .filter(i -> i.id().equals(name))
                .findFirst()
                .orElseThrow(() -> refuse("Unknown demo identity " + name));
            String issuer = context.getAuthorizationServerContext().getIssuer();
            if (!issuer.endsWith(identity.issuerPath())) {
                throw refuse(name + " gets tokens from the " + identity.issuerPath() + " issuer only");
            }
            context.getClaims().audience(List.of(security.audienceOf(identity.kind())));
            identity.claims().forEach((claim, value) -> context.getClaims().claim(claim, value));
            if (identity.kind() == CallerKind.PATIENT) {
                context.getJwsHeader().algorithm(SignatureAlgorithm.RS512);
            }
        };
    }

    private static OAuth2AuthenticationException refuse(String why) {
        return new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.UNAUTHORIZED_CLIENT, why, null));
    }

    private static TokenSettings tokenSettings() {
        return TokenSettings.builder().accessTokenTimeToLive(Duration.ofHours(1)).build();
    }

}
