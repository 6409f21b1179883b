import { UnknownOptionError } from '../errors/unknown-option-error';
import type { ActionDeclaration } from '../provider/v1/declarations';
import { closestName } from './closest-name';

/**
 * Refuses a top-level option key the action's declaration does not list (a misspelt `rollbakLeftovers`
 * would otherwise be ignored silently). Keys whose value is `undefined` are ignored, so callers may pass
 * `{ mode: options.mode }` through, and so are the declaration's `ignored` keys; so is anything that is not an object (the action refuses it itself).
 * Keys inside `configuration` and `secrets` are the plugin's to check.
 *
 * @throws UnknownOptionError naming every unknown key, the known ones and the closest known one.
 */
export function assertKnownOptions(options: unknown, declaration: ActionDeclaration): void {
  if (typeof options !== 'object' || options === null) return;
  const known = declaration.options.map((option) => option.name);
  const ignored = declaration.ignored ?? [];
  const unknown = Object.entries(options)
    .filter(([key, value]) => value !== undefined && !known.includes(key) && !ignored.includes(key))
    .map(([key]) => key);
  if (unknown.length === 0) return;
  const closest: Record<string, string> = {};
  for (const key of unknown) {
    const match = closestName(key, known);
    if (match !== undefined) closest[key] = match;
  }
  throw new UnknownOptionError({
    action: declaration.name,
    unknownOptions: unknown,
    knownOptions: known,
    closest,
  });
}
