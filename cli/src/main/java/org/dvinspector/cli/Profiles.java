package org.dvinspector.cli;

import java.util.ArrayList;
import java.util.List;
import org.dvinspector.CaProfile;
import org.dvinspector.CaProfiles;

/** The built-in CA profiles by id, for {@code --profile}. */
final class Profiles {
  private Profiles() {}

  /** The ids, for help and completion. */
  static List<String> ids() {
    List<String> ids = new ArrayList<>();
    for (CaProfile p : CaProfiles.all()) {
      ids.add(p.id());
    }
    return ids;
  }

  /**
   * The profile with this id.
   *
   * @throws UsageException naming the known ids
   */
  static CaProfile byId(String id) {
    return CaProfiles.byId(id.strip()).orElseThrow(() -> new UsageException(
        "Unknown profile '" + Style.safe(id) + "'; known: " + String.join(", ", ids())));
  }
}
