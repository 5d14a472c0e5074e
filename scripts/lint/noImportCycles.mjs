// @ts-check
/**
 * ESLint rule: no import cycle among the TypeScript files under a folder, type-only imports included
 * (`import type`, `export ... from`, `import()`), named in full in the report: a -> b -> c -> a.
 * The graph is read from disk once per lint run with TypeScript's own pre-processor, so the rule is
 * cheap and needs no type information.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** @type {Map<string, Map<string, string[]>>} root -> (file -> imported files), one per lint run */
const graphs = new Map();

/** The files a module imports, resolved to .ts files under the same root. */
function importsOf(file) {
  const info = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
  const out = [];
  for (const { fileName } of info.importedFiles) {
    if (!fileName.startsWith('.')) continue;
    const base = path.resolve(path.dirname(file), fileName.replace(/\.js$/, ''));
    for (const candidate of [`${base}.ts`, path.join(base, 'index.ts')]) {
      if (fs.existsSync(candidate)) {
        out.push(candidate);
        break;
      }
    }
  }
  return out;
}

function listTs(dir, out = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) listTs(full, out);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

function graphOf(root) {
  let graph = graphs.get(root);
  if (!graph) {
    graph = new Map(listTs(root).map((file) => [file, importsOf(file)]));
    graphs.set(root, graph);
  }
  return graph;
}

/** The shortest path of imports from `file` back to itself, or undefined. */
export function cycleThrough(graph, file) {
  const previous = new Map();
  const queue = [...(graph.get(file) ?? [])];
  for (const next of queue) previous.set(next, file);
  while (queue.length > 0) {
    const current = /** @type {string} */ (queue.shift());
    if (current === file) {
      const between = [];
      for (let at = previous.get(file); at !== file; at = previous.get(at)) between.unshift(at);
      return [file, ...between, file];
    }
    for (const next of graph.get(current) ?? []) {
      if (!previous.has(next)) {
        previous.set(next, current);
        queue.push(next);
      }
    }
  }
  return undefined;
}

/** @type {import('eslint').Rule.RuleModule} */
export const noImportCycles = {
  meta: {
    type: 'problem',
    docs: { description: 'Disallow import cycles (type-only imports included) under a folder' },
    schema: [{ type: 'object', properties: { root: { type: 'string' } }, additionalProperties: false }],
    messages: { cycle: 'Import cycle: {{cycle}}' },
  },
  create(context) {
    const root = path.resolve(context.cwd, context.options[0]?.root ?? 'src');
    const file = path.resolve(context.filename);
    if (!file.startsWith(root + path.sep)) return {};
    return {
      'Program:exit'(program) {
        const graph = graphOf(root);
        const cycle = cycleThrough(graph, file);
        if (!cycle) return;
        const name = (f) => path.relative(root, f);
        context.report({ node: program, messageId: 'cycle', data: { cycle: cycle.map(name).join(' -> ') } });
      },
    };
  },
};

/** The plugin as eslint.config.mjs loads it. */
export default { rules: { 'no-import-cycles': noImportCycles } };
