package org.datacollab.contracts.vocabulary;

/** A partnership's lifecycle phase (DOMAIN.md sections 2 and 4). */
public enum Phase {
    FORMING, AGREED, OPERATING, SCALING, SUSTAINED, SUSPENDED, ENDED;

    /** Active phases: every phase but ENDED; SUSPENDED is active (it can be resumed). */
    public boolean isActive() {
        return this != ENDED;
    }
}
