package org.datacollab.security;

import org.datacollab.problem.ProblemResponses;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;

import static org.assertj.core.api.Assertions.assertThat;

/** The firewall's refusals name what was refused: the path (400 path-rejected), or a method no endpoint has (405). */
class SecurityProblemsTest {

    final SecurityProblems problems = new SecurityProblems(new ProblemResponses(ServerCodecConfigurer.create()));

    MockServerWebExchange refused(HttpMethod method, String path) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.method(method, path));
        problems.rejected().handle(exchange, new ServerExchangeRejectedException("refused")).block();
        return exchange;
    }

    @Test
    void aPathIsRefusedAsAPath() {
        MockServerWebExchange exchange = refused(HttpMethod.GET, "/admin;x/api-keys");
        assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(400);
        assertThat(exchange.getResponse().getBodyAsString().block()).contains("\"rule\":\"path-rejected\"", "\"field\":\"path\"");
    }

    @Test
    void aMethodNoEndpointHasIs405NotAPathRefused() {
        for (String method : new String[] {"TRACE", "CONNECT", "PROPFIND"}) {
            MockServerWebExchange exchange = refused(HttpMethod.valueOf(method), "/admin/api-keys");
            assertThat(exchange.getResponse().getStatusCode().value()).as(method).isEqualTo(405);
            assertThat(exchange.getResponse().getBodyAsString().block()).as(method).contains("\"rule\":\"method-not-allowed\"")
                    .doesNotContain("\"field\":\"path\"");
        }
    }
}
