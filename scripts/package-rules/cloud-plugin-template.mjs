// Rule: every cloud plugin has the template's files and exports and a CHANGELOG.md, so that learning one
// plugin teaches all (docs/plugin-contract.md). packages/aws is the template the others copy.
//
// A cloud plugin is a workspace package whose src/index.ts exports `plugin`, its descriptor; its id (the
// `<id>` of the file names) is the descriptor's `providerType`, read from the file `plugin` comes from.
// No list of plugins to edit: a new package is checked as soon as it exports a descriptor.
import { existsSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { forEachNode, hasModifier, packageDirectories, parseSource, ts } from './source-files.mjs';

/** The template's files under src/, `<id>` standing for the provider id. The one list to keep up to date. */
export const cloudPluginTemplateFiles = Object.freeze([
  'index.ts',
  '<id>-plugin.ts',
  '<id>-provider.ts',
  '<id>-client.ts',
  '<id>-errors.ts',
  '<id>-settings.ts',
  '<id>-filters.ts',
  '<id>-shoot-mapping.ts',
  '<id>-types.ts',
  'provider-id.ts',
  'assess.ts',
  'compute.ts',
  'network.ts',
  'network-cut.ts',
  'network-undo.ts',
  'artefacts.ts',
  'reconcile.ts',
]);

/** The values every cloud plugin's src/index.ts exports. */
export const cloudPluginExports = Object.freeze([
  'plugin',
  'assessFiltersImpact',
  'runComputeFailureSimulation',
  'runComputeFailureSimulationInBackground',
  'runNetworkFailureSimulation',
  'runNetworkFailureSimulationInBackground',
  'rollbackNetworkFailureSimulation',
  'reconcile',
]);

/** The cloud plugins under `root/packages/`: `{ dir, relativeDir, id, exports }`, `id` undefined if unread. */
export function findCloudPlugins(root) {
  return packageDirectories(root).flatMap((dir) => {
    const indexPath = join(dir, 'src', 'index.ts');
    if (!existsSync(indexPath)) return [];
    const exports = exportedValues(indexPath);
    const descriptorFile = exports.get('plugin');
    if (descriptorFile === undefined) return [];
    return [
      {
        dir,
        relativeDir: relative(root, dir).split(sep).join('/'),
        id: providerTypeIn(descriptorFile),
        exports,
      },
    ];
  });
}

/** The problems of one cloud plugin found by `findCloudPlugins`. */
export function checkCloudPlugin(plugin) {
  const where = plugin.relativeDir;
  if (plugin.id === undefined) {
    return [
      `${where}: the descriptor \`plugin\` has no string providerType, so its file names cannot be checked`,
    ];
  }
  const missingFiles = cloudPluginTemplateFiles
    .map((file) => file.replace('<id>', plugin.id))
    .filter((file) => !existsSync(join(plugin.dir, 'src', file)));
  const missingExports = cloudPluginExports.filter((name) => !plugin.exports.has(name));
  const problems = [];
  if (missingFiles.length > 0) {
    problems.push(
      `${where}: missing the template's file(s) ${missingFiles.map((file) => `src/${file}`).join(', ')}`,
    );
  }
  if (missingExports.length > 0) {
    problems.push(`${where}: src/index.ts does not export ${missingExports.join(', ')}`);
  }
  if (!existsSync(join(plugin.dir, 'CHANGELOG.md'))) problems.push(`${where}: CHANGELOG.md is missing`);
  return problems;
}

/**
 * The value exports of a module: name → the file the binding is declared in (followed through
 * `export { x } from './y'` and `export * from './y'`; type-only exports are left out).
 */
export function exportedValues(path, seen = new Set()) {
  const names = new Map();
  if (seen.has(path)) return names;
  seen.add(path);
  const tree = parseSource(path);
  for (const statement of tree.statements) {
    if (ts.isExportDeclaration(statement) && !statement.isTypeOnly) {
      const from =
        statement.moduleSpecifier === undefined
          ? undefined
          : resolveRelative(path, statement.moduleSpecifier.text);
      if (statement.exportClause === undefined) {
        if (from !== undefined) for (const [name, file] of exportedValues(from, seen)) names.set(name, file);
      } else if (ts.isNamedExports(statement.exportClause)) {
        for (const element of statement.exportClause.elements) {
          if (!element.isTypeOnly) names.set(element.name.text, from ?? path);
        }
      }
    } else if (hasModifier(statement, ts.SyntaxKind.ExportKeyword)) {
      if (ts.isVariableStatement(statement)) {
        for (const declaration of statement.declarationList.declarations) {
          if (ts.isIdentifier(declaration.name)) names.set(declaration.name.text, path);
        }
      } else if (
        (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) &&
        statement.name
      ) {
        names.set(statement.name.text, path);
      }
    }
  }
  return names;
}

function resolveRelative(fromPath, specifier) {
  if (!specifier.startsWith('.')) return undefined;
  const base = join(dirname(fromPath), specifier).replace(/\.js$/, '');
  return [`${base}.ts`, join(base, 'index.ts')].find((candidate) => existsSync(candidate));
}

/**
 * The descriptor's `providerType`: a string literal, or a constant (`providerType: providerId`) declared
 * in the same file or imported from a relative module (`provider-id.ts`).
 */
function providerTypeIn(path) {
  if (path === undefined || !existsSync(path)) return undefined;
  const tree = parseSource(path);
  const found = new Set();
  forEachNode(tree, (node) => {
    if (!ts.isPropertyAssignment(node) || node.name.getText(tree) !== 'providerType') return;
    const value = unwrap(node.initializer);
    if (ts.isStringLiteralLike(value)) found.add(value.text);
    else if (ts.isIdentifier(value)) found.add(constantValue(path, tree, value.text));
  });
  found.delete(undefined);
  return found.size === 1 ? [...found][0] : undefined;
}

function constantValue(path, tree, name) {
  for (const statement of tree.statements) {
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        const value = declaration.initializer === undefined ? undefined : unwrap(declaration.initializer);
        if (ts.isIdentifier(declaration.name) && declaration.name.text === name && value !== undefined) {
          return ts.isStringLiteralLike(value) ? value.text : undefined;
        }
      }
    }
    const named = ts.isImportDeclaration(statement) ? statement.importClause?.namedBindings : undefined;
    const element =
      named !== undefined && ts.isNamedImports(named)
        ? named.elements.find((candidate) => candidate.name.text === name)
        : undefined;
    if (element !== undefined) {
      const from = resolveRelative(path, statement.moduleSpecifier.text);
      const imported = element.propertyName?.text ?? name;
      return from === undefined ? undefined : constantValue(from, parseSource(from), imported);
    }
  }
  return undefined;
}

function unwrap(expression) {
  let value = expression;
  while (ts.isAsExpression(value) || ts.isSatisfiesExpression(value) || ts.isParenthesizedExpression(value)) {
    value = value.expression;
  }
  return value;
}
