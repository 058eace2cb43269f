package io.handshakedoctor.capture;

/**
 * TEST ONLY: makes one stage of the agent fail on purpose, to prove that a fault anywhere inside
 * the agent leaves the host's handshakes alone and is reported once. Off unless the system
 * property {@code handshake.doctor.test.fail} names a stage: a listener hook ({@code
 * handshakeStarted}, {@code fatalThrown}, ...: see {@link FaultInjectingListener}), {@code
 * transform} (the class file transformer throws), {@code parser} (a wire parser throws while the
 * evidence is assembled), {@code diagnosis} (an {@link OutOfMemoryError} while diagnosing),
 * {@code enrich} (enriching the exception throws) or {@code output} (every output throws). The
 * older {@code handshake.doctor.test.fail.capture=true} means {@code handshakeStarted}.
 */
public final class InjectedFaults {
  public static final String PROPERTY = "handshake.doctor.test.fail";
  private static final String STAGE = stage();

  private InjectedFaults() {}

  private static String stage() {
    try {
      String stage = System.getProperty(PROPERTY);
      if (stage == null && Boolean.getBoolean(PROPERTY + ".capture")) {
        stage = "handshakeStarted";
      }
      return stage == null || stage.isEmpty() ? null : stage;
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** True when a fault is injected anywhere (the listener is then wrapped). */
  public static boolean enabled() {
    return STAGE != null;
  }

  static boolean at(String stage) {
    return STAGE != null && STAGE.equals(stage);
  }

  /** Throws the injected fault when {@code stage} is the one named; otherwise does nothing. */
  public static void maybeFail(String stage) {
    if (STAGE != null && STAGE.equals(stage)) {
      if (stage.equals("diagnosis")) {
        throw new OutOfMemoryError("injected fault (" + PROPERTY + "=" + stage + ")");
      }
      throw new IllegalStateException("injected fault (" + PROPERTY + "=" + stage + ")");
    }
  }
}
