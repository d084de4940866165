package org.datacollab.gateway.identity;

import org.datacollab.security.Caller;
import org.datacollab.security.CallerAuthentication;
import org.datacollab.security.Role;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtReactiveAuthenticationManager;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * OIDC bearer JWTs as an authentication manager (Spring Security's resource server support): RS256 or ES256,
 * signed by a key of the provider's JWK set (fetched once, cached, fetched again when a token names a key it
 * does not hold, so a rotated key is picked up), from the configured issuer, for the configured audience, not
 * expired (within the bounded clock skew). Off when no issuer is configured: every bearer token that is not an
 * API key is then refused.
 */
@Component
public class OidcAuthentication implements ReactiveAuthenticationManager {

    private final OidcProperties properties;
    private final JwtReactiveAuthenticationManager delegate;

    public OidcAuthentication(OidcProperties properties) {
        this.properties = properties;
        if (!properties.enabled()) {
            this.delegate = null;
            return;
        }
        NimbusReactiveJwtDecoder decoder = (properties.jwkSetUri() == null || properties.jwkSetUri().isBlank()
                ? NimbusReactiveJwtDecoder.withIssuerLocation(properties.issuer())
                : NimbusReactiveJwtDecoder.withJwkSetUri(properties.jwkSetUri()))
                .jwsAlgorithms(algorithms -> {
                    algorithms.add(SignatureAlgorithm.RS256);
                    algorithms.add(SignatureAlgorithm.ES256);
                })
                .build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(List.of(
                new JwtTimestampValidator(properties.clockSkew()),
                new JwtIssuerValidator(properties.issuer()),
                new JwtAudienceValidator(properties.audience()),
                new JwtClaimValidator<>(JwtClaimNames.EXP, Objects::nonNull),
                new JwtClaimValidator<>(JwtClaimNames.SUB, Objects::nonNull))));
        this.delegate = new JwtReactiveAuthenticationManager(decoder);
        this.delegate.setJwtAuthenticationConverter(jwt -> Mono.just(new CallerAuthentication(caller(jwt), jwt)));
    }

    @Override
    public Mono<Authentication> authenticate(Authentication authentication) {
        if (delegate == null) {
            return Mono.error(new BadCredentialsException("not an API key, and OIDC is off"));
        }
        return delegate.authenticate(new BearerTokenAuthenticationToken(((PresentedCredential) authentication).value()));
    }

    Caller caller(Jwt jwt) {
        List<Role> roles = new ArrayList<>();
        List<String> names = jwt.getClaimAsStringList(properties.rolesClaim());
        for (String name : names == null ? List.<String>of() : names) {
            try {
                roles.add(Role.valueOf(name));
            } catch (IllegalArgumentException otherApplicationsRole) {
                // roles of other applications in the same token are ignored
            }
        }
        List<String> jurisdictions = jwt.getClaimAsStringList(properties.jurisdictionsClaim());
        return Caller.of("jwt:" + jwt.getSubject(), jwt.getClaimAsString(properties.organizationClaim()), roles,
                jurisdictions == null ? List.of() : jurisdictions);
    }
}
