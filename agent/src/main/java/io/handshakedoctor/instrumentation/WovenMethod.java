package io.handshakedoctor.instrumentation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.TypePath;

/**
 * Weaves one hook point into one JSSE method while it is copied: its calls at entry, before each
 * return, and in a handler around the original body that calls and rethrows.
 *
 * <p>Every call, with its guard and the loading of its arguments, is covered by a handler of its
 * own that drops whatever it throws (a missing class, a stack overflow, a fault in the agent) and
 * resumes where the call would have returned: nothing reaches JSSE. These handlers come first in
 * the exception table, so no handler of JSSE's ever sees the agent's exceptions.
 *
 * <p>No frame is computed: the woven code declares its own (only the locals it needs after its
 * handlers, all known from the method's descriptor), and the method's frames pass through, with
 * the one local the woven code keeps alive (the first-call flag) appended. The return value and
 * the exception are kept in a slot after the parameters: at a return or in the rethrowing handler
 * no other local is live any more.
 */
final class WovenMethod extends MethodVisitor {
  private static final String THROWABLE = "java/lang/Throwable";
  private static final Object[] NO_STACK = {};
  private static final Object[] THROWABLE_STACK = {THROWABLE};

  private enum Site {
    ENTER,
    RETURN,
    THROW
  }

  /** One woven call: its range, its handler and where both continue. */
  private static final class ProtectedCall {
    final Label start = new Label();
    final Label end = new Label();
    final Label handler = new Label();
    final Label resume = new Label();
    final Object[] locals;

    ProtectedCall(Object[] locals) {
      this.locals = locals;
    }
  }

  private final String owner;
  private final boolean isStatic;
  private final Type[] parameters;
  private final Type returnType;
  private final HookPoint point;
  /** The first-call flag's slot (after every original local), or -1. */
  private final int flagSlot;
  /** Holds the return value before a return, the exception in the rethrowing handler. */
  private final int scratchSlot;
  private final int extraStack;
  private final Label bodyStart = new Label();
  private final List<ProtectedCall> calls = new ArrayList<>();
  private final List<Object[]> hostHandlers = new ArrayList<>();

  WovenMethod(
      MethodVisitor next, String owner, int access, String descriptor, HookPoint point, int flagSlot) {
    super(HookWeaver.ASM_API, next);
    this.owner = owner;
    this.isStatic = (access & Opcodes.ACC_STATIC) != 0;
    this.parameters = Type.getArgumentTypes(descriptor);
    this.returnType = Type.getReturnType(descriptor);
    this.point = point;
    this.flagSlot = flagSlot;
    this.scratchSlot = flagSlot >= 0 ? flagSlot + 1 : (Type.getArgumentsAndReturnSizes(descriptor) >> 2) - (isStatic ? 1 : 0);
    this.extraStack = 2 + Math.max(stackOf(point.onEnter()), Math.max(stackOf(point.onReturn()), stackOf(point.onThrow())));
    check();
  }

  private static int stackOf(HookCall call) {
    return call == null ? 0 : Type.getArgumentsAndReturnSizes(call.descriptor) >> 2;
  }

  /** Hook points this weaver cannot honour are refused before any code is written. */
  private void check() {
    boolean constructor = point.method().isConstructor();
    if (constructor && (point.onEnter() != null || point.onThrow() != null)) {
      throw new IllegalStateException(point.description() + ": a constructor is hooked on return only");
    }
    for (HookCall call : new HookCall[] {point.onEnter(), point.onReturn(), point.onThrow()}) {
      if (call == null) {
        continue;
      }
      for (HookArgument a : call.arguments) {
        if (isStatic && a.readsReceiver()) {
          throw new IllegalStateException(point.description() + ": static, no receiver");
        }
        if (a.kind == HookArgument.Kind.PARAMETER && a.parameter >= parameters.length) {
          throw new IllegalStateException(point.description() + ": no parameter " + a.parameter);
        }
        if (a.kind == HookArgument.Kind.RETURNED && returnType.getSort() < Type.ARRAY) {
          throw new IllegalStateException(point.description() + ": returns no object");
        }
      }
    }
  }

  @Override
  public void visitCode() {
    super.visitCode();
    if (flagSlot >= 0) {
      super.visitInsn(Opcodes.ICONST_0);
      super.visitVarInsn(Opcodes.ISTORE, flagSlot);
    }
    if (point.onEnter() != null) {
      protectedCall(point.onEnter(), Site.ENTER, entryLocals());
      // The method's own first frame, if it has one, stays at an offset of its own.
      super.visitInsn(Opcodes.NOP);
    }
    super.visitLabel(bodyStart);
  }

