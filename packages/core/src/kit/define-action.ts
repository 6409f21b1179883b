import type { ActionDeclaration, DeclaredAction } from '../provider/v1/declarations';
import { assertKnownOptions } from './assert-known-options';

/**
 * Wraps an action with its declaration: the returned function refuses an unknown top-level option key
 * (a rejected promise with `UnknownOptionError`, before the implementation runs, so before any cloud or
 * cluster call), then calls the implementation; `declaration` is attached to it as frozen, readonly data,
 * and its `name` is the declaration's.
 *
 * @example
 * export const runNetworkFailureSimulation = defineAction(plugin.actions.runNetworkFailureSimulation, simulate);
 */
export function defineAction<Implementation extends (options: never) => Promise<unknown>>(
  declaration: ActionDeclaration,
  implementation: Implementation,
): Implementation & DeclaredAction {
  const frozen = freezeDeclaration(declaration);
  const action = (options?: unknown) => {
    try {
      assertKnownOptions(options, frozen);
    } catch (error) {
      return Promise.reject(error);
    }
    return (implementation as unknown as (options: unknown) => Promise<unknown>)(options);
  };
  Object.defineProperty(action, 'name', { value: frozen.name });
  Object.defineProperty(action, 'declaration', { value: frozen, enumerable: true });
  return action as unknown as Implementation & DeclaredAction;
}

function freezeDeclaration(declaration: ActionDeclaration): ActionDeclaration {
  if (Object.isFrozen(declaration)) return declaration;
  return Object.freeze({
    ...declaration,
    options: Object.freeze(
      declaration.options.map((option) =>
        Object.freeze({
          ...option,
          ...(option.choices === undefined ? {} : { choices: Object.freeze([...option.choices]) }),
        }),
      ),
    ),
    ...(declaration.ignored === undefined ? {} : { ignored: Object.freeze([...declaration.ignored]) }),
  });
}
