package org.datacollab.registry.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.datacollab.contracts.facts.PartnershipFormed;

import java.util.Map;

/**
 * How stored events keep loading after their facts change shape (docs/operations.md, "Evolving an event").
 * Each fact class has a revision (null until its first change); each change adds an upcaster from the old
 * revision to the new one, so that an event stored years ago is read as the current record.
 */
public final class Upcasters {

    /** The current revision of each fact whose form has changed since events were first stored. */
    static final Map<Class<?>, String> REVISIONS = Map.of(PartnershipFormed.class, "1");

    public static RevisionResolver revisions() {
        return type -> REVISIONS.get(type);
    }

    public static EventUpcasterChain chain() {
        return new EventUpcasterChain(new PartnershipFormedDirectory());
    }

    /**
     * PartnershipFormed revision null -> 1: the first stored form had no {@code organizations} directory
     * (decision 0001 added it); it is read as an empty directory.
     */
    static final class PartnershipFormedDirectory extends SingleEventUpcaster {

        private static final SimpleSerializedType OLD = new SimpleSerializedType(PartnershipFormed.class.getName(), null);
        private static final SimpleSerializedType NEW = new SimpleSerializedType(PartnershipFormed.class.getName(), "1");

        @Override
        protected boolean canUpcast(IntermediateEventRepresentation representation) {
            return representation.getType().equals(OLD);
        }

        @Override
        protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
            return representation.upcastPayload(NEW, JsonNode.class, payload -> {
                if (payload instanceof ObjectNode object && !object.hasNonNull("organizations")) {
                    object.putArray("organizations");
                }
                return payload;
            });
        }
    }

    private Upcasters() {
    }
}
