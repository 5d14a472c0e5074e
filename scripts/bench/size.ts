/** How big each scenario runs: `full` for `npm run bench`, `tiny` for the smoke test that keeps the code alive. */

/** The soak: commands sent over conversations and users, a reading every `every` commands (and one at `first`). */
export interface SoakSize {
  readonly commands: number;
  readonly conversations: number;
  readonly users: number;
  readonly tenants: number;
  readonly concurrency: number;
  readonly first: number;
  readonly every: number;
}

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
  readonly soak: SoakSize;
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
  soak: {
    commands: 200_000,
    conversations: 50_000,
    users: 5_000,
    tenants: 500,
    concurrency: 20,
    first: 1000,
    every: 10_000,
  },
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
  soak: { commands: 40, conversations: 20, users: 10, tenants: 4, concurrency: 4, first: 10, every: 20 },
};

/** `size` with soak sizes from `--commands N --conversations N --users N --tenants N --concurrency N --every N --first N`. */
export function withSoakFlags(size: BenchSize, args: readonly string[]): BenchSize {
  const soak: Record<string, number> = { ...size.soak };
  for (let i = 0; i < args.length; i++) {
    const key = args[i].startsWith('--') ? args[i].slice(2) : undefined;
    if (key === undefined) continue;
    const value = Number(args[++i]);
    if (!(key in soak) || !Number.isInteger(value) || value <= 0)
      throw new Error(`bad soak flag ${args[i - 1]} ${args[i]}`);
    soak[key] = value;
  }
  return { ...size, soak: soak as unknown as SoakSize };
}
