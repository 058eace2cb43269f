package io.handshakedoctor.instrumentation;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.function.Function;

/**
 * Defines every class of one library itself (child first, from the test class path's bytes), weaving those its hook
 * points name, so a test can link the woven classes (reflection links a class, which verifies it) beside the
 * library's real ones. Test only.
 */
final class WovenLibraryLoader extends ClassLoader {
  private final String packagePrefix;
  private final Function<String, List<HookPoint>> hookPoints;

  /** {@code packagePrefix}: the library's binary-name prefix ({@code "org.conscrypt."}); {@code hookPoints}: its table. */
  WovenLibraryLoader(String packagePrefix, Function<String, List<HookPoint>> hookPoints) {
    super(WovenLibraryLoader.class.getClassLoader());
    this.packagePrefix = packagePrefix;
    this.hookPoints = hookPoints;
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (!name.startsWith(packagePrefix)) {
      return super.loadClass(name, resolve);
    }
    synchronized (getClassLoadingLock(name)) {
      Class<?> c = findLoadedClass(name);
      if (c == null) {
        String internalName = name.replace('.', '/');
        try {
          byte[] bytes = bytes(internalName);
          List<HookPoint> points = hookPoints.apply(internalName);
          if (!points.isEmpty()) {
            bytes = HookWeaver.weave(bytes, points);
          }
          c = defineClass(name, bytes, 0, bytes.length);
        } catch (IOException | AssertionError e) {
          throw new ClassNotFoundException(name, e);
        }
      }
      return c;
    }
  }

  /** A class file's bytes from the test class path, never loading the class. */
  static byte[] bytes(String internalName) throws IOException {
    try (InputStream in = WovenLibraryLoader.class.getClassLoader().getResourceAsStream(internalName + ".class")) {
      if (in == null) {
        throw new AssertionError(internalName + " is not on the test class path");
      }
      return in.readAllBytes();
    }
  }
}
