package org.datacollab.registry.readmodel;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.bson.Document;
import org.datacollab.contracts.facts.*;
import org.datacollab.contracts.vocabulary.Organization;
import org.datacollab.contracts.vocabulary.Role;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The registry's read models, projected from the event store by their own tracking processor: one summary
 * per partnership (for search) and one document per organization with its partnerships. Idempotent: a
 * summary records the sequence number it reflects, and an event at or below it changes nothing.
 */
@Component
@ProcessingGroup(ReadModelProjector.PROCESSING_GROUP)
public class ReadModelProjector {

    public static final String PROCESSING_GROUP = "read-models";

    private final MongoCollection<Document> summaries;
    private final MongoCollection<Document> organizations;

    public ReadModelProjector(MongoClient client, @Value("${spring.mongodb.database}") String database) {
        this.summaries = client.getDatabase(database).getCollection("partnership_summaries");
        this.organizations = client.getDatabase(database).getCollection("organizations");
        summaries.createIndex(Indexes.ascending("partners.ref"));
        summaries.createIndex(Indexes.ascending("jurisdiction"));
        summaries.createIndex(Indexes.ascending("steward"));
        summaries.createIndex(Indexes.ascending("model", "phase"));
    }

    @EventHandler
    public void on(PartnershipFact fact, DomainEventMessage<PartnershipFact> message) {
        String ref = message.getAggregateIdentifier();
        long sequence = message.getSequenceNumber();
        Document summary = summaries.find(Filters.eq("_id", ref)).first();
        if (fact instanceof PartnershipFormed formed) {
            if (summary != null) {
                return;
            }
            summary = new Document("_id", ref).append("name", formed.name()).append("model", name(formed.model()))
                    .append("timeframe", name(formed.timeframe())).append("phase", "FORMING")
                    .append("jurisdiction", formed.jurisdiction()).append("societalIssue", formed.societalIssue())
                    .append("intendedGoal", formed.intendedGoal()).append("formedAt", formed.occurredAt().toString())
                    .append("text", String.join(" ", formed.ref(), formed.name(), Objects.toString(formed.societalIssue(), ""),
                            Objects.toString(formed.intendedGoal(), "")).toLowerCase(Locale.ROOT))
                    .append("partners", new ArrayList<Document>())
                    .append("steward", message.getMetaData().get(org.datacollab.registry.partnership.CallerMetaData.RECORDED_BY));
        } else if (summary == null || summary.getLong("version") >= sequence) {
            return;
        }
        Set<String> touched = new LinkedHashSet<>();
        apply(summary, fact, touched);
        summary.put("version", sequence);
        summary.put("lastFactAt", message.getTimestamp().toString());
        summaries.replaceOne(Filters.eq("_id", ref), summary, new ReplaceOptions().upsert(true));
        touched.forEach(this::refreshOrganization);
    }

    @SuppressWarnings("unchecked")
    private static void apply(Document summary, PartnershipFact fact, Set<String> touched) {
        List<Document> partners = (List<Document>) summary.get("partners");
        switch (fact) {
            case ModelReclassified f -> summary.put("model", f.to().name());
            case PhaseChanged f -> summary.put("phase", f.to().name());
            case PartnershipEnded f -> summary.put("phase", "ENDED");
            case PartnerJoined f -> {
                Organization o = f.organization();
                partners.add(new Document("ref", o.ref()).append("name", o.name()).append("sector", name(o.sector()))
                        .append("roles", f.roles().stream().map(Role::name).toList()));
                touched.add(o.ref());
            }
            case PartnerRolesChanged f -> {
                partners.stream().filter(p -> p.getString("ref").equals(f.organization()))
                        .forEach(p -> p.put("roles", f.roles().stream().map(Role::name).toList()));
                touched.add(f.organization());
            }
            case PartnerLeft f -> {
                partners.removeIf(p -> p.getString("ref").equals(f.organization()));
                touched.add(f.organization());
            }
            case LeadershipChanged f -> partners.forEach(p -> {
                List<String> roles = new ArrayList<>(p.getList("roles", String.class));
                roles.remove("LEAD");
                if (p.getString("ref").equals(f.lead())) {
                    roles.addFirst("LEAD");
                }
                p.put("roles", roles);
                touched.add(p.getString("ref"));
            });
            default -> { }
        }
    }

    /** An enum's name, or null for a value left out (an unclassified partnership, an organization without a sector). */
    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    /** An organization's document: its name and sector, and the partnerships it is a current partner of. */
    private void refreshOrganization(String organization) {
        List<Document> partnerships = new ArrayList<>();
        String name = null;
        String sector = null;
        for (Document summary : summaries.find(Filters.eq("partners.ref", organization))) {
            for (Document partner : summary.getList("partners", Document.class)) {
                if (partner.getString("ref").equals(organization)) {
                    name = partner.getString("name");
                    sector = partner.getString("sector");
                    partnerships.add(new Document("ref", summary.getString("_id")).append("name", summary.getString("name"))
                            .append("roles", partner.get("roles")).append("phase", summary.getString("phase")));
                }
            }
        }
        if (partnerships.isEmpty()) {
            organizations.updateOne(Filters.eq("_id", organization), new Document("$set", new Document("partnerships", partnerships)));
            return;
        }
        organizations.replaceOne(Filters.eq("_id", organization), new Document("_id", organization).append("name", name)
                .append("sector", sector).append("partnerships", partnerships), new ReplaceOptions().upsert(true));
    }

    @ResetHandler
    public void reset() {
        summaries.deleteMany(new Document());
        organizations.deleteMany(new Document());
    }
}
