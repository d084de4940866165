package org.datacollab.contracts.vocabulary;

/** DOMAIN.md section 2: an organization's sector. */
public enum Sector {
    PUBLIC, PRIVATE, NONPROFIT, ACADEMIC
}
