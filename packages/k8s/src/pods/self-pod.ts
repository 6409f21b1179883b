import { readFileSync } from 'node:fs';

/** Where Kubernetes mounts the pod's service account, with the pod's namespace. */
const namespaceFile = '/var/run/secrets/kubernetes.io/serviceaccount/namespace';

/**
 * `namespace/name` of the pod this process runs in, or undefined outside a pod. Inside one, Kubernetes
 * sets `KUBERNETES_SERVICE_HOST` and the hostname to the pod name (a Downward API `POD_NAME` and
 * `POD_NAMESPACE` win where the hostname was changed).
 */
export function findSelfPod(
  env: Readonly<Record<string, string | undefined>> = process.env,
  readNamespace: () => string = () => readFileSync(namespaceFile, 'utf8'),
): string | undefined {
  if (env.KUBERNETES_SERVICE_HOST === undefined) return undefined;
  const name = env.POD_NAME ?? env.HOSTNAME;
  let namespace = env.POD_NAMESPACE;
  if (namespace === undefined) {
    try {
      namespace = readNamespace().trim();
    } catch {
      return undefined;
    }
  }
  return name && namespace ? `${namespace}/${name}` : undefined;
}
