package org.datacollab.registry.web;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.bson.Document;
import org.datacollab.bounds.BodyLimits;
import org.datacollab.problem.Problem;
import org.datacollab.security.Callers;
import org.datacollab.problem.ProblemException;
import org.bson.types.Binary;
import org.reactivestreams.Publisher;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Every POST honours an {@code Idempotency-Key} header: the first answer (status, ETag, Location, body) is
 * stored in MongoDB under the key, and a retry with the same key and body gets that answer again without the
 * command running twice. The same key with another body is refused (422); a retry while the first request is
 * still running gets 409 with Retry-After. Server errors (5xx) are not kept, so they can be retried. A key
 * left in progress by a crashed instance is taken over by a retry after {@code datacollab.idempotency.stale}.
 */
@Component
public class IdempotencyFilter implements WebFilter {

    public static final String HEADER = "Idempotency-Key";
    /** The request attribute under which handlers find the (caller-scoped) key, to send it with the command. */
    public static final String ATTRIBUTE = "datacollab.idempotencyKey";
    private static final String IN_PROGRESS = "in-progress";

    private final MongoCollection<Document> keys;
    private final MongoCollection<Document> takeovers;
    private final Duration stale;
    private final BodyLimits bodyLimits;
    private final Clock clock;

    public IdempotencyFilter(MongoClient client, @Value("${spring.mongodb.database}") String database, IdempotencySettings settings,
                             BodyLimits bodyLimits, Clock clock) {
        this.clock = clock;
        this.keys = client.getDatabase(database).getCollection("idempotency_keys");
        this.takeovers = client.getDatabase(database).getCollection("idempotency_takeovers");
        this.stale = settings.stale();
        this.bodyLimits = bodyLimits;
        expireAfter(keys, settings.retention());
        expireAfter(takeovers, settings.retention());
    }

    /** MongoDB's code for an index that exists with other options (another retention period). */
    private static final int INDEX_OPTIONS_CONFLICT = 85;

    /** Keys (and the answers stored with them) are removed {@code retention} after they were claimed. */
    private static void expireAfter(MongoCollection<Document> keys, Duration retention) {
        IndexOptions options = new IndexOptions().name("createdAt_ttl").expireAfter(retention.toSeconds(), TimeUnit.SECONDS);
        try {
            keys.createIndex(Indexes.ascending("createdAt"), options);
        } catch (MongoCommandException e) {
            if (e.getErrorCode() != INDEX_OPTIONS_CONFLICT) {
                throw e;
            }
            keys.dropIndex("createdAt_ttl");
            keys.createIndex(Indexes.ascending("createdAt"), options);
        }
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String key = exchange.getRequest().getHeaders().getFirst(HEADER);
        if (key == null || exchange.getRequest().getMethod() != HttpMethod.POST) {
            return chain.filter(exchange);
        }
        if (key.isBlank() || key.length() > 200) {
            return Mono.error(Problem.invalid("idempotency-key-format", HEADER, "Idempotency-Key must be 1 to 200 characters.").exception());
        }
        // keys are the caller's own: another key's request with the same Idempotency-Key is another request
        return Callers.of(exchange).map(caller -> caller.subject() + " ").defaultIfEmpty("")
                .flatMap(subject -> filter(exchange, chain, subject + exchange.getRequest().getPath().value() + " " + key));
    }

