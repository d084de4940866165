package org.datacollab.contracts;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The published language is plain Java that every service and every consumer can read: no Spring, Axon or
 * MongoDB anywhere, and Kafka only in {@code contracts.json}, the binding of the facts to Kafka records.
 */
class PureContractsTest {

    private static final JavaClasses CONTRACTS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.datacollab.contracts");

    @Test
    void noFrameworkAnywhere() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "org.axonframework..", "com.mongodb..", "org.bson..")
                .check(CONTRACTS);
    }

    @Test
    void kafkaOnlyInTheKafkaBinding() {
        noClasses().that().resideOutsideOfPackage("org.datacollab.contracts.json..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "io.cloudevents.kafka..")
                .check(CONTRACTS);
    }
}
