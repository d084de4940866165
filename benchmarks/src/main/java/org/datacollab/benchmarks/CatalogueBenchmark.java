package org.datacollab.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.datacollab.catalogue.CatalogueEntries;
import org.datacollab.catalogue.CatalogueEntry;
import org.datacollab.catalogue.CatalogueExport;
import org.datacollab.catalogue.CatalogueFile;
import org.datacollab.catalogue.CatalogueIndex;
import org.datacollab.catalogue.CatalogueQuery;
import org.datacollab.catalogue.ImportRows;
import org.datacollab.catalogue.RowPlan;
import org.datacollab.catalogue.RowPlanner;
import org.datacollab.catalogue.Sheet;
import org.datacollab.contracts.facts.PartnershipFact;
import org.datacollab.contracts.json.ContractJson;
import org.datacollab.contracts.vocabulary.RiskLevel;
import org.datacollab.localstack.LocalStack;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The catalogue through the gateway with an ordinary STEWARD key: a 10,000-row GovLab CSV imported (rows/s) against
 * the same rows inserted raw into the same MongoDB server (one insertOne each); then over those 10,000 entries,
 * faceted searches (p50, p99) and the export of all of them as CSV, each against the same work done on an
 * in-process CatalogueIndex of the same entries (no HTTP, no gateway, no service). Not a test: nothing is asserted.
 */
final class CatalogueBenchmark {

    /** 10,000 rows unless BENCH_CATALOGUE_ROWS says otherwise (a quick look on a busy machine). */
    static final int ROWS = Integer.parseInt(System.getenv().getOrDefault("BENCH_CATALOGUE_ROWS", "10000"));
    static final int SEARCHES = 400;
    static final int EXPORTS = 10;

    private CatalogueBenchmark() {
    }

    static void run(LocalStack stack) throws Exception {
        System.out.println("\n== Catalogue ==");
        String key = stewardKey(stack);
        String csv = CatalogueFiles.govLab(ROWS, new Random(15));
        String day = LocalDate.now().minusDays(1).toString();

        long started = System.nanoTime();
        HttpResponse<String> imported = send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/api/catalogue/import?cataloguedOn=" + day))
                .header("Authorization", "Bearer " + key).header("Content-Type", "text/csv").timeout(Duration.ofMinutes(60))
                .POST(HttpRequest.BodyPublishers.ofString(csv)).build());
        double importSeconds = (System.nanoTime() - started) / 1e9;
        JsonNode answer = ContractJson.mapper().readTree(imported.body());
        System.out.printf("import: status %d, %d created, %d errors, %.1f s, %d bytes%n", imported.statusCode(),
                answer.path("created").asInt(), answer.path("errors").asInt(), importSeconds, csv.length());
        double rawRows = rawInserts(stack, csv);

        List<CatalogueEntry> entries = entries(csv, day);
        CatalogueIndex index = new CatalogueIndex();
        entries.forEach(index::put);
        awaitCatalogue(stack, key, ROWS);

