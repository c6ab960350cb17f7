import type { APIRoute } from 'astro';
import { openDataJsonSchema } from '../../lib/opendata-schema.ts';
import { routes } from '../../lib/paths.ts';

/** The JSON Schema of initiatives.json, generated from the zod schema of the open data. */
export const GET: APIRoute = ({ site }) =>
  new Response(
    JSON.stringify(openDataJsonSchema(new URL(routes.dataSchema(), site).href), null, 2),
    { headers: { 'Content-Type': 'application/schema+json; charset=utf-8' } },
  );
