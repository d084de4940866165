package org.datacollab.registry.importing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.datacollab.contracts.facts.*;
import org.datacollab.contracts.json.ContractJson;
import org.datacollab.contracts.vocabulary.Organization;
import org.datacollab.lifecycle.Transitions;
import org.datacollab.registry.web.FactReader;
import org.datacollab.registry.web.InvalidInput;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code partnership-history/v1} document (docs: ../shared/domain/history-format.md) to facts and back.
 * Organization-valued fields hold refs; PartnerJoined and ProviderInvited carry the declared organization.
 * Phase changes the registry makes itself are not written, and are recognised on export by their phases.
 */
public final class HistoryFormat {

    public static final String FORMAT = "partnership-history/v1";

    public record History(PartnershipFormed formed, List<PartnershipFact> facts) {
    }

    /** An entry that breaks a rule of the format itself (order, undeclared organization) rather than of the lifecycle. */
    public static class EntryRejected extends RuntimeException {
        private final int index;
        private final String fact;
        private final String field;
        private final String rule;

        EntryRejected(int index, String fact, String field, String rule, String message) {
            super(message);
            this.index = index;
            this.fact = fact;
            this.field = field;
            this.rule = rule;
        }

        public int index() {
            return index;
        }

        public String fact() {
            return fact;
        }

        public String field() {
            return field;
        }

        public String rule() {
            return rule;
        }
    }

    private HistoryFormat() {
    }

    public static History read(JsonNode document) {
        String format = document.path("format").asText(null);
        if (!FORMAT.equals(format)) {
            throw new InvalidInput("format", "history-format", "format must be '" + FORMAT + "', not '" + format + "'.");
        }
        Map<String, Organization> organizations = organizations(document.path("organizations"));
        JsonNode partnership = document.get("partnership");
        if (partnership == null || !partnership.isObject()) {
            throw new InvalidInput("partnership", "required", "'partnership' is required.");
        }
        ObjectNode formedFields = partnership.deepCopy();
        JsonNode formedOn = formedFields.remove("formedOn");
        if (formedOn == null) {
            throw new InvalidInput("partnership.formedOn", "required", "'partnership.formedOn' is required.");
        }
        formedFields.set("occurredAt", formedOn);
        formedFields.set("organizations", ContractJson.mapper().valueToTree(List.copyOf(organizations.values())));
        PartnershipFormed formed = (PartnershipFormed) FactReader.fact("PartnershipFormed", formedFields, "partnership.");

        JsonNode history = document.path("history");
        if (!history.isArray()) {
            throw new InvalidInput("history", "required", "'history' must be an array of entries.");
        }
        List<PartnershipFact> facts = new ArrayList<>();
        Instant previous = formed.occurredAt();
        for (int i = 0; i < history.size(); i++) {
            PartnershipFact fact = entry(history.get(i), i, organizations);
            if (fact.occurredAt().isBefore(previous) && i > 0) {
                throw new EntryRejected(i, fact.factName(), "history[" + i + "].on", "history-chronological",
                        "history[" + i + "] is dated " + fact.occurredAt() + ", before the entry above it; 'on' never decreases.");
            }
            previous = fact.occurredAt();
            facts.add(fact);
        }
        return new History(formed, facts);
    }

    private static Map<String, Organization> organizations(JsonNode node) {
        Map<String, Organization> organizations = new LinkedHashMap<>();
        if (node.isMissingNode()) {
            return organizations;
        }
        if (!node.isArray()) {
            throw new InvalidInput("organizations", "value-type", "'organizations' must be an array.");
        }
        for (int i = 0; i < node.size(); i++) {
            Organization organization;
            try {
                organization = ContractJson.mapper().treeToValue(node.get(i), Organization.class);
            } catch (Exception e) {
                throw new InvalidInput("organizations[" + i + "]", "organization",
                        "organizations[" + i + "] needs ref and name, and may have a sector (PUBLIC, PRIVATE, NONPROFIT, ACADEMIC).");
            }
            if (organization.ref() == null || organization.name() == null) {
                throw new InvalidInput("organizations[" + i + "]", "required", "organizations[" + i + "] needs ref and name.");
            }
            if (organizations.putIfAbsent(organization.ref(), organization) != null) {
                throw new InvalidInput("organizations[" + i + "].ref", "organization-declared-once",
                        "Organization '" + organization.ref() + "' is declared twice.");
            }
        }
        return organizations;
    }