    private Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain, String id) {
        // the body is held to compare it with a retry's: never more of it than the path's limit (BodyLimitFilter
        // refuses it first; the cap here keeps the filter safe on its own)
        long limit = bodyLimits.limitFor(exchange.getRequest().getPath().pathWithinApplication().value());
        return DataBufferUtils.join(exchange.getRequest().getBody(), (int) Math.min(limit, Integer.MAX_VALUE)).map(buffer -> {
                    byte[] bytes = new byte[buffer.readableByteCount()];
                    buffer.read(bytes);
                    DataBufferUtils.release(buffer);
                    return bytes;
                }).defaultIfEmpty(new byte[0])
                .flatMap(body -> Mono.fromCallable(() -> Optional.ofNullable(claim(id, sha256(body))))
                        .subscribeOn(Schedulers.boundedElastic())
                        .flatMap(existing -> {
                            exchange.getAttributes().put(ATTRIBUTE, id);
                            return existing.isPresent()
                                    ? replayOrRefuse(exchange, chain, id, body, existing.get(), sha256(body))
                                    : proceed(exchange, chain, id, body);
                        }));
    }

    /** Null when this request claimed the key; else the stored document of the earlier request. */
    private Document claim(String id, String fingerprint) {
        try {
            keys.insertOne(new Document("_id", id).append("state", IN_PROGRESS).append("fingerprint", fingerprint)
                    .append("createdAt", Date.from(clock.instant())));
            return null;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            return keys.find(Filters.eq("_id", id)).first();
        }
    }

    /**
     * A request that claimed the key and then vanished (its instance crashed) leaves the key in progress; after
     * {@code stale} a retry takes it over and runs again. Running again is safe: the key travels with the
     * command, and the partnership ignores a command whose key it has already recorded (or, for a formation or
     * an import, recognises its own first event), answering as if it had just been recorded.
     */
    private boolean takeOver(String id, Document existing) {
        Date startedAt = existing.getDate("createdAt");
        if (startedAt == null || startedAt.toInstant().plus(stale).isAfter(clock.instant())) {
            return false;
        }
        // one retry takes the key over: the one whose marker for this start is inserted first (a key lookup,
        // where a conditional update on state and start would need a query on fields without a unique index).
        // The marker and the key's new start are two writes: a retry that inserted the marker and stopped before
        // restarting the key left the key in progress under a start whose marker is taken, and every later retry
        // was refused (409) until the key expired. A marker as stale as the key is passed: the next one is taken.
        for (int round = 1; ; round++) {
            String marker = id + " " + startedAt.getTime() + (round == 1 ? "" : " " + round);
            try {
                takeovers.insertOne(new Document("_id", marker).append("createdAt", Date.from(clock.instant())));
                break;
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                Document taken = takeovers.find(Filters.eq("_id", marker)).first();
                Date takenAt = taken == null ? null : taken.getDate("createdAt");
                if (takenAt != null && takenAt.toInstant().plus(stale).isAfter(clock.instant())) {
                    return false;
                }
            }
        }
        keys.updateOne(Filters.eq("_id", id), new Document("$set", new Document("createdAt", Date.from(clock.instant()))));
        return true;
    }

    private Mono<Void> replayOrRefuse(ServerWebExchange exchange, WebFilterChain chain, String id, byte[] requestBody,
                                      Document existing, String fingerprint) {
        if (!fingerprint.equals(existing.getString("fingerprint"))) {
            return Mono.error(Problem.of(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused", HEADER,
                    "This Idempotency-Key was used with another body; use a new key for a new request.").exception());
        }
        if (IN_PROGRESS.equals(existing.getString("state"))) {
            if (takeOver(id, existing)) {
                return proceed(exchange, chain, id, requestBody);
            }
            return Mono.error(new ProblemException(Problem.conflict("idempotency-key-in-progress", HEADER,
                    "A request with this Idempotency-Key is still being processed; retry shortly."), Duration.ofSeconds(1)));
        }
        var response = exchange.getResponse();
        response.setStatusCode(HttpStatusCode.valueOf(existing.getInteger("status")));
        copyHeader(existing, response.getHeaders(), HttpHeaders.ETAG);
        copyHeader(existing, response.getHeaders(), HttpHeaders.LOCATION);
        copyHeader(existing, response.getHeaders(), HttpHeaders.CONTENT_TYPE);
        response.getHeaders().set("Idempotent-Replayed", "true");
        byte[] body = existing.get("body", Binary.class).getData();
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    private static void copyHeader(Document stored, HttpHeaders headers, String name) {
        String value = stored.getString(name);
        if (value != null) {
            headers.set(name, value);
        }
    }

    private Mono<Void> proceed(ServerWebExchange exchange, WebFilterChain chain, String id, byte[] body) {
        ServerHttpRequestDecorator request = new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                return Flux.defer(() -> Flux.just(exchange.getResponse().bufferFactory().wrap(body)));
            }
        };
        ServerHttpResponseDecorator response = new ServerHttpResponseDecorator(exchange.getResponse()) {
            @Override
            public Mono<Void> writeWith(Publisher<? extends DataBuffer> written) {
                return DataBufferUtils.join(Flux.from(written)).flatMap(buffer -> {
                    byte[] bytes = new byte[buffer.readableByteCount()];
                    buffer.read(bytes);
                    DataBufferUtils.release(buffer);
                    return Mono.fromRunnable(() -> remember(id, getStatusCode(), getHeaders(), bytes))
                            .subscribeOn(Schedulers.boundedElastic())
                            .then(super.writeWith(Mono.just(bufferFactory().wrap(bytes))));
                });
            }
        };
        return chain.filter(exchange.mutate().request(request).response(response).build())
                .onErrorResume(e -> Mono.fromRunnable(() -> keys.deleteOne(Filters.eq("_id", id)))
                        .subscribeOn(Schedulers.boundedElastic()).then(Mono.error(e)));
    }

    private void remember(String id, HttpStatusCode status, HttpHeaders headers, byte[] body) {
        if (status == null || status.is5xxServerError()) {
            keys.deleteOne(Filters.eq("_id", id));
            return;
        }
        Document update = new Document("state", "done").append("status", status.value()).append("body", new Binary(body));
        for (String name : List.of(HttpHeaders.ETAG, HttpHeaders.LOCATION, HttpHeaders.CONTENT_TYPE)) {
            if (headers.getFirst(name) != null) {
                update.append(name, headers.getFirst(name));
            }
        }
        keys.updateOne(Filters.eq("_id", id), new Document("$set", update));
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
