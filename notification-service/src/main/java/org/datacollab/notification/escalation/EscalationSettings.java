package org.datacollab.notification.escalation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Escalation of unacknowledged HIGH and CRITICAL risk changes ({@code datacollab.escalation.*}), checked when the
 * service starts.
 *
 * @param after how long a HIGH or CRITICAL change may stay unacknowledged before it is escalated
 * @param check how often due escalations are looked for (read by the job's schedule)
 */
@ConfigurationProperties("datacollab.escalation")
public record EscalationSettings(@DefaultValue("PT48H") Duration after, @DefaultValue("PT1M") Duration check) {

    public EscalationSettings {
        if (after.isNegative() || after.isZero() || check.isNegative() || check.isZero()) {
            throw new IllegalArgumentException("datacollab.escalation.after and .check take positive durations (were "
                    + after + ", " + check + ")");
        }
    }
}
