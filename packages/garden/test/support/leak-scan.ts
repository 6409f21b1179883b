// Looks for credential values in files: chaosgarden's state directory and whatever was written to the
// temp directory while a test ran.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Files under `dir` (recursively) modified at or after `since`, smaller than 5 MB. */
export function filesWrittenSince(dir: string, since: number): string[] {
  const found: string[] = [];
  const visit = (current: string, depth: number) => {
    let entries: string[];
    try {
      entries = readdirSync(current);
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(current, entry);
      let stats: ReturnType<typeof statSync>;
      try {
        stats = statSync(path);
      } catch {
        continue;
      }
      if (stats.isDirectory() && depth < 6) visit(path, depth + 1);
      else if (stats.isFile() && stats.mtimeMs >= since && stats.size < 5_000_000) found.push(path);
    }
  };
  visit(dir, 0);
  return found;
}

/** `[file, secret]` pairs where a file contains one of the secret values (raw or base64). */
export function findLeaks(files: readonly string[], secrets: readonly string[]): [string, string][] {
  const leaks: [string, string][] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const secret of secrets) {
      if (text.includes(secret) || text.includes(Buffer.from(secret).toString('base64')))
        leaks.push([file, secret]);
    }
  }
  return leaks;
}
