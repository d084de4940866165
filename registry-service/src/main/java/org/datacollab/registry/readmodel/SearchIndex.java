package org.datacollab.registry.readmodel;

import org.datacollab.security.Caller;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Every partnership's summary in memory, with an index per facet (model, phase, jurisdiction, current partner,
 * steward), so that search and the organizations directory read no database: a query starts from the smallest
 * set its facets (or the caller's visibility) allow and checks the rest on the summaries. Fed by
 * {@link ReadModelProjector} on every instance (docs/decisions/0021).
 */
@Component
public class SearchIndex {

    /** One facet: a field of the summary, and the refs of the partnerships by each of its values. */
    private record Facet(Function<PartnershipSummary, Collection<String>> values, Map<String, Set<String>> refs) {

        Facet(Function<PartnershipSummary, Collection<String>> values) {
            this(values, new ConcurrentHashMap<>());
        }

        void remove(PartnershipSummary summary) {
            values.apply(summary).forEach(v -> refs.computeIfPresent(v, (key, set) -> {
                set.remove(summary.ref());
                return set.isEmpty() ? null : set;
            }));
        }

        void add(PartnershipSummary summary) {
            values.apply(summary).forEach(v -> refs.computeIfAbsent(v, key -> ConcurrentHashMap.newKeySet()).add(summary.ref()));
        }

        Set<String> of(String value) {
            return refs.getOrDefault(value, Set.of());
        }
    }

    private final NavigableMap<String, PartnershipSummary> byRef = new ConcurrentSkipListMap<>();
    private final Facet models = new Facet(s -> optional(s.model()));
    private final Facet phases = new Facet(s -> optional(s.phase()));
    private final Facet jurisdictions = new Facet(s -> optional(s.jurisdiction()));
    private final Facet partners = new Facet(PartnershipSummary::partnerRefs);
    private final Facet stewards = new Facet(s -> optional(s.steward()));
    private final List<Facet> facets = List.of(models, phases, jurisdictions, partners, stewards);

    /** What a search asks for; null fields ask nothing. */
    public record Criteria(String model, String phase, String jurisdiction, String organization, String text) {
    }

    public Optional<PartnershipSummary> get(String ref) {
        return Optional.ofNullable(byRef.get(ref));
    }

    /** One partnership at a time (its events come in order from one processor thread). */
    public synchronized void put(PartnershipSummary summary) {
        PartnershipSummary previous = byRef.put(summary.ref(), summary);
        if (previous != null) {
            facets.forEach(f -> f.remove(previous));
        }
        facets.forEach(f -> f.add(summary));
    }

    public synchronized void clear() {
        byRef.clear();
        facets.forEach(f -> f.refs().clear());
    }

    public int size() {
        return byRef.size();
    }

    /** The partnerships the caller may see that meet the criteria, by ref. */
    public List<PartnershipSummary> search(Criteria criteria, Caller caller) {
        List<Set<String>> narrowing = new ArrayList<>();
        if (criteria.model() != null) narrowing.add(models.of(criteria.model()));
        if (criteria.phase() != null) narrowing.add(phases.of(criteria.phase()));
        if (criteria.jurisdiction() != null) narrowing.add(jurisdictions.of(criteria.jurisdiction()));
        if (criteria.organization() != null) narrowing.add(partners.of(criteria.organization()));
        Collection<String> candidates = narrowing.stream().min(Comparator.comparingInt(Set::size))
                .<Collection<String>>map(Set::copyOf).orElse(null);
        if (!caller.isAdmin()) {
            Set<String> visible = visibleRefs(caller);
            candidates = candidates == null || visible.size() < candidates.size() ? visible : candidates;
        }
        Predicate<PartnershipSummary> meets = s -> (criteria.model() == null || criteria.model().equals(s.model()))
                && (criteria.phase() == null || criteria.phase().equals(s.phase()))
                && (criteria.jurisdiction() == null || criteria.jurisdiction().equals(s.jurisdiction()))
                && (criteria.organization() == null || s.partnerRefs().contains(criteria.organization()))
                && (criteria.text() == null || s.text().contains(criteria.text()))
                && caller.maySee(s.partnerRefs(), s.steward(), s.jurisdiction());
        List<PartnershipSummary> found = new ArrayList<>();
        Iterable<PartnershipSummary> scope = candidates == null ? byRef.values()
                : new TreeSet<>(candidates).stream().map(byRef::get).filter(s -> s != null).toList();
        scope.forEach(s -> {
            if (meets.test(s)) {
                found.add(s);
            }
        });
        return found;
    }

    /** The refs of the partnerships the caller may see (a partner, the steward, or in one of its jurisdictions). */
    public Set<String> visibleRefs(Caller caller) {
        if (caller.isAdmin()) {
            return Set.copyOf(byRef.keySet());
        }
        Set<String> visible = new TreeSet<>();
        if (caller.organization() != null) {
            visible.addAll(partners.of(caller.organization()));
            visible.addAll(stewards.of(caller.organization()));
        }
        caller.jurisdictions().forEach(j -> visible.addAll(jurisdictions.of(j)));
        return visible;
    }

    /** The partnerships an organization is a current partner of, by ref. */
    public List<PartnershipSummary> partneredBy(String organization) {
        return new TreeSet<>(partners.of(organization)).stream().map(byRef::get).filter(s -> s != null).toList();
    }

    /** Every organization that is a current partner somewhere, by ref. */
    public List<String> organizations() {
        return new TreeSet<>(partners.refs().keySet()).stream().toList();
    }

    private static Collection<String> optional(String value) {
        return value == null ? List.of() : List.of(value);
    }
}
