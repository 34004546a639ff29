package io.appseg.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * Something outside the app's tiers: pods (by namespace and/or pod selector, AND-ed) or an IP
 * block. Pods without a namespace or namespaceSelector are pods of the AppSegmentation's own
 * namespace.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = PeerFields.CIDR_FORM + " + " + PeerFields.PODS_FORM + " == 1",
    message = "a peer is exactly one of: pods (namespace/namespaceSelector/podSelector) or cidr")
public class Peer extends PeerFields {}
