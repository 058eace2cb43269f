package io.handshakedoctor.external;

/**
 * What a forked application prints of the agent's enrichment: the message of every suppressed
 * {@code handshake-doctor:} exception on the exception it caught or on any of its causes. JDK types only, so
 * any forked application can use it whatever its class path. Test only.
 */
final class AgentDiagnoses {
  private AgentDiagnoses() {}

  /** {@code " | <diagnosis>"} per enrichment found, outermost first; empty when there is none. */
  static String on(Throwable caught) {
    StringBuilder out = new StringBuilder();
    for (Throwable t = caught; t != null; t = t.getCause()) {
      for (Throwable s : t.getSuppressed()) {
        if (String.valueOf(s.getMessage()).startsWith("handshake-doctor:")) {
          out.append(" | ").append(t.getClass().getSimpleName()).append(" carries ").append(s.getMessage());
        }
      }
    }
    return out.toString();
  }
}
