package org.datacollab.notification.delivery;

import com.standardwebhooks.Webhook;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * Sends one webhook per the Standard Webhooks specification: {@code webhook-id} (stable across retries, for
 * the receiver to de-duplicate on), {@code webhook-timestamp}, {@code webhook-signature} (HMAC-SHA256 with the
 * subscription's secret). Connect and read timeouts bound every call; only a small part of the answer is kept.
 */
@Component
public class WebhookSender {

    public record Outcome(int statusCode, String error, String bodyStart) {
        public boolean delivered() {
            return statusCode >= 200 && statusCode < 300;
        }
    }

    private static final int BODY_CAP = 512;
    private final HttpClient http;
    private final Duration readTimeout;

    public WebhookSender(@Value("${datacollab.webhooks.connect-timeout:PT5S}") Duration connectTimeout,
                         @Value("${datacollab.webhooks.read-timeout:PT10S}") Duration readTimeout) {
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.readTimeout = readTimeout;
    }

    public Outcome send(String url, String secret, String messageId, String payload, Instant now) {
        try {
            long timestamp = now.getEpochSecond();
            String signature = new Webhook(secret).sign(messageId, timestamp, payload);
            HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(readTimeout)
                    .header("content-type", "application/json")
                    .header("webhook-id", messageId)
                    .header("webhook-timestamp", String.valueOf(timestamp))
                    .header("webhook-signature", signature)
                    .POST(HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8))
                    .build();
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            String start;
            try (InputStream body = response.body()) {
                start = new String(body.readNBytes(BODY_CAP), StandardCharsets.UTF_8);
            }
            return new Outcome(response.statusCode(), null, start);
        } catch (IOException e) {
            return new Outcome(0, e.getClass().getSimpleName() + ": " + e.getMessage(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(0, "interrupted", null);
        } catch (Exception e) {
            return new Outcome(0, e.getClass().getSimpleName() + ": " + e.getMessage(), null);
        }
    }
}
