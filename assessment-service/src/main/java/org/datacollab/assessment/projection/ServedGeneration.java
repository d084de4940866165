package org.datacollab.assessment.projection;

import org.datacollab.assessment.risk.AssessmentStore;
import org.springframework.stereotype.Component;

import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The generation of collections this instance serves and writes to. Writers to it (the listener's batches, the
 * time job's evaluations) hold it shared; switching to another generation holds it exclusively, so that a batch
 * is written to one generation from its first write to its last.
 */
@Component
public class ServedGeneration {

    private final HistoryStore histories;
    private final AssessmentStore assessments;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    public ServedGeneration(HistoryStore histories, AssessmentStore assessments) {
        this.histories = histories;
        this.assessments = assessments;
    }

    /** The generation served now. */
    public int generation() {
        return histories.generation();
    }

    /** Runs work that writes to the served generation; a switch waits for it, and it waits for a switch. */
    public <T> T writing(Supplier<T> work) {
        lock.readLock().lock();
        try {
            return work.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Runs work while nothing writes to the served generation (the writes in progress done first), then serves
     * (reads and writes) the generation it answers from then on.
     */
    public void switchAfter(Supplier<Integer> work) {
        lock.writeLock().lock();
        try {
            int generation = work.get();
            if (histories.generation() != generation) {
                histories.use(generation);
                assessments.use(generation);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }
}
