package org.datacollab.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.datacollab.localstack.LocalStack;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The health each service and the gateway report on the local stack is the truth: UP, MongoDB included (the
 * local MongoDB-protocol server answers the {@code hello} the health check sends; it used to answer an error,
 * every /actuator/health said 503 DOWN and each check logged a stack trace).
 */
class HealthEndToEndTest {

    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyServiceAndTheGatewayAreUp() throws Exception {
        LocalStack stack = SharedStack.get();
        for (String service : LocalStack.SERVICES) {
            HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create(stack.managementUrl(service) + "/actuator/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).as(service + ": " + health.body()).isEqualTo(200);
            JsonNode body = JSON.readTree(health.body());
            assertThat(body.path("status").asText()).as(service + ": " + health.body()).isEqualTo("UP");
            assertThat(Files.readString(stack.service(service).log())).as(service + "'s log")
                    .doesNotContain("no such command: 'hello'").doesNotContain("MongoDB health check failed");
        }
    }
}
