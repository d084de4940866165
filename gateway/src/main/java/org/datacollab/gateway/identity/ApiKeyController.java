package org.datacollab.gateway.identity;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.bson.Document;
import org.datacollab.audit.AuditTrail;
import org.datacollab.bounds.QueryBounds;
import org.datacollab.contracts.limits.Limits;
import org.datacollab.problem.Problem;
import org.datacollab.security.Caller;
import org.datacollab.security.Role;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.*;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.net.URI;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

/** ADMIN only (the security chain checks: /admin/**): issue an organization's API keys, list them (never their secrets), revoke them. */
@RestController
@RequestMapping(path = "/admin/api-keys", produces = MediaType.APPLICATION_JSON_VALUE)
public class ApiKeyController {

    public record KeyRequest(String organization, List<String> roles, List<String> jurisdictions, String name) {
    }

    /** An issued key as listed: never its secret nor its hash; {@code _id} as stored (the id to revoke it by). */
    public record KeyView(@JsonProperty("_id") String id, String organization, List<String> roles, List<String> jurisdictions,
                          String name, Date createdAt, @JsonInclude(JsonInclude.Include.NON_NULL) Date revokedAt) {

        static KeyView of(Document stored) {
            return new KeyView(stored.getString("_id"), stored.getString("organization"), stored.getList("roles", String.class),
                    stored.getList("jurisdictions", String.class), stored.getString("name"), stored.getDate("createdAt"),
                    stored.getDate("revokedAt"));
        }
    }

    private final ApiKeys keys;
    private final Revocations revocations;
    private final AuditTrail audit;

    public ApiKeyController(ApiKeys keys, Revocations revocations, AuditTrail audit) {
        this.keys = keys;
        this.revocations = revocations;
        this.audit = audit;
    }

    /** 201 with the key, shown this once. */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "issueApiKey", responses = @ApiResponse(responseCode = "201", description = "the key, shown this once"))
    public Mono<ResponseEntity<ApiKeys.Issued>> issue(@RequestBody KeyRequest request, Caller caller) {
        if (request.organization() == null || !request.organization().matches("[A-Za-z0-9._-]{1,100}")) {
            return Mono.error(Problem.invalid("required", "organization", "organization is required: an organization ref (letters, digits, . _ -).").exception());
        }
        if (request.roles() == null || request.roles().isEmpty()) {
            return Mono.error(Problem.invalid("required", "roles", "roles is required: one or more of " + List.of(Role.values()) + ".").exception());
        }
        List<Role> roles = new ArrayList<>();
        for (String role : request.roles()) {
            try {
                roles.add(Role.valueOf(role));
            } catch (IllegalArgumentException e) {
                return Mono.error(Problem.invalid("enum-value", "roles", "'" + role + "' is not a role; roles are " + List.of(Role.values()) + ".").exception());
            }
        }
        // every jurisdiction travels in each internal token of the key: bounded as a fact's lists and refs are
        List<String> jurisdictions = request.jurisdictions() == null ? List.of()
                : QueryBounds.texts(request.jurisdictions(), "jurisdictions", Limits.ITEMS, Limits.REF);
        QueryBounds.text(request.name(), "name", Limits.NAME);
        return Mono.fromCallable(() -> {
            ApiKeys.Issued issued = keys.issue(request.organization(), roles, jurisdictions, request.name());
            audit.record(caller, "api-key.issued", "key:" + issued.id(), Map.of("organization", issued.organization(),
                    "roles", String.valueOf(issued.roles())));
            return ResponseEntity.created(URI.create("/admin/api-keys/" + issued.id())).body(issued);
        }).subscribeOn(Schedulers.boundedElastic());
    }

    @GetMapping
    @Operation(operationId = "listApiKeys")
    public Mono<List<KeyView>> list(@RequestParam(defaultValue = "100") int limit) {
        return Mono.fromCallable(() -> keys.list(Math.max(1, Math.min(limit, 1000))).stream().map(KeyView::of).toList())
                .subscribeOn(Schedulers.boundedElastic());
    }

    @DeleteMapping("/{id}")
    @Operation(operationId = "revokeApiKey", responses = @ApiResponse(responseCode = "204", description = "revoked"))
    public Mono<ResponseEntity<Void>> revoke(@PathVariable String id, Caller caller) {
        return Mono.fromCallable(() -> {
                    if (!keys.revoke(id)) {
                        throw Problem.notFound("unknown-api-key", "id", "No active API key has id '" + id + "'.").exception();
                    }
                    revocations.revoked(id);
                    audit.record(caller, "api-key.revoked", "key:" + id);
                    return ResponseEntity.noContent().<Void>build();
                })
                .subscribeOn(Schedulers.boundedElastic());
    }
}
