package io.appseg.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** One difference between the spec and the cluster as it is, as reported in status. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ContextGap {

  @JsonPropertyDescription(
      "Denied: a declared connection the cluster's policies deny. Exposed: an undeclared "
          + "connection they allow.")
  private String kind;

  @JsonPropertyDescription(
      "The connection, between modelled pods that stand for the spec's tiers and peers: "
          + "<namespace>/<pod> -> <namespace>/<pod>:<port>/<protocol>.")
  private String connection;

  @JsonPropertyDescription("The spec fields declaring the connection (kind Denied only).")
  private List<String> declaredBy = new ArrayList<>();

  @JsonPropertyDescription("The objects that deny (Denied) or admit (Exposed) the connection.")
  private List<String> responsible = new ArrayList<>();

  public ContextGap() {}

  public ContextGap(
      String kind, String connection, List<String> declaredBy, List<String> responsible) {
    this.kind = kind;
    this.connection = connection;
    this.declaredBy = new ArrayList<>(declaredBy);
    this.responsible = new ArrayList<>(responsible);
  }

  public String getKind() {
    return kind;
  }

  public void setKind(String kind) {
    this.kind = kind;
  }

  public String getConnection() {
    return connection;
  }

  public void setConnection(String connection) {
    this.connection = connection;
  }

  public List<String> getDeclaredBy() {
    return declaredBy;
  }

  public void setDeclaredBy(List<String> declaredBy) {
    this.declaredBy = declaredBy;
  }

  public List<String> getResponsible() {
    return responsible;
  }

  public void setResponsible(List<String> responsible) {
    this.responsible = responsible;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ContextGap g
        && Objects.equals(kind, g.kind)
        && Objects.equals(connection, g.connection)
        && Objects.equals(declaredBy, g.declaredBy)
        && Objects.equals(responsible, g.responsible);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, connection, declaredBy, responsible);
  }
}
