// Asks on a terminal; with no terminal, goes on only when CHAOSGARDEN_YES=1 says so.
import { createInterface } from 'node:readline/promises';

export async function confirm(question: string): Promise<boolean> {
  if (process.env.CHAOSGARDEN_YES === '1') return true;
  if (!process.stdin.isTTY) {
    throw new Error(`${question} No terminal to ask on: set CHAOSGARDEN_YES=1 to go ahead.`);
  }
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  const answer = await prompt.question(`${question} [y/N] `);
  prompt.close();
  return /^y(es)?$/i.test(answer.trim());
}
