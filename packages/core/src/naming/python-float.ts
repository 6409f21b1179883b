const marker = Symbol.for('chaosgarden.python-float');

/**
 * A number that Python would hold as a `float`: written with `.`, `e` or `E` in the JSON source
 * (`1.0`, `2e3`), or `NaN`/`Infinity`. Needed because `JSON.parse` turns `1.0` into `1`, which
 * `repr` would print as `1` instead of `1.0` and so change an artefact-name hash.
 */
export class PythonFloat {
  readonly [marker] = true;
  readonly value: number;

  constructor(value: number) {
    this.value = value;
  }

  valueOf(): number {
    return this.value;
  }

  /** Plain `JSON.stringify` sees the number (non-finite values become `null`, as always in JSON). */
  toJSON(): number {
    return this.value;
  }

  /** Also true for a `PythonFloat` made by a second installed copy of this package. */
  static isInstance(value: unknown): value is PythonFloat {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
  }
}
