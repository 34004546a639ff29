package io.appseg.api.cel;

import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.OpaqueType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import inet.ipaddr.IPAddress;
import io.appseg.kube.Ip;
import java.util.List;

/**
 * The part of Kubernetes' CIDR library (k8s.io/apiserver/pkg/cel/library) that the CRD's rules
 * call: {@code isCIDR(string)}, {@code cidr(string)}, {@code <cidr>.containsCIDR(string)} and
 * {@code <cidr>.prefixLength()}. Kubernetes parses with Go's netip (no leading zeros, no zone, the
 * prefix at most the family's bits, host bits allowed); here the strict reading the planner writes
 * stands in for it, and CelAdmissionIT and SpecParityIT hold both to the real API server.
 */
final class KubernetesCelLibrary {
  private static final OpaqueType CIDR = OpaqueType.create("net.CIDR");

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
            CelOverloadDecl.newMemberOverload("cidr_prefix_length", SimpleType.INT, CIDR)));
  }

  static List<CelFunctionBinding> bindings() {
    return List.of(
        CelFunctionBinding.from("is_cidr", String.class, s -> Ip.strictBlock(s).isPresent()),
        CelFunctionBinding.from("string_to_cidr", String.class, KubernetesCelLibrary::parse),
        CelFunctionBinding.from(
            "cidr_contains_cidr_string",
            IPAddress.class,
            String.class,
            (outer, text) -> {
              IPAddress inner = parse(text);
              return Ip.contains(outer, inner.getLower())
                  && outer.getNetworkPrefixLength() <= inner.getNetworkPrefixLength();
            }),
        CelFunctionBinding.from(
            "cidr_prefix_length", IPAddress.class, c -> (long) c.getNetworkPrefixLength()));
  }

  private static IPAddress parse(String text) throws CelEvaluationException {
    return Ip.strictBlock(text)
        .orElseThrow(() -> new CelEvaluationException("network address parse error: " + text));
  }
}
