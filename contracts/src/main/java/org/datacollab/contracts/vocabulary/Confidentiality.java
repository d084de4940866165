package org.datacollab.contracts.vocabulary;

/** DOMAIN.md section 2: how confidential the data under an agreement is. */
public enum Confidentiality {
    PUBLIC, RESTRICTED, CONFIDENTIAL
}
