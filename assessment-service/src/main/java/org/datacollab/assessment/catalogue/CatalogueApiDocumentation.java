package org.datacollab.assessment.catalogue;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.servers.Server;
import org.datacollab.catalogue.Facet;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * The catalogue's operations as a client calls them: the controller reads its filters as one map of every query
 * parameter, which springdoc would describe as a single required object parameter; the description names each
 * facet's filter (repeatable or comma separated) and {@code q}. The gateway routes them at {@code /api/catalogue}
 * (not under {@code /api/assessment}), hence a server of their own.
 */
@Component
public class CatalogueApiDocumentation implements OpenApiCustomizer {

    static final String PATH = "/catalogue";
    static final String ALL_PARAMETERS = "parameters";

    @Override
    public void customise(OpenAPI openApi) {
        openApi.getPaths().forEach((path, item) -> {
            if (!path.equals(PATH) && !path.startsWith(PATH + "/")) {
                return;
            }
            item.setServers(List.of(new Server().url("/api").description("through the gateway")));
            for (Operation operation : item.readOperations()) {
                if (operation.getParameters() == null
                        || operation.getParameters().stream().noneMatch(p -> p.getName().equals(ALL_PARAMETERS))) {
                    continue;
                }
                List<Parameter> parameters = new ArrayList<>();
                for (Facet facet : Facet.values()) {
                    parameters.add(new Parameter().in("query").name(facet.parameter()).required(false)
                            .description("Values of the " + facet.parameter() + " facet: any of them (repeat, or separate with commas)")
                            .schema(new ArraySchema().items(new StringSchema())));
                }
                parameters.add(new Parameter().in("query").name("q").required(false).description("Free text")
                        .schema(new StringSchema().maxLength(CatalogueController.Q_LENGTH)));
                operation.getParameters().stream().filter(p -> !p.getName().equals(ALL_PARAMETERS)).forEach(parameters::add);
                operation.setParameters(parameters);
            }
        });
    }
}
