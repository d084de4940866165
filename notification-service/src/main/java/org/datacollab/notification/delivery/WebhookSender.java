package org.datacollab.notification.delivery;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookSigningException;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelOption;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.TimeoutException;

/**
 * Sends one webhook per the Standard Webhooks specification: {@code webhook-id} (stable across retries, for the
 * receiver to de-duplicate on), {@code webhook-timestamp}, {@code webhook-signature} (HMAC-SHA256 with the
 * subscription's secret). One deadline bounds the whole exchange, from connecting to the receiver's status line,
 * which decides the outcome: the response body is never read, so a receiver that sends headers and then stalls
 * holds nothing. The connection goes to the address {@link WebhookTargets} checked, never to a new resolution.
 */
@Component
public class WebhookSender {

    public record Outcome(int statusCode, String error, String bodyStart) {
        public boolean delivered() {
            return statusCode >= 200 && statusCode < 300;
        }
    }

    private final WebhookSettings settings;
    private final HttpClient http;

    public WebhookSender(WebhookSettings settings) {
        this.settings = settings;
        // a connection per attempt (receivers are many and called rarely), no proxy, no redirects followed
        this.http = HttpClient.create(ConnectionProvider.newConnection())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.connectTimeout().toMillis())
                .followRedirect(false)
                .noProxy();
    }

    public Outcome send(WebhookTargets.Allowed target, String secret, String messageId, String payload, Instant now) {
        try {
            long timestamp = now.getEpochSecond();
            String signature = new Webhook(secret).sign(messageId, timestamp, payload);
            HttpClient client = http.resolver(new PinnedResolver(target.address()))
                    .headers(headers -> headers.set("content-type", "application/json")
                            .set("webhook-id", messageId)
                            .set("webhook-timestamp", String.valueOf(timestamp))
                            .set("webhook-signature", signature));
            if (target.uri().getScheme().equals("https")) {
                client = client.secure();
            }
            Integer status = client.post().uri(target.uri())
                    .send(ByteBufFlux.fromString(Mono.just(payload), StandardCharsets.UTF_8, ByteBufAllocator.DEFAULT))
                    .response()
                    .map(response -> response.status().code())
                    .timeout(settings.deadline())
                    .block();
            return new Outcome(status == null ? 0 : status, null, null);
        } catch (WebhookSigningException e) {
            return new Outcome(0, "the payload cannot be signed: " + e.getMessage(), null);
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() instanceof TimeoutException ? e.getCause() : e;
            return new Outcome(0, cause instanceof TimeoutException
                    ? "no answer within " + settings.deadline().toSeconds() + " s" : cause.getClass().getSimpleName() + ": " + cause.getMessage(), null);
        }
    }
}
