package org.datacollab.gateway;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import org.datacollab.testsupport.GatewayUnderTest;
import org.datacollab.security.Caller;
import org.datacollab.security.InternalTokens;
import org.datacollab.security.Role;
import org.datacollab.testsupport.ApiDocuments;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.core.io.buffer.DataBuffer;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Arrays;

import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway as the only door, against a stand-in service that records what reaches it: API keys (issued,
 * hashed, revoked), OIDC bearer JWTs checked against a JWK set (a locally generated key pair), the internal
 * token forwarded in place of any credential or identity header, request ids, rate limits, request size,
 * Server-Sent Events passed through unbuffered, and the API explorer.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "datacollab.gateway.rate-limit.capacity=12", "datacollab.gateway.rate-limit.per-second=1"})
class GatewayIdentityTest {

    static final String SECRET = "gateway-test-secret-0123456789abcdef";
    static final String ADMIN_KEY = "bootstrap-test-admin-key";
    static final InternalTokens TOKENS = new InternalTokens(SECRET);
    static HttpServer service;
    static HttpServer identityProvider;
    static RSAKey signingKey;
    static final List<Map<String, List<String>>> received = new CopyOnWriteArrayList<>();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        start();
        String url = "http://127.0.0.1:" + service.getAddress().getPort();
        GatewayUnderTest.register(registry, "gateway-test-" + UUID.randomUUID().toString().substring(0, 8), url, SECRET, ADMIN_KEY);
        registry.add("GATEWAY_MAX_REQUEST_SIZE", () -> "4KB");
        registry.add("OIDC_ISSUER", () -> "https://idp.example.org");
        registry.add("OIDC_AUDIENCE", () -> "datacollab-api");
        registry.add("OIDC_JWK_SET_URI", () -> "http://127.0.0.1:" + identityProvider.getAddress().getPort() + "/jwks");
    }

    static synchronized void start() throws Exception {
        if (service != null) {
            return;
        }
        service = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        service.setExecutor(Executors.newCachedThreadPool());
        service.createContext("/", exchange -> {
            received.add(Map.copyOf(exchange.getRequestHeaders()));
            exchange.getRequestBody().readAllBytes();
            if (exchange.getRequestURI().getPath().endsWith("/stream")) {
                exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
                exchange.sendResponseHeaders(200, 0);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write("event: first\ndata: {}\n\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    Thread.sleep(3000);
                    out.write("event: second\ndata: {}\n\n".getBytes(StandardCharsets.UTF_8));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        service.start();
        signingKey = new RSAKeyGenerator(2048).keyID("test-key").generate();
        identityProvider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        identityProvider.createContext("/jwks", exchange -> {
            byte[] body = new JWKSet(signingKey.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        identityProvider.start();
    }

    @AfterAll
    static void stop() {
        service.stop(0);
        identityProvider.stop(0);
    }

    @LocalServerPort
    int port;
    WebTestClient http;

    @BeforeEach
    void client() {
        http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(30)).build();
        received.clear();
    }

    Caller forwardedCaller() {
        Map<String, List<String>> headers = received.getLast();
        assertThat(headers).doesNotContainKeys("X-api-key", "X-organization");
        String authorization = headers.get("Authorization").getFirst();
        return TOKENS.verify(authorization.substring("Bearer ".length())).orElseThrow();
    }

    String issue(String organization, String roles, String jurisdictions) {
        byte[] body = http.post().uri("/admin/api-keys").header("Authorization", "Bearer " + ADMIN_KEY).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"organization\":\"%s\",\"roles\":[%s],\"jurisdictions\":[%s],\"name\":\"test\"}".formatted(organization, roles, jurisdictions))
                .exchange().expectStatus().isCreated().expectBody().jsonPath("$.key").exists().returnResult().getResponseBody();
        return new String(body, StandardCharsets.UTF_8).replaceAll(".*\"key\":\"([^\"]+)\".*", "$1");
    }

    @Test
    void withoutCredentialsNothingPasses() {
        http.get().uri("/api/registry/partnerships").exchange().expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.rule").isEqualTo("credentials-required").jsonPath("$.field").isEqualTo("Authorization");
        http.get().uri("/api/registry/partnerships").header("Authorization", "Bearer dck_nosuchkey_secret").exchange().expectStatus().isUnauthorized();
        http.get().uri("/api/registry/partnerships").header("X-Organization", "telco").exchange().expectStatus().isUnauthorized();
        assertThat(received).isEmpty();
    }

    @Test
    void anIssuedKeyIsForwardedAsTheInternalTokenUntilItIsRevoked() {
        String key = issue("city-office", "\"MONITOR\"", "\"NL-Amsterdam\"");
        http.get().uri("/api/assessment/portfolios/jurisdictions/NL-Amsterdam").header("Authorization", "Bearer " + key)
                .header("X-Request-Id", "req-123").header("X-Organization", "someone-else")
                .exchange().expectStatus().isOk().expectHeader().valueEquals("X-Request-Id", "req-123");
        Caller caller = forwardedCaller();
        assertThat(caller.organization()).isEqualTo("city-office");
        assertThat(caller.roles()).containsExactly(Role.MONITOR);
        assertThat(caller.jurisdictions()).containsExactly("NL-Amsterdam");
        assertThat(received.getLast().get("X-request-id")).containsExactly("req-123");
        http.get().uri("/api/notifications/subscriptions?organization=city-office").header("X-API-Key", key).exchange().expectStatus().isOk();

        // the key is stored hashed: the list shows neither it nor its hash
        String listed = http.get().uri("/admin/api-keys").header("Authorization", "Bearer " + ADMIN_KEY).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(listed).contains("city-office").doesNotContain(key).doesNotContain("hash");
        // only an administrator manages keys
        http.post().uri("/admin/api-keys").header("Authorization", "Bearer " + key).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"organization\":\"x\",\"roles\":[\"ADMIN\"]}").exchange().expectStatus().isForbidden();
        http.post().uri("/admin/api-keys").header("Authorization", "Bearer " + ADMIN_KEY).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"organization\":\"x\",\"roles\":[\"OWNER\"]}").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.field").isEqualTo("roles").jsonPath("$.rule").isEqualTo("enum-value");

        String id = key.substring(4, key.indexOf('_', 4));
        http.delete().uri("/admin/api-keys/{id}", id).header("Authorization", "Bearer " + ADMIN_KEY).exchange().expectStatus().isNoContent();
        http.get().uri("/api/registry/partnerships").header("Authorization", "Bearer " + key).exchange().expectStatus().isUnauthorized();
    }

    @Test
    void anOidcBearerTokenFromTheConfiguredIssuerIsAccepted() throws Exception {
        String token = jwt("https://idp.example.org", "alice", Instant.now().plusSeconds(300));
        http.get().uri("/api/registry/partnerships").header("Authorization", "Bearer " + token).exchange().expectStatus().isOk();
        Caller caller = forwardedCaller();
        assertThat(caller.subject()).isEqualTo("jwt:alice");
        assertThat(caller.organization()).isEqualTo("open-state");
        assertThat(caller.roles()).containsExactlyInAnyOrder(Role.STEWARD, Role.DASHBOARD);
        // another issuer, or an expired token: refused
        http.get().uri("/api/registry/partnerships").header("Authorization", "Bearer " + jwt("https://evil.example.org", "alice", Instant.now().plusSeconds(300)))
                .exchange().expectStatus().isUnauthorized();
        http.get().uri("/api/registry/partnerships").header("Authorization", "Bearer " + jwt("https://idp.example.org", "alice", Instant.now().minusSeconds(600)))
                .exchange().expectStatus().isUnauthorized();
    }

    static String jwt(String issuer, String subject, Instant expires) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("test-key").build(), new JWTClaimsSet.Builder()
                .issuer(issuer).audience("datacollab-api").subject(subject).expirationTime(Date.from(expires))
                .claim("org", "open-state").claim("roles", List.of("STEWARD", "DASHBOARD", "SOMETHING_ELSE")).build());
        jwt.sign(new RSASSASigner(signingKey));
        return jwt.serialize();
    }

    @Test
    void aKeyOverItsRateIsAnswered429WithRetryAfter() {
        String key = issue("busy", "\"DASHBOARD\"", "");
        int limited = 0;
        String retryAfter = null;
        for (int i = 0; i < 16; i++) {
            var result = http.get().uri("/api/registry/partnerships").header("Authorization", "Bearer " + key).exchange().returnResult(String.class);
            if (result.getStatus().value() == 429) {
                limited++;
                retryAfter = result.getResponseHeaders().getFirst("Retry-After");
            }
        }
        assertThat(limited).isGreaterThanOrEqualTo(2);
        assertThat(Integer.parseInt(retryAfter)).isPositive();
    }

    @Test
    void largeBodiesAreRefusedAndStreamsAreNotBuffered() {
        http.post().uri("/api/registry/partnerships/import").header("Authorization", "Bearer " + ADMIN_KEY)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"x\":\"" + "a".repeat(10_000) + "\"}")
                .exchange().expectStatus().isEqualTo(413);
        // the same body in chunks, without a Content-Length: refused as strictly by the gateway (the stand-in
        // service would answer 200), which stops forwarding it at the limit
        byte[] chunked = ("{\"x\":\"" + "a".repeat(10_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        http.post().uri("/api/registry/partnerships/import").header("Authorization", "Bearer " + ADMIN_KEY)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Flux.range(0, 3).map(i -> DefaultDataBufferFactory.sharedInstance
                        .wrap(Arrays.copyOfRange(chunked, i * 4000, Math.min(chunked.length, (i + 1) * 4000)))), DataBuffer.class)
                .exchange().expectStatus().isEqualTo(413)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.rule").isEqualTo("body-size").jsonPath("$.limit").isEqualTo(4096);
        long started = System.nanoTime();
        var first = http.get().uri("/api/registry/partnerships/stream").header("Authorization", "Bearer " + ADMIN_KEY)
                .accept(MediaType.TEXT_EVENT_STREAM).exchange().expectStatus().isOk()
                .returnResult(String.class).getResponseBody().blockFirst(Duration.ofSeconds(10));
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(first).isNotNull();
        // the service sends its second event 3 s after the first: the first arrived long before, so nothing buffered it
        assertThat(millis).isLessThan(2500);
    }

    @Test
    void oneApiExplorerForAllServices() {
        http.get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection();
        http.get().uri("/v3/api-docs/swagger-config").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.urls[?(@.name == 'registry')].url").isEqualTo("/api/registry/v3/api-docs")
                .jsonPath("$.urls.length()").isEqualTo(4);
        // the services' descriptions pass without a key (they describe the API, not its data)
        http.get().uri("/api/registry/v3/api-docs").exchange().expectStatus().isOk();
    }

    /** What the gateway serves at /v3/api-docs is docs/openapi/gateway.json, from which the Java client is generated. */
    @Test
    void theServedDocumentIsTheCommittedOne() throws Exception {
        byte[] served = http.get().uri("/v3/api-docs").exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();
        ApiDocuments.assertServedAsCommitted("gateway", "gateway", served);
    }
}
