package org.datacollab.registry.eventstore;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The cache of loaded partnerships ({@code datacollab.aggregate-cache.*}), so that a long history is not replayed
 * for every command; checked when the registry starts.
 *
 * @param size the most partnerships kept loaded per instance
 * @param idle how long a partnership no command touched stays loaded
 */
@ConfigurationProperties("datacollab.aggregate-cache")
public record AggregateCacheSettings(@DefaultValue("10000") long size, @DefaultValue("PT30M") Duration idle) {

    public AggregateCacheSettings {
        if (size < 1 || idle.isNegative() || idle.isZero()) {
            throw new IllegalArgumentException("datacollab.aggregate-cache: size takes 1 or more, idle a positive duration (were "
                    + size + ", " + idle + ")");
        }
    }
}
