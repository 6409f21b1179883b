import { join, resolve } from 'node:path';
import envPaths from 'env-paths';
import { describe, expect, it } from 'vitest';
import { ledgerFilePath, resolveStateDirectory } from './state-directory';

const home = '/home/tester';

describe('resolveStateDirectory', () => {
  it('prefers $CHAOSGARDEN_STATE_DIR over everything else', () => {
    const env = { CHAOSGARDEN_STATE_DIR: '/var/lib/chaos', XDG_STATE_HOME: '/xdg/state' };
    expect(resolveStateDirectory({ env, platform: 'linux', homedir: home })).toBe('/var/lib/chaos');
    expect(resolveStateDirectory({ env, platform: 'darwin', homedir: home })).toBe('/var/lib/chaos');
  });

  it('makes a relative $CHAOSGARDEN_STATE_DIR absolute', () => {
    expect(resolveStateDirectory({ env: { CHAOSGARDEN_STATE_DIR: 'state' }, platform: 'linux' })).toBe(
      resolve('state'),
    );
  });

  it('uses $XDG_STATE_HOME/chaosgarden next, on Linux', () => {
    expect(
      resolveStateDirectory({ env: { XDG_STATE_HOME: '/xdg/state' }, platform: 'linux', homedir: home }),
    ).toBe('/xdg/state/chaosgarden');
  });

  it('falls back to ~/.local/state/chaosgarden, also when $XDG_STATE_HOME is relative (invalid per XDG)', () => {
    expect(resolveStateDirectory({ env: {}, platform: 'linux', homedir: home })).toBe(
      '/home/tester/.local/state/chaosgarden',
    );
    expect(
      resolveStateDirectory({ env: { XDG_STATE_HOME: 'relative' }, platform: 'linux', homedir: home }),
    ).toBe('/home/tester/.local/state/chaosgarden');
    expect(
      resolveStateDirectory({ env: { CHAOSGARDEN_STATE_DIR: '  ' }, platform: 'linux', homedir: home }),
    ).toBe('/home/tester/.local/state/chaosgarden');
  });

  it("hands macOS and Windows to env-paths' data directory", () => {
    const expected = envPaths('chaosgarden', { suffix: '' }).data;
    expect(resolveStateDirectory({ env: { XDG_STATE_HOME: '/xdg/state' }, platform: 'darwin' })).toBe(
      expected,
    );
    expect(resolveStateDirectory({ env: {}, platform: 'win32' })).toBe(expected);
  });
});

describe('ledgerFilePath', () => {
  it('puts each run in runs/<runId>.jsonl', () => {
    expect(ledgerFilePath('/state', 'r1')).toBe(join('/state', 'runs', 'r1.jsonl'));
  });
});
