package io.appseg.text;

/** Counted nouns in messages, singular for one: "1 NetworkPolicy", "4 NetworkPolicies". */
public final class Words {

  public static String count(int n, String singular, String plural) {
    return n + " " + (n == 1 ? singular : plural);
  }

  /** {@link #count} for the noun users meet most. */
  public static String policies(int n) {
    return count(n, "NetworkPolicy", "NetworkPolicies");
  }

  private Words() {}
}
