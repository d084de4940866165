package org.datacollab.contracts.json;

/** The Kafka topics of the published language (see asyncapi.yaml). */
public final class Topics {
    /** Every recorded fact, as CloudEvents keyed by the partnership's ref, in sequence order per partnership. */
    public static final String PARTNERSHIP_EVENTS = "partnership-events";
    /** Every change of a partnership's current risk level, keyed by ref. */
    public static final String SUSTAINABILITY_RISKS = "sustainability-risks";

    private Topics() {
    }
}
