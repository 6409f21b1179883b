// Declares the conformance suite with a recording test API and runs every test, so that the suite's own
// tests can see which tests it declared and which of them failed, with what message.
import { type ConformanceTestApi, describeProviderConformance } from './describe-provider-conformance';

export interface RecordedTest {
  name: string;
  body: () => Promise<void> | void;
  timeoutMs: number | undefined;
}

/** Declares the suite with a recording test API, then runs every test and returns the failures by name. */
export async function runSuite(options: Omit<Parameters<typeof describeProviderConformance>[0], 'vitest'>) {
  const tests: RecordedTest[] = [];
  const api: ConformanceTestApi = {
    describe: (_name, body) => body(),
    it: (name, body, timeoutMs) => void tests.push({ name, body, timeoutMs }),
  };
  describeProviderConformance({ ...options, vitest: api });
  const failures: Record<string, string> = {};
  for (const test of tests) {
    try {
      await test.body();
    } catch (error) {
      failures[test.name] = error instanceof Error ? error.message : String(error);
    }
  }
  return { tests, failures };
}
