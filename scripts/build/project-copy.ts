/**
 * A throw-away copy of the site's project around another content tree, for
 * benchmarks and build tests. The CMS is left out (its cost does not depend on
 * the content); node_modules is linked, and Astro's cache is kept inside the
 * copy so that it never touches the project's own, one folder per address and shard as in the
 * project (astro.config.mjs), so that shards built side by side never share one.
 */
import { cpSync, existsSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const projectRoot = resolve(import.meta.dirname, '../..');

const withoutAdmin = (folder: string) => (source: string) =>
  !new RegExp(`[\\\\/]${folder}[\\\\/](pages[\\\\/])?admin([\\\\/]|$)`).test(source);

/** Copies the project (not its content) into `target`, which holds or will hold `content/`. */
export function copyProject(target: string): void {
  for (const file of ['tsconfig.json', 'package.json']) {
    cpSync(join(projectRoot, file), join(target, file));
  }
  cpSync(join(projectRoot, 'astro.config.mjs'), join(target, 'astro.config.project.mjs'));
  writeFileSync(
    join(target, 'astro.config.mjs'),
    [
      "import { basename } from 'node:path';",
      "import config from './astro.config.project.mjs';",
      '',
      "export default { ...config, cacheDir: './.astro-cache/' + basename(config.cacheDir ?? '') };",
      '',
    ].join('\n'),
  );
  cpSync(join(projectRoot, 'src'), join(target, 'src'), {
    recursive: true,
    filter: withoutAdmin('src'),
  });
  if (existsSync(join(projectRoot, 'public'))) {
    cpSync(join(projectRoot, 'public'), join(target, 'public'), {
      recursive: true,
      filter: withoutAdmin('public'),
    });
  }
  symlinkSync(join(projectRoot, 'node_modules'), join(target, 'node_modules'), 'dir');
}
