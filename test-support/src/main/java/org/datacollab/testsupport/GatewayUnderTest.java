package org.datacollab.testsupport;

import org.datacollab.infra.Infrastructure;
import org.springframework.test.context.DynamicPropertyRegistry;

/** The settings of a gateway started by a test: its database, one stand-in for every service, its secret and admin key. */
public final class GatewayUnderTest {

    private GatewayUnderTest() {
    }

    /** Routes every service to {@code servicesUrl} (one stand-in server), signs with {@code secret}, bootstraps {@code adminKey}. */
    public static void register(DynamicPropertyRegistry registry, String database, String servicesUrl, String secret, String adminKey) {
        registry.add("spring.mongodb.uri", Infrastructure.shared()::mongoUri);
        registry.add("spring.mongodb.database", () -> database);
        registry.add("REGISTRY_URL", () -> servicesUrl);
        registry.add("ASSESSMENT_URL", () -> servicesUrl);
        registry.add("NOTIFICATION_URL", () -> servicesUrl);
        registry.add("INTERNAL_TOKEN_SECRET", () -> secret);
        registry.add("BOOTSTRAP_ADMIN_KEY", () -> adminKey);
    }
}
