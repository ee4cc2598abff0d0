package org.dvinspector.benchmarks.harness;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starting another JVM on the harness's own class path (for the lab and for -Xmx runs). */
final class Jvm {
  private Jvm() {}

  /** The {@code java} launcher of the running JVM. */
  static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** The class path of the running JVM (the shaded jar, or Maven's test class path). */
  static String classPath() {
    return System.getProperty("java.class.path", "");
  }

  /** A command line running {@code mainClass} with {@code jvmOptions} and {@code args}. */
  static List<String> command(List<String> jvmOptions, Class<?> mainClass, List<String> args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(javaBinary());
    cmd.addAll(jvmOptions);
    cmd.add("-cp");
    cmd.add(classPath());
    cmd.add(mainClass.getName());
    cmd.addAll(args);
    return cmd;
  }

  /** The JVM's own options (e.g. {@code -Xmx256m}), as given on its command line. */
  static List<String> inputArguments() {
    return ManagementFactory.getRuntimeMXBean().getInputArguments();
  }
}
