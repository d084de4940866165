package org.datacollab.gateway;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import org.datacollab.infra.Infrastructure;
import org.datacollab.security.Caller;
import org.datacollab.security.InternalTokens;
import org.datacollab.security.Role;
import org.datacollab.testidp.IdentityProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * OIDC against a real token issuer (Spring Authorization Server, started by the test): a token of the
 * configured issuer for this API passes and becomes the caller of its claims; a token for another audience,
 * a token naming another issuer signed with the provider's very key, an expired token, and, after the provider rotated
 * its key, a token signed with the old key are refused; a token signed with the new key passes (the gateway
 * fetches the JWK set again for a key id it has not cached).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "datacollab.gateway.oidc.clock-skew=PT0S")
class OidcIssuerTest {

    static final String SECRET = "gateway-oidc-secret-0123456789abcdef";
    static final List<String> forwarded = new CopyOnWriteArrayList<>();
    static IdentityProvider issuer;
    static HttpServer service;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        issuer = IdentityProvider.start();
        try {
            service = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        service.createContext("/", exchange -> {
            forwarded.add(exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        service.start();
        String url = "http://127.0.0.1:" + service.getAddress().getPort();
        registry.add("spring.mongodb.uri", Infrastructure.shared()::mongoUri);
        registry.add("spring.mongodb.database", () -> "gateway-oidc-" + UUID.randomUUID().toString().substring(0, 8));
        registry.add("REGISTRY_URL", () -> url);
        registry.add("ASSESSMENT_URL", () -> url);
        registry.add("NOTIFICATION_URL", () -> url);
        registry.add("INTERNAL_TOKEN_SECRET", () -> SECRET);
        registry.add("OIDC_ISSUER", issuer::issuer);
        registry.add("OIDC_AUDIENCE", () -> IdentityProvider.AUDIENCE);
        registry.add("OIDC_JWK_SET_URI", issuer::jwkSetUri);
    }

    @AfterAll
    static void stop() {
        service.stop(0);
        issuer.close();
    }

    @LocalServerPort
    int port;

    int call(String token) {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(30)).build()
                .get().uri("/api/registry/partnerships").header("Authorization", "Bearer " + token)
                .exchange().returnResult(String.class).getStatus().value();
    }

    @Test
    void onlyTokensOfTheIssuerForThisApiUnexpiredAndSignedWithAPublishedKeyPass() throws Exception {
        String token = issuer.token(IdentityProvider.AUDIENCE);
        assertThat(call(token)).isEqualTo(200);
        Caller caller = new InternalTokens(SECRET).verify(forwarded.getLast().substring("Bearer ".length())).orElseThrow();
        assertThat(caller.subject()).isEqualTo("jwt:" + IdentityProvider.AUDIENCE);
        assertThat(caller.organization()).isEqualTo("open-state");
        assertThat(caller.roles()).containsExactly(Role.MONITOR);
        // the control for the forged tokens below: the provider's own claims signed here with its key pass
        assertThat(call(IdentityProvider.signedWithTheProvidersKey(SignedJWT.parse(token).getJWTClaimsSet()))).isEqualTo(200);
        int reached = forwarded.size();

        // the same provider, for another application
        String otherAudience = issuer.token("other-app");
        assertThat(SignedJWT.parse(otherAudience).getJWTClaimsSet().getAudience()).containsExactly("other-app");
        assertThat(call(otherAudience)).isEqualTo(401);
        // another issuer's token signed with the provider's own key: the signature verifies, the issuer does not
        String otherIssuer = IdentityProvider.signedWithTheProvidersKey(new JWTClaimsSet.Builder(SignedJWT.parse(token).getJWTClaimsSet())
                .issuer("http://127.0.0.1:1/another-issuer").build());
        assertThat(call(otherIssuer)).isEqualTo(401);
        assertThat(forwarded).as("nothing refused reached the service").hasSize(reached);
        // expired: a token that lives a second is refused once its exp has passed
        String shortLived = issuer.token("short-lived");
        await().atMost(Duration.ofSeconds(20)).until(() -> call(shortLived) == 401);
        assertThat(SignedJWT.parse(shortLived).getJWTClaimsSet().getExpirationTime().toInstant()).isBefore(Instant.now());
        int beforeExpired = forwarded.size();
        assertThat(call(shortLived)).isEqualTo(401);
        assertThat(forwarded).hasSize(beforeExpired);

        // the provider rotates its key: new tokens pass, tokens signed with the retired key no longer do
        IdentityProvider.rotateKey();
        String rotated = issuer.token(IdentityProvider.AUDIENCE);
        assertThat(SignedJWT.parse(rotated).getHeader().getKeyID()).isNotEqualTo(SignedJWT.parse(token).getHeader().getKeyID());
        assertThat(call(rotated)).isEqualTo(200);
        assertThat(call(token)).isEqualTo(401);
    }
}
