package io.handshakedoctor.it;

/** A host JVM for the attach test: fails a handshake every few hundred milliseconds. */
public final class AttachTarget {
  private AttachTarget() {}

  public static void main(String[] args) throws Exception {
    System.out.println("ready");
    System.out.flush();
    long end = System.nanoTime() + 30_000_000_000L;
    while (System.nanoTime() < end) {
      io.handshakedoctor.samples.SampleApps.run(new String[] {"untrusted_self_signed"});
      Thread.sleep(300);
    }
  }
}
