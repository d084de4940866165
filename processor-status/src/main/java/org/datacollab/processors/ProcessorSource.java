package org.datacollab.processors;

import java.util.List;

/** A service's processors and consumers, and how to replay those that may be replayed ({@link ProcessorsController}). */
public interface ProcessorSource {

    List<ProcessorStatus> processors();

    /**
     * Replays the processor from {@code fromPosition} (from the start when null); answers its status afterwards.
     * Throws a {@link org.datacollab.problem.ProblemException} when it may not be replayed, or not now.
     */
    ProcessorStatus replay(String name, Long fromPosition);
}
