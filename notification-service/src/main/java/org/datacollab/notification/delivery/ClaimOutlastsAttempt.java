package org.datacollab.notification.delivery;

import org.springframework.stereotype.Component;

/**
 * Checked when the service starts: a delivery's claim must outlast the attempt it covers. An attempt still on the wire
 * when its claim lapses is claimed and sent again by another instance (decision 0061), with the same webhook-id: the
 * fault suite met exactly that when its claims were shorter than the webhook deadline. Tests that build a
 * {@link Deliverer} with a short claim on purpose (DeliveryFenceTest) do not go through this check.
 */
@Component
public class ClaimOutlastsAttempt {

    public ClaimOutlastsAttempt(WebhookSettings settings) {
        check(settings);
    }

    static void check(WebhookSettings settings) {
        // the deadline bounds the whole attempt, from connecting to the receiver's status line
        if (settings.claim().compareTo(settings.deadline()) <= 0) {
            throw new IllegalStateException("datacollab.webhooks.claim (" + settings.claim() + ") must be longer than an attempt can"
                    + " take, datacollab.webhooks.deadline (" + settings.deadline() + "): an attempt that outlives its claim is sent"
                    + " again by another instance");
        }
    }
}
