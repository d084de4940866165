package org.datacollab.registry.web;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.ComposedSchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.Discriminator;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import org.datacollab.contracts.facts.FactTypes;
import org.datacollab.contracts.facts.PartnershipFact;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

/**
 * The facts in the API description. A fact's JSON names its type in {@code "fact"}: the union of every fact
 * ({@value #UNION}, one of them by that discriminator) is what {@code POST /partnerships/{ref}/facts} takes and
 * what the answers carry. Client generators express such a union poorly, so the one operation
 * {@code POST /partnerships/{ref}/facts/{factName}} is described as one path per fact
 * ({@code /partnerships/{ref}/facts/DataDelivered}, ...) whose body is that fact's own schema: a generated client
 * gets a typed method per fact ({@code recordDataDelivered}).
 */
@Component
public class FactPaths implements OpenApiCustomizer {

    static final String UNION = "PartnershipFact";
    static final String UNION_REF = "#/components/schemas/" + UNION;
    static final String NAMED = "/partnerships/{ref}/facts/{factName}";
    static final String FORMED = "PartnershipFormed";
    static final String JSON = "application/json";

    @Override
    public void customise(OpenAPI openApi) {
        @SuppressWarnings("rawtypes")
        Map<String, Schema> schemas = openApi.getComponents().getSchemas();
        ComposedSchema union = new ComposedSchema();
        Discriminator discriminator = new Discriminator().propertyName("fact");
        for (String name : FactTypes.names()) {
            Class<? extends PartnershipFact> type = FactTypes.byName(name).orElseThrow();
            ModelConverters.getInstance().readAll(type).forEach(schemas::putIfAbsent);
            // the name is written first in every fact's JSON; a body sent to the fact's own path may leave it out
            schemas.get(name).addProperty("fact", new StringSchema()._enum(List.of(name))
                    .description("The fact's name; optional where the path names the fact."));
            union.addOneOfItem(new Schema<>().$ref(ref(name)));
            discriminator.mapping(name, ref(name));
        }
        schemas.put(UNION, union.discriminator(discriminator)
                .description("One fact of DOMAIN.md section 3, named by its \"fact\" field."));

        PathItem named = openApi.getPaths().remove(NAMED);
        if (named == null || named.getPost() == null) {
            return;
        }
        Operation template = named.getPost();
        for (String name : FactTypes.names()) {
            if (name.equals(FORMED)) {
                continue; // a partnership is formed with POST /partnerships
            }
            Operation operation = new Operation()
                    .tags(template.getTags())
                    .operationId("record" + name)
                    .summary("Record a " + name + " fact")
                    .description(template.getDescription())
                    .parameters(template.getParameters().stream().filter(p -> !p.getName().equals("factName")).toList())
                    .requestBody(new RequestBody().required(true).content(new Content().addMediaType(
                            JSON, new MediaType().schema(new Schema<>().$ref(ref(name))))))
                    .responses(template.getResponses())
                    .security(template.getSecurity());
            openApi.getPaths().addPathItem("/partnerships/{ref}/facts/" + name, new PathItem().post(operation));
        }
    }

    private static String ref(String name) {
        return "#/components/schemas/" + name;
    }
}
