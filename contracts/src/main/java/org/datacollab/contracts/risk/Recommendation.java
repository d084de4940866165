package org.datacollab.contracts.risk;

import org.datacollab.contracts.vocabulary.Challenge;
import org.datacollab.contracts.vocabulary.Mechanism;

import java.util.List;

/** The mechanisms recommended for one open challenge, in the order DOMAIN.md section 5 gives. */
public record Recommendation(String challengeId, Challenge challenge, List<Mechanism> mechanisms) {
}
