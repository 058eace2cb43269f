package io.handshakedoctor.samples;

/** An exception, and the agent's diagnosis when one is attached, as text on one line: every sample's output. */
public final class ExceptionText {

    /** Prefix of the suppressed exception message the agent attaches to a failure. */
    static final String DIAGNOSIS_PREFIX = "handshake-doctor:";

    private ExceptionText() {
    }

    /** {@code failed <Class>: <message> [| handshake-doctor: ...]}. */
    public static String failed(Throwable error) {
        StringBuilder line = new StringBuilder("failed ").append(describe(error));
        appendDiagnosis(line, error);
        return line.toString();
    }

    /** {@code <Class>: <message>}, the message on one line. */
    public static String describe(Throwable t) {
        String message = t.getMessage();
        return message == null ? t.getClass().getName() : t.getClass().getName() + ": " + oneLine(message);
    }

    /** Appends {@code  | handshake-doctor: ...} when the agent attached a diagnosis to {@code error}. */
    static void appendDiagnosis(StringBuilder line, Throwable error) {
        String diagnosis = findDiagnosis(error);
        if (diagnosis != null) {
            line.append(" | ").append(oneLine(diagnosis));
        }
    }

    /** The agent's explanation, if it attached one anywhere along the exception's cause chain. */
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

    public static String oneLine(String s) {
        return s.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }
}
