package org.datacollab.registry.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The Idempotency-Key store ({@code datacollab.idempotency}).
 *
 * @param stale     how long a key may stay in progress before a retry takes it over (its instance crashed; decision 0009)
 * @param retention how long a key and its stored answer are kept after the request (a TTL index on {@code createdAt});
 *                  a retry after that runs as a new request, which the partnership still recognises by the key when
 *                  it is among its latest 1,000 commands
 */
@ConfigurationProperties("datacollab.idempotency")
public record IdempotencySettings(@DefaultValue("PT30S") Duration stale, @DefaultValue("P7D") Duration retention) {
}
