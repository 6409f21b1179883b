import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A contract server for the two IMDSv2 calls the plugin makes (token, then instance id), on loopback,
 * following the EC2 instance metadata service's shapes: a PUT for the token with its TTL header, and
 * 401 for a metadata read without a valid token.
 */
export async function startMetadataServer(
  instanceId: string,
): Promise<{ url: string; close(): Promise<void> }> {
  const tokens = new Set<string>();
  const server = createServer((request, response) => {
    if (request.method === 'PUT' && request.url === '/latest/api/token') {
      if (request.headers['x-aws-ec2-metadata-token-ttl-seconds'] === undefined) {
        response.writeHead(400).end();
        return;
      }
      const token = randomUUID();
      tokens.add(token);
      response.writeHead(200, { 'content-type': 'text/plain' }).end(token);
      return;
    }
    if (request.method === 'GET' && request.url === '/latest/meta-data/instance-id') {
      const token = request.headers['x-aws-ec2-metadata-token'];
      if (typeof token !== 'string' || !tokens.has(token)) {
        response.writeHead(401).end();
        return;
      }
      response.writeHead(200, { 'content-type': 'text/plain' }).end(instanceId);
      return;
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
