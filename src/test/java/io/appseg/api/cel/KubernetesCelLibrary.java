package io.appseg.api.cel;

import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.ListType;
import dev.cel.common.types.OpaqueType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import inet.ipaddr.IPAddress;
import io.appseg.kube.Ip;
import java.util.List;

/**
 * The part of Kubernetes' CIDR and lists libraries (k8s.io/apiserver/pkg/cel/library) that the
 * CRD's rules call: {@code isCIDR(string)}, {@code cidr(string)}, {@code
 * <cidr>.containsCIDR(string)} and {@code <cidr>.prefixLength()}, {@code <cidr>.masked()} and
 * {@code ==} between two, and {@code <list(int)>.sum()}. Kubernetes parses with Go's netip (no
 * leading zeros, no zone, the prefix at most the family's bits, host bits allowed); here the strict
 * reading the planner writes stands in for it, and CelAdmissionIT and SpecParityIT hold both to the
 * real API server.
 */
final class KubernetesCelLibrary {
  private static final OpaqueType CIDR = OpaqueType.create("net.CIDR");

  /** A {@code net.CIDR} value: the address as written and the prefix length. */
  record Cidr(IPAddress address, int bits) {
    static Cidr of(IPAddress written) {
      return new Cidr(written.withoutPrefixLength(), written.getNetworkPrefixLength());
    }

    Cidr masked() {
      return new Cidr(Ip.network(address.setPrefixLength(bits, false)), bits);
    }

    boolean containsCidr(Cidr inner) {
      IPAddress block = masked().address.setPrefixLength(bits, false).toPrefixBlock();
      return Ip.contains(block, inner.address) && bits <= inner.bits;
    }
  }

  private KubernetesCelLibrary() {}

  static List<CelFunctionDecl> declarations() {
    return List.of(
        CelFunctionDecl.newFunctionDeclaration(
            "isCIDR",
            CelOverloadDecl.newGlobalOverload("is_cidr", SimpleType.BOOL, SimpleType.STRING)),
        CelFunctionDecl.newFunctionDeclaration(
            "cidr", CelOverloadDecl.newGlobalOverload("string_to_cidr", CIDR, SimpleType.STRING)),
        CelFunctionDecl.newFunctionDeclaration(
            "containsCIDR",
            CelOverloadDecl.newMemberOverload(
                "cidr_contains_cidr_string", SimpleType.BOOL, CIDR, SimpleType.STRING)),
        CelFunctionDecl.newFunctionDeclaration(
            "prefixLength",
            CelOverloadDecl.newMemberOverload("cidr_prefix_length", SimpleType.INT, CIDR)),
        CelFunctionDecl.newFunctionDeclaration(
            "masked", CelOverloadDecl.newMemberOverload("cidr_masked", CIDR, CIDR)),
        CelFunctionDecl.newFunctionDeclaration(
            "sum",
            CelOverloadDecl.newMemberOverload(
                "list_int_sum", SimpleType.INT, ListType.create(SimpleType.INT))));
  }

  static List<CelFunctionBinding> bindings() {
    return List.of(
        CelFunctionBinding.from("is_cidr", String.class, s -> Ip.cidrSyntax(s).isPresent()),
        CelFunctionBinding.from("string_to_cidr", String.class, KubernetesCelLibrary::parse),
        CelFunctionBinding.from(
            "cidr_contains_cidr_string",
            Cidr.class,
            String.class,
            (outer, text) -> outer.containsCidr(parse(text))),
        CelFunctionBinding.from("cidr_prefix_length", Cidr.class, c -> (long) c.bits()),
        CelFunctionBinding.from("cidr_masked", Cidr.class, Cidr::masked),
        CelFunctionBinding.from("list_int_sum", List.class, KubernetesCelLibrary::sum));
  }

  private static long sum(List<?> values) {
    return values.stream().mapToLong(v -> (Long) v).sum();
  }

  private static Cidr parse(String text) throws CelEvaluationException {
    return Ip.cidrSyntax(text)
        .map(Cidr::of)
        .orElseThrow(() -> new CelEvaluationException("network address parse error: " + text));
  }
}
