package io.handshakedoctor.otel;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;

/**
 * A JVM that stays up to be scraped: each line read on standard input is a sample-apps command
 * line (e.g. {@code certificate_expired --client socket}), run in this JVM, then {@code done <exit>}
 * on standard output; end of input ends the JVM. The sample apps are on the class path.
 */
public final class ScrapedWorkload {
  private ScrapedWorkload() {}

  public static void main(String[] args) throws Exception {
    Method run = Class.forName("io.handshakedoctor.samples.SampleApps").getMethod("run", String[].class);
    System.out.println("ready");
    System.out.flush();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      if (line.isBlank()) {
        continue;
      }
      Object exit = run.invoke(null, (Object) line.trim().split("\\s+"));
      System.out.println("done " + exit);
      System.out.flush();
    }
  }
}
