package org.datacollab.contracts.facts;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.datacollab.contracts.vocabulary.*;
import org.datacollab.contracts.limits.Limits;
import org.datacollab.contracts.limits.MaxItems;
import org.datacollab.contracts.limits.MaxLength;

import java.time.Instant;
import java.util.List;

/**
 * The partnership's catalogue description (catalogue.md). Each one carries the whole description: it replaces
 * the previous one, and a field left out is then empty (lists left out are empty lists, {@code published} left
 * out is false). It plays no part in the assessment. {@code reportedStatus} is PILOT or ONGOING: the status a
 * source catalogue gave an entry whose life the registry has not recorded yet.
 */
public record PartnershipDescribed(
        @JsonProperty(required = true) Instant occurredAt,
        CollaborationType collaborationType,
        @MaxItems(Limits.DESCRIPTION_ITEMS) List<Purpose> purposes,
        @MaxItems(Limits.DESCRIPTION_ITEMS) @MaxLength(Limits.NAME) List<String> topics,
        Region region,
        @MaxLength(Limits.DESCRIPTION_TEXT) String location,
        @MaxItems(Limits.DESCRIPTION_ITEMS) @MaxLength(Limits.NAME) List<String> dataCategories,
        @MaxLength(Limits.DESCRIPTION_TEXT) String dataSource,
        SourceType sourceType,
        Disclosure personalDataInSource,
        Disclosure personalDataShared,
        @MaxLength(Limits.DESCRIPTION_TEXT) String anonymization,
        @MaxItems(Limits.DESCRIPTION_ITEMS) List<AccessMode> accessModes,
        @MaxLength(Limits.DESCRIPTION_TEXT) String sharedBy,
        @MaxLength(Limits.DESCRIPTION_TEXT) String sharedWith,
        @MaxLength(Limits.DESCRIPTION_TEXT) String summary,
        @MaxItems(Limits.DESCRIPTION_ITEMS) @MaxLength(Limits.DESCRIPTION_TEXT) List<String> links,
        CatalogueStatus reportedStatus,
        Boolean published) implements PartnershipFact {

    public PartnershipDescribed {
        // one form for "nothing": an empty list, and not published
        purposes = purposes == null ? List.of() : purposes;
        topics = topics == null ? List.of() : topics;
        dataCategories = dataCategories == null ? List.of() : dataCategories;
        accessModes = accessModes == null ? List.of() : accessModes;
        links = links == null ? List.of() : links;
        published = published != null && published;
    }

    /** Whether the entry appears in the public catalogue. */
    public boolean inPublicCatalogue() {
        return published;
    }

    /** The same description as of another instant (to compare descriptions regardless of their dates). */
    public PartnershipDescribed on(Instant instant) {
        return new PartnershipDescribed(instant, collaborationType, purposes, topics, region, location, dataCategories,
                dataSource, sourceType, personalDataInSource, personalDataShared, anonymization, accessModes, sharedBy,
                sharedWith, summary, links, reportedStatus, published);
    }

    /** The same description, published or not. */
    public PartnershipDescribed publishedAs(boolean published) {
        return new PartnershipDescribed(occurredAt, collaborationType, purposes, topics, region, location, dataCategories,
                dataSource, sourceType, personalDataInSource, personalDataShared, anonymization, accessModes, sharedBy,
                sharedWith, summary, links, reportedStatus, published);
    }
}
