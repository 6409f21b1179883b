import type { KubeObject } from '../informers/watch-events';
import { matchesSelector } from '../selectors/match-selector';
import { parseSelector, selectorText } from '../selectors/parse-selector';
import type { ParsedSelector, SelectorInput } from '../selectors/selector-types';

/** The node label copied onto the pod (the Python tool copied only this one). */
export const zoneLabel = 'topology.kubernetes.io/zone';

/** Pod metadata fields the Python tool held as datetimes, so text never matched them. */
const timestampFields: ReadonlySet<string> = new Set(['creationTimestamp', 'deletionTimestamp']);

/** The four pod selectors, as every pod action takes them. */
export interface PodSelectorOptions {
  /**
   * chaosgarden selector on the labels of the pod's node, e.g.
   * `topology.kubernetes.io/zone=eu-west-1a,worker.gardener.cloud/pool=cpu-worker`. Default: none.
   */
  podNodeLabelSelector?: SelectorInput;
  /**
   * Kubernetes label selector on the pod's labels, passed to the API server as is
   * (`app in (web,api),tier!=db`). Default: none.
   */
  podLabelSelector?: SelectorInput;
  /** chaosgarden selector on the pod's `metadata` (`name`, `namespace`, `generateName`, `uid`, ...). */
  podMetadataSelector?: SelectorInput;
  /** chaosgarden selector on the pod's first owner reference (`kind`, `name`, `apiVersion`, `uid`, ...). */
  podOwnerSelector?: SelectorInput;
  /**
   * Stricter selector semantics: `=~`/`!~` match the whole value instead of a prefix, and booleans and
   * timestamps are compared by their text. Default `false` (the Python tool's semantics).
   */
  strictSelectors?: boolean;
}

/** The parsed selectors. */
export interface PodSelection {
  readonly nodeLabelSelector: ParsedSelector;
  /** Server-side label selector, undefined when empty. */
  readonly labelSelector: string | undefined;
  readonly metadataSelector: ParsedSelector;
  readonly ownerSelector: ParsedSelector;
}

/** A pod that matched, with its node and the node's zone. */
export interface PodMatch {
  readonly pod: KubeObject;
  readonly nodeName: string;
  readonly zone: string | undefined;
}

/** @throws SelectorSyntaxError for a malformed chaosgarden selector, naming the option. */
export function parsePodSelection(options: PodSelectorOptions): PodSelection {
  const strict = options.strictSelectors === true;
  const labelSelector = selectorText(options.podLabelSelector).trim();
  return {
    nodeLabelSelector: parseSelector(options.podNodeLabelSelector, {
      argument: 'podNodeLabelSelector',
      strict,
    }),
    labelSelector: labelSelector === '' ? undefined : labelSelector,
    metadataSelector: parseSelector(options.podMetadataSelector, { argument: 'podMetadataSelector', strict }),
    ownerSelector: parseSelector(options.podOwnerSelector, { argument: 'podOwnerSelector', strict }),
  };
}

/** True when no selector restricts anything (every owned, scheduled pod of the cluster matches). */
export function isEmptySelection(selection: PodSelection): boolean {
  return (
    selection.labelSelector === undefined &&
    [selection.nodeLabelSelector, selection.metadataSelector, selection.ownerSelector].every(
      (selector) => selector.requirements.length === 0,
    )
  );
}

/**
 * The namespace to list and watch in: the value of the only `namespace==<x>` requirement of the metadata
 * selector, if there is exactly one (as in the Python tool); otherwise all namespaces.
 */
export function pinnedNamespace(metadataSelector: ParsedSelector): string | undefined {
  const namespaces = metadataSelector.requirements
    .filter((requirement) => requirement.key === 'namespace' && requirement.operator === '==')
    .map((requirement) => requirement.value);
  return namespaces.length === 1 ? namespaces[0] : undefined;
}

/**
 * Whether a pod is a target, with the Python tool's rules: the metadata selector on `metadata`; the
 * owner selector on the first owner reference, and pods without one never match; then the node
 * selector on the labels of the pod's node, and unscheduled pods or pods on unknown nodes never match.
 */
export function matchPod(
  pod: KubeObject,
  nodeLabels: (nodeName: string) => Readonly<Record<string, string>> | undefined,
  selection: PodSelection,
): PodMatch | undefined {
  const metadata = pod.metadata ?? {};
  if (!matchesSelector(selection.metadataSelector, metadata, { nonTextKeys: timestampFields })) {
    return undefined;
  }
  const owners = Array.isArray(metadata.ownerReferences) ? metadata.ownerReferences : [];
  if (
    owners.length === 0 ||
    !matchesSelector(selection.ownerSelector, owners[0] as Record<string, unknown>)
  ) {
    return undefined;
  }
  const nodeName = (pod.spec as { nodeName?: unknown } | undefined)?.nodeName;
  const labels = typeof nodeName === 'string' && nodeName !== '' ? nodeLabels(nodeName) : undefined;
  if (labels === undefined || !matchesSelector(selection.nodeLabelSelector, labels)) {
    return undefined;
  }
  return { pod, nodeName: nodeName as string, zone: labels[zoneLabel] };
}
