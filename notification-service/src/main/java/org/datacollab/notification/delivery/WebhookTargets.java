package org.datacollab.notification.delivery;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Set;

/**
 * Refuses webhook URLs that resolve to loopback, private, link-local, unspecified or cloud-metadata addresses
 * (server-side request forgery), unless the host is on the allowlist ({@code datacollab.webhooks.allowed-hosts},
 * for local development). Checked when subscribing and again before every attempt, since DNS can change.
 */
@Component
public class WebhookTargets {

    private final Set<String> allowedHosts;
    private final boolean requireHttps;

    public WebhookTargets(@Value("${datacollab.webhooks.allowed-hosts:}") Set<String> allowedHosts,
                          @Value("${datacollab.webhooks.require-https:false}") boolean requireHttps) {
        this.allowedHosts = allowedHosts;
        this.requireHttps = requireHttps;
    }

    /** Null when the URL may be called, else the reason it may not. */
    public String refusal(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return "not a URL";
        }
        if (uri.getScheme() == null || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))) {
            return "only http and https URLs are called";
        }
        if (requireHttps && uri.getScheme().equals("http")) {
            return "only https URLs are called";
        }
        String host = uri.getHost();
        if (host == null) {
            return "the URL has no host";
        }
        if (allowedHosts.contains(host)) {
            return null;
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                        || address.isAnyLocalAddress() || address.isMulticastAddress() || isUniqueLocal(address)
                        || address.getHostAddress().equals("169.254.169.254")) {
                    return "the host resolves to a loopback, private, link-local or metadata address (" + address.getHostAddress() + ")";
                }
            }
        } catch (UnknownHostException e) {
            return "the host does not resolve";
        }
        return null;
    }

    private static boolean isUniqueLocal(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc;
    }
}
