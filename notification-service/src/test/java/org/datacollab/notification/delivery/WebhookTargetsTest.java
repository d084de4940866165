package org.datacollab.notification.delivery;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Webhook targets that cannot reach inside (issue 19, item 6): every special-purpose block of the IANA IPv4 and
 * IPv6 registries is refused, written as the address literals an attacker would use; public literals are the
 * control. No DNS is asked (literals, and localhost from the hosts file).
 */
class WebhookTargetsTest {

    static final WebhookTargets TARGETS = new WebhookTargets(settings(false));

    @ParameterizedTest(name = "{0} is refused")
    @ValueSource(strings = {
            "http://100.100.100.200/", // shared address space (some clouds' metadata service)
            "http://100.64.0.1/", "http://198.18.0.1/", "http://198.19.255.254/", // benchmarking
            "http://[64:ff9b::a00:1]/", // NAT64 of 10.0.0.1
            "http://[64:ff9b:1::a00:1]/", // local-use NAT64
            "http://[2002:a00:1::1]/", // 6to4 of 10.0.0.1
            "http://[2001:0:4136:e378:8000:63bf:f5ff:fffe]/", // Teredo
            "http://[::ffff:10.0.0.1]/", "http://[::ffff:a00:1]/", // IPv4-mapped
            "http://[::10.0.0.1]/", // IPv4-compatible
            "http://127.0.0.1/", "http://127.1.2.3:8080/", "http://0.0.0.0/", "http://10.1.2.3/", "http://172.16.0.1/",
            "http://172.31.255.255/", "http://192.168.1.1/", "http://169.254.169.254/latest/meta-data", "http://192.0.0.1/",
            "http://192.0.2.1/", "http://198.51.100.7/", "http://203.0.113.9/", "http://192.88.99.1/", "http://192.31.196.1/",
            "http://192.52.193.1/", "http://192.175.48.1/", "http://224.0.0.1/", "http://239.255.255.250/", "http://240.0.0.1/",
            "http://255.255.255.255/",
            "http://[::1]/", "http://[::]/", "http://[fe80::1]/", "http://[fc00::1]/", "http://[fd12:3456:789a::1]/",
            "http://[fec0::1]/", "http://[ff02::1]/", "http://[100::1]/", "http://[2001:db8::1]/", "http://[2001:2::1]/",
            "http://[2001:10::1]/", "http://[2001:20::1]/", "http://[3fff::1]/", "http://[5f00::1]/", "http://[2620:4f:8000::1]/",
            "http://[4000::1]/", // outside global unicast
            "http://localhost:8080/hook"})
    void insideAddressesAreRefused(String url) {
        assertThat(TARGETS.check(url)).isInstanceOf(WebhookTargets.Refused.class);
    }

    @ParameterizedTest(name = "{0} is allowed")
    @ValueSource(strings = {"https://93.184.215.14/hook", "http://1.1.1.1/", "https://[2606:4700:4700::1111]/hook",
            "https://[2a00:1450:4001:800::200e]:8443/"})
    void publicAddressesAreAllowedAsTheControl(String url) {
        assertThat(TARGETS.check(url)).isInstanceOf(WebhookTargets.Allowed.class);
    }

    @Test
    void aRefusalDoesNotSayWhatANameResolvedTo() {
        var refused = (WebhookTargets.Refused) TARGETS.check("http://localhost/hook");
        assertThat(refused.reason()).doesNotContain("127.0.0.1").doesNotContain("::1").contains("not a public");
    }

    @Test
    void theAddressCheckedIsTheAddressToConnectTo() {
        var allowed = (WebhookTargets.Allowed) TARGETS.check("https://[2606:4700:4700::1111]/hook");
        assertThat(allowed.address().getHostAddress()).isEqualTo("2606:4700:4700:0:0:0:0:1111");
    }

    @Test
    void httpsCanBeRequiredAndUserInformationIsRefused() {
        WebhookTargets httpsOnly = new WebhookTargets(settings(true));
        assertThat(httpsOnly.refusal("http://93.184.215.14/hook")).isEqualTo("only https URLs are called");
        assertThat(httpsOnly.refusal("https://93.184.215.14/hook")).isNull();
        assertThat(TARGETS.refusal("ftp://93.184.215.14/")).isEqualTo("only http and https URLs are called");
        assertThat(TARGETS.refusal("https://user:pw@93.184.215.14/")).contains("no user information");
    }

    @Test
    void anAllowedHostSkipsTheAddressCheckForLocalDevelopment() {
        WebhookTargets local = new WebhookTargets(new WebhookSettings(Set.of("127.0.0.1"), false, Duration.ofSeconds(5),
                Duration.ofSeconds(10), 2, Duration.ofSeconds(15), 13, Duration.ofMinutes(2), 16));
        assertThat(local.check("http://127.0.0.1:9999/hook")).isInstanceOf(WebhookTargets.Allowed.class);
        assertThat(local.check("http://10.0.0.1/hook")).isInstanceOf(WebhookTargets.Refused.class);
    }

    static WebhookSettings settings(boolean requireHttps) {
        return new WebhookSettings(Set.of(), requireHttps, Duration.ofSeconds(5), Duration.ofSeconds(10), 2, Duration.ofSeconds(15),
                13, Duration.ofMinutes(2), 16);
    }
}
