package org.datacollab.catalogue;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A catalogue title's ref (catalogue.md): lower case, {@code &} as "and", letters with accents as their base
 * letter, apostrophes dropped, every other run of characters outside a-z and 0-9 one {@code -}, no leading or
 * trailing {@code -}, at most 80 characters; an empty result is "entry". Within one file, titles whose slugs
 * meet get {@code -2}, {@code -3}, in file order ({@link Allocation}).
 */
public final class Slugs {

    static final int MAX = 80;

    private Slugs() {
    }

    public static String of(String title) {
        String lower = (title == null ? "" : title).toLowerCase(Locale.ROOT).replace("&", "and");
        String base = Normalizer.normalize(lower, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        base = base.replace("'", "").replace("\u2019", "");
        String slug = trim(base.replaceAll("[^a-z0-9]+", "-"));
        if (slug.length() > MAX) {
            slug = trim(slug.substring(0, MAX));
        }
        return slug.isEmpty() ? "entry" : slug;
    }

    private static String trim(String slug) {
        int start = 0;
        int end = slug.length();
        while (start < end && slug.charAt(start) == '-') {
            start++;
        }
        while (end > start && slug.charAt(end - 1) == '-') {
            end--;
        }
        return slug.substring(start, end);
    }

    /** The refs of one file's titles: the second title with a slug gets {@code -2}, the third {@code -3}. */
    public static final class Allocation {
        private final Map<String, Integer> seen = new HashMap<>();
        private final Set<String> taken = new HashSet<>();

        /** The next ref for a title of this file. */
        public String next(String title) {
            return take(of(title));
        }

        /** Notes a ref the file names itself (a {@code ref} column), so that no title is given it. */
        public void reserve(String ref) {
            taken.add(ref);
        }

        private String take(String slug) {
            int n = seen.merge(slug, 1, Integer::sum);
            String ref = n == 1 ? slug : slug + "-" + n;
            while (!taken.add(ref)) {
                n = seen.merge(slug, 1, Integer::sum);
                ref = slug + "-" + n;
            }
            return ref;
        }
    }
}
