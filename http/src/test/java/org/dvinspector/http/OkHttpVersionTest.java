package org.dvinspector.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import okhttp3.OkHttpClient;
import org.dvinspector.DomainValidationInspector;
import org.dvinspector.http.internal.OkHttpVersion;
import org.junit.jupiter.api.Test;

/**
 * An application that declares OkHttp 4.x gets two OkHttp jars ({@code okhttp} 4.x and our
 * {@code okhttp-jvm} 5.x): these tests build that class path for real, in a class loader of its
 * own, with the OkHttp 4.12.0 jar that the build copies to {@code target/okhttp4}.
 */
final class OkHttpVersionTest {
  private static final Path OKHTTP4 = Path.of("target", "okhttp4");

  private static URL jar(String prefix) throws Exception {
    try (var files = Files.list(OKHTTP4)) {
      return files.filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst()
          .orElseThrow(() -> new AssertionError(prefix + "* is not in " + OKHTTP4.toAbsolutePath()
              + "; the build's maven-dependency-plugin copies it there"))
          .toUri().toURL();
    }
  }

  private static URL codeSource(Class<?> c) {
    return c.getProtectionDomain().getCodeSource().getLocation();
  }

  /** OkHttp 4.12.0 first, then everything the inspector has today (OkHttp 5 included). */
  private static URLClassLoader applicationWithOkHttp4() throws Exception {
    List<URL> urls = new ArrayList<>();
    urls.add(jar("okhttp-4.12.0"));
    urls.add(jar("okio-jvm-3.6.0"));
    urls.add(jar("kotlin-stdlib-1.8.21"));
    urls.add(codeSource(OkHttpClient.class));               // okhttp-jvm 5.x, second: shadowed
    urls.add(codeSource(DomainValidationInspector.class));  // core
    urls.add(codeSource(HttpModule.class));                 // this module, with its services file
    return new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
  }

  @Test
  void theBuildRecordsTheOkHttpVersionItWasCompiledWith() {
    assertThat(OkHttpVersion.COMPILED).startsWith("5.").isEqualTo(okhttp3.OkHttp.VERSION);
  }

  @Test
  void theOkHttpOfThisClassPathPasses() {
    OkHttpVersion.check(OkHttpClient.class.getClassLoader());
  }

  @Test
  void anOkHttp4AheadOfOursFailsNamingTheVersionTheJarsAndTheBom() throws Exception {
    try (URLClassLoader app = applicationWithOkHttp4()) {
      assertThatThrownBy(() -> OkHttpVersion.check(app))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("needs OkHttp 5.x")
          .hasMessageContaining("OkHttp 4.12.0 from okhttp-4.12.0.jar and okhttp-jvm-")
          .hasMessageContaining("com.squareup.okhttp3:okhttp-bom:" + OkHttpVersion.COMPILED)
          .hasMessageContaining("<scope>import</scope>");
    }
  }

  @Test
  void buildingAnInspectorOnThatClassPathFailsAtOnceInsteadOfEveryCheckLater() throws Exception {
    try (URLClassLoader app = applicationWithOkHttp4()) {
      // The inspector's own classes, loaded by the application's loader, find the http module by
      // ServiceLoader as an application would.
      Class<?> inspector = Class.forName(DomainValidationInspector.class.getName(), true, app);
      assertThat(inspector).isNotSameAs(DomainValidationInspector.class);
      Object builder = inspector.getMethod("builder").invoke(null);
      Method find = builder.getClass().getMethod("findAndAddModules", ClassLoader.class);
      find.invoke(builder, app);
      Method build = builder.getClass().getMethod("build");

      assertThatThrownBy(() -> {
        try {
          build.invoke(builder);
        } catch (InvocationTargetException e) {
          throw e.getCause();
        }
      }).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("OkHttp 4.12.0")
          .hasMessageContaining("okhttp-bom");
    }
  }
}
