package org.datacollab.testsupport;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One row of a hostile-input table: a request, the status and problem rule it must get (problem+json naming the
 * field and, for a bound, the limit), for the services' and the gateway's table tests. A body is sent with its
 * length, or in chunks without one ({@link #sentInChunks}), as a client streaming it would.
 */
public record Hostile(String name, HttpMethod method, String uri, List<Object> variables, MediaType contentType, Map<String, String> headers, byte[] body,
                      boolean inChunks, int status, String rule, String field, Long limit) {

    /** A GET of a URI template whose variables are encoded strictly (a '+' in a value arrives as '+'). */
    public static Hostile get(String name, String uri, Object... variables) {
        return new Hostile(name, HttpMethod.GET, uri, List.of(variables), null, Map.of(), null, false, 0, null, null, null);
    }

    public static Hostile post(String name, String uri, String json) {
        return post(name, uri, MediaType.APPLICATION_JSON, json.getBytes(StandardCharsets.UTF_8));
    }

    public static Hostile post(String name, String uri, MediaType type, byte[] body) {
        return new Hostile(name, HttpMethod.POST, uri, List.of(), type, Map.of(), body, false, 0, null, null, null);
    }

    /** The same request with its body in 8 KB chunks and no Content-Length. */
    public Hostile sentInChunks() {
        return new Hostile(name, method, uri, variables, contentType, headers, body, true, status, rule, field, limit);
    }

    public Hostile header(String header, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(header, value);
        return new Hostile(name, method, uri, variables, contentType, Map.copyOf(more), body, inChunks, status, rule, field, limit);
    }

    /** Expected: this status and rule, naming this field (null: none). */
    public Hostile expect(int status, String rule, String field) {
        return new Hostile(name, method, uri, variables, contentType, headers, body, inChunks, status, rule, field, limit);
    }

    /** Expected: this status and rule, naming this field and this limit. */
    public Hostile expect(int status, String rule, String field, long limit) {
        return new Hostile(name, method, uri, variables, contentType, headers, body, inChunks, status, rule, field, limit);
    }

    /** Sends the request and checks the answer; returns the problem's JSON for further checks. */
    public String sendAndCheck(WebTestClient client) {
        WebTestClient.RequestBodySpec request = client.method(method).uri(uri, variables.toArray());
        headers.forEach(request::header);
        if (contentType != null) {
            request.contentType(contentType);
        }
        WebTestClient.RequestHeadersSpec<?> ready = body == null ? request
                : inChunks ? request.body(chunks(body), DataBuffer.class) : request.bodyValue(body);
        WebTestClient.BodyContentSpec answer = ready.exchange()
                .expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.rule").isEqualTo(rule)
                .jsonPath("$.type").isEqualTo("urn:datacollab:problem:" + rule)
                .jsonPath("$.status").isEqualTo(status);
        answer = field == null ? answer.jsonPath("$.field").doesNotExist() : answer.jsonPath("$.field").isEqualTo(field);
        if (limit != null) {
            answer = answer.jsonPath("$.limit").isEqualTo(limit);
        }
        byte[] json = answer.returnResult().getResponseBody();
        assertThat(json).as("problem body").isNotNull();
        return new String(json, StandardCharsets.UTF_8);
    }

    private static Flux<DataBuffer> chunks(byte[] body) {
        int chunk = 8 * 1024;
        return Flux.range(0, (body.length + chunk - 1) / chunk).map(i -> DefaultDataBufferFactory.sharedInstance
                .wrap(Arrays.copyOfRange(body, i * chunk, Math.min(body.length, (i + 1) * chunk))));
    }

    @Override
    public String toString() {
        return name;
    }
}
