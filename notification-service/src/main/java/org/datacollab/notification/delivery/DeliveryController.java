package org.datacollab.notification.delivery;

import org.datacollab.bounds.QueryBounds;
import org.datacollab.problem.Problem;
import io.swagger.v3.oas.annotations.media.Schema;
import org.bson.Document;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.*;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.List;
import org.datacollab.notification.subscription.SubscriptionController;
import org.datacollab.notification.subscription.SubscriptionStore;
import org.datacollab.security.Caller;

/** A subscription's delivery log (attempts, status codes, latency), and redelivery of a delivery on request. */
@RestController
@RequestMapping(produces = MediaType.APPLICATION_JSON_VALUE)
public class DeliveryController {

    /** A delivery of one risk change to one subscription, with every attempt so far. */
    public record DeliveryView(String id, String eventId, String ref, String type, String status, Integer attempts,
                               @Schema(format = "date-time") String nextAttemptAt, List<Attempt> log) {
    }

    /** One attempt: when, the webhook's status code (none when it could not be reached), how long, what failed. */
    public record Attempt(@Schema(format = "date-time") String at, Integer statusCode, Long latencyMillis, String error) {
    }

    private final DeliveryStore deliveries;
    private final Deliverer deliverer;
    private final SubscriptionStore subscriptions;

    public DeliveryController(DeliveryStore deliveries, Deliverer deliverer,
                              SubscriptionStore subscriptions) {
        this.deliveries = deliveries;
        this.deliverer = deliverer;
        this.subscriptions = subscriptions;
    }

    /** Whether the caller may see this subscription's deliveries: its own organization's, or any for an administrator. */
    private boolean owns(String subscriptionId, Caller caller) {
        return subscriptions.find(subscriptionId).map(s -> caller.actsFor(s.organization())).orElse(caller.isAdmin());
    }

    @GetMapping("/subscriptions/{id}/deliveries")
    public Mono<List<DeliveryView>> log(@PathVariable String id, @RequestParam(defaultValue = "50") int limit,
                                               Caller caller) {
        int bounded = QueryBounds.count(limit, "limit", 500);
        return Mono.fromCallable(() -> {
                    // another organization's subscription is not there, as one that does not exist
                    if (subscriptions.find(id).filter(s -> caller.actsFor(s.organization())).isEmpty()) {
                        throw Problem.notFound("unknown-subscription", "id", "No subscription has id '" + id + "'.").exception();
                    }
                    return deliveries.log(id, bounded).stream().map(DeliveryController::view).toList();
                })
                .subscribeOn(Schedulers.boundedElastic());
    }

    /**
     * Sends a delivery again now (a failed one is re-queued); 404 when there is no such delivery. The id is a query
     * parameter: delivery ids hold the event id's '/', which a path may not carry encoded (decision 0011).
     */
    @PostMapping("/deliveries/redeliver")
    public Mono<ResponseEntity<DeliveryView>> redeliver(@RequestParam String deliveryId, Caller caller) {
        return Mono.fromCallable(() -> {
            Document existing = deliveries.document(deliveryId);
            if (existing == null || !owns(existing.getString("subscriptionId"), caller)) {
                throw Problem.notFound("unknown-delivery", "deliveryId", "No delivery has id '" + deliveryId + "'.").exception();
            }
            if (!SubscriptionController.mayChange(caller)) {
                throw Problem.forbidden("role-required", "Redelivering takes the STEWARD or MONITOR role; this key has " + caller.roles() + ".").exception();
            }
            deliveries.requeue(deliveryId);
            deliverer.attempt(deliveryId);
            return ResponseEntity.ok(view(deliveries.document(deliveryId)));
        }).subscribeOn(Schedulers.boundedElastic());
    }

    static DeliveryView view(Document d) {
        List<Attempt> log = d.getList("log", Document.class).stream().map(a -> new Attempt(String.valueOf(a.getDate("at").toInstant()),
                a.getInteger("statusCode"), a.getLong("latencyMillis"), a.getString("error"))).toList();
        return new DeliveryView(d.getString("_id"), d.getString("eventId"), d.getString("ref"), d.getString("type"),
                d.getString("status"), d.getInteger("attempts"), String.valueOf(d.getDate("nextAttemptAt").toInstant()), log);
    }
}
