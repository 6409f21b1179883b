import type { Manifest } from './probe-manifests';

/** The collection URL of a manifest's kind (plural = lower-cased kind + `s`, as the Python tool derived it). */
export function collectionPath(manifest: Manifest): string {
  const prefix = manifest.apiVersion === 'v1' ? '/api/v1' : `/apis/${manifest.apiVersion}`;
  const namespace = manifest.metadata.namespace;
  const plural = `${manifest.kind.toLowerCase()}s`;
  return namespace === undefined ? `${prefix}/${plural}` : `${prefix}/namespaces/${namespace}/${plural}`;
}

/** The URL of the manifest's object. */
export function objectPath(manifest: Manifest): string {
  return `${collectionPath(manifest)}/${manifest.metadata.name}`;
}

/** `Kind namespace/name` or `Kind name`, for log lines and left-over lists. */
export function describeManifest(manifest: Manifest): string {
  const namespace = manifest.metadata.namespace;
  return `${manifest.kind} ${namespace === undefined ? '' : `${namespace}/`}${manifest.metadata.name}`;
}
