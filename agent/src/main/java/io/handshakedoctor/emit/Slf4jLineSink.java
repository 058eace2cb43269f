package io.handshakedoctor.emit;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * The application's own SLF4J, reached reflectively through the class loader that can see it: the
 * agent bundles no SLF4J and its isolated class loader cannot see the host's. Looked up at the
 * first failure only, never at start-up. When SLF4J is bound to Log4j 2, the line goes through the
 * Log4j API with the application's class loader as the context anchor (see {@link #findLog4j}).
 */
final class Slf4jLineSink {
  /** SLF4J 2.x providers register here; 1.7.x bindings ship the static binder instead. */
  private static final String PROVIDER_SERVICE = "META-INF/services/org.slf4j.spi.SLF4JServiceProvider";

  private static final String STATIC_BINDER = "org/slf4j/impl/StaticLoggerBinder.class";

  /** The outcome of looking for the host's SLF4J in one class loader. */
  enum Lookup {
    /** SLF4J with a real provider: use it. */
    FOUND,
    /** No SLF4J, or SLF4J without a provider (it would only print to its NOP logger). */
    ABSENT,
    /** SLF4J is initialising on this very thread (substitute loggers): ask again next time. */
    NOT_YET
  }

  private static final String SUBSTITUTE_FACTORY = "org.slf4j.helpers.SubstituteLoggerFactory";

  private final Object logger;
  private final Method warn;
  private final Method info;

  private Slf4jLineSink(Object logger, Class<?> loggerType) throws NoSuchMethodException {
    this.logger = logger;
    this.warn = loggerType.getMethod("warn", String.class);
    this.info = loggerType.getMethod("info", String.class);
  }

  /**
   * Writes the line at WARN, or INFO when {@code warn} is false; false when SLF4J refused it (the
   * caller then writes it elsewhere).
   */
  boolean log(boolean warn, String line) {
    try {
      (warn ? this.warn : info).invoke(logger, line);
      return true;
    } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
      return false;
    }
  }

  /**
   * Finds SLF4J in {@code loader}; {@code found[0]} receives the sink when the answer is {@link
   * Lookup#FOUND}.
   */
  static Lookup find(ClassLoader loader, String loggerName, Slf4jLineSink[] found) {
    if (loader == null || !hasProvider(loader)) {
      // Without a provider, touching LoggerFactory would make SLF4J print its "no providers"
      // warning on the host's standard error: leave it alone.
      return Lookup.ABSENT;
    }
    try {
      Class<?> factory = Class.forName("org.slf4j.LoggerFactory", true, loader);
      Class<?> loggerType = Class.forName("org.slf4j.Logger", false, loader);
      Method getILoggerFactory = factory.getMethod("getILoggerFactory");
      Object loggerFactory = getILoggerFactory.invoke(null);
      String factoryType = loggerFactory == null ? "" : loggerFactory.getClass().getName();
      if (factoryType.equals(SUBSTITUTE_FACTORY)) {
        // Another thread is initialising SLF4J (it holds LoggerFactory's monitor meanwhile, in
        // 1.7 and 2.x): wait for it, as any thread logging at that moment would, and look again.
        // On the initialising thread itself, waiting cannot help.
        if (Thread.holdsLock(factory)) {
          return Lookup.NOT_YET;
        }
        synchronized (factory) {
          loggerFactory = getILoggerFactory.invoke(null);
        }
        factoryType = loggerFactory == null ? "" : loggerFactory.getClass().getName();
        if (factoryType.equals(SUBSTITUTE_FACTORY)) {
          return Lookup.NOT_YET;
        }
      }
      if (loggerFactory == null || factoryType.equals("org.slf4j.helpers.NOPLoggerFactory")) {
        return Lookup.ABSENT;
      }
      if (factoryType.startsWith("org.apache.logging.slf4j.")) {
        // SLF4J bound to Log4j 2: Log4j picks the logger context from the caller's class loader,
        // which for us is the agent's (a fresh, unconfigured context that drops WARN). Ask Log4j
        // for the application's own context instead.
        return findLog4j(loader, loggerName, found);
      }
      Object logger = factory.getMethod("getLogger", String.class).invoke(null, loggerName);
      if (logger == null
          || !loggerType.isInstance(logger)
          || logger.getClass().getName().equals("org.slf4j.helpers.NOPLogger")) {
        return Lookup.ABSENT;
      }
      found[0] = new Slf4jLineSink(logger, loggerType);
      return Lookup.FOUND;
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      return Lookup.ABSENT;
    }
  }

  private static Lookup findLog4j(ClassLoader loader, String loggerName, Slf4jLineSink[] found)
      throws ReflectiveOperationException {
    Class<?> logManager = Class.forName("org.apache.logging.log4j.LogManager", true, loader);
    Class<?> contextType = Class.forName("org.apache.logging.log4j.spi.LoggerContext", false, loader);
    Class<?> loggerType = Class.forName("org.apache.logging.log4j.Logger", false, loader);
    Object context =
        logManager.getMethod("getContext", ClassLoader.class, boolean.class).invoke(null, loader, false);
    Object logger = context == null ? null : contextType.getMethod("getLogger", String.class).invoke(context, loggerName);
    if (!loggerType.isInstance(logger)) {
      return Lookup.ABSENT;
    }
    found[0] = new Slf4jLineSink(logger, loggerType);
    return Lookup.FOUND;
  }

  private static boolean hasProvider(ClassLoader loader) {
    if (System.getProperty("slf4j.provider") != null) {
      return true;
    }
    try {
      return loader.getResource(PROVIDER_SERVICE) != null || loader.getResource(STATIC_BINDER) != null;
    } catch (RuntimeException e) {
      return false;
    }
  }
}
