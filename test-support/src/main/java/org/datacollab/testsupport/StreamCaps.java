package org.datacollab.testsupport;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.Disposable;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks a Server-Sent Events endpoint's cap per key: this client (one key) opens {@code perKey} streams, the next
 * is refused with 429 stream-limit and Retry-After, and once one is closed a new one opens.
 */
public final class StreamCaps {

    private StreamCaps() {
    }

    public static void assertAtMost(WebTestClient key, String uri, int perKey) {
        List<Disposable> open = new ArrayList<>();
        try {
            for (int i = 0; i < perKey; i++) {
                open.add(key.get().uri(uri).accept(MediaType.TEXT_EVENT_STREAM).exchange().expectStatus().isOk()
                        .returnResult(String.class).getResponseBody().subscribe());
            }
            key.get().uri(uri).accept(MediaType.TEXT_EVENT_STREAM).exchange()
                    .expectStatus().isEqualTo(429).expectHeader().exists("Retry-After")
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.rule").isEqualTo("stream-limit");
            open.removeFirst().dispose();
            // the server frees the place when it sees the connection closed: a generous liveness bound
            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            int status;
            do {
                var again = key.get().uri(uri).accept(MediaType.TEXT_EVENT_STREAM).exchange().returnResult(String.class);
                status = again.getStatus().value();
                if (status == 200) {
                    open.add(again.getResponseBody().subscribe());
                }
            } while (status != 200 && Instant.now().isBefore(deadline));
            assertThat(status).as("a stream opens once one is closed").isEqualTo(200);
        } finally {
            open.forEach(Disposable::dispose);
        }
    }
}
