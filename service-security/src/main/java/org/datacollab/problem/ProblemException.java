package org.datacollab.problem;

import java.time.Duration;

/** A {@link Problem} thrown from anywhere in a request; answered as it is by the {@link ProblemHandler}. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;
    private final Duration retryAfter;

    public ProblemException(Problem problem) {
        this(problem, null);
    }

    public ProblemException(Problem problem, Duration retryAfter) {
        super(problem.detail());
        this.problem = problem;
        this.retryAfter = retryAfter;
    }

    public Problem problem() {
        return problem;
    }

    /** When the client may try again (429, 503): sent as Retry-After. Null when it does not apply. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
