// One-off scaffolder used while founding the repo; kept so new plugins start with the same shape.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';

const [name, description, ...rest] = process.argv.slice(2);
const dir = `packages/${name}`;
const isPlugin = rest.includes('--plugin');
const pkg = {
  name: `@chaosgarden/${name}`,
  version: '0.0.0',
  description,
  license: 'Apache-2.0',
  type: 'module',
  sideEffects: false,
  engines: { node: '>=22.19' },
  main: './dist/index.cjs',
  module: './dist/index.js',
  types: './dist/index.d.cts',
  exports: {
    '.': {
      import: { types: './dist/index.d.ts', default: './dist/index.js' },
      require: { types: './dist/index.d.cts', default: './dist/index.cjs' },
    },
    './package.json': './package.json',
  },
  files: ['dist', 'README.md'],
  repository: { type: 'git', url: 'git+https://example.invalid/chaosgarden.git', directory: dir },
  publishConfig: { access: 'public' },
  scripts: { build: 'tsup', typecheck: 'tsc -p tsconfig.json' },
  ...(isPlugin
    ? { peerDependencies: { '@chaosgarden/core': '^0.0.0' }, devDependencies: { '@chaosgarden/core': '*' } }
    : {}),
};
mkdirSync(`${dir}/src`, { recursive: true });
writeFileSync(`${dir}/package.json`, `${JSON.stringify(pkg, null, 2)}\n`);
writeFileSync(
  `${dir}/tsconfig.json`,
  `${JSON.stringify({ extends: '../../tsconfig.base.json', include: ['src', 'test', '*.ts'] }, null, 2)}\n`,
);
writeFileSync(
  `${dir}/tsup.config.ts`,
  `import { defineConfig } from 'tsup';\nimport { packageBuild } from '../../tsup.config.base';\n\nexport default defineConfig(packageBuild());\n`,
);
if (!existsSync(`${dir}/README.md`))
  writeFileSync(`${dir}/README.md`, `# @chaosgarden/${name}\n\n${description}\n`);