        Random random = new Random(19);
        List<String> queries = new ArrayList<>();
        for (int i = 0; i < SEARCHES; i++) {
            queries.add(CatalogueFiles.query(random));
        }
        Stats gatewaySearch = new Stats();
        Stats rawSearch = new Stats();
        for (String query : queries) {
            long t = System.nanoTime();
            HttpResponse<String> response = get(stack.gatewayUrl() + "/api/catalogue?" + query, key);
            gatewaySearch.add((System.nanoTime() - t) / 1e6);
            if (response.statusCode() != 200) {
                System.out.println("search " + query + " answered " + response.statusCode() + ": " + response.body());
            }
            t = System.nanoTime();
            index.search(CatalogueFiles.parse(query), e -> true, 0, 20);
            rawSearch.add((System.nanoTime() - t) / 1e6);
        }
        Stats gatewayExport = new Stats();
        Stats rawExport = new Stats();
        int exportedBytes = 0;
        for (int i = 0; i < EXPORTS; i++) {
            long t = System.nanoTime();
            exportedBytes = get(stack.gatewayUrl() + "/api/catalogue/export?format=csv", key).body().length();
            gatewayExport.add((System.nanoTime() - t) / 1e6);
            t = System.nanoTime();
            CatalogueExport.csv(index.select(CatalogueQuery.all(), e -> true));
            rawExport.add((System.nanoTime() - t) / 1e6);
        }
        System.out.printf("%-52s %12s %14s %8s%n", "", "via gateway", "raw baseline", "ratio");
        System.out.printf("%-52s %12.0f %14.0f %8.3f%n", "import, rows/s (raw: insertOne per row, same server)",
                ROWS / importSeconds, rawRows, ROWS / importSeconds / rawRows);
        print("faceted search p50, ms (raw: in-process index)", gatewaySearch.percentile(50), rawSearch.percentile(50));
        print("faceted search p99, ms", gatewaySearch.percentile(99), rawSearch.percentile(99));
        print("export of all " + ROWS + " entries (CSV) p50, ms", gatewayExport.percentile(50), rawExport.percentile(50));
        print("export of all entries (CSV) max, ms", gatewayExport.percentile(100), rawExport.percentile(100));
        System.out.printf("(%d searches, %d exports of %d bytes; an ordinary STEWARD key, so the gateway looks it up as for any key)%n",
                gatewaySearch.count(), gatewayExport.count(), exportedBytes);
    }

    private static void print(String what, double gateway, double raw) {
        System.out.printf("%-52s %12.1f %14.2f %8.1f%n", what, gateway, raw, gateway / raw);
    }

    /** An ordinary key (hashed and looked up like any), issued with the bootstrap ADMIN key. */
    static String stewardKey(LocalStack stack) throws Exception {
        HttpResponse<String> issued = send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/admin/api-keys"))
                .header("Authorization", "Bearer " + stack.adminKey()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"organization\":\"bench-ngo\",\"roles\":[\"STEWARD\"],\"name\":\"bench\"}"))
                .build());
        return ContractJson.mapper().readTree(issued.body()).path("key").asText();
    }

    /** The catalogue entries the import creates, folded in-process from the rows' planned facts (the raw index's content). */
    static List<CatalogueEntry> entries(String csv, String day) {
        Sheet sheet = CatalogueFile.csv(csv.getBytes(StandardCharsets.UTF_8));
        List<CatalogueEntry> entries = new ArrayList<>();
        for (ImportRows.Step step : ImportRows.of(sheet)) {
            if (step.target() != null && RowPlanner.create(step.target().row(), step.target().ref(), step.target().title(),
                    LocalDate.parse(day), false) instanceof RowPlan.Create c) {
                List<PartnershipFact> facts = new ArrayList<>(List.of(c.formed()));
                facts.addAll(c.facts());
                entries.add(CatalogueEntries.of(facts, "bench-ngo", RiskLevel.NONE, LocalDate.now()));
            }
        }
        return entries;
    }

    /** The same rows, each inserted with mongodb-driver-sync into the same server: the write an import cannot beat. */
    static double rawInserts(LocalStack stack, String csv) {
        List<String> lines = csv.lines().skip(1).toList();
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + stack.ports().mongo())) {
            MongoCollection<Document> collection = client.getDatabase("bench").getCollection("raw-catalogue");
            long started = System.nanoTime();
            for (int i = 0; i < lines.size(); i++) {
                collection.insertOne(new Document("_id", i).append("row", lines.get(i)));
            }
            return lines.size() / ((System.nanoTime() - started) / 1e9);
        }
    }

    static void awaitCatalogue(LocalStack stack, String key, int total) throws Exception {
        long deadline = System.currentTimeMillis() + 1_800_000;
        while (System.currentTimeMillis() < deadline) {
            JsonNode answer = ContractJson.mapper().readTree(get(stack.gatewayUrl() + "/api/catalogue?size=1", key).body());
            if (answer.path("total").asInt() >= total) {
                return;
            }
            Thread.sleep(2000);
        }
        System.out.println("the catalogue did not reach " + total + " entries in 30 minutes");
    }

    static HttpResponse<String> get(String url, String key) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + key).timeout(Duration.ofMinutes(5)).build());
    }

    static HttpResponse<String> send(HttpRequest request) throws Exception {
        return Benchmarks.HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

}
