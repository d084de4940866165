package org.datacollab.notification.delivery;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The sender against a real HTTP receiver: it connects to the address that was checked (a name that no DNS
 * knows still arrives), one deadline ends an exchange whose receiver never answers, and a receiver that sends
 * its headers and then stalls holds nothing (its status decides). Waits are generous liveness bounds.
 */
class WebhookSenderTest {

    static final Duration LIVENESS = Duration.ofSeconds(30);
    static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);

    HttpServer receiver;
    final List<String> hosts = new CopyOnWriteArrayList<>();
    final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(Executors.newCachedThreadPool());
        receiver.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            hosts.add(exchange.getRequestHeaders().getFirst("Host"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.createContext("/silent", exchange -> {
            exchange.getRequestBody().readAllBytes();
            await(release);
            exchange.close();
        });
        receiver.createContext("/headers-then-stall", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, 1000);
            exchange.getResponseBody().flush();
            await(release);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        receiver.stop(0);
    }

    @Test
    void theConnectionGoesToTheCheckedAddressWithoutResolvingTheNameAgain() throws Exception {
        WebhookSender sender = new WebhookSender(WebhookTargetsTest.settings(false));
        URI uri = URI.create("http://hooks.example.invalid:" + port() + "/hook");
        var outcome = sender.send(new WebhookTargets.Allowed(uri, InetAddress.getByName("127.0.0.1")), SECRET, "msg-1", "{}", Instant.now());
        assertThat(outcome.statusCode()).isEqualTo(204);
        assertThat(hosts).containsExactly("hooks.example.invalid:" + port());
    }

    @Test
    void oneDeadlineEndsAnExchangeWhoseReceiverNeverAnswers() {
        WebhookSender sender = new WebhookSender(new WebhookSettings(Set.of(), false, Duration.ofSeconds(5), Duration.ofSeconds(1), 2,
                Duration.ofSeconds(15), 13, Duration.ofMinutes(2), 16));
        var outcome = assertTimeoutPreemptively(LIVENESS, () -> sender.send(target("/silent"), SECRET, "msg-2", "{}", Instant.now()));
        assertThat(outcome.delivered()).isFalse();
        assertThat(outcome.error()).isEqualTo("no answer within 1 s");
    }

    @Test
    void aReceiverThatSendsItsHeadersAndThenStallsHoldsNothing() {
        WebhookSender sender = new WebhookSender(new WebhookSettings(Set.of(), false, Duration.ofSeconds(5), Duration.ofMinutes(10), 2,
                Duration.ofSeconds(15), 13, Duration.ofMinutes(2), 16));
        var outcome = assertTimeoutPreemptively(LIVENESS, () -> sender.send(target("/headers-then-stall"), SECRET, "msg-3", "{}", Instant.now()));
        assertThat(outcome.statusCode()).isEqualTo(200);
        assertThat(release.getCount()).as("the receiver is still stalled").isEqualTo(1);
    }

    WebhookTargets.Allowed target(String path) throws Exception {
        return new WebhookTargets.Allowed(URI.create("http://127.0.0.1:" + port() + path), InetAddress.getByName("127.0.0.1"));
    }

    int port() {
        return receiver.getAddress().getPort();
    }

    static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
