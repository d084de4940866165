package org.datacollab.contracts.vocabulary;

import java.util.List;

/** GovLab's types of data collaborative (catalogue.md). */
public enum CollaborationType implements Labelled {
    DATA_POOL("Data Collaboratives", "Data Pooling", "Data Pool"),
    RESEARCH_PARTNERSHIP("Research Partnerships", "Research and Analysis Partnerships"),
    PRIZE_OR_CHALLENGE("Prizes & Challenges"),
    INTELLIGENCE_PRODUCT("Intelligence Products", "Intelligence Generation"),
    API("API", "Public Interface", "Public Interfaces"),
    TRUSTED_INTERMEDIARY("Trusted Intermediaries", "Trusted Intermediary");

    private final List<String> labels;

    CollaborationType(String... labels) {
        this.labels = List.of(labels);
    }

    @Override
    public List<String> labels() {
        return labels;
    }
}
