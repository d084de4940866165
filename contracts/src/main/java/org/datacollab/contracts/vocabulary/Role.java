package org.datacollab.contracts.vocabulary;

/** DOMAIN.md section 2: a role an organization holds in a partnership (it may hold several). */
public enum Role {
    LEAD, DATA_PROVIDER, DATA_USER, INTERMEDIARY, FUNDER, BENEFICIARY
}
