package io.handshakedoctor.faultinjection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.handshakedoctor.bootstrap.HandshakeListener;
import io.handshakedoctor.emit.FailureOutput;
import io.handshakedoctor.testsupport.ListenerCalls;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fault injector changes nothing but the one call its stage names. */
class InjectedFaultsTest {

  @Test
  void everyHookReachesTheCaptureWithItsArgumentsWhenTheFaultIsElsewhere() throws Exception {
    List<Object[]> calls = new ArrayList<>();
    HandshakeListener listener =
        new InjectedFaults("output").decorate(HandshakeListener.class, ListenerCalls.recording(calls));
    for (Method m : HandshakeListener.class.getMethods()) {
      Object[] args = ListenerCalls.sampleArguments(m.getParameterTypes());
      calls.clear();
      m.invoke(listener, args);
      assertEquals(1, calls.size(), m.getName() + " reached the capture once");
      assertEquals(m, calls.get(0)[0], m.getName());
      assertArrayEquals(args, (Object[]) calls.get(0)[1], m.getName());
    }
  }

  @Test
  void aHookFailsAfterTheCaptureRanOrBeforeItForTheHooksThatStartOrEndOne() throws Exception {
    for (Method m : HandshakeListener.class.getMethods()) {
      List<Object[]> calls = new ArrayList<>();
      HandshakeListener listener =
          new InjectedFaults(m.getName()).decorate(HandshakeListener.class, ListenerCalls.recording(calls));
      InvocationTargetException thrown =
          assertThrows(
              InvocationTargetException.class,
              () -> m.invoke(listener, ListenerCalls.sampleArguments(m.getParameterTypes())));
      assertEquals(InjectedFaults.message(m.getName()), thrown.getCause().getMessage());
      assertEquals(InjectedFaults.BEFORE_THE_CAPTURE.contains(m.getName()) ? 0 : 1, calls.size(), m.getName());
    }
  }

  @Test
  void partsOfOtherRolesAreLeftAsTheyAre() {
    FailureOutput output = (event, repeats) -> {};
    assertSame(output, new InjectedFaults("fatalThrown").decorate(FailureOutput.class, output));
    assertSame(output, new InjectedFaults(null).decorate(FailureOutput.class, output));
  }
}
