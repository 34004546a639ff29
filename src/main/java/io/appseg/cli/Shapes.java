package io.appseg.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.appseg.api.v1alpha1.AppSegmentationSpec;
import io.appseg.api.v1alpha1.DefaultDeny;
import io.appseg.api.v1alpha1.Dns;
import io.appseg.api.v1alpha1.Endpoint;
import io.appseg.api.v1alpha1.Flow;
import io.appseg.api.v1alpha1.Monitoring;
import io.appseg.api.v1alpha1.Peer;
import io.appseg.api.v1alpha1.PortSpec;
import io.appseg.api.v1alpha1.Tier;
import io.appseg.text.Escape;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.io.IOException;
import java.util.Collection;
import java.util.Map;

/**
 * A value of the wrong shape, said in the spec's terms: what the field takes, with an example, and
 * what the file has ({@code expected an endpoint such as {tier: web}, got the string "web"}), never
 * a Java type.
 */
final class Shapes {
  private static final Map<Class<?>, String> EXPECTED =
      Map.ofEntries(
          Map.entry(AppSegmentationSpec.class, "a spec such as {tiers: [...], flows: [...]}"),
          Map.entry(Endpoint.class, "an endpoint such as {tier: web}"),
          Map.entry(Peer.class, "a peer such as {namespace: ingress-nginx}"),
          Map.entry(Flow.class, "a flow such as {from: {tier: web}, to: {tier: api}}"),
          Map.entry(
              Tier.class, "a tier such as {name: web, podSelector: {matchLabels: {tier: web}}}"),
          Map.entry(PortSpec.class, "a port such as {port: 8080, protocol: TCP}"),
          Map.entry(DefaultDeny.class, "settings such as {ingress: true, egress: true}"),
          Map.entry(Dns.class, "settings such as {enabled: true}"),
          Map.entry(Monitoring.class, "settings such as {enabled: true, port: metrics}"),
          Map.entry(LabelSelector.class, "a selector such as {matchLabels: {app: web}}"),
          Map.entry(ObjectMeta.class, "metadata such as {name: shop, namespace: shop}"),
          Map.entry(IntOrString.class, "a port number or name"),
          Map.entry(String.class, "a string"),
          Map.entry(Integer.class, "a number"),
          Map.entry(int.class, "a number"),
          Map.entry(Long.class, "a number"),
          Map.entry(Boolean.class, "true or false"),
          Map.entry(boolean.class, "true or false"));

  /** {@code expected <shape>, got <what the file has>}. */
  static String mismatch(MismatchedInputException e) {
    return "expected " + expected(e.getTargetType()) + ", got " + got(e);
  }

  static String expected(Class<?> target) {
    if (target == null) {
      return "another shape";
    }
    if (Collection.class.isAssignableFrom(target)) {
      return "a list";
    }
    if (Map.class.isAssignableFrom(target)) {
      return "a map of names to values";
    }
    return EXPECTED.getOrDefault(target, "a map of fields");
  }

  private static String got(MismatchedInputException e) {
    if (!(e.getProcessor() instanceof JsonParser parser) || parser.currentToken() == null) {
      return "another shape";
    }
    JsonToken token = parser.currentToken();
    try {
      return switch (token) {
        case VALUE_STRING -> "the string " + Escape.quote(parser.getText());
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "the number " + parser.getText();
        case VALUE_TRUE, VALUE_FALSE -> parser.getText();
        case VALUE_NULL -> "null";
        case START_ARRAY -> "a list";
        case START_OBJECT, FIELD_NAME -> "a map";
        default -> "another shape";
      };
    } catch (IOException ex) {
      return "another shape";
    }
  }

  private Shapes() {}
}
