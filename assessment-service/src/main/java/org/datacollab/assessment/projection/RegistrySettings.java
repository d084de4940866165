package org.datacollab.assessment.projection;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;

/**
 * Where the registry answers ({@code datacollab.registry.*}): the assessment reads facts it missed from the
 * registry's API, never skipping a gap. Required: the service does not start without it.
 *
 * @param url the registry's base URL ({@code REGISTRY_URL}), e.g. {@code http://registry:8081}
 */
@ConfigurationProperties("datacollab.registry")
public record RegistrySettings(URI url) {

    public RegistrySettings {
        if (url == null || url.getScheme() == null || url.getHost() == null) {
            throw new IllegalArgumentException("datacollab.registry.url (REGISTRY_URL) takes the registry's absolute URL, was " + url);
        }
    }
}
