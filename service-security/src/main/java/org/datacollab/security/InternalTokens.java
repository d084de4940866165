package org.datacollab.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
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
    private static final Duration SKEW = Duration.ofSeconds(30);

    private final byte[] secret;
    private final List<byte[]> accepted = new ArrayList<>();
    private final Clock clock;

    public InternalTokens(String secret, String previousSecret, Clock clock) {
        this.secret = key(secret, "datacollab.security.internal-token.secret");
        this.accepted.add(this.secret);
        if (previousSecret != null && !previousSecret.isBlank()) {
            this.accepted.add(key(previousSecret, "datacollab.security.internal-token.previous-secret"));
        }
        this.clock = clock;
    }

    public InternalTokens(String secret) {
        this(secret, null, Clock.systemUTC());
    }

    private static byte[] key(String secret, String property) {
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

    /** The caller, when the token is well-formed, signed with an accepted secret, for us, and not expired. */
    public Optional<Caller> verify(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) {
                return Optional.empty();
            }
            boolean signed = false;
            for (byte[] key : accepted) {
                if (jwt.verify(new MACVerifier(key))) {
                    signed = true;
                    break;
                }
            }
            if (!signed) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Instant now = clock.instant();
            if (!ISSUER.equals(claims.getIssuer()) || claims.getAudience() == null || !claims.getAudience().contains(AUDIENCE)
                    || claims.getExpirationTime() == null || claims.getExpirationTime().toInstant().plus(SKEW).isBefore(now)
                    || claims.getSubject() == null) {
                return Optional.empty();
            }
            List<Role> roles = new ArrayList<>();
            for (String role : claims.getStringListClaim("roles")) {
                roles.add(Role.valueOf(role));
            }
            List<String> jurisdictions = claims.getStringListClaim("jurisdictions");
            return Optional.of(Caller.of(claims.getSubject(), claims.getStringClaim("org"), roles,
                    jurisdictions == null ? List.of() : jurisdictions));
        } catch (ParseException | JOSEException | IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
