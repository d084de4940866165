package org.datacollab.notification.delivery;

import org.springframework.stereotype.Component;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Where a webhook may go (server-side request forgery, decision 0033): an http or https URL (https only where
 * {@code require-https}) whose host is or resolves to public addresses only, none in a {@link
 * SpecialPurposeAddresses special-purpose block}. The host is resolved once per attempt, here, and the address
 * checked is the address connected to ({@link Allowed#address()}): a name that resolves elsewhere a moment later
 * (DNS rebinding) is never asked again. A refusal says why without saying what the name resolved to. Hosts on
 * the allowlist (local development) skip the address check.
 */
@Component
public class WebhookTargets {

    /** What checking a URL found: where to connect, or why not. */
    public sealed interface Check permits Allowed, Refused {
    }

    /** The URL may be called; connect to {@code address} (and to no other resolution of its host). */
    public record Allowed(URI uri, InetAddress address) implements Check {
    }

    public record Refused(String reason) implements Check {
    }

    private final WebhookSettings settings;

    public WebhookTargets(WebhookSettings settings) {
        this.settings = settings;
    }

    /** Null when the URL may be called, else the reason it may not. */
    public String refusal(String url) {
        return check(url) instanceof Refused refused ? refused.reason() : null;
    }

    public Check check(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return new Refused("not a URL");
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equals("https") || scheme.equals("http"))) {
            return new Refused("only http and https URLs are called");
        }
        if (settings.requireHttps() && scheme.equals("http")) {
            return new Refused("only https URLs are called");
        }
        String host = uri.getHost();
        if (host == null || uri.getRawUserInfo() != null) {
            return new Refused("the URL needs a host and no user information");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return new Refused("the host does not resolve");
        }
        if (!settings.allowedHosts().contains(host)) {
            for (InetAddress address : addresses) {
                if (!SpecialPurposeAddresses.isPublic(address)) {
                    // which address is not said: the caller would learn what the name resolves to inside
                    return new Refused(host.equals(address.getHostAddress()) || host.startsWith("[")
                            ? "the address is not a public Internet address"
                            : "the host resolves to an address that is not a public Internet address");
                }
            }
        }
        return new Allowed(uri, addresses[0]);
    }
}
