package org.datacollab.assessment;

import com.sun.net.httpserver.HttpServer;
import org.datacollab.contracts.facts.RecordedFact;
import org.datacollab.contracts.json.ContractJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The registry's facts endpoint over real HTTP, serving facts the test recorded, so that gap repair is
 * exercised over the network without starting the whole registry in this module.
 */
final class StubRegistry implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, List<RecordedFact>> facts = new ConcurrentHashMap<>();
    /** Requests that came without a valid internal token (the assessment must send one, as the registry requires). */
    final AtomicInteger unauthorized = new AtomicInteger();
    /** While set, every request is answered 503, as by a registry that is down. */
    volatile boolean unavailable;

    StubRegistry() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/partnerships/", exchange -> {
            if (unavailable) {
                exchange.sendResponseHeaders(503, -1);
                exchange.close();
                return;
            }
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization == null || !authorization.startsWith("Bearer ")
                    || AssessmentServiceTest.GATEWAY.tokens().verify(authorization.substring(7)).isEmpty()) {
                unauthorized.incrementAndGet();
                exchange.sendResponseHeaders(401, -1);
                exchange.close();
                return;
            }
            String ref = exchange.getRequestURI().getPath().split("/")[2];
            List<Map<String, Object>> items = new ArrayList<>();
            for (RecordedFact f : facts.getOrDefault(ref, List.of())) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("sequenceNumber", f.sequenceNumber());
                item.put("eventId", f.eventId());
                item.put("recordedAt", f.recordedAt().toString());
                item.put("fact", ContractJson.factToJson(f.fact()));
                items.add(item);
            }
            byte[] body = ContractJson.write(Map.of("items", items, "total", items.size()));
            exchange.getResponseHeaders().set("content-type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    void record(RecordedFact fact) {
        facts.computeIfAbsent(fact.ref(), r -> new ArrayList<>()).add(fact);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
