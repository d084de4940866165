package org.datacollab.bounds;

import org.datacollab.contracts.limits.Limits;
import org.datacollab.problem.Problem;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Bounds of query and path parameters, shared by every service (docs/problems.md): each breach is a 400 that
 * names the parameter, the rule and the limit, raised before any store is read.
 */
public final class QueryBounds {

    /** The furthest a page may reach into a list (page x size): deeper reading takes a narrower query. */
    public static final int MAX_OFFSET = 10_000;

    private QueryBounds() {
    }

    /** A date with a four-digit year, or null. */
    public static LocalDate date(LocalDate value, String field) {
        if (value != null && !Limits.yearInRange(value.getYear())) {
            Limits.Breach breach = Limits.dateBreach(field);
            throw Problem.invalid(breach.rule(), field, breach.detail()).with("limit", breach.limit()).exception();
        }
        return value;
    }

    /** An instant in a year with four digits, or null. */
    public static Instant instant(Instant value, String field) {
        if (value != null && !Limits.instantInRange(value)) {
            Limits.Breach breach = Limits.dateBreach(field);
            throw Problem.invalid(breach.rule(), field, breach.detail()).with("limit", breach.limit()).exception();
        }
        return value;
    }

    /** A list of at most {@code maxItems} texts, none null and each of at most {@code maxLength} characters, or null. */
    public static List<String> texts(List<String> values, String field, int maxItems, int maxLength) {
        if (values == null) {
            return null;
        }
        if (values.size() > maxItems) {
            throw Problem.invalid("list-size", field, field + " has " + values.size() + " items; at most " + maxItems + " are allowed.")
                    .with("limit", maxItems).exception();
        }
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                throw Problem.invalid("no-null-items", field + "[" + i + "]", "'" + field + "' must not contain null.").exception();
            }
            text(values.get(i), field + "[" + i + "]", maxLength);
        }
        return values;
    }

    /** A text of at most {@code max} characters, or null. */
    public static String text(String value, String field, int max) {
        if (value != null && value.length() > max) {
            throw Problem.invalid("text-length", field, field + " is " + value.length() + " characters long; at most " + max
                    + " are allowed.").with("limit", max).exception();
        }
        return value;
    }

    /** A count from 1 to {@code max}. */
    public static int count(int value, String field, int max) {
        if (value < 1 || value > max) {
            throw Problem.invalid("number-range", field, field + " is " + value + "; it runs from 1 to " + max + ".")
                    .with("limit", max).exception();
        }
        return value;
    }

    /** A page: page at least 0, size 1..maxSize, and page x size at most {@link #MAX_OFFSET}. */
    public static void page(int page, int size, int maxSize) {
        if (size < 1 || size > maxSize) {
            throw Problem.invalid("page-range", "size", "size runs from 1 to " + maxSize + ".").with("limit", maxSize).exception();
        }
        if (page < 0 || (long) page * size > MAX_OFFSET) {
            throw Problem.invalid("page-range", "page", "page runs from 0, and page x size at most " + MAX_OFFSET
                    + "; narrow the query to reach further.").with("limit", MAX_OFFSET).exception();
        }
    }
}
