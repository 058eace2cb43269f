package io.handshakedoctor.it;

/** A host JVM for the attach tests: fails a handshake every few hundred milliseconds, for 30 s or args[0] seconds. */
public final class AttachTarget {
  private AttachTarget() {}

  public static void main(String[] args) throws Exception {
    System.out.println("ready");
    System.out.flush();
    long seconds = args.length > 0 ? Long.parseLong(args[0]) : 30;
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    while (System.nanoTime() < end) {
      io.handshakedoctor.samples.SampleApps.run(new String[] {"untrusted_self_signed"});
      Thread.sleep(300);
    }
  }
}
