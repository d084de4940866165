package org.datacollab.contracts.vocabulary;

import java.util.List;

/** Where a collaborative works (catalogue.md). */
public enum Region implements Labelled {
    WORLDWIDE("Worldwide", "Global"),
    AFRICA_AND_MIDDLE_EAST("Africa & the Middle East"),
    ASIA("Asia"),
    EUROPE("Europe"),
    NORTH_AMERICA("North America"),
    CENTRAL_AND_SOUTH_AMERICA("Central & South America"),
    OCEANIA("Oceania");

    private final List<String> labels;

    Region(String... labels) {
        this.labels = List.of(labels);
    }

    @Override
    public List<String> labels() {
        return labels;
    }
}
