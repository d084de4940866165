package org.datacollab.gateway;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.servers.Server;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The single entry point: routes /api/registry, /api/assessment and /api/notifications to the services. */
@SpringBootApplication
// the gateway's own API (keys, audit) at its root; docs/openapi/gateway.json
@OpenAPIDefinition(info = @Info(title = "DataCollab Registry: gateway", version = "1"),
        servers = @Server(url = "/", description = "the gateway"))
public class GatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(GatewayApplication.class, args);
    }
}
