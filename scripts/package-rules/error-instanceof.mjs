// Rule: no `instanceof` on a chaosgarden error, in sources or tests: `value instanceof KubeApiError` and
// `expect(value).toBeInstanceOf(KubeApiError)` are false for an error built by a second installed copy of
// the package (npm installs one per dependent when their ranges differ). Use `KubeApiError.isInstance(value)`.
//
// Exempt: packages/core/src/errors/, where the base class defines the marker `isInstance` reads and its
// tests show that `instanceof` fails across copies. vitest's `toThrow(SomeError)` is not flagged: it is an
// assertion on the thrown value within the one module graph vitest loads, not code a user runs.
import { baseErrorClass } from './error-classes.mjs';
import { forEachNode, locationOf, ts } from './source-files.mjs';

export const instanceofExemptPrefixes = ['packages/core/src/errors/'];

/** `path:line` problems for every `instanceof` / `toBeInstanceOf` on a class in `errorClassNames`. */
export function checkNoInstanceofOnErrors(files, errorClassNames) {
  const names = new Set([baseErrorClass, ...errorClassNames]);
  const problems = [];
  for (const file of files) {
    if (instanceofExemptPrefixes.some((prefix) => file.relativePath.startsWith(prefix))) continue;
    forEachNode(file.tree, (node) => {
      const target = instanceofTarget(node);
      if (target === undefined || !names.has(target.name)) return;
      problems.push(
        `${locationOf(file, node)}: ${target.form.replace('%', target.name)}; use ${target.name}.isInstance(value) ` +
          '(instanceof fails across two installed copies of a package)',
      );
    });
  }
  return problems;
}

function instanceofTarget(node) {
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.InstanceOfKeyword) {
    const name = lastName(node.right);
    return name === undefined ? undefined : { form: 'instanceof %', name };
  }
  if (
    ts.isCallExpression(node) &&
    ts.isPropertyAccessExpression(node.expression) &&
    node.expression.name.text === 'toBeInstanceOf' &&
    node.arguments[0] !== undefined
  ) {
    const name = lastName(node.arguments[0]);
    return name === undefined ? undefined : { form: 'toBeInstanceOf(%)', name };
  }
  return undefined;
}

function lastName(expression) {
  if (ts.isIdentifier(expression)) return expression.text;
  return ts.isPropertyAccessExpression(expression) ? expression.name.text : undefined;
}
