package org.datacollab.security;

import org.datacollab.problem.Problem;
import org.datacollab.problem.ProblemConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.actuate.web.reactive.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import reactor.core.publisher.Mono;

import java.time.Clock;

/**
 * Turned on in a service by {@code datacollab.security.service=true}: the service is an OAuth2 resource server
 * whose only accepted bearer token is the gateway's internal token ({@link InternalTokenDecoder}); every request
 * but the API description needs one, {@code /admin/**} needs ADMIN, and handlers get the {@link Caller}. The
 * gateway's anonymous caller (a read of a public path without a credential) gets no further than the service's
 * {@link AnonymousReads}. The
 * actuator is on the management port (not routed by the gateway, reachable only from the monitoring namespace).
 * Without INTERNAL_TOKEN_SECRET the service does not start.
 */
@AutoConfiguration(after = ProblemConfiguration.class)
@ConditionalOnProperty(name = "datacollab.security.service", havingValue = "true")
@EnableConfigurationProperties({InternalTokenProperties.class, AnonymousReads.class})
@EnableWebFluxSecurity
@Import(DoorBasics.class)
public class ServiceSecurityConfiguration {

    private static final Problem TOKEN_REQUIRED = Problem.of(HttpStatus.UNAUTHORIZED, "internal-token-required", HttpHeaders.AUTHORIZATION,
            "Requests reach this service only through the gateway, with its internal token.");

    @Bean
    @ConditionalOnMissingBean
    public InternalTokens internalTokens(InternalTokenProperties properties) {
        return new InternalTokens(properties.secret(), properties.previousSecret(), Clock.systemUTC());
    }

    @Bean
    @ConditionalOnMissingBean(ReactiveJwtDecoder.class)
    public ReactiveJwtDecoder internalTokenDecoder(InternalTokenProperties properties) {
        return InternalTokenDecoder.of(properties.secret(), properties.previousSecret(), Clock.systemUTC());
    }

    @Bean
    public SecurityWebFilterChain serviceSecurity(ServerHttpSecurity http, ReactiveJwtDecoder decoder, SecurityProblems problems,
                                                  AnonymousReads anonymous) {
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .anonymous(ServerHttpSecurity.AnonymousSpec::disable)
                // the gateway writes the response headers that matter to browsers; a service answers it alone
                .headers(ServerHttpSecurity.HeaderSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .authorizeExchange(access -> {
                    // the actuator, only where it runs: the management port (EndpointRequest matches its context there)
                    access.matchers(EndpointRequest.toAnyEndpoint()).permitAll()
                            .pathMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs/**").permitAll();
                    if (!anonymous.anonymousReads().isEmpty()) {
                        // any verified internal token, the anonymous caller's included
                        access.pathMatchers(HttpMethod.GET, anonymous.anonymousReads().toArray(String[]::new)).authenticated();
                    }
                    access.pathMatchers("/admin/**").hasRole(Role.ADMIN.name())
                            // every other path: a caller with a key or token, never the anonymous one
                            .anyExchange().access(ServiceSecurityConfiguration::identified);
                })
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.jwtDecoder(decoder).jwtAuthenticationConverter(InternalTokenDecoder.authentication()))
                        .authenticationEntryPoint(problems.entryPoint(TOKEN_REQUIRED))
                        .accessDeniedHandler(problems.accessDenied()))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(problems.entryPoint(TOKEN_REQUIRED))
                        .accessDeniedHandler(problems.accessDenied()))
                .build();
    }

    private static Mono<AuthorizationResult> identified(Mono<Authentication> authentication, AuthorizationContext context) {
        return authentication.map(a -> new AuthorizationDecision(a instanceof CallerAuthentication c && c.isAuthenticated()
                && !c.caller().isAnonymous())).defaultIfEmpty(new AuthorizationDecision(false)).cast(AuthorizationResult.class);
    }
}
