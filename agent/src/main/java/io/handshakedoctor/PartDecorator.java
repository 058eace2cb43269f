package io.handshakedoctor;

/**
 * The seam through which {@link AgentRuntime} assembles the running agent: each part it wires
 * passes through {@link #decorate} once, with the role it plays there: the {@code
 * java.lang.instrument.Instrumentation} the hooks are woven through, the {@code
 * bootstrap.HandshakeListener} they call, JSSE's {@code capture.ConnectionReader}, each {@code
 * diagnosis.DiagnosisRule}, the {@code emit.ExceptionEnricher} and each {@code emit.FailureOutput}.
 * The agent's own is {@link #NONE}, the identity. Others come only from the jar the {@code
 * decorators.jar} setting names ({@link PartDecorators}): the fault-isolation tests wrap parts
 * there to make them fail (docs/reliability.md), and nothing of theirs is in the agent jar.
 */
public interface PartDecorator {
  PartDecorator NONE =
      new PartDecorator() {
        @Override
        public <T> T decorate(Class<T> role, T part) {
          return part;
        }
      };

  /** The part to use in {@code role}: {@code part} itself, or something that stands in front of it. */
  <T> T decorate(Class<T> role, T part);
}
