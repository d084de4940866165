package org.datacollab.contracts.vocabulary;

/** DOMAIN.md section 2: how a partnership ended. */
public enum Outcome {
    GOAL_ACHIEVED, ONE_OFF_COMPLETED, FUNDING_ENDED, PARTNER_WITHDREW, DISSOLVED
}
