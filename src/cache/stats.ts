/**
 * Sizes of the bounded in-memory structures, for the soak bench (scripts/bench/soak.ts) only: it turns
 * recording on in its own bot process and reads the sizes there. Off by default, so production
 * records nothing, holds no reference and serves no endpoint.
 */

/** How full one structure is against its stated bound (undefined: bounded by the work in flight). */
export interface StructureStats {
  readonly size: number;
  readonly bound?: number;
}

/** A structure that can tell its size. */
export interface Measured {
  stats(): StructureStats;
}

let recorded: Map<string, WeakRef<Measured>[]> | undefined;

/** Records the structures built from now on (the soak bench's bot process; production never calls it). */
export function recordStructures(): void {
  recorded ??= new Map();
}

/** Records `structure` under `name` while recording is on; returns it. A no-op otherwise. */
export function track<T extends Measured>(name: string, structure: T): T {
  if (!recorded) return structure;
  // Structures collected since are dropped, so the record stays as small as what is alive.
  const list = (recorded.get(name) ?? []).filter((ref) => ref.deref());
  list.push(new WeakRef(structure));
  recorded.set(name, list);
  return structure;
}

/** Per name, the live recorded structures' sizes and bounds added up. */
export function structureStats(): Record<string, StructureStats> {
  const out: Record<string, StructureStats> = {};
  for (const [name, refs] of recorded ?? []) {
    const live = refs.flatMap((ref) => ref.deref()?.stats() ?? []);
    const size = live.reduce((sum, s) => sum + s.size, 0);
    const bounded = live.every((s) => s.bound !== undefined);
    out[name] = { size, bound: bounded ? live.reduce((sum, s) => sum + (s.bound ?? 0), 0) : undefined };
  }
  return out;
}
