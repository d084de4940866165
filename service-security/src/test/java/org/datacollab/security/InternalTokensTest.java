package org.datacollab.security;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

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
        String forged = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"iss\":\"datacollab-gateway\",\"aud\":\"datacollab-services\",\"sub\":\"x\",\"org\":\"telco\",\"roles\":[\"ADMIN\"],\"exp\":9999999999}".getBytes())
                + "." + parts[2];
        assertThat(tokens.verify(forged)).isEmpty();
        assertThat(tokens.verify("not a token")).isEmpty();
        Clock past = Clock.fixed(Instant.now().minus(Duration.ofMinutes(5)), ZoneOffset.UTC);
        assertThat(tokens.verify(new InternalTokens(SECRET, null, past).mint(STEWARD, "r"))).isEmpty();
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
