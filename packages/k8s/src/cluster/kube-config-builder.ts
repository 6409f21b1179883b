import type https from 'node:https';
import type { KubeConfig, User } from '@kubernetes/client-node';
import { ExecCredentialPlugin } from './exec-credential-plugin';
import type { LoadedKubeconfig } from './load-kubeconfig';
import { isMap } from './merge-kubeconfigs';

/** A client-node `KubeConfig` for the loaded kubeconfig, plus its exec plugin if the user has one. */
export interface BuiltKubeConfig {
  readonly kubeConfig: KubeConfig;
  readonly execPlugin: ExecCredentialPlugin | undefined;
}

/**
 * Builds client-node's `KubeConfig` in memory (nothing is written to disk). client-node handles tokens,
 * token files, client certificates, basic auth, CA and proxy settings. An exec plugin is run by
 * `ExecCredentialPlugin` instead of client-node's, which passes neither `KUBERNETES_EXEC_INFO` (gardenlogin
 * needs the cluster from it) nor `interactive: false`.
 */
export async function buildKubeConfig(loaded: LoadedKubeconfig): Promise<BuiltKubeConfig> {
  const { KubeConfig } = await import('@kubernetes/client-node');
  const kubeConfig = new KubeConfig();
  if (loaded.inCluster !== undefined) {
    kubeConfig.loadFromCluster(loaded.inCluster.pathPrefix);
    return { kubeConfig, execPlugin: undefined };
  }
  const { exec, ...userWithoutExec } = loaded.user ?? {};
  const document = {
    'current-context': loaded.contextName,
    clusters: [{ name: loaded.clusterName, cluster: loaded.cluster }],
    users: loaded.userName === undefined ? [] : [{ name: loaded.userName, user: userWithoutExec }],
    contexts: [
      {
        name: loaded.contextName,
        context: { cluster: loaded.clusterName, ...(loaded.userName ? { user: loaded.userName } : {}) },
      },
    ],
  };
  // JSON is YAML: client-node parses it with its own loader and applies its own defaults.
  kubeConfig.loadFromString(JSON.stringify(document));
  if (!isMap(exec) || loaded.userName === undefined) {
    return { kubeConfig, execPlugin: undefined };
  }
  const execPlugin = new ExecCredentialPlugin({ exec, cluster: loaded.cluster });
  const userName = loaded.userName;
  kubeConfig.addAuthenticator({
    isAuthProvider: (user: User) => user?.name === userName,
    applyAuthentication: async (_user: User, options: https.RequestOptions) => {
      const credential = await execPlugin.credential();
      if (credential.token !== undefined) {
        options.headers = { ...options.headers, Authorization: `Bearer ${credential.token}` };
      }
      if (credential.clientCertificateData !== undefined && credential.clientKeyData !== undefined) {
        options.cert = credential.clientCertificateData;
        options.key = credential.clientKeyData;
      }
    },
  });
  return { kubeConfig, execPlugin };
}
