import type { IncomingMessage } from 'node:http';

/** The metadata every cached object has. */
export interface KubeObjectMeta {
  name?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  [key: string]: unknown;
}

/** A Kubernetes object as JSON. */
export interface KubeObject {
  metadata?: KubeObjectMeta;
  [key: string]: unknown;
}

/** One watch event as the API server streams it. */
export interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: KubeObject;
}

/** `namespace/name` (`/name` for cluster-scoped objects): the cache key. */
export function objectKey(object: KubeObject): string {
  return `${object.metadata?.namespace ?? ''}/${object.metadata?.name ?? ''}`;
}

/**
 * Reads a watch response (one JSON event per line) and hands each event to `onEvent` in order.
 * Resolves when the server ends the stream; rejects when the connection fails.
 */
export async function readWatchEvents(
  stream: IncomingMessage,
  onEvent: (event: WatchEvent) => void,
): Promise<void> {
  let buffered = '';
  stream.setEncoding('utf8');
  for await (const chunk of stream) {
    buffered += chunk as string;
    let newline = buffered.indexOf('\n');
    while (newline >= 0) {
      const line = buffered.slice(0, newline).trim();
      buffered = buffered.slice(newline + 1);
      if (line !== '') {
        onEvent(JSON.parse(line) as WatchEvent);
      }
      newline = buffered.indexOf('\n');
    }
  }
  if (buffered.trim() !== '') {
    onEvent(JSON.parse(buffered) as WatchEvent);
  }
}
