package org.datacollab.security;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

import java.util.Locale;
import java.util.Map;

/**
 * Every API description declares how a caller proves who it is at the gateway, so that a generated client (and
 * "Try it out" in the API explorer) sends its key: an API key in {@code X-API-Key}, or a bearer token in
 * {@code Authorization} (an API key {@code dck_...} or an OIDC access token). Either one will do, on every
 * operation; an operation anyone may call says so with an empty {@code security} of its own.
 * <p>
 * A stream of Server-Sent Events is described as what it is on the wire, {@code text/event-stream} text, rather
 * than as an array of Spring's {@code ServerSentEvent} objects, which no client would ever receive.
 */
@AutoConfiguration
@ConditionalOnClass(name = "org.springdoc.core.customizers.OpenApiCustomizer")
public class ApiSecuritySchemes {

    public static final String API_KEY = "apiKey";
    public static final String BEARER = "bearer";
    static final String EVENT_STREAM = "text/event-stream";

    @Bean
    OpenApiCustomizer apiSecuritySchemes() {
        return openApi -> {
            Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
            openApi.setComponents(components
                    .addSecuritySchemes(API_KEY, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                            .in(SecurityScheme.In.HEADER).name("X-API-Key")
                            .description("An API key issued with POST /admin/api-keys (dck_...)."))
                    .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                            .description("An API key (dck_...) or an OIDC access token from the configured issuer.")));
            if (openApi.getSecurity() == null || openApi.getSecurity().isEmpty()) {
                openApi.addSecurityItem(new SecurityRequirement().addList(API_KEY));
                openApi.addSecurityItem(new SecurityRequirement().addList(BEARER));
            }
        };
    }

    /**
     * The administration every service shares (dead-letters, processor-status) under names a generated client can
     * use; springdoc would number them ({@code list_1}) in the order it met them.
     */
    @Bean
    OpenApiCustomizer administrationOperationIds() {
        Map<String, String> names = Map.of(
                "get /admin/dead-letters", "listDeadLetters",
                "post /admin/dead-letters/{id}/replay", "replayDeadLetter",
                "get /admin/processors", "listProcessors",
                "post /admin/processors/{name}/replay", "replayProcessor");
        return openApi -> {
            if (openApi.getPaths() != null) {
                openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                    String name = names.get(method.name().toLowerCase(Locale.ROOT) + " " + path);
                    if (name != null) {
                        operation.setOperationId(name);
                    }
                }));
            }
        };
    }

    @Bean
    OpenApiCustomizer eventStreams() {
        return openApi -> {
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().values().forEach(path -> path.readOperations().forEach(operation ->
                    operation.getResponses().values().forEach(response -> {
                        if (response.getContent() != null && response.getContent().containsKey(EVENT_STREAM)) {
                            response.getContent().get(EVENT_STREAM).setSchema(new StringSchema()
                                    .description("Server-Sent Events; each event's data is one JSON object (see the operation)"));
                        }
                    })));
            if (openApi.getComponents() != null && openApi.getComponents().getSchemas() != null) {
                openApi.getComponents().getSchemas().keySet().removeIf(name -> name.startsWith("ServerSentEvent"));
            }
        };
    }
}
