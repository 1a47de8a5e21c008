package org.abuseloop.cli;

import java.nio.file.Path;

/**
 * Where abuseloop keeps its state: {@code --state DIR}, else {@code $XDG_STATE_HOME/abuseloop}, else
 * {@code ~/.local/state/abuseloop}. Downloaded range files live in its {@code ranges/} folder.
 */
final class StateDirectory {

  private StateDirectory() {}

  static Path resolve(Path option) {
    if (option != null) {
      return option;
    }
    String xdg = System.getenv("XDG_STATE_HOME");
    if (xdg != null && !xdg.isBlank()) {
      return Path.of(xdg, "abuseloop");
    }
    return Path.of(System.getProperty("user.home"), ".local", "state", "abuseloop");
  }

  static Path ranges(Path state) {
    return state.resolve("ranges");
  }
}
