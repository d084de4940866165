package org.datacollab.security;

import org.datacollab.problem.ProblemResponses;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;

import java.time.Clock;

/**
 * Turned on in a service by {@code datacollab.security.service=true}: every request is verified against the
 * internal token, and handlers get the {@link Caller}. The secret comes from INTERNAL_TOKEN_SECRET; without
 * it the service does not start.
 */
@AutoConfiguration
@ConditionalOnProperty(name = "datacollab.security.service", havingValue = "true")
public class ServiceSecurityConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public InternalTokens internalTokens(@Value("${datacollab.security.internal-token.secret:}") String secret,
                                         @Value("${datacollab.security.internal-token.previous-secret:}") String previous) {
        return new InternalTokens(secret, previous, Clock.systemUTC());
    }

    @Bean
    public InternalTokenFilter internalTokenFilter(InternalTokens tokens, ProblemResponses problems) {
        return new InternalTokenFilter(tokens, problems);
    }

    @Bean
    public WebFluxConfigurer callerArguments() {
        return new WebFluxConfigurer() {
            @Override
            public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
                configurer.addCustomResolver(new CallerArgumentResolver());
            }
        };
    }
}
