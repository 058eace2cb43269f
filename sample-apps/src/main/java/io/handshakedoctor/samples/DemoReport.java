package io.handshakedoctor.samples;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo's output for people ({@code --demo}): several scenarios as a table, one row each as it
 * finishes, then the whole text of one of them; a single named scenario as its whole text.
 *
 * <p>Each row shows the side whose diagnosis answers the scenario (the one naming the scenario's
 * cause): a server that has no certificate to present is explained on the server, whatever the
 * client, which only received an alert, makes of it.
 */
final class DemoReport {

    /** The scenario whose whole text follows the table, when it ran: the README's first example. */
    private static final String EXAMPLE = "incomplete_chain";
    private static final int SCENARIO_WIDTH = 35;
    private static final int SIDE_WIDTH = 6;
    private static final int JDK_WIDTH = 50;
    private static final int AGENT_WIDTH = 35;
    private static final int TABLE_WIDTH = SCENARIO_WIDTH + SIDE_WIDTH + JDK_WIDTH + AGENT_WIDTH + 6;
    private static final String SUMMARY_INDENT = pad("", SCENARIO_WIDTH + 2);
    private static final int TEXT_WIDTH = 100;

    private final PrintStream out;
    private final boolean table;
    private final List<Scenario> scenarios = new ArrayList<>();
    private final List<ScenarioResult> results = new ArrayList<>();

    DemoReport(PrintStream out, boolean table) {
        this.out = out;
        this.table = table;
    }

    void add(Scenario scenario, ScenarioResult result) {
        if (!table) {
            out.print(wholeText(scenario, result));
            out.flush();
            return;
        }
        if (scenarios.isEmpty()) {
            out.println(row("scenario", "side", "what the JDK said", "what handshake-doctor says"));
            out.println(row(dashes(SCENARIO_WIDTH), dashes(SIDE_WIDTH), dashes(JDK_WIDTH), dashes(AGENT_WIDTH)));
        }
        scenarios.add(scenario);
        results.add(result);
        out.println(row(scenario.name(), result));
        out.flush();
    }

    /** After the table, the whole text of the example scenario (else of the first that failed). */
    void finish() {
        if (!table) {
            return;
        }
        int example = -1;
        for (int i = 0; i < scenarios.size(); i++) {
            boolean failed = !results.get(i).isOk() && !results.get(i).isSkipped();
            if (failed && (example < 0 || scenarios.get(i).name().equals(EXAMPLE))) {
                example = i;
            }
        }
        out.println();
        out.println("Each row: the side whose diagnosis answers the scenario, the message of its exception, the cause");
        out.println("the agent names and, below, the opening of its summary.");
        if (example >= 0) {
            out.println("The whole text of one (./demo.sh NAME prints it for any scenario):");
            out.println();
            out.print(wholeText(scenarios.get(example), results.get(example)));
        }
        out.flush();
    }

    private static String row(String scenario, ScenarioResult result) {
        if (result.isSkipped()) {
            return row(scenario, "", "", "(skipped: " + result.skipReason() + ")");
        }
        if (result.isOk()) {
            return row(scenario, "", "(handshake succeeded)", "(no failure, no event)");
        }
        Side side = answeringSide(scenario, result);
        String jdk = withoutClassNames(side.error.getMessage());
        if (side.diagnosis == null) {
            return row(scenario, side.name, jdk, "(no diagnosis attached)");
        }
        // The cause on the row, and under it the summary's opening, where a row has no room for it.
        return row(scenario, side.name, jdk, side.diagnosis.cause) + "\n"
                + shorten(SUMMARY_INDENT + withoutParentheses(side.diagnosis.summary), TABLE_WIDTH);
    }

    private static String row(String scenario, String side, String jdk, String agent) {
        return pad(scenario, SCENARIO_WIDTH) + "  " + pad(side, SIDE_WIDTH) + "  " + pad(shorten(jdk, JDK_WIDTH), JDK_WIDTH)
                + "  " + agent;
    }

