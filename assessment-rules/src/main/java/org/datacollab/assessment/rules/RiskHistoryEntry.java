package org.datacollab.assessment.rules;

import org.datacollab.contracts.vocabulary.RiskLevel;

import java.time.LocalDate;
import java.util.List;

/** The level at formation, or a day on which the level differs from the day before. */
public record RiskHistoryEntry(LocalDate day, RiskLevel level, int score, List<String> signals) {
}
