import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumArgs, ensureChromium } from './support/ensure-chromium';
import { createMotoFixture } from './support/moto-fixture';
import { examplesDir, scratchDirectory, startCli } from './support/run-cli';

const artifacts = fileURLToPath(new URL('../../../test-artifacts/', import.meta.url));

describe('chaosgarden report in headless Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: ensureChromium(), args: chromiumArgs });
  }, 600_000);
  afterAll(() => browser?.close());

  it("shows the run of the network experiment: status, a bar per activity, the simulation's changes", async () => {
    const fixture = await createMotoFixture();
    fixture.ec2.destroy();
    const cwd = scratchDirectory();
    expect((await startCli(['run', join(examplesDir, 'aws-network-python.json')], cwd).done).code).toBe(0);
    const report = await startCli(['report', 'journal.json', '--output', 'report.html'], cwd).done;
    expect(report.code).toBe(0);
    expect(report.stdout).toBe('report.html\n');

    const page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('requestfailed', (request) => errors.push(`request ${request.url()}`));
    await page.goto(pathToFileURL(join(cwd, 'report.html')).href);
    expect(await page.textContent('#title')).toBe(
      'Zone us-east-1a loses its network (Python chaosgarden file, unchanged)',
    );
    expect(await page.textContent('#status')).toBe('completed');
    const bars = page.locator('svg#timeline rect.activity');
    expect(
      await bars.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-activity'))),
    ).toEqual([
      'assess-filters-impact',
      'run-network-failure-simulation',
      'rollback-network-failure-simulation',
    ]);
    // The simulation's bar is the longest (3 s of a ~4 s run) and carries its done/undone ticks.
    const widths = await bars.evaluateAll((nodes) => nodes.map((node) => node.getBoundingClientRect().width));
    expect(Math.max(...widths)).toBe(widths[1]);
    expect(await page.locator('svg#timeline line.change').count()).toBeGreaterThanOrEqual(6);
    expect(await page.locator('#activities tbody tr').count()).toBe(3);
    expect(errors).toEqual([]);
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'cli-report.png'), fullPage: true });
    await page.close();
  });
});
