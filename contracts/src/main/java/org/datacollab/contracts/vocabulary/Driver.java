package org.datacollab.contracts.vocabulary;

/** What pushes partners to share (DOMAIN.md section 2). */
public enum Driver {
    ORGANIZATIONAL_GAINS, INDUSTRY_PRESSURE, URGENCY, SOCIETAL_PRESSURE, REPUTATIONAL_GAINS,
    OPEN_GOVERNMENT, GOVERNMENT_VISION, CAPABILITY_ACCESS, PUBLIC_VALUE
}
