import { type ChildProcess, fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findPendingRuns } from '@chaosgarden/core';
import { seededRandom } from '@chaosgarden/testkit';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterFilters } from './support/fixture';
import { motoConnection, pluginAccess } from './support/moto';
import { useMotoFixture } from './support/moto-fixture';
import { aclBySubnet, blockingAcls } from './support/moto-state';
import type { RaceCommand, RaceReport } from './support/race-runner';
import { until } from './support/until';

/**
 * Issue 13, point 1: N runs of the same zone and filters, started at the same moment from N "machines"
 * (child processes with their own CHAOSGARDEN_HOST_ID, state directory and pid), round after round.
 * Seeded: CHAOSGARDEN_RACE_SEED picks each round's start offsets and the order the runs are told.
 */
const runs = 4;
const rounds = Number(process.env.CHAOSGARDEN_RACE_ROUNDS ?? 20);
const seed = Number(process.env.CHAOSGARDEN_RACE_SEED ?? 13);
const holderTagKey = 'gardener.cloud/chaos/chaosgarden-holder';
const simulationLocked = 'simulation-locked';

const connection = motoConnection();
const outDir = fileURLToPath(new URL('../.cache/network-lock-race/', import.meta.url));
const runnerFile = join(outDir, 'race-runner.mjs');

interface Machine {
  hostId: string;
  pid: number;
  child: ChildProcess;
  reports: RaceReport[];
}

