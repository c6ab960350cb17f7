import { createHash } from 'node:crypto';
import type { APIRoute, GetStaticPaths } from 'astro';
import { attachmentBytes, viewAttachments } from '../../../lib/attachments.ts';
import { inShard, shardMode } from '../../../lib/shard.ts';
import { loadCatalog } from '../../../lib/site-data.ts';

/** Attachments are published beside their initiative's page: /sang-kien/<slug>/<file>. */
export const getStaticPaths = (async () => {
  const catalog = await loadCatalog();
  // Read once, not once per initiative.
  const shard = shardMode();
  return catalog.initiatives
    .filter((view) => inShard(view.data.campaign, shard, view.id))
    .flatMap((view) =>
      viewAttachments(view.filePath, view.data.attachments)
        .filter((attachment) => attachment.path)
        .map((attachment) => ({
          params: { slug: view.id, file: attachment.file },
          props: { path: attachment.path as string },
          // The file's own bytes: an attachment replaced under the same name is published again.
          cacheKey: createHash('sha256')
            .update(attachmentBytes(attachment.path as string))
            .digest('base64url'),
        })),
    );
}) satisfies GetStaticPaths;

// Read without following a link, even one put in place after getStaticPaths looked.
export const GET: APIRoute = ({ props }) =>
  new Response(new Uint8Array(attachmentBytes((props as { path: string }).path)));
