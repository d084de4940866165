package org.datacollab.contracts.vocabulary;

import java.util.List;

/** Whether data was collected for the collaborative or reused (catalogue.md). */
public enum SourceType implements Labelled {
    PRIMARY("Primary"),
    SECONDARY("Secondary"),
    MIXED("Mixed");

    private final List<String> labels;

    SourceType(String... labels) {
        this.labels = List.of(labels);
    }

    @Override
    public List<String> labels() {
        return labels;
    }
}
