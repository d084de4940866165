package org.datacollab.gateway.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * OIDC bearer tokens from one identity provider. On when an issuer or a JWK set URI is configured; then the
 * issuer and the audience are both required (a token for another application of the same provider is not
 * ours), and the clock skew may be at most {@link #MAX_CLOCK_SKEW}.
 *
 * @param issuer             the provider's issuer, exactly as in the tokens' {@code iss} (OIDC_ISSUER)
 * @param jwkSetUri          where its signing keys are published (OIDC_JWK_SET_URI); by default found from the issuer
 * @param audience           the {@code aud} a token must name (OIDC_AUDIENCE): this API's client id at the provider
 * @param clockSkew          how far the provider's clock may be off when checking exp and nbf
 * @param organizationClaim  the claim naming the caller's organization
 * @param rolesClaim         the claim listing the caller's roles (roles of other applications are ignored)
 * @param jurisdictionsClaim the claim listing the jurisdictions a city data office monitors
 */
@ConfigurationProperties("datacollab.gateway.oidc")
public record OidcProperties(String issuer, String jwkSetUri, String audience, @DefaultValue("PT30S") Duration clockSkew,
                             @DefaultValue("org") String organizationClaim, @DefaultValue("roles") String rolesClaim,
                             @DefaultValue("jurisdictions") String jurisdictionsClaim) {

    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(2);

    public OidcProperties {
        if (blank(issuer) && !blank(jwkSetUri) || !blank(issuer) && blank(audience)) {
            throw new IllegalStateException("OIDC is on (OIDC_ISSUER or OIDC_JWK_SET_URI is set): then OIDC_ISSUER and OIDC_AUDIENCE "
                    + "are both required, so that only tokens of this provider, issued for this API, are accepted");
        }
        if (clockSkew.isNegative() || clockSkew.compareTo(MAX_CLOCK_SKEW) > 0) {
            throw new IllegalStateException("datacollab.gateway.oidc.clock-skew must be between 0 and " + MAX_CLOCK_SKEW + ", not " + clockSkew);
        }
    }

    public boolean enabled() {
        return !blank(issuer);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
