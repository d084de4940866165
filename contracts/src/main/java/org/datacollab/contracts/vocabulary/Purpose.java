package org.datacollab.contracts.vocabulary;

import java.util.List;

/** What the shared data is for (GovLab's "For", catalogue.md). */
public enum Purpose implements Labelled {
    RESEARCH("Research"),
    POLICY_AND_PUBLIC_DECISIONS("Policy & Public Decisionmaking"),
    APPLICATION_DEVELOPMENT("Application development"),
    CITIZEN_DECISIONS("Citizen Decisionmaking");

    private final List<String> labels;

    Purpose(String... labels) {
        this.labels = List.of(labels);
    }

    @Override
    public List<String> labels() {
        return labels;
    }
}
