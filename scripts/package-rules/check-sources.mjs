// The source rules of check-packages.mjs, run over the sources under `root` (no build needed):
// cloud plugins follow the template, error classes have their own code and isInstance, no instanceof on
// chaosgarden errors. Each rule's reasons are at the top of its file.
import { readFileSync } from 'node:fs';
import { checkCloudPlugin, findCloudPlugins } from './cloud-plugin-template.mjs';
import { checkErrorClasses, collectCodeTables, collectErrorClasses } from './error-classes.mjs';
import { checkNoInstanceofOnErrors } from './error-instanceof.mjs';
import { listSourceFiles, parseSource } from './source-files.mjs';

// A class that extends something, an instanceof, or a table of codes (`chaosgardenErrorCodes`).
const relevant = /\bextends\b|instanceof|toBeInstanceOf|Codes\b/;

/** `{ rule, problems }` for each rule, in a fixed order. */
export function checkSources(root) {
  // Only files that can matter are parsed: parsing all of them takes seconds on a busy machine.
  const files = listSourceFiles(root)
    .filter((file) => relevant.test(readFileSync(file.path, 'utf8')))
    .map((file) => ({ ...file, tree: parseSource(file.path) }));
  const errorClasses = collectErrorClasses(files);
  const plugins = findCloudPlugins(root);
  return [
    {
      rule: `cloud plugins follow the template (${plugins.map((plugin) => plugin.relativeDir).join(', ') || 'none found'})`,
      problems: plugins.flatMap(checkCloudPlugin),
    },
    {
      rule: `error classes have their own code and isInstance (${errorClasses.size} classes)`,
      problems: checkErrorClasses(errorClasses, collectCodeTables(files)),
    },
    {
      rule: 'no instanceof on chaosgarden errors',
      problems: checkNoInstanceofOnErrors(files, [...errorClasses.keys()]),
    },
  ];
}
