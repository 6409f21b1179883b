import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const script = fileURLToPath(new URL('./core-tour.ts', import.meta.url));

describe('examples/core-tour.ts', () => {
  it('refuses bad input, partitions two zones in parallel and rolls both back', async () => {
    const { CHAOSGARDEN_LOG_FORMAT, CHAOSGARDEN_LOG_LEVEL, ...env } = process.env;
    const { stderr } = await run(process.execPath, [script], { env });
    const lines = stderr.trim().split('\n');
    expect(lines[0]).toMatch(/^\[Warning\] Refused: .*\(invalid-argument\)$/);
    expect(lines).toContain('[Info] Launching background thread block-world-1a.');
    expect(
      lines.some((line) =>
        /^\[Info\] Time is up for block-world-1b at .* \(1\.\ds net duration\)/.test(line),
      ),
    ).toBe(true);
    expect(lines.indexOf('[Info] Unpartitioning zone world-1b.')).toBeLessThan(
      lines.indexOf('[Info] Unpartitioning zone world-1a.'),
    );
    expect(lines.at(-1)).toBe('[Info] Zones still blocked: 0.');
  });
});
