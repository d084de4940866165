package org.datacollab.testsupport.machine;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

import java.util.List;

/**
 * Evaluates {@link Requires}: enabled where the machine has every capability; else disabled with the reason
 * (surefire's report keeps it, and the build's summary lists it), or failed where {@link RequireAll} is on.
 */
public final class RequiresCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return context.getElement().flatMap(element -> AnnotationSupport.findAnnotation(element, Requires.class))
                .map(requires -> evaluate(context.getDisplayName(), List.of(requires.value())))
                .orElse(ConditionEvaluationResult.enabled("no @Requires"));
    }

    private static ConditionEvaluationResult evaluate(String test, List<Capability> capabilities) {
        String missing = RequireAll.orFail(test, capabilities);
        return missing.isEmpty() ? ConditionEvaluationResult.enabled("the machine has " + capabilities)
                : ConditionEvaluationResult.disabled(missing);
    }
}
