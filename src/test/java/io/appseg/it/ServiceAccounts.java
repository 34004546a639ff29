package io.appseg.it;

import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/**
 * Clients that act as a ServiceAccount. kube-api-test's only client certificate is the admin's, so
 * other identities authenticate with a TokenRequest token (the SA authenticator is on once issuer
 * and keys are set).
 */
final class ServiceAccounts {

  private static final long TOKEN_SECONDS = 3600;

  private ServiceAccounts() {}

  static KubernetesClient tokenClient(KubernetesClient admin, String namespace, String name) {
    ensureExists(admin, namespace, name);
    Config adminConfig = admin.getConfiguration();
    Config config =
        new ConfigBuilder(Config.empty())
            .withMasterUrl(adminConfig.getMasterUrl())
            .withCaCertData(adminConfig.getCaCertData())
            .withCaCertFile(adminConfig.getCaCertFile())
            .withOauthToken(token(admin, namespace, name))
            .build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  private static void ensureExists(KubernetesClient admin, String namespace, String name) {
    var accounts = admin.serviceAccounts().inNamespace(namespace);
    if (accounts.withName(name).get() == null) {
      accounts
          .resource(
              new ServiceAccountBuilder().withNewMetadata().withName(name).endMetadata().build())
          .create();
    }
  }

  private static String token(KubernetesClient admin, String namespace, String name) {
    TokenRequest request =
        new TokenRequestBuilder()
            .withNewSpec()
            .withExpirationSeconds(TOKEN_SECONDS)
            .endSpec()
            .build();
    return admin
        .serviceAccounts()
        .inNamespace(namespace)
        .withName(name)
        .tokenRequest(request)
        .getStatus()
        .getToken();
  }
}
