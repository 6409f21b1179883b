import type { ServerResponse } from 'node:http';
import type { FaultFlavor } from './fault-proxy-options';

const note = 'Injected by the chaosgarden fault proxy.';

/**
 * Answers with throttling in the server's own shape: EC2's `RequestLimitExceeded` (HTTP 400, as EC2
 * sends it) or a Kubernetes 429 `TooManyRequests` with `Retry-After`.
 */
export function answerThrottled(response: ServerResponse, flavor: FaultFlavor, retryAfterSeconds: number) {
  if (flavor === 'aws') {
    ec2Error(response, 400, 'RequestLimitExceeded', 'Request limit exceeded.');
  } else {
    kubeStatus(response, 429, 'TooManyRequests', { 'retry-after': String(retryAfterSeconds) });
  }
}

/** Answers with a server error: EC2's 503 `Unavailable` or 500 `InternalError`; kube's 503 or 500. */
export function answerServerError(response: ServerResponse, flavor: FaultFlavor, unavailable: boolean) {
  if (flavor === 'aws') {
    if (unavailable) ec2Error(response, 503, 'Unavailable', 'The server is overloaded.');
    else ec2Error(response, 500, 'InternalError', 'An internal error has occurred.');
  } else if (unavailable) {
    kubeStatus(response, 503, 'ServiceUnavailable');
  } else {
    kubeStatus(response, 500, 'InternalError');
  }
}

function ec2Error(response: ServerResponse, status: number, code: string, message: string) {
  response.writeHead(status, { 'content-type': 'text/xml;charset=UTF-8' });
  response.end(
    '<?xml version="1.0" encoding="UTF-8"?>' +
      `<Response><Errors><Error><Code>${code}</Code><Message>${message} ${note}</Message></Error></Errors>` +
      '<RequestID>00000000-0000-0000-0000-fa0170000000</RequestID></Response>',
  );
}

function kubeStatus(
  response: ServerResponse,
  code: number,
  reason: string,
  headers: Record<string, string> = {},
) {
  response.writeHead(code, { 'content-type': 'application/json', ...headers });
  response.end(
    JSON.stringify({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: note,
      reason,
      code,
    }),
  );
}
