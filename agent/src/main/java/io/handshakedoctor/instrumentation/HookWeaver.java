package io.handshakedoctor.instrumentation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Weaves the hook points of one JSSE class into its class file with ASM's core API, from the bytes
 * alone: nothing is loaded and no frame is computed (each hooked method's own frames are kept and
 * the woven code brings its own), so weaving a JSSE class never loads another class. Methods
 * without a hook are copied as they are.
 */
final class HookWeaver {
  static final int ASM_API = Opcodes.ASM9;

  private HookWeaver() {}

  /** The woven class file, or null when no hook point matched a method of the class. */
  static byte[] weave(byte[] classFile, List<HookPoint> points) {
    ClassReader reader = new ClassReader(classFile);
    ClassWriter writer = new ClassWriter(reader, 0);
    HookingClassVisitor hooking = new HookingClassVisitor(writer, reader, points);
    // Expanded frames: a hooked method's frames are rewritten whole (F_NEW) with the woven code's.
    reader.accept(hooking, ClassReader.EXPAND_FRAMES);
    return hooking.wovenMethods == 0 ? null : writer.toByteArray();
  }

  private static final class HookingClassVisitor extends ClassVisitor {
    private final ClassReader reader;
    private final List<HookPoint> points;
    private final Map<String, String> declaredFields = new HashMap<>();
    private String className;
    int wovenMethods;

    HookingClassVisitor(ClassVisitor next, ClassReader reader, List<HookPoint> points) {
      super(ASM_API, next);
      this.reader = reader;
      this.points = points;
    }

    @Override
    public void visit(
        int version, int access, String name, String signature, String superName, String[] interfaces) {
      className = name;
      super.visit(version, access, name, signature, superName, interfaces);
    }

    @Override
    public FieldVisitor visitField(
        int access, String name, String descriptor, String signature, Object value) {
      declaredFields.put(name, descriptor);
      return super.visitField(access, name, descriptor, signature, value);
    }

    @Override
    public MethodVisitor visitMethod(
        int access, String name, String descriptor, String signature, String[] exceptions) {
      MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
      if ((access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
        return next;
      }
      for (HookPoint point : points) {
        if (point.method().matches(name, descriptor)) {
          checkFields(point);
          int flagSlot = point.needsFirstCallFlag() ? MaxLocals.of(reader, name, descriptor) : -1;
          wovenMethods++;
          return new WovenMethod(next, className, access, descriptor, point, flagSlot);
        }
      }
      return next;
    }

    /**
     * A field the woven code reads that this class declares with another type than the hook
     * expects would not verify: refuse the class (it stays as it was) rather than weave it.
     */
    private void checkFields(HookPoint point) {
      for (HookCall call : new HookCall[] {point.onEnter(), point.onReturn(), point.onThrow()}) {
        if (call == null) {
          continue;
        }
        if (call.guard.kind == HookGuard.Kind.FIRST_CALL) {
          checkField(call.guard.name, call.guard.descriptor);
        }
        for (HookArgument a : call.arguments) {
          if (a.kind == HookArgument.Kind.FIELD) {
            checkField(a.fieldName, a.fieldDescriptor);
          }
        }
      }
    }

    private void checkField(String name, String descriptor) {
      String declared = declaredFields.get(name);
      if (declared != null && !declared.equals(descriptor)) {
        throw new IllegalStateException(
            className + "." + name + " is " + declared + ", the hook expects " + descriptor);
      }
    }
  }

  /** The max_locals of one method, read before weaving it: the first slot free for a new local. */
  private static final class MaxLocals extends ClassVisitor {
    private final String name;
    private final String descriptor;
    private int maxLocals = -1;

    private MaxLocals(String name, String descriptor) {
      super(ASM_API);
      this.name = name;
      this.descriptor = descriptor;
    }

    static int of(ClassReader reader, String name, String descriptor) {
      MaxLocals scan = new MaxLocals(name, descriptor);
      reader.accept(scan, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
      if (scan.maxLocals < 0) {
        throw new IllegalStateException("no code for " + name + descriptor);
      }
      return scan.maxLocals;
    }

    @Override
    public MethodVisitor visitMethod(
        int access, String methodName, String methodDescriptor, String signature, String[] exceptions) {
      if (!methodName.equals(name) || !methodDescriptor.equals(descriptor)) {
        return null;
      }
      return new MethodVisitor(ASM_API) {
        @Override
        public void visitMaxs(int maxStack, int locals) {
          maxLocals = locals;
        }
      };
    }
  }
}
