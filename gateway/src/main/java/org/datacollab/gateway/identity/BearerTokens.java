package org.datacollab.gateway.identity;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import org.datacollab.security.Caller;
import org.datacollab.security.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * OIDC bearer JWTs from the identity provider named by configuration (issuer and JWK set URI; RS256 or
 * ES256). The organization, roles and jurisdictions are read from claims (names configurable: by default
 * {@code org}, {@code roles}, {@code jurisdictions}). Off when no JWK set URI is configured.
 */
@Component
public class BearerTokens {

    private static final Logger log = LoggerFactory.getLogger(BearerTokens.class);
    private final DefaultJWTProcessor<SecurityContext> processor;
    private final String organizationClaim;
    private final String rolesClaim;
    private final String jurisdictionsClaim;

    public BearerTokens(@Value("${datacollab.gateway.oidc.issuer:}") String issuer,
                        @Value("${datacollab.gateway.oidc.jwk-set-uri:}") String jwkSetUri,
                        @Value("${datacollab.gateway.oidc.organization-claim:org}") String organizationClaim,
                        @Value("${datacollab.gateway.oidc.roles-claim:roles}") String rolesClaim,
                        @Value("${datacollab.gateway.oidc.jurisdictions-claim:jurisdictions}") String jurisdictionsClaim) throws Exception {
        this.organizationClaim = organizationClaim;
        this.rolesClaim = rolesClaim;
        this.jurisdictionsClaim = jurisdictionsClaim;
        if (jwkSetUri == null || jwkSetUri.isBlank()) {
            processor = null;
            return;
        }
        JWKSource<SecurityContext> keys = JWKSourceBuilder.create(URI.create(jwkSetUri).toURL()).retrying(true).build();
        processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256), keys));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                issuer == null || issuer.isBlank() ? null : new JWTClaimsSet.Builder().issuer(issuer).build(),
                new HashSet<>(List.of("sub", "exp"))));
    }

    public boolean enabled() {
        return processor != null;
    }

    public Optional<Caller> authenticate(String token) {
        if (processor == null) {
            return Optional.empty();
        }
        try {
            JWTClaimsSet claims = processor.process(token, null);
            List<Role> roles = new ArrayList<>();
            List<String> names = claims.getStringListClaim(rolesClaim);
            for (String name : names == null ? List.<String>of() : names) {
                try {
                    roles.add(Role.valueOf(name));
                } catch (IllegalArgumentException unknownRole) {
                    // roles of other applications in the same token are ignored
                }
            }
            List<String> jurisdictions = claims.getStringListClaim(jurisdictionsClaim);
            return Optional.of(Caller.of("jwt:" + claims.getSubject(), claims.getStringClaim(organizationClaim), roles,
                    jurisdictions == null ? List.of() : jurisdictions));
        } catch (Exception e) {
            log.debug("bearer token refused: {}", e.getMessage());
            return Optional.empty();
        }
    }
}
