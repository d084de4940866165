package org.datacollab.infra;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;

import java.util.Set;

/**
 * mongo-java-server's H2 backend commits its MVStore about once a second, so a SIGKILL could lose writes
 * the client was told succeeded. This backend commits after every write command before answering, so an
 * acknowledged write survives the process being killed (it reaches the OS page cache, not the platter).
 *
 * <p>It also answers {@code hello}, which mongo-java-server knows only by its legacy name {@code isMaster}:
 * Spring Boot's MongoDB health check sends {@code hello} to every database, and without an answer every
 * service's /actuator/health said DOWN on the local stack (and logged a stack trace per check).
 */
final class DurableH2Backend extends H2Backend {

    private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findandmodify",
            "createindexes", "dropindexes", "drop", "dropdatabase", "create", "renamecollection");

    DurableH2Backend(String fileName) {
        super(fileName);
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        if (command.equalsIgnoreCase("hello")) {
            return hello(super.handleCommand(channel, databaseName, "isMaster", query));
        }
        Document answer = super.handleCommand(channel, databaseName, command, query);
        if (WRITES.contains(command.toLowerCase())) {
            commit();
        }
        return answer;
    }

    /** The answer to {@code isMaster} in {@code hello}'s words: a standalone server is the writable primary. */
    private static Document hello(Document isMaster) {
        Document hello = new Document("isWritablePrimary", isMaster.getOrDefault("ismaster", true));
        isMaster.forEach((key, value) -> {
            if (!key.equalsIgnoreCase("ismaster")) {
                hello.put(key, value);
            }
        });
        return hello;
    }
}
