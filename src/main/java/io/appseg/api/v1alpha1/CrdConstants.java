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

  /**
   * Bounds on what lists add up to: each list keeps its own bound, but 200 flows of 32 ports and 32
   * excepts each made an object of 408 KB whose every write (create, finalizer, status) cost the
   * API server a second of CEL, and the operator as much again to plan, check and write it. These
   * keep the largest admitted app near 100 KB while leaving each list its room.
   */
  public static final int MAX_TIER_PORTS_IN_ALL = 256;

  public static final int MAX_FLOW_PORTS_IN_ALL = 1024;
  public static final int MAX_EXCEPT_IN_ALL = 256;
}
