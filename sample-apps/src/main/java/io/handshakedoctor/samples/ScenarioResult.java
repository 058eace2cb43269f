package io.handshakedoctor.samples;

/** What happened on each side of one scenario run, rendered as the single output line. */
public final class ScenarioResult {

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
            line.append(" client: ").append(ExceptionText.describe(clientError));
        }
        if (serverError != null) {
            line.append(" server: ").append(ExceptionText.describe(serverError));
        }
        ExceptionText.appendDiagnosis(line, clientError);
        return line.toString();
    }
}
