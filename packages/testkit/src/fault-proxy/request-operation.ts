import type { FaultFlavor } from './fault-proxy-options';

/**
 * Names a request for the statistics: EC2's `Action` (form body, else query), or the kube method and
 * path, with ` (watch)` for watch streams.
 */
export function requestOperation(flavor: FaultFlavor, method: string, url: string, body: Buffer): string {
  const parsed = new URL(url, 'http://proxy.invalid');
  if (flavor === 'aws') {
    return (
      new URLSearchParams(body.toString('utf8')).get('Action') ?? parsed.searchParams.get('Action') ?? method
    );
  }
  const watch = parsed.searchParams.get('watch');
  return `${method} ${parsed.pathname}${watch === 'true' || watch === '1' ? ' (watch)' : ''}`;
}
