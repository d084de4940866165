package org.datacollab.e2e;

import com.standardwebhooks.Webhook;
import org.datacollab.client.assessment.api.AssessmentControllerApi;
import org.datacollab.client.assessment.api.PortfolioControllerApi;
import org.datacollab.client.assessment.model.ActiveSignal;
import org.datacollab.client.assessment.model.Assessment;
import org.datacollab.client.assessment.model.PortfolioItem;
import org.datacollab.client.assessment.model.RiskHistoryEntry;
import org.datacollab.client.gateway.api.ApiKeyControllerApi;
import org.datacollab.client.gateway.model.Issued;
import org.datacollab.client.gateway.model.KeyRequest;
import org.datacollab.client.notification.api.SubscriptionControllerApi;
import org.datacollab.client.notification.model.SubscriptionRequest;
import org.datacollab.client.notification.model.SubscriptionView;
import org.datacollab.client.notification.model.WebhookRequest;
import org.datacollab.client.registry.ApiException;
import org.datacollab.client.registry.api.PartnershipControllerApi;
import org.datacollab.client.registry.model.DataDelivered;
import org.datacollab.client.registry.model.Item;
import org.datacollab.client.registry.model.Organization;
import org.datacollab.client.registry.model.PartnerJoined;
import org.datacollab.client.registry.model.PartnershipFormed;
import org.datacollab.client.registry.model.PartnershipView;
import org.datacollab.client.registry.model.Recorded;
import org.datacollab.localstack.LocalStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import org.datacollab.client.registry.ApiClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The README's walk through the API, driven with the Java client that api-client generates from the committed API
 * descriptions (docs/openapi), through the gateway of the running stack, with the key the walk-through issues: an
 * administrator issues open-state a STEWARD and MONITOR key; with that key it subscribes a webhook, forms a
 * partnership, lets a partner join and records a delivery with no agreement (each fact through its own typed
 * operation), reads the facts (the registry's own PhaseChanged among them, each read back as its type), the
 * assessment (LOW, SHARING_WITHOUT_AGREEMENT), the risk history and its portfolio; the webhook hears RiskRaised,
 * signed; bad input is a 409 naming the rule, and nothing more is recorded.
 */
class ReadmeWalkThroughTest {

    static LocalStack stack;
    static URI gatewayAddress;

    @BeforeAll
    static void start() {
        stack = SharedStack.get();
        gatewayAddress = URI.create(stack.gatewayUrl());
    }

    @Test
    void theWalkThroughRunsWithTheGeneratedClientAndTheKeyItIssues() throws Exception {
        String ref = "city-mobility-" + UUID.randomUUID().toString().substring(0, 8);
        OffsetDateTime today = LocalDate.now(ZoneOffset.UTC).atStartOfDay().atOffset(ZoneOffset.UTC);

        // A first API key: the administrator issues one to open-state; it is shown once
        Issued issued = new ApiKeyControllerApi(gateway(stack.adminKey())).issueApiKey(new KeyRequest()
                .organization("open-state").roles(List.of("STEWARD", "MONITOR")).jurisdictions(List.of("NL-Amsterdam")).name("ops"));
        String key = issued.getKey();
        assertThat(key).startsWith("dck_");
        assertThat(issued.getOrganization()).isEqualTo("open-state");

        String secret = "whsec_" + Base64.getEncoder().encodeToString(SecureRandom.getSeed(32));
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            // Subscribe to the partnership's risk changes with a webhook
            SubscriptionView subscription = new SubscriptionControllerApi(notifications(key)).subscribe(new SubscriptionRequest()
                    .organization("open-state").contact("alerts@example.org").partnerships(List.of(ref))
                    .minimumLevel(SubscriptionRequest.MinimumLevelEnum.LOW)
                    .webhook(new WebhookRequest().url(receiver.url()).secret(secret)));
            assertThat(subscription.getId()).isNotBlank();

            // Form a partnership, let a partner join, and record a delivery of data with no agreement signed
            PartnershipControllerApi partnerships = new PartnershipControllerApi(registry(key));
            PartnershipView formed = partnerships.formPartnership(new PartnershipFormed().ref(ref).name("City mobility data")
                    .model(PartnershipFormed.ModelEnum.SOCIAL_ISSUE).timeframe(PartnershipFormed.TimeframeEnum.FINITE)
                    .societalIssue("Congestion").intendedGoal("Better traffic plans").jurisdiction("NL-Amsterdam").occurredAt(today));
            assertThat(formed.getRef()).isEqualTo(ref);
            partnerships.recordPartnerJoined(ref, new PartnerJoined().occurredAt(today)
                    .organization(new Organization().ref("telco").name("Telco").sector(Organization.SectorEnum.PRIVATE))
                    .roles(List.of(PartnerJoined.RolesEnum.LEAD, PartnerJoined.RolesEnum.DATA_PROVIDER)), null);
            Recorded delivered = partnerships.recordDataDelivered(ref, new DataDelivered().occurredAt(today)
                    .provider("telco").dataset("Floating car data"), null);
            assertThat(delivered.getFact().getActualInstance()).isInstanceOfSatisfying(DataDelivered.class,
                    fact -> assertThat(fact.getDataset()).isEqualTo("Floating car data"));

            // The registry moved the partnership to OPERATING itself: its facts show the PhaseChanged
            List<Item> facts = partnerships.listFacts(ref, null, "occurredAt", 0, 50).getItems();
            assertThat(facts).extracting(item -> item.getFact().getActualInstance().getClass().getSimpleName())
                    .contains("PartnershipFormed", "PartnerJoined", "PhaseChanged", "DataDelivered");
            assertThat(facts).allSatisfy(item -> assertThat(item.getRecordedBy()).isEqualTo("open-state"));

            // The assessment raised SHARING_WITHOUT_AGREEMENT (level LOW)
            AssessmentControllerApi assessments = new AssessmentControllerApi(assessment(key));
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                Assessment assessment = assessments.assessment(ref, null);
                assertThat(assessment.getLevel()).isEqualTo(Assessment.LevelEnum.LOW);
                assertThat(assessment.getSignals()).extracting(ActiveSignal::getName).contains("SHARING_WITHOUT_AGREEMENT");
            });
            assertThat(assessments.riskHistory(ref, null)).extracting(RiskHistoryEntry::getLevel)
                    .contains(RiskHistoryEntry.LevelEnum.LOW);
            assertThat(new PortfolioControllerApi(assessment(key)).myPortfolio().getPartnerships())
                    .extracting(PortfolioItem::getRef).contains(ref);

            // ... and published RiskRaised, which the notification service delivers to the webhook, signed
            await().atMost(Duration.ofSeconds(90)).until(() -> receiver.received().stream()
                    .anyMatch(r -> r.body().contains(ref) && r.body().contains("RiskRaised")));
            WebhookReceiver.Received alert = receiver.received().stream().filter(r -> r.body().contains(ref)).findFirst().orElseThrow();
            new Webhook(secret).verify(alert.body(), alert.headers());

            // Bad input is answered with problem+json naming the rule, and nothing is recorded
            assertThatThrownBy(() -> partnerships.recordDataDelivered(ref, new DataDelivered().occurredAt(today)
                    .provider("nobody").dataset("x"), null))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.getCode()).isEqualTo(409);
                        assertThat(e.getResponseBody()).contains("delivery-needs-provider");
                    });
            assertThat(partnerships.listFacts(ref, null, null, 0, 50).getTotal()).isEqualTo(facts.size());
        }
    }

    /**
     * Each service's generated client, pointed at the gateway: scheme, host and port are the stack's, the path prefix
     * is the document's server (/api/registry, /api/assessment, /api/notifications, / for the gateway's own).
     */
    static ApiClient registry(String key) {
        return new ApiClient().setScheme("http").setHost(gatewayAddress.getHost())
                .setPort(gatewayAddress.getPort()).setRequestInterceptor(bearer(key));
    }

    static org.datacollab.client.assessment.ApiClient assessment(String key) {
        return new org.datacollab.client.assessment.ApiClient().setScheme("http").setHost(gatewayAddress.getHost())
                .setPort(gatewayAddress.getPort()).setRequestInterceptor(bearer(key));
    }

    static org.datacollab.client.notification.ApiClient notifications(String key) {
        return new org.datacollab.client.notification.ApiClient().setScheme("http").setHost(gatewayAddress.getHost())
                .setPort(gatewayAddress.getPort()).setRequestInterceptor(bearer(key));
    }

    static org.datacollab.client.gateway.ApiClient gateway(String key) {
        return new org.datacollab.client.gateway.ApiClient().setScheme("http").setHost(gatewayAddress.getHost())
                .setPort(gatewayAddress.getPort()).setRequestInterceptor(bearer(key));
    }

    /** The bearer security scheme of the documents: an API key in Authorization. */
    static Consumer<HttpRequest.Builder> bearer(String key) {
        return request -> request.header("Authorization", "Bearer " + key);
    }
}
