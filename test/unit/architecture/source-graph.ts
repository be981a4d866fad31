// The import graph of src/, read with TypeScript's own parser and module resolution (no build).
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export const root = path.resolve(__dirname, '../../..');
const srcDir = path.join(root, 'src');

export function sourceFiles(dir = srcDir): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sourceFiles(p));
    else if (/\.(ts|tsx)$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

export const rel = (file: string): string => path.relative(root, file).split(path.sep).join('/');

export interface ImportEdge {
  from: string;
  specifier: string;
  /** Resolved file inside the repository (relative), or null for packages and Node built-ins. */
  to: string | null;
}

const options: ts.CompilerOptions = { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, allowJs: false, resolveJsonModule: true };
const host = ts.createCompilerHost(options);

export function importsOf(file: string): ImportEdge[] {
  const text = fs.readFileSync(file, 'utf8');
  const info = ts.preProcessFile(text, true, true);
  return info.importedFiles.map(({ fileName }) => {
    const r = ts.resolveModuleName(fileName, file, options, host).resolvedModule;
    const inside = r && !r.isExternalLibraryImport && r.resolvedFileName.startsWith(root) && !r.resolvedFileName.includes('node_modules');
    return { from: rel(file), specifier: fileName, to: inside ? rel(r.resolvedFileName) : null };
  });
}

export function graph(): Map<string, ImportEdge[]> {
  const g = new Map<string, ImportEdge[]>();
  for (const f of sourceFiles()) g.set(rel(f), importsOf(f));
  return g;
}

/** Strongly connected components with more than one file (or a file importing itself): the cycles. */
export function cycles(g: Map<string, ImportEdge[]>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const strong = (v: string): void => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const e of g.get(v) ?? []) {
      const w = e.to;
      if (!w || !g.has(w)) continue;
      if (!idx.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1 || (g.get(v) ?? []).some((e) => e.to === v)) out.push(comp.sort());
    }
  };
  for (const v of g.keys()) if (!idx.has(v)) strong(v);
  return out;
}
