package io.handshakedoctor.logging.apps;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An application that logs through SLF4J and logback (configured by logging-apps/logback.xml). */
public final class LogbackApp {
  private static final Logger LOG = LoggerFactory.getLogger("app");

  private LogbackApp() {}

  public static void main(String[] args) throws Exception {
    LOG.info("calling the payment service");
    try (ExpiredCertificateServer server = ExpiredCertificateServer.start()) {
      server.call(args[0]);
      LOG.info("call succeeded");
    } catch (Exception e) {
      LOG.error("call failed", e);
    }
  }
}
