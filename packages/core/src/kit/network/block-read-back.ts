import type { Target } from '../../provider/v1/results';

/** A planned target that the read-back after blocking did not find cut off. */
export interface MissedTarget {
  /** `subnet-1`. */
  id: string;
  /** For the warning: `subnet-1 (VPC vpc-1)`. */
  label: string;
  /** Why, in words: `it is associated with acl-2, not with blocking network access control list acl-9`. */
  why: string;
  /** The failure of the call that was to cut it off, if one failed: a cause of `PartialSimulationError`. */
  failure?: unknown;
}

/** What the cloud shows after blocking, compared with the plan. */
export interface BlockReadBack {
  /** How many targets were planned. */
  planned: number;
  /** Planned targets found cut off by this run's artefacts. */
  blocked: Target[];
  missed: MissedTarget[];
}
