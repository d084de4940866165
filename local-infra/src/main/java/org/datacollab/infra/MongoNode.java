package org.datacollab.infra;

import de.bwaldvogel.mongo.MongoServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A MongoDB-wire-protocol server (mongo-java-server, H2 backend) as its own process, for local runs and
 * tests on machines without Docker. Data lives in one file under the given folder and survives restarts.
 * Usage: {@code MongoNode <port> <data-folder>}.
 */
public final class MongoNode {

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Path folder = Path.of(args[1]);
        Files.createDirectories(folder);
        DurableH2Backend backend = new DurableH2Backend(folder.resolve("mongo.mv").toString());
        MongoServer server = new MongoServer(backend);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdownNow();
            backend.close();
            stopped.countDown();
        }, "mongo-node-shutdown"));
        server.bind("127.0.0.1", port);
        System.out.println("MongoNode listening on 127.0.0.1:" + port + ", data in " + folder.toAbsolutePath());
        stopped.await();
    }

    private MongoNode() {
    }
}
