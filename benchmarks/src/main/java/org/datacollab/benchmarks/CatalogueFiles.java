package org.datacollab.benchmarks;

import org.datacollab.catalogue.CatalogueQuery;
import org.datacollab.catalogue.Csv;
import org.datacollab.catalogue.Facet;
import org.datacollab.contracts.vocabulary.*;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/** Random GovLab catalogues and faceted queries over them, for the catalogue benchmark (seeded: the same each run). */
final class CatalogueFiles {

    static final List<String> TOPICS = List.of("Health", "Transportation", "Education", "Environment", "Resilience", "Finance",
            "Agriculture", "Energy", "Urban development", "Air quality", "Migration", "Public safety");
    static final List<String> WORDS = List.of("mobility", "satellite", "health", "school", "port", "energy", "climate", "census");

    private CatalogueFiles() {
    }

    static String govLab(int rows, Random random) {
        StringBuilder csv = new StringBuilder(Csv.line(List.of("Title", "Status", "Type of Activity", "Region", "Location", "Sector",
                "Use Sub-categories", "For", "Data Category", "Data source type", "PII in original data?", "Format of data shared",
                "Shared by", "Shared with", "Use Details", "Text for Writeup", "Reference")));
        for (int i = 0; i < rows; i++) {
            String word = pick(random, WORDS);
            csv.append(Csv.line(List.of(
                    "Bench " + word + " collaborative " + i,
                    pick(random, List.of("Announced", "Pilot", "Ongoing", "Ongoing", "Ended")),
                    pick(random, List.of(CollaborationType.values())).label(),
                    pick(random, List.of(Region.values())).label(),
                    pick(random, List.of("NL", "US", "BR", "International", "Global")),
                    pick(random, TOPICS),
                    pick(random, TOPICS) + ", " + pick(random, TOPICS),
                    pick(random, List.of(Purpose.values())).label() + ", " + pick(random, List.of(Purpose.values())).label(),
                    "Telecommunications, " + word,
                    pick(random, List.of(SourceType.values())).label(),
                    pick(random, List.of(Disclosure.values())).label(),
                    pick(random, List.of(AccessMode.values())).label(),
                    "Company " + (i % 97),
                    "Researchers at university " + (i % 31),
                    "Use " + word + " data for decisions",
                    "A collaborative sharing " + word + " data, number " + i + ", for the public good.",
                    "https://example.org/bench/" + i)));
        }
        return csv.toString();
    }

    /** A query string of one to three facets (sometimes two values of one) and, now and then, free text. */
    static String query(Random random) {
        List<String> parts = new ArrayList<>();
        int facets = 1 + random.nextInt(3);
        for (int f = 0; f < facets; f++) {
            switch (random.nextInt(5)) {
                case 0 -> parts.add("type=" + pick(random, List.of(CollaborationType.values())).name());
                case 1 -> parts.add("region=" + pick(random, List.of(Region.values())).name() + "," + pick(random, List.of(Region.values())).name());
                case 2 -> parts.add("topic=" + pick(random, TOPICS).replace(" ", "%20"));
                case 3 -> parts.add("status=" + pick(random, List.of(CatalogueStatus.values())).name());
                default -> parts.add("purpose=" + pick(random, List.of(Purpose.values())).name());
            }
        }
        if (random.nextInt(3) == 0) {
            parts.add("q=" + pick(random, WORDS));
        }
        return String.join("&", parts);
    }

    /** The query as the service reads it. */
    static CatalogueQuery parse(String query) {
        Map<Facet, Set<String>> filters = new EnumMap<>(Facet.class);
        String q = null;
        for (String part : query.split("&")) {
            String name = part.substring(0, part.indexOf('='));
            String value = URLDecoder.decode(part.substring(part.indexOf('=') + 1), StandardCharsets.UTF_8);
            if (name.equals("q")) {
                q = value;
                continue;
            }
            Facet facet = Facet.named(name).orElseThrow();
            for (String v : value.split(",")) {
                filters.computeIfAbsent(facet, x -> new LinkedHashSet<>()).add(facet.key(v).orElseThrow());
            }
        }
        return new CatalogueQuery(filters, CatalogueQuery.terms(q));
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
