package org.datacollab.gateway.access;

import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * The client's address, for limits per address: the connection's, unless the connection comes from a trusted
 * proxy (the Ingress), whose X-Forwarded-For is then read from the right: the first address that is not itself
 * a trusted proxy is the client. A client that sends its own X-Forwarded-For cannot choose its address: only
 * what the trusted proxies appended counts.
 * <p>
 * An IPv6 client is counted by its /64: one subscriber is given at least that network and may pick any of its
 * 2^64 addresses for each request, so that a limit per IPv6 address would limit nothing.
 */
@Component
public class ClientAddress {

    private final List<IpAddressMatcher> trusted;

    public ClientAddress(AccessProperties properties) {
        this.trusted = properties.trustedProxies().stream().map(String::trim).filter(s -> !s.isEmpty()).map(IpAddressMatcher::new).toList();
    }

    public String of(ServerWebExchange exchange) {
        return network(address(exchange));
    }

    private String address(ServerWebExchange exchange) {
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

    /** An IPv4 address as it is; an IPv6 address as its /64 ({@code 2001:db8:1:2:0:0:0:0/64}). */
    static String network(String address) {
        if (address.indexOf(':') < 0) {
            return address;
        }
        try {
            // a literal with ':' is parsed as an IPv6 address, never looked up in DNS (an invalid one throws)
            InetAddress parsed = InetAddress.getByName(address);
            if (!(parsed instanceof Inet6Address)) {
                return parsed.getHostAddress(); // an IPv4-mapped address is its IPv4 address
            }
            byte[] bytes = parsed.getAddress();
            Arrays.fill(bytes, 8, 16, (byte) 0);
            return InetAddress.getByAddress(bytes).getHostAddress() + "/64";
        } catch (UnknownHostException notAnAddress) {
            return address;
        }
    }

    private boolean trusts(String address) {
        try {
            return trusted.stream().anyMatch(proxy -> proxy.matches(address));
        } catch (IllegalArgumentException notAnAddress) {
            return false;
        }
    }
}
