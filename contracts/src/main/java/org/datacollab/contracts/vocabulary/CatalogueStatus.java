package org.datacollab.contracts.vocabulary;

import java.util.List;

/** A catalogue entry's status, derived from the phase (catalogue.md); a description may report PILOT or ONGOING. */
public enum CatalogueStatus implements Labelled {
    ANNOUNCED("Announced"),
    PILOT("Pilot"),
    ONGOING("Ongoing"),
    ENDED("Ended");

    private final List<String> labels;

    CatalogueStatus(String... labels) {
        this.labels = List.of(labels);
    }

    @Override
    public List<String> labels() {
        return labels;
    }

    /**
     * The status of a partnership in a phase, given the status its description reports (or null): catalogue.md's
     * table. Derived on every read, never stored.
     */
    public static CatalogueStatus of(Phase phase, CatalogueStatus reported) {
        return switch (phase) {
            case ENDED -> ENDED;
            case FORMING, AGREED -> reported != null ? reported : ANNOUNCED;
            case OPERATING, SCALING, SUSTAINED, SUSPENDED -> reported == PILOT ? PILOT : ONGOING;
        };
    }
}
