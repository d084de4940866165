package org.datacollab.gateway.access;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * The gateway's limits at the door.
 *
 * @param rateLimit      requests per caller (API key or token subject)
 * @param anonymousReads requests without a credential that a service answers (the public catalogue, the API
 *                       descriptions), per client address
 * @param failedLogins   failed authentications per client address (wrong keys, bad tokens)
 * @param trustedProxies addresses or CIDR ranges of the proxies in front of the gateway (the Ingress controller):
 *                       only a request from one of them has its client address taken from X-Forwarded-For
 *                       (GATEWAY_TRUSTED_PROXIES, comma-separated; empty: the connection's address is the client's)
 * @param revocationCheck how often the open streams' keys are checked for revocation by another instance
 */
@ConfigurationProperties("datacollab.gateway")
public record AccessProperties(@DefaultValue RateLimit rateLimit, @DefaultValue AnonymousReads anonymousReads,
                               @DefaultValue FailedLogins failedLogins,
                               @DefaultValue List<String> trustedProxies, @DefaultValue("PT5S") Duration revocationCheck) {

    /**
     * @param capacity  requests at once
     * @param perSecond refill per second
     */
    public record RateLimit(@DefaultValue("200") long capacity, @DefaultValue("100") long perSecond) {
    }

    /**
     * A budget per client address for requests without a credential, smaller than a key's: a reader of the public
     * catalogue makes a request per search or facet clicked, a scraper many (decision 0045).
     *
     * @param capacity requests an address may make at once
     * @param per      one more request is allowed every this long
     */
    public record AnonymousReads(@DefaultValue("60") long capacity, @DefaultValue("PT0.5S") Duration per) {
    }

    /**
     * @param capacity failures an address may have at once before it is answered 429
     * @param per      one more failure is allowed every this long
     */
    public record FailedLogins(@DefaultValue("20") long capacity, @DefaultValue("PT6S") Duration per) {
    }
}
