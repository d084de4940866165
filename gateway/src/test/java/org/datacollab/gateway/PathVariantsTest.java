package org.datacollab.gateway;

import com.sun.net.httpserver.HttpServer;
import org.datacollab.testsupport.GatewayUnderTest;
import org.datacollab.testsupport.PathVariants;
import org.datacollab.testsupport.RawHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No spelling of a path gets past the door: the admin API, every management endpoint and a tenant endpoint,
 * each in every encoding a normalizing client would never send (percent-encoded letters, double encoding,
 * {@code ;} parameters, {@code //}, {@code /./}, {@code /../}, {@code %2F}, {@code %00}, backslashes, a
 * trailing slash, upper case), sent as raw bytes without credentials. Each is answered 400 (the firewall) or
 * 401 (no credential), no key is issued, no actuator answers, and nothing reaches a service (a stand-in that
 * records every request it gets).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PathVariantsTest {

    static final String ADMIN_KEY = "bootstrap-variants-admin-key";
    static final List<String> reachedService = new CopyOnWriteArrayList<>();
    static HttpServer service;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        try {
            service = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        service.createContext("/", exchange -> {
            reachedService.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        service.start();
        String url = "http://127.0.0.1:" + service.getAddress().getPort();
        GatewayUnderTest.register(registry, "gateway-variants-" + UUID.randomUUID().toString().substring(0, 8), url, "gateway-variants-secret-0123456789abcdef", ADMIN_KEY);
    }

    @AfterAll
    static void stop() {
        service.stop(0);
    }

    @LocalServerPort
    int port;
    @LocalManagementPort
    int managementPort;

    @Test
    void noVariantOfTheAdminApiIssuesOrListsKeysWithoutCredentials() {
        List<String> refused = new ArrayList<>();
        for (String target : PathVariants.of("/admin/api-keys")) {
            RawHttp.Answer issue = RawHttp.send(port, "POST", target, "{\"organization\":\"x\",\"roles\":[\"ADMIN\"]}");
            RawHttp.Answer list = RawHttp.send(port, "GET", target, null);
            assertThat(issue.status()).as("POST " + target).isIn(400, 401);
            assertThat(list.status()).as("GET " + target).isIn(400, 401);
            assertThat(issue.body()).as("POST " + target).doesNotContain("\"key\"");
            if (!target.contains("\\")) { // a raw backslash is refused by the HTTP server itself, before any filter
                assertThat(issue.headers().get("content-type")).as("POST " + target).isEqualTo("application/problem+json");
            }
            refused.add(target);
        }
        assertThat(refused).hasSizeGreaterThan(15);
        // the control: with the ADMIN key the plain path does issue, and the list shows that one key only
        RawHttp.Answer issued = RawHttp.send(port, "POST", "/admin/api-keys", "{\"organization\":\"x\",\"roles\":[\"MONITOR\"]}",
                "Authorization: Bearer " + ADMIN_KEY);
        assertThat(issued.status()).isEqualTo(201);
        RawHttp.Answer listed = RawHttp.send(port, "GET", "/admin/api-keys", null, "Authorization: Bearer " + ADMIN_KEY);
        assertThat(listed.body().split("\"organization\"", -1)).as("keys issued in all").hasSize(2);
        assertThat(reachedService).isEmpty();
    }

    @Test
    void noVariantOfAManagementOrTenantEndpointReachesAnythingWithoutCredentials() {
        List<String> paths = new ArrayList<>();
        for (String endpoint : List.of("health", "health/liveness", "health/readiness", "info", "prometheus", "metrics")) {
            paths.add("/actuator/" + endpoint);
            for (String api : List.of("registry", "assessment", "notifications")) {
                paths.add("/api/" + api + "/actuator/" + endpoint);
            }
        }
        paths.add("/api/notifications/inbox/someone-else");
        for (String path : paths) {
            for (String target : PathVariants.of(path)) {
                RawHttp.Answer answer = RawHttp.send(port, "GET", target, null);
                assertThat(answer.status()).as("GET " + target).isIn(400, 401);
                assertThat(answer.body()).as("GET " + target).doesNotContain("jvm_").doesNotContain("\"UP\"");
            }
        }
        assertThat(reachedService).isEmpty();
        // the control: the actuator answers on the management port, and only there
        assertThat(RawHttp.send(managementPort, "GET", "/actuator/health/readiness", null).body()).contains("\"UP\"");
        assertThat(RawHttp.send(managementPort, "GET", "/actuator/prometheus", null).body()).contains("jvm_");
    }
}
