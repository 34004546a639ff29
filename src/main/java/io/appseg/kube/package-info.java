/**
 * Kubernetes primitives that every reader of user input checks the same way: identifier syntax (DNS
 * labels and subdomains, label keys and values) with the sentence that says what is allowed.
 */
package io.appseg.kube;
