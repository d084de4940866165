package org.datacollab.contracts.vocabulary;

import java.util.List;

/** Whether data holds personal data (catalogue.md). */
public enum Disclosure implements Labelled {
    YES("Yes"),
    NO("No"),
    UNKNOWN("Unknown");

    private final List<String> labels;

    Disclosure(String... labels) {
        this.labels = List.of(labels);
    }

    @Override
    public List<String> labels() {
        return labels;
    }
}
