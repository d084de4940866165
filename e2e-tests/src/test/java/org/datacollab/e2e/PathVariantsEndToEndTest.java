package org.datacollab.e2e;

import org.datacollab.localstack.LocalStack;
import org.datacollab.testsupport.PathVariants;
import org.datacollab.testsupport.RawHttp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole system, every spelling of a path sent as raw bytes to the gateway without credentials: the admin
 * API issues no key and lists none, no management endpoint of the gateway or of a service answers, a tenant
 * endpoint stays shut. Each is answered 400 (the firewall) or 401; the actuators answer on their management
 * ports only (the control).
 */
class PathVariantsEndToEndTest {

    static LocalStack stack;
    static int gatewayPort;

    @BeforeAll
    static void start() {
        stack = SharedStack.get();
        gatewayPort = URI.create(stack.gatewayUrl()).getPort();
    }

    @Test
    void noSpellingOfTheAdminApiIssuesOrListsAKey() {
        String organization = "variants-" + UUID.randomUUID().toString().substring(0, 8);
        int sent = 0;
        for (String target : PathVariants.of("/admin/api-keys")) {
            RawHttp.Answer issue = RawHttp.send(gatewayPort, "POST", target, "{\"organization\":\"" + organization + "\",\"roles\":[\"ADMIN\"]}");
            RawHttp.Answer list = RawHttp.send(gatewayPort, "GET", target, null);
            assertThat(issue.status()).as("POST " + target).isIn(400, 401);
            assertThat(list.status()).as("GET " + target).isIn(400, 401);
            assertThat(list.body()).as("GET " + target).doesNotContain("createdAt");
            sent += 2;
        }
        assertThat(sent).isGreaterThan(30);
        RawHttp.Answer keys = RawHttp.send(gatewayPort, "GET", "/admin/api-keys?limit=1000", null, "Authorization: Bearer " + stack.adminKey());
        assertThat(keys.status()).isEqualTo(200);
        assertThat(keys.body()).as("no spelling issued a key").doesNotContain(organization);
    }

    @Test
    void noSpellingReachesAManagementOrTenantEndpoint() {
        List<String> paths = new ArrayList<>();
        for (String endpoint : List.of("health", "health/readiness", "info", "prometheus", "metrics")) {
            paths.add("/actuator/" + endpoint);
            for (String api : List.of("registry", "assessment", "notifications")) {
                paths.add("/api/" + api + "/actuator/" + endpoint);
            }
        }
        paths.add("/api/notifications/inbox/open-state");
        for (String path : paths) {
            for (String target : PathVariants.of(path)) {
                RawHttp.Answer answer = RawHttp.send(gatewayPort, "GET", target, null);
                assertThat(answer.status()).as("GET " + target).isIn(400, 401);
                assertThat(answer.body()).as("GET " + target).doesNotContain("jvm_").doesNotContain("\"UP\"");
            }
        }
        for (String service : LocalStack.SERVICES) {
            int management = URI.create(stack.managementUrl(service)).getPort();
            assertThat(RawHttp.send(management, "GET", "/actuator/health/readiness", null).body()).as(service).contains("\"UP\"");
        }
    }
}
