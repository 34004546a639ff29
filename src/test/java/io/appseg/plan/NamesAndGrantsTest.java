package io.appseg.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.appseg.api.v1alpha1.Mode;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class NamesAndGrantsTest {
  private static final String DNS_SUBDOMAIN =
      "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";

  @Test
  void shortNamesAreReadableAndCarryTheOwnersNamespaceOnlyElsewhere() {
    assertThat(Names.tierPolicy("shop", "shop", "shop", "api")).isEqualTo("shop.api");
    assertThat(Names.defaultDenyPolicy("shop", "shop", "shop")).isEqualTo("shop.default-deny");
    assertThat(Names.tierPolicy("team-a", "shop", "shared", "api")).isEqualTo("shop.api.team-a.ns");
    assertThat(Names.defaultDenyPolicy("team-a", "shop", "shared"))
        .isEqualTo("shop.default-deny.team-a.ns");
    assertThat(Names.peerPolicy("team-a", "shop", "shared", "{}")).endsWith(".peer.team-a.ns");
  }

  @Test
  void sameNamedAppsOfTwoNamespacesGetDistinctNamesInAThird() {
    assertThat(Names.tierPolicy("team-a", "shop", "shared", "api"))
        .isNotEqualTo(Names.tierPolicy("team-b", "shop", "shared", "api"));
  }

  @Test
  void appsAndTiersJoinedByHyphensOrDotsDoNotCollide() {
    assertThat(Names.tierPolicy("x", "a-b", "x", "c"))
        .isNotEqualTo(Names.tierPolicy("x", "a", "x", "b-c"));
    assertThat(Names.tierPolicy("o", "a", "x", "t"))
        .isNotEqualTo(Names.tierPolicy("x", "a.t", "x", "o"));
  }

  @Test
  void longNamesAreShortenedWithAHashAndStayDistinct() {
    String seg = "checkout-service-segmentation-for-the-eu-west-production-cluster";
    String a = Names.tierPolicy("shop", seg, "shop", "payments-api-gateway");
    String b = Names.tierPolicy("shop", seg, "shop", "payments-api-gateway2");
    assertThat(a)
        .hasSizeLessThanOrEqualTo(63)
        .matches(DNS_SUBDOMAIN)
        .startsWith("checkout-service-segmentation");
    assertThat(b).hasSizeLessThanOrEqualTo(63).isNotEqualTo(a);
  }

  private static Plan crossNamespacePlan() {
    return new Plan("shop", "shop", Mode.Enforce, 2, List.of(), List.of("shop", "front", "back"));
  }

  private static Map<String, NamespaceFacts> namespaces(String frontGrant, String backGrant) {
    return Map.of(
        "front",
            new NamespaceFacts(
                "front",
                Map.of(),
                frontGrant == null ? Map.of() : Map.of(Labels.GRANT_ANNOTATION, frontGrant)),
        "back",
            new NamespaceFacts(
                "back",
                Map.of(),
                backGrant == null ? Map.of() : Map.of(Labels.GRANT_ANNOTATION, backGrant)));
  }

  @Test
  void grantsMustNameTheSegmentationsNamespaceOrStar() {
    assertThat(Grants.missing(crossNamespacePlan(), namespaces("shop", "*"))).isEmpty();
    assertThat(Grants.missing(crossNamespacePlan(), namespaces("other, shop", "team-a,shop")))
        .isEmpty();
    assertThat(Grants.missing(crossNamespacePlan(), namespaces("shopping", null)))
        .containsExactly("front", "back");
    assertThat(Grants.missing(crossNamespacePlan(), namespaces("shop", "")))
        .containsExactly("back");
  }

  @Test
  void aMissingNamespaceIsNotAGrant() {
    assertThat(Grants.missing(crossNamespacePlan(), Map.of())).containsExactly("front", "back");
  }

  @Property(tries = 50)
  void ownNamespaceNeverNeedsAGrant(@ForAll @StringLength(min = 1, max = 10) String ignored) {
    Plan local = new Plan("shop", "shop", Mode.Enforce, 1, List.of(), List.of("shop"));
    assertThat(Grants.missing(local, Map.of())).isEmpty();
  }
}
