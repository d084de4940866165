package org.datacollab.gateway.identity;

import org.bson.Document;
import org.datacollab.audit.AuditTrail;
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
import java.util.List;
import java.util.Map;

/** ADMIN only (the security chain checks: /admin/**): issue an organization's API keys, list them (never their secrets), revoke them. */
@RestController
@RequestMapping(path = "/admin/api-keys", produces = MediaType.APPLICATION_JSON_VALUE)
public class ApiKeyController {

    public record KeyRequest(String organization, List<String> roles, List<String> jurisdictions, String name) {
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
    public Mono<ResponseEntity<Object>> issue(@RequestBody KeyRequest request, Caller caller) {
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
        List<String> jurisdictions = request.jurisdictions() == null ? List.of() : request.jurisdictions();
        return Mono.fromCallable(() -> {
            ApiKeys.Issued issued = keys.issue(request.organization(), roles, jurisdictions, request.name());
            audit.record(caller, "api-key.issued", "key:" + issued.id(), Map.of("organization", issued.organization(),
                    "roles", String.valueOf(issued.roles())));
            return ResponseEntity.created(URI.create("/admin/api-keys/" + issued.id())).<Object>body(issued);
        }).subscribeOn(Schedulers.boundedElastic());
    }

    @GetMapping
    public Mono<List<Document>> list(@RequestParam(defaultValue = "100") int limit) {
        return Mono.fromCallable(() -> keys.list(Math.max(1, Math.min(limit, 1000)))).subscribeOn(Schedulers.boundedElastic());
    }

    @DeleteMapping("/{id}")
    public Mono<ResponseEntity<Object>> revoke(@PathVariable String id, Caller caller) {
        return Mono.fromCallable(() -> {
                    if (!keys.revoke(id)) {
                        throw Problem.notFound("unknown-api-key", "id", "No active API key has id '" + id + "'.").exception();
                    }
                    revocations.revoked(id);
                    audit.record(caller, "api-key.revoked", "key:" + id);
                    return ResponseEntity.noContent().<Object>build();
                })
                .subscribeOn(Schedulers.boundedElastic());
    }
}
