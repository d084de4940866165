package org.datacollab.contracts.vocabulary;

/** DOMAIN.md section 3: how a partnership ended. */
public enum Outcome {
    GOAL_ACHIEVED, ONE_OFF_COMPLETED, FUNDING_ENDED, PARTNER_WITHDREW, DISSOLVED,
    /** Ended, and nobody recorded why (a catalogue listed it as ended). */
    NOT_RECORDED
}
