package org.datacollab.k8s;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.datacollab.testsupport.machine.Capability;
import org.datacollab.testsupport.machine.Requires;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import java.util.LinkedHashMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The manifests in k8s/, as kubectl kustomize renders each overlay, parsed into fabric8's typed model (a field
 * the model does not know fails the test): every container has probes, requests and limits and runs as
 * non-root; every environment variable a service's application.yml reads is set; images are the ones the
 * build names; secrets are referenced, never inlined; production runs Kafka (KRaft, Strimzi) and MongoDB
 * replicated. There is no Kubernetes cluster here: this is what stands in for applying them. Rendering needs
 * kubectl: a machine without it skips those tests.
 */
@SuppressWarnings("unchecked")
class ManifestsTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final List<String> SERVICES = List.of("registry-service", "assessment-service", "notification-service", "gateway");
    /** Modules whose code the services run, and whose metrics they register. */
    static final List<String> SHARED = List.of("dead-letters");
    static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    static List<HasMetadata> render(String overlay) throws Exception {
        Process kubectl = new ProcessBuilder("kubectl", "kustomize", ROOT.resolve("k8s").resolve(overlay).toString())
                .redirectErrorStream(true).start();
        String yaml = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(kubectl.waitFor()).as("kubectl kustomize " + overlay + ": " + yaml).isZero();
        List<HasMetadata> resources = new ArrayList<>();
        for (String document : yaml.split("(?m)^---\\s*$")) {
            if (!document.isBlank()) {
                resources.add(SERIALIZATION.unmarshal(document, HasMetadata.class));
            }
        }
        return resources;
    }

    static <T> List<T> of(List<HasMetadata> resources, Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    static GenericKubernetesResource custom(List<HasMetadata> resources, String kind, String name) {
        return of(resources, GenericKubernetesResource.class).stream()
                .filter(r -> r.getKind().equals(kind) && r.getMetadata().getName().equals(name)).findFirst().orElseThrow();
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/local", "overlays/production"})
    @Requires(Capability.KUBECTL)
    void everyManifestIsATypedObjectWithNoUnknownField(String overlay) throws Exception {
        List<HasMetadata> resources = render(overlay);
        assertThat(resources).hasSizeGreaterThan(20);
        for (HasMetadata resource : resources) {
            if (resource instanceof GenericKubernetesResource custom) {
                // the operators' own kinds: fabric8 has no model for them; their apiVersions are checked
                assertThat(custom.getApiVersion()).as(custom.getKind())
                        .isIn("kafka.strimzi.io/v1beta2", "mongodbcommunity.mongodb.com/v1");
                continue;
            }
            assertThat(unknownFields(resource)).as(resource.getKind() + " " + resource.getMetadata().getName()).isEmpty();
        }
        assertThat(resources).noneMatch(r -> r.getKind().equals("Secret"));
    }

    /** Paths of fields the typed model did not know (fabric8 keeps them aside as "additional properties"). */
    static List<String> unknownFields(Object root) throws Exception {
        List<String> unknown = new ArrayList<>();
        walk(root, root.getClass().getSimpleName(), unknown, new IdentityHashMap<>());
        return unknown;
    }

    private static void walk(Object node, String path, List<String> unknown, Map<Object, Boolean> seen) throws Exception {
        if (node == null || seen.put(node, true) != null) {
            return;
        }
        if (node instanceof Collection<?> collection) {
            int i = 0;
            for (Object item : collection) {
                walk(item, path + "[" + i++ + "]", unknown, seen);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                walk(entry.getValue(), path + "." + entry.getKey(), unknown, seen);
            }
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get") || getter.getName().equals("getClass")) {
                continue;
            }
            Object value = getter.invoke(node);
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    unknown.add(path + " " + extra.keySet());
                }
                continue;
            }
            if (node instanceof Quantity) {
                continue;
            }
            walk(value, path + "." + getter.getName().substring(3), unknown, seen);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/local", "overlays/production"})
    @Requires(Capability.KUBECTL)
    void everyContainerHasProbesLimitsAndRunsAsNonRoot(String overlay) throws Exception {
        List<Deployment> deployments = of(render(overlay), Deployment.class);
        assertThat(deployments).extracting(d -> d.getMetadata().getName()).containsExactlyInAnyOrderElementsOf(SERVICES);
        for (Deployment deployment : deployments) {
            var pod = deployment.getSpec().getTemplate().getSpec();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
            assertThat(pod.getSecurityContext().getRunAsUser()).isPositive();
            for (Container container : pod.getContainers()) {
                String name = deployment.getMetadata().getName();
                assertThat(container.getLivenessProbe()).as(name).isNotNull();
                assertThat(container.getReadinessProbe()).as(name).isNotNull();
                assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/readiness");
                assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
                assertThat(container.getResources().getLimits()).as(name).containsKeys("cpu", "memory");
                assertThat(container.getResources().getRequests()).as(name).containsKeys("cpu", "memory");
                assertThat(container.getSecurityContext().getRunAsNonRoot()).isTrue();
                assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
                // the JVM sizes its heap from the container's memory limit
                assertThat(env(container).get("JAVA_TOOL_OPTIONS").getValue()).contains("MaxRAMPercentage");
                // and its native memory from two malloc arenas, not eight per core (issue 18's resident memory)
                assertThat(env(container).get("MALLOC_ARENA_MAX").getValue()).as(name).isEqualTo("2");
            }
        }
    }

    static Map<String, EnvVar> env(Container container) {
        Map<String, EnvVar> byName = new LinkedHashMap<>();
        container.getEnv().forEach(e -> byName.put(e.getName(), e));
        return byName;
    }

    /** The environment variables a service reads: every ${NAME...} placeholder of its application.yml. */
    static Set<String> variablesRead(String service) throws IOException {
        String yaml = Files.readString(ROOT.resolve(service).resolve("src/main/resources/application.yml"));
        Matcher m = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]").matcher(yaml);
        Set<String> names = new TreeSet<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/local", "overlays/production"})
    @Requires(Capability.KUBECTL)
    void everyVariableAServiceReadsIsSetAndSecretsAreReferenced(String overlay) throws Exception {
        List<HasMetadata> resources = render(overlay);
        for (Deployment deployment : of(resources, Deployment.class)) {
            String service = deployment.getMetadata().getName();
            Map<String, EnvVar> env = env(deployment.getSpec().getTemplate().getSpec().getContainers().getFirst());
            assertThat(variablesRead(service)).as(service).isNotEmpty();
            assertThat(env.keySet()).as(service + " sets what its application.yml reads").containsAll(variablesRead(service));
            for (String secret : List.of("INTERNAL_TOKEN_SECRET", "MONGODB_URI")) {
                assertThat(env.get(secret).getValueFrom().getSecretKeyRef().getName()).as(service + " " + secret).isEqualTo("datacollab-secrets");
                assertThat(env.get(secret).getValue()).isNull();
            }
        }
    }

    @Test
    @Requires(Capability.KUBECTL)
    void imagesAreTheOnesTheBuildNames() throws Exception {
        String rootPom = Files.readString(ROOT.resolve("pom.xml"));
        Matcher registry = Pattern.compile("<image.registry>([^<]+)</image.registry>").matcher(rootPom);
        assertThat(registry.find()).as("the root pom names the image registry").isTrue();
        assertThat(rootPom).contains("<image>${image.registry}/${project.artifactId}:${project.version}</image>");
        for (String overlay : List.of("overlays/local", "overlays/production")) {
            for (Deployment deployment : of(render(overlay), Deployment.class)) {
                String name = deployment.getMetadata().getName();
                String image = deployment.getSpec().getTemplate().getSpec().getContainers().getFirst().getImage();
                assertThat(image).startsWith(registry.group(1) + "/" + name + ":");
                assertThat(Files.exists(ROOT.resolve(name).resolve("pom.xml"))).as("a module builds " + name).isTrue();
            }
        }
    }

    @Test
    @Requires(Capability.KUBECTL)
    void productionRunsKafkaAndMongoDbReplicatedAndScalesAndGuardsTheRest() throws Exception {
        List<HasMetadata> resources = render("overlays/production");
        GenericKubernetesResource kafka = custom(resources, "Kafka", "datacollab");
        assertThat(kafka.getMetadata().getAnnotations()).containsEntry("strimzi.io/kraft", "enabled").containsEntry("strimzi.io/node-pools", "enabled");
        GenericKubernetesResource pool = custom(resources, "KafkaNodePool", "dual-role");
        assertThat((Integer) pool.get("spec", "replicas")).isEqualTo(3);
        assertThat((List<Object>) pool.get("spec", "roles")).containsExactlyInAnyOrder("controller", "broker");
        for (String topic : List.of("partnership-events", "sustainability-risks", "risk-alerts-dead-letter",
                "assessment-dead-letters", "notification-dead-letters", "registry-dead-letters")) {
            GenericKubernetesResource t = custom(resources, "KafkaTopic", topic);
            assertThat((Integer) t.get("spec", "replicas")).as(topic).isEqualTo(3);
            assertThat(((Number) t.get("spec", "config", "min.insync.replicas")).intValue()).as(topic).isEqualTo(2);
            assertThat((Integer) t.get("spec", "partitions")).as(topic).isPositive();
        }
        GenericKubernetesResource mongo = custom(resources, "MongoDBCommunity", "datacollab-mongodb");
        assertThat((Integer) mongo.get("spec", "members")).isEqualTo(3);
        assertThat((String) mongo.get("spec", "type")).isEqualTo("ReplicaSet");

        assertThat(of(resources, HorizontalPodAutoscaler.class)).extracting(h -> h.getSpec().getScaleTargetRef().getName())
                .containsExactlyInAnyOrder("assessment-service", "notification-service");
        assertThat(of(resources, PodDisruptionBudget.class)).extracting(p -> p.getMetadata().getName()).containsAll(SERVICES);

        List<NetworkPolicy> policies = of(resources, NetworkPolicy.class);
        NetworkPolicy deny = policies.stream().filter(p -> p.getMetadata().getName().equals("default-deny-ingress")).findFirst().orElseThrow();
        assertThat(deny.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
        assertThat(deny.getSpec().getIngress()).isNullOrEmpty();
        // only the gateway accepts traffic from anywhere (an ingress rule without "from")
        Set<String> open = new LinkedHashSet<>();
        for (NetworkPolicy policy : policies) {
            if (policy.getSpec().getIngress() != null && policy.getSpec().getIngress().stream().anyMatch(r -> r.getFrom() == null || r.getFrom().isEmpty())) {
                open.add(String.valueOf(policy.getSpec().getPodSelector().getMatchLabels()));
            }
        }
        assertThat(open).containsExactly("{app.kubernetes.io/name=gateway}");
    }

    /** Webhooks reach only the public Internet (decision 0033): https in production, and an egress policy that excludes inside addresses. */
    @Test
    @Requires(Capability.KUBECTL)
    void theNotificationReachesOnlyThePublicInternetAndOnlyByHttpsInProduction() throws Exception {
        List<HasMetadata> resources = render("overlays/production");
        Deployment notification = of(resources, Deployment.class).stream()
                .filter(d -> d.getMetadata().getName().equals("notification-service")).findFirst().orElseThrow();
        var requireHttps = env(notification.getSpec().getTemplate().getSpec().getContainers().getFirst()).get("WEBHOOK_REQUIRE_HTTPS")
                .getValueFrom().getConfigMapKeyRef();
        ConfigMap config = of(resources, ConfigMap.class).stream().filter(c -> c.getMetadata().getName().equals(requireHttps.getName()))
                .findFirst().orElseThrow();
        assertThat(config.getData()).containsEntry(requireHttps.getKey(), "true");

        NetworkPolicy egress = of(resources, NetworkPolicy.class).stream()
                .filter(p -> p.getMetadata().getName().equals("notification-egress")).findFirst().orElseThrow();
        assertThat(egress.getSpec().getPolicyTypes()).containsExactly("Egress");
        assertThat(egress.getSpec().getPodSelector().getMatchLabels()).containsEntry("app.kubernetes.io/name", "notification-service");
        List<String> excepted = new ArrayList<>();
        for (var rule : egress.getSpec().getEgress()) {
            for (var peer : rule.getTo()) {
                if (peer.getIpBlock() != null) {
                    assertThat(peer.getIpBlock().getCidr()).isIn("0.0.0.0/0", "::/0");
                    excepted.addAll(peer.getIpBlock().getExcept());
                } else {
                    // in-namespace pods (Kafka, MongoDB), or DNS and the trace collector by namespace: never an address range
                    assertThat(peer.getPodSelector() != null || peer.getNamespaceSelector() != null).isTrue();
                }
            }
        }
        assertThat(excepted).contains("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "169.254.0.0/16",
                "127.0.0.0/8", "198.18.0.0/15", "fc00::/7", "fe80::/10", "64:ff9b::/96", "2002::/16", "2001::/23");
    }

    @Test
    void alertRulesAndTheDashboardUseMetricsTheServicesRegister() throws Exception {
        GenericKubernetesResource rules = (GenericKubernetesResource) SERIALIZATION.unmarshal(
                Files.readString(ROOT.resolve("k8s/monitoring/alert-rules.yaml")), HasMetadata.class);
        List<Map<String, Object>> alerts = (List<Map<String, Object>>) ((List<Map<String, Object>>) rules.get("spec", "groups")).getFirst().get("rules");
        assertThat(alerts).extracting(a -> a.get("alert")).contains("DataCollabConsumerLag", "DataCollabEventsNotPublished",
                "DataCollabDeadLetters", "DataCollabRecordsSetAside", "DataCollabRiskEvaluationOverdue");
        String sources = sources();
        String dashboard = Files.readString(ROOT.resolve("k8s/monitoring/grafana-dashboard.json"));
        Matcher metric = Pattern.compile("\\b(registry|assessment|notification|gateway|datacollab)_[a-z_]+").matcher(
                alerts.stream().map(a -> String.valueOf(a.get("expr"))).reduce("", String::concat) + dashboard);
        int checked = 0;
        while (metric.find()) {
            // Prometheus name -> the Micrometer name registered in the code
            String name = metric.group().replaceAll("_(total|seconds_count|seconds_sum|seconds_bucket|seconds)$", "");
            String dotted = name.replace('_', '.');
            assertThat(sources).as("a service registers " + dotted).contains("\"" + dotted + "\"");
            checked++;
        }
        assertThat(checked).isGreaterThan(8);
    }

    @Test
    void everyKafkaTopicIsAChannelOfTheAsyncApiDocument() throws Exception {
        Set<String> topics = new TreeSet<>();
        for (String document : Files.readString(ROOT.resolve("k8s/base/kafka.yaml")).split("(?m)^---\\s*$")) {
            if (!document.isBlank() && SERIALIZATION.unmarshal(document, HasMetadata.class) instanceof GenericKubernetesResource resource
                    && resource.getKind().equals("KafkaTopic")) {
                // a topic's name is its spec.topicName where it has one (Kubernetes names cannot hold dots)
                Object topicName = resource.get("spec", "topicName");
                topics.add(topicName != null ? String.valueOf(topicName) : resource.getMetadata().getName());
            }
        }
        Map<String, Object> asyncapi = SERIALIZATION.unmarshal(Files.readString(ROOT.resolve("contracts/src/main/resources/asyncapi.yaml")), Map.class);
        Set<String> addresses = new TreeSet<>();
        ((Map<String, Map<String, Object>>) asyncapi.get("channels")).values().forEach(channel -> addresses.add((String) channel.get("address")));
        assertThat(topics).contains("partnership-events", "sustainability-risks");
        assertThat(addresses).as("asyncapi.yaml describes every topic production creates, and no other").isEqualTo(topics);
    }

    static String sources() throws IOException {
        StringBuilder all = new StringBuilder();
        for (String module : Stream.concat(SERVICES.stream(), SHARED.stream()).toList()) {
            try (var files = Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    all.append(Files.readString(file));
                }
            }
        }
        return all.toString();
    }

    @Test
    @Requires(Capability.KUBECTL)
    void theLocalOverlayRunsOneOfEverything() throws Exception {
        List<HasMetadata> resources = render("overlays/local");
        assertThat(of(resources, Deployment.class)).allMatch(d -> d.getSpec().getReplicas() == 1);
        assertThat((Integer) custom(resources, "KafkaNodePool", "dual-role").get("spec", "replicas")).isEqualTo(1);
        assertThat((Integer) custom(resources, "MongoDBCommunity", "datacollab-mongodb").get("spec", "members")).isEqualTo(1);
        assertThat((Integer) custom(resources, "KafkaTopic", "partnership-events").get("spec", "replicas")).isEqualTo(1);
    }
}
