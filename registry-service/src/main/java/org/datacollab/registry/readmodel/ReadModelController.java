package org.datacollab.registry.readmodel;

import org.datacollab.bounds.QueryBounds;
import org.datacollab.contracts.limits.Limits;
import org.datacollab.contracts.vocabulary.PartnershipModel;
import org.datacollab.contracts.vocabulary.Phase;
import org.datacollab.registry.readmodel.SearchViews.MembershipView;
import org.datacollab.registry.readmodel.SearchViews.OrganizationView;
import org.datacollab.registry.readmodel.SearchViews.Page;
import org.datacollab.registry.readmodel.SearchViews.PartnershipView;
import org.datacollab.registry.web.InvalidInput;
import org.datacollab.security.Caller;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Search over partnerships, and organizations with their partnerships, answered from this instance's {@link SearchIndex}. */
@RestController
@RequestMapping(produces = MediaType.APPLICATION_JSON_VALUE)
public class ReadModelController {

    private final SearchIndex index;

    public ReadModelController(SearchIndex index) {
        this.index = index;
    }

    /** Partnerships by model, phase, jurisdiction, organization (a current partner) and text, paged, by ref. */
    @GetMapping("/partnerships")
    public Page<PartnershipView> search(@RequestParam(required = false) PartnershipModel model,
                                        @RequestParam(required = false) Phase phase,
                                        @RequestParam(required = false) String jurisdiction,
                                        @RequestParam(required = false) String organization,
                                        @RequestParam(required = false) String q,
                                        @RequestParam(defaultValue = "0") int page,
                                        @RequestParam(defaultValue = "20") int size, Caller caller) {
        checkPage(page, size);
        QueryBounds.text(jurisdiction, "jurisdiction", Limits.REF);
        QueryBounds.text(organization, "organization", Limits.REF);
        QueryBounds.text(q, "q", Limits.NAME);
        String text = q == null || q.isBlank() ? null : q.toLowerCase(Locale.ROOT);
        var criteria = new SearchIndex.Criteria(model == null ? null : model.name(), phase == null ? null : phase.name(),
                jurisdiction, organization, text);
        return Page.of(index.search(criteria, caller).stream().map(PartnershipView::of).toList(), page, size);
    }

    /**
     * The organizations directory. A caller other than an administrator sees the organizations that are
     * partners in the partnerships it may see, each with those partnerships only.
     */
    @GetMapping("/organizations")
    public Page<OrganizationView> organizations(@RequestParam(defaultValue = "0") int page,
                                                @RequestParam(defaultValue = "20") int size, Caller caller) {
        checkPage(page, size);
        Set<String> visible = caller.isAdmin() ? null : index.visibleRefs(caller);
        List<OrganizationView> all = new ArrayList<>();
        for (String organization : index.organizations()) {
            organization(organization, visible).ifPresent(all::add);
        }
        return Page.of(all, page, size);
    }

    @GetMapping("/organizations/{ref}")
    public OrganizationView organization(@PathVariable String ref, Caller caller) {
        Set<String> visible = caller.isAdmin() ? null : index.visibleRefs(caller);
        return organization(ref, visible).orElseThrow(() -> new UnknownOrganization(ref));
    }

    /**
     * The organization as the current partnerships in {@code visible} (all when null) name it, with those. Its name
     * and sector come from one of those too: a partnership the caller may not see names it as its steward chose.
     */
    private Optional<OrganizationView> organization(String organization, Set<String> visible) {
        List<PartnershipSummary> partnerships = index.partneredBy(organization).stream()
                .filter(s -> visible == null || visible.contains(s.ref())).toList();
        if (partnerships.isEmpty()) {
            return Optional.empty();
        }
        PartnershipSummary.Partner named = partnerships.getFirst().partners().stream()
                .filter(p -> p.ref().equals(organization)).findFirst().orElseThrow();
        List<MembershipView> memberships = partnerships.stream()
                .map(s -> new MembershipView(s.ref(), s.name(), s.partners().stream().filter(p -> p.ref().equals(organization))
                        .findFirst().map(PartnershipSummary.Partner::roles).orElse(List.of()), s.phase()))
                .toList();
        return Optional.of(new OrganizationView(organization, named.name(), named.sector(), memberships));
    }

    /** 404 for an organization that does not exist or that the caller has no partnership in common with. */
    public static final class UnknownOrganization extends InvalidInput {
        UnknownOrganization(String ref) {
            super("ref", "unknown-organization", "No organization has ref '" + ref + "'.");
        }
    }

    private static void checkPage(int page, int size) {
        QueryBounds.page(page, size, 200);
    }
}
