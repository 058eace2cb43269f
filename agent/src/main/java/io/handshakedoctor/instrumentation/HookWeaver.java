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

  /**
   * The max_locals of one method, the first slot free for a new local, read from its {@code Code}
   * attribute in the class file: a walk over the members' headers and attribute lengths, no
   * second parse of the class (the names compared are the reader's cached strings).
   */
  static final class MaxLocals {
    private MaxLocals() {}

    static int of(ClassReader reader, String name, String descriptor) {
      char[] buffer = new char[reader.getMaxStringLength()];
      int offset = reader.header + 6; // access_flags, this_class, super_class
      offset += 2 + 2 * reader.readUnsignedShort(offset); // interfaces
      int fields = reader.readUnsignedShort(offset);
      offset += 2;
      for (int i = 0; i < fields; i++) {
        offset = memberEnd(reader, offset);
      }
      int methods = reader.readUnsignedShort(offset);
      offset += 2;
      for (int i = 0; i < methods; i++) {
        // method_info: access_flags, name_index, descriptor_index, attributes_count, attributes
        if (name.equals(reader.readUTF8(offset + 2, buffer))
            && descriptor.equals(reader.readUTF8(offset + 4, buffer))) {
          int attribute = offset + 8;
          for (int j = reader.readUnsignedShort(offset + 6); j > 0; j--) {
            if ("Code".equals(reader.readUTF8(attribute, buffer))) {
              return reader.readUnsignedShort(attribute + 8); // after length and max_stack
            }
            attribute += 6 + reader.readInt(attribute + 2);
          }
          break;
        }
        offset = memberEnd(reader, offset);
      }
      throw new IllegalStateException("no code for " + name + descriptor);
    }

    /** The offset after a field_info or method_info. */
    private static int memberEnd(ClassReader reader, int offset) {
      int end = offset + 8;
      for (int j = reader.readUnsignedShort(offset + 6); j > 0; j--) {
        end += 6 + reader.readInt(end + 2);
      }
      return end;
    }
  }
}
