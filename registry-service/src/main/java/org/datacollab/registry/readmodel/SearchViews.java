package org.datacollab.registry.readmodel;

import java.util.List;

/** The answers of search and of the organizations directory. */
public final class SearchViews {

    /** One page of a listing, by ref. */
    public record Page<T>(int page, int size, long total, List<T> items) {

        static <T> Page<T> of(List<T> all, int page, int size) {
            int from = (int) Math.min((long) page * size, all.size());
            return new Page<>(page, size, all.size(), all.subList(from, Math.min(all.size(), from + size)));
        }
    }

    public record PartnerView(String ref, String name, List<String> roles) {
    }

    public record PartnershipView(String ref, String name, String model, String timeframe, String phase, String jurisdiction,
                                  String societalIssue, String intendedGoal, String formedAt, long version,
                                  List<PartnerView> partners) {

        static PartnershipView of(PartnershipSummary s) {
            return new PartnershipView(s.ref(), s.name(), s.model(), s.timeframe(), s.phase(), s.jurisdiction(), s.societalIssue(),
                    s.intendedGoal(), s.formedAt(), s.version(),
                    s.partners().stream().map(p -> new PartnerView(p.ref(), p.name(), p.roles())).toList());
        }
    }

    /** A partnership of an organization, with the organization's roles in it. */
    public record MembershipView(String ref, String name, List<String> roles, String phase) {
    }

    public record OrganizationView(String ref, String name, String sector, List<MembershipView> partnerships) {
    }

    private SearchViews() {
    }
}
