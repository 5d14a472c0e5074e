/** Compares the shapes of two catalogues and walks their texts, for the language tests (test/i18n). */

/** One argument that every catalogue function accepts: a number (valueOf), a string (toString) and the facts of an error (softwareId, permission...). */
export const SAMPLE_ARGUMENT = {
  softwareId: 'contoso-_-app',
  permission: 'Software.Read',
  example: 'microsoft-_-edge',
  retryAfterSeconds: 120,
  valueOf: () => 3,
  toString: () => 'contoso-_-app',
};

/** Differences between the shape of `actual` and that of `expected`: missing or extra keys, types, arities. */
export function shapeProblems(expected: unknown, actual: unknown, path = ''): string[] {
  const where = path || '(root)';
  if (typeof expected !== typeof actual) return [`${where}: ${typeof actual} instead of ${typeof expected}`];
  if (typeof expected === 'function' && typeof actual === 'function') {
    return expected.length === actual.length
      ? []
      : [`${where}: takes ${actual.length} argument(s) instead of ${expected.length}`];
  }
  if (Array.isArray(expected) || Array.isArray(actual)) {
    if (!Array.isArray(expected) || !Array.isArray(actual)) return [`${where}: array and non-array`];
    const texts = [...expected, ...actual].every((v) => typeof v === 'string' && v !== '');
    return texts && actual.length > 0 ? [] : [`${where}: lists must hold non-empty strings`];
  }
  if (expected && actual && typeof expected === 'object' && typeof actual === 'object') {
    const e = expected as Record<string, unknown>;
    const a = actual as Record<string, unknown>;
    const missing = Object.keys(e)
      .filter((k) => !(k in a))
      .map((k) => `${path}.${k}: missing`);
    const extra = Object.keys(a)
      .filter((k) => !(k in e))
      .map((k) => `${path}.${k}: not in the English catalogue`);
    const inner = Object.keys(e)
      .filter((k) => k in a)
      .flatMap((k) => shapeProblems(e[k], a[k], `${path}.${k}`));
    return [...missing, ...extra, ...inner];
  }
  return [];
}

/** Every text of a catalogue (functions called with SAMPLE_ARGUMENT for each parameter), with its path. */
export function leaves(node: unknown, path = ''): { path: string; value: string }[] {
  if (typeof node === 'string') return [{ path, value: node }];
  if (typeof node === 'function') {
    const args = Array.from({ length: node.length }, () => SAMPLE_ARGUMENT);
    return [{ path, value: String((node as (...a: unknown[]) => unknown)(...args)) }];
  }
  if (Array.isArray(node)) return node.flatMap((v, i) => leaves(v, `${path}[${i}]`));
  if (node && typeof node === 'object') {
    return Object.entries(node).flatMap(([k, v]) => leaves(v, `${path}.${k}`));
  }
  return [];
}
