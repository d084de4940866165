package org.datacollab.notification.subscription;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.datacollab.bounds.QueryBounds;
import org.datacollab.contracts.limits.Limits;
import org.datacollab.problem.Problem;
import org.datacollab.problem.ProblemException;
import org.datacollab.contracts.vocabulary.RiskLevel;
import org.datacollab.notification.delivery.WebhookTargets;
import org.datacollab.security.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.*;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.net.URI;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.datacollab.security.Role;

/** Subscriptions: who hears about which risk changes, and how. Secrets are never returned. */
@RestController
@RequestMapping(path = "/subscriptions", produces = MediaType.APPLICATION_JSON_VALUE)
public class SubscriptionController {

    public record WebhookRequest(String url, String secret) {
    }

    public record SubscriptionRequest(String organization, String contact, List<String> partnerships, String portfolioOf,
                                      String jurisdiction, RiskLevel minimumLevel, List<String> signals, WebhookRequest webhook,
                                      String email, Boolean inApp) {
    }

    public record SubscriptionView(String id, String organization, String contact, List<String> partnerships,
                                   String portfolioOf, String jurisdiction, RiskLevel minimumLevel, List<String> signals,
                                   String webhookUrl, String email, boolean inApp) {
        static SubscriptionView of(Subscription s) {
            return new SubscriptionView(s.id(), s.organization(), s.contact(), s.partnerships(), s.portfolioOf(),
                    s.jurisdiction(), s.minimumLevel(), s.signals(), s.webhook() == null ? null : s.webhook().url(),
                    s.email(), s.inApp());
        }
    }

    /** A subscription request that breaks a rule: 404 for an unknown one, 403 for another's, else 400. */
    static final class InvalidSubscription extends ProblemException {
        InvalidSubscription(String field, String rule, String message) {
            super(Problem.of(status(rule), rule, field, message));
        }

        private static HttpStatus status(String rule) {
            return switch (rule) {
                case "unknown-subscription", "unknown-organization" -> HttpStatus.NOT_FOUND;
                case "role-required", "own-organization", "own-jurisdiction" -> HttpStatus.FORBIDDEN;
                default -> HttpStatus.BAD_REQUEST;
            };
        }
    }

    private final SubscriptionStore store;
    private final WebhookTargets targets;

    public SubscriptionController(SubscriptionStore store, WebhookTargets targets) {
        this.store = store;
        this.targets = targets;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "subscribe", responses = @ApiResponse(responseCode = "201", description = "subscribed"))
    public Mono<ResponseEntity<SubscriptionView>> create(@RequestBody SubscriptionRequest request, Caller caller) {
        Subscription subscription = validate(request, caller);
        return Mono.fromCallable(() -> {
            store.save(subscription);
            return ResponseEntity.created(URI.create("/subscriptions/" + subscription.id())).body(SubscriptionView.of(subscription));
        }).subscribeOn(Schedulers.boundedElastic());
    }

    @GetMapping("/{id}")
    @Operation(operationId = "subscription")
    public Mono<SubscriptionView> get(@PathVariable String id, Caller caller) {
        return Mono.fromCallable(() -> store.find(id).filter(s -> caller.actsFor(s.organization())).map(SubscriptionView::of)
                        .orElseThrow(() -> new InvalidSubscription("id", "unknown-subscription", "No subscription has id '" + id + "'.")))
                .subscribeOn(Schedulers.boundedElastic());
    }

    @GetMapping
    @Operation(operationId = "subscriptions")
    public Mono<List<SubscriptionView>> list(@RequestParam String organization, Caller caller) {
        // another organization's subscriptions are not there: 404, as its inbox
        if (!caller.actsFor(organization)) {
            throw new InvalidSubscription("organization", "unknown-organization", "No subscriptions of '" + organization + "' are visible to this key.");
        }
        return Mono.fromCallable(() -> store.byOrganization(organization).stream().map(SubscriptionView::of).toList())
                .subscribeOn(Schedulers.boundedElastic());
    }

    @DeleteMapping("/{id}")
    @Operation(operationId = "unsubscribe", responses = @ApiResponse(responseCode = "204", description = "unsubscribed"))
    public Mono<ResponseEntity<Void>> delete(@PathVariable String id, Caller caller) {
        return Mono.fromCallable(() -> {
                    Subscription subscription = store.find(id).filter(s -> caller.actsFor(s.organization()))
                            .orElseThrow(() -> new InvalidSubscription("id", "unknown-subscription", "No subscription has id '" + id + "'."));
                    if (!mayChange(caller)) {
                        throw new InvalidSubscription("Authorization", "role-required", "Unsubscribing takes the STEWARD or MONITOR role; this key has "
                                + caller.roles() + ".");
                    }
                    store.delete(subscription.id());
                    return ResponseEntity.noContent().<Void>build();
                })
                .subscribeOn(Schedulers.boundedElastic());
    }

    /** DASHBOARD keys only read; every other role may manage its organization's subscriptions. */
    public static boolean mayChange(Caller caller) {
        return caller.isAdmin() || caller.has(Role.STEWARD) || caller.has(Role.MONITOR);
    }

    /** The most partnerships one subscription names, and the most signals it filters on. */
    static final int MAX_PARTNERSHIPS = 500;
    static final int MAX_SIGNALS = 20;
    /** The longest webhook URL and email address taken (RFC 5321 bounds an address at 254). */
    static final int MAX_URL = 2000;
    static final int MAX_EMAIL = 254;

