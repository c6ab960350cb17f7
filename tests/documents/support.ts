import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Document, Packer } from 'docx';

export const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A throw-away repository root with the real units, scope levels, organisers and campaigns. */
export function makeRoot(): { root: string; cleanup: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'kho-docs-'));
  mkdirSync(join(root, 'content', 'initiatives'), { recursive: true });
  for (const path of [
    'content/units.yaml',
    'content/scope-levels.yaml',
    'content/organisers',
    'content/campaigns',
  ])
    cpSync(join(REPO, path), join(root, path), { recursive: true });
  return { root, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

export function packDocx(document: Document): Promise<Buffer> {
  return Packer.toBuffer(document);
}

/** A throw-away root holding a copy of the repository's whole content (samples, decision). */
export function makeContentRoot(): { root: string; cleanup: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'kho-docs-'));
  cpSync(join(REPO, 'content'), join(root, 'content'), { recursive: true });
  return { root, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** Runs one of the project's commands with the given folder as the working folder. */
export async function runScript(
  script: string,
  cwd: string,
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  const { execFile } = await import('node:child_process');
  return new Promise((done) => {
    execFile(
      process.execPath,
      [join(REPO, 'scripts', script), ...args],
      { cwd },
      (error, stdout, stderr) => {
        done({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}
