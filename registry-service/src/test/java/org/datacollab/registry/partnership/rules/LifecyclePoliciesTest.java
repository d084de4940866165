package org.datacollab.registry.partnership.rules;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The one list of lifecycle rules: each named once, by a problem slug that docs/problems.md explains. */
class LifecyclePoliciesTest {

    @Test
    void everyPolicyIsNamedOnceByADocumentedProblemSlug() throws IOException {
        String problems = Files.readString(Path.of("..", "docs", "problems.md"));
        var names = LifecyclePolicies.ALL.stream().map(Policy::rule).toList();
        assertThat(names).hasSizeGreaterThan(20).doesNotHaveDuplicates()
                .allSatisfy(rule -> assertThat(problems).as(rule).contains("`" + rule + "`"));
    }
}
