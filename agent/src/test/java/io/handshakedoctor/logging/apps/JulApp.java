package io.handshakedoctor.logging.apps;

import java.util.logging.Level;
import java.util.logging.Logger;

/** An application that logs through java.util.logging (configured by logging-apps/jul.properties). */
public final class JulApp {
  private static final Logger LOG = Logger.getLogger("app");

  private JulApp() {}

  public static void main(String[] args) throws Exception {
    LOG.info("calling the payment service");
    try (ExpiredCertificateServer server = ExpiredCertificateServer.start()) {
      server.call(args[0]);
      LOG.info("call succeeded");
    } catch (Exception e) {
      LOG.log(Level.SEVERE, "call failed", e);
    }
  }
}
