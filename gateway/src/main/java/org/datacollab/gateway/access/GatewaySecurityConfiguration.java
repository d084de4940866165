package org.datacollab.gateway.access;

import org.datacollab.gateway.identity.CredentialAuthentication;
import org.datacollab.gateway.identity.OidcProperties;
import org.datacollab.gateway.identity.PresentedCredential;
import org.datacollab.security.DoorBasics;
import org.datacollab.security.InternalTokenProperties;
import org.datacollab.security.InternalTokens;
import org.datacollab.security.PathFirewall;
import org.datacollab.security.Role;
import org.datacollab.security.SecurityProblems;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.actuate.web.reactive.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.cors.reactive.CorsUtils;

import java.time.Clock;

/**
 * The door, as one Spring Security chain. The firewall ({@link PathFirewall}) refuses any path whose decoded
 * form is not the path as written, so the access rules below, the routes and the handlers all see one path.
 * A credential, when presented, is verified by {@link CredentialAuthentication} (API keys, OIDC tokens); a
 * wrong one is answered 401 and counted against the client's address ({@link DoorFilters}). Then:
 * <ul>
 *   <li>the actuator: only on the management port (the public port has none of it);</li>
 *   <li>{@link PublicPaths}: anyone may read them;</li>
 *   <li>{@code /admin/**} (the gateway's keys and audit) and {@code /api/*}{@code /admin/**} (each service's): ADMIN;</li>
 *   <li>everything else: an authenticated caller; the services decide tenancy from the internal token.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
@EnableScheduling
@Import(DoorBasics.class)
@EnableConfigurationProperties({AccessProperties.class, OidcProperties.class, InternalTokenProperties.class})
public class GatewaySecurityConfiguration {

    /** The gateway signs the internal token with the secret every service verifies it with. */
    @Bean
    public InternalTokens internalTokens(InternalTokenProperties properties) {
        return new InternalTokens(properties.secret(), null, Clock.systemUTC());
    }

    @Bean
    public SecurityWebFilterChain door(ServerHttpSecurity http, CredentialAuthentication credentials, DoorFilters door,
                                       SecurityProblems problems) {
        AuthenticationWebFilter authentication = new AuthenticationWebFilter(credentials);
        authentication.setServerAuthenticationConverter(PresentedCredential.converter());
        authentication.setAuthenticationFailureHandler(door.failure());
        authentication.setSecurityContextRepository(NoOpServerSecurityContextRepository.getInstance());
        ServerWebExchangeMatcher preflight = exchange -> CorsUtils.isPreFlightRequest(exchange.getRequest())
                ? ServerWebExchangeMatcher.MatchResult.match() : ServerWebExchangeMatcher.MatchResult.notMatch();
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .anonymous(ServerHttpSecurity.AnonymousSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .addFilterBefore(door.failedLoginGate(), SecurityWebFiltersOrder.AUTHENTICATION)
                .addFilterAt(authentication, SecurityWebFiltersOrder.AUTHENTICATION)
                .addFilterBefore(door.rateLimit(), SecurityWebFiltersOrder.AUTHORIZATION)
                .authorizeExchange(access -> access
                        .matchers(EndpointRequest.toAnyEndpoint()).permitAll()
                        // a CORS preflight carries no credential; the gateway's CORS settings answer it, nothing is forwarded
                        .matchers(preflight).permitAll()
                        .matchers(PublicPaths.matcher()).permitAll()
                        .pathMatchers("/admin/**", "/api/*/admin/**").hasRole(Role.ADMIN.name())
                        .anyExchange().authenticated())
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(problems.entryPoint(DoorFilters.CREDENTIALS_REQUIRED))
                        .accessDeniedHandler(problems.accessDenied()))
                .build();
    }
}
