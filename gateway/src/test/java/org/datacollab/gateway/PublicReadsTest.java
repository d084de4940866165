package org.datacollab.gateway;

import com.sun.net.httpserver.HttpServer;
import org.datacollab.testsupport.GatewayUnderTest;
import org.datacollab.security.Caller;
import org.datacollab.security.InternalTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads without a credential (decision 0045), against a stand-in service that records what reaches it: the public
 * catalogue is forwarded with the anonymous caller's internal token and limited per client address (the address
 * from X-Forwarded-For, because the test's loopback connection is a configured trusted proxy); the rest of the
 * catalogue, and anything but a GET of the public catalogue, still needs a key and reaches nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "datacollab.gateway.anonymous-reads.capacity=3", "datacollab.gateway.anonymous-reads.per=PT1M",
        "datacollab.gateway.trusted-proxies=127.0.0.1"})
class PublicReadsTest {

    static final String SECRET = "gateway-public-secret-0123456789abcdef";
    static final String ADMIN_KEY = "bootstrap-public-admin-key";
    static final InternalTokens TOKENS = new InternalTokens(SECRET);
    static final List<Received> received = new CopyOnWriteArrayList<>();
    static HttpServer service;

    record Received(String path, Map<String, List<String>> headers) {
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        try {
            service = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        service.setExecutor(Executors.newCachedThreadPool());
        service.createContext("/", exchange -> {
            received.add(new Received(exchange.getRequestURI().getPath(), Map.copyOf(exchange.getRequestHeaders())));
            byte[] body = "{\"total\":0,\"items\":[]}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        service.start();
        String url = "http://127.0.0.1:" + service.getAddress().getPort();
        String database = "gateway-public-" + UUID.randomUUID().toString().substring(0, 8);
        GatewayUnderTest.register(registry, database, url, SECRET, ADMIN_KEY);
        registry.add("datacollab.audit.database", () -> database + "-audit");
    }

    @AfterAll
    static void stop() {
        service.stop(0);
    }

    @LocalServerPort
    int port;
    WebTestClient http;

    @BeforeEach
    void client() {
        http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(30)).build();
        received.clear();
    }

    WebTestClient.ResponseSpec readPublic(String clientAddress) {
        return http.get().uri("/api/catalogue/public?q=floods").header("X-Forwarded-For", clientAddress).exchange();
    }

    @Test
    void thePublicCatalogueIsForwardedAsTheAnonymousCallerAndNothingElseIs() {
        readPublic("198.51.100.10").expectStatus().isOk();
        assertThat(received).hasSize(1);
        assertThat(received.getFirst().path()).isEqualTo("/catalogue/public");
        String authorization = received.getFirst().headers().get("Authorization").getFirst();
        Caller forwarded = TOKENS.verify(authorization.substring("Bearer ".length())).orElseThrow();
        assertThat(forwarded).isEqualTo(Caller.anonymous());
        assertThat(forwarded.isAnonymous()).isTrue();

        // the catalogue a key reads, its export, the import, the same service's other routes: a key is needed
        for (String path : List.of("/api/catalogue", "/api/catalogue/export", "/api/assessment/catalogue/public",
                "/api/assessment/catalogue", "/api/registry/partnerships")) {
            http.get().uri(path).exchange().expectStatus().isUnauthorized().expectBody().jsonPath("$.rule").isEqualTo("credentials-required");
        }
        http.post().uri("/api/catalogue/import").contentType(MediaType.parseMediaType("text/csv")).bodyValue("Title\nx\n")
                .exchange().expectStatus().isUnauthorized();
        http.post().uri("/api/catalogue/public").contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange().expectStatus().isUnauthorized();
        assertThat(received).hasSize(1);
        // an identity header the client writes is not forwarded
        http.get().uri("/api/catalogue/public").header("X-Organization", "city").header("X-Forwarded-For", "198.51.100.10")
                .exchange().expectStatus().isOk();
        assertThat(received.getLast().headers()).doesNotContainKey("X-organization");
    }

    @Test
    void anonymousReadsAreLimitedPerClientAddress() {
        for (int i = 0; i < 3; i++) {
            readPublic("198.51.100.20").expectStatus().isOk();
        }
        readPublic("198.51.100.20").expectStatus().isEqualTo(429)
                .expectHeader().value("Retry-After", value -> assertThat(Integer.parseInt(value)).isPositive())
                .expectBody().jsonPath("$.rule").isEqualTo("rate-limit");
        // writing another address to the left of what the proxy appended changes nothing
        http.get().uri("/api/catalogue/public").header("X-Forwarded-For", "203.0.113.9, 198.51.100.20").exchange().expectStatus().isEqualTo(429);
        assertThat(received).hasSize(3);
        // another client behind the same proxy reads, and so does a key from the limited address (its own budget)
        readPublic("198.51.100.21").expectStatus().isOk();
        http.get().uri("/api/catalogue/public").header("Authorization", "Bearer " + ADMIN_KEY).header("X-Forwarded-For", "198.51.100.20")
                .exchange().expectStatus().isOk();
        String authorization = received.getLast().headers().get("Authorization").getFirst();
        assertThat(TOKENS.verify(authorization.substring("Bearer ".length())).orElseThrow().isAdmin()).isTrue();
    }
}
