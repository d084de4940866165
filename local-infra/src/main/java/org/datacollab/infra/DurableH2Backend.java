package org.datacollab.infra;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;

import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * mongo-java-server's H2 backend, made to keep promises MongoDB keeps and it does not:
 * <ul>
 * <li>an acknowledged write survives the process being killed: the backend commits its MVStore about once a
 * second, so this one commits after every write command before answering (the write reaches the OS page
 * cache, not the platter);</li>
 * <li>a read-modify-write of one document is atomic: the backend applies {@code update} and
 * {@code findAndModify} to the stored document object in place, without a lock, and answers findAndModify with
 * that very object, so two concurrent {@code $inc}s of one counter could both answer the value after both
 * increments, and one value would never be handed out (the registry's position counter relies on it);</li>
 * <li>a unique index holds under concurrent inserts: the backend checks every index, then stores, then adds
 * the keys, so two concurrent inserts of one key could both be stored.</li>
 * </ul>
 * Write commands therefore run one at a time here, and their answers are copied inside the lock. Reads run
 * concurrently.
 *
 * <p>It also answers {@code hello}, which mongo-java-server knows only by its legacy name {@code isMaster}:
 * Spring Boot's MongoDB health check sends {@code hello} to every database, and without an answer every
 * service's /actuator/health said DOWN on the local stack (and logged a stack trace per check).
 */
final class DurableH2Backend extends H2Backend {

    private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findandmodify",
            "createindexes", "dropindexes", "drop", "dropdatabase", "create", "renamecollection");

    private final ReentrantLock writes = new ReentrantLock();

    DurableH2Backend(String fileName) {
        super(fileName);
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        if (command.equalsIgnoreCase("hello")) {
            return hello(super.handleCommand(channel, databaseName, "isMaster", query));
        }
        if (!WRITES.contains(command.toLowerCase())) {
            return super.handleCommand(channel, databaseName, command, query);
        }
        writes.lock();
        try {
            Document answer = super.handleCommand(channel, databaseName, command, query).cloneDeeply();
            commit();
            return answer;
        } finally {
            writes.unlock();
        }
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
