package org.datacollab.localstack;

import org.datacollab.infra.LocalInfrastructure;
import org.datacollab.infra.ManagedProcess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.concurrent.ConcurrentHashMap;
import org.datacollab.security.Caller;
import org.datacollab.security.InternalTokens;

/**
 * The whole system on loopback: a KRaft Kafka broker, a MongoDB-protocol server, and the registry, assessment,
 * notification and gateway services, each its own JVM, configured only through environment variables. The
 * services embed no infrastructure: pointed at a real replica set and cluster, they run unchanged.
 */
public final class LocalStack implements AutoCloseable {

    public static final List<String> SERVICES = List.of("registry-service", "assessment-service", "notification-service", "gateway");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    public record Ports(int gateway, int registry, int assessment, int notification, int mongo, int kafka, int controller) {
        public static Ports defaults() {
            return new Ports(8080, 8081, 8082, 8083, 27017, 9092, 9093);
        }

        public static Ports free() {
            return new Ports(org.datacollab.infra.Ports.free(), org.datacollab.infra.Ports.free(), org.datacollab.infra.Ports.free(),
                    org.datacollab.infra.Ports.free(), org.datacollab.infra.Ports.free(), org.datacollab.infra.Ports.free(),
                    org.datacollab.infra.Ports.free());
        }
    }

    private final Path projectRoot;
    private final Path folder;
    private final Ports ports;
    private final Map<String, String> extraEnvironment;
    private LocalInfrastructure infrastructure;
    private final Map<String, ManagedProcess> services = new LinkedHashMap<>();
    private final boolean fromImages;
    /** Generated per stack: the secret the gateway signs internal tokens with, and the operator's first ADMIN key. */
    private final String internalTokenSecret = randomToken();
    private final String adminKey;

    private static String randomToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The ADMIN key of this stack (BOOTSTRAP_ADMIN_KEY): issue organization keys with it (POST /admin/api-keys). */
    public String adminKey() {
        return adminKey;
    }

    /** An internal token for calling a service directly, as the gateway would (benchmarks, tests). */
    public String internalToken(Caller caller) {
        return new InternalTokens(internalTokenSecret).mint(caller, "local-stack");
    }

    private LocalStack(Path projectRoot, Path folder, Ports ports, Map<String, String> extraEnvironment, boolean fromImages) {
        this.projectRoot = projectRoot;
        this.fromImages = fromImages;
        this.folder = folder.toAbsolutePath();
        this.ports = ports;
        this.extraEnvironment = Map.copyOf(extraEnvironment);
        this.adminKey = extraEnvironment.getOrDefault("BOOTSTRAP_ADMIN_KEY", "bootstrap-" + randomToken());
    }

    /** Starts everything and returns once every service is ready; the services run as {@link #imagesRequested()} says. */
    public static LocalStack start(Path folder, Ports ports, Map<String, String> extraEnvironment) {
        return start(folder, ports, extraEnvironment, imagesRequested());
    }

