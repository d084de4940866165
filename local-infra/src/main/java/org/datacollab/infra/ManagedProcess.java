package org.datacollab.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM (or any command) with its output in a log file, considered up when its port accepts
 * connections. {@link #stop()} asks it to end (SIGTERM) and {@link #kill()} does not ask (SIGKILL).
 */
public final class ManagedProcess {

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path log;
    private final int port;
    /** false: the process sees only {@link #environment}, as a container does, not this JVM's environment. */
    private final boolean inheritEnvironment;
    private Process process;

    public ManagedProcess(String name, List<String> command, Map<String, String> environment, Path log, int port) {
        this(name, command, environment, log, port, true);
    }

    public ManagedProcess(String name, List<String> command, Map<String, String> environment, Path log, int port,
                          boolean inheritEnvironment) {
        this.name = name;
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.log = log;
        this.port = port;
        this.inheritEnvironment = inheritEnvironment;
    }

    /** A JVM running {@code mainClass} on this JVM's own class path. */
    public static ManagedProcess java(String name, String mainClass, List<String> args, List<String> jvmOptions,
                                      Map<String, String> environment, Path log, int port) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(args);
        return new ManagedProcess(name, command, environment, log, port);
    }

    public static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public synchronized ManagedProcess start() {
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            if (!inheritEnvironment) {
                builder.environment().clear();
            }
            builder.environment().putAll(environment);
            process = builder.start();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** Waits until the port accepts connections; fails early, with the log's tail, if the process died. */
    public ManagedProcess awaitListening(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; log tail:\n" + logTail());
            }
            if (accepts(port)) {
                return this;
            }
            pause(100);
        }
        throw new IllegalStateException(name + " did not listen on port " + port + " within " + timeout + "; log tail:\n" + logTail());
    }

    public static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public synchronized void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** SIGKILL: no shutdown hook, no flush; what a crash looks like. */
    public synchronized void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * SIGSTOP to the process and its children: it stops where it is, its sockets stay open (connections to it are
     * accepted and not answered), and it resumes with {@link #resume()} unaware that time passed, as after a long GC
     * pause, a throttled container or a VM migration.
     */
    public synchronized void pause() {
        signal("STOP");
    }

    /** SIGCONT: a paused process goes on where it stopped. */
    public synchronized void resume() {
        signal("CONT");
    }

    private void signal(String signal) {
        if (process == null || !process.isAlive()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal, String.valueOf(process.pid())));
        process.descendants().forEach(child -> command.add(String.valueOf(child.pid())));
        try {
            Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("could not send SIG" + signal + " to " + name + ": " + new String(kill.getInputStream().readAllBytes()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not send SIG" + signal + " to " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public Path log() {
        return log;
    }

    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
