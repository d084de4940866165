package org.datacollab.contracts.vocabulary;

/** Selsky &amp; Parker's partnership models (DOMAIN.md section 2). The declaration order RD, SI, SS breaks best-fit ties. */
public enum PartnershipModel {
    RESOURCE_DEPENDENCE, SOCIAL_ISSUE, SOCIETAL_SECTOR
}
