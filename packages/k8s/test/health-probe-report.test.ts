import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureChromium } from '@chaosgarden/testkit';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTemporaryStateDirectory } from '../../../test-support/temporary-state-directory';
import { assessMetrics } from '../src/health-probe/metrics/assess-metrics';
import { computeProbeMetrics } from '../src/health-probe/metrics/compute-probe-metrics';
import { parseThresholds } from '../src/health-probe/metrics/thresholds';
import { probeReport } from '../src/health-probe/report/probe-report-data';
import { renderProbeReport } from '../src/health-probe/report/render-probe-report';

// Probe runs write a ledger and a lock: keep them out of the user's state directory.
useTemporaryStateDirectory();

const artefacts = fileURLToPath(new URL('../../../test-artifacts/health-probe-report', import.meta.url));
const start = 1_800_000_000;
const zones = ['us-east-1a', 'us-east-1b', 'us-east-1c'];
const zonal = ['api-external', 'api-internal', 'dns-external', 'dns-internal'];

// 90 s; zone b cut off from 40 s to 60 s; dns-internal in zone c silent from 20 s to 50 s (a gap).
const heartbeats = [
  ...Array.from({ length: 91 }, (_, offset) => ({
    name: `api-probe-regional-${start + offset}`,
    ready: true,
  })),
  ...zones.flatMap((zone) =>
    zonal.flatMap((probe) =>
      Array.from({ length: 91 }, (_, offset) => offset)
        .filter(
          (offset) => !(probe === 'dns-internal' && zone === 'us-east-1c' && offset > 20 && offset < 50),
        )
        .map((offset) => ({
          name: `${probe}-probe-${zone}-${start + offset}`,
          ready: !(zone === 'us-east-1b' && probe.startsWith('api-') && offset >= 40 && offset < 60),
        })),
    ),
  ),
];
const metrics = computeProbeMetrics({ heartbeats, start, stop: start + 90, apiHeartbeatsSent: 91 });
const thresholds = parseThresholds({
  '!regional': { 'api-external': 5, 'api-internal': 5, 'dns-internal': 5 },
});
const report = probeReport('https://127.0.0.1:6443', metrics, thresholds, assessMetrics(metrics, thresholds));

let browser: Browser;

beforeAll(async () => {
  const executablePath = ensureChromium();
  browser = await chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}, 1_200_000);

afterAll(async () => {
  await browser?.close();
});

describe('the health probe HTML report in headless Chromium', () => {
  it('shows one timeline row per probe and zone, phases to scale, the verdict, and loads nothing from outside', async () => {
    mkdirSync(artefacts, { recursive: true });
    const file = join(artefacts, 'report.html');
    writeFileSync(file, renderProbeReport(report));
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const outside: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith('file:')) outside.push(request.url());
    });
    await page.goto(pathToFileURL(file).href);

    const rows = await page.$$eval('#timeline g.timeline-row', (groups) =>
      groups.map((group) => ({
        probe: group.getAttribute('data-probe'),
        zone: group.getAttribute('data-zone'),
        states: [...group.querySelectorAll('rect.phase')].map((rect) => ({
          state: rect.getAttribute('data-state'),
          width: rect.getBoundingClientRect().width,
        })),
      })),
    );
    const expected = [['api', 'regional'], ...zonal.flatMap((probe) => zones.map((zone) => [probe, zone]))];
    expect(rows.map((row) => [row.probe, row.zone])).toEqual(expected);
    const cut = rows.find((row) => row.probe === 'api-external' && row.zone === 'us-east-1b');
    expect(cut?.states.map((phase) => phase.state)).toEqual(['Ready', 'NotReady', 'Ready']);
    const [before, down, after] = cut?.states.map((phase) => phase.width) ?? [];
    // 40 s Ready, 20 s NotReady, 30 s Ready across 900 px for 90 s.
    expect(before).toBeCloseTo(400, 0);
    expect(down).toBeCloseTo(200, 0);
    expect(after).toBeCloseTo(300, 0);
    const gap = rows.find((row) => row.probe === 'dns-internal' && row.zone === 'us-east-1c');
    expect(gap?.states.map((phase) => phase.state)).toEqual(['Ready', 'Unknown', 'Ready']);

    expect(await page.textContent('#verdict')).toBe('failed');
    const violations = await page.$$eval('#violations li', (items) => items.map((item) => item.textContent));
    expect(violations).toEqual([
      'Functional outage detected: API-EXTERNAL in zone US-EAST-1B was 20s not Ready, but only 5s were tolerated, which means we missed KPI goals!',
      'Functional outage detected: API-INTERNAL in zone US-EAST-1B was 20s not Ready, but only 5s were tolerated, which means we missed KPI goals!',
      'Functional outage detected: DNS-INTERNAL in zone US-EAST-1C was 15s not Ready, but only 5s were tolerated, which means we missed KPI goals!',
    ]);
    expect(await page.$$eval('#summary tbody tr.violated', (trs) => trs.length)).toBe(3);
    expect(outside).toEqual([]);

    const screenshot = join(artefacts, 'report.png');
    await page.screenshot({ path: screenshot, fullPage: true });
    expect(statSync(screenshot).size).toBeGreaterThan(10_000);
    await page.close();
  });
});
