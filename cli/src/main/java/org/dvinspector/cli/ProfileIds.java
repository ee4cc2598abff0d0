package org.dvinspector.cli;

import java.util.Iterator;

/** The profile ids, for {@code --profile}'s help text and shell completion. */
final class ProfileIds implements Iterable<String> {
  @Override
  public Iterator<String> iterator() {
    return Profiles.ids().iterator();
  }
}
