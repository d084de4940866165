package org.datacollab.registry.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The live stream of facts ({@code datacollab.registry.live.*}, decision 0034), checked when the registry starts.
 *
 * @param window the latest facts each instance keeps for clients that reconnect with Last-Event-ID; one away for
 *               longer than that many facts is told to resync
 */
@ConfigurationProperties("datacollab.registry.live")
public record LiveSettings(@DefaultValue("1000") int window) {

    public LiveSettings {
        if (window < 1) {
            throw new IllegalArgumentException("datacollab.registry.live.window takes 1 or more (was " + window + ")");
        }
    }
}
