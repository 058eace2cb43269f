package io.handshakedoctor.capture;

import java.lang.invoke.VarHandle;

/**
 * The registry's map from a JSSE object (compared by identity) to its handshake's capture. Unlike
 * a ConcurrentHashMap it allocates nothing per entry: each stripe is an open-addressing table
 * (linear probing, backward-shift deletion) that only allocates when it grows, so once the
 * table has seen the peak number of handshakes in flight, a healthy handshake costs no garbage.
 *
 * <p>Writers lock their stripe. Readers take no lock: a stripe's version is odd while a writer is
 * inside and changes with every write, so a read that saw the same even version before and after
 * probing saw a consistent table (a seqlock); otherwise it retries under the lock.
 */
final class IdentityTable {
  private static final int STRIPES = 16; // a power of two
  private static final int INITIAL_CAPACITY = 16; // slots per stripe, a power of two

  private final Stripe[] stripes = new Stripe[STRIPES];

  IdentityTable() {
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new Stripe();
    }
  }

  private static int hash(Object key) {
    int h = System.identityHashCode(key) * 0x9E3779B9;
    return h ^ (h >>> 16);
  }

  private Stripe stripe(int hash) {
    return stripes[(hash >>> 24) & (STRIPES - 1)];
  }

  HandshakeCapture get(Object key) {
    int h = hash(key);
    return stripe(h).get(key, h);
  }

  /** Maps {@code key} to {@code value}; returns the previous value, or null. */
  HandshakeCapture put(Object key, HandshakeCapture value) {
    int h = hash(key);
    return stripe(h).put(key, h, value, false);
  }

  /** Maps {@code key} to {@code value} unless it is mapped; returns the existing value, or null. */
  HandshakeCapture putIfAbsent(Object key, HandshakeCapture value) {
    int h = hash(key);
    return stripe(h).put(key, h, value, true);
  }

  /** Removes {@code key}; returns what it was mapped to, or null. */
  HandshakeCapture remove(Object key) {
    int h = hash(key);
    return stripe(h).remove(key, h, null);
  }

  /** Removes {@code key} only while it maps to {@code value}. */
  boolean remove(Object key, HandshakeCapture value) {
    int h = hash(key);
    return stripe(h).remove(key, h, value) != null;
  }

  /** Entries in all stripes (for tests; not a snapshot). */
  int size() {
    int n = 0;
    for (Stripe s : stripes) {
      synchronized (s) {
        n += s.size;
      }
    }
    return n;
  }

  /** Visits each capture once (through the entry keyed by its own connection), under its lock. */
  void forEachConnection(java.util.function.Consumer<HandshakeCapture> visitor) {
    for (Stripe s : stripes) {
      synchronized (s) {
        for (int i = 0; i < s.keys.length; i++) {
          Object k = s.keys[i];
          HandshakeCapture c = s.values[i];
          if (k != null && c != null && c.transportContext() == k) {
            visitor.accept(c);
          }
        }
      }
    }
  }

  /**
   * Removes every entry whose key is its capture's own connection and that started before
   * {@code startedBefore}, passing each removed capture to {@code removed}. Allocates nothing
   * when nothing is abandoned. The callback runs outside the stripe's lock.
   */
  void removeStale(long startedBefore, java.util.function.Consumer<HandshakeCapture> removed) {
    java.util.List<HandshakeCapture> victims = null;
    for (Stripe s : stripes) {
      synchronized (s) {
        // Backward-shift deletion moves a later entry into the freed slot: look at it again.
        for (int i = 0; i < s.keys.length; ) {
          Object k = s.keys[i];
          HandshakeCapture c = s.values[i];
          if (k != null && c.transportContext() == k && c.startNanos() - startedBefore < 0) {
            s.removeAt(i);
            if (victims == null) {
              victims = new java.util.ArrayList<>();
            }
            victims.add(c);
          } else {
            i++;
          }
        }
      }
    }
    if (victims != null) {
      for (HandshakeCapture c : victims) {
        removed.accept(c); // outside the stripe locks: forgetting removes the other keys
      }
    }
  }

  private static final class Stripe {
    private volatile int version; // odd while a writer is changing the table
    private Object[] keys = new Object[INITIAL_CAPACITY];
    private HandshakeCapture[] values = new HandshakeCapture[INITIAL_CAPACITY];
    private int size;

    HandshakeCapture get(Object key, int hash) {
      int before = version;
      if ((before & 1) == 0) {
        Object[] k = keys;
        HandshakeCapture[] v = values;
        HandshakeCapture found = null;
        if (k.length == v.length) {
          int mask = k.length - 1;
          for (int i = hash & mask, probes = 0; probes < k.length; i = (i + 1) & mask, probes++) {
            Object candidate = k[i];
            if (candidate == null) {
              break;
            }
            if (candidate == key) {
              found = v[i];
              break;
            }
          }
        }
        VarHandle.acquireFence(); // the reads above happen before the version re-read below
        if (version == before) {
          return found;
        }
      }
      synchronized (this) {
        int i = indexOf(key, hash);
        return i < 0 ? null : values[i];
      }
    }

    synchronized HandshakeCapture put(Object key, int hash, HandshakeCapture value, boolean onlyIfAbsent) {
      int i = indexOf(key, hash);
      if (i >= 0) {
        HandshakeCapture old = values[i];
        if (!onlyIfAbsent && old != value) {
          beginWrite();
          values[i] = value;
          endWrite();
        }
        return old;
      }
      beginWrite();
      if ((size + 1) * 2 > keys.length) {
        grow();
      }
      int mask = keys.length - 1;
      int j = hash & mask;
      while (keys[j] != null) {
        j = (j + 1) & mask;
      }
      keys[j] = key;
      values[j] = value;
      size++;
      endWrite();
      return null;
    }

    synchronized HandshakeCapture remove(Object key, int hash, HandshakeCapture expected) {
      int i = indexOf(key, hash);
      if (i < 0) {
        return null;
      }
      HandshakeCapture old = values[i];
      if (expected != null && old != expected) {
        return null;
      }
      removeAt(i);
      return old;
    }

    /** Caller holds the lock. */
    private int indexOf(Object key, int hash) {
      int mask = keys.length - 1;
      for (int i = hash & mask; ; i = (i + 1) & mask) {
        Object candidate = keys[i];
        if (candidate == null) {
          return -1;
        }
        if (candidate == key) {
          return i;
        }
      }
    }

    /** Caller holds the lock. Backward-shift deletion keeps every probe chain unbroken. */
    private void removeAt(int hole) {
      beginWrite();
      int mask = keys.length - 1;
      keys[hole] = null;
      values[hole] = null;
      size--;
      for (int j = (hole + 1) & mask; keys[j] != null; j = (j + 1) & mask) {
        int home = hash(keys[j]) & mask;
        // Move the entry at j into the hole unless its home lies cyclically in (hole, j].
        boolean homeInRange = hole <= j ? (hole < home && home <= j) : (hole < home || home <= j);
        if (!homeInRange) {
          keys[hole] = keys[j];
          values[hole] = values[j];
          keys[j] = null;
          values[j] = null;
          hole = j;
        }
      }
      endWrite();
    }

    /** Caller holds the lock and is inside a write. */
    private void grow() {
      Object[] oldKeys = keys;
      HandshakeCapture[] oldValues = values;
      Object[] newKeys = new Object[oldKeys.length * 2];
      HandshakeCapture[] newValues = new HandshakeCapture[oldKeys.length * 2];
      int mask = newKeys.length - 1;
      for (int i = 0; i < oldKeys.length; i++) {
        Object k = oldKeys[i];
        if (k != null) {
          int j = hash(k) & mask;
          while (newKeys[j] != null) {
            j = (j + 1) & mask;
          }
          newKeys[j] = k;
          newValues[j] = oldValues[i];
        }
      }
      keys = newKeys;
      values = newValues;
    }

    private void beginWrite() {
      version++; // odd: readers fall back to the lock
      VarHandle.releaseFence();
    }

    private void endWrite() {
      version++; // even again, and different from before the write
    }
  }
}
