package org.datacollab.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;

/**
 * The internal token: a JWT (HS256) that the gateway signs for every request it forwards, valid for a minute,
 * carrying the caller. Services verify it with the same secret and trust nothing else about identity. A
 * previous secret may be given too, so that the secret can be rotated without downtime (docs/security.md).
 */
public final class InternalTokens {

    public static final String ISSUER = "datacollab-gateway";
    public static final String AUDIENCE = "datacollab-services";
    public static final Duration LIFETIME = Duration.ofSeconds(60);
    /** How far the clocks of the gateway and a service may disagree. */
    public static final Duration SKEW = Duration.ofSeconds(30);

    private final byte[] secret;
    private final Clock clock;
    private final ReactiveJwtDecoder decoder;

    public InternalTokens(String secret, String previousSecret, Clock clock) {
        this.secret = key(secret, "datacollab.security.internal-token.secret");
        this.clock = clock;
        this.decoder = InternalTokenDecoder.of(secret, previousSecret, clock);
    }

    public InternalTokens(String secret) {
        this(secret, null, Clock.systemUTC());
    }

    static byte[] key(String secret, String property) {
        if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < 32) {
            throw new IllegalStateException(property + " (INTERNAL_TOKEN_SECRET) must be set to at least 32 bytes: "
                    + "the gateway signs the internal token with it and every service verifies it");
        }
        return secret.getBytes(StandardCharsets.UTF_8);
    }

    public String mint(Caller caller, String requestId) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER).audience(AUDIENCE).subject(caller.subject())
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(LIFETIME)))
                .jwtID(UUID.randomUUID().toString())
                .claim("org", caller.organization())
                .claim("roles", caller.roles().stream().map(Enum::name).sorted().toList())
                .claim("jurisdictions", caller.jurisdictions().stream().sorted().toList())
                .claim("rid", requestId)
                .build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(secret));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign the internal token", e);
        }
    }

    /**
     * The caller, when the token verifies as a service verifies it ({@link InternalTokenDecoder}: signed with an
     * accepted secret, for us, not expired); for tests and stubs that stand in for a service.
     */
    public Optional<Caller> verify(String token) {
        try {
            return Optional.ofNullable(decoder.decode(token).map(InternalTokenDecoder::caller).block());
        } catch (RuntimeException refused) {
            return Optional.empty();
        }
    }
}
