import type {
  ActionDeclaration,
  ActionOptionTable,
  OptionDeclaration,
  OptionSpecification,
} from '../provider/v1/declarations';

/** What `declareAction` takes. */
export interface DeclareActionInput<Options> {
  /** The exported function's name. */
  name: string;
  /** One entry per top-level key of `Options` (including `configuration`/`secrets` when taken), in order. */
  options: ActionOptionTable<Options>;
  /** Keys accepted and ignored for compatibility (see `ActionDeclaration.ignored`). Default none. */
  ignored?: readonly string[];
}

/**
 * Builds an action's declaration from a table with one entry per key of its options type: pass the type
 * (`declareAction<PodFailureSimulationOptions>({ ... })`) and the compiler refuses a missing or an extra
 * option. `configuration` and `secrets` count as taken when the table lists them. The result is frozen.
 */
export function declareAction<Options>(input: DeclareActionInput<Options>): ActionDeclaration {
  const options = Object.entries(input.options as Record<string, OptionSpecification>).map(
    ([name, specification]): OptionDeclaration => Object.freeze({ ...specification, name }),
  );
  const takes = (name: string) => options.some((option) => option.name === name);
  return Object.freeze({
    name: input.name,
    options: Object.freeze(options),
    configuration: takes('configuration'),
    secrets: takes('secrets'),
    ...(input.ignored === undefined ? {} : { ignored: Object.freeze([...input.ignored]) }),
  });
}
