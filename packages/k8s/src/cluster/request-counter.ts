/** What a request does, for counting: reads (`list`, `watch`, `get`) are what informers save. */
export type RequestVerb = 'list' | 'watch' | 'get' | 'create' | 'update' | 'patch' | 'delete';

/** Requests sent so far, per verb (retries and re-authentications count as requests). */
export type RequestCounts = Readonly<Record<RequestVerb, number>>;

const verbs: readonly RequestVerb[] = ['list', 'watch', 'get', 'create', 'update', 'patch', 'delete'];

export interface RequestCounter {
  count(verb: RequestVerb): void;
  snapshot(): RequestCounts;
}

export function createRequestCounter(): RequestCounter {
  const counts = Object.fromEntries(verbs.map((verb) => [verb, 0])) as Record<RequestVerb, number>;
  return {
    count(verb) {
      counts[verb]++;
    },
    snapshot: () => ({ ...counts }),
  };
}

/** The HTTP method of a verb. */
export function methodOf(verb: RequestVerb): string {
  switch (verb) {
    case 'create':
      return 'POST';
    case 'update':
      return 'PUT';
    case 'patch':
      return 'PATCH';
    case 'delete':
      return 'DELETE';
    default:
      return 'GET';
  }
}
