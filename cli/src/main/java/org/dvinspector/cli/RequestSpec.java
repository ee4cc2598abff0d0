package org.dvinspector.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One request as text, before it is checked: the fields given on the command line or on one line
 * of a batch file. {@link RequestFactory} turns it into an {@link org.dvinspector.InspectionRequest}.
 */
final class RequestSpec {
  private final Map<RequestField, Object> values;

  private RequestSpec(Map<RequestField, Object> values) {
    this.values = values;
  }

  /** An empty spec. */
  static RequestSpec empty() {
    return new RequestSpec(new EnumMap<>(RequestField.class));
  }

  /** A copy with {@code field} set (a null value removes it). */
  RequestSpec with(RequestField field, @Nullable Object value) {
    Map<RequestField, Object> copy = copy();
    if (value == null || (value instanceof List && ((List<?>) value).isEmpty())) {
      copy.remove(field);
    } else {
      if (field.kind() == RequestField.Kind.LIST && !(value instanceof List)) {
        throw new IllegalArgumentException(field.key() + " takes a list");
      }
      if (field.kind() == RequestField.Kind.BOOLEAN && !(value instanceof Boolean)) {
        throw new IllegalArgumentException(field.key() + " takes true or false");
      }
      if (field.kind() == RequestField.Kind.TEXT && !(value instanceof String)) {
        throw new IllegalArgumentException(field.key() + " takes a text value");
      }
      copy.put(field, value instanceof List ? List.copyOf((List<?>) value) : value);
    }
    return new RequestSpec(copy);
  }

  /** This spec with every field this one lacks taken from {@code defaults}. */
  RequestSpec withDefaults(RequestSpec defaults) {
    Map<RequestField, Object> merged = defaults.copy();
    merged.putAll(values);
    return new RequestSpec(merged);
  }

  /** A text field, or null. */
  @Nullable String text(RequestField field) {
    Object v = values.get(field);
    return v instanceof String ? (String) v : null;
  }

  /** A boolean field, or null when not given. */
  @Nullable Boolean bool(RequestField field) {
    Object v = values.get(field);
    return v instanceof Boolean ? (Boolean) v : null;
  }

  /** A list field; empty when not given. */
  List<String> list(RequestField field) {
    Object v = values.get(field);
    if (!(v instanceof List)) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (Object o : (List<?>) v) {
      out.add(String.valueOf(o));
    }
    return Collections.unmodifiableList(out);
  }

  /** Whether the field is given. */
  boolean has(RequestField field) {
    return values.containsKey(field);
  }

  private Map<RequestField, Object> copy() {
    Map<RequestField, Object> m = new EnumMap<>(RequestField.class);
    m.putAll(values);
    return m;
  }

  @Override
  public String toString() {
    return values.toString();
  }
}
