package io.appseg.verify;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The equivalence classes of a bounded range of integers (the addresses of one IP family, or the
 * ports of one protocol) under a list of matchers, each a union of intervals less some others (an
 * ipBlock with its excepts, a port list): two values are in one class when exactly the same
 * matchers hold them. Anything that decides by these matchers answers alike for every value of a
 * class, so one value per class is all a check needs to ask about.
 *
 * <p>The range is cut at every interval's edges into pieces; each matcher is a set of pieces, and
 * each piece's class the set of matchers holding it.
 */
final class Partition {
  record Interval(BigInteger first, BigInteger last) {}

  /** Values matched by any of {@code include} and none of {@code exclude}. */
  record Matcher(List<Interval> include, List<Interval> exclude) {}

  /** The first value of each piece, ascending; a piece ends before the next one starts. */
  private final List<BigInteger> starts;

  /** Per piece, its class. */
  private final int[] classOf;

  /** Per class, a value of its first piece. */
  private final List<BigInteger> representatives = new ArrayList<>();

  Partition(BigInteger min, BigInteger max, List<Matcher> matchers) {
    TreeSet<BigInteger> edges = new TreeSet<>(List.of(min));
    for (Matcher m : matchers) {
      for (Interval i : all(m)) {
        edges.add(i.first().max(min));
        BigInteger after = i.last().add(BigInteger.ONE);
        if (after.compareTo(max) <= 0) {
          edges.add(after);
        }
      }
    }
    starts = List.copyOf(edges);
    BitSet[] holding = new BitSet[starts.size()]; // per piece, the matchers holding it
    for (int p = 0; p < holding.length; p++) {
      holding[p] = new BitSet(matchers.size());
    }
    for (int m = 0; m < matchers.size(); m++) {
      BitSet held = new BitSet(starts.size());
      matchers.get(m).include().forEach(i -> held.set(piece(i.first().max(min)), last(i, max) + 1));
      matchers
          .get(m)
          .exclude()
          .forEach(i -> held.clear(piece(i.first().max(min)), last(i, max) + 1));
      for (int p = held.nextSetBit(0); p >= 0; p = held.nextSetBit(p + 1)) {
        holding[p].set(m);
      }
    }
    classOf = new int[starts.size()];
    Map<BitSet, Integer> classes = new HashMap<>();
    for (int p = 0; p < starts.size(); p++) {
      Integer id = classes.putIfAbsent(holding[p], classes.size());
      if (id == null) {
        id = classes.size() - 1;
        BigInteger last = p + 1 < starts.size() ? starts.get(p + 1).subtract(BigInteger.ONE) : max;
        representatives.add(starts.get(p).add(last).shiftRight(1));
      }
      classOf[p] = id;
    }
  }

  private int last(Interval i, BigInteger max) {
    return piece(i.last().min(max));
  }

  private static List<Interval> all(Matcher m) {
    List<Interval> all = new ArrayList<>(m.include());
    all.addAll(m.exclude());
    return all;
  }

  private int piece(BigInteger value) {
    int at = Collections.binarySearch(starts, value);
    return at >= 0 ? at : -at - 2;
  }

  /** The class of {@code value} (which lies within the range). */
  int classOf(BigInteger value) {
    return classOf[piece(value)];
  }

  /** One value per class, by class. */
  List<BigInteger> representatives() {
    return Collections.unmodifiableList(representatives);
  }
}
