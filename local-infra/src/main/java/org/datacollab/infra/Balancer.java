package org.datacollab.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP balancer on loopback, as a Kubernetes Service is in front of a Deployment's pods: each connection goes to the
 * next instance in turn that accepts one (an instance that is down refuses and the next is tried; a paused one
 * accepts and does not answer, as a paused pod does until its readiness probe fails). Connections are not moved:
 * a client that keeps its connections open stays with one instance until that connection closes.
 */
public final class Balancer implements AutoCloseable {

    private final String name;
    private final ServerSocket server;
    private final List<Integer> backends;
    private final AtomicInteger next = new AtomicInteger();
    private final InetAddress host;
    /** The connections open through this balancer (both ends), so that {@link #cut()} can break them. */
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean cut;

    private Balancer(String name, ServerSocket server, InetAddress host, List<Integer> backends) {
        this.name = name;
        this.host = host;
        this.server = server;
        this.backends = new CopyOnWriteArrayList<>(backends);
    }

    /** Listens on a free loopback port and balances over the backends' ports. */
    public static Balancer start(String name, List<Integer> backends) {
        return start(name, InetAddress.getLoopbackAddress().getHostAddress(), backends);
    }

    /** Listens on a free loopback port and balances over these ports of {@code host}. */
    public static Balancer start(String name, String host, List<Integer> backends) {
        try {
            ServerSocket server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
            Balancer balancer = new Balancer(name, server, InetAddress.getByName(host), backends);
            Thread.ofPlatform().daemon().name("balancer-" + name).start(balancer::accept);
            return balancer;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the balancer of " + name, e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    /** One more instance to balance over (once it is ready). */
    public void add(int backend) {
        backends.add(backend);
    }

    public String url() {
        return "http://127.0.0.1:" + port();
    }

    /**
     * Breaks every connection open through this balancer and closes each new one as soon as it is accepted, until
     * {@link #restore()}: to the clients behind it, the backends are gone, as when a server is killed (its connections
     * reset) and has not come back, or the network between them is cut.
     */
    public void cut() {
        cut = true;
        for (Socket socket : open) {
            try {
                socket.setSoLinger(true, 0); // a reset, as from a killed server's machine
            } catch (IOException ignored) {
                // already closed
            }
            close(socket);
        }
    }

    /** New connections reach the backends again (the server is back). */
    public void restore() {
        cut = false;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread.ofVirtual().name("balancer-" + name + "-connection").start(() -> forward(client));
            } catch (IOException e) {
                if (server.isClosed()) {
                    return;
                }
            }
        }
    }

    private void forward(Socket client) {
        Socket backend = cut ? null : connect();
        if (backend == null) {
            close(client);
            return;
        }
        open.add(client);
        open.add(backend);
        if (cut) { // cut while this one connected
            close(client);
            close(backend);
        }
        Thread upstream = Thread.ofVirtual().start(() -> copy(client, backend));
        copy(backend, client);
        try {
            upstream.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close(client);
        close(backend);
        open.remove(client);
        open.remove(backend);
    }

    /** The next backend in turn that accepts a connection, or null when none does. */
    private Socket connect() {
        int count = backends.size();
        for (int tried = 0; tried < count; tried++) {
            int port = backends.get(Math.floorMod(next.getAndIncrement(), count));
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(host, port), 1000);
                socket.setTcpNoDelay(true);
                return socket;
            } catch (IOException refused) {
                close(socket);
            }
        }
        return null;
    }

    /** Copies one direction until it ends, then ends the other side's writing (a half close), as TCP would. */
    private static void copy(Socket from, Socket to) {
        try {
            InputStream in = from.getInputStream(); // not closed here: closing a socket's stream closes the socket
            OutputStream out = to.getOutputStream();
            byte[] buffer = new byte[16 * 1024];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
                out.flush();
            }
            to.shutdownOutput();
        } catch (IOException ended) {
            close(from);
            close(to);
        }
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
