package org.datacollab.notification.escalation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;

/**
 * Where the registry answers, for the one question the notification service asks it: whether a caller may see a
 * partnership whose risk change was stored without its partners and jurisdiction (decision 0016).
 *
 * @param url     the registry's API ({@code REGISTRY_URL})
 * @param timeout how long an answer is waited for before the acknowledgement is answered 503
 */
@ConfigurationProperties("datacollab.registry")
public record RegistrySettings(@DefaultValue("http://127.0.0.1:8081") URI url, @DefaultValue("PT5S") Duration timeout) {
}
