import { registerSecret } from '@chaosgarden/core';
import type { KubeClient } from '@chaosgarden/k8s';
import { GardenResourceError } from './garden-resource-error';

/** Lifetime requested for a shoot's admin kubeconfig (as the Python tool: one day). */
const expirationSeconds = 86_400;

/** Kubeconfig fields that hold credentials, registered for redaction once the kubeconfig is received. */
const credentialFields =
  /"?\b(token|client-key-data|client-certificate-data|password|id-token|refresh-token)"?\s*:\s*["']?([^"'\s,}]+)/g;

/**
 * Requests a short-lived admin kubeconfig for a shoot through the `shoots/adminkubeconfig` subresource
 * and returns its text. It stays in memory: it is passed on as `kubeconfig: { yaml }`, never written.
 * The whole text and every credential in it are registered for redaction.
 */
export async function requestAdminKubeconfig(
  client: KubeClient,
  namespace: string,
  shoot: string,
  signal?: AbortSignal,
): Promise<string> {
  const response = await client.request<{ status?: { kubeconfig?: unknown } }>({
    verb: 'create',
    path: `/apis/core.gardener.cloud/v1beta1/namespaces/${encodeURIComponent(namespace)}/shoots/${encodeURIComponent(shoot)}/adminkubeconfig`,
    body: {
      apiVersion: 'authentication.gardener.cloud/v1alpha1',
      kind: 'AdminKubeconfigRequest',
      spec: { expirationSeconds },
    },
    signal,
    operation: `create shoots/adminkubeconfig ${namespace}/${shoot}`,
  });
  const encoded = response?.status?.kubeconfig;
  if (typeof encoded !== 'string' || encoded === '') {
    throw new GardenResourceError(
      `The adminkubeconfig answer for shoot ${namespace}/${shoot} holds no status.kubeconfig.`,
    );
  }
  const text = Buffer.from(encoded, 'base64').toString('utf8');
  registerKubeconfigCredentials(text);
  return text;
}

/** Registers the credentials of a kubeconfig text (and the text itself) for redaction. */
export function registerKubeconfigCredentials(text: string): void {
  registerSecret(text);
  for (const match of text.matchAll(credentialFields)) {
    registerSecret(match[2]);
  }
}
