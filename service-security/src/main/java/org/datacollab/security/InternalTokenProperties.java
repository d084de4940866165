package org.datacollab.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The internal token's secrets (INTERNAL_TOKEN_SECRET, at least 32 bytes, the same at the gateway and every
 * service).
 *
 * @param secret         signs (gateway) and verifies (services) the internal token
 * @param previousSecret during a rotation, the secret before: services still accept tokens signed with it
 *                       (INTERNAL_TOKEN_PREVIOUS_SECRET); empty otherwise
 */
@ConfigurationProperties("datacollab.security.internal-token")
public record InternalTokenProperties(String secret, String previousSecret) {
}
