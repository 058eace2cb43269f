package io.handshakedoctor;

import java.io.FileNotFoundException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The {@link PartDecorator}s of the {@code decorators.jar} setting: the jar's {@code
 * META-INF/services/io.handshakedoctor.PartDecorator}, loaded on a class loader of its own whose
 * parent is the agent's, so the decorators see the agent's types and the host sees neither. No
 * setting, no loader: the agent then runs on {@link PartDecorator#NONE}.
 */
final class PartDecorators implements PartDecorator {
  private final List<PartDecorator> decorators;

  private PartDecorators(List<PartDecorator> decorators) {
    this.decorators = decorators;
  }

  /** The jar's decorators, applied in the order listed; {@link #NONE} without a jar or when it cannot be loaded. */
  static PartDecorator load(Path jar, InternalErrors errors) {
    if (jar == null) {
      return NONE;
    }
    if (!Files.isRegularFile(jar)) {
      errors.internalError("loading decorators.jar: " + jar, new FileNotFoundException(jar.toString()));
      return NONE;
    }
    try {
      ClassLoader loader =
          new URLClassLoader("handshake-doctor-decorators", new URL[] {jar.toUri().toURL()}, PartDecorators.class.getClassLoader());
      List<PartDecorator> found = new ArrayList<>();
      for (PartDecorator decorator : ServiceLoader.load(PartDecorator.class, loader)) {
        found.add(decorator);
      }
      return new PartDecorators(List.copyOf(found));
    } catch (Throwable t) {
      errors.internalError("loading decorators.jar: " + jar, t);
      return NONE;
    }
  }

  @Override
  public <T> T decorate(Class<T> role, T part) {
    T decorated = part;
    for (PartDecorator decorator : decorators) {
      decorated = decorator.decorate(role, decorated);
    }
    return decorated;
  }
}
