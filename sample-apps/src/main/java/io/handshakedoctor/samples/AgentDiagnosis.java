package io.handshakedoctor.samples;

/**
 * The diagnosis the agent attached to an exception, as a suppressed exception whose message reads
 * {@code handshake-doctor: <cause>: <summary>; fix: <fix>}, taken apart for display.
 */
final class AgentDiagnosis {

    private static final String FIX = "; fix: ";

    final String cause;
    final String summary;
    /** Empty when the agent gave no fix. */
    final String fix;

    private AgentDiagnosis(String cause, String summary, String fix) {
        this.cause = cause;
        this.summary = summary;
        this.fix = fix;
    }

    /** The diagnosis on {@code error}'s cause chain, or null when the agent attached none. */
    static AgentDiagnosis of(Throwable error) {
        String message = ExceptionText.findDiagnosis(error);
        if (message == null) {
            return null;
        }
        String text = message.substring(ExceptionText.DIAGNOSIS_PREFIX.length()).trim();
        int colon = text.indexOf(": ");
        if (colon < 0) {
            return new AgentDiagnosis(text, "", "");
        }
        String rest = text.substring(colon + 2);
        int fix = rest.indexOf(FIX);
        return fix < 0
                ? new AgentDiagnosis(text.substring(0, colon), rest, "")
                : new AgentDiagnosis(text.substring(0, colon), rest.substring(0, fix), rest.substring(fix + FIX.length()));
    }
}
