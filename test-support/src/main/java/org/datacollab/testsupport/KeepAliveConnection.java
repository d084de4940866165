package org.datacollab.testsupport;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 connection kept alive over a plain socket, as a proxy's or a client's connection pool keeps it:
 * several GET requests may be written in one go (pipelined, or simply sent before the server has finished
 * the previous exchange), and their answers are read one after the other. A server that stops reading the
 * connection shows as an {@link IllegalStateException} after the read timeout, instead of a client that waits.
 */
public final class KeepAliveConnection implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final int port;

    public KeepAliveConnection(int port, Duration readTimeout) {
        this.port = port;
        try {
            socket = new Socket();
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout((int) readTimeout.toMillis());
            in = new BufferedInputStream(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("connect to " + port, e);
        }
    }

    /** Writes a GET of each target, all in one write, each with the given header lines. */
    public void get(List<String> targets, String... headers) {
        StringBuilder requests = new StringBuilder();
        for (String target : targets) {
            requests.append("GET ").append(target).append(" HTTP/1.1\r\nHost: 127.0.0.1:").append(port).append("\r\n");
            for (String header : headers) {
                requests.append(header).append("\r\n");
            }
            requests.append("\r\n");
        }
        try {
            socket.getOutputStream().write(requests.toString().getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
        } catch (IOException e) {
            throw new UncheckedIOException("write to " + port, e);
        }
    }

    /** Reads the next answer on the connection. */
    public RawHttp.Answer answer() {
        try {
            Map<String, String> headers = new LinkedHashMap<>();
            String status = line();
            for (String line = line(); !line.isEmpty(); line = line()) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
            byte[] body;
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                ByteArrayOutputStream all = new ByteArrayOutputStream();
                for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0;
                     size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
                    all.write(in.readNBytes(size));
                    line();
                }
                line();
                body = all.toByteArray();
            } else {
                body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
            }
            return new RawHttp.Answer(Integer.parseInt(status.split(" ")[1]), headers, new String(body, StandardCharsets.UTF_8));
        } catch (SocketTimeoutException e) {
            throw new IllegalStateException("no answer on the kept-alive connection within the read timeout: the server stopped reading it", e);
        } catch (IOException e) {
            throw new UncheckedIOException("read from " + port, e);
        }
    }

    /** Reads as many answers as requests were written. */
    public List<RawHttp.Answer> answers(int count) {
        List<RawHttp.Answer> answers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            answers.add(answer());
        }
        return answers;
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the server closed the connection");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a socket that failed tells nothing more
        }
    }
}
