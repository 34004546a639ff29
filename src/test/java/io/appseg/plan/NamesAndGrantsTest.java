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
  void shortNamesAreReadable() {
    assertThat(Names.tierPolicy("shop", "api")).isEqualTo("shop.api");
    assertThat(Names.defaultDenyPolicy("shop")).isEqualTo("shop.default-deny");
  }

  @Test
  void appsAndTiersJoinedByHyphensDoNotCollide() {
    assertThat(Names.tierPolicy("a-b", "c")).isNotEqualTo(Names.tierPolicy("a", "b-c"));
  }

  @Test
  void longNamesAreShortenedWithAHashAndStayDistinct() {
    String seg = "checkout-service-segmentation-for-the-eu-west-production-cluster";
    String a = Names.tierPolicy(seg, "payments-api-gateway");
    String b = Names.tierPolicy(seg, "payments-api-gateway2");
    assertThat(a)
        .hasSizeLessThanOrEqualTo(63)
        .matches(DNS_SUBDOMAIN)
        .startsWith("checkout-service-segmentation");
    assertThat(b).hasSizeLessThanOrEqualTo(63).isNotEqualTo(a);
  }

  @Property
  void everyGeneratedNameIsAValidShortDnsSubdomain(
      @ForAll("dnsLabels") String seg, @ForAll("dnsLabels") String tier) {
    assertThat(Names.tierPolicy(seg, tier)).hasSizeLessThanOrEqualTo(63).matches(DNS_SUBDOMAIN);
    assertThat(Names.defaultDenyPolicy(seg)).hasSizeLessThanOrEqualTo(63).matches(DNS_SUBDOMAIN);
  }

  @Property
  void distinctAppTierPairsGetDistinctNames(
      @ForAll("dnsLabels") String seg,
      @ForAll("dnsLabels") String t1,
      @ForAll("dnsLabels") String t2) {
    if (!t1.equals(t2)) {
      assertThat(Names.tierPolicy(seg, t1)).isNotEqualTo(Names.tierPolicy(seg, t2));
    }
    assertThat(Names.tierPolicy(seg, t1)).isNotEqualTo(Names.defaultDenyPolicy(seg));
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<String> dnsLabels() {
    var middle =
        net.jqwik.api.Arbitraries.strings().withChars("abcxyz019-").ofMinLength(0).ofMaxLength(61);
    var edge = net.jqwik.api.Arbitraries.strings().withChars("abz09").ofLength(1);
    return net.jqwik.api.Combinators.combine(edge, middle, edge).as((a, m, z) -> a + m + z);
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
