package io.appseg.netpol;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The destination port of a connection: a number, or a container port name that is resolved on the
 * destination pod before evaluation. Exactly one of the two is set.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Port(Integer number, String name) {

  public Port {
    if ((number == null) == (name == null)) {
      throw new IllegalArgumentException("a port is either a number or a name");
    }
    if (number != null && (number < 1 || number > 65535)) {
      throw new IllegalArgumentException("port " + number + " is outside 1-65535");
    }
    if (name != null && name.isBlank()) {
      throw new IllegalArgumentException("a port name must not be blank");
    }
  }

  public static Port of(int number) {
    return new Port(number, null);
  }

  public static Port named(String name) {
    return new Port(null, name);
  }

  /** Digits give a number, anything else a name. */
  public static Port parse(String text) {
    String t = text.trim();
    if (!t.isEmpty() && t.chars().allMatch(Character::isDigit)) {
      try {
        return of(Integer.parseInt(t));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("port " + t + " is outside 1-65535", e);
      }
    }
    return named(t);
  }

  @JsonIgnore
  public boolean isNamed() {
    return name != null;
  }

  @Override
  public String toString() {
    return isNamed() ? name : number.toString();
  }
}
