package io.handshakedoctor.samples;

/** What happened on each side of one scenario run, rendered as the single output line. */
public final class ScenarioResult {

    /** Prefix of the suppressed exception message the agent attaches to a failure. */
    static final String DIAGNOSIS_PREFIX = "handshake-doctor:";

    private final boolean clientSucceeded;
    private final Throwable clientError;
    private final Throwable serverError;
    private final String skipReason;

    private ScenarioResult(boolean clientSucceeded, Throwable clientError, Throwable serverError, String skipReason) {
        this.clientSucceeded = clientSucceeded;
        this.clientError = clientError;
        this.serverError = serverError;
        this.skipReason = skipReason;
    }

    public static ScenarioResult of(Throwable clientError, Throwable serverError) {
        return new ScenarioResult(clientError == null, clientError, serverError, null);
    }

    public static ScenarioResult skipped(String why) {
        return new ScenarioResult(false, null, null, why);
    }

    public boolean isSkipped() {
        return skipReason != null;
    }

    /** True when the client completed its request; server-side noise does not change that. */
    public boolean isOk() {
        return skipReason == null && clientSucceeded;
    }

    /** Why the scenario did not run, or null when it ran. */
    public String skipReason() {
        return skipReason;
    }

    public Throwable clientError() {
        return clientError;
    }

    public Throwable serverError() {
        return serverError;
    }

    /** {@code <scenario>: <ok|failed> [client: <Class>: <message>] [server: <Class>: <message>] [| diagnosis]}. */
    public String render(String scenario) {
        if (skipReason != null) {
            return scenario + ": skipped (" + skipReason + ")";
        }
        StringBuilder line = new StringBuilder(scenario).append(isOk() ? ": ok" : ": failed");
        if (clientError != null) {
            line.append(" client: ").append(describe(clientError));
        }
        if (serverError != null) {
            line.append(" server: ").append(describe(serverError));
        }
        String diagnosis = findDiagnosis(clientError);
        if (diagnosis != null) {
            line.append(" | ").append(oneLine(diagnosis));
        }
        return line.toString();
    }

    static String describe(Throwable t) {
        String message = t.getMessage();
        return message == null ? t.getClass().getName() : t.getClass().getName() + ": " + oneLine(message);
    }

    /** The agent's explanation, if it attached one anywhere along the client exception's cause chain. */
    static String findDiagnosis(Throwable error) {
        for (Throwable t = error, seen = null; t != null && t != seen; seen = t, t = t.getCause()) {
            for (Throwable suppressed : t.getSuppressed()) {
                String message = suppressed.getMessage();
                if (message != null && message.startsWith(DIAGNOSIS_PREFIX)) {
                    return message;
                }
            }
        }
        return null;
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }
}
