package org.datacollab.security;

import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Spring Security's strict firewall (no encoded slashes or periods, no {@code ;}, {@code //}, dot segments,
 * backslashes, null bytes, {@code %25}), and one rule more: a path may not percent-encode a character that
 * needs no encoding (letters, digits, {@code -._~}). Access rules and routes both match decoded segments, so
 * {@code /%61dmin} would reach {@code /admin}; refusing such encodings makes the path that the access decision
 * sees, the path that the route sees, and the path the client wrote one and the same. Characters that must be
 * encoded ({@code %7C} for the {@code |} of an alert id, spaces, non-ASCII) stay allowed.
 */
public final class PathFirewall implements ServerWebExchangeFirewall {

    private final StrictServerWebExchangeFirewall strict = new StrictServerWebExchangeFirewall();

    public static PathFirewall strict() {
        return new PathFirewall();
    }

    @Override
    public Mono<ServerWebExchange> getFirewalledExchange(ServerWebExchange exchange) {
        String raw = exchange.getRequest().getURI().getRawPath();
        String encoded = encodedOrdinaryCharacter(raw);
        if (encoded != null) {
            return Mono.error(new ServerExchangeRejectedException(
                    "The request was rejected because the path percent-encodes an ordinary character: " + encoded));
        }
        return strict.getFirewalledExchange(exchange);
    }

    /** The first {@code %XX} in the path that encodes an unreserved character (RFC 3986 section 2.3), or null. */
    static String encodedOrdinaryCharacter(String rawPath) {
        if (rawPath == null) {
            return null;
        }
        for (int i = rawPath.indexOf('%'); i >= 0; i = rawPath.indexOf('%', i + 1)) {
            if (i + 2 >= rawPath.length()) {
                return rawPath.substring(i);
            }
            int high = Character.digit(rawPath.charAt(i + 1), 16);
            int low = Character.digit(rawPath.charAt(i + 2), 16);
            if (high < 0 || low < 0) {
                return rawPath.substring(i, i + 3);
            }
            char decoded = (char) (high * 16 + low);
            if ((decoded < 0x80 && Character.isLetterOrDigit(decoded)) || "-._~".indexOf(decoded) >= 0) {
                return rawPath.substring(i, i + 3);
            }
        }
        return null;
    }
}
