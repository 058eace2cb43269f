package io.handshakedoctor.emit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The failures of one group held back in the current interval, counted exactly. Not thread-safe. */
final class FailureGroup {
  private static final int EXAMPLES = 3;

  private final FailureEvent first;
  private final String common;
  private final Instant since;
  private final DistinctPeers peers = new DistinctPeers();
  private final List<String> examples = new ArrayList<>(EXAMPLES);
  private long count;

  FailureGroup(FailureEvent first, String common, Instant since) {
    this.first = first;
    this.common = common;
    this.since = since;
  }

  void add(FailureEvent event, long failures) {
    count += failures;
    String host = event.evidence().peerHost();
    peers.add(host);
    if (examples.size() < EXAMPLES && !examples.contains(String.valueOf(host))) {
      examples.add(String.valueOf(host));
    }
  }

  FailureSummary summary() {
    return new FailureSummary(first, count, peers.count(), peers.estimated(), examples, common, since);
  }
}
