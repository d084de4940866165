package org.datacollab.gateway.access;

import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAddressTest {

    static MockServerWebExchange from(String remote, String... forwardedFor) {
        MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get("/api/registry/partnerships")
                .remoteAddress(new InetSocketAddress(remote, 40000));
        for (String value : forwardedFor) {
            request.header("X-Forwarded-For", value);
        }
        return MockServerWebExchange.from(request);
    }

    static ClientAddress trusting(String... proxies) {
        return new ClientAddress(new AccessProperties(new AccessProperties.RateLimit(200, 100), new AccessProperties.AnonymousReads(60, Duration.ofMillis(500)),
                new AccessProperties.FailedLogins(20, Duration.ofSeconds(6)), List.of(proxies), Duration.ofSeconds(5)));
    }

    @Test
    void aClientThatIsNotATrustedProxyIsItsConnectionsAddressWhateverItForwards() {
        assertThat(trusting().of(from("198.51.100.7", "203.0.113.1"))).isEqualTo("198.51.100.7");
        assertThat(trusting("10.0.0.0/8").of(from("198.51.100.7", "203.0.113.1"))).isEqualTo("198.51.100.7");
    }

    @Test
    void behindATrustedProxyTheClientIsTheLastAddressNoTrustedProxyAdded() {
        ClientAddress address = trusting("10.0.0.0/8", "127.0.0.1");
        assertThat(address.of(from("10.1.2.3", "203.0.113.1"))).isEqualTo("203.0.113.1");
        // a client writing its own X-Forwarded-For only adds entries to the left of what the proxy appended
        assertThat(address.of(from("10.1.2.3", "192.0.2.66, 203.0.113.1"))).isEqualTo("203.0.113.1");
        assertThat(address.of(from("10.1.2.3", "203.0.113.1, 10.9.9.9"))).isEqualTo("203.0.113.1");
        assertThat(address.of(from("127.0.0.1"))).isEqualTo("127.0.0.1");
    }

    /** Limits count an IPv6 client by its /64, which it can pick any address of; IPv4 addresses one by one. */
    @Test
    void anIpv6ClientIsCountedByItsSlash64() {
        ClientAddress address = trusting("10.0.0.0/8");
        String one = address.of(from("2001:db8:1:2::7"));
        assertThat(one).isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThat(address.of(from("2001:db8:1:2:ffff:1234:abcd:1"))).isEqualTo(one);
        assertThat(address.of(from("10.1.2.3", "2001:db8:1:2:aaaa::9"))).as("forwarded by a trusted proxy").isEqualTo(one);
        assertThat(address.of(from("2001:db8:1:3::7"))).as("the next /64 is another client").isNotEqualTo(one);
        assertThat(address.of(from("198.51.100.7"))).isEqualTo("198.51.100.7");
        assertThat(address.of(from("198.51.100.8"))).isEqualTo("198.51.100.8");
        assertThat(address.of(from("10.1.2.3", "::ffff:203.0.113.1"))).as("IPv4-mapped").isEqualTo("203.0.113.1");
        assertThat(address.of(from("10.1.2.3", "not:an:address:zz"))).as("left as written, looked up nowhere").isEqualTo("not:an:address:zz");
    }
}
