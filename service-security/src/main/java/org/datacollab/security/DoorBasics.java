package org.datacollab.security;

import org.datacollab.problem.ProblemResponses;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;

/**
 * What every door has, the gateway's and each service's (both import it): the strict path firewall, its refusals and
 * every other security refusal as problem+json ({@link SecurityProblems}), and the {@link Caller} as a handler argument.
 */
@Configuration(proxyBeanMethods = false)
public class DoorBasics {

    @Bean
    public SecurityProblems securityProblems(ProblemResponses responses) {
        return new SecurityProblems(responses);
    }

    @Bean
    public ServerWebExchangeFirewall firewall() {
        return PathFirewall.strict();
    }

    @Bean
    public ServerExchangeRejectedHandler exchangeRejectedHandler(SecurityProblems problems) {
        return problems.rejected();
    }

    /** Handlers take the authenticated {@code Caller} as a parameter. */
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
