package org.datacollab.contracts.vocabulary;

/** DOMAIN.md section 2: a partnership's sustainability risk level, in increasing order. */
public enum RiskLevel {
    NONE, LOW, MEDIUM, HIGH, CRITICAL
}
