package org.datacollab.notification.delivery;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.Set;

/**
 * Webhook deliveries ({@code datacollab.webhooks}).
 *
 * @param allowedHosts   hosts exempt from the rule that a webhook reaches only public addresses: local development only
 *                       ({@code WEBHOOK_ALLOWED_HOSTS})
 * @param requireHttps   only https URLs are taken and called ({@code WEBHOOK_REQUIRE_HTTPS}; true in production)
 * @param connectTimeout the longest wait for a receiver to accept the connection
 * @param deadline       the longest a whole attempt may take, from connecting to the receiver's status line: a receiver
 *                       that stalls anywhere fails the attempt and frees its worker (decision 0033)
 * @param perSubscriber  attempts under way at once for one subscription: a slow or hostile receiver holds at most this
 *                       many delivery workers, and the others' deliveries go on
 * @param firstRetry     the pause before the second attempt; each later one doubles it (with jitter)
 * @param maxAttempts    attempts before a delivery fails for good (about a day with the defaults)
 * @param claim          how long an instance holds a delivery it is attempting (longer than the deadline)
 * @param workers        delivery workers per instance
 */
@ConfigurationProperties("datacollab.webhooks")
public record WebhookSettings(@DefaultValue Set<String> allowedHosts,
                              @DefaultValue("false") boolean requireHttps,
                              @DefaultValue("PT5S") Duration connectTimeout,
                              @DefaultValue("PT10S") Duration deadline,
                              @DefaultValue("2") int perSubscriber,
                              @DefaultValue("PT15S") Duration firstRetry,
                              @DefaultValue("13") int maxAttempts,
                              @DefaultValue("PT2M") Duration claim,
                              @DefaultValue("16") int workers) {

    public WebhookSettings {
        allowedHosts = allowedHosts == null ? Set.of() : Set.copyOf(allowedHosts);
    }
}