    /** Every text and list of the request within its bound (400 text-length, list-size), before anything else is looked at. */
    private static void bounds(SubscriptionRequest r) {
        QueryBounds.text(r.organization(), "organization", Limits.REF);
        QueryBounds.text(r.contact(), "contact", Limits.NAME);
        QueryBounds.text(r.portfolioOf(), "portfolioOf", Limits.REF);
        QueryBounds.text(r.jurisdiction(), "jurisdiction", Limits.REF);
        QueryBounds.text(r.email(), "email", MAX_EMAIL);
        items(r.partnerships(), "partnerships", MAX_PARTNERSHIPS, Limits.REF);
        items(r.signals(), "signals", MAX_SIGNALS, Limits.REF);
        if (r.webhook() != null) {
            QueryBounds.text(r.webhook().url(), "webhook.url", MAX_URL);
            QueryBounds.text(r.webhook().secret(), "webhook.secret", Limits.NAME);
        }
    }

    private static void items(List<String> values, String field, int maxItems, int maxLength) {
        if (values == null) {
            return;
        }
        if (values.size() > maxItems) {
            throw Problem.invalid("list-size", field, field + " has " + values.size() + " items; at most " + maxItems + " are allowed.")
                    .with("limit", maxItems).exception();
        }
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                throw new InvalidSubscription(field + "[" + i + "]", "no-null-items", "'" + field + "' must not contain null.");
            }
            QueryBounds.text(values.get(i), field + "[" + i + "]", maxLength);
        }
    }

    private Subscription validate(SubscriptionRequest r, Caller caller) {
        bounds(r);
        if (!mayChange(caller)) {
            throw new InvalidSubscription("Authorization", "role-required", "Subscribing takes the STEWARD or MONITOR role; this key has "
                    + caller.roles() + ".");
        }
        require(r.organization(), "organization");
        if (!caller.actsFor(r.organization())) {
            throw new InvalidSubscription("organization", "own-organization",
                    "A key subscribes for its own organization ('" + caller.organization() + "'), not for '" + r.organization() + "'.");
        }
        if (r.portfolioOf() != null && !caller.actsFor(r.portfolioOf())) {
            throw new InvalidSubscription("portfolioOf", "own-organization",
                    "portfolioOf names the key's own organization ('" + caller.organization() + "').");
        }
        if (r.jurisdiction() != null && !caller.isAdmin() && !caller.jurisdictions().contains(r.jurisdiction())) {
            throw new InvalidSubscription("jurisdiction", "own-jurisdiction",
                    "This key monitors " + caller.jurisdictions() + "; it cannot subscribe to '" + r.jurisdiction() + "'.");
        }
        require(r.contact(), "contact");
        List<String> partnerships = r.partnerships() == null ? List.of() : r.partnerships();
        if (partnerships.isEmpty() && r.portfolioOf() == null && r.jurisdiction() == null) {
            throw new InvalidSubscription("partnerships", "subscription-scope",
                    "Name what to hear about: partnerships (refs), portfolioOf (an organization) or a jurisdiction.");
        }
        if (r.minimumLevel() == null) {
            throw new InvalidSubscription("minimumLevel", "required", "'minimumLevel' is required (LOW, MEDIUM, HIGH or CRITICAL).");
        }
        if (r.minimumLevel() == RiskLevel.NONE) {
            throw new InvalidSubscription("minimumLevel", "minimum-level", "minimumLevel NONE would hear nothing; use LOW or above.");
        }
        boolean inApp = Boolean.TRUE.equals(r.inApp());
        if (r.webhook() == null && r.email() == null && !inApp) {
            throw new InvalidSubscription("webhook", "channel-required",
                    "Name at least one channel: webhook {url, secret}, email, or inApp true.");
        }
        if (r.email() != null && !r.email().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw new InvalidSubscription("email", "email-format", "email must be an address such as alerts@example.org.");
        }
        if (r.webhook() != null) {
            require(r.webhook().url(), "webhook.url");
            String refusal = targets.refusal(r.webhook().url());
            if (refusal != null) {
                throw new InvalidSubscription("webhook.url", "webhook-url-allowed", "The webhook URL is refused: " + refusal + ".");
            }
            require(r.webhook().secret(), "webhook.secret");
            if (!validSecret(r.webhook().secret())) {
                throw new InvalidSubscription("webhook.secret", "webhook-secret-format",
                        "webhook.secret must be 'whsec_' followed by base64 of 24 to 64 random bytes.");
            }
        }
        return new Subscription(UUID.randomUUID().toString(), r.organization(), r.contact(), partnerships,
                r.portfolioOf(), r.jurisdiction(), r.minimumLevel(), r.signals() == null ? List.of() : r.signals(),
                r.webhook() == null ? null : new Subscription.Webhook(r.webhook().url(), r.webhook().secret()), r.email(), inApp,
                caller.isAdmin() ? List.of(Subscription.EVERYWHERE) : List.copyOf(caller.jurisdictions()));
    }

    private static boolean validSecret(String secret) {
        if (!secret.startsWith("whsec_")) {
            return false;
        }
        try {
            int length = Base64.getDecoder().decode(secret.substring(6)).length;
            return length >= 24 && length <= 64;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidSubscription(field, "required", "'" + field + "' is required.");
        }
    }
}