  @Override
  public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
    if (flagSlot < 0) {
      super.visitFrame(type, numLocal, local, numStack, stack);
      return;
    }
    // Expanded frames (F_NEW) only: the flag follows every original local.
    FrameLocals locals = new FrameLocals();
    for (int i = 0; i < numLocal; i++) {
      locals.add(local[i]);
    }
    locals.padTo(flagSlot);
    locals.add(Opcodes.INTEGER);
    Object[] all = locals.toArray();
    super.visitFrame(type, all.length, all, numStack, stack);
  }

  @Override
  public void visitInsn(int opcode) {
    if (point.onReturn() != null && opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
      // After the call: what the rethrowing handler needs (the return is still in its range).
      FrameLocals locals = point.onThrow() == null ? new FrameLocals() : throwLocals();
      if (opcode == Opcodes.RETURN) {
        protectedCall(point.onReturn(), Site.RETURN, locals.toArray());
      } else {
        super.visitVarInsn(returnType.getOpcode(Opcodes.ISTORE), scratchSlot);
        locals.padTo(scratchSlot);
        locals.add(frameType(returnType));
        protectedCall(point.onReturn(), Site.RETURN, locals.toArray());
        super.visitVarInsn(returnType.getOpcode(Opcodes.ILOAD), scratchSlot);
      }
    }
    super.visitInsn(opcode);
  }

  @Override
  public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
    hostHandlers.add(new Object[] {start, end, handler, type}); // written after the woven calls'
  }

  @Override
  public AnnotationVisitor visitTryCatchAnnotation(
      int typeRef, TypePath typePath, String descriptor, boolean visible) {
    // Its index into the exception table would move; no JSSE class has one.
    throw new IllegalStateException(point.description() + ": annotated exception handler");
  }

  @Override
  public void visitMaxs(int maxStack, int maxLocals) {
    Label bodyEnd = new Label();
    Label rethrow = new Label();
    if (point.onThrow() != null) {
      super.visitLabel(bodyEnd);
      super.visitLabel(rethrow);
      Object[] locals = throwLocals().toArray();
      super.visitFrame(Opcodes.F_NEW, locals.length, locals, 1, THROWABLE_STACK);
      super.visitVarInsn(Opcodes.ASTORE, scratchSlot);
      FrameLocals withThrown = throwLocals();
      withThrown.padTo(scratchSlot);
      withThrown.add(THROWABLE);
      protectedCall(point.onThrow(), Site.THROW, withThrown.toArray());
      super.visitVarInsn(Opcodes.ALOAD, scratchSlot);
      super.visitInsn(Opcodes.ATHROW);
    }
    for (ProtectedCall call : calls) {
      super.visitLabel(call.handler);
      super.visitFrame(Opcodes.F_NEW, call.locals.length, call.locals, 1, THROWABLE_STACK);
      super.visitInsn(Opcodes.POP);
      super.visitJumpInsn(Opcodes.GOTO, call.resume);
    }
    for (ProtectedCall call : calls) {
      super.visitTryCatchBlock(call.start, call.end, call.handler, THROWABLE);
    }
    for (Object[] h : hostHandlers) {
      super.visitTryCatchBlock((Label) h[0], (Label) h[1], (Label) h[2], (String) h[3]);
    }
    if (point.onThrow() != null) {
      super.visitTryCatchBlock(bodyStart, bodyEnd, rethrow, THROWABLE);
    }
    int locals = maxLocals;
    if (flagSlot >= 0) {
      locals = Math.max(locals, flagSlot + 1);
    }
    if (point.onReturn() != null || point.onThrow() != null) {
      locals = Math.max(locals, scratchSlot + 2);
    }
    super.visitMaxs(maxStack + extraStack, locals);
  }

  /**
   * The guard, then the call, inside a range whose handler drops what they throw; both the guard
   * and the handler continue at the end of the call, with {@code locals} (what the method needs
   * from there on).
   */
  private void protectedCall(HookCall call, Site site, Object[] locals) {
    ProtectedCall p = new ProtectedCall(locals);
    calls.add(p);
    super.visitLabel(p.start);
    skipUnless(call.guard, site, p.resume);
    for (HookArgument a : call.arguments) {
      load(a, site);
    }
    super.visitMethodInsn(Opcodes.INVOKESTATIC, HookCall.HOOKS, call.method, call.descriptor, false);
    super.visitLabel(p.end);
    super.visitLabel(p.resume);
    super.visitFrame(Opcodes.F_NEW, locals.length, locals, 0, NO_STACK);
  }

  private void skipUnless(HookGuard guard, Site site, Label skip) {
    switch (guard.kind) {
      case ALWAYS:
        return;
      case FIRST_CALL:
        super.visitVarInsn(Opcodes.ALOAD, 0);
        super.visitFieldInsn(Opcodes.GETFIELD, owner, guard.name, guard.descriptor);
        super.visitJumpInsn(Opcodes.IFNONNULL, skip);
        super.visitInsn(Opcodes.ICONST_1);
        super.visitVarInsn(Opcodes.ISTORE, flagSlot);
        return;
      case AFTER_FIRST_CALL:
        super.visitVarInsn(Opcodes.ILOAD, flagSlot);
        super.visitJumpInsn(Opcodes.IFEQ, skip);
        return;
      case THROWN_IS:
        load(HookArgument.THROWN, site);
        super.visitTypeInsn(Opcodes.INSTANCEOF, guard.name);
        super.visitJumpInsn(Opcodes.IFEQ, skip);
        return;
      case RETURNED_IS_NEW:
        load(HookArgument.RETURNED, site);
        super.visitJumpInsn(Opcodes.IFNULL, skip);
        load(HookArgument.RETURNED, site);
        load(HookArgument.parameter(0), site);
        super.visitJumpInsn(Opcodes.IF_ACMPEQ, skip);
        return;
      default:
        throw new IllegalStateException(guard.kind.name());
    }
  }

  private void load(HookArgument argument, Site site) {
    switch (argument.kind) {
      case THIS:
        super.visitVarInsn(Opcodes.ALOAD, 0);
        return;
      case PARAMETER:
        Type type = parameters[argument.parameter];
        super.visitVarInsn(type.getOpcode(Opcodes.ILOAD), slotOf(argument.parameter));
        return;
      case FIELD:
        super.visitVarInsn(Opcodes.ALOAD, 0);
        super.visitFieldInsn(Opcodes.GETFIELD, owner, argument.fieldName, argument.fieldDescriptor);
        return;
      case RETURNED:
        loadScratchOrNull(site == Site.RETURN && returnType.getSort() != Type.VOID);
        return;
      case THROWN:
        loadScratchOrNull(site == Site.THROW);
        return;
      case NULL:
        super.visitInsn(Opcodes.ACONST_NULL);
        return;
      case TRUE:
        super.visitInsn(Opcodes.ICONST_1);
        return;
      case FALSE:
        super.visitInsn(Opcodes.ICONST_0);
        return;
      default:
        throw new IllegalStateException(argument.kind.name());
    }
  }

  private void loadScratchOrNull(boolean scratch) {
    if (scratch) {
      super.visitVarInsn(Opcodes.ALOAD, scratchSlot);
    } else {
      super.visitInsn(Opcodes.ACONST_NULL);
    }
  }

  private int slotOf(int parameter) {
    int slot = isStatic ? 0 : 1;
    for (int i = 0; i < parameter; i++) {
      slot += parameters[i].getSize();
    }
    return slot;
  }

  /** At entry: the receiver and every parameter as declared (and the flag). */
  private Object[] entryLocals() {
    FrameLocals locals = new FrameLocals();
    if (!isStatic) {
      locals.add(owner);
    }
    for (Type p : parameters) {
      locals.add(frameType(p));
    }
    addFlag(locals);
    return locals.toArray();
  }

  /**
   * In the rethrowing handler: only what its call reads (anything else the body may have reused)
   * and the flag.
   */
  private FrameLocals throwLocals() {
    HookCall call = point.onThrow();
    FrameLocals locals = new FrameLocals();
    if (!isStatic) {
      locals.add(reads(call, -1) ? owner : Opcodes.TOP);
    }
    for (int i = 0; i < parameters.length; i++) {
      if (reads(call, i)) {
        locals.add(frameType(parameters[i]));
      } else {
        locals.padTo(locals.slots() + parameters[i].getSize());
      }
    }
    addFlag(locals);
    return locals;
  }

  private void addFlag(FrameLocals locals) {
    if (flagSlot >= 0) {
      locals.padTo(flagSlot);
      locals.add(Opcodes.INTEGER);
    }
  }

  /** Whether the call or its guard reads parameter {@code index} (-1: the receiver). */
  private static boolean reads(HookCall call, int index) {
    HookGuard.Kind guard = call.guard.kind;
    if (index == -1 && guard == HookGuard.Kind.FIRST_CALL) {
      return true;
    }
    if (index == 0 && guard == HookGuard.Kind.RETURNED_IS_NEW) {
      return true;
    }
    for (HookArgument a : call.arguments) {
      if (index == -1 ? a.readsReceiver() : a.kind == HookArgument.Kind.PARAMETER && a.parameter == index) {
        return true;
      }
    }
    return false;
  }

  private static Object frameType(Type type) {
    switch (type.getSort()) {
      case Type.BOOLEAN:
      case Type.CHAR:
      case Type.BYTE:
      case Type.SHORT:
      case Type.INT:
        return Opcodes.INTEGER;
      case Type.FLOAT:
        return Opcodes.FLOAT;
      case Type.LONG:
        return Opcodes.LONG;
      case Type.DOUBLE:
        return Opcodes.DOUBLE;
      default:
        return type.getInternalName();
    }
  }

  /** Frame locals in ASM's expanded form, where a long or double is one entry for two slots. */
  private static final class FrameLocals {
    private Object[] entries = new Object[8];
    private int size;
    private int slots;

    void add(Object type) {
      if (size == entries.length) {
        entries = Arrays.copyOf(entries, size * 2);
      }
      entries[size++] = type;
      slots += type == Opcodes.LONG || type == Opcodes.DOUBLE ? 2 : 1;
    }

    void padTo(int slot) {
      while (slots < slot) {
        add(Opcodes.TOP);
      }
    }

    int slots() {
      return slots;
    }

    Object[] toArray() {
      return Arrays.copyOf(entries, size);
    }
  }
}
