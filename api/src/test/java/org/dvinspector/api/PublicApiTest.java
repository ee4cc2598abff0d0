package org.dvinspector.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The public API of each published library module, compared with the signatures checked in under
 * {@code api/baseline/<artifact>.api}: every public or protected type, field, constructor and
 * method of the packages its {@code module-info} exports (unqualified), including the public
 * methods a type inherits from a hidden supertype (the Immutables-generated builders). A change
 * fails the build with the lines added and removed; when it is deliberate, record it in
 * CHANGELOG.md and rewrite the baseline:
 *
 * <pre>
 * mvn -B verify -pl api -am -Dapi.baseline.update=true
 * </pre>
 *
 * <p>It plays the part japicmp or revapi would play against a released jar, without needing one
 * (nothing is released yet): the checked-in text is the baseline, and its diff in a pull request
 * shows the API change for review.
 */
final class PublicApiTest {
  /** Published library modules and a class from each, to find its classes. */
  private static final List<Module> MODULES = List.of(
      new Module("dvinspector-core", org.dvinspector.DomainValidationInspector.class),
      new Module("dvinspector-dns", org.dvinspector.dns.DnsModule.class),
      new Module("dvinspector-http", org.dvinspector.http.HttpModule.class),
      new Module("dvinspector-caa", org.dvinspector.caa.CaaModule.class),
      new Module("dvinspector-contact", org.dvinspector.contact.ContactModule.class),
      new Module("dvinspector-remote", org.dvinspector.remote.AgentPerspective.class),
      new Module("dvinspector-openmpic", org.dvinspector.openmpic.OpenMpicCoordinator.class),
      new Module("dvinspector-testkit", org.dvinspector.testkit.DnsLab.class));

  private record Module(String artifact, Class<?> anchor) {}

  @TestFactory
  Stream<DynamicTest> publicApiMatchesTheBaseline() {
    Path dir = Path.of(System.getProperty("api.baseline.dir", "baseline"));
    boolean update = Boolean.getBoolean("api.baseline.update");
    return MODULES.stream().map(m -> DynamicTest.dynamicTest(m.artifact(), () -> {
      List<String> current = signatures(m.anchor());
      Path file = dir.resolve(m.artifact() + ".api");
      if (update) {
        Files.createDirectories(dir);
        Files.write(file, current, StandardCharsets.UTF_8);
        return;
      }
      List<String> baseline = Files.exists(file)
          ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
      Set<String> removed = new LinkedHashSet<>(baseline);
      current.forEach(removed::remove);
      Set<String> added = new LinkedHashSet<>(current);
      baseline.forEach(added::remove);
      StringBuilder diff = new StringBuilder();
      removed.forEach(l -> diff.append("\n- ").append(l));
      added.forEach(l -> diff.append("\n+ ").append(l));
      assertThat(diff.toString())
          .as("The public API of %s differs from %s (- removed, + added). If the change is"
              + " deliberate, note it in CHANGELOG.md and run: mvn -B verify -pl api -am"
              + " -Dapi.baseline.update=true", m.artifact(), file)
          .isEmpty();
    }));
  }

  /** Every API signature of the module holding {@code anchor}, sorted. */
  static List<String> signatures(Class<?> anchor) throws IOException, ClassNotFoundException {
    Path location;
    try {
      location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IOException(e);
    }
    ModuleReference ref = ModuleFinder.of(location).findAll().stream().findFirst()
        .orElseThrow(() -> new AssertionError("no module-info in " + location));
    Set<String> exported = ref.descriptor().exports().stream()
        .filter(e -> !e.isQualified())
        .map(ModuleDescriptor.Exports::source)
        .collect(Collectors.toCollection(TreeSet::new));
    TreeSet<String> out = new TreeSet<>();
    out.add("module " + ref.descriptor().name() + " exports " + String.join(", ", exported));
    try (var reader = ref.open()) {
      for (String entry : reader.list().collect(Collectors.toList())) {
        if (!entry.endsWith(".class") || entry.endsWith("module-info.class")) {
          continue;
        }
        String name = entry.substring(0, entry.length() - 6).replace('/', '.');
        String pkg = name.substring(0, name.lastIndexOf('.'));
        if (!exported.contains(pkg)) {
          continue;
        }
        Class<?> c = Class.forName(name, false, anchor.getClassLoader());
        if (visible(c)) {
          describe(c, out);
        }
      }
    }
    return new ArrayList<>(out);
  }

  /** Whether code outside the module can name {@code c}: public, or protected in a visible type. */
  private static boolean visible(Class<?> c) {
    if (c.isSynthetic() || c.isAnonymousClass() || c.isLocalClass()) {
      return false;
    }
    int m = c.getModifiers();
    Class<?> outer = c.getDeclaringClass();
    if (outer == null) {
      return Modifier.isPublic(m);
    }
    return (Modifier.isPublic(m) || Modifier.isProtected(m)) && visible(outer);
  }

