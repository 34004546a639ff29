package io.appseg.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Generated names never collide within a namespace (P3): whatever the owners' namespaces, apps,
 * tiers and peers, two different policies placed in one namespace get two different names. The
 * alphabet is small on purpose, and app names are built from the very labels the names are made of
 * (the marker, namespaces, tier names, {@code peer}, {@code default-deny}), so that a scheme which
 * could be fooled by dots and dashes would be.
 */
class NameCollisionProperties {
  private static final String DNS_SUBDOMAIN =
      "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";

  /** One generated policy: whose it is and what it stands for. */
  record Policy(String ownerNamespace, String app, String kind, String detail) {
    String nameIn(String namespace) {
      return switch (kind) {
        case Labels.ROLE_DEFAULT_DENY -> Names.defaultDenyPolicy(ownerNamespace, app, namespace);
        case Labels.ROLE_PEER -> Names.peerPolicy(ownerNamespace, app, namespace, detail);
        default -> Names.tierPolicy(ownerNamespace, app, namespace, detail);
      };
    }
  }

  @Property(tries = 3000)
  void differentPoliciesInOneNamespaceNeverShareAName(
      @ForAll("namespaces") String namespace, @ForAll("batches") List<Policy> policies) {
    Map<String, Policy> byName = new HashMap<>();
    for (Policy p : policies) {
      String name = p.nameIn(namespace);
      assertThat(name).hasSizeLessThanOrEqualTo(Names.MAX_LENGTH).matches(DNS_SUBDOMAIN);
      Policy earlier = byName.putIfAbsent(name, p);
      assertThat(earlier == null || earlier.equals(p))
          .as("%s and %s are both named %s in %s", earlier, p, name, namespace)
          .isTrue();
    }
  }

  @Property(tries = 500)
  void aNameIsStableAndTheOwnNamespaceKeepsTheShortForm(
      @ForAll("namespaces") String namespace, @ForAll("policies") Policy p) {
    assertThat(p.nameIn(namespace)).isEqualTo(p.nameIn(namespace));
    String own = p.nameIn(p.ownerNamespace());
    if (own.length() < Names.MAX_LENGTH - 20) {
      assertThat(own).doesNotEndWith("." + p.ownerNamespace() + "." + Names.FOREIGN_MARKER);
    }
  }

  @Provide
  Arbitrary<List<Policy>> batches() {
    return policies().list().ofMinSize(2).ofMaxSize(40);
  }

  @Provide
  Arbitrary<Policy> policies() {
    Arbitrary<String> kind =
        Arbitraries.of(
            Labels.ROLE_TIER, Labels.ROLE_TIER, Labels.ROLE_DEFAULT_DENY, Labels.ROLE_PEER);
    return Combinators.combine(namespaces(), apps(), kind, tiers(), peerKeys())
        .as(
            (ns, app, k, tier, peer) ->
                new Policy(
                    ns,
                    app,
                    k,
                    switch (k) {
                      case Labels.ROLE_TIER -> tier;
                      case Labels.ROLE_PEER -> peer;
                      default -> "";
                    }));
  }

  /** Namespaces: a few short labels, the marker among them, and long ones. */
  @Provide
  Arbitrary<String> namespaces() {
    return Arbitraries.oneOf(
        Arbitraries.of("a", "b", "ns", "a-b", "shop", "peer", "default-deny"), label(1, 63));
  }

  /** App names: DNS subdomains of up to 63 characters whose labels echo the names' own parts. */
  @Provide
  Arbitrary<String> apps() {
    Arbitrary<String> part =
        Arbitraries.oneOf(
            Arbitraries.of("a", "b", "ns", "a-b", "shop", "peer", "default-deny", "web"),
            label(1, 12));
    return part.list()
        .ofMinSize(1)
        .ofMaxSize(6)
        .map(parts -> String.join(".", parts))
        .filter(app -> app.length() <= Names.MAX_LENGTH);
  }

  /** Tier names: DNS labels, never the reserved ones. */
  @Provide
  Arbitrary<String> tiers() {
    return Arbitraries.oneOf(Arbitraries.of("a", "b", "a-b", "web", "shop"), label(1, 63))
        .filter(t -> !Names.RESERVED_TIER_NAMES.contains(t));
  }

  private static Arbitrary<String> peerKeys() {
    return Arbitraries.of(
        "{}", "{\"matchLabels\":{\"app\":\"a\"}}", "{\"matchLabels\":{\"app\":\"b\"}}");
  }

  /** A DNS label over a small alphabet, so that short ones repeat often. */
  private static Arbitrary<String> label(int min, int max) {
    Arbitrary<String> edge = Arbitraries.strings().withChars("abns0").ofLength(1);
    Arbitrary<String> middle =
        Arbitraries.strings().withChars("abns0-").ofMinLength(0).ofMaxLength(max - 2);
    return Arbitraries.oneOf(
        edge,
        Combinators.combine(edge, middle, edge)
            .as((a, m, z) -> a + m + z)
            .filter(s -> s.length() >= min && s.length() <= max));
  }
}
