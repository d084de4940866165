package org.datacollab.registry.catalogue;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** The catalogue import's settings. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CatalogueImportSettings.class)
public class CatalogueConfiguration {
}
