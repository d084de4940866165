package org.datacollab.notification.delivery;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Alerts by email ({@code datacollab.email.*}); the SMTP server itself is Spring Mail's ({@code MAIL_HOST},
 * {@code MAIL_PORT}). Checked when the service starts.
 *
 * @param from the sender of every alert ({@code MAIL_FROM}): an address receivers can filter on and reply to
 */
@ConfigurationProperties("datacollab.email")
public record EmailSettings(@DefaultValue("alerts@datacollab.local") String from) {

    public EmailSettings {
        if (from == null || !from.contains("@")) {
            throw new IllegalArgumentException("datacollab.email.from (MAIL_FROM) takes an email address, was " + from);
        }
    }
}
