package org.datacollab.gateway.identity;

import org.springframework.context.annotation.Primary;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Sends each presented credential to the manager of its kind: API keys to {@link ApiKeyAuthentication}, the rest to OIDC. */
@Component
@Primary
public class CredentialAuthentication implements ReactiveAuthenticationManager {

    private final ApiKeyAuthentication apiKeys;
    private final OidcAuthentication oidc;

    public CredentialAuthentication(ApiKeyAuthentication apiKeys, OidcAuthentication oidc) {
        this.apiKeys = apiKeys;
        this.oidc = oidc;
    }

    @Override
    public Mono<Authentication> authenticate(Authentication authentication) {
        PresentedCredential credential = (PresentedCredential) authentication;
        return apiKeys.accepts(credential) ? apiKeys.authenticate(credential) : oidc.authenticate(credential);
    }
}
