package io.handshakedoctor.samples;

import java.util.Arrays;
import java.util.List;

/** Command-line options shared by every scenario. */
public final class Options {

    public static final List<String> CLIENT_PATHS = Arrays.asList("socket", "engine", "https-url-connection", "http-client");
    public static final List<String> SERVER_KINDS = Arrays.asList("socket", "engine");
    public static final List<String> PROTOCOLS = Arrays.asList("TLSv1.3", "TLSv1.2");

    /** Host names the generated hosts file maps to 127.0.0.1 (JSSE only sends SNI for dotted names). */
    public static final String APP_HOST = "app.handshake-doctor.test";
    public static final String OTHER_HOST = "other.handshake-doctor.test";

    private String target;
    private String client = "socket";
    private String server = "socket";
    private String protocol;
    private String host = "localhost";
    private int timeoutMs = 3000;
    private String hostsFile;
    private boolean demo;

    public static Options parse(String[] args) {
        Options o = new Options();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--client":
                    o.client = oneOf(arg, value(args, ++i, arg), CLIENT_PATHS);
                    break;
                case "--server":
                    o.server = oneOf(arg, value(args, ++i, arg), SERVER_KINDS);
                    break;
                case "--protocol":
                    o.protocol = oneOf(arg, value(args, ++i, arg), PROTOCOLS);
                    break;
                case "--host":
                    o.host = value(args, ++i, arg);
                    break;
                case "--timeout-ms":
                    o.timeoutMs = parseTimeout(value(args, ++i, arg));
                    break;
                case "--demo":
                    o.demo = true;
                    break;
                case "--write-hosts-file":
                    o.hostsFile = value(args, ++i, arg);
                    break;
                default:
                    if (arg.startsWith("--")) {
                        throw new IllegalArgumentException("unknown option " + arg);
                    }
                    if (o.target != null) {
                        throw new IllegalArgumentException("only one scenario (or all|list) may be given, got " + o.target + " and " + arg);
                    }
                    o.target = arg;
            }
        }
        return o;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static String oneOf(String option, String value, List<String> allowed) {
        if (!allowed.contains(value)) {
            throw new IllegalArgumentException(option + " must be one of " + allowed + ", got " + value);
        }
        return value;
    }

    private static int parseTimeout(String value) {
        int ms = Integer.parseInt(value);
        if (ms <= 0) {
            throw new IllegalArgumentException("--timeout-ms must be positive");
        }
        return ms;
    }

    public String target() {
        return target;
    }

    /** socket | engine | https-url-connection | http-client */
    public String client() {
        return client;
    }

    /** socket | engine */
    public String server() {
        return server;
    }

    /** TLSv1.3 or TLSv1.2 to restrict both sides to, or null for the JDK default. */
    public String protocol() {
        return protocol;
    }

    public String host() {
        return host;
    }

    public int timeoutMs() {
        return timeoutMs;
    }

    /** Output for people: a table of the scenarios, or the whole text of one ({@link DemoReport}). */
    public boolean demo() {
        return demo;
    }

    public String hostsFile() {
        return hostsFile;
    }
}
