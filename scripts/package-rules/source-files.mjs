// Reads the repository's TypeScript and JavaScript sources for the source rules of check-packages.mjs,
// parsed with the TypeScript compiler (syntax only: no type checking, no build needed).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ts from 'typescript';

/** Folders of each package that are scanned: its sources and its emulator / contract-server tests. */
const packageFolders = ['src', 'test'];
/** Folders outside packages/ that use the packages the way a user does. */
const otherFolders = ['examples', 'bench', 'test-support'];
const sourceExtension = /\.(?:[cm]?ts|[cm]?js)$/;
const skippedDirectories = new Set(['node_modules', 'dist', '.sandbox']);

/** The directories under `root/packages/` that hold a package.json. */
export function packageDirectories(root) {
  const packagesDir = join(root, 'packages');
  if (!existsSync(packagesDir)) return [];
  return readdirSync(packagesDir)
    .map((name) => join(packagesDir, name))
    .filter((dir) => existsSync(join(dir, 'package.json')));
}

/** Every source file the rules scan, as `{ path, relativePath }` (relative to `root`, with `/`). */
export function listSourceFiles(root) {
  const folders = [
    ...packageDirectories(root).flatMap((dir) => packageFolders.map((folder) => join(dir, folder))),
    ...otherFolders.map((folder) => join(root, folder)),
  ];
  return folders
    .flatMap((folder) => walk(folder))
    .sort()
    .map((path) => ({ path, relativePath: relative(root, path).split(sep).join('/') }));
}

function walk(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return skippedDirectories.has(name) ? [] : walk(path);
    return sourceExtension.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Parses one file into a syntax tree. */
export function parseSource(path) {
  const kind = /\.[cm]?js$/.test(path) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  return ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true, kind);
}

/** Calls `visit` for every node of the tree, depth first. */
export function forEachNode(sourceFile, visit) {
  const walkNode = (node) => {
    visit(node);
    ts.forEachChild(node, walkNode);
  };
  walkNode(sourceFile);
}

/** `path:line` of a node, for problem messages. */
export function locationOf(file, node) {
  const { line } = file.tree.getLineAndCharacterOfPosition(node.getStart(file.tree));
  return `${file.relativePath}:${line + 1}`;
}

export function hasModifier(node, kind) {
  return (
    ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((modifier) => modifier.kind === kind)
  );
}

export { ts };
