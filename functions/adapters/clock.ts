/** The clock port: core code asks it for "now" so tests and simulations can move time. */
export interface Clock {
  /** Current instant as an ISO-8601 UTC string. */
  now(): string;
}

export const systemClock: Clock = { now: () => new Date().toISOString() };
