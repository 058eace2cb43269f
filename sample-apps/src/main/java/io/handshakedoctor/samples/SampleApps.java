package io.handshakedoctor.samples;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.List;

/**
 * Entry point: {@code java -jar sample-apps.jar <scenario>|all|list [options]}.
 *
 * <p>Prints one line per scenario on stdout ({@code --demo}: a table, or the whole text of a named
 * scenario, for people). Exit codes: 0 every scenario ran as intended (failing
 * handshakes are the expected outcome); 1 bad command line; 2 harness error (control failed, a
 * failure scenario unexpectedly succeeded, a port could not be bound, host does not resolve...).
 */
public final class SampleApps {

    static final int EXIT_OK = 0;
    static final int EXIT_USAGE = 1;
    static final int EXIT_HARNESS_ERROR = 2;

    private SampleApps() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Same as main without System.exit, for tests that run it in-process. */
    public static int run(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            usage();
            return EXIT_USAGE;
        }
        if (options.hostsFile() != null) {
            try {
                writeHostsFile(options.hostsFile());
            } catch (IOException e) {
                System.err.println("error: cannot write " + options.hostsFile() + ": " + e);
                return EXIT_HARNESS_ERROR;
            }
            if (options.target() == null) {
                return EXIT_OK;
            }
        }
        // The demo runs every scenario unless one is named (./demo.sh --client http-client).
        String target = options.target() == null && options.demo() ? "all" : options.target();
        if (target == null) {
            usage();
            return EXIT_USAGE;
        }
        if ("list".equals(target)) {
            for (Scenario scenario : Scenarios.all()) {
                System.out.println(scenario.name() + " - " + scenario.description());
            }
            return EXIT_OK;
        }
        List<Scenario> selected;
        if ("all".equals(target)) {
            selected = Scenarios.all();
        } else {
            // One name, or several separated by commas, run in that order.
            selected = new java.util.ArrayList<>();
            for (String name : target.split(",")) {
                Scenario scenario = Scenarios.named(name.trim());
                if (scenario == null) {
                    System.err.println("error: unknown scenario " + name + " (try: list)");
                    return EXIT_USAGE;
                }
                selected.add(scenario);
            }
        }
        if (!hostResolvesToLoopback(options.host())) {
            return EXIT_HARNESS_ERROR;
        }
        DemoReport demo = options.demo() ? new DemoReport(System.out, selected.size() > 1) : null;
        int exit = EXIT_OK;
        for (Scenario scenario : selected) {
            exit = Math.max(exit, runOne(scenario, options, demo));
        }
        if (demo != null) {
            demo.finish();
        }
        return exit;
    }

    private static int runOne(Scenario scenario, Options options, DemoReport demo) {
        ScenarioResult result;
        try {
            result = scenario.run(options);
        } catch (Exception e) {
            System.out.println(scenario.name() + ": harness error " + ExceptionText.describe(e));
            e.printStackTrace(System.err);
            return EXIT_HARNESS_ERROR;
        }
        if (demo == null) {
            System.out.println(result.render(scenario.name()));
            System.out.flush();
        } else {
            demo.add(scenario, result);
        }
        if (result.isSkipped()) {
            return EXIT_OK;
        }
        boolean control = "control".equals(scenario.name());
        if (control != result.isOk()) {
            // The control must succeed and every other scenario must fail, or the reproduction is broken.
            System.err.println("harness error: " + scenario.name() + (control ? " failed" : " unexpectedly succeeded"));
            return EXIT_HARNESS_ERROR;
        }
        return EXIT_OK;
    }

    /**
     * SNI needs a dotted host name, and the JVM resolves it only through DNS or a hosts file given
     * at start-up with -Djdk.net.hosts.file, so explain that rather than failing obscurely.
     */
    private static boolean hostResolvesToLoopback(String host) {
        try {
            InetAddress address = InetAddress.getByName(host);
            if (address.isLoopbackAddress()) {
                return true;
            }
            System.err.println("error: --host " + host + " resolves to " + address.getHostAddress()
                    + ", but the sample servers listen on 127.0.0.1 only");
        } catch (UnknownHostException e) {
            System.err.println("error: --host " + host + " does not resolve. To use the demo names, write a hosts file and"
                    + " start the JVM with it:\n  java -jar sample-apps.jar --write-hosts-file /tmp/hd-hosts\n"
                    + "  java -Djdk.net.hosts.file=/tmp/hd-hosts -jar sample-apps.jar all --host " + Options.APP_HOST);
        }
        return false;
    }

    private static void writeHostsFile(String path) throws IOException {
        String line = "127.0.0.1 " + Options.APP_HOST + " " + Options.OTHER_HOST + " localhost\n";
        Files.write(Paths.get(path), line.getBytes(StandardCharsets.US_ASCII));
        System.err.println("wrote " + path + "; run with -Djdk.net.hosts.file=" + path);
    }

    private static void usage() {
        System.err.println("usage: java -jar sample-apps.jar <scenario>|all|list [options]\n"
                + "  --client socket|engine|https-url-connection|http-client   client path (default socket)\n"
                + "  --server socket|engine                                    server implementation (default socket)\n"
                + "  --protocol TLSv1.3|TLSv1.2                                restrict both sides (default: JDK default)\n"
                + "  --host NAME                                               host the client connects to (default localhost)\n"
                + "  --timeout-ms N                                            connect/read/handshake timeout (default 3000)\n"
                + "  --demo                                                    for people: several scenarios as a table, one in full\n"
                + "  --write-hosts-file PATH                                   write a hosts file mapping the demo names to 127.0.0.1\n"
                + "                                                            (use with -Djdk.net.hosts.file=PATH)");
    }
}
