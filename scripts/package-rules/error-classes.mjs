// Rule: every error class that derives from core's ChaosgardenError declares, in its own body, a static
// `code` and a static `isInstance(error): error is <its own class>`. An inherited `isInstance` answers for
// the parent (KubeApiError once matched any CloudApiError), and `instanceof` fails when a user has two
// copies of a package installed. Two classes may share a code only along one line of inheritance (a
// refinement that keeps its parent's code on purpose, such as SelectorSyntaxError); unrelated classes
// sharing a code could not be told apart.
import { forEachNode, hasModifier, locationOf, ts } from './source-files.mjs';

/** The base class every chaosgarden error derives from (packages/core/src/errors/chaosgarden-error.ts). */
export const baseErrorClass = 'ChaosgardenError';

/**
 * Every class deriving (directly or not) from ChaosgardenError in `files` (`{ relativePath, tree }`), by
 * name, with its parent's name, location, declared `code` initializer and `isInstance` predicate.
 */
export function collectErrorClasses(files) {
  const classes = new Map();
  for (const file of files) {
    forEachNode(file.tree, (node) => {
      if (!ts.isClassDeclaration(node) || node.name === undefined) return;
      const parent = extendedName(node);
      if (parent === undefined) return;
      classes.set(node.name.text, {
        name: node.name.text,
        parent,
        location: locationOf(file, node),
        code: staticCode(node),
        predicate: isInstancePredicate(node),
      });
    });
  }
  const derives = (name, seen = new Set()) => {
    const entry = classes.get(name);
    if (entry === undefined || seen.has(name)) return false;
    seen.add(name);
    return entry.parent === baseErrorClass || derives(entry.parent, seen);
  };
  return new Map([...classes].filter(([name]) => derives(name)));
}

/** The problems of the error classes `collectErrorClasses` found; `codeTables` resolves `table.key` codes. */
export function checkErrorClasses(errorClasses, codeTables = new Map()) {
  const problems = [];
  for (const entry of errorClasses.values()) {
    if (entry.code === undefined) {
      problems.push(`${entry.location}: ${entry.name} declares no static code of its own`);
    }
    if (entry.predicate === undefined) {
      problems.push(`${entry.location}: ${entry.name} declares no static isInstance of its own`);
    } else if (entry.predicate !== entry.name) {
      problems.push(
        `${entry.location}: ${entry.name}.isInstance narrows to ${entry.predicate}; it should be ` +
          `\`error is ${entry.name}\` and match only ${entry.name}`,
      );
    }
  }
  problems.push(...sharedCodes(errorClasses, codeTables));
  return problems;
}

/** Object literals of string values (`chaosgardenErrorCodes = { terminated: 'terminated', ... } as const`). */
export function collectCodeTables(files) {
  const tables = new Map();
  for (const file of files) {
    forEachNode(file.tree, (node) => {
      if (!ts.isVariableDeclaration(node) || !ts.isIdentifier(node.name) || node.initializer === undefined) {
        return;
      }
      let value = node.initializer;
      while (ts.isAsExpression(value) || ts.isSatisfiesExpression(value)) value = value.expression;
      if (!ts.isObjectLiteralExpression(value)) return;
      const entries = new Map();
      for (const property of value.properties) {
        if (ts.isPropertyAssignment(property) && ts.isStringLiteralLike(property.initializer)) {
          entries.set(property.name.getText(file.tree), property.initializer.text);
        }
      }
      if (entries.size > 0) tables.set(node.name.text, entries);
    });
  }
  return tables;
}

function sharedCodes(errorClasses, codeTables) {
  const resolved = new Map();
  const resolve = (name, seen = new Set()) => {
    const code = errorClasses.get(name)?.code;
    if (code === undefined || seen.has(name)) return undefined;
    seen.add(name);
    if (code.kind === 'literal') return code.value;
    if (code.kind === 'table') return codeTables.get(code.table)?.get(code.key);
    return code.kind === 'class' ? resolve(code.className, seen) : undefined;
  };
  for (const name of errorClasses.keys()) {
    const value = resolve(name);
    if (value !== undefined) resolved.set(name, value);
  }
  const ancestors = (name) => {
    const chain = [];
    for (let current = errorClasses.get(name)?.parent; errorClasses.has(current); ) {
      chain.push(current);
      current = errorClasses.get(current).parent;
    }
    return chain;
  };
  const problems = [];
  const names = [...resolved.keys()];
  for (const [index, name] of names.entries()) {
    for (const other of names.slice(index + 1)) {
      const related = ancestors(name).includes(other) || ancestors(other).includes(name);
      if (resolved.get(name) === resolved.get(other) && !related) {
        problems.push(
          `${errorClasses.get(other).location}: ${other} has the code '${resolved.get(name)}' of ${name} ` +
            `(${errorClasses.get(name).location}); give it a code of its own`,
        );
      }
    }
  }
  return problems;
}

function extendedName(node) {
  const clause = node.heritageClauses?.find((heritage) => heritage.token === ts.SyntaxKind.ExtendsKeyword);
  const expression = clause?.types[0]?.expression;
  if (expression === undefined) return undefined;
  if (ts.isIdentifier(expression)) return expression.text;
  return ts.isPropertyAccessExpression(expression) ? expression.name.text : undefined;
}

/** The initializer of `static code = ...`: a string literal, `table.key` or `OtherClass.code`. */
function staticCode(node) {
  const member = node.members.find(
    (candidate) =>
      ts.isPropertyDeclaration(candidate) &&
      hasModifier(candidate, ts.SyntaxKind.StaticKeyword) &&
      candidate.name.getText() === 'code',
  );
  if (member === undefined) return undefined;
  const value = member.initializer;
  if (value !== undefined && ts.isStringLiteralLike(value)) return { kind: 'literal', value: value.text };
  if (value !== undefined && ts.isPropertyAccessExpression(value) && ts.isIdentifier(value.expression)) {
    return value.name.text === 'code'
      ? { kind: 'class', className: value.expression.text }
      : { kind: 'table', table: value.expression.text, key: value.name.text };
  }
  return { kind: 'unresolved' };
}

/** The class named by `static isInstance(...): error is <Name>`, `''` for another return type. */
function isInstancePredicate(node) {
  const method = node.members.find(
    (candidate) =>
      ts.isMethodDeclaration(candidate) &&
      hasModifier(candidate, ts.SyntaxKind.StaticKeyword) &&
      candidate.name.getText() === 'isInstance',
  );
  if (method === undefined) return undefined;
  const type = method.type;
  if (type === undefined || !ts.isTypePredicateNode(type) || type.type === undefined) return '';
  return ts.isTypeReferenceNode(type.type) ? type.type.typeName.getText() : type.type.getText();
}
