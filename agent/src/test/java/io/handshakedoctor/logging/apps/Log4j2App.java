package io.handshakedoctor.logging.apps;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * An application that logs through the Log4j 2 API and core (configured by
 * logging-apps/log4j2.xml), with log4j-slf4j2-impl on its class path as such services usually have.
 */
public final class Log4j2App {
  private static final Logger LOG = LogManager.getLogger("app");

  private Log4j2App() {}

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
