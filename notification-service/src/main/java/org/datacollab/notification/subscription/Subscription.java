package org.datacollab.notification.subscription;

import org.datacollab.contracts.risk.RiskChange;
import org.datacollab.contracts.vocabulary.RiskLevel;

import java.util.List;
import java.util.ArrayList;

/**
 * Who wants to hear (an organization and a contact), about what (partnerships by ref, an organization's
 * whole portfolio, a jurisdiction; from a minimum level; optionally only some signals), and how (a webhook
 * with its own signing secret, an email address, an in-app inbox; any of them). {@code seenJurisdictions} are
 * the jurisdictions its creator's key may see: a subscriber only ever hears about partnerships its organization
 * is a partner of or that lie in those jurisdictions, whatever refs it named.
 */
public record Subscription(String id, String organization, String contact, List<String> partnerships,
                           String portfolioOf, String jurisdiction, RiskLevel minimumLevel, List<String> signals,
                           Webhook webhook, String email, boolean inApp, List<String> seenJurisdictions) {

    /** In {@code seenJurisdictions}: the subscription was made by an administrator, who sees every partnership. */
    public static final String EVERYWHERE = "*";

    public record Webhook(String url, String secret) {
    }

    /** The channels this subscription is delivered on: "webhook", "email", "inbox". */
    public List<String> channels() {
        List<String> channels = new ArrayList<>();
        if (webhook != null) {
            channels.add("webhook");
        }
        if (email != null) {
            channels.add("email");
        }
        if (inApp) {
            channels.add("inbox");
        }
        return channels;
    }

    /**
     * Whether the change concerns this subscription. A subscriber hears a change when the new or the old level
     * reaches its minimum: it hears the rise above its threshold, and also the fall back below it.
     */
    public boolean matches(RiskChange change) {
        boolean about = partnerships.contains(change.ref())
                || (portfolioOf != null && change.organizations().contains(portfolioOf))
                || (jurisdiction != null && jurisdiction.equals(change.jurisdiction()));
        boolean highEnough = change.to().compareTo(minimumLevel) >= 0 || change.from().compareTo(minimumLevel) >= 0;
        boolean signalsMatch = signals.isEmpty() || change.signals().stream().anyMatch(s -> signals.contains(s.name()))
                || change.to() == RiskLevel.NONE;
        // who may see the partnership: a current partner, its steward (decision 0016), a monitor of its jurisdiction
        boolean visible = seenJurisdictions.contains(EVERYWHERE) || change.organizations().contains(organization)
                || organization.equals(change.steward()) || seenJurisdictions.contains(change.jurisdiction());
        return about && highEnough && signalsMatch && visible;
    }
}
