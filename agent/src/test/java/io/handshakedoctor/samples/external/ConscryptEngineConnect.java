package io.handshakedoctor.samples.external;

/**
 * The forked client of {@code ConscryptEngineClientIT}: as {@link ConscryptConnect}, through a
 * Conscrypt SSLEngine driven over a socket ({@link Connect}'s engine path). Test only.
 */
public final class ConscryptEngineConnect {
  private ConscryptEngineConnect() {}

  public static void main(String[] args) {
    ConscryptConnect.attempts(args, "engine");
  }
}
