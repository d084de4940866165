package org.datacollab.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Calls through the gateway with an API key (or none), as a client would. A stream answers its status and
 * then is closed: the call returns as soon as the headers arrive.
 */
final class GatewayCalls {

    record Answer(int status, String body) {
    }

    /** The status of a call that got no answer in time. */
    static final int TIMED_OUT = -1;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String gateway;

    GatewayCalls(String gateway) {
        this.gateway = gateway;
    }

    Answer call(String method, String path, String key, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path)).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json, text/event-stream, text/csv, */*")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        try {
            HttpResponse<InputStream> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                boolean stream = response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream");
                // a stream's first bytes are its opening comment; reading on would wait for events
                String text = stream ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
                return new Answer(response.statusCode(), text);
            }
        } catch (HttpTimeoutException e) {
            return new Answer(TIMED_OUT, "no answer within a minute");
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Answer get(String path, String key) {
        return call("GET", path, key, null);
    }

    Answer post(String path, String key, String body) {
        return call("POST", path, key, body);
    }
}
