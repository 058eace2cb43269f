package io.handshakedoctor.samples.external;

/** Renders an exception, and the agent's diagnosis when one is attached, on one line. */
final class Outcome {

    /** Prefix of the suppressed exception message the agent attaches to a failure. */
    static final String DIAGNOSIS_PREFIX = "handshake-doctor:";

    private Outcome() {
    }

    /** {@code failed <Class>: <message> [| handshake-doctor: ...]}. */
    static String failed(Throwable error) {
        StringBuilder line = new StringBuilder("failed ").append(describe(error));
        String diagnosis = findDiagnosis(error);
        if (diagnosis != null) {
            line.append(" | ").append(oneLine(diagnosis));
        }
        return line.toString();
    }

    static String describe(Throwable t) {
        String message = t.getMessage();
        return message == null ? t.getClass().getName() : t.getClass().getName() + ": " + oneLine(message);
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

    static String oneLine(String s) {
        return s.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }
}
