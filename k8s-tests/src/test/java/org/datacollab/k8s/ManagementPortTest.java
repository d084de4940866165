package org.datacollab.k8s;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import org.datacollab.testsupport.machine.Capability;
import org.datacollab.testsupport.machine.Requires;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.datacollab.k8s.ManifestsTest.of;
import static org.datacollab.k8s.ManifestsTest.render;

/**
 * The actuator is off the public path in the rendered manifests: each container's probes and metrics use its
 * management port; no Service (so no Ingress) exposes that port; and the only NetworkPolicy rule that admits
 * traffic to it comes from the monitoring namespace.
 */
// every check reads the manifests as kubectl kustomize renders them: a machine without kubectl skips them, listed
@Requires(Capability.KUBECTL)
class ManagementPortTest {

    @ParameterizedTest
    @ValueSource(strings = {"overlays/local", "overlays/production"})
    void probesAndMetricsUseTheManagementPortWhichNoServiceExposes(String overlay) throws Exception {
        List<HasMetadata> resources = render(overlay);
        for (Deployment deployment : of(resources, Deployment.class)) {
            String name = deployment.getMetadata().getName();
            Container container = deployment.getSpec().getTemplate().getSpec().getContainers().getFirst();
            ContainerPort management = container.getPorts().stream().filter(p -> "management".equals(p.getName())).findFirst().orElseThrow();
            assertThat(container.getPorts()).extracting(ContainerPort::getName).containsExactlyInAnyOrder("http", "management");
            for (var probe : List.of(container.getStartupProbe(), container.getLivenessProbe(), container.getReadinessProbe())) {
                assertThat(probe.getHttpGet().getPort()).as(name).isEqualTo(new IntOrString("management"));
            }
            Map<String, String> annotations = deployment.getSpec().getTemplate().getMetadata().getAnnotations();
            assertThat(annotations).as(name).containsEntry("prometheus.io/port", String.valueOf(management.getContainerPort()));
            // the application reads its management port from this variable (management.server.port)
            String variable = (name.equals("gateway") ? "GATEWAY" : name.replace("-service", "").toUpperCase()) + "_MANAGEMENT_PORT";
            assertThat(ManifestsTest.env(container).get(variable).getValue()).as(name).isEqualTo(String.valueOf(management.getContainerPort()));
        }
        for (Service service : of(resources, Service.class)) {
            if (!"datacollab".equals(service.getMetadata().getLabels() == null ? null : service.getMetadata().getLabels().get("app.kubernetes.io/part-of"))) {
                continue;
            }
            assertThat(service.getSpec().getPorts()).as(service.getMetadata().getName())
                    .allSatisfy(port -> assertThat(port.getTargetPort()).isEqualTo(new IntOrString("http")));
        }
    }

    @Test
    void theIngressReachesOnlyTheGatewaysApiPort() throws Exception {
        List<HasMetadata> resources = render("overlays/production");
        Service gateway = of(resources, Service.class).stream().filter(s -> s.getMetadata().getName().equals("gateway")).findFirst().orElseThrow();
        for (Ingress ingress : of(resources, Ingress.class)) {
            ingress.getSpec().getRules().forEach(rule -> rule.getHttp().getPaths().forEach(path -> {
                assertThat(path.getBackend().getService().getName()).isEqualTo("gateway");
                int port = path.getBackend().getService().getPort().getNumber();
                assertThat(gateway.getSpec().getPorts()).filteredOn(p -> p.getPort() == port)
                        .singleElement().satisfies(p -> assertThat(p.getTargetPort()).isEqualTo(new IntOrString("http")));
            }));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/local", "overlays/production"})
    void onlyTheMonitoringNamespaceIsAdmittedToTheManagementPort(String overlay) throws Exception {
        List<NetworkPolicy> policies = of(render(overlay), NetworkPolicy.class);
        int admitting = 0;
        for (NetworkPolicy policy : policies) {
            Map<String, String> selected = policy.getSpec().getPodSelector().getMatchLabels();
            boolean ours = selected != null && (selected.containsKey("datacollab.org/tier") || "datacollab".equals(selected.get("app.kubernetes.io/part-of"))
                    || "gateway".equals(selected.get("app.kubernetes.io/name")));
            if (!ours || policy.getSpec().getIngress() == null) {
                continue;
            }
            for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
                String name = policy.getMetadata().getName();
                // a rule without ports admits every port, the management port among them
                assertThat(rule.getPorts()).as(name + ": a rule names its ports").isNotEmpty();
                boolean management = rule.getPorts().stream().map(NetworkPolicyPort::getPort).anyMatch(new IntOrString("management")::equals);
                if (management) {
                    admitting++;
                    assertThat(rule.getFrom()).as(name).isNotEmpty().allSatisfy(ManagementPortTest::isMonitoringNamespace);
                }
            }
        }
        assertThat(admitting).as("a rule admits Prometheus to the management port").isPositive();
    }

    private static void isMonitoringNamespace(NetworkPolicyPeer peer) {
        assertThat(peer.getPodSelector()).isNull();
        assertThat(peer.getIpBlock()).isNull();
        assertThat(peer.getNamespaceSelector().getMatchLabels()).containsExactly(Map.entry("kubernetes.io/metadata.name", "monitoring"));
    }
}
