package org.datacollab.registry.partnership.rules;

import org.datacollab.contracts.facts.PartnershipDescribed;
import org.datacollab.contracts.vocabulary.CatalogueStatus;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import static org.datacollab.registry.partnership.rules.RuleViolation.invalid;

/** The value rules of a catalogue description (catalogue.md), and its one normal form. */
final class DescriptionRules {

    private DescriptionRules() {
    }

    /** Beyond the bounds (contracts' Limits, checked before): texts not blank, links absolute http(s) URLs. */
    static void check(PartnershipDescribed f) {
        notBlank(f.topics(), "topics");
        notBlank(f.dataCategories(), "dataCategories");
        text(f.location(), "location");
        text(f.dataSource(), "dataSource");
        text(f.anonymization(), "anonymization");
        text(f.sharedBy(), "sharedBy");
        text(f.sharedWith(), "sharedWith");
        text(f.summary(), "summary");
        for (int i = 0; i < f.links().size(); i++) {
            link(f.links().get(i), "links[" + i + "]");
        }
        if (f.reportedStatus() != null && f.reportedStatus() != CatalogueStatus.PILOT && f.reportedStatus() != CatalogueStatus.ONGOING) {
            throw invalid("reported-status", "reportedStatus", "reportedStatus is PILOT or ONGOING (the status a source"
                    + " catalogue gave an entry whose life is not recorded yet), not " + f.reportedStatus() + ".");
        }
    }

    /** Topics in their first spelling, duplicates ignoring case dropped (catalogue.md). */
    static PartnershipDescribed normal(PartnershipDescribed f) {
        Set<String> seen = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        List<String> topics = new ArrayList<>();
        for (String topic : f.topics()) {
            if (seen.add(topic.strip())) {
                topics.add(topic.strip());
            }
        }
        return new PartnershipDescribed(f.occurredAt(), f.collaborationType(), f.purposes(), topics, f.region(), f.location(),
                f.dataCategories(), f.dataSource(), f.sourceType(), f.personalDataInSource(), f.personalDataShared(),
                f.anonymization(), f.accessModes(), f.sharedBy(), f.sharedWith(), f.summary(), f.links(), f.reportedStatus(),
                f.published());
    }

    private static void notBlank(List<String> values, String field) {
        for (int i = 0; i < values.size(); i++) {
            FieldRules.notBlank(values.get(i), field + "[" + i + "]");
        }
    }

    private static void text(String value, String field) {
        if (value != null) {
            FieldRules.notBlank(value, field);
        }
    }

    private static void link(String link, String field) {
        try {
            URI uri = new URI(link);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return;
            }
        } catch (URISyntaxException e) {
            // answered below
        }
        throw invalid("link-format", field, field + " '" + link + "' is not an absolute http or https URL.");
    }
}
