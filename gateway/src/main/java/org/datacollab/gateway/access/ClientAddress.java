package org.datacollab.gateway.access;

import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * The client's address, for limits per address: the connection's, unless the connection comes from a trusted
 * proxy (the Ingress), whose X-Forwarded-For is then read from the right: the first address that is not itself
 * a trusted proxy is the client. A client that sends its own X-Forwarded-For cannot choose its address: only
 * what the trusted proxies appended counts.
 */
@Component
public class ClientAddress {

    private final List<IpAddressMatcher> trusted;

    public ClientAddress(AccessProperties properties) {
        this.trusted = properties.trustedProxies().stream().map(String::trim).filter(s -> !s.isEmpty()).map(IpAddressMatcher::new).toList();
    }

    public String of(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        String address = remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
        if (!trusts(address)) {
            return address;
        }
        List<String> forwarded = exchange.getRequest().getHeaders().getValuesAsList("X-Forwarded-For");
        for (int i = forwarded.size() - 1; i >= 0; i--) {
            String hop = forwarded.get(i).trim();
            if (hop.isEmpty()) {
                continue;
            }
            if (!trusts(hop)) {
                return hop;
            }
            address = hop;
        }
        return address;
    }

    private boolean trusts(String address) {
        try {
            return trusted.stream().anyMatch(proxy -> proxy.matches(address));
        } catch (IllegalArgumentException notAnAddress) {
            return false;
        }
    }
}
