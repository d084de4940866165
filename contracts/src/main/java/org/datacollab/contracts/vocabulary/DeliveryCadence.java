package org.datacollab.contracts.vocabulary;

/** DOMAIN.md section 2: how often an agreement expects data to be delivered. */
public enum DeliveryCadence {
    ONE_OFF, DAILY, WEEKLY, MONTHLY, QUARTERLY, YEARLY, IRREGULAR
}
