package org.datacollab.notification;

import org.datacollab.contracts.limits.Limits;
import org.datacollab.security.Caller;
import org.datacollab.testsupport.AsGateway;
import org.datacollab.testsupport.Hostile;
import org.datacollab.testsupport.ServiceUnderTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.datacollab.testsupport.StreamCaps;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.datacollab.security.Role;

/**
 * The notification service's hostile-input table: each row a request beyond a bound or of the wrong form, its
 * status and problem rule (naming the field and the limit), and afterwards nothing recorded: the organization
 * still has no subscription.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HostileInputTest {

    static final String SECRET = "notification-hostile-secret-0123456789abcdef";
    static final String ORGANIZATION = "hostile-org";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceUnderTest.register(registry, ServiceUnderTest.database("notification-hostile"), SECRET);
    }

    @LocalServerPort
    int port;
    WebTestClient http;

    @BeforeEach
    void client() {
        http = new AsGateway(SECRET).client(port, Caller.of("k-hostile", ORGANIZATION, List.of(Role.STEWARD), List.of()));
    }

    static Stream<Hostile> rows() {
        return Stream.of(
                Hostile.post("a contact of 201 characters", "/subscriptions", subscription("c".repeat(201), List.of("p"), "a@example.org", "https://example.org/hook"))
                        .expect(400, "text-length", "contact", Limits.NAME),
                Hostile.post("501 partnerships", "/subscriptions", subscription("ops", Collections.nCopies(501, "p"), "a@example.org", null))
                        .expect(400, "list-size", "partnerships", 500),
                Hostile.post("a partnership ref of 101 characters", "/subscriptions", subscription("ops", List.of("p", "r".repeat(101)), null, "https://example.org/hook"))
                        .expect(400, "text-length", "partnerships[1]", Limits.REF),
                Hostile.post("an email of 255 characters", "/subscriptions", subscription("ops", List.of("p"), "e".repeat(243) + "@example.org", null))
                        .expect(400, "text-length", "email", 254),
                Hostile.post("a webhook URL of 2001 characters", "/subscriptions",
                                subscription("ops", List.of("p"), null, "https://example.org/" + "u".repeat(1981)))
                        .expect(400, "text-length", "webhook.url", 2000),
                Hostile.post("a chunked body of 300 KB", "/subscriptions", MediaType.APPLICATION_JSON,
                                subscription("c".repeat(300 * 1024), List.of("p"), "a@example.org", null).getBytes())
                        .sentInChunks().expect(413, "body-size", null, 256 * 1024),
                Hostile.post("malformed JSON", "/subscriptions", "{\"organization\":").expect(400, "malformed-json", null),
                Hostile.post("a field the request does not have (a misspelt channel)", "/subscriptions",
                                subscription("ops", List.of("p"), "a@example.org", null).replace("\"email\"", "\"webhok\":{},\"email\""))
                        .expect(400, "known-field", "webhok"),
                Hostile.post("a field the webhook does not have", "/subscriptions",
                                subscription("ops", List.of("p"), null, "https://example.org/hook").replace("{\"url\"", "{\"method\":\"PUT\",\"url\""))
                        .expect(400, "known-field", "webhook.method"),
                Hostile.post("the organization given twice, another's first", "/subscriptions",
                                subscription("ops", List.of("p"), "a@example.org", null).replace("{\"organization\"", "{\"organization\":\"other-org\",\"organization\""))
                        .expect(400, "malformed-json", null),
                Hostile.get("inbox limit 0", "/inbox/" + ORGANIZATION + "?limit=0").expect(400, "number-range", "limit", 500),
                Hostile.get("inbox limit not-a-number", "/inbox/" + ORGANIZATION + "?limit=many").expect(400, "value-format", "limit"),
                Hostile.get("deliveries limit 100000", "/subscriptions/x/deliveries?limit=100000").expect(400, "number-range", "limit", 500),
                Hostile.post("acknowledging an event id of 301 characters", "/alerts/acknowledge?eventId=" + "e".repeat(301) + "&by=" + ORGANIZATION,
                                MediaType.APPLICATION_JSON, new byte[0])
                        .expect(400, "text-length", "eventId", 300),
                Hostile.get("an unknown path", "/no/such/path").expect(404, "not-found", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void refusedAndNothingRecorded(Hostile row) {
        row.sendAndCheck(http);
        http.get().uri("/subscriptions?organization={o}", ORGANIZATION).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.length()").isEqualTo(0);
    }

    static String subscription(String contact, List<String> partnerships, String email, String webhook) {
        String secret = "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);
        return """
                {"organization":"%s","contact":"%s","partnerships":%s,"minimumLevel":"LOW"%s%s}""".formatted(ORGANIZATION, contact,
                partnerships.stream().map(p -> "\"" + p + "\"").collect(Collectors.joining(",", "[", "]")),
                email == null ? "" : ",\"email\":\"" + email + "\"",
                webhook == null ? "" : ",\"webhook\":{\"url\":\"" + webhook + "\",\"secret\":\"" + secret + "\"}");
    }

    /** A sixth inbox stream for one key is refused (429 stream-limit) until one of the five is closed (decision 0034). */
    @Test
    void aKeyHoldsAtMostFiveInboxStreams() {
        StreamCaps.assertAtMost(http, "/inbox/" + ORGANIZATION + "/stream", 5);
    }
}