    /** Starts everything, the services from their images or from their executable jars, and returns once every service is ready. */
    public static LocalStack start(Path folder, Ports ports, Map<String, String> extraEnvironment, boolean fromImages) {
        LocalStack stack = new LocalStack(projectRoot(), folder, ports, extraEnvironment, fromImages);
        try {
            stack.startAll();
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void startAll() {
        infrastructure = LocalInfrastructure.start(folder.resolve("infrastructure"), ports.mongo(), ports.kafka(), ports.controller());
        for (String service : SERVICES) {
            services.put(service, process(service).start());
        }
        for (ManagedProcess process : services.values()) {
            process.awaitListening(START_TIMEOUT);
            Health.awaitReady(process, managementPort(process.name()), START_TIMEOUT);
        }
    }

    /** Each instance's actuator port (management.server.port): health and metrics are not on the service's port. */
    private final Map<String, Integer> managementPorts = new ConcurrentHashMap<>();

    private int managementPort(String name) {
        // the demo on the usual ports has its actuators on the usual ones too (9080-9083, as in application.yml)
        if (ports.equals(Ports.defaults()) && SERVICES.contains(name)) {
            return 9080 + (SERVICES.indexOf(name) + 1) % SERVICES.size();
        }
        return managementPorts.computeIfAbsent(name, n -> org.datacollab.infra.Ports.free());
    }

    /** The actuator of a service instance (health, prometheus), e.g. {@code http://127.0.0.1:40123/actuator/prometheus}. */
    public String managementUrl(String name) {
        return "http://127.0.0.1:" + managementPort(name);
    }

    /** The service's process, not yet started (restart a killed one with {@code process.start()}). */
    private ManagedProcess process(String service) {
        return process(service, service, port(service));
    }

    /** Extra instances, by name (e.g. registry-service-2), and their ports. */
    private final Map<String, Integer> instancePorts = new LinkedHashMap<>();

    /**
     * Starts one more instance of a service (same MongoDB, same Kafka, same consumer groups, its own port)
     * and returns its name, e.g. {@code registry-service-2}; {@link #url} and {@link #service} take the name.
     */
    public String startInstance(String service) {
        return startInstance(service, Map.of());
    }

    /** Settings of single instances, by name, over the stack's (e.g. one registry's clock offset). */
    private final Map<String, Map<String, String>> instanceEnvironment = new ConcurrentHashMap<>();

    /** Starts one more instance of a service with environment variables of its own over the stack's. */
    public String startInstance(String service, Map<String, String> environment) {
        ManagedProcess process;
        synchronized (this) {
            int number = 2;
            while (services.containsKey(service + "-" + number)) {
                number++;
            }
            String name = service + "-" + number;
            int port = org.datacollab.infra.Ports.free();
            instancePorts.put(name, port);
            instanceEnvironment.put(name, Map.copyOf(environment));
            process = process(service, name, port).start();
            services.put(name, process);
        }
        process.awaitListening(START_TIMEOUT);
        Health.awaitReady(process, managementPort(process.name()), START_TIMEOUT);
        return process.name();
    }

    private ManagedProcess process(String service, String name, int port) {
        String jvmOptions = (System.getenv().getOrDefault("DATACOLLAB_JVM_OPTS",
                "-Xms64m -Xmx" + (service.equals("registry-service") ? "768m" : "512m") + " -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError")
                + " " + System.getProperty("datacollab.jvm.extra-options", "")).trim();
        Map<String, String> environment = new LinkedHashMap<>(environment(service));
        environment.put(switch (service) {
            case "registry-service" -> "REGISTRY_PORT";
            case "assessment-service" -> "ASSESSMENT_PORT";
            case "notification-service" -> "NOTIFICATION_PORT";
            default -> "GATEWAY_PORT";
        }, String.valueOf(port));
        environment.put(switch (service) {
            case "registry-service" -> "REGISTRY_MANAGEMENT_PORT";
            case "assessment-service" -> "ASSESSMENT_MANAGEMENT_PORT";
            case "notification-service" -> "NOTIFICATION_MANAGEMENT_PORT";
            default -> "GATEWAY_MANAGEMENT_PORT";
        }, String.valueOf(managementPort(name)));
        environment.put("POD_NAME", name); // as Kubernetes names a pod: the instance's name
        environment.putIfAbsent("MALLOC_ARENA_MAX", "2"); // as the manifests set it: fewer native arenas, less resident memory
        environment.putAll(instanceEnvironment.getOrDefault(name, Map.of()));
        Path log = folder.resolve("logs/" + name + ".log");
        if (fromImages) {
            // as Kubernetes runs it: the image's entrypoint and environment, the service's settings as variables,
            // JVM options through JAVA_TOOL_OPTIONS (the image's heap follows the container's limit, and here
            // there is no container limit)
            ContainerImage image = ContainerImage.of(projectRoot, service);
            Map<String, String> containerEnvironment = new LinkedHashMap<>(image.environment());
            containerEnvironment.putAll(environment);
            containerEnvironment.put("JAVA_TOOL_OPTIONS", jvmOptions);
            return new ManagedProcess(name, image.command(), containerEnvironment, log, port, false);
        }
        List<String> command = new ArrayList<>();
        command.add(ManagedProcess.javaExecutable());
        command.addAll(List.of(jvmOptions.split("\\s+")));
        command.add("-jar");
        command.add(executableJar(service).toString());
        return new ManagedProcess(name, command, environment, log, port);
    }

    /** Whether services run from their images (-Pimages sets datacollab.launch=image) or from their executable jars. */
    public boolean fromImages() {
        return fromImages;
    }

    /** Whether the services are asked to run from their images: datacollab.launch (DATACOLLAB_LAUNCH) is image, as -Pimages sets. */
    public static boolean imagesRequested() {
        String launch = System.getProperty("datacollab.launch", System.getenv().getOrDefault("DATACOLLAB_LAUNCH", "jar"));
        return switch (launch) {
            case "image" -> true;
            case "jar", "" -> false;
            default -> throw new IllegalArgumentException("datacollab.launch (DATACOLLAB_LAUNCH) is jar or image, not " + launch);
        };
    }

    Map<String, String> environment(String service) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("MONGODB_URI", "mongodb://127.0.0.1:" + ports.mongo());
        env.put("MONGODB_DATABASE", service.replace("-service", ""));
        env.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + ports.kafka());
        env.put("GATEWAY_PORT", String.valueOf(ports.gateway()));
        env.put("REGISTRY_PORT", String.valueOf(ports.registry()));
        env.put("ASSESSMENT_PORT", String.valueOf(ports.assessment()));
        env.put("NOTIFICATION_PORT", String.valueOf(ports.notification()));
        env.put("REGISTRY_URL", "http://127.0.0.1:" + ports.registry());
        env.put("ASSESSMENT_URL", "http://127.0.0.1:" + ports.assessment());
        env.put("NOTIFICATION_URL", "http://127.0.0.1:" + ports.notification());
        // local development only: webhooks to this machine are allowed (they are refused in production)
        env.put("WEBHOOK_ALLOWED_HOSTS", "127.0.0.1,localhost");
        env.put("INTERNAL_TOKEN_SECRET", internalTokenSecret);
        env.put("BOOTSTRAP_ADMIN_KEY", service.equals("gateway") ? adminKey : "");
        env.putAll(extraEnvironment);
        return env;
    }

