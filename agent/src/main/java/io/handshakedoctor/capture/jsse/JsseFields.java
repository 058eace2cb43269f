package io.handshakedoctor.capture.jsse;

import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How SunJSSE's internal fields and methods are read by name: the mechanics only (the names
 * themselves are in the readers beside this class). Field names are stable from JDK 11 to 25 but
 * their types drift (lists become arrays, classes are renamed), so every read is typed {@code
 * Object}, tolerant of absence, and never throws: a missing field means a missing fact, not a
 * broken agent.
 */
final class JsseFields {
  private static final Object MISSING = new Object();
  /** Per class, its looked-up fields and methods by name (no key strings built per read). */
  private final ClassValue<Map<String, Object>> fields =
      new ClassValue<Map<String, Object>>() {
        @Override
        protected Map<String, Object> computeValue(Class<?> type) {
          return new ConcurrentHashMap<>();
        }
      };
  private final ClassValue<Map<String, Object>> methods =
      new ClassValue<Map<String, Object>>() {
        @Override
        protected Map<String, Object> computeValue(Class<?> type) {
          return new ConcurrentHashMap<>();
        }
      };

  /** The value of {@code name} on {@code target} (searching superclasses), or null. */
  Object field(Object target, String name) {
    return read(target, name, fields, false);
  }

  boolean booleanField(Object target, String name) {
    return Boolean.TRUE.equals(field(target, name));
  }

  /** The result of the no-argument method {@code name} on {@code target}, or null. */
  Object call(Object target, String name) {
    return read(target, name, methods, true);
  }

  /** The accessible field {@code name} of {@code type} or a superclass, or null: for callers that cache it. */
  static Field lookUp(Class<?> type, String name) {
    Object f = find(type, name, false);
    return f == MISSING ? null : (Field) f;
  }

  private static Object read(
      Object target, String name, ClassValue<Map<String, Object>> members, boolean method) {
    if (target == null) {
      return null;
    }
    Class<?> type = target.getClass();
    Map<String, Object> known = members.get(type);
    Object member = known.get(name);
    if (member == null) {
      member = find(type, name, method); // a race looks it up twice, to the same answer
      known.putIfAbsent(name, member);
    }
    if (member == MISSING) {
      return null;
    }
    try {
      return method ? ((Method) member).invoke(target) : ((Field) member).get(target);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return null; // a getter that failed or a JDK that changed: one fact less
    }
  }

  private static Object find(Class<?> type, String name, boolean method) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      try {
        AccessibleObject member = method ? c.getDeclaredMethod(name) : c.getDeclaredField(name);
        member.setAccessible(true);
        return member;
      } catch (NoSuchFieldException | NoSuchMethodException e) {
        // look in the superclass
      } catch (RuntimeException e) {
        return MISSING; // not opened to us: this JDK keeps the fact
      }
    }
    return MISSING;
  }

  /** JSSE's display name of a ProtocolVersion ({@code TLSv1.3}), CipherSuite or other enum. */
  String displayName(Object jsseEnum) {
    if (jsseEnum == null) {
      return null;
    }
    Object name = field(jsseEnum, "name");
    if (name instanceof String) {
      return (String) name;
    }
    return jsseEnum instanceof Enum ? ((Enum<?>) jsseEnum).name() : String.valueOf(jsseEnum);
  }

  /** Display names of a collection or array of JSSE enums (or of strings); null stays null. */
  List<String> displayNames(Object collectionOrArray) {
    if (collectionOrArray == null) {
      return null;
    }
    Collection<?> items;
    if (collectionOrArray instanceof Collection) {
      items = (Collection<?>) collectionOrArray;
    } else if (collectionOrArray instanceof Object[]) {
      items = java.util.Arrays.asList((Object[]) collectionOrArray);
    } else {
      return Collections.emptyList();
    }
    List<String> out = new ArrayList<>(items.size());
    for (Object item : items) {
      out.add(item instanceof String ? (String) item : displayName(item));
    }
    return out;
  }
}
