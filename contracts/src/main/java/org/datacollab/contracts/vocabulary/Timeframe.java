package org.datacollab.contracts.vocabulary;

/** DOMAIN.md section 2: how long the sharing is meant to last. */
public enum Timeframe {
    ONE_OFF, FINITE, OPEN_ENDED
}
