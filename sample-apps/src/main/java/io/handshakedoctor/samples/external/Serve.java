package io.handshakedoctor.samples.external;

import io.handshakedoctor.samples.EngineTransport;
import io.handshakedoctor.samples.ExceptionText;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * A JVM HTTPS server on 127.0.0.1 for external clients ({@code openssl s_client}, curl, a plain TCP
 * client): handles connections one at a time (handshake, one request head, a 200 answer) and logs
 * one line per connection on stdout:
 * {@code connection <n> from <address>:<port>: ok} or {@code ...: failed <Class>: <message> [| handshake-doctor: ...]}.
 * The first line is {@code listening 127.0.0.1:<port>}.
 *
 * <pre>
 * java -cp sample-apps.jar io.handshakedoctor.samples.external.Serve --port N --keystore PATH
 *   [--password P] [--need-client-auth] [--truststore PATH] [--engine] [--protocols L] [--ciphers L]
 *   [--accept N (default 20)] [--timeout-ms N (default 5000)] [--max-seconds N (default 300)]
 *   [--reset-after-response]
 * </pre>
 *
 * {@code --port 0} binds an ephemeral port. The key store is PKCS12 or PEM (PKCS#8 key + chain), the
 * trust store PEM or PKCS12 (default: the JDK's cacerts). {@code --engine} runs a server-mode
 * SSLEngine over each accepted socket instead of an SSLServerSocket. {@code --reset-after-response}
 * (with {@code --engine}) resets each connection (SO_LINGER 0) right after its answer, without
 * close_notify: a healthy connection that then fails for a reason of its own. Exits after {@code
 * --accept} connections or {@code --max-seconds}.
 */
public final class Serve {

    private Serve() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println("usage: Serve --port N --keystore PATH [--password P] [--need-client-auth] [--truststore PATH]"
                    + " [--engine] [--protocols L] [--ciphers L] [--accept N] [--timeout-ms N] [--max-seconds N]"
                    + " [--reset-after-response]");
            System.exit(1);
            return;
        }
        int maxSeconds = Integer.parseInt(options.get("max-seconds"));
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(maxSeconds * 1000L);
            } catch (InterruptedException e) {
                return;
            }
            System.out.println("exiting: --max-seconds " + maxSeconds + " reached");
            System.out.flush();
            System.exit(0);
        }, "serve-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();

        SSLContext context = Stores.context(options.get("keystore"), options.get("truststore"),
                options.get("password").toCharArray());
        boolean engine = options.containsKey("engine");
        int port = Integer.parseInt(options.get("port"));
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (ServerSocket server = engine
                ? new ServerSocket(port, 50, loopback)
                : context.getServerSocketFactory().createServerSocket(port, 50, loopback)) {
            System.out.println("listening 127.0.0.1:" + server.getLocalPort() + (engine ? " (SSLEngine)" : " (SSLServerSocket)"));
            System.out.flush();
            int accept = Integer.parseInt(options.get("accept"));
            int timeoutMs = Integer.parseInt(options.get("timeout-ms"));
            for (int n = 1; n <= accept; n++) {
                Socket socket = server.accept();
                String line;
                try {
                    socket.setSoTimeout(timeoutMs);
                    if (engine) {
                        serveEngine(context, socket, options);
                    } else {
                        serveSocket((SSLSocket) socket, options);
                    }
                    line = "ok";
                } catch (Throwable t) {
                    line = ExceptionText.failed(t);
                } finally {
                    try {
                        socket.close();
                    } catch (IOException ignored) {
                        // gone
                    }
                }
                System.out.println("connection " + n + " from " + socket.getInetAddress().getHostAddress() + ":"
                        + socket.getPort() + ": " + line);
                System.out.flush();
            }
        }
        System.exit(0);
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("password", "changeit");
        options.put("accept", "20");
        options.put("timeout-ms", "5000");
        options.put("max-seconds", "300");
        List<String> valued = Arrays.asList("port", "keystore", "password", "truststore", "protocols", "ciphers", "accept",
                "timeout-ms", "max-seconds");
        List<String> flags = Arrays.asList("need-client-auth", "engine", "reset-after-response");
        for (int i = 0; i < args.length; i++) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : "";
            if (flags.contains(name)) {
                options.put(name, "true");
            } else if (valued.contains(name) && i + 1 < args.length) {
                options.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("unknown option or missing value: " + args[i]);
            }
        }
        if (!options.containsKey("port") || !options.containsKey("keystore")) {
            throw new IllegalArgumentException("--port and --keystore are required");
        }
        for (String number : Arrays.asList("port", "accept", "timeout-ms", "max-seconds")) {
            Integer.parseInt(options.get(number));
        }
        return options;
    }

    private static void configure(SSLParameters parameters, Map<String, String> options) {
        if (options.containsKey("need-client-auth")) {
            parameters.setNeedClientAuth(true);
        }
        if (options.containsKey("protocols")) {
            parameters.setProtocols(options.get("protocols").split(","));
        }
        if (options.containsKey("ciphers")) {
            parameters.setCipherSuites(options.get("ciphers").split(","));
        }
    }

    private static void serveSocket(SSLSocket socket, Map<String, String> options) throws IOException {
        SSLParameters parameters = socket.getSSLParameters();
        configure(parameters, options);
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        readHead(socket.getInputStream());
        OutputStream out = socket.getOutputStream();
        out.write(ok());
        out.flush();
    }

    private static void serveEngine(SSLContext context, Socket socket, Map<String, String> options) throws IOException {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        SSLParameters parameters = engine.getSSLParameters();
        configure(parameters, options);
        engine.setSSLParameters(parameters);
        try (EngineTransport connection = new EngineTransport(engine, socket)) {
            connection.handshake();
            readHead(connection.inputStream());
            connection.write(ok());
            if (options.containsKey("reset-after-response")) {
                sleepQuietly(200); // a reset discards what is still unsent: let the answer leave first
                socket.setSoLinger(true, 0);
                socket.close(); // before the transport's close_notify: the client sees a reset after the answer
            }
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4 && head.size() < 16 * 1024) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("peer closed the connection before sending a complete HTTP request");
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }

    private static byte[] ok() {
        String body = "hello from handshake-doctor Serve\n";
        return ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + body.length()
                + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII);
    }
}
