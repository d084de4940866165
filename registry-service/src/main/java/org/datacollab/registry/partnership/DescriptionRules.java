package org.datacollab.registry.partnership;

import org.datacollab.contracts.facts.PartnershipDescribed;
import org.datacollab.contracts.vocabulary.CatalogueStatus;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import static org.datacollab.registry.partnership.FieldRules.LIST_ITEMS;
import static org.datacollab.registry.partnership.FieldRules.SHORT_TEXT;
import static org.datacollab.registry.partnership.FieldRules.TEXT;
import static org.datacollab.registry.partnership.RuleViolation.invalid;

/** The value rules of a catalogue description (catalogue.md), and its one normal form. */
final class DescriptionRules {

    private DescriptionRules() {
    }

    static void check(PartnershipDescribed f) {
        items(f.purposes(), "purposes");
        shortTexts(f.topics(), "topics");
        shortTexts(f.dataCategories(), "dataCategories");
        items(f.accessModes(), "accessModes");
        items(f.links(), "links");
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

    private static void items(List<?> values, String field) {
        if (values.size() > LIST_ITEMS) {
            throw invalid("max-items", field, field + " has " + values.size() + " items; at most " + LIST_ITEMS + ".");
        }
    }

    private static void shortTexts(List<String> values, String field) {
        items(values, field);
        for (int i = 0; i < values.size(); i++) {
            String item = field + "[" + i + "]";
            FieldRules.notBlank(values.get(i), item);
            length(values.get(i), item, SHORT_TEXT);
        }
    }

    private static void text(String value, String field) {
        if (value != null) {
            FieldRules.notBlank(value, field);
            length(value, field, TEXT);
        }
    }

    private static void length(String value, String field, int limit) {
        if (value.length() > limit) {
            throw invalid("max-length", field, field + " has " + value.length() + " characters; at most " + limit + ".");
        }
    }

    private static void link(String link, String field) {
        length(link, field, TEXT);
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
