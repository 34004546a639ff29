package io.appseg.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A declared connection whose verdict enforcing the plan would change, as reported in status. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AuditFlip {
  @JsonPropertyDescription(
      "The connection, between modelled pods that stand for the spec's tiers and peers: "
          + "<namespace>/<pod> -> <namespace>/<pod>:<port>/<protocol>.")
  private String connection;

  @JsonPropertyDescription("AllowedToDenied or DeniedToAllowed: now, then once enforced.")
  private String change;

  @JsonPropertyDescription("The spec fields declaring the connection.")
  private List<String> declaredBy = new ArrayList<>();

  public AuditFlip() {}

  public AuditFlip(String connection, String change, List<String> declaredBy) {
    this.connection = connection;
    this.change = change;
    this.declaredBy = new ArrayList<>(declaredBy);
  }

  public String getConnection() {
    return connection;
  }

  public void setConnection(String connection) {
    this.connection = connection;
  }

  public String getChange() {
    return change;
  }

  public void setChange(String change) {
    this.change = change;
  }

  public List<String> getDeclaredBy() {
    return declaredBy;
  }

  public void setDeclaredBy(List<String> declaredBy) {
    this.declaredBy = declaredBy;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AuditFlip f
        && Objects.equals(connection, f.connection)
        && Objects.equals(change, f.change)
        && Objects.equals(declaredBy, f.declaredBy);
  }

  @Override
  public int hashCode() {
    return Objects.hash(connection, change, declaredBy);
  }
}
