/**
 * What kind of value an option takes, as the CLI's flags, the preflight and the help texts read it.
 * `duration`: seconds as a number or numeric string (`DurationInput`); `zone-reference`: a zone name or an
 * index into the sorted zones; `data`: plain JSON data (filters, selectors, thresholds, configuration);
 * `signal`, `logger`: an `AbortSignal`, a `Logger`; `object`: another object a program passes (a ledger,
 * plugin descriptors, a kubeconfig source, a function).
 */
export type OptionValueKind =
  | 'string'
  | 'number'
  | 'integer'
  | 'boolean'
  | 'duration'
  | 'zone-reference'
  | 'data'
  | 'signal'
  | 'logger'
  | 'object';

/** One top-level option of an action, as data. */
export interface OptionDeclaration {
  /** The key in the options object, camelCase: `zone`, `allowSelfTarget`. */
  readonly name: string;
  readonly kind: OptionValueKind;
  /** The action refuses a call without it. Default `false`. */
  readonly required?: boolean;
  /** The values it takes (modes), when it is one of a list. */
  readonly choices?: readonly string[];
  /** One line for help texts. */
  readonly description?: string;
  /**
   * Checks a value the way the action will, before anything runs, and returns it normalised; throws the
   * action's error (`InvalidArgumentError`) otherwise. Optional: the action validates its options itself,
   * this is for callers that want to check early (the CLI's preflight).
   */
  readonly validate?: (value: unknown) => unknown;
}

/**
 * An action's options as data: what `defineAction` refuses unknown keys by, the CLI's direct commands
 * and preflight read. Keys inside `configuration` are not declared: they belong to the plugin, which
 * tolerates unknown ones with a warning.
 */
export interface ActionDeclaration {
  /** The exported function's name: `runNetworkFailureSimulation`. */
  readonly name: string;
  /** Every top-level option, in the order messages list them; includes `configuration`/`secrets` when taken. */
  readonly options: readonly OptionDeclaration[];
  /** Whether the action takes `configuration` (non-secret settings). */
  readonly configuration: boolean;
  /** Whether the action takes `secrets` (credentials, redacted everywhere). */
  readonly secrets: boolean;
  /**
   * Keys accepted and ignored, for compatibility: the contract's roll-back and assessment take a
   * simulation's `duration`, so a simulation's arguments can be reused for them. Not refused, not listed
   * as known options, not offered as flags. Default none.
   */
  readonly ignored?: readonly string[];
}

/** An option's declaration without its name: the value of an `ActionOptionTable` entry. */
export type OptionSpecification = Omit<OptionDeclaration, 'name'>;

/**
 * One entry per top-level key of `Options`, no more, no fewer: `declareAction` takes it, so the compiler
 * checks that the declaration and the options type agree.
 */
export type ActionOptionTable<Options> = { readonly [Key in keyof Required<Options>]: OptionSpecification };

/** A function `defineAction` returned: the implementation, with its declaration attached as readonly data. */
export interface DeclaredAction {
  readonly declaration: ActionDeclaration;
}

/** The actions of `CloudProviderV1`, by the names the declarations use. */
export type CloudProviderActionName =
  | 'assessFiltersImpact'
  | 'runComputeFailureSimulation'
  | 'runNetworkFailureSimulation'
  | 'rollbackNetworkFailureSimulation'
  | 'reconcile';

/** The declarations of a cloud plugin's actions, by action name (`CloudProviderDescriptorV1.actions`). */
export type CloudProviderActionDeclarations = {
  readonly [Action in CloudProviderActionName]?: ActionDeclaration;
};
