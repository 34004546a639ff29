package io.appseg.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What switching to Enforce would do, compared with the cluster now (Audit mode only): the writes,
 * and the declared connections that would change. Bounded, so every watcher of the object can
 * afford it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AuditPreview {
  public static final int MAX_NAMES = 20;
  public static final int MAX_FLIPS = 10;

  @JsonPropertyDescription("Policies Enforce would create, as namespace/name.")
  @Size(max = MAX_NAMES)
  private List<String> create = new ArrayList<>();

  @JsonPropertyDescription("Policies Enforce would update in place.")
  @Size(max = MAX_NAMES)
  private List<String> update = new ArrayList<>();

  @JsonPropertyDescription(
      "Policies of this app Enforce would delete, leftovers of an earlier Enforce generation included.")
  @Size(max = MAX_NAMES)
  private List<String> prune = new ArrayList<>();

  @JsonPropertyDescription(
      "Objects the app does not own that hold a name of the plan: enforcing would stop at Conflict.")
  @Size(max = MAX_NAMES)
  private List<String> conflicts = new ArrayList<>();

  @JsonPropertyDescription("Names left out of the four lists above by their bound.")
  private Integer namesOmitted;

  @JsonPropertyDescription(
      "Declared connections whose verdict enforcing would change (the app's policies now, or none, against the plan).")
  @Size(max = MAX_FLIPS)
  private List<AuditFlip> flips = new ArrayList<>();

  @JsonPropertyDescription("Flips left out of flips by its bound.")
  private Integer flipsOmitted;

  @JsonPropertyDescription(
      "Undeclared connections between the modelled pods, allowed now, that enforcing would deny.")
  private Integer undeclaredCut;

  public List<String> getCreate() {
    return create;
  }

  public void setCreate(List<String> create) {
    this.create = create;
  }

  public List<String> getUpdate() {
    return update;
  }

  public void setUpdate(List<String> update) {
    this.update = update;
  }

  public List<String> getPrune() {
    return prune;
  }

  public void setPrune(List<String> prune) {
    this.prune = prune;
  }

  public List<String> getConflicts() {
    return conflicts;
  }

  public void setConflicts(List<String> conflicts) {
    this.conflicts = conflicts;
  }

  public Integer getNamesOmitted() {
    return namesOmitted;
  }

  public void setNamesOmitted(Integer namesOmitted) {
    this.namesOmitted = namesOmitted;
  }

  public List<AuditFlip> getFlips() {
    return flips;
  }

  public void setFlips(List<AuditFlip> flips) {
    this.flips = flips;
  }

  public Integer getFlipsOmitted() {
    return flipsOmitted;
  }

  public void setFlipsOmitted(Integer flipsOmitted) {
    this.flipsOmitted = flipsOmitted;
  }

  public Integer getUndeclaredCut() {
    return undeclaredCut;
  }

  public void setUndeclaredCut(Integer undeclaredCut) {
    this.undeclaredCut = undeclaredCut;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AuditPreview a
        && Objects.equals(create, a.create)
        && Objects.equals(update, a.update)
        && Objects.equals(prune, a.prune)
        && Objects.equals(conflicts, a.conflicts)
        && Objects.equals(namesOmitted, a.namesOmitted)
        && Objects.equals(flips, a.flips)
        && Objects.equals(flipsOmitted, a.flipsOmitted)
        && Objects.equals(undeclaredCut, a.undeclaredCut);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        create, update, prune, conflicts, namesOmitted, flips, flipsOmitted, undeclaredCut);
  }
}
