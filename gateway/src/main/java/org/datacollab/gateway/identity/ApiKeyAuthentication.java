package org.datacollab.gateway.identity;

import org.datacollab.security.CallerAuthentication;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** API keys (and the operator's bootstrap key) as an authentication manager: the key's caller, or a failure. */
@Component
public class ApiKeyAuthentication implements ReactiveAuthenticationManager {

    private final ApiKeys keys;

    public ApiKeyAuthentication(ApiKeys keys) {
        this.keys = keys;
    }

    @Override
    public Mono<Authentication> authenticate(Authentication authentication) {
        PresentedCredential credential = (PresentedCredential) authentication;
        return Mono.fromCallable(() -> keys.authenticate(credential.value()))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(caller -> caller.<Mono<Authentication>>map(c -> Mono.just(new CallerAuthentication(c, null)))
                        .orElseGet(() -> Mono.error(new BadCredentialsException("unknown or revoked API key"))));
    }

    /** Whether this credential is for this manager: an API key, or the bootstrap key. */
    public boolean accepts(PresentedCredential credential) {
        return credential.looksLikeApiKey() || keys.isBootstrapKey(credential.value());
    }
}
