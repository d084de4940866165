package org.datacollab.gateway.identity;

import org.datacollab.security.InternalTokens;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** The gateway signs the internal token with the secret every service verifies it with. */
@Configuration(proxyBeanMethods = false)
public class GatewaySecurityConfiguration {

    @Bean
    public InternalTokens internalTokens(@Value("${datacollab.security.internal-token.secret:}") String secret) {
        return new InternalTokens(secret, null, Clock.systemUTC());
    }
}
