/** AWS caps the values of one filter; id lists are asked for in chunks of this size. */
const valuesPerFilter = 100;

/** `ids` in consecutive chunks that each fit into one filter's values. */
export function filterChunks(ids: readonly string[]): string[][] {
  const chunks: string[][] = [];
  for (let start = 0; start < ids.length; start += valuesPerFilter) {
    chunks.push(ids.slice(start, start + valuesPerFilter));
  }
  return chunks;
}
