package org.datacollab.problem;

import java.util.Optional;

/**
 * How a service's own exceptions become problems (its domain's rule violations, say): declared as beans and
 * asked, in order, by the {@link ProblemHandler} before its general mapping of framework exceptions.
 */
@FunctionalInterface
public interface ProblemMapping {

    Optional<Problem> problemOf(Throwable error);
}
