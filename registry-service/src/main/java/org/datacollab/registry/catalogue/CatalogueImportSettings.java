package org.datacollab.registry.catalogue;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the catalogue import ({@code datacollab.catalogue.import.*}).
 *
 * @param maxRows     the most rows one import may have (a larger file is refused whole, 413 catalogue-rows, before any
 *                    row is imported); its bytes are bounded by the body limit ({@code REGISTRY_MAX_BODY})
 * @param concurrency how many rows (of different refs) are decided and recorded at once
 */
@ConfigurationProperties("datacollab.catalogue.import")
public record CatalogueImportSettings(@DefaultValue("20000") int maxRows, @DefaultValue("8") int concurrency) {
}
