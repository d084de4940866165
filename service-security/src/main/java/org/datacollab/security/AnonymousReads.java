package org.datacollab.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;

/**
 * The paths of a service that the gateway's anonymous caller ({@link Caller#anonymous()}) may read (GET): the
 * gateway forwards a read of a public path without a credential with an internal token for that caller, and the
 * service lets it no further than these. Every other path needs a caller with a key or token.
 *
 * @param anonymousReads path patterns (as the service sees them, e.g. {@code /catalogue/public}); empty: none
 */
@ConfigurationProperties("datacollab.security")
public record AnonymousReads(@DefaultValue List<String> anonymousReads) {
}
