import { readFile } from 'node:fs/promises';
import type { APIRoute, GetStaticPaths } from 'astro';
import { viewAttachments } from '../../../lib/attachments.ts';
import { loadCatalog } from '../../../lib/site-data.ts';

/** Attachments are published beside their initiative's page: /sang-kien/<slug>/<file>. */
export const getStaticPaths = (async () => {
  const catalog = await loadCatalog();
  return catalog.initiatives.flatMap((view) =>
    viewAttachments(view.filePath, view.data.attachments)
      .filter((attachment) => attachment.path)
      .map((attachment) => ({
        params: { slug: view.id, file: attachment.file },
        props: { path: attachment.path as string },
      })),
  );
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ props }) => {
  const body = await readFile((props as { path: string }).path);
  return new Response(body);
};
