package org.datacollab.security;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import java.util.List;

/**
 * An authenticated {@link Caller}, as Spring Security holds it: at the gateway after an API key or OIDC token
 * was verified, in a service after the internal token was. Its authorities are the caller's roles
 * ({@code ROLE_ADMIN}, ...), so that access rules read {@code hasRole("ADMIN")}.
 */
public final class CallerAuthentication extends AbstractAuthenticationToken {

    private final Caller caller;
    private final transient Object credentials;

    public CallerAuthentication(Caller caller, Object credentials) {
        super(authorities(caller));
        this.caller = caller;
        this.credentials = credentials;
        setAuthenticated(true);
    }

    private static List<GrantedAuthority> authorities(Caller caller) {
        return caller.roles().stream().sorted().<GrantedAuthority>map(role -> new SimpleGrantedAuthority("ROLE_" + role.name())).toList();
    }

    public Caller caller() {
        return caller;
    }

    @Override
    public Object getCredentials() {
        return credentials;
    }

    @Override
    public Object getPrincipal() {
        return caller;
    }

    @Override
    public String getName() {
        return caller.subject();
    }
}
