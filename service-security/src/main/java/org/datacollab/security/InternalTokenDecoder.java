package org.datacollab.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Verifies the internal token with Spring Security's resource server support: HS256 only, against a JWK set of
 * the current secret and (during a rotation) the previous one; issuer, audience, expiry and subject required;
 * a bounded clock skew ({@link InternalTokens#SKEW}). The verified token becomes a {@link CallerAuthentication}.
 */
public final class InternalTokenDecoder {

    private InternalTokenDecoder() {
    }

    /** The decoder for a service configured with this secret (and, while rotating, the previous one). */
    public static ReactiveJwtDecoder of(String secret, String previousSecret, Clock clock) {
        List<JWK> keys = new ArrayList<>();
        keys.add(key("current", InternalTokens.key(secret, "datacollab.security.internal-token.secret")));
        if (previousSecret != null && !previousSecret.isBlank()) {
            keys.add(key("previous", InternalTokens.key(previousSecret, "datacollab.security.internal-token.previous-secret")));
        }
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        // the algorithm is pinned: a token that names another (none, RS256 with the secret as a "public key") is refused
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.HS256, new ImmutableJWKSet<>(new JWKSet(keys))));
        // the claims are checked by Spring's validators below, with the same clock
        processor.setJWTClaimsSetVerifier((claims, context) -> {
        });
        NimbusReactiveJwtDecoder decoder = new NimbusReactiveJwtDecoder(
                jwt -> Mono.fromCallable(() -> processor.process(jwt, null))
                        // a token that does not verify is a bad token (401), not a failure of the service (500)
                        .onErrorMap(refused -> new BadJwtException(refused.getMessage(), refused)));
        decoder.setJwtValidator(validator(clock));
        return decoder;
    }

    static OAuth2TokenValidator<Jwt> validator(Clock clock) {
        JwtTimestampValidator timestamps = new JwtTimestampValidator(InternalTokens.SKEW);
        timestamps.setClock(clock);
        return new DelegatingOAuth2TokenValidator<>(List.of(
                timestamps,
                new JwtIssuerValidator(InternalTokens.ISSUER),
                new JwtAudienceValidator(InternalTokens.AUDIENCE),
                new JwtClaimValidator<>(JwtClaimNames.EXP, Objects::nonNull),
                new JwtClaimValidator<>(JwtClaimNames.SUB, Objects::nonNull)));
    }

    private static JWK key(String id, byte[] secret) {
        return new OctetSequenceKey.Builder(secret).keyID(id).algorithm(JWSAlgorithm.HS256).keyUse(KeyUse.SIGNATURE).build();
    }

    /** The caller the verified token carries. */
    public static Caller caller(Jwt jwt) {
        List<Role> roles = new ArrayList<>();
        List<String> names = jwt.getClaimAsStringList("roles");
        for (String role : names == null ? List.<String>of() : names) {
            roles.add(Role.valueOf(role));
        }
        List<String> jurisdictions = jwt.getClaimAsStringList("jurisdictions");
        return Caller.of(jwt.getSubject(), jwt.getClaimAsString("org"), roles, jurisdictions == null ? List.of() : jurisdictions);
    }

    /** The verified token as the authenticated caller. */
    public static Converter<Jwt, Mono<AbstractAuthenticationToken>> authentication() {
        return jwt -> Mono.fromCallable(() -> new CallerAuthentication(caller(jwt), jwt));
    }
}
