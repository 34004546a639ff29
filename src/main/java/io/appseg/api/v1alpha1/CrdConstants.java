package io.appseg.api.v1alpha1;

import io.appseg.kube.Identifiers;

/** The API's fixed names, in one place. */
public final class CrdConstants {
  public static final String GROUP = "appseg.io";
  public static final String VERSION = "v1alpha1";
  public static final String API_VERSION = GROUP + "/" + VERSION;
  public static final String KIND = "AppSegmentation";
  public static final String PLURAL = "appsegmentations";
  public static final String SHORT_NAME = "appseg";
  public static final String CRD_NAME = PLURAL + "." + GROUP;

  /** File name the fabric8 CRD generator writes, also the name of the committed copy in crds/. */
  public static final String CRD_FILE = CRD_NAME + "-v1.yml";

  /** DNS-1123 label: namespace names, tier names, named ports (the latter further restricted). */
  /**
   * Label limits of Kubernetes: a key is [prefix (DNS subdomain, 253)/]name (63); a value at most
   * 63.
   */
  public static final int MAX_LABEL_KEY = 253 + 1 + 63;

  public static final int MAX_LABEL_VALUE = 63;

  /** matchLabels entries per selector: bounds what CEL rules may walk (the CRD's cost budget). */
  public static final int MAX_LABELS = 64;

  /** matchExpressions per selector, and values per requirement. */
  public static final int MAX_EXPRESSIONS = 32;

  public static final int MAX_VALUES = 64;

  public static final String DNS_LABEL = Identifiers.DNS_LABEL_PATTERN;

  private CrdConstants() {}

  /**
   * The CRD's list bounds (maxItems), one copy for the schema's annotations, the CLI's validation
   * and the worst-case specs the self-check's cost is proven on.
   */
  public static final int MAX_TIERS = 50;

  public static final int MAX_FLOWS = 200;
  public static final int MAX_PORTS = 32;
  public static final int MAX_EXCEPT = 32;
  public static final int MAX_DNS_PEERS = 16;
  public static final int MAX_DNS_PORTS = 8;
  public static final int MAX_SCRAPERS = 16;
}
