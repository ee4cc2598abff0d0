package org.dvinspector.http.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * Checks, when the module starts, that the OkHttp on the class path is the major version this
 * module was compiled against. Maven resolves {@code okhttp} (an application's OkHttp 4.x) and
 * {@code okhttp-jvm} (our OkHttp 5.x) as two different artifacts, so both jars can end up on the
 * class path and the first one wins for every class: without this check each HTTP check would
 * then end with a {@code NoSuchMethodError} deep inside a request.
 */
public final class OkHttpVersion {
  private OkHttpVersion() {}

  /**
   * The OkHttp version this module was built against, from a resource filtered at build time
   * ({@code okhttp3.OkHttp.VERSION} is read when OkHttp 5 initialises, so it says what is on the
   * class path, not what we were compiled with).
   */
  public static final String COMPILED = compiledVersion();

  private static String compiledVersion() {
    Properties p = new Properties();
    try (InputStream in = OkHttpVersion.class.getResourceAsStream("okhttp.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // Fall through to the default below.
    }
    String v = p.getProperty("version", "");
    return v.isEmpty() || v.startsWith("$") ? "5" : v;
  }

  /**
   * Fails when {@code loader} (the loader that gives this module its OkHttp) supplies an OkHttp of
   * another major version than {@link #COMPILED}.
   *
   * @throws IllegalStateException naming the version found, the jars that hold OkHttp and the
   *     {@code okhttp-bom} to import
   */
  public static void check(ClassLoader loader) {
    String found = runtimeVersion(loader);
    if (found != null && major(found).equals(major(COMPILED))) {
      return;
    }
    List<String> jars = locations(loader);
    throw new IllegalStateException("dvinspector-http needs OkHttp " + major(COMPILED)
        + ".x (it was built with " + COMPILED + "), but the class path gives it OkHttp "
        + (found == null ? "older than 4.0 (no okhttp3.OkHttp.VERSION)" : found)
        + (jars.isEmpty() ? "" : " from " + String.join(" and ", jars))
        + ". Import the OkHttp BOM so every OkHttp artifact gets one version: in"
        + " <dependencyManagement>, com.squareup.okhttp3:okhttp-bom:" + COMPILED
        + " with <type>pom</type> and <scope>import</scope> (Gradle:"
        + " implementation(platform(\"com.squareup.okhttp3:okhttp-bom:" + COMPILED + "\"))),"
        + " and remove any older okhttp or okhttp-jvm declared directly.");
  }

  /** The value of {@code okhttp3.OkHttp.VERSION} as {@code loader} has it, read at run time. */
  static @Nullable String runtimeVersion(ClassLoader loader) {
    try {
      Class<?> c = Class.forName("okhttp3.OkHttp", true, loader);
      Field f = c.getField("VERSION");
      Object v = f.get(null);
      return v instanceof String s ? s : null;
    } catch (ReflectiveOperationException | LinkageError e) {
      // OkHttp 3.x has no okhttp3.OkHttp: report it as older than 4.
      return null;
    }
  }

  /** Every jar (or directory) {@code loader} would take OkHttp's classes from, first first. */
  static List<String> locations(ClassLoader loader) {
    List<String> out = new ArrayList<>();
    try {
      for (URL u : Collections.list(loader.getResources("okhttp3/OkHttpClient.class"))) {
        String s = u.toString();
        int bang = s.indexOf("!/");
        s = bang > 0 ? s.substring(0, bang) : s;
        out.add(s.substring(s.lastIndexOf('/') + 1));
      }
    } catch (IOException e) {
      // Where OkHttp comes from is only a hint in the message.
    }
    return out;
  }

  private static String major(String version) {
    int dot = version.indexOf('.');
    return (dot < 0 ? version : version.substring(0, dot)).toLowerCase(Locale.ROOT);
  }
}
