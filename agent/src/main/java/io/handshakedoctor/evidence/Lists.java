package io.handshakedoctor.evidence;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Immutable list copies that accept null (as empty). */
final class Lists {
  private Lists() {}

  static <T> List<T> copy(List<T> list) {
    if (list == null || list.isEmpty()) {
      return Collections.emptyList();
    }
    return Collections.unmodifiableList(new ArrayList<>(list));
  }
}
