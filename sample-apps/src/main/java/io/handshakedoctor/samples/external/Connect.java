package io.handshakedoctor.samples.external;

import io.handshakedoctor.samples.ConfiguringSSLSocketFactory;
import io.handshakedoctor.samples.EngineTransport;
import io.handshakedoctor.samples.ExceptionText;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.handshakedoctor.samples.BoundedHttpExchange;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Connects to external TLS servers over one JDK client path and prints one line per URL:
 * {@code <client> <url>: ok HTTP <status>} or {@code <client> <url>: failed <Class>: <message> [| handshake-doctor: ...]}.
 *
 * <pre>
 * java -cp sample-apps.jar io.handshakedoctor.samples.external.Connect [options] --url URL [options] [--url URL [options]]...
 *   --client socket|engine|https-url-connection|http-client   (default socket)
 *            okhttp|apache-httpclient5|https-url-connection-verifier|socket-verifier: the host name is checked by
 *            a HostnameVerifier after the handshake (OkHttp's, HttpClient 5's DefaultHostnameVerifier, a custom one)
 *   --truststore PATH          PEM certificates or PKCS12 (default: the JDK's cacerts)
 *   --keystore PATH            PKCS12, or PEM with a PKCS#8 PRIVATE KEY and its chain (client certificate)
 *   --password PASS            for both stores (default changeit)
 *   --protocols TLSv1.3,TLSv1.2   --ciphers SUITE,...   --sni none|NAME   --timeout-ms N (default 5000)
 *   --await PATH               (per URL) wait until PATH exists before trying this URL (at most 2 minutes)
 *   --hold-until PATH          after the last URL, print "done" and stay up until PATH exists (at most 2 minutes)
 * </pre>
 *
 * Options before the first {@code --url} apply to every URL; options after a {@code --url} apply to
 * that URL only. Endpoint identification (HTTPS) is on for every path. Exit code 0 when every URL
 * was tried (whatever the outcome), 1 on a bad command line.
 */
public final class Connect {

    static final List<String> CLIENTS = List.of("socket", "engine", "https-url-connection", "http-client",
            "okhttp", "apache-httpclient5", "https-url-connection-verifier", "socket-verifier");

    private Connect() {
    }

    public static void main(String[] args) {
        List<Map<String, String>> attempts;
        try {
            attempts = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println("usage: Connect [--client socket|engine|https-url-connection|http-client] [--truststore PATH]"
                    + " [--keystore PATH] [--password P] [--protocols L] [--ciphers L] [--sni none|NAME] [--timeout-ms N]"
                    + " --url https://host:port/ [per-URL options] [--url ...]");
            System.exit(1);
            return;
        }
        for (Map<String, String> attempt : attempts) {
            String label = attempt.get("client") + " " + attempt.get("url");
            if (attempt.get("await") != null) {
                awaitFile(attempt.get("await"));
            }
            String line;
            try {
                line = "ok HTTP " + connect(attempt);
            } catch (Throwable t) {
                line = ExceptionText.failed(t);
            }
            System.out.println(label + ": " + line);
            System.out.flush();
        }
        String hold = attempts.get(attempts.size() - 1).get("hold-until");
        if (hold != null) {
            System.out.println("done");
            System.out.flush();
            awaitFile(hold);
        }
        System.exit(0);
    }

    /** Lets a test change the server between two URLs, or inspect this JVM while it runs. */
    static void awaitFile(String path) {
        long end = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!new java.io.File(path).exists() && System.nanoTime() < end) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    static List<Map<String, String>> parse(String[] args) {
        Map<String, String> global = new LinkedHashMap<>();
        global.put("client", "socket");
        global.put("password", "changeit");
        global.put("timeout-ms", "5000");
        List<Map<String, String>> attempts = new ArrayList<>();
        Map<String, String> current = global;
        List<String> known = Arrays.asList("url", "client", "truststore", "keystore", "password", "protocols", "ciphers",
                "sni", "timeout-ms", "await", "hold-until");
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || !known.contains(arg.substring(2))) {
                throw new IllegalArgumentException("unknown option " + arg);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(arg + " needs a value");
            }
            String name = arg.substring(2);
            String value = args[++i];
            if ("url".equals(name)) {
                current = new LinkedHashMap<>(global);
                attempts.add(current);
            }
            current.put(name, value);
        }
        if (attempts.isEmpty()) {
            throw new IllegalArgumentException("no --url given");
        }
        for (Map<String, String> a : attempts) {
            if (!CLIENTS.contains(a.get("client"))) {
                throw new IllegalArgumentException("unknown client " + a.get("client"));
            }
            URI uri = URI.create(a.get("url"));
            if (!"https".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 0) {
                throw new IllegalArgumentException("--url must be https://host:port/..., got " + a.get("url"));
            }
            Integer.parseInt(a.get("timeout-ms"));
        }
        return attempts;
    }

    /** One handshake and GET; returns the HTTP status. */
    static int connect(Map<String, String> attempt) throws Exception {
        URI uri = URI.create(attempt.get("url"));
        int timeoutMs = Integer.parseInt(attempt.get("timeout-ms"));
        SSLContext context = Stores.context(attempt.get("keystore"), attempt.get("truststore"),
                attempt.get("password").toCharArray());
        switch (attempt.get("client")) {
            case "socket":
                return viaSocket(uri, context, attempt, timeoutMs);
            case "engine":
                return viaEngine(uri, context, attempt, timeoutMs);
            case "https-url-connection":
                return viaHttpsUrlConnection(uri, context, attempt, timeoutMs);
            case "okhttp":
            case "apache-httpclient5":
            case "https-url-connection-verifier":
            case "socket-verifier":
                return VerifyingClients.connect(attempt.get("client"), uri, context, attempt, timeoutMs);
            default:
                return viaHttpClient(uri, context, attempt, timeoutMs);
        }
    }

    /** Applies --protocols, --ciphers and --sni; endpoint identification on. */
    static void configure(SSLParameters parameters, Map<String, String> attempt) {
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        configureWithoutHostCheck(parameters, attempt);
    }

    /** Applies --protocols, --ciphers and --sni; the host name is left to a HostnameVerifier. */
    static void configureWithoutHostCheck(SSLParameters parameters, Map<String, String> attempt) {
        if (attempt.containsKey("protocols")) {
            parameters.setProtocols(attempt.get("protocols").split(","));
        }
        if (attempt.containsKey("ciphers")) {
            parameters.setCipherSuites(attempt.get("ciphers").split(","));
        }
        String sni = attempt.get("sni");
        if ("none".equals(sni)) {
            parameters.setServerNames(Collections.<SNIServerName>emptyList());
        } else if (sni != null) {
            parameters.setServerNames(Collections.<SNIServerName>singletonList(new SNIHostName(sni)));
        }
    }

    private static int viaSocket(URI uri, SSLContext context, Map<String, String> attempt, int timeoutMs) throws Exception {
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
            // Connecting by name: JSSE derives SNI (dotted names only) and the identity to check from it.
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), timeoutMs);
            socket.setSoTimeout(timeoutMs);
            SSLParameters parameters = socket.getSSLParameters();
            configure(parameters, attempt);
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            socket.getOutputStream().write(request(uri));
            socket.getOutputStream().flush();
            return status(socket.getInputStream());
        }
    }

    private static int viaEngine(URI uri, SSLContext context, Map<String, String> attempt, int timeoutMs) throws Exception {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(InetAddress.getByName(uri.getHost()), uri.getPort()), timeoutMs);
        socket.setSoTimeout(timeoutMs);
        SSLEngine engine = context.createSSLEngine(uri.getHost(), uri.getPort());
        engine.setUseClientMode(true);
        SSLParameters parameters = engine.getSSLParameters();
        configure(parameters, attempt);
        engine.setSSLParameters(parameters);
        try (EngineTransport connection = new EngineTransport(engine, socket)) {
            connection.handshake();
            connection.write(request(uri));
            return status(connection.inputStream());
        }
    }

    private static int viaHttpsUrlConnection(URI uri, SSLContext context, Map<String, String> attempt, int timeoutMs)
            throws Exception {
        HttpsURLConnection connection = (HttpsURLConnection) new URL(uri.toString()).openConnection(Proxy.NO_PROXY);
        connection.setSSLSocketFactory(new ConfiguringSSLSocketFactory(context.getSocketFactory(), p -> configure(p, attempt)));
        connection.setConnectTimeout(timeoutMs);
        connection.setReadTimeout(timeoutMs);
        connection.setUseCaches(false);
        try {
            int status = connection.getResponseCode();
            InputStream body = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
            if (body != null) {
                try (InputStream b = body) {
                    b.readAllBytes();
                }
            }
            return status;
        } finally {
            connection.disconnect();
        }
    }

    private static int viaHttpClient(URI uri, SSLContext context, Map<String, String> attempt, int timeoutMs)
            throws Exception {
        SSLParameters parameters = context.getDefaultSSLParameters();
        configure(parameters, attempt);
        // Note: HttpClient always sends SNI for a dotted host name; it ignores an empty server name list.
        HttpClient client = HttpClient.newBuilder()
                .sslContext(context)
                .sslParameters(parameters)
                .version(HttpClient.Version.HTTP_1_1)
                .proxy(HttpClient.Builder.NO_PROXY)
                .connectTimeout(Duration.ofMillis(timeoutMs))
                .build();
        HttpRequest get = HttpRequest.newBuilder(uri).timeout(Duration.ofMillis(timeoutMs)).GET().build();
        // Connect (handshake included) and then the response each have timeoutMs; the whole exchange no more.
        return BoundedHttpExchange.send(client, get, 2L * timeoutMs).statusCode();
    }

    static byte[] request(URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return ("GET " + path + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Reads the response until the server closes (bounded) and returns the status code. */
    static int status(InputStream in) throws IOException {
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        for (int n; response.size() < 1 << 20 && (n = in.read(buffer)) >= 0; ) {
            response.write(buffer, 0, n);
        }
        String text = response.toString(StandardCharsets.ISO_8859_1.name());
        String[] statusLine = text.split("\r?\n", 2)[0].split(" ");
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/")) {
            throw new IOException("not an HTTP response: " + ExceptionText.oneLine(text.substring(0, Math.min(80, text.length()))));
        }
        return Integer.parseInt(statusLine[1]);
    }
}