    private int port(String service) {
        if (instancePorts.containsKey(service)) {
            return instancePorts.get(service);
        }
        return switch (service) {
            case "registry-service" -> ports.registry();
            case "assessment-service" -> ports.assessment();
            case "notification-service" -> ports.notification();
            case "gateway" -> ports.gateway();
            default -> throw new IllegalArgumentException(service);
        };
    }

    private Path executableJar(String service) {
        Path target = projectRoot.resolve(service).resolve("target");
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().endsWith("-exec.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no executable jar in " + target + "; build first: ./mvnw install -DskipTests"));
        } catch (IOException e) {
            throw new UncheckedIOException("no " + target + "; build first: ./mvnw install -DskipTests", e);
        }
    }

    /** The project's root: the nearest folder upwards that holds the registry-service module. */
    public static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("registry-service/pom.xml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("run from inside the project (no registry-service/pom.xml above " + Path.of("").toAbsolutePath() + ")");
        }
        return dir;
    }

    public String gatewayUrl() {
        return "http://127.0.0.1:" + ports.gateway();
    }

    public String url(String service) {
        return "http://127.0.0.1:" + port(service);
    }

    public Ports ports() {
        return ports;
    }

    public LocalInfrastructure infrastructure() {
        return infrastructure;
    }

    public ManagedProcess service(String name) {
        return services.get(name);
    }

    /** Restarts a stopped or killed service and waits until it is ready. */
    public void restart(String service) {
        ManagedProcess process = services.get(service);
        process.stop();
        process.start().awaitListening(START_TIMEOUT);
        Health.awaitReady(process, managementPort(service), START_TIMEOUT);
    }

    /**
     * Stops an instance (SIGTERM) and starts it again with environment variables of its own over the stack's (e.g. the
     * gateway pointed at balancers), and waits until it is ready.
     */
    public void restart(String name, Map<String, String> environment) {
        ManagedProcess process;
        synchronized (this) {
            services.get(name).stop();
            instanceEnvironment.put(name, Map.copyOf(environment));
            String service = SERVICES.contains(name) ? name : name.substring(0, name.lastIndexOf('-'));
            process = process(service, name, port(name)).start();
            services.put(name, process);
        }
        process.awaitListening(START_TIMEOUT);
        Health.awaitReady(process, managementPort(name), START_TIMEOUT);
    }

    /** SIGKILLs everything at once: for the end of a test run, whose data nobody needs. */
    public void kill() {
        services.values().forEach(ManagedProcess::kill);
        if (infrastructure != null) {
            infrastructure.abandon();
        }
    }

    @Override
    public void close() {
        List<String> reversed = new ArrayList<>(services.keySet());
        Collections.reverse(reversed);
        reversed.forEach(name -> services.get(name).stop());
        if (infrastructure != null) {
            infrastructure.close();
        }
    }
}
