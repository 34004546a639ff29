package io.appseg.kube;

import java.util.regex.Pattern;

/**
 * The syntax Kubernetes gives its identifiers (DNS-1123 labels and subdomains, label keys and
 * values), checked before anything from an input file is planned or shown: an API server refuses
 * the same strings, but the CLI reads files straight from a pull request. Each check has the
 * sentence that tells a user what is allowed.
 */
public final class Identifiers {
  public static final int DNS_LABEL_MAX = 63;
  public static final int DNS_SUBDOMAIN_MAX = 253;
  public static final int LABEL_VALUE_MAX = 63;

  /** As a schema pattern (the CRD's) and as the building block of the others. */
  public static final String DNS_LABEL_PATTERN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

  /**
   * The label every namespace carries with its own name, set by the API server (Kubernetes 1.21+).
   */
  public static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

  private static final String LABEL_RE = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
  private static final String SUBDOMAIN_RE = LABEL_RE + "([.]" + LABEL_RE + ")*";
  private static final String NAME_RE = "[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?";

  /** A label value as a schema pattern (with maxLength 63 beside it): empty or a name. */
  public static final String LABEL_VALUE_PATTERN = "^(" + NAME_RE + ")?$";

  /**
   * A label key as a pattern: [DNS subdomain/]name, the name at most 63 characters. The prefix's
   * limit (253) is {@link #LONG_PREFIX_PATTERN}'s, as a regular expression cannot count across its
   * dot-separated parts.
   */
  public static final String LABEL_KEY_PATTERN =
      "^(" + SUBDOMAIN_RE + "/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$";

  /** A label key whose prefix is longer than a DNS subdomain may be. */
  public static final String LONG_PREFIX_PATTERN = "^[^/]{254,}/";

  private static final Pattern DNS_LABEL = Pattern.compile(LABEL_RE);
  private static final Pattern DNS_SUBDOMAIN = Pattern.compile(SUBDOMAIN_RE);
  private static final Pattern LABEL_VALUE = Pattern.compile(LABEL_VALUE_PATTERN);
  private static final Pattern LABEL_KEY = Pattern.compile(LABEL_KEY_PATTERN);
  private static final Pattern LONG_PREFIX = Pattern.compile(LONG_PREFIX_PATTERN);

  public static final String DNS_LABEL_RULE =
      "at most 63 lowercase letters, digits and '-', starting and ending "
          + "with a letter or digit";
  public static final String LABEL_KEY_RULE =
      "[prefix/]name, name at most 63 characters (letters, digits, '-', "
          + "'_', '.'), prefix a DNS subdomain";
  public static final String LABEL_VALUE_RULE =
      "at most 63 letters, digits, '-', '_' and '.', starting and ending "
          + "with a letter or digit";

  /** "What is allowed" for a DNS subdomain of at most {@code max} characters. */
  public static String dnsSubdomainRule(int max) {
    return "at most "
        + max
        + " lowercase letters, digits, '-' and '.', each dot-separated part starting and ending "
        + "with a letter or digit";
  }

  public static boolean isDnsLabel(String value) {
    return value != null && value.length() <= DNS_LABEL_MAX && DNS_LABEL.matcher(value).matches();
  }

  public static boolean isDnsSubdomain(String value, int max) {
    return value != null && value.length() <= max && DNS_SUBDOMAIN.matcher(value).matches();
  }

  public static boolean isLabelKey(String key) {
    return key != null && LABEL_KEY.matcher(key).matches() && !LONG_PREFIX.matcher(key).find();
  }

  public static boolean isLabelValue(String value) {
    return value != null
        && value.length() <= LABEL_VALUE_MAX
        && LABEL_VALUE.matcher(value).matches();
  }

  private Identifiers() {}
}