function startMachine(index: number, stateDirectory: string): Promise<Machine> {
  const hostId = `race-machine-${index}`;
  const child = fork(runnerFile, [], {
    env: {
      ...process.env,
      CHAOSGARDEN_HOST_ID: hostId,
      CHAOSGARDEN_STATE_DIR: stateDirectory,
      AWS_EC2_METADATA_DISABLED: 'true',
    },
    execArgv: ['--no-warnings'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const machine: Machine = { hostId, pid: child.pid ?? -1, child, reports: [] };
  child.on('message', (report: RaceReport) => machine.reports.push(report));
  return until(`machine ${index} to be ready`, async () =>
    machine.reports.some((report) => report.type === 'ready') ? machine : undefined,
  );
}

const doneIn = (machine: Machine, round: number) =>
  machine.reports.find(
    (report): report is Extract<RaceReport, { type: 'done' }> =>
      report.type === 'done' && report.round === round,
  );

describe('two or more network simulations of one zone started at the same moment', () => {
  const moto = useMotoFixture(connection, 'all');
  const machines: Machine[] = [];
  const scratch = mkdtempSync(join(tmpdir(), 'chaosgarden-race-'));

  beforeAll(async () => {
    mkdirSync(outDir, { recursive: true });
    // The runner and the plugin from their current source, core included; the SDKs stay external.
    await build({
      entryPoints: [fileURLToPath(new URL('./support/race-runner.ts', import.meta.url))],
      outfile: runnerFile,
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node22',
      packages: 'external',
      alias: { '@chaosgarden/core': fileURLToPath(new URL('../../core/src/index.ts', import.meta.url)) },
      logLevel: 'silent',
    });
    for (let index = 0; index < runs; index++) {
      machines.push(await startMachine(index, join(scratch, `machine-${index}`)));
    }
  }, 60_000);

  afterAll(() => {
    for (const machine of machines) machine.child.kill('SIGKILL');
    rmSync(scratch, { recursive: true, force: true });
    rmSync(outDir, { recursive: true, force: true });
  });

  it(`lets exactly one of ${runs} block, refuses the rest, keeps the winner's partition intact until its end, and leaves nothing (${rounds} rounds, seed ${seed})`, async () => {
    const zone = moto.fixture.zones[0];
    const planned = moto.fixture.subnets
      .filter((subnet) => subnet.zone === zone && subnet.tagged && subnet.vpcId !== moto.fixture.vpcs.c)
      .map((subnet) => subnet.id)
      .sort();
    expect(planned).toHaveLength(11);
    const original = await aclBySubnet(moto.ec2);
    const options = { zone, filters: clusterFilters(), ...pluginAccess(connection) };
    const next = seededRandom(seed);
    const spreads: number[] = [];
    /** Refusals after creating blocking ACLs (the claim), as opposed to before (an ACL already listed). */
    let refusedByClaim = 0;

    for (let round = 0; round < rounds; round++) {
      const label = `round ${round} (seed ${seed})`;
      const startAt = Date.now() + 150;
      const order = machines.map((machine) => ({ machine, key: next() })).sort((a, b) => a.key - b.key);
      for (const { machine } of order) {
        const command: RaceCommand = {
          type: 'run',
          round,
          startAt: startAt + Math.floor(next() * 3),
          options,
        };
        machine.child.send(command);
      }
      // Every run but the winner ends on its own: refused, its own blocking ACLs (if any) removed.
      await until(
        `${label}: all runs but one to end`,
        async () => machines.filter((machine) => doneIn(machine, round)).length >= runs - 1,
      );
      const startedAt = machines.map(
        (machine) =>
          (
            machine.reports.find((report) => report.type === 'started' && report.round === round) as {
              at: number;
            }
          ).at,
      );
      spreads.push(Math.max(...startedAt) - Math.min(...startedAt));
      const winners = machines.filter((machine) => doneIn(machine, round) === undefined);
      const losers = machines.filter((machine) => doneIn(machine, round) !== undefined);
      const describeLosers = () =>
        losers
          .map((machine) => ({ host: machine.hostId, ...doneIn(machine, round) }))
          .map((entry) => JSON.stringify(entry));
      expect(winners, `${label}: exactly one run still blocks\n${describeLosers().join('\n')}`).toHaveLength(
        1,
      );
      for (const loser of losers) {
        expect(doneIn(loser, round)?.outcome, `${label}: ${loser.hostId} refused`).toMatchObject({
          ok: false,
          code: simulationLocked,
        });
      }
      const winner = winners[0] as Machine;
      refusedByClaim += losers.filter((loser) =>
        doneIn(loser, round)?.log.some((line) =>
          line.includes('Created blocking network access control list'),
        ),
      ).length;

      // Read while the winner waits (the others are over): every planned subnet on the winner's ACLs.
      const partition = await until(
        `${label}: every planned subnet on ${winner.hostId}'s blocking ACLs`,
        async () => {
          const acls = await blockingAcls(moto.ec2);
          const holders = new Map(
            acls.map((acl) => [
              acl.NetworkAclId,
              JSON.parse(acl.Tags?.find((tag) => tag.Key === holderTagKey)?.Value ?? '{}') as {
                pid?: number;
                host?: string;
              },
            ]),
          );
          const bySubnet = await aclBySubnet(moto.ec2);
          const onWinner = planned.filter((subnet) => holders.get(bySubnet.get(subnet))?.pid === winner.pid);
          return onWinner.length === planned.length ? { acls, holders } : undefined;
        },
      );
      expect(partition.acls, `${label}: only the winner's blocking ACLs exist`).toHaveLength(2);
      for (const holder of partition.holders.values()) {
        expect(holder).toMatchObject({ pid: winner.pid, host: winner.hostId });
      }

      winner.child.send({ type: 'stop', round } satisfies RaceCommand);
      const end = await until(`${label}: the winner to end`, async () => doneIn(winner, round), 60_000);
      expect(end.outcome, `${label}: the winner's result\n${end.log.join('\n')}`).toMatchObject({
        ok: true,
        blocked: 11,
        restored: 11,
        removed: 2,
      });
      expect(await blockingAcls(moto.ec2), `${label}: no blocking ACL left`).toEqual([]);
      expect(await aclBySubnet(moto.ec2), `${label}: every subnet back on its original ACL`).toEqual(
        original,
      );
    }
    for (const [index] of machines.entries()) {
      const pending = await findPendingRuns({ directory: join(scratch, `machine-${index}`) });
      expect(pending.runs, `machine ${index}: no change pending in its ledger`).toEqual([]);
    }
    // Released together: in most rounds the runs started within a few milliseconds of each other.
    const median = [...spreads].sort((a, b) => a - b)[Math.floor(spreads.length / 2)] as number;
    console.info(
      `network lock race: start spread per round (ms): ${spreads.join(', ')}; ${refusedByClaim} of ${rounds * (runs - 1)} refusals after creating blocking ACLs`,
    );
    expect(median).toBeLessThan(25);
  }, 240_000);
});
