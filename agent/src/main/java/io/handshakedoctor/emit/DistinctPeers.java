package io.handshakedoctor.emit;

import java.util.HashSet;
import java.util.Set;

/**
 * How many distinct peer addresses a group of failures came from, in bounded memory: exact up to
 * {@link #EXACT_LIMIT} addresses, then a HyperLogLog estimate (1,024 registers, about 3% standard
 * error), and it says which. A scan from a million addresses costs the same 1 KiB as one from two
 * thousand.
 */
final class DistinctPeers {
  static final int EXACT_LIMIT = 256;
  private static final int REGISTER_BITS = 10;
  private static final int REGISTERS = 1 << REGISTER_BITS;

  private Set<String> exact = new HashSet<>();
  private final byte[] registers = new byte[REGISTERS];

  void add(String address) {
    String a = address == null ? "" : address;
    long h = hash(a);
    int index = (int) (h >>> (64 - REGISTER_BITS));
    byte rank = (byte) (Long.numberOfLeadingZeros((h << REGISTER_BITS) | (1L << (REGISTER_BITS - 1))) + 1);
    if (rank > registers[index]) {
      registers[index] = rank;
    }
    if (exact != null) {
      exact.add(a);
      if (exact.size() > EXACT_LIMIT) {
        exact = null; // from now on the registers alone answer
      }
    }
  }

  /** True once the count is an estimate. */
  boolean estimated() {
    return exact == null;
  }

  long count() {
    if (exact != null) {
      return exact.size();
    }
    double sum = 0;
    int zeros = 0;
    for (byte r : registers) {
      sum += 1.0 / (1L << r);
      if (r == 0) {
        zeros++;
      }
    }
    double alpha = 0.7213 / (1 + 1.079 / REGISTERS);
    double estimate = alpha * REGISTERS * REGISTERS / sum;
    if (estimate <= 2.5 * REGISTERS && zeros > 0) {
      estimate = REGISTERS * Math.log((double) REGISTERS / zeros); // linear counting for small sets
    }
    return Math.max(EXACT_LIMIT + 1, Math.round(estimate));
  }

  /** A 64-bit mix of the address (String.hashCode alone clusters for dotted addresses). */
  private static long hash(String s) {
    long h = 0x9E3779B97F4A7C15L;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0xBF58476D1CE4E5B9L;
      h ^= h >>> 31;
    }
    h ^= h >>> 33;
    h *= 0xFF51AFD7ED558CCDL;
    h ^= h >>> 33;
    h *= 0xC4CEB9FE1A85EC53L;
    h ^= h >>> 33;
    return h;
  }
}
