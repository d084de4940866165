package org.datacollab.infra;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;

import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

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
 * Write commands therefore run one at a time here, and their answers are copied inside the lock; each is answered
 * once a commit has stored it, and the writes that arrive during one commit are stored by the next, together (group
 * commit). Reads run concurrently.
 *
 * <p>It also answers {@code hello}, which mongo-java-server knows only by its legacy name {@code isMaster}:
 * Spring Boot's MongoDB health check sends {@code hello} to every database, and without an answer every
 * service's /actuator/health said DOWN on the local stack (and logged a stack trace per check).
 */
final class DurableH2Backend extends H2Backend {

    private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findandmodify",
            "createindexes", "dropindexes", "drop", "dropdatabase", "create", "renamecollection");

    private final ReentrantLock writes = new ReentrantLock();
    private final MVStore store;
    /** Every change made while the store's version was at most this one is on disk (guarded by {@link #commits}). */
    private long durableVersion = -1;
    private final Object commits = new Object();

    DurableH2Backend(String fileName) {
        this(MVStore.open(fileName));
    }

    private DurableH2Backend(MVStore store) {
        super(store);
        this.store = store;
    }

    /**
     * {@code {datacollabCensus: 1}} answers what this server spent its time on since it was last asked, and starts
     * counting again (the benchmark asks before and after its idle window): which queries a system makes of its store
     * while nothing happens, and what they cost here.
     */
    static final String CENSUS = "datacollabCensus";

    /** Commands answered since the last census, by command and collection: how many, and the time they took (ns). */
    private final Map<String, LongAdder[]> census = new ConcurrentHashMap<>();

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        long started = System.nanoTime();
        try {
            return answer(channel, databaseName, command, query);
        } finally {
            Object collection = command.equalsIgnoreCase(CENSUS) ? null : query.get(command);
            String key = command + " " + databaseName + (collection instanceof String name ? "." + name : "");
            LongAdder[] counted = census.computeIfAbsent(key, k -> new LongAdder[] {new LongAdder(), new LongAdder()});
            counted[0].increment();
            counted[1].add(System.nanoTime() - started);
        }
    }

    /**
     * What this server spent its time on since the last census, the most expensive first (at most {@code top} lines),
     * and starts a new one: which queries a running system makes of its store, and what they cost here.
     */
    String census(int top) {
        Map<String, long[]> taken = new ConcurrentHashMap<>();
        census.forEach((key, counted) -> taken.put(key, new long[] {counted[0].sumThenReset(), counted[1].sumThenReset()}));
        census.values().removeIf(counted -> counted[0].sum() == 0);
        long total = taken.values().stream().mapToLong(c -> c[1]).sum();
        return "%d commands, %d ms: ".formatted(taken.values().stream().mapToLong(c -> c[0]).sum(), total / 1_000_000)
                + taken.entrySet().stream().filter(e -> e.getValue()[0] > 0)
                .sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> e.getValue()[1]).reversed()).limit(top)
                .map(e -> "%s x%d %d ms".formatted(e.getKey(), e.getValue()[0], e.getValue()[1] / 1_000_000))
                .collect(Collectors.joining("; "));
    }

    private Document answer(Channel channel, String databaseName, String command, Document query) {
        if (command.equalsIgnoreCase(CENSUS)) {
            return new Document("census", census(12)).append("ok", 1.0);
        }
        if (command.equalsIgnoreCase("hello")) {
            return hello(super.handleCommand(channel, databaseName, "isMaster", query));
        }
        if (!WRITES.contains(command.toLowerCase())) {
            return super.handleCommand(channel, databaseName, command, query);
        }
        Document answer;
        long version;
        writes.lock();
        try {
            answer = super.handleCommand(channel, databaseName, command, query).cloneDeeply();
            // read after the change: the change belongs to this version or to an earlier one
            version = store.getCurrentVersion();
        } finally {
            writes.unlock();
        }
        awaitDurable(version);
        return answer;
    }

    /**
     * Group commit, as MongoDB's journal does: the write is answered once a commit has stored the version it was made
     * in. The commit runs outside the write lock, so that the writes arriving meanwhile are applied and then stored
     * together by the next commit, instead of each waiting for a commit of its own.
     */
    private void awaitDurable(long version) {
        synchronized (commits) {
            if (durableVersion >= version) {
                return; // a commit that began after this change stored it
            }
            // stores every change made so far and answers the version it opened: every change read as made in an
            // earlier one is on disk; -1 when nothing was unsaved (the background writer stored it: as before, when
            // each write committed on its own, nothing more is done for it, and the next write commits again)
            long opened = store.commit();
            if (opened > 0) {
                durableVersion = Math.max(durableVersion, opened - 1);
            }
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
