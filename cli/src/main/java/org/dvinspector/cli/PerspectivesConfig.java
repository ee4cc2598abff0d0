package org.dvinspector.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.dvinspector.Rir;
import org.jspecify.annotations.Nullable;

/**
 * The {@code --perspectives-config} file: per remote perspective ({@code agent:URL} or {@code
 * openmpic:URL}, spelled as on the command line) its key file and the rest; {@code agent:*}
 * applies to every agent without an entry of its own. Relative file names are relative to the
 * configuration file.
 *
 * <pre>
 * {
 *   "agent:*": {"keyFile": "agent.key"},
 *   "agent:https://eu.example.net:8453": {"keyFile": "eu.key", "name": "eu-central",
 *                                         "rir": "RIPE NCC", "caFile": "agents-ca.pem"},
 *   "openmpic:https://abc.execute-api.us-east-2.amazonaws.com/v1/mpic": {
 *     "apiKeyFile": "mpic.key",
 *     "perspectives": {"us-east-2": "ARIN", "eu-west-2": "RIPE NCC", "my-dc": null}
 *   }
 * }
 * </pre>
 */
final class PerspectivesConfig {
  /** No configuration file. */
  static final PerspectivesConfig NONE = new PerspectivesConfig("(none)", Map.of());

  private static final Set<String> AGENT_KEYS = Set.of("keyFile", "name", "rir", "caFile");
  private static final Set<String> OPENMPIC_KEYS =
      Set.of("apiKeyFile", "perspectives", "perspectiveCount", "caFile");

  /** One perspective's settings. */
  static final class Entry {
    final @Nullable Path keyFile;
    final @Nullable Path caFile;
    final @Nullable String name;
    final @Nullable Rir rir;
    /** Open MPIC: the coordinator's perspective codes, each with its registry (empty: default). */
    final Map<String, Optional<Rir>> codes;
    final int perspectiveCount;

    Entry(@Nullable Path keyFile, @Nullable Path caFile, @Nullable String name, @Nullable Rir rir,
        Map<String, Optional<Rir>> codes, int perspectiveCount) {
      this.keyFile = keyFile;
      this.caFile = caFile;
      this.name = name;
      this.rir = rir;
      this.codes = codes;
      this.perspectiveCount = perspectiveCount;
    }
  }

  private final String file;
  private final Map<String, Entry> entries;

  private PerspectivesConfig(String file, Map<String, Entry> entries) {
    this.file = file;
    this.entries = entries;
  }

  /** The file's name, for messages. */
  String file() {
    return file;
  }

  /** The settings of {@code spec}, else those of {@code agent:*} for an agent. */
  Optional<Entry> entry(String spec) {
    Entry e = entries.get(spec);
    if (e == null && spec.startsWith("agent:")) {
      e = entries.get("agent:*");
    }
    return Optional.ofNullable(e);
  }

  /**
   * Reads the file.
   *
   * @throws UsageException if it cannot be read or does not follow the format
   */
  static PerspectivesConfig read(String file) {
    String text = RequestFactory.readFile("--perspectives-config", file);
    JsonNode root;
    try {
      root = ReportJson.mapper().readTree(text);
    } catch (JsonProcessingException e) {
      throw new UsageException("--perspectives-config " + Style.safe(file)
          + ": not valid JSON (line " + e.getLocation().getLineNr() + ")");
    }
    if (root == null || !root.isObject()) {
      throw bad(file, "", "expected a JSON object keyed by agent:URL or openmpic:URL");
    }
    Path base = Path.of(file).toAbsolutePath().getParent();
    Map<String, Entry> entries = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String spec = e.getKey();
      JsonNode n = e.getValue();
      boolean agent = spec.startsWith("agent:");
      if (!agent && !spec.startsWith("openmpic:")) {
        throw bad(file, spec, "keys are agent:URL, agent:* or openmpic:URL");
      }
      if (!n.isObject()) {
        throw bad(file, spec, "expected an object");
      }
      Set<String> allowed = agent ? AGENT_KEYS : OPENMPIC_KEYS;
      for (Iterator<String> names = n.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!allowed.contains(name)) {
          throw bad(file, spec, "unknown setting \"" + Style.safe(name) + "\"; known: "
              + String.join(", ", new java.util.TreeSet<>(allowed)));
        }
      }
      Map<String, Optional<Rir>> codes = new LinkedHashMap<>();
      JsonNode ps = n.get("perspectives");
      if (ps != null) {
        if (ps.isArray()) {
          for (JsonNode code : ps) {
            if (!code.isTextual()) {
              throw bad(file, spec, "perspectives: expected codes as strings");
            }
            codes.put(code.textValue(), Optional.empty());
          }
        } else if (ps.isObject()) {
          for (Iterator<Map.Entry<String, JsonNode>> c = ps.fields(); c.hasNext(); ) {
            Map.Entry<String, JsonNode> code = c.next();
            JsonNode r = code.getValue();
            if (!r.isNull() && !r.isTextual()) {
              throw bad(file, spec, "perspectives." + Style.safe(code.getKey())
                  + ": expected a registry name or null");
            }
            codes.put(code.getKey(), r.isNull() ? Optional.empty()
                : Optional.of(rir(file, spec, r.textValue())));
          }
        } else {
          throw bad(file, spec, "perspectives: expected an object (code to registry) or an"
              + " array of codes");
        }
      }
      JsonNode count = n.get("perspectiveCount");
      if (count != null && (!count.isInt() || count.intValue() < 2)) {
        throw bad(file, spec, "perspectiveCount: expected an integer of at least 2");
      }
      String rirName = text(file, spec, n, "rir");
      entries.put(spec, new Entry(
          path(file, spec, base, n, agent ? "keyFile" : "apiKeyFile"),
          path(file, spec, base, n, "caFile"),
          text(file, spec, n, "name"),
          rirName == null ? null : rir(file, spec, rirName),
          codes,
          count == null ? 0 : count.intValue()));
    }
    return new PerspectivesConfig(file, entries);
  }

  private static @Nullable String text(String file, String spec, JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual() || v.textValue().isBlank()) {
      throw bad(file, spec, field + ": expected a non-empty string");
    }
    return v.textValue();
  }

  private static @Nullable Path path(String file, String spec, @Nullable Path base, JsonNode n,
      String field) {
    String v = text(file, spec, n, field);
    if (v == null) {
      return null;
    }
    try {
      Path p = Path.of(v);
      return p.isAbsolute() || base == null ? p : base.resolve(p);
    } catch (RuntimeException e) {
      throw bad(file, spec, field + ": \"" + Style.safe(v) + "\" is not a file name");
    }
  }

  private static Rir rir(String file, String spec, String name) {
    try {
      return Rir.fromName(name);
    } catch (IllegalArgumentException e) {
      throw bad(file, spec, String.valueOf(e.getMessage()));
    }
  }

  private static UsageException bad(String file, String spec, String what) {
    return new UsageException("--perspectives-config " + Style.safe(file)
        + (spec.isEmpty() ? "" : " \"" + Style.safe(spec) + "\"") + ": " + what);
  }
}
