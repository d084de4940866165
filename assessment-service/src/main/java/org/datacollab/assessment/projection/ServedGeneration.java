package org.datacollab.assessment.projection;

import org.datacollab.assessment.risk.AssessmentStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The generation of collections this instance serves and writes to. Writers to it (the listener's batches, the
 * time job's evaluations) hold it shared; switching to another generation holds it exclusively, so that a batch
 * is written to one generation from its first write to its last. Every instance follows the active generation
 * recorded in MongoDB ({@link Generations}): at each batch of the listener and every
 * {@code datacollab.assessment.generations.follow} (PT1S) for reads, so a rebuild run by one instance moves reads and
 * writes to the new generation everywhere, without a restart and without announcing anything again.
 */
@Component
public class ServedGeneration {

    private static final Logger log = LoggerFactory.getLogger(ServedGeneration.class);

    private final HistoryStore histories;
    private final AssessmentStore assessments;
    private final Generations generations;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    public ServedGeneration(HistoryStore histories, AssessmentStore assessments, Generations generations) {
        this.histories = histories;
        this.assessments = assessments;
        this.generations = generations;
    }

    /** Reads move with the switch even while no event arrives. */
    @Scheduled(fixedDelayString = "${datacollab.assessment.generations.follow:PT1S}")
    void followForReads() {
        follow();
    }

    /** Serves the generation MongoDB records as active, if it is not served already; answers it. */
    public int follow() {
        int active = generations.active();
        if (active != generation()) {
            switchAfter(() -> active);
            log.info("serving generation {}, which a rebuild made active", active);
        }
        return active;
    }

    /** Whether the generation is still the one MongoDB records as active (a rebuild elsewhere may have switched). */
    public boolean stillActive(int generation) {
        return generations.active() == generation;
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
