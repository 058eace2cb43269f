package io.handshakedoctor.external;

/**
 * The loop every forked engine client runs (its arguments: the trust root, then one {@code name=host:port[:option]}
 * per scenario), printing {@code name: outcome} for each, with the agent's enrichment of a failure. Test only.
 */
public final class HandshakeAttempts {
  /** One handshake (or request) with {@code host:port}; returns the outcome line's text. */
  public interface Attempt {
    String attempt(String host, int port, String option) throws Exception;
  }

  private HandshakeAttempts() {}

  /** Runs {@code attempt} for every scenario argument after the first, a failure printed by {@link #failed}. */
  public static void each(String[] args, Attempt attempt) {
    for (int i = 1; i < args.length; i++) {
      String[] nameAndTarget = args[i].split("=", 2);
      String[] target = nameAndTarget[1].split(":");
      String outcome;
      try {
        outcome = attempt.attempt(target[0], Integer.parseInt(target[1]), target.length > 2 ? target[2] : null);
      } catch (Exception e) {
        outcome = failed(e);
      }
      System.out.println(nameAndTarget[0] + ": " + outcome.replace('\n', ' '));
    }
  }

  public static String failed(Throwable failure) {
    return "failed " + failure + diagnoses(failure);
  }

  /** The agent's enrichment: a suppressed exception somewhere in the cause chain. */
  public static String diagnoses(Throwable failure) {
    StringBuilder out = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      for (Throwable s : t.getSuppressed()) {
        if (String.valueOf(s.getMessage()).startsWith("handshake-doctor:")) {
          out.append(" | ").append(s.getMessage());
        }
      }
    }
    return out.toString();
  }
}
