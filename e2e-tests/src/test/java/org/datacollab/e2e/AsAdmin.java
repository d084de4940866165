package org.datacollab.e2e;

import org.datacollab.localstack.LocalStack;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Calls through the stack's gateway with its ADMIN key. */
final class AsAdmin {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final LocalStack stack;

    AsAdmin(LocalStack stack) {
        this.stack = stack;
    }

    HttpResponse<String> post(String path, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + stack.adminKey())
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + stack.adminKey()).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A WebTestClient on the gateway whose every request carries the ADMIN key. */
    WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl(stack.gatewayUrl()).defaultHeader("Authorization", "Bearer " + stack.adminKey())
                .responseTimeout(Duration.ofSeconds(60)).build();
    }
}
