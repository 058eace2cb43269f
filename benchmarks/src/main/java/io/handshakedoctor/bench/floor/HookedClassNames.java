package io.handshakedoctor.bench.floor;

/**
 * Prints the internal names of the classes the agent hooks, comma-separated: the {@code preload}
 * floor's option. benchmarks/run.sh runs it with the agent's compiled classes on the class path, so
 * the list is the agent's own hook table, read from the build under test, and the floor agent never
 * loads a class of the agent's. (Reflection: benchmarks do not compile against the agent.)
 */
public final class HookedClassNames {
  private static final String HOOK_TABLE = "io.handshakedoctor.instrumentation.JsseHookPoints";

  private HookedClassNames() {}

  public static void main(String[] args) throws ReflectiveOperationException {
    Iterable<?> names = (Iterable<?>) Class.forName(HOOK_TABLE).getMethod("classNames").invoke(null);
    StringBuilder out = new StringBuilder();
    for (Object name : names) {
      out.append(out.length() == 0 ? "" : ",").append(name);
    }
    if (out.length() == 0) {
      throw new IllegalStateException(HOOK_TABLE + " names no class");
    }
    System.out.println(out);
  }
}
