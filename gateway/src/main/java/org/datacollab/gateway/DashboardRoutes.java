package org.datacollab.gateway;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

import java.net.URI;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

/** The dashboard is static (gateway/src/main/resources/static/dashboard); its folder answers with its page. */
@Configuration(proxyBeanMethods = false)
public class DashboardRoutes {

    @Bean
    public RouterFunction<ServerResponse> dashboardIndex() {
        return route(GET("/dashboard").or(GET("/dashboard/")).or(GET("/")),
                request -> ServerResponse.temporaryRedirect(URI.create("/dashboard/index.html")).build());
    }
}
