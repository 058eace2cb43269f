package host;

import net.bytebuddy.ByteBuddy;

/**
 * A host application with its own (older) Byte Buddy, SLF4J and OpenTelemetry API on its class
 * path: prints where each comes from, uses them, then fails a handshake.
 */
public final class ClashingHostApp {
  private ClashingHostApp() {}

  public static void main(String[] args) throws Exception {
    System.out.println("byte-buddy " + jarOf(ByteBuddy.class));
    System.out.println("slf4j " + jarOf(org.slf4j.LoggerFactory.class));
    System.out.println("opentelemetry " + jarOf(io.opentelemetry.api.GlobalOpenTelemetry.class));
    Class<?> made = new ByteBuddy().subclass(Object.class).name("host.Made").make()
        .load(ClashingHostApp.class.getClassLoader()).getLoaded();
    System.out.println("made " + made.getName());
    org.slf4j.LoggerFactory.getLogger("host").info("host logging works");
    System.out.println("tracer " + io.opentelemetry.api.GlobalOpenTelemetry.getTracer("host").getClass().getName());
    io.handshakedoctor.samples.SampleApps.run(new String[] {"untrusted_self_signed"});
  }

  private static String jarOf(Class<?> type) {
    return type.getProtectionDomain().getCodeSource().getLocation().getPath().replaceAll(".*/", "");
  }
}
