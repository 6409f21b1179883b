/** The four operators of the selector mini-language (`=` is read as `==`). */
export type SelectorOperator = '==' | '!=' | '=~' | '!~';

/** One `<key><op><value>` requirement of a selector. */
export interface SelectorRequirement {
  readonly key: string;
  readonly operator: SelectorOperator;
  readonly value: string;
  /** The requirement as written, for messages. */
  readonly text: string;
  /** The compiled pattern of `=~` / `!~` (anchored as the semantics demand). */
  readonly pattern?: RegExp;
}

/** A parsed selector: all requirements must match; no requirement matches everything. */
export interface ParsedSelector {
  /** The selector text as given (requirements joined by `,`). */
  readonly source: string;
  readonly requirements: readonly SelectorRequirement[];
  /** Whether the strict semantics apply (full-match regexes, scalars compared as text). */
  readonly strict: boolean;
}

/**
 * A selector option: the text (`a=b,c!=d`), or its requirements as a list (joined by `,`), which makes
 * adding a requirement easy (`[...userSelector, 'kind!=DaemonSet']`). `null`/`undefined`/`''` = none.
 */
export type SelectorInput = string | readonly string[] | null | undefined;
