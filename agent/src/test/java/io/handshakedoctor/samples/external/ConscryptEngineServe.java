package io.handshakedoctor.samples.external;

/**
 * The forked server of {@code ConscryptEngineServerIT}: as {@link ConscryptServe}, with a
 * Conscrypt SSLEngine over each accepted plain socket. Test only.
 */
public final class ConscryptEngineServe {
  private ConscryptEngineServe() {}

  public static void main(String[] args) throws Exception {
    ConscryptServe.serve(args, true);
  }
}
