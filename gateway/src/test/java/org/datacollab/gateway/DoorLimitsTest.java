package org.datacollab.gateway;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.sun.net.httpserver.HttpServer;
import org.datacollab.testsupport.GatewayUnderTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The door's limits: failed authentications per client address (429 with Retry-After, the address taken from
 * X-Forwarded-For because the test's loopback connection is a configured trusted proxy), a revoked key's open
 * stream closed (revoked here, and revoked by another instance), and key management in the audit trail.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "datacollab.gateway.failed-logins.capacity=5", "datacollab.gateway.failed-logins.per=PT1M",
        "datacollab.gateway.trusted-proxies=127.0.0.1", "datacollab.gateway.revocation-check=PT0.3S"})
class DoorLimitsTest {

    static final String ADMIN_KEY = "bootstrap-limits-admin-key";
    static final String DATABASE = "gateway-limits-" + UUID.randomUUID().toString().substring(0, 8);
    static final AtomicInteger openStreams = new AtomicInteger();
    static HttpServer service;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        try {
            service = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        service.setExecutor(Executors.newCachedThreadPool());
        // an endless stream, as the inbox's: an event every 100 ms until the client goes
        service.createContext("/", exchange -> {
            if (!exchange.getRequestURI().getPath().endsWith("/stream")) {
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            openStreams.incrementAndGet();
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 600; i++) {
                    out.write(("data: {\"n\":" + i + "}\n\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    Thread.sleep(100);
                }
            } catch (IOException | InterruptedException gone) {
                // the gateway closed the connection
            } finally {
                openStreams.decrementAndGet();
            }
        });
        service.start();
        String url = "http://127.0.0.1:" + service.getAddress().getPort();
        GatewayUnderTest.register(registry, DATABASE, url, "gateway-limits-secret-0123456789abcdef", ADMIN_KEY);
        registry.add("datacollab.audit.database", () -> DATABASE + "-audit");
    }

    @AfterAll
    static void stop() {
        service.stop(0);
    }

    @LocalServerPort
    int port;
    @Autowired
    MongoClient mongo;

    WebTestClient http() {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(30)).build();
    }

