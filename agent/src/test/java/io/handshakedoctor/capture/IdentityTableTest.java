package io.handshakedoctor.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class IdentityTableTest {

  /** Keys that are equal() to each other but distinct objects: the table must not mix them. */
  private static final class EqualKey {
    @Override
    public boolean equals(Object o) {
      return o instanceof EqualKey;
    }

    @Override
    public int hashCode() {
      return 1;
    }
  }

  @Test
  void comparesKeysByIdentity() {
    IdentityTable table = new IdentityTable();
    Object a = new EqualKey();
    Object b = new EqualKey();
    HandshakeCapture ca = new HandshakeCapture(a, 1024);
    table.put(a, ca);
    assertSame(ca, table.get(a));
    assertNull(table.get(b));
    assertNull(table.putIfAbsent(b, new HandshakeCapture(b, 1024)));
    assertSame(ca, table.putIfAbsent(a, new HandshakeCapture(a, 1024)));
    assertEquals(2, table.size());
  }

  @Test
  void removeOnlyRemovesTheExpectedValue() {
    IdentityTable table = new IdentityTable();
    Object key = new Object();
    HandshakeCapture first = new HandshakeCapture(key, 1024);
    table.put(key, first);
    assertFalse(table.remove(key, new HandshakeCapture(key, 1024)));
    assertSame(first, table.get(key));
    assertTrue(table.remove(key, first));
    assertNull(table.get(key));
  }

  /** Random puts and removes (growth, probe chains, backward shifts) against IdentityHashMap. */
  @Test
  void behavesLikeAnIdentityMapUnderRandomOperations() {
    Random random = new Random(42);
    IdentityTable table = new IdentityTable();
    Map<Object, HandshakeCapture> model = new IdentityHashMap<>();
    List<Object> keys = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      keys.add(new Object());
    }
    for (int step = 0; step < 200_000; step++) {
      Object key = keys.get(random.nextInt(keys.size()));
      int op = random.nextInt(4);
      if (op == 0) {
        HandshakeCapture value = new HandshakeCapture(key, 1024);
        assertSame(model.put(key, value), table.put(key, value));
      } else if (op == 1) {
        HandshakeCapture value = new HandshakeCapture(key, 1024);
        HandshakeCapture expected = model.putIfAbsent(key, value);
        assertSame(expected, table.putIfAbsent(key, value));
      } else if (op == 2) {
        assertSame(model.remove(key), table.remove(key));
      } else {
        assertSame(model.get(key), table.get(key));
      }
    }
    assertEquals(model.size(), table.size());
    for (Object key : keys) {
      assertSame(model.get(key), table.get(key));
    }
  }

  @Test
  void removesStaleConnectionsOnly() throws Exception {
    IdentityTable table = new IdentityTable();
    Object oldConnection = new Object();
    Object oldHandshake = new Object();
    HandshakeCapture old = new HandshakeCapture(oldConnection, 1024);
    table.put(oldConnection, old);
    table.put(oldHandshake, old);
    Thread.sleep(2);
    long cutoff = System.nanoTime();
    Thread.sleep(2);
    Object newConnection = new Object();
    HandshakeCapture fresh = new HandshakeCapture(newConnection, 1024);
    table.put(newConnection, fresh);

    AtomicReference<HandshakeCapture> removed = new AtomicReference<>();
    table.removeStale(cutoff, removed::set);
    assertSame(old, removed.get());
    assertNull(table.get(oldConnection));
    assertSame(old, table.get(oldHandshake)); // the caller forgets the other keys
    assertSame(fresh, table.get(newConnection));
  }

  /** Readers on other threads never see a wrong capture while writers churn the same stripes. */
  @Test
  void lockFreeReadsStayConsistentUnderConcurrentWrites() throws Exception {
    IdentityTable table = new IdentityTable();
    Object[] stable = new Object[64];
    HandshakeCapture[] values = new HandshakeCapture[stable.length];
    for (int i = 0; i < stable.length; i++) {
      stable[i] = new Object();
      values[i] = new HandshakeCapture(stable[i], 1024);
      table.put(stable[i], values[i]);
    }
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread writer =
        new Thread(
            () -> {
              Object[] churn = new Object[512];
              for (int i = 0; i < churn.length; i++) {
                churn[i] = new Object();
              }
              HandshakeCapture any = new HandshakeCapture(churn[0], 1024);
              for (int round = 0; round < 400; round++) {
                for (Object k : churn) {
                  table.put(k, any);
                }
                for (Object k : churn) {
                  table.remove(k);
                }
              }
            });
    Thread reader =
        new Thread(
            () -> {
              try {
                while (writer.isAlive()) {
                  for (int i = 0; i < stable.length; i++) {
                    if (table.get(stable[i]) != values[i]) {
                      throw new AssertionError("wrong or missing capture for key " + i);
                    }
                  }
                }
              } catch (Throwable t) {
                failure.set(t);
              }
            });
    writer.start();
    reader.start();
    writer.join();
    reader.join();
    if (failure.get() != null) {
      throw new AssertionError(failure.get());
    }
  }
}
