package org.datacollab.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Set;

import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InternalTokensTest {

    static final String SECRET = "0123456789abcdef0123456789abcdef-test";
    static final Caller STEWARD = Caller.of("key-1", "telco", List.of(Role.STEWARD), List.of("NL-Amsterdam"));

    @Test
    void aMintedTokenGivesBackItsCaller() {
        InternalTokens tokens = new InternalTokens(SECRET);
        assertThat(tokens.verify(tokens.mint(STEWARD, "req-1"))).contains(STEWARD);
    }

    @Test
    void aTokenSignedWithAnotherSecretOrTamperedWithOrExpiredIsRefused() {
        InternalTokens tokens = new InternalTokens(SECRET);
        InternalTokens other = new InternalTokens("another-secret-of-at-least-32-bytes!!");
        assertThat(tokens.verify(other.mint(STEWARD, "r"))).isEmpty();
        String token = tokens.mint(STEWARD, "r");
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"iss\":\"datacollab-gateway\",\"aud\":\"datacollab-services\",\"sub\":\"x\",\"org\":\"telco\",\"roles\":[\"ADMIN\"],\"exp\":9999999999}".getBytes())
                + "." + parts[2];
        assertThat(tokens.verify(forged)).isEmpty();
        assertThat(tokens.verify("not a token")).isEmpty();
        Clock past = Clock.fixed(Instant.now().minus(Duration.ofMinutes(5)), ZoneOffset.UTC);
        assertThat(tokens.verify(new InternalTokens(SECRET, null, past).mint(STEWARD, "r"))).isEmpty();
    }

    @Test
    void onlyHs256FromTheGatewayForTheServicesWithAnExpiryIsAccepted() throws Exception {
        // long enough to sign HS512 with the same secret: the algorithm, not the key length, refuses it
        String secret = SECRET.repeat(2);
        InternalTokens tokens = new InternalTokens(secret);
        JWTClaimsSet good = new JWTClaimsSet.Builder().issuer(InternalTokens.ISSUER).audience(InternalTokens.AUDIENCE)
                .subject("k").expirationTime(Date.from(Instant.now().plusSeconds(60))).claim("roles", List.of("ADMIN")).build();
        assertThat(tokens.verify(signed(secret, JWSAlgorithm.HS256, good))).isPresent();
        assertThat(tokens.verify(signed(secret, JWSAlgorithm.HS512, good))).as("another algorithm").isEmpty();
        assertThat(tokens.verify(new PlainJWT(good).serialize())).as("alg none").isEmpty();
        assertThat(tokens.verify(signed(secret, JWSAlgorithm.HS256, new JWTClaimsSet.Builder(good).issuer("someone-else").build())))
                .as("issuer").isEmpty();
        assertThat(tokens.verify(signed(secret, JWSAlgorithm.HS256, new JWTClaimsSet.Builder(good).audience("another").build())))
                .as("audience").isEmpty();
        assertThat(tokens.verify(signed(secret, JWSAlgorithm.HS256, new JWTClaimsSet.Builder(good).expirationTime(null).build())))
                .as("no expiry").isEmpty();
    }

    private static String signed(String secret, JWSAlgorithm algorithm, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(algorithm), claims);
        jwt.sign(new MACSigner(secret.getBytes()));
        return jwt.serialize();
    }

    @Test
    void theSecretCanBeRotatedWithoutRefusingTokensSignedWithThePreviousOne() {
        String next = "the-next-secret-of-at-least-32-bytes!!";
        InternalTokens old = new InternalTokens(SECRET);
        InternalTokens rotated = new InternalTokens(next, SECRET, Clock.systemUTC());
        assertThat(rotated.verify(old.mint(STEWARD, "r"))).contains(STEWARD);
        assertThat(new InternalTokens(SECRET).verify(rotated.mint(STEWARD, "r"))).isEmpty();
    }

    @Test
    void aShortOrMissingSecretStopsTheServiceFromStarting() {
        assertThatThrownBy(() -> new InternalTokens("short")).hasMessageContaining("INTERNAL_TOKEN_SECRET");
        assertThatThrownBy(() -> new InternalTokens(null)).hasMessageContaining("at least 32 bytes");
    }

    @Test
    void accessRules() {
        Caller monitor = new Caller("k", "city", Set.of(Role.MONITOR), Set.of("NL-Amsterdam"));
        assertThat(monitor.maySee(List.of("telco"), "telco", "NL-Amsterdam")).isTrue();
        assertThat(monitor.maySee(List.of("telco"), "telco", "NL-Utrecht")).isFalse();
        assertThat(monitor.maySee(List.of("city"), "telco", null)).isTrue();
        assertThat(monitor.mayRecord(List.of("city"), "telco")).isFalse();
        assertThat(STEWARD.mayRecord(List.of("telco"), "x")).isTrue();
        assertThat(STEWARD.mayRecord(List.of(), "telco")).isTrue();
        assertThat(STEWARD.mayRecord(List.of("ngo"), "ngo")).isFalse();
        assertThat(Caller.admin("root").maySee(List.of(), null, null)).isTrue();
        assertThat(monitor.actsFor("city")).isTrue();
        assertThat(monitor.actsFor("telco")).isFalse();
    }
}
