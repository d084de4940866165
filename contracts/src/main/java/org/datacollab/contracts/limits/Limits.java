package org.datacollab.contracts.limits;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Optional;

/**
 * Every text, list, date and amount of the published language has a bound (docs/problems.md, decision 0030):
 * a text at most {@link MaxLength} characters (else {@link #TEXT}), a list at most {@link MaxItems} items (else
 * {@link #ITEMS}), a date a four-digit year, an amount at most {@link #AMOUNT_DIGITS} digits before the point and
 * {@link #AMOUNT_SCALE} after it. So no single value can make an event too large for its topic, or a date that a
 * consumer's day arithmetic cannot hold. Pure: the registry checks facts at its door and in its aggregate with it.
 */
public final class Limits {

    /** Refs, ids and jurisdictions. */
    public static final int REF = 100;
    /** Names: of partnerships, organizations, datasets, funders, permitted uses. */
    public static final int NAME = 200;
    /** Any other text (notes, reasons, purposes, goals). */
    public static final int TEXT = 2000;
    /** Any list without a bound of its own. */
    public static final int ITEMS = 100;
    /** Roles of one partner: there are fewer roles than this. */
    public static final int ROLES = 10;
    /** catalogue.md: any text of a catalogue description but its topics and data categories (which are names). */
    public static final int DESCRIPTION_TEXT = 10_000;
    /** catalogue.md: the items of a description's list. */
    public static final int DESCRIPTION_ITEMS = 50;
    /** The organizations directory of one partnership. */
    public static final int ORGANIZATIONS = 500;
    public static final int MIN_YEAR = 1000;
    public static final int MAX_YEAR = 9999;
    /** The first instant of {@link #MIN_YEAR}, and the first after {@link #MAX_YEAR} (UTC). */
    private static final Instant EARLIEST = LocalDate.of(MIN_YEAR, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);
    private static final Instant AFTER_LATEST = LocalDate.of(MAX_YEAR + 1, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);
    public static final int AMOUNT_DIGITS = 15;
    public static final int AMOUNT_SCALE = 4;

    /** A value beyond its bound: the rule's slug, the field's path, the bound, and a sentence. */
    public record Breach(String rule, String field, long limit, String detail) {
    }

    private Limits() {
    }

    /** The first value of the record (and the records it holds) beyond its bound, if any. */
    public static Optional<Breach> check(Record value) {
        return check(value, "");
    }

    /** Whether a year has four digits (MIN_YEAR..MAX_YEAR). */
    public static boolean yearInRange(int year) {
        return year >= MIN_YEAR && year <= MAX_YEAR;
    }

    /** Whether an instant lies in a year with four digits (UTC), compared as instants: one may lie beyond the years a date holds. */
    public static boolean instantInRange(Instant instant) {
        return !instant.isBefore(EARLIEST) && instant.isBefore(AFTER_LATEST);
    }

    public static Breach dateBreach(String field) {
        return new Breach("date-range", field, MAX_YEAR, field + " must be a date with a four-digit year (" + MIN_YEAR + " to "
                + MAX_YEAR + ").");
    }

    private static Optional<Breach> check(Record value, String prefix) {
        for (RecordComponent component : value.getClass().getRecordComponents()) {
            Object fieldValue;
            try {
                fieldValue = component.getAccessor().invoke(value);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            Optional<Breach> breach = checkValue(fieldValue, prefix + component.getName(), component);
            if (breach.isPresent()) {
                return breach;
            }
        }
        return Optional.empty();
    }

    private static Optional<Breach> checkValue(Object value, String field, RecordComponent component) {
        return switch (value) {
            case null -> Optional.empty();
            case String text -> text(text, field, maxLength(component));
            case Collection<?> items -> list(items, field, component);
            case Record nested -> check(nested, field + ".");
            case Instant instant -> instantInRange(instant) ? Optional.empty() : Optional.of(dateBreach(field));
            case LocalDate date -> yearInRange(date.getYear()) ? Optional.empty() : Optional.of(dateBreach(field));
            case BigDecimal amount -> amount(amount, field);
            default -> Optional.empty();
        };
    }

    private static Optional<Breach> text(String text, String field, int max) {
        if (text.length() <= max) {
            return Optional.empty();
        }
        return Optional.of(new Breach("text-length", field, max, field + " is " + text.length() + " characters long; at most "
                + max + " are allowed."));
    }

    private static Optional<Breach> list(Collection<?> items, String field, RecordComponent component) {
        MaxItems bound = component.getAnnotation(MaxItems.class);
        int max = bound == null ? ITEMS : bound.value();
        if (items.size() > max) {
            return Optional.of(new Breach("list-size", field, max, field + " has " + items.size() + " items; at most " + max
                    + " are allowed."));
        }
        int i = 0;
        for (Object item : items) {
            String itemField = field + "[" + i++ + "]";
            Optional<Breach> breach = switch (item) {
                case String text -> text(text, itemField, maxLength(component));
                case Record nested -> check(nested, itemField + ".");
                case null, default -> Optional.empty();
            };
            if (breach.isPresent()) {
                return breach;
            }
        }
        return Optional.empty();
    }

    private static Optional<Breach> amount(BigDecimal amount, String field) {
        if (amount.precision() - amount.scale() > AMOUNT_DIGITS || amount.scale() > AMOUNT_SCALE) {
            return Optional.of(new Breach("number-range", field, AMOUNT_DIGITS, field + " may have at most " + AMOUNT_DIGITS
                    + " digits before the decimal point and " + AMOUNT_SCALE + " after it."));
        }
        return Optional.empty();
    }

    private static int maxLength(RecordComponent component) {
        MaxLength bound = component.getAnnotation(MaxLength.class);
        return bound == null ? TEXT : bound.value();
    }
}
