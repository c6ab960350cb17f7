/**
 * The open data: documents of the whole archive, one path each. One route with a parameter
 * rather than a file per document, so that only a build of the shared pages writes them
 * (src/lib/shard.ts): Astro renders a route without parameters in every build, and each shard of
 * a large archive would serialise all of its initiatives again, only for the merge to keep one.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { initiativeNames } from '../../lib/initiative-names.ts';
import { columns, csvPieces, openDataJsonPieces } from '../../lib/opendata.ts';
import { openDataJsonSchema } from '../../lib/opendata-schema.ts';
import { routes } from '../../lib/paths.ts';
import { sharedPaths } from '../../lib/shard.ts';
import { loadCatalog } from '../../lib/site-data.ts';
import { textStream } from '../../lib/text-stream.ts';

const json = (body: unknown, type = 'application/json', indent?: number): Response =>
  new Response(JSON.stringify(body, null, indent), {
    headers: { 'Content-Type': `${type}; charset=utf-8` },
  });

/** A document of the whole archive, streamed (src/lib/text-stream.ts). */
const streamed = (pieces: Iterable<string>, type: string): Response =>
  new Response(textStream(pieces), { headers: { 'Content-Type': `${type}; charset=utf-8` } });

const datasets: Record<string, (site: URL | undefined) => Promise<Response> | Response> = {
  'initiatives.json': async (site) =>
    streamed(
      openDataJsonPieces(await loadCatalog(), {
        absoluteUrl: (path) => new URL(path, site).href,
        initiative: routes.initiative,
        schema: routes.dataSchema(),
        page: routes.data(),
      }),
      'application/json',
    ),
  'initiatives.csv': async (site) =>
    streamed(
      csvPieces(
        (await loadCatalog()).initiatives,
        columns(routes.initiative),
        (path) => new URL(path, site).href,
      ),
      'text/csv',
    ),
  // Titles and adopters by id, read by the admin at run time (src/lib/initiative-names.ts).
  'initiative-names.json': async () => json(initiativeNames(await loadCatalog())),
  // The JSON Schema of initiatives.json, generated from the zod schema of the open data.
  'initiatives.schema.json': (site) =>
    json(openDataJsonSchema(new URL(routes.dataSchema(), site).href), 'application/schema+json', 2),
};

export const getStaticPaths = (() =>
  sharedPaths(() =>
    Object.keys(datasets).map((dataset) => ({ params: { dataset } })),
  )) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params, site }) => {
  const dataset = datasets[params.dataset ?? ''];
  return dataset ? dataset(site) : new Response(null, { status: 404 });
};
