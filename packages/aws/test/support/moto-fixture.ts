import type { EC2Client } from '@aws-sdk/client-ec2';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { createFixture, type Fixture, testClient } from './fixture';
import { type MotoConnection, resetMoto } from './moto';

/** A freshly reset moto with the standard fixture, and the test-side client that built it. */
export interface MotoFixture {
  readonly ec2: EC2Client;
  readonly fixture: Fixture;
}

/**
 * Registers the hooks that reset moto, build the standard fixture with a test-side client and
 * destroy that client afterwards: before each test (`'each'`, the default) or once for the
 * enclosing suite (`'all'`). Read `ec2` and `fixture` from the returned object in hooks and tests.
 */
export function useMotoFixture(connection: MotoConnection, scope: 'each' | 'all' = 'each'): MotoFixture {
  let ec2: EC2Client | undefined;
  let fixture: Fixture | undefined;
  (scope === 'each' ? beforeEach : beforeAll)(async () => {
    await resetMoto(connection);
    ec2 = testClient(connection);
    fixture = await createFixture(ec2, connection.region);
  });
  (scope === 'each' ? afterEach : afterAll)(() => {
    ec2?.destroy();
  });
  return {
    get ec2() {
      if (!ec2) {
        throw new Error('useMotoFixture: the client exists only in hooks and tests');
      }
      return ec2;
    },
    get fixture() {
      if (!fixture) {
        throw new Error('useMotoFixture: the fixture exists only in hooks and tests');
      }
      return fixture;
    },
  };
}
