package io.appseg.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.appseg.diff.DiffReport.Change;
import io.appseg.diff.DiffReport.PolicyChange;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The policies of two versions by namespace and name: created, changed (spec or labels), removed,
 * reordered.
 */
final class PolicyChanges {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  record Result(List<PolicyChange> changes, List<String> reordered) {}

  static Result compare(List<NetworkPolicy> base, List<NetworkPolicy> head) {
    Map<String, JsonNode> before = byName(base);
    Map<String, JsonNode> after = byName(head);
    TreeSet<String> names = new TreeSet<>(before.keySet());
    names.addAll(after.keySet());
    List<PolicyChange> changes = new ArrayList<>();
    List<String> reordered = new ArrayList<>();
    for (String name : names) {
      JsonNode b = before.get(name);
      JsonNode h = after.get(name);
      if (b == null || h == null) {
        changes.add(new PolicyChange(name, b == null ? Change.CREATED : Change.REMOVED));
      } else if (!b.equals(h)) {
        if (sortedRules(b).equals(sortedRules(h))) {
          reordered.add(name);
        } else {
          changes.add(new PolicyChange(name, Change.CHANGED));
        }
      }
    }
    return new Result(changes, reordered);
  }

  /** What the operator owns of a policy: its labels and its spec. */
  private static Map<String, JsonNode> byName(List<NetworkPolicy> policies) {
    Map<String, JsonNode> out = new TreeMap<>();
    for (NetworkPolicy p : policies) {
      ObjectNode owned = JSON.createObjectNode();
      owned.set("labels", JSON.valueToTree(p.getMetadata().getLabels()));
      owned.set("spec", JSON.valueToTree(p.getSpec()));
      out.put(Provenance.key(p), owned);
    }
    return out;
  }

  /** The same policy with its ingress and egress rules in a canonical order. */
  private static JsonNode sortedRules(JsonNode owned) {
    JsonNode copy = owned.deepCopy();
    for (String field : List.of("ingress", "egress")) {
      JsonNode rules = copy.path("spec").path(field);
      if (rules instanceof ArrayNode list) {
        List<JsonNode> sorted = new ArrayList<>();
        list.forEach(sorted::add);
        sorted.sort((x, y) -> x.toString().compareTo(y.toString()));
        list.removeAll();
        sorted.forEach(list::add);
      }
    }
    return copy;
  }

  private PolicyChanges() {}
}
