package io.handshakedoctor;

import java.lang.management.ManagementFactory;
import javax.management.ObjectName;

/** The JMX view of {@link Reporting}. */
final class ControlBean implements HandshakeDoctorMXBean {
  static final String NAME = "io.handshakedoctor:type=HandshakeDoctor";

  private final Reporting reporting;

  private ControlBean(Reporting reporting) {
    this.reporting = reporting;
  }

  /** Registers the view; a host without a usable platform MBean server just goes without. */
  static void register(Reporting reporting) {
    try {
      ObjectName name = new ObjectName(NAME);
      javax.management.MBeanServer server = ManagementFactory.getPlatformMBeanServer();
      if (!server.isRegistered(name)) {
        server.registerMBean(new ControlBean(reporting), name);
      }
    } catch (Throwable t) {
      // JMX is a convenience; attach with enabled=false/true controls reporting without it.
    }
  }

  @Override
  public long getFailures() {
    return reporting.failures();
  }

  @Override
  public long getFailuresNotWritten() {
    return reporting.failuresNotWritten();
  }

  @Override
  public boolean isReporting() {
    return reporting.on();
  }

  @Override
  public void setReporting(boolean on) {
    reporting.turn(on);
  }
}
