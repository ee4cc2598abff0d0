package org.dvinspector.benchmarks.harness;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ListenerNotFoundException;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import org.jspecify.annotations.Nullable;

/**
 * What this process spends: CPU time (all threads, GC included), garbage collections, and, while
 * {@linkplain #startSampling sampling}, the peak heap in use and the peak number of open file
 * descriptors and sockets (read from {@code /proc/self/fd} on Linux).
 */
final class ProcessProbe implements AutoCloseable {
  private static final Path FD_DIR = Path.of("/proc/self/fd");

  private final AtomicLong peakHeapUsed = new AtomicLong();
  private final AtomicLong peakAfterGc = new AtomicLong();
  private final List<Runnable> unsubscribe = new ArrayList<>();
  private final AtomicLong peakFds = new AtomicLong();
  private final AtomicLong peakSockets = new AtomicLong();
  private final AtomicLong samples = new AtomicLong();
  private volatile boolean running;
  private @Nullable Thread sampler;

  /** The process's CPU time so far in nanoseconds (every thread, GC included); -1 if unknown. */
  static long processCpuNanos() {
    return LabMain.processCpuNanos();
  }

  /** Garbage collections so far, over all collectors. */
  static long gcCount() {
    long n = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      n += Math.max(0, gc.getCollectionCount());
    }
    return n;
  }

  /** Milliseconds spent in garbage collection so far, over all collectors. */
  static long gcMillis() {
    long n = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      n += Math.max(0, gc.getCollectionTime());
    }
    return n;
  }

  /** Open file descriptors now, or -1 where {@code /proc/self/fd} does not exist. */
  static int openFds() {
    return countFds(false);
  }

  /**
   * UDP datagrams the kernel dropped because a socket's receive buffer was full, machine-wide
   * ({@code Udp: RcvbufErrors} in {@code /proc/net/snmp}); -1 where unknown.
   */
  static long udpReceiveBufferErrors() {
    try {
      List<String> lines = Files.readAllLines(Path.of("/proc/net/snmp"));
      for (int i = 0; i + 1 < lines.size(); i++) {
        if (lines.get(i).startsWith("Udp:") && lines.get(i + 1).startsWith("Udp:")) {
          List<String> names = List.of(lines.get(i).split("\\s+"));
          String[] values = lines.get(i + 1).split("\\s+");
          int at = names.indexOf("RcvbufErrors");
          return at > 0 && at < values.length ? Long.parseLong(values[at]) : -1;
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }

  /** Resets the JVM's heap pool peaks and starts sampling every {@code periodMillis}. */
  void startSampling(long periodMillis) {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
    listenToCollections();
    running = true;
    Thread t = new Thread(() -> {
      while (running) {
        sample();
        try {
          Thread.sleep(periodMillis);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "harness-probe");
    t.setDaemon(true);
    sampler = t;
    t.start();
  }

  /**
   * Records the heap in use right after each collection (all heap pools), from the collectors'
   * notifications: the closest the JVM tells to the live set.
   */
  private void listenToCollections() {
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (!(gc instanceof NotificationEmitter emitter)) {
        continue;
      }
      NotificationListener listener = (notification, handback) -> {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION
            .equals(notification.getType())) {
          return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
            (CompositeData) notification.getUserData());
        long used = 0;
        for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
          if (HEAP_POOLS.contains(e.getKey())) {
            used += e.getValue().getUsed();
          }
        }
        peakAfterGc.accumulateAndGet(used, Math::max);
      };
      emitter.addNotificationListener(listener, null, null);
      unsubscribe.add(() -> {
        try {
          emitter.removeNotificationListener(listener);
        } catch (ListenerNotFoundException e) {
          // already gone
        }
      });
    }
  }

  private static final Set<String> HEAP_POOLS = heapPools();

  private static Set<String> heapPools() {
    Set<String> names = new HashSet<>();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        names.add(pool.getName());
      }
    }
    return names;
  }

  /** Stops sampling (after one last sample). */
  void stopSampling() {
    unsubscribe.forEach(Runnable::run);
    unsubscribe.clear();
    running = false;
    Thread t = sampler;
    if (t != null) {
      t.interrupt();
      try {
        t.join(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    sample();
  }

  private void sample() {
    samples.incrementAndGet();
    Runtime rt = Runtime.getRuntime();
    peakHeapUsed.accumulateAndGet(rt.totalMemory() - rt.freeMemory(), Math::max);
    peakFds.accumulateAndGet(countFds(false), Math::max);
    peakSockets.accumulateAndGet(countFds(true), Math::max);
  }

  /** The largest heap in use seen by the sampler (young garbage included). */
  long peakHeapUsed() {
    return peakHeapUsed.get();
  }

  /**
   * The sum of the heap pools' peak usages since sampling started, as the JVM tracks them (an
   * upper bound of the true peak: the pools peak at different moments).
   */
  static long heapPoolPeaks() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  /**
   * The most heap in use right after a collection. After a young collection G1 still holds the
   * old regions' garbage, so this bounds the live set from above.
   */
  long peakAfterGc() {
    return peakAfterGc.get();
  }

  /** The most open file descriptors seen. */
  long peakFds() {
    return peakFds.get();
  }

  /** The most open sockets seen. */
  long peakSockets() {
    return peakSockets.get();
  }

  /** How many samples were taken. */
  long samples() {
    return samples.get();
  }

  private static int countFds(boolean socketsOnly) {
    if (!Files.isDirectory(FD_DIR)) {
      return -1;
    }
    int n = 0;
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(FD_DIR)) {
      for (Path fd : fds) {
        if (!socketsOnly) {
          n++;
          continue;
        }
        try {
          if (Files.readSymbolicLink(fd).toString().startsWith("socket:")) {
            n++;
          }
        } catch (IOException e) {
          // closed between listing and reading: not open any more
        }
      }
    } catch (IOException e) {
      return -1;
    }
    return n;
  }

  @Override
  public void close() {
    stopSampling();
  }
}
