package org.dvinspector.dns;

import java.util.List;
import org.immutables.value.Value;

/**
 * A name and type looked up the CA's way: the zone that holds the name, found from the root, and
 * the answer of every address of every one of its nameservers.
 */
@Value.Immutable
public abstract class Lookup {
  /** The zone that holds the name (with what went wrong finding it, if anything did). */
  public abstract ZoneCut zone();

  /** One answer per nameserver address of the zone; empty when the zone could not be found. */
  public abstract List<ServerAnswer> answers();

  /** A lookup. */
  public static Lookup of(ZoneCut zone, List<ServerAnswer> answers) {
    return ImmutableLookup.builder().zone(zone).answers(answers).build();
  }
}
