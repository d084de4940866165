package org.datacollab.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import org.datacollab.contracts.json.ContractJson;
import org.datacollab.localstack.LocalStack;
import org.datacollab.testsupport.machine.Capability;
import org.datacollab.testsupport.machine.Requires;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The processors page (decision 0022) in headless Chromium, with data in place: partnerships formed and facts
 * recorded through the gateway move the registry's publication to a real position; the page lists every processor,
 * consumer and queue each service's {@code /admin/processors} lists, with the same position, head and lag, follows
 * the publication as it moves, and shows nothing but the refusal to a key that is not an administrator's.
 * Screenshot in target/screenshots. Needs a Chromium (see DashboardEndToEndTest).
 */
@Requires(Capability.CHROMIUM)
class ProcessorsDashboardEndToEndTest {

    static LocalStack stack;
    static Playwright playwright;
    static Browser browser;
    static final Path SCREENSHOTS = Path.of("target/screenshots");
    static final List<String> SERVICES = List.of("registry", "assessment", "notifications");

    @BeforeAll
    static void start() throws Exception {
        stack = SharedStack.get();
        RiskReachesWebhookEndToEndTest.stack = stack;
        Files.createDirectories(SCREENSHOTS);
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setHeadless(true)
                .setExecutablePath(Capability.chromium().orElseThrow()).setArgs(List.of("--no-sandbox", "--disable-gpu")));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    @Test
    void anAdministratorSeesEveryServicesProcessorsAsTheApiListsThemAndFollowsThePublication() throws Exception {
        String ref = "proc-" + UUID.randomUUID().toString().substring(0, 6);
        form(ref);
        await().atMost(Duration.ofSeconds(60)).until(() -> publication().path("lag").asLong(-1) == 0);
        long before = publication().get("position").asLong();
        assertThat(before).isPositive();

        Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(1600, 1000));
        page.navigate(stack.gatewayUrl() + "/dashboard/processors.html");
        page.fill("#key", stack.adminKey());
        page.click("#use-key");
        page.waitForSelector("section[data-service='notifications'] tr[data-processor]");

        // every processor each service lists is on the page, with the API's figures (read again until they hold still)
        for (String service : SERVICES) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                JsonNode listed = processors(service);
                List<String> names = new ArrayList<>();
                listed.forEach(p -> names.add(p.get("name").asText()));
                assertThat(names).isNotEmpty();
                assertThat(shown(page, service, "data-processor")).containsExactlyElementsOf(names);
                for (JsonNode p : listed) {
                    String cell = "section[data-service='" + service + "'] tr[data-processor='" + p.get("name").asText() + "'] ";
                    assertThat(page.textContent(cell + ".position")).isEqualTo(figure(p.path("position")));
                    assertThat(page.textContent(cell + ".head")).isEqualTo(figure(p.path("head")));
                    assertThat(page.textContent(cell + ".lag")).isEqualTo(figure(p.path("lag")));
                    assertThat(page.textContent(cell + ".set-aside")).isEqualTo(figure(p.path("deadLetters")));
                }
            });
        }
        assertThat(page.textContent("section[data-service='notifications'] tr[data-processor='notification']"))
                .contains("refused: never replayed");
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("processors.png")).setFullPage(true));

        // facts recorded now: the page follows the publication past them without a reload
        for (int i = 0; i < 3; i++) {
            assertThat(RiskReachesWebhookEndToEndTest.post("/api/registry/partnerships/" + ref + "/facts", """
                    {"fact":"DriverObserved","occurredAt":"%s","driver":"SOCIETAL_PRESSURE","note":"processors page %d"}"""
                    .formatted(LocalDate.now(ZoneOffset.UTC), i)).statusCode()).isEqualTo(201);
        }
        String publication = "section[data-service='registry'] tr[data-processor='kafka-publication'] .position";
        await().atMost(Duration.ofSeconds(60)).until(() -> Long.parseLong(page.textContent(publication).replace(",", "")) >= before + 3);
        assertThat(page.textContent("#error")).isEmpty();
    }

    @Test
    void aKeyThatIsNotAnAdministratorsSeesTheRefusalAndNoProcessors() throws Exception {
        String key = new MatrixKey(stack).issue("proc-" + UUID.randomUUID().toString().substring(0, 6), "STEWARD");
        Page page = browser.newPage();
        page.navigate(stack.gatewayUrl() + "/dashboard/processors.html"); // a page of its own: no key stored yet
        page.fill("#key", key);
        page.click("#use-key");
        page.waitForSelector("body[data-refreshes]");
        for (String service : SERVICES) {
            assertThat(page.textContent("section[data-service='" + service + "'] .service-error")).startsWith("Needs an ADMIN key (403");
            assertThat(shown(page, service, "data-processor")).isEmpty();
        }
    }

    private static void form(String ref) throws Exception {
        assertThat(RiskReachesWebhookEndToEndTest.post("/api/registry/partnerships", """
                {"ref":"%s","name":"Processors page","model":"SOCIAL_ISSUE","timeframe":"FINITE",
                 "societalIssue":"s","intendedGoal":"g","jurisdiction":"NL-Amsterdam","occurredAt":"%s"}"""
                .formatted(ref, LocalDate.now(ZoneOffset.UTC))).statusCode()).isEqualTo(201);
    }

    private static JsonNode processors(String service) throws Exception {
        return DashboardEndToEndTest.json("/api/" + service + "/admin/processors");
    }

    private static JsonNode publication() throws Exception {
        for (JsonNode p : processors("registry")) {
            if (p.get("name").asText().equals("kafka-publication")) {
                return p;
            }
        }
        throw new AssertionError("the registry lists no kafka-publication");
    }

    /** As the page writes a figure: thousands separated, a dash where the API has none. */
    private static String figure(JsonNode value) {
        return value.isMissingNode() || value.isNull() ? "–" : String.format(Locale.ROOT, "%,d", value.asLong());
    }

    private static List<String> shown(Page page, String service, String attribute) {
        List<String> values = new ArrayList<>();
        for (Object value : (List<?>) page.evaluate("([s, a]) => [...document.querySelectorAll(`section[data-service='${s}'] tbody tr`)].map(tr => tr.getAttribute(a))",
                List.of(service, attribute))) {
            values.add(String.valueOf(value));
        }
        return values;
    }

    /** Issues a key of one role for an organization of its own, with the stack's ADMIN key. */
    private record MatrixKey(LocalStack stack) {
        String issue(String organization, String role) {
            GatewayCalls.Answer issued = new GatewayCalls(stack.gatewayUrl()).post("/admin/api-keys", stack.adminKey(), """
                    {"organization":"%s","roles":["%s"],"jurisdictions":["NL-Amsterdam"],"name":"processors page"}""".formatted(organization, role));
            assertThat(issued.status()).as(issued.body()).isEqualTo(201);
            try {
                return ContractJson.mapper().readTree(issued.body()).get("key").asText();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
