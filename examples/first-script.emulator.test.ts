import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const script = fileURLToPath(new URL('./first-script.ts', import.meta.url));
const {
  CHAOSGARDEN_LOG_FORMAT,
  CHAOSGARDEN_LOG_LEVEL,
  CHAOSGARDEN_YES,
  GARDEN_PROJECT,
  GARDEN_SHOOT,
  ...baseEnv
} = process.env;

function netDurations(lines: string[]): number[] {
  return lines
    .map((line) =>
      /^\[Info\] Time is up for runCloudProviderNetworkFailureSimulation at \d\d:\d\d:\d\d \((\d+\.\d)s net duration\)\. Terminating now\.$/.exec(
        line,
      ),
    )
    .flatMap((match) => (match?.[1] === undefined ? [] : [Number(match[1])]))
    .sort((a, b) => a - b);
}

describe('examples/first-script.ts (the first script, through garden, on the sandbox)', () => {
  it('assesses zones 0 and 1, then takes them down in parallel for 120 s and 60 s (scaled) and restores both', async () => {
    const env = { ...baseEnv, CHAOSGARDEN_YES: '1', CHAOSGARDEN_EXAMPLE_SCALE: '0.05' };
    const { stderr } = await run(process.execPath, [script], { env, timeout: 90_000 });
    const lines = stderr.trim().split('\n');
    expect(lines.filter((line) => line.includes('listing probably impacted instances'))).toHaveLength(2);
    expect(
      lines.filter(
        (line) => line === '[Info] Launching background thread runCloudProviderNetworkFailureSimulation.',
      ),
    ).toHaveLength(2);
    const partitioned = lines.filter((line) => line.startsWith('[Info] Partitioning VPCs'));
    expect(partitioned.map((line) => / in zone (\S+) /.exec(line)?.[1]).sort()).toEqual([
      'us-east-1a',
      'us-east-1b',
    ]);
    // 60 s and 120 s scaled to 3 s and 6 s; checked once a second, so up to a period late under load.
    const [short, long] = netDurations(lines);
    expect(short).toBeGreaterThanOrEqual(3);
    expect(short).toBeLessThan(5);
    expect(long).toBeGreaterThanOrEqual(6);
    expect(long).toBeLessThan(8);
    expect(lines.filter((line) => line.endsWith('is on its original network ACL.'))).toHaveLength(3);
    expect(lines).toContain('[Info] Blocking network ACLs left behind: 0.');
  });

  it('asks before it changes anything, and without a terminal refuses unless told yes', async () => {
    const failure = await run(process.execPath, [script], { env: baseEnv, timeout: 60_000 }).catch(
      (error: unknown) => error,
    );
    expect(failure).toMatchObject({ code: 1 });
    const stderr = String((failure as { stderr: string }).stderr);
    expect(stderr).toContain('set CHAOSGARDEN_YES=1 to go ahead');
    expect(stderr).toContain('listing probably impacted instances');
    expect(stderr).not.toContain('Partitioning');
  });
});
