package org.datacollab.assessment.rules;

import org.datacollab.contracts.facts.PartnershipFact;
import org.datacollab.contracts.risk.ActiveSignal;
import org.datacollab.contracts.vocabulary.Mechanism;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every row, model fit, recommendation and level change of cases/EXPECTED.md, from the rules alone. */
class CanonicalCasesTest {

    @Test
    void theExpectedDocumentHasFourCases() {
        assertThat(ExpectedCases.read()).extracting(ExpectedCases.Case::name)
                .containsExactly("flower-import", "flowminder-nepal", "dutch-municipality-spending", "food-traceability-nys");
    }

    @TestFactory
    Stream<DynamicTest> everyRow() {
        List<DynamicTest> tests = new ArrayList<>();
        for (ExpectedCases.Case expected : ExpectedCases.read()) {
            List<PartnershipFact> history = CaseHistories.load(expected.name());
            for (ExpectedCases.Row row : expected.rows()) {
                tests.add(DynamicTest.dynamicTest(expected.name() + " as of " + row.asOf(), () -> {
                    Assessment assessment = Assessor.assess(history, row.asOf());
                    Map<String, Integer> signals = new LinkedHashMap<>();
                    assessment.signals().forEach(s -> signals.put(s.name(), s.weight()));
                    assertThat(assessment.phase().name()).as("phase").isEqualTo(row.phase());
                    assertThat(signals).as("active signals, in order").containsExactlyEntriesOf(row.signals());
                    assertThat(assessment.score()).as("score").isEqualTo(row.score());
                    assertThat(assessment.level().name()).as("level").isEqualTo(row.level());
                    assertThat(assessment.modelFit().bestFit().name()).as("best fit").isEqualTo(row.bestFit());
                    assertThat(assessment.signals()).extracting(ActiveSignal::explanation).allMatch(e -> e.endsWith("."));
                }));
            }
            tests.add(DynamicTest.dynamicTest(expected.name() + " model fit at " + expected.modelFitAsOf(), () -> {
                Assessment assessment = Assessor.assess(history, expected.modelFitAsOf());
                Map<String, Double> fit = new LinkedHashMap<>();
                assessment.modelFit().shares().forEach((model, share) -> fit.put(model.name(), share));
                assertThat(fit).containsExactlyEntriesOf(expected.modelFit());
            }));
            tests.add(DynamicTest.dynamicTest(expected.name() + " recommendations at " + expected.recommendationsAsOf(), () -> {
                Assessment assessment = Assessor.assess(history, expected.recommendationsAsOf());
                Map<String, List<String>> recommendations = new LinkedHashMap<>();
                assessment.openChallenges().forEach(c -> recommendations.put(c.challengeId(),
                        c.recommendations().stream().map(Mechanism::name).toList()));
                assertThat(recommendations).containsExactlyEntriesOf(expected.recommendations());
            }));
            tests.add(DynamicTest.dynamicTest(expected.name() + " level changes to " + expected.changesUntil(), () -> {
                List<ExpectedCases.Change> actual = Assessor.riskHistory(history, expected.changesUntil()).stream()
                        .map(e -> new ExpectedCases.Change(e.day(), e.level().name(), e.score(), e.signals())).toList();
                assertThat(actual).containsExactlyElementsOf(expected.changes());
            }));
        }
        return tests.stream();
    }
}
