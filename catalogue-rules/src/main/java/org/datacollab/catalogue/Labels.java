package org.datacollab.catalogue;

import org.datacollab.contracts.vocabulary.Labelled;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reading catalogue cells (catalogue.md): a cell matches a vocabulary value when, ignoring case, spaces and
 * punctuation, reading {@code &} as "and", and ignoring a final "s", it equals one of the value's labels or the
 * value's own name. A cell that, so read, is empty, "unknown", "na" or "none" is empty.
 */
public final class Labels {

    private static final Set<String> EMPTY = Set.of("", "unknown", "na", "none");

    private Labels() {
    }

    /** The comparable form of a label or cell: lower case, {@code &} as "and", letters and digits only, no final "s". */
    public static String key(String text) {
        if (text == null) {
            return "";
        }
        String lower = text.toLowerCase(Locale.ROOT).replace("&", "and");
        StringBuilder key = new StringBuilder(lower.length());
        lower.codePoints().filter(Character::isLetterOrDigit).forEach(key::appendCodePoint);
        if (key.length() > 1 && key.charAt(key.length() - 1) == 's') {
            key.setLength(key.length() - 1);
        }
        return key.toString();
    }

    /** Whether a cell (or a list item) says nothing: empty, "Unknown", "N/A" or "None", however written. */
    public static boolean isEmpty(String cell) {
        return cell == null || EMPTY.contains(key(cell));
    }

    /** Whether the cell says "Unknown" (kept as UNKNOWN in a personal-data column). */
    public static boolean isUnknown(String cell) {
        return cell != null && key(cell).equals("unknown");
    }

    /** The value whose label or name the cell is; empty when it fits none. */
    public static <E extends Enum<E> & Labelled> Optional<E> read(Class<E> vocabulary, String cell) {
        String key = key(cell);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        for (E value : vocabulary.getEnumConstants()) {
            if (key(value.name()).equals(key) || value.labels().stream().anyMatch(label -> key(label).equals(key))) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    /** Text without accents, lower case: how free text is compared in a search. */
    public static String folded(String text) {
        String decomposed = Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFD);
        return decomposed.replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT);
    }
}
