package org.datacollab.gateway.identity;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.datacollab.security.Caller;
import org.datacollab.security.Role;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * API keys, one or more per organization, in MongoDB. A key reads {@code dck_<id>_<secret>}; only the SHA-256
 * of the secret is stored, so the key is shown once, when issued. Keys carry roles and (for a city data
 * office) jurisdictions, and are revoked by id. An operator's bootstrap key (BOOTSTRAP_ADMIN_KEY) is an ADMIN
 * key that is never stored: it issues the first organization keys.
 */
@Component
@EnableConfigurationProperties(BootstrapKeySettings.class)
public class ApiKeys {

    public static final String PREFIX = "dck_";
    static final String SUBJECT_PREFIX = "key:";

    public record Issued(String id, String key, String organization, List<Role> roles, List<String> jurisdictions, String name) {
    }

    private final MongoCollection<Document> keys;
    private final String bootstrapKeyHash;
    private final SecureRandom random = new SecureRandom();

    public ApiKeys(MongoClient client, @Value("${spring.mongodb.database}") String database,
                   BootstrapKeySettings settings) {
        String bootstrapKey = settings.bootstrapAdminKey();
        this.keys = client.getDatabase(database).getCollection("api_keys");
        this.bootstrapKeyHash = bootstrapKey == null || bootstrapKey.isBlank() ? null : sha256(bootstrapKey);
    }

    public Issued issue(String organization, List<Role> roles, List<String> jurisdictions, String name) {
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        byte[] secret = new byte[24];
        random.nextBytes(secret);
        String key = PREFIX + id + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        keys.insertOne(new Document("_id", id).append("hash", sha256(key)).append("organization", organization)
                .append("roles", roles.stream().map(Enum::name).toList()).append("jurisdictions", jurisdictions)
                .append("name", name).append("createdAt", Date.from(Instant.now())));
        return new Issued(id, key, organization, roles, jurisdictions, name);
    }

    public boolean isBootstrapKey(String presented) {
        return bootstrapKeyHash != null && MessageDigest.isEqual(bootstrapKeyHash.getBytes(), sha256(presented).getBytes());
    }

    /** The caller a presented key stands for, if it is a key we issued, not revoked, or the bootstrap key. */
    public Optional<Caller> authenticate(String presented) {
        if (isBootstrapKey(presented)) {
            return Optional.of(Caller.admin("bootstrap-admin"));
        }
        if (!presented.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String rest = presented.substring(PREFIX.length());
        int separator = rest.indexOf('_');
        if (separator <= 0) {
            return Optional.empty();
        }
        Document doc = keys.find(Filters.eq("_id", rest.substring(0, separator))).first();
        if (doc == null || doc.get("revokedAt") != null
                || !MessageDigest.isEqual(doc.getString("hash").getBytes(), sha256(presented).getBytes())) {
            return Optional.empty();
        }
        Set<Role> roles = doc.getList("roles", String.class).stream().map(Role::valueOf).collect(Collectors.toSet());
        return Optional.of(new Caller(SUBJECT_PREFIX + doc.getString("_id"), doc.getString("organization"), roles,
                Set.copyOf(doc.getList("jurisdictions", String.class))));
    }

    /** Keys without their hashes, newest first. */
    public List<Document> list(int limit) {
        List<Document> found = new ArrayList<>();
        keys.find().projection(new Document("hash", 0)).sort(new Document("createdAt", -1)).limit(limit).forEach(found::add);
        return found;
    }

    public boolean revoke(String id) {
        return keys.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("revokedAt", null)),
                Updates.set("revokedAt", Date.from(Instant.now()))).getModifiedCount() == 1;
    }

    /** Of these key ids, those revoked (by any gateway instance). */
    public List<String> revokedAmong(Collection<String> ids) {
        List<String> revoked = new ArrayList<>();
        keys.find(Filters.and(Filters.in("_id", ids), Filters.ne("revokedAt", null))).projection(new Document("_id", 1))
                .forEach(d -> revoked.add(d.getString("_id")));
        return revoked;
    }

    /** The subject a key's caller has ({@code key:<id>}), or null for another subject. */
    public static String keyId(String subject) {
        return subject.startsWith(SUBJECT_PREFIX) ? subject.substring(SUBJECT_PREFIX.length()) : null;
    }

    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
