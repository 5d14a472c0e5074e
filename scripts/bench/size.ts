/** How big each scenario runs: `full` for `npm run bench`, `tiny` for the smoke test that keeps the code alive. */

/** Sizes of the scenarios. */
export interface BenchSize {
  readonly name: 'full' | 'tiny';
  /** Runs per comparison (medians are taken over them). */
  readonly runs: number;
  /** Each overhead run: seconds of load, or a fixed number of requests when set. */
  readonly overheadSeconds: number;
  readonly overheadAmount?: number;
  readonly cardIterations: number;
  readonly slowUsers: number;
  readonly slowAmount: number;
  readonly entraUsers: number;
  readonly entraCommands: number;
  readonly rateBurst: number;
  /** Requests before the first and the second memory reading. */
  readonly memory: readonly [number, number];
}

export const FULL: BenchSize = {
  name: 'full',
  runs: 3,
  overheadSeconds: 1.5,
  cardIterations: 200,
  slowUsers: 200,
  slowAmount: 400,
  entraUsers: 50,
  entraCommands: 1000,
  rateBurst: 500,
  memory: [1000, 20000],
};

export const TINY: BenchSize = {
  name: 'tiny',
  runs: 1,
  overheadSeconds: 1,
  overheadAmount: 5,
  cardIterations: 3,
  slowUsers: 5,
  slowAmount: 10,
  entraUsers: 2,
  entraCommands: 6,
  rateBurst: 12,
  memory: [5, 15],
};
