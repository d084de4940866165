package org.datacollab.contracts.vocabulary;

import java.util.List;

/** How shared data reaches its users (GovLab's "Format of data shared", catalogue.md). */
public enum AccessMode implements Labelled {
    BATCH("Batched dataset"),
    API("API"),
    REALTIME("Realtime"),
    SENSOR("Sensor"),
    INTELLIGENCE_PRODUCT("Intelligence Product");

    private final List<String> labels;

    AccessMode(String... labels) {
        this.labels = List.of(labels);
    }

    @Override
    public List<String> labels() {
        return labels;
    }
}
