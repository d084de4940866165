package org.datacollab.registry.partnership;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The registry's lifecycle rules and its state fold (package {@code partnership.rules}) decide with what they are
 * given, "now" included: no Spring, Axon, Kafka or MongoDB, and nothing of the service around them.
 */
class PureRulesTest {

    @Test
    void importNoFrameworkNorTheServiceAroundThem() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.axonframework..",
                        "org.apache.kafka..", "io.cloudevents..", "com.mongodb..", "org.bson..",
                        "org.datacollab.registry.web..", "org.datacollab.registry.eventstore..", "org.datacollab.registry.publishing..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("org.datacollab.registry.partnership.rules"));
    }
}