    private static PartnershipFact entry(JsonNode node, int index, Map<String, Organization> organizations) {
        String prefix = "history[" + index + "].";
        if (!node.isObject()) {
            throw new InvalidInput("history[" + index + "]", "json-object", "history[" + index + "] must be an object.");
        }
        ObjectNode fields = node.deepCopy();
        String factName = fields.path("fact").asText(null);
        if (factName == null) {
            throw new InvalidInput(prefix + "fact", "required", "'" + prefix + "fact' is required.");
        }
        JsonNode on = fields.remove("on");
        if (on == null) {
            throw new InvalidInput(prefix + "on", "required", "'" + prefix + "on' is required.");
        }
        fields.set("occurredAt", on);
        if (factName.equals("PartnerJoined") || factName.equals("ProviderInvited")) {
            String ref = fields.path("organization").asText(null);
            Organization organization = organizations.get(ref);
            if (ref != null && organization == null) {
                throw new EntryRejected(index, factName, prefix + "organization", "organization-declared",
                        "Organization '" + ref + "' is not declared in 'organizations'.");
            }
            if (organization != null) {
                fields.set("organization", ContractJson.mapper().valueToTree(organization));
            }
        }
        return FactReader.fact(factName, fields, prefix);
    }

    /** The document for a partnership's recorded facts (formation first). */
    public static Map<String, Object> write(List<PartnershipFact> facts) {
        PartnershipFormed formed = (PartnershipFormed) facts.getFirst();
        Map<String, Organization> organizations = new LinkedHashMap<>();
        if (formed.organizations() != null) {
            formed.organizations().forEach(o -> organizations.put(o.ref(), o));
        }
        List<Map<String, Object>> history = new ArrayList<>();
        for (PartnershipFact fact : facts.subList(1, facts.size())) {
            if (fact instanceof PhaseChanged change && Transitions.isAutomatic(change)) {
                continue;
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("on", on(fact.occurredAt()));
            entry.put("fact", fact.factName());
            Map<String, Object> fields = fields(fact);
            fields.remove("occurredAt");
            switch (fact) {
                case PartnerJoined joined -> {
                    organizations.putIfAbsent(joined.organization().ref(), joined.organization());
                    fields.put("organization", joined.organization().ref());
                }
                case ProviderInvited invited -> {
                    organizations.putIfAbsent(invited.organization().ref(), invited.organization());
                    fields.put("organization", invited.organization().ref());
                }
                case PhaseChanged change -> fields.remove("from");
                case ModelReclassified change -> fields.remove("from");
                case LeadershipChanged change -> fields.put("lead", change.lead());
                default -> { }
            }
            entry.putAll(fields);
            history.add(entry);
        }
        Map<String, Object> partnership = fields(formed);
        partnership.remove("occurredAt");
        partnership.remove("organizations");
        partnership.put("formedOn", on(formed.occurredAt()));
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("format", FORMAT);
        document.put("partnership", partnership);
        document.put("organizations", organizations.values().stream().map(HistoryFormat::fields).toList());
        document.put("history", history);
        return document;
    }

    /** A date when the instant is the start of a UTC day, else the instant. */
    static String on(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC).toLocalTime().equals(LocalTime.MIDNIGHT)
                ? instant.atOffset(ZoneOffset.UTC).toLocalDate().toString()
                : instant.toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> fields(Object value) {
        return ContractJson.mapper().convertValue(value, LinkedHashMap.class);
    }
}
