package org.datacollab.catalogue;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** docs/catalogue.md as pure functions: reading, deciding and indexing a catalogue touch no framework or store. */
class PureCatalogueTest {

    @Test
    void importsNoSpringAxonKafkaOrMongo() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.axonframework..",
                        "org.apache.kafka..", "io.cloudevents..", "com.mongodb..", "org.bson..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("org.datacollab.catalogue"));
    }
}