  private static void describe(Class<?> c, Set<String> out) {
    String type = c.getName();
    out.add(type + " : " + declaration(c));
    for (Field f : c.getDeclaredFields()) {
      if (api(f.getModifiers()) && !f.isSynthetic()) {
        out.add(type + " : " + mods(f.getModifiers()) + name(f.getGenericType()) + " "
            + f.getName());
      }
    }
    for (Constructor<?> k : c.getDeclaredConstructors()) {
      if (api(k.getModifiers()) && !k.isSynthetic() && !c.isEnum()) {
        out.add(type + " : " + mods(k.getModifiers()) + typeParams(k.getTypeParameters())
            + c.getSimpleName() + params(k) + throwsClause(k));
      }
    }
    for (Method m : c.getDeclaredMethods()) {
      if (api(m.getModifiers()) && !m.isSynthetic() && !m.isBridge()) {
        out.add(type + " : " + method(m));
      }
    }
    // Public methods inherited from a supertype outside the API (e.g. a generated builder).
    for (Method m : c.getMethods()) {
      Class<?> from = m.getDeclaringClass();
      if (from != c && !m.isBridge() && !m.isSynthetic() && !from.getName().startsWith("java.")
          && !visible(from)) {
        out.add(type + " : " + method(m) + " (inherited)");
      }
    }
  }

  private static boolean api(int modifiers) {
    return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
  }

  private static String declaration(Class<?> c) {
    StringBuilder b = new StringBuilder();
    int m = c.getModifiers() & ~Modifier.INTERFACE;
    if (c.isInterface()) {
      m &= ~Modifier.ABSTRACT;
    }
    if (c.isEnum()) {
      m &= ~Modifier.FINAL;
    }
    b.append(mods(m));
    b.append(c.isAnnotation() ? "@interface " : c.isInterface() ? "interface "
        : c.isEnum() ? "enum " : c.isRecord() ? "record " : "class ");
    b.append(c.getSimpleName()).append(typeParams(c.getTypeParameters()));
    Type sup = c.getGenericSuperclass();
    if (sup != null && sup != Object.class && !c.isEnum() && !c.isRecord()) {
      b.append(" extends ").append(name(sup));
    }
    Type[] ifaces = c.getGenericInterfaces();
    if (ifaces.length > 0 && !c.isAnnotation()) {
      b.append(c.isInterface() ? " extends " : " implements ")
          .append(Arrays.stream(ifaces).map(PublicApiTest::name).collect(Collectors.joining(", ")));
    }
    if (c.isEnum()) {
      b.append(" {").append(Arrays.stream(c.getEnumConstants())
          .map(e -> ((Enum<?>) e).name()).collect(Collectors.joining(", "))).append("}");
    }
    return b.toString();
  }

  private static String method(Method m) {
    int mods = m.getModifiers();
    if (m.getDeclaringClass().isInterface()) {
      mods &= ~Modifier.ABSTRACT;
    }
    return mods(mods) + (m.isDefault() ? "default " : "") + typeParams(m.getTypeParameters())
        + name(m.getGenericReturnType()) + " " + m.getName() + params(m) + throwsClause(m);
  }

  private static String params(Executable e) {
    return Arrays.stream(e.getGenericParameterTypes()).map(PublicApiTest::name)
        .collect(Collectors.joining(", ", "(", ")")).replace("[]", e.isVarArgs() ? "[]" : "[]");
  }

  private static String throwsClause(Executable e) {
    Type[] t = e.getGenericExceptionTypes();
    return t.length == 0 ? "" : " throws "
        + Arrays.stream(t).map(PublicApiTest::name).collect(Collectors.joining(", "));
  }

  private static String typeParams(TypeVariable<?>[] vars) {
    if (vars.length == 0) {
      return "";
    }
    return Arrays.stream(vars).map(v -> {
      Type[] bounds = v.getBounds();
      boolean plain = bounds.length == 1 && bounds[0] == Object.class;
      return v.getName() + (plain ? "" : " extends " + Arrays.stream(bounds)
          .map(PublicApiTest::name).collect(Collectors.joining(" & ")));
    }).collect(Collectors.joining(", ", "<", "> "));
  }

  private static String mods(int m) {
    String s = Modifier.toString(m & (Modifier.PUBLIC | Modifier.PROTECTED | Modifier.STATIC
        | Modifier.FINAL | Modifier.ABSTRACT));
    return s.isEmpty() ? "" : s + " ";
  }

  private static String name(Type t) {
    return t.getTypeName();
  }
}
