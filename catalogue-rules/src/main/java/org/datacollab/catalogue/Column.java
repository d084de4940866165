package org.datacollab.catalogue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The columns of GovLab's catalogue (catalogue.md's import table, in its order, which export follows), with the
 * key GovLab's JSON form uses where it has one, then the registry's own columns that an export adds.
 */
public enum Column {
    TITLE("Title", "name"),
    STATUS("Status", "status"),
    TYPE_OF_ACTIVITY("Type of Activity", "typeOfActivity"),
    REGION("Region", "region"),
    LOCATION("Location", "location"),
    SECTOR("Sector", "sector"),
    USE_SUB_CATEGORIES("Use Sub-categories", null),
    FOR("For", null),
    DATA_CATEGORY("Data Category", "forUse"),
    DATA_SOURCE("Data source", null),
    DATA_SOURCE_TYPE("Data source type", null),
    PII_IN_ORIGINAL_DATA("PII in original data?", null),
    PII_IN_SHARED_FORMAT("PII in shared format?", null),
    ANONYMIZATION_DETAILS("Anonymization details", null),
    FORMAT_OF_DATA_SHARED("Format of data shared", null),
    SHARED_BY("Shared by", "sharedBy"),
    SHARED_WITH("Shared with", "sharedWith"),
    USE_DETAILS("Use Details", "userDetails"),
    TEXT_FOR_WRITEUP("Text for Writeup", "description"),
    REFERENCE("Reference", "link"),
    REF("ref", null),
    PHASE("phase", null),
    MODEL("model", null),
    LEVEL("level", null);

    /** GovLab's columns, in the order export writes them. */
    public static final List<Column> GOVLAB = Arrays.stream(values()).filter(c -> c.ordinal() <= REFERENCE.ordinal()).toList();
    /** Every column an export writes: GovLab's, then the registry's own. */
    public static final List<Column> EXPORT = List.of(values());

    private final String csvName;
    private final String jsonKey;

    Column(String csvName, String jsonKey) {
        this.csvName = csvName;
        this.jsonKey = jsonKey;
    }

    /** The column's name in GovLab's CSV (and in an export's JSON). */
    public String csvName() {
        return csvName;
    }

    /** The key GovLab's JSON form uses for it, if any. */
    public Optional<String> jsonKey() {
        return Optional.ofNullable(jsonKey);
    }

    /**
     * The column a file's header names: its CSV name or its JSON key, compared as labels are (case, spaces and
     * punctuation aside). Columns nobody knows are ignored.
     */
    public static Optional<Column> named(String header) {
        String key = Labels.key(header);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        return Arrays.stream(values())
                .filter(c -> Labels.key(c.csvName).equals(key) || (c.jsonKey != null && Labels.key(c.jsonKey).equals(key)))
                .findFirst();
    }
}
