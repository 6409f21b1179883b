// Fails early, with the fix, when a script is about to run on a Node.js older than the SDKs need.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 19)) {
  console.error(
    `chaosgarden needs Node.js >= 22.19, but this is ${process.version} (${process.execPath}).\n` +
      'Run it through npm (`npm run ...`, `npm test`): the workspace installs Node 22 from the npm registry ' +
      'into node_modules/.bin, which npm puts first on PATH.',
  );
  process.exit(1);
}
