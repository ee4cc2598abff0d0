package org.dvinspector.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Collectors;

/** The published report schema, loaded from the class path, and a validator for it. */
final class ReportSchema {
  private static final Schema SCHEMA = load();

  private ReportSchema() {}

  private static Schema load() {
    try (InputStream in = ReportJson.class.getResourceAsStream(ReportJson.SCHEMA_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("no " + ReportJson.SCHEMA_RESOURCE + " on the class path");
      }
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The schema's JSON. */
  static JsonNode json() {
    try (InputStream in = ReportJson.class.getResourceAsStream(ReportJson.SCHEMA_RESOURCE)) {
      return ReportJson.mapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The validation errors, one per line; empty when the document is valid. */
  static List<String> errors(JsonNode report) {
    List<Error> errors = SCHEMA.validate(report, ctx ->
        ctx.executionConfig(c -> c.formatAssertionsEnabled(true)));
    return errors.stream().map(Error::toString).collect(Collectors.toList());
  }

  /** The validation errors of a JSON text. */
  static List<String> errors(String json) {
    try {
      return errors(ReportJson.mapper().readTree(json));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