    /** Everything both sides saw and the agent said on each, wrapped for a terminal. */
    static String wholeText(Scenario scenario, ScenarioResult result) {
        StringBuilder text = new StringBuilder(scenario.name()).append(": ").append(scenario.description()).append('\n');
        if (result.isSkipped()) {
            return text.append("  skipped: ").append(result.skipReason()).append("\n\n").toString();
        }
        if (result.isOk()) {
            text.append("  the handshake succeeded; the agent stayed silent\n");
        }
        Side answering = result.isOk() ? null : answeringSide(scenario.name(), result);
        for (Side side : new Side[] {new Side("client", result.clientError()), new Side("server", result.serverError())}) {
            if (side.error == null) {
                continue;
            }
            wrap(text, side.name + " threw " + ExceptionText.describe(side.error), "  ", "      ");
            if (side.diagnosis == null) {
                text.append("    (no diagnosis attached)\n");
                continue;
            }
            boolean answers = answering != null && side.name.equals(answering.name);
            text.append("    handshake-doctor: ").append(side.diagnosis.cause)
                    .append(answers ? "  <- answers the scenario" : "").append('\n');
            wrap(text, side.diagnosis.summary, "      ", "      ");
            if (!side.diagnosis.fix.isEmpty()) {
                wrap(text, "fix: " + side.diagnosis.fix, "      ", "      ");
            }
        }
        return text.append('\n').toString();
    }

    /**
     * The side whose diagnosis names the scenario's cause (scenarios are named after the cause they
     * reproduce); else the side that has a diagnosis, the client first.
     */
    private static Side answeringSide(String scenario, ScenarioResult result) {
        Side client = new Side("client", result.clientError());
        Side server = new Side("server", result.serverError());
        for (Side side : new Side[] {client, server}) {
            if (side.diagnosis != null && side.diagnosis.cause.equals(scenario)) {
                return side;
            }
        }
        return client.diagnosis == null && server.error != null ? server : client;
    }

    /** One side of a scenario: what it threw and what the agent attached to it. */
    private static final class Side {
        final String name;
        final Throwable error;
        final AgentDiagnosis diagnosis;

        Side(String name, Throwable error) {
            this.name = name;
            this.error = error;
            this.diagnosis = error == null ? null : AgentDiagnosis.of(error);
        }
    }

    /** "PKIX path validation failed: java.security.cert.CertPathValidatorException: validity check failed" loses the class name. */
    static String withoutClassNames(String message) {
        return message == null ? "" : message.replaceAll("\\b(?:[a-z]\\w*\\.)+[A-Z]\\w*: ", "").replaceAll("\\s+", " ").trim();
    }

    /** Distinguished names and other asides, which the whole text keeps, make a row too long. */
    static String withoutParentheses(String text) {
        String previous;
        String current = text;
        do {
            previous = current;
            current = current.replaceAll("\\s*\\([^()]*\\)", "");
        } while (!current.equals(previous));
        return current;
    }

    static String shorten(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 3) + "...";
    }

    private static String pad(String text, int width) {
        StringBuilder padded = new StringBuilder(text);
        while (padded.length() < width) {
            padded.append(' ');
        }
        return padded.toString();
    }

    private static String dashes(int width) {
        return pad("", width).replace(' ', '-');
    }

    /** Appends {@code text} in lines of at most TEXT_WIDTH, the first after {@code first}, the others after {@code indent}. */
    private static void wrap(StringBuilder out, String text, String first, String indent) {
        StringBuilder line = new StringBuilder(first);
        int start = first.length();
        for (String word : text.trim().split("\\s+")) {
            if (line.length() > start && line.length() + 1 + word.length() > TEXT_WIDTH) {
                out.append(line).append('\n');
                line = new StringBuilder(indent);
                start = indent.length();
            }
            if (line.length() > start) {
                line.append(' ');
            }
            line.append(word);
        }
        out.append(line).append('\n');
    }
}
