package org.datacollab.e2e;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

/** A webhook receiver on loopback that records what it receives; it can be told to fail for a while. */
final class WebhookReceiver implements AutoCloseable {

    record Received(Map<String, List<String>> headers, String body) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<String> arrivals = new CopyOnWriteArrayList<>();
    /** When each webhook-id arrived (wall clock, milliseconds), every time it did. */
    private final Map<String, List<Long>> arrivedAt = new ConcurrentHashMap<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile CountDownLatch hold;

    WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(Executors.newCachedThreadPool());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            arrivals.add(id);
            if (id != null) {
                arrivedAt.computeIfAbsent(id, i -> new CopyOnWriteArrayList<>()).add(System.currentTimeMillis());
            }
            CountDownLatch held = hold;
            if (held != null) {
                hold = null;
                try {
                    held.await(); // the request has arrived; its answer waits until the test releases it
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
                return;
            }
            int status = failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 503 : 204;
            if (status == 204) {
                received.add(new Received(Map.copyOf(exchange.getRequestHeaders()), new String(body, StandardCharsets.UTF_8)));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    /** The webhook-id of every request that arrived, answered or not. */
    List<String> arrivals() {
        return List.copyOf(arrivals);
    }

    /** When this webhook-id arrived (wall clock, milliseconds, in order), every time it did. */
    List<Long> arrivedAt(String id) {
        return List.copyOf(arrivedAt.getOrDefault(id, List.of()));
    }

    /** The next request arrives but gets no answer until the returned latch is counted down. */
    CountDownLatch holdNext() {
        CountDownLatch latch = new CountDownLatch(1);
        hold = latch;
        return latch;
    }

    void failNext(int times) {
        failuresLeft.set(times);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
