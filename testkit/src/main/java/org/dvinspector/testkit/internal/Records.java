package org.dvinspector.testkit.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/** Parsing and copying of records. */
public final class Records {
  /** TTL of records written without one and without {@code $TTL}. */
  public static final long DEFAULT_TTL = 300;

  private Records() {}

  /**
   * Parses master-file text (RFC 1035 §5.1) relative to {@code origin}: owner names without a
   * trailing dot are relative, {@code @} is the origin, a missing TTL means {@code defaultTtl}.
   * {@code $INCLUDE} is refused: a test's zone comes from its own text only.
   */
  public static List<Record> parse(String text, Name origin, long defaultTtl) {
    List<Record> out = new ArrayList<>();
    try (Master m = new Master(
        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), origin, defaultTtl)) {
      m.disableIncludes();
      for (Record r = m.nextRecord(); r != null; r = m.nextRecord()) {
        out.add(r);
      }
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          "Cannot parse records for " + origin + ": " + e.getMessage() + "\n" + text, e);
    }
    return out;
  }

  /** Parses record lines (one record each) relative to {@code origin}. */
  public static List<Record> parseLines(Name origin, String... lines) {
    List<Record> out = new ArrayList<>();
    for (String line : lines) {
      if (line.isBlank()) {
        throw new IllegalArgumentException("Empty record line for " + origin);
      }
      List<Record> rs = parse(line, origin, DEFAULT_TTL);
      if (rs.size() != 1) {
        throw new IllegalArgumentException(
            "Expected one record per line, got " + rs.size() + ": " + line);
      }
      out.add(rs.get(0));
    }
    return out;
  }

  /** An absolute name: {@code name} with a trailing dot added if missing. */
  public static Name absolute(String name) {
    try {
      return Name.fromString(name.endsWith(".") ? name : name + ".");
    } catch (TextParseException e) {
      throw new IllegalArgumentException("Invalid domain name: " + name, e);
    }
  }

  /** A name relative to {@code origin} unless it ends with a dot; {@code @} is the origin. */
  public static Name relative(String name, Name origin) {
    try {
      return name.equals("@") ? origin : Name.fromString(name, origin);
    } catch (TextParseException e) {
      throw new IllegalArgumentException("Invalid domain name: " + name, e);
    }
  }

  /** A record type by mnemonic ({@code TXT}) or number. */
  public static int type(String mnemonic) {
    int t = Type.value(mnemonic);
    if (t < 0) {
      throw new IllegalArgumentException("Unknown record type: " + mnemonic);
    }
    return t;
  }

  /** The same record with another TTL. */
  public static Record withTtl(Record r, long ttl) {
    return copy(r, r.getName(), ttl);
  }

  /** The same record data under another owner name and TTL. */
  public static Record copy(Record r, Name name, long ttl) {
    @Nullable Record copy = null;
    try {
      copy = Record.fromString(name, r.getType(), DClass.IN, ttl, r.rdataToString(), Name.root);
    } catch (IOException e) {
      // Falls back to the wire form below (names in the data are then lower case).
    }
    return copy != null
        ? copy
        : Record.newRecord(name, r.getType(), r.getDClass(), ttl, r.rdataToWireCanonical());
  }
}
