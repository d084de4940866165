package org.datacollab.gateway;

import com.sun.net.httpserver.HttpServer;
import org.datacollab.testsupport.GatewayUnderTest;
import org.datacollab.testsupport.QueryShapes;
import org.datacollab.testsupport.RecordedQueries;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request with an ordinary API key costs the gateway one key lookup ({@code api_keys} by {@code _id}, the key's
 * id being part of the key), recorded by a driver CommandListener (docs/queries.md).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(ApiKeyQueriesTest.Queries.class)
class ApiKeyQueriesTest {

    static final String DATABASE = "gateway-queries-" + UUID.randomUUID().toString().substring(0, 8);
    static final String ADMIN_KEY = "bootstrap-queries-admin-key";
    static final RecordedQueries QUERIES = new RecordedQueries();
    static HttpServer service;

    @TestConfiguration(proxyBeanMethods = false)
    static class Queries {
        @Bean
        MongoClientSettingsBuilderCustomizer recordQueries() {
            return QUERIES.customizer();
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        try {
            service = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        service.createContext("/", exchange -> {
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        service.start();
        String url = "http://127.0.0.1:" + service.getAddress().getPort();
        GatewayUnderTest.register(registry, DATABASE, url, "gateway-queries-secret-0123456789abcdef", ADMIN_KEY);
    }

    @AfterAll
    static void stop() {
        service.stop(0);
    }

    @LocalServerPort
    int port;

    @Test
    void aRequestWithAnOrdinaryKeyLooksItUpByItsId() {
        WebTestClient http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
        byte[] issued = http.post().uri("/admin/api-keys").header("Authorization", "Bearer " + ADMIN_KEY).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"organization\":\"ngo\",\"roles\":[\"STEWARD\"],\"jurisdictions\":[],\"name\":\"test\"}")
                .exchange().expectStatus().isCreated().expectBody().returnResult().getResponseBody();
        String key = new String(issued, StandardCharsets.UTF_8).replaceAll(".*\"key\":\"([^\"]+)\".*", "$1");
        int mark = QUERIES.mark();
        for (int i = 0; i < 3; i++) {
            http.get().uri("/api/registry/partnerships").header("Authorization", "Bearer " + key).exchange().expectStatus().isOk();
        }
        List<RecordedQueries.Query> sent = QUERIES.since(mark, DATABASE);
        assertThat(sent).as("the key was looked up").anyMatch(q -> q.collection().equals("api_keys"));
        assertThat(new QueryShapes(Map.of(), Set.of()).violations(sent)).isEmpty();
    }
}
