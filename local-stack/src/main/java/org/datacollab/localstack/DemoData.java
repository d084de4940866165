package org.datacollab.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** Loads the four canonical cases (shipped in the contracts jar) through the gateway's import endpoint. */
public final class DemoData {

    public static final List<String> CASES = List.of("flowminder-nepal", "flower-import", "dutch-municipality-spending", "food-traceability-nys");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private DemoData() {
    }

    /** Imports each case; one that is already there (409) is left as it is. Answers a line per case. */
    public static List<String> load(String gatewayUrl, String adminKey) {
        return CASES.stream().map(name -> load(gatewayUrl, name, adminKey)).toList();
    }

    private static String load(String gatewayUrl, String name, String adminKey) {
        try (InputStream in = DemoData.class.getResourceAsStream("/cases/" + name + ".json")) {
            byte[] document = in.readAllBytes();
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(gatewayUrl + "/api/registry/partnerships/import"))
                    .timeout(Duration.ofSeconds(60)).header("content-type", "application/json")
                    .header("Authorization", "Bearer " + adminKey)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(document)).build(), HttpResponse.BodyHandlers.ofString());
            return switch (response.statusCode()) {
                case 201 -> name + ": imported";
                case 409 -> name + ": already there";
                default -> throw new IllegalStateException(name + ": import answered " + response.statusCode() + " " + response.body());
            };
        } catch (IOException e) {
            throw new IllegalStateException("cannot import " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
