package io.appseg.operator;

import io.appseg.operator.apply.OwnerScope;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The namespaces of a shard chosen by labels ({@code APPSEG_SHARD_SELECTOR}), followed as
 * namespaces are labelled and unlabelled. JOSDK cannot select namespaces by label, so a watch of
 * the selected Namespaces (filtered by the API server) hands the set to JOSDK's {@code
 * changeNamespaces}: the AppSegmentation informers then run for exactly those namespaces.
 *
 * <p>Hand-over. Relabelling a namespace from shard a to shard b takes it out of a's selection and
 * into b's in one update. a releases it at once: its informer there stops, so no reconcile of an
 * app there starts. b takes it only {@code handover} later, by when a has seen the same update and
 * finished the reconcile it may have had in flight; so the two do not write for the same app. This
 * is a delay, not a lock: a shard whose watch stalls for longer than the hand-over while its writes
 * still go through could overlap; the Lease of each shard keeps its own replicas exclusive.
 *
 * <p>The namespaces selected when the shard starts are taken at once: a shard starting while
 * another still holds one of them (relabelled in the same seconds) is the case the delay does not
 * cover.
 */
final class ShardNamespaces implements OwnerScope, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ShardNamespaces.class);

  /**
   * Stands for "no namespace": JOSDK reads an empty set as every namespace. Longer than a namespace
   * name may be (63), so no namespace of that name can exist and its informer lists nothing.
   */
  static final String NONE = "appseg-shard-without-namespaces-" + "0".repeat(40);

  private final KubernetesClient client;
  private final Map<String, String> selector;
  private final Duration handover;
  private final Set<String> taken = ConcurrentHashMap.newKeySet();
  private final Map<String, Long> pending = new ConcurrentHashMap<>();
  private final AtomicLong tokens = new AtomicLong();
  private final ScheduledExecutorService changes =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "appseg-shard");
            t.setDaemon(true);
            return t;
          });
  private volatile Consumer<Set<String>> follower = s -> {};
  private Set<String> published = Set.of();
  private SharedIndexInformer<Namespace> informer;

  ShardNamespaces(KubernetesClient client, Map<String, String> selector, Duration handover) {
    this.client = client;
    this.selector = Map.copyOf(selector);
    this.handover = handover;
  }

  /** Lists the selected namespaces and starts following them; returns what JOSDK should watch. */
  Set<String> start() {
    informer = client.namespaces().withLabels(selector).runnableInformer(0);
    informer.addEventHandler(new Handler());
    informer.run();
    taken.addAll(informer.getStore().listKeys());
    published = watched(Set.copyOf(taken));
    LOG.info("shard {}: namespaces {}", selector, new TreeSet<>(taken));
    return published;
  }

  /** From now on, every change of the set is handed to {@code change} (one at a time). */
  void follow(Consumer<Set<String>> change) {
    follower = change;
    changes.execute(this::publish);
  }

  /** What JOSDK watches for {@code namespaces}: {@link #NONE} for none. */
  static Set<String> watched(Set<String> namespaces) {
    return namespaces.isEmpty() ? Set.of(NONE) : namespaces;
  }

  @Override
  public boolean everyNamespace() {
    return false;
  }

  @Override
  public Set<String> namespaces() {
    return Set.copyOf(taken);
  }

  private void selected(String name) {
    if (taken.contains(name)) {
      return;
    }
    long token = tokens.incrementAndGet();
    pending.put(name, token);
    changes.schedule(() -> take(name, token), handover.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Takes the namespace if it is still selected and was not deselected and reselected since. */
  private void take(String name, long token) {
    if (pending.remove(name, token) && informer.getStore().getByKey(name) != null) {
      taken.add(name);
      LOG.info("shard {}: took namespace {} after the hand-over of {}", selector, name, handover);
      publish();
    }
  }

  private void deselected(String name) {
    pending.remove(name);
    if (taken.remove(name)) {
      LOG.info("shard {}: released namespace {}", selector, name);
      changes.execute(this::publish);
    }
  }

  /** On the one change thread, so JOSDK sees the sets in order; an unchanged set is not sent. */
  private void publish() {
    Set<String> now = watched(Set.copyOf(taken));
    if (!now.equals(published)) {
      published = now;
      follower.accept(now);
    }
  }

  @Override
  public void close() {
    changes.shutdownNow();
    if (informer != null) {
      informer.close();
    }
  }

  /** A namespace enters the selection when labelled (or created) and leaves it when unlabelled. */
  private final class Handler implements ResourceEventHandler<Namespace> {
    @Override
    public void onAdd(Namespace ns) {
      selected(ns.getMetadata().getName());
    }

    @Override
    public void onUpdate(Namespace before, Namespace now) {
      // Still selected: the label change, if any, kept it in the shard.
    }

    @Override
    public void onDelete(Namespace ns, boolean finalStateUnknown) {
      deselected(ns.getMetadata().getName());
    }
  }
}
