package org.datacollab.testsupport;

import org.datacollab.security.Caller;
import org.datacollab.security.InternalTokens;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.ClientRequest;

import java.time.Duration;

/**
 * Calls a service as the gateway does: every request carries a fresh internal token for the given caller,
 * signed with the secret the test configured the service with.
 */
public final class AsGateway {

    public static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(30);

    private final InternalTokens tokens;

    public AsGateway(String secret) {
        this.tokens = new InternalTokens(secret);
    }

    public InternalTokens tokens() {
        return tokens;
    }

    /** A client of the service on this port whose every request is this caller's. */
    public WebTestClient client(int port, Caller caller) {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .filter((request, next) -> next.exchange(ClientRequest.from(request)
                        .header("Authorization", "Bearer " + tokens.mint(caller, "test")).build()))
                .responseTimeout(RESPONSE_TIMEOUT).build();
    }

    /** A client with no token at all. */
    public static WebTestClient anonymous(int port) {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(RESPONSE_TIMEOUT).build();
    }
}
