package io.handshakedoctor.emit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a log-type output bounded under a storm or a scan, whatever the number of peers. First,
 * repeats of one side, cause and peer fold into the next report of that key ({@link
 * RepeatFilter}). Then each severity has its own budget of single reports per interval, so a scan
 * of client-caused failures (INFO) never starves what this service must act on (WARN). Beyond the
 * budget, failures are counted into groups (side, cause, {@link CommonTrait}) and each group is
 * written once as a {@link FailureSummary} when the interval ends (by the next failure, a clock
 * started at the first held-back failure, or at exit). Every failure is in exactly one written
 * report's count once {@link #flush} has run.
 */
public final class BudgetedOutput implements FailureOutput {
  /** Groups per interval; beyond this the overflow shares one group per side and severity. */
  static final int MAX_GROUPS = 64;

  private final FailureOutput delegate;
  private final RepeatFilter repeats;
  private final long intervalNanos;
  private final int budget;
  private final Clock clock;

  // guarded by this
  private long windowStart;
  private Instant windowStartInstant;
  private int usedWarn;
  private int usedInfo;
  private final Map<String, FailureGroup> groups = new LinkedHashMap<>();
  private boolean closeScheduled;

  /** Time and the timer, replaceable by tests. */
  interface Clock {
    long nanoTime();

    /** Runs {@code task} after {@code delayNanos} on a daemon thread. */
    void schedule(Runnable task, long delayNanos);
  }

  public BudgetedOutput(FailureOutput delegate, Duration interval, int budget) {
    this(delegate, interval, budget, SystemClock.INSTANCE);
  }

  BudgetedOutput(FailureOutput delegate, Duration interval, int budget, Clock clock) {
    this.delegate = delegate;
    this.intervalNanos = interval.toNanos();
    this.repeats = new RepeatFilter(intervalNanos);
    this.budget = budget;
    this.clock = clock;
    this.windowStart = clock.nanoTime();
    this.windowStartInstant = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
  }

  @Override
  public void write(FailureEvent event, long count) {
    long now = clock.nanoTime();
    long standsFor = repeats.admit(RepeatFilter.keyOf(event), event, now);
    List<RepeatFilter.Pending> forgotten = repeats.takeForgotten();
    List<RepeatFilter.Pending> single = new ArrayList<>(1);
    List<FailureSummary> summaries;
    synchronized (this) {
      summaries = closeWindowIfDue(now);
      if (standsFor > 0) {
        route(event, standsFor, single);
      }
      for (RepeatFilter.Pending p : forgotten) {
        route(p.event, p.count, single);
      }
    }
    writeAll(summaries, single);
  }

  @Override
  public void flush() {
    List<RepeatFilter.Pending> single = new ArrayList<>();
    List<FailureSummary> summaries;
    synchronized (this) {
      for (RepeatFilter.Pending p : repeats.drain()) {
        route(p.event, p.count, single);
      }
      summaries = takeSummaries();
    }
    writeAll(summaries, single);
    delegate.flush();
  }

  @Override
  public void exiting() {
    delegate.exiting();
  }

  /** Called by the clock: writes the summaries of an interval that ended with no failure since. */
  void closeIfDue() {
    List<FailureSummary> summaries;
    synchronized (this) {
      closeScheduled = false;
      summaries = closeWindowIfDue(clock.nanoTime());
      if (!groups.isEmpty()) {
        scheduleClose(clock.nanoTime());
      }
    }
    writeAll(summaries, List.of());
  }

  private void route(FailureEvent event, long count, List<RepeatFilter.Pending> single) {
    boolean warn = Responsibility.of(event).warn();
    if (intervalNanos == 0 || (warn ? usedWarn : usedInfo) < budget) {
      if (warn) {
        usedWarn++;
      } else {
        usedInfo++;
      }
      single.add(new RepeatFilter.Pending(event, count));
      return;
    }
    String common = CommonTrait.of(event);
    String key = groupKey(event, common, warn);
    FailureGroup group = groups.get(key);
    if (group == null) {
      group = new FailureGroup(event, key.endsWith("|*") ? "" : common, windowStartInstant);
      groups.put(key, group);
      scheduleClose(clock.nanoTime());
    }
    group.add(event, count);
  }

  private String groupKey(FailureEvent event, String common, boolean warn) {
    String key = event.evidence().side() + "|" + event.diagnosis().cause().id() + "|" + common;
    if (groups.size() >= MAX_GROUPS && !groups.containsKey(key)) {
      return event.evidence().side() + "|" + warn + "|*";
    }
    return key;
  }

  private List<FailureSummary> closeWindowIfDue(long now) {
    if (now - windowStart < intervalNanos) {
      return List.of();
    }
    windowStart = now;
    windowStartInstant = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    usedWarn = 0;
    usedInfo = 0;
    return takeSummaries();
  }

  private List<FailureSummary> takeSummaries() {
    if (groups.isEmpty()) {
      return List.of();
    }
    List<FailureSummary> out = new ArrayList<>(groups.size());
    for (FailureGroup g : groups.values()) {
      out.add(g.summary());
    }
    groups.clear();
    return out;
  }

  private void scheduleClose(long now) {
    if (closeScheduled) {
      return;
    }
    closeScheduled = true;
    long delay = Math.max(0, windowStart + intervalNanos - now) + TimeUnit.MILLISECONDS.toNanos(10);
    clock.schedule(this::closeIfDue, delay);
  }

  private void writeAll(List<FailureSummary> summaries, List<RepeatFilter.Pending> single) {
    for (RepeatFilter.Pending p : single) {
      delegate.write(p.event, p.count);
    }
    for (FailureSummary s : summaries) {
      delegate.writeSummary(s);
    }
  }

  /** The real clock: one daemon thread for all outputs, started at the first held-back failure. */
  private static final class SystemClock implements Clock {
    static final SystemClock INSTANCE = new SystemClock();
    private volatile ScheduledExecutorService timer;

    @Override
    public long nanoTime() {
      return System.nanoTime();
    }

    @Override
    public void schedule(Runnable task, long delayNanos) {
      timer().schedule(() -> {
        try {
          task.run();
        } catch (Throwable t) {
          // An output that fails here fails again at the next failure, where it is reported.
        }
      }, delayNanos, TimeUnit.NANOSECONDS);
    }

    private ScheduledExecutorService timer() {
      ScheduledExecutorService t = timer;
      if (t == null) {
        synchronized (this) {
          t = timer;
          if (t == null) {
            ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1, r -> {
              Thread th = new Thread(r, "handshake-doctor-summaries");
              th.setDaemon(true);
              return th;
            });
            e.setRemoveOnCancelPolicy(true);
            t = e;
            timer = t;
          }
        }
      }
      return t;
    }
  }
}
