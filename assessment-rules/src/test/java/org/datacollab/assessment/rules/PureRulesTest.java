package org.datacollab.assessment.rules;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** DOMAIN.md section 5 stays pure functions of (history, asOf): nothing here may reach a framework or a store. */
class PureRulesTest {

    @Test
    void importsNoSpringAxonKafkaOrMongo() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.axonframework..",
                        "org.apache.kafka..", "io.cloudevents..", "com.mongodb..", "org.bson..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("org.datacollab.assessment.rules"));
    }
}
