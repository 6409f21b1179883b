import { describe, expect, it } from 'vitest';
import { createTerminalStatus } from './terminal-status';

function recorder(columns = 80) {
  const writes: string[] = [];
  return { writes, stream: { columns, write: (text: string) => writes.push(text) } };
}

describe('createTerminalStatus', () => {
  it('writes plain lines while nothing runs', () => {
    const { writes, stream } = recorder();
    createTerminalStatus(stream).writeLine('[Info] hello');
    expect(writes).toEqual(['[Info] hello\n']);
  });

  it('redraws the running simulations on one line and keeps it below log lines', () => {
    const { writes, stream } = recorder();
    const status = createTerminalStatus(stream);
    status.set('a', 'net: 1s elapsed');
    status.set('b', 'pods: 0s elapsed');
    status.writeLine('[Info] blocked');
    status.set('a', undefined);
    status.set('b', undefined);
    expect(writes).toEqual([
      '\r\u001b[2Knet: 1s elapsed',
      '\r\u001b[2Knet: 1s elapsed | pods: 0s elapsed',
      '\r\u001b[2K[Info] blocked\nnet: 1s elapsed | pods: 0s elapsed',
      '\r\u001b[2Kpods: 0s elapsed',
      '\r\u001b[2K',
    ]);
  });

  it('cuts the line to the terminal width', () => {
    const { writes, stream } = recorder(25);
    createTerminalStatus(stream).set('a', 'x'.repeat(40));
    expect(writes[0]).toBe(`\r\u001b[2K${'x'.repeat(23)}…`);
  });
});