    String issue(String organization) {
        byte[] body = http().post().uri("/admin/api-keys").header("Authorization", "Bearer " + ADMIN_KEY).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"organization\":\"%s\",\"roles\":[\"DASHBOARD\"]}".formatted(organization))
                .exchange().expectStatus().isCreated().expectBody().returnResult().getResponseBody();
        return new String(body, StandardCharsets.UTF_8).replaceAll(".*\"key\":\"([^\"]+)\".*", "$1");
    }

    static String idOf(String key) {
        return key.substring(4, key.indexOf('_', 4));
    }

    @Test
    void wrongCredentialsFromOneAddressAreAnswered429WhileOtherAddressesPass() {
        String key = issue("busy-city");
        for (int i = 0; i < 5; i++) {
            http().get().uri("/api/registry/partnerships").header("Authorization", "Bearer dck_guess" + i + "_secret")
                    .header("X-Forwarded-For", "198.51.100.1").exchange().expectStatus().isUnauthorized();
        }
        // the sixth try from that address: refused before the key is looked at, even a right one
        http().get().uri("/api/registry/partnerships").header("Authorization", "Bearer dck_guess6_secret")
                .header("X-Forwarded-For", "198.51.100.1").exchange().expectStatus().isEqualTo(429)
                .expectHeader().value("Retry-After", value -> assertThat(Integer.parseInt(value)).isPositive())
                .expectBody().jsonPath("$.rule").isEqualTo("failed-logins");
        http().get().uri("/api/registry/partnerships/x").header("X-API-Key", key)
                .header("X-Forwarded-For", "198.51.100.1").exchange().expectStatus().isEqualTo(429);
        // writing another address to the left of what the proxy appended changes nothing
        http().get().uri("/api/registry/partnerships/x").header("X-API-Key", key)
                .header("X-Forwarded-For", "203.0.113.9, 198.51.100.1").exchange().expectStatus().isEqualTo(429);
        // another client behind the same proxy is not affected
        http().get().uri("/api/registry/partnerships/x").header("X-API-Key", key)
                .header("X-Forwarded-For", "198.51.100.2").exchange().expectStatus().isOk();
    }

    @Test
    void aRevokedKeysOpenStreamsClose() {
        String revokedHere = issue("streams-here");
        String revokedElsewhere = issue("streams-elsewhere");
        AtomicBoolean hereEnded = stream(revokedHere);
        AtomicBoolean elsewhereEnded = stream(revokedElsewhere);
        await().atMost(Duration.ofSeconds(10)).until(() -> openStreams.get() >= 2);

        http().delete().uri("/admin/api-keys/{id}", idOf(revokedHere)).header("Authorization", "Bearer " + ADMIN_KEY)
                .exchange().expectStatus().isNoContent();
        await().atMost(Duration.ofSeconds(10)).untilTrue(hereEnded);
        assertThat(elsewhereEnded).isFalse();
        // another gateway instance revokes the second key: only the shared key store knows it
        mongo.getDatabase(DATABASE).getCollection("api_keys").updateOne(Filters.eq("_id", idOf(revokedElsewhere)),
                Updates.set("revokedAt", new Date()));
        await().atMost(Duration.ofSeconds(10)).untilTrue(elsewhereEnded);
        await().atMost(Duration.ofSeconds(10)).until(() -> openStreams.get() == 0);
        http().get().uri("/api/notifications/inbox/x/stream").header("X-API-Key", revokedHere).exchange().expectStatus().isUnauthorized();
    }

    AtomicBoolean stream(String key) {
        AtomicBoolean ended = new AtomicBoolean();
        AtomicInteger events = new AtomicInteger();
        http().get().uri("/api/notifications/inbox/x/stream").header("X-API-Key", key).accept(MediaType.TEXT_EVENT_STREAM)
                .exchange().expectStatus().isOk().returnResult(String.class).getResponseBody()
                .doFinally(signal -> ended.set(true)).subscribe(event -> events.incrementAndGet(), error -> ended.set(true));
        await().atMost(Duration.ofSeconds(10)).until(() -> events.get() > 0);
        return ended;
    }

    @Test
    void theAuditTrailsDateAndKeyRequestsAreBoundedAndStrictAndNothingIsIssuedBeyondThem() {
        for (String since : List.of("+999999999-12-31T00:00:00Z", "-999999999-01-01T00:00:00Z", "0999-12-31T23:59:59Z")) {
            http().get().uri("/admin/audit?since={since}", since).header("Authorization", "Bearer " + ADMIN_KEY).exchange()
                    .expectStatus().isBadRequest().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON).expectBody()
                    .jsonPath("$.rule").isEqualTo("date-range").jsonPath("$.field").isEqualTo("since");
        }
        String organization = "bounded-" + UUID.randomUUID().toString().substring(0, 8);
        String many = String.join(",", Collections.nCopies(101, "\"NL\""));
        Map<String, String> refused = Map.of(
                "{\"organization\":\"%s\",\"roles\":[\"MONITOR\"],\"jurisdictions\":[%s]}".formatted(organization, many), "jurisdictions",
                "{\"organization\":\"%s\",\"roles\":[\"MONITOR\"],\"jurisdictions\":[\"%s\"]}".formatted(organization, "j".repeat(101)),
                "jurisdictions[0]",
                "{\"organization\":\"%s\",\"roles\":[\"MONITOR\"],\"name\":\"%s\"}".formatted(organization, "n".repeat(201)), "name");
        refused.forEach((body, field) -> http().post().uri("/admin/api-keys").header("Authorization", "Bearer " + ADMIN_KEY)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.field").isEqualTo(field));
        // a field a key request does not have, and a name given twice, are refused rather than ignored or guessed at
        http().post().uri("/admin/api-keys").header("Authorization", "Bearer " + ADMIN_KEY).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"organization\":\"%s\",\"roles\":[\"MONITOR\"],\"jurisdiction\":[\"NL\"]}".formatted(organization))
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.rule").isEqualTo("known-field")
                .jsonPath("$.field").isEqualTo("jurisdiction");
        http().post().uri("/admin/api-keys").header("Authorization", "Bearer " + ADMIN_KEY).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"organization\":\"elsewhere\",\"organization\":\"%s\",\"roles\":[\"MONITOR\"]}".formatted(organization))
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.rule").isEqualTo("malformed-json");
        issue(organization + "-control");
        String listed = new String(http().get().uri("/admin/api-keys?limit=1000").header("Authorization", "Bearer " + ADMIN_KEY).exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBody(), StandardCharsets.UTF_8);
        assertThat(listed).contains("\"organization\":\"" + organization + "-control\"")
                .doesNotContain("\"organization\":\"" + organization + "\"");
    }

    @Test
    void keysIssuedAndRevokedAreInTheAuditTrailWhichOnlyAnAdministratorReads() {
        String key = issue("audited");
        http().delete().uri("/admin/api-keys/{id}", idOf(key)).header("Authorization", "Bearer " + ADMIN_KEY).exchange().expectStatus().isNoContent();
        http().get().uri("/admin/audit?limit=50").header("Authorization", "Bearer " + ADMIN_KEY).exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$[?(@.action == 'api-key.issued' && @.target == 'key:%s')].subject".formatted(idOf(key))).isEqualTo("bootstrap-admin")
                .jsonPath("$[?(@.action == 'api-key.issued' && @.target == 'key:%s')].details.organization".formatted(idOf(key))).isEqualTo("audited")
                .jsonPath("$[?(@.action == 'api-key.revoked' && @.target == 'key:%s')].service".formatted(idOf(key))).isEqualTo("gateway");
        http().get().uri("/admin/audit").header("X-API-Key", issue("curious")).exchange().expectStatus().isForbidden();
        http().get().uri("/admin/audit").exchange().expectStatus().isUnauthorized();
    }
}
