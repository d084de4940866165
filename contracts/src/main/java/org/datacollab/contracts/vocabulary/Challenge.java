package org.datacollab.contracts.vocabulary;

import java.util.EnumSet;
import java.util.Set;

import static org.datacollab.contracts.vocabulary.ChallengeCategory.D;
import static org.datacollab.contracts.vocabulary.ChallengeCategory.O;
import static org.datacollab.contracts.vocabulary.ChallengeCategory.R;

/** What holds sharing back, with its fixed categories (DOMAIN.md section 2). */
public enum Challenge {
    LEGAL_UNCERTAINTY(R),
    NO_SHARING_POLICY(R),
    COST_AND_RESOURCES(O),
    MISALIGNED_INCENTIVES(O),
    CONFIDENTIALITY(O, D),
    CULTURAL_DIFFERENCES(O),
    COORDINATION(O),
    PARTNER_FIT(O),
    TIGHT_TIMELINE(O, R),
    PROVIDER_RECRUITMENT(O),
    SUSTAINING_EFFORT(O, D),
    DATA_QUALITY(D),
    INTEROPERABILITY(D),
    DATA_RISKS(D),
    DATA_GOVERNANCE(D),
    SKILLS_AND_TOOLS(D),
    CONTINUED_SUPPLY(D),
    PUBLIC_TRUST(O, D);

    private final Set<ChallengeCategory> categories;

    Challenge(ChallengeCategory first, ChallengeCategory... rest) {
        this.categories = EnumSet.of(first, rest);
    }

    public Set<ChallengeCategory> categories() {
        return EnumSet.copyOf(categories);
    }
}
