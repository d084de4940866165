package org.datacollab.bounds;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Bulkheads of the Server-Sent Events streams ({@code datacollab.limits.streams}, per instance): beyond them a new
 * stream is refused with 429 stream-limit; a client that does not read is dropped rather than buffered for.
 *
 * @param perCaller  streams one key (or token subject) may hold open at once
 * @param total      streams the instance serves at once
 * @param buffer     events held for a client that is not reading; one more and it is dropped
 * @param retryAfter what a refused client is told to wait
 */
@ConfigurationProperties("datacollab.limits.streams")
public record StreamLimits(@DefaultValue("5") int perCaller,
                           @DefaultValue("500") int total,
                           @DefaultValue("256") int buffer,
                           @DefaultValue("PT10S") Duration retryAfter) {
}
