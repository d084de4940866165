package org.datacollab.notification;

import org.datacollab.security.Caller;
import org.datacollab.security.Role;
import org.datacollab.testsupport.KeepAliveConnection;
import org.datacollab.testsupport.RawHttp;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A connection kept alive keeps being read. The gateway's proxy and every HTTP client pool reuse a connection as
 * soon as an answer has arrived, which may be before the server has finished with the exchange; Reactor Netty up to
 * 1.3.7 then queued the next request with its trailing empty content, answered the request and, when the answer was
 * synchronous (a 404 thrown before any I/O), drained the trailing content as if it were a request and never read the
 * connection again (reactor/reactor-netty#4361): the next request on it waited until the client gave up. Here the
 * service tests stalled for 30 s on a GET after a 404 now and then, and a gateway would have done the same with
 * users' requests. The first request here answers after a MongoDB lookup on another thread, the second at once, both
 * written in one go; a third on the same connection must be answered.
 */
class KeepAliveTest extends NotificationIntegrationTest {

    @Test
    void aConnectionIsReadAgainAfterAnAnswerGivenAtOnceBehindASlowerOne() {
        String outsider = "outsider-" + UUID.randomUUID().toString().substring(0, 6);
        String token = "Authorization: Bearer " + GATEWAY.tokens().mint(
                Caller.of("k-out", outsider, List.of(Role.MONITOR), List.of("DE-Berlin")), "keep-alive");
        for (int round = 0; round < 5; round++) {
            try (KeepAliveConnection connection = new KeepAliveConnection(port, Duration.ofSeconds(10))) {
                // a lookup on boundedElastic (404 after MongoDB answered) and a refusal thrown at once (404, no I/O)
                connection.get(List.of("/subscriptions/" + UUID.randomUUID(), "/subscriptions?organization=city"), token);
                List<RawHttp.Answer> answers = connection.answers(2);
                assertThat(answers).extracting(RawHttp.Answer::status).containsExactly(404, 404);
                assertThat(answers.get(1).body()).contains("unknown-organization");

                connection.get(List.of("/subscriptions?organization=" + outsider), token);
                RawHttp.Answer third = connection.answer();
                assertThat(third.status()).as("the outsider's own (empty) list, on the same connection").isEqualTo(200);
                assertThat(third.body()).isEqualTo("[]");
            }
        }
    }
}
