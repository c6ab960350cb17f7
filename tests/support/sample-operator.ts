/**
 * The sample content's site operator, read straight from its organiser file (not through the
 * code under test): the organiser of content/organisers/ that says `operatesSite: true`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const folder = fileURLToPath(new URL('../../content/organisers/', import.meta.url));

interface OrganiserFile {
  name: string;
  mark?: string;
  operatesSite?: boolean;
  contact: { office: string; address: string; phone: string; email: string; website?: string };
}

function read(): OrganiserFile & { id: string } {
  const marked = readdirSync(folder)
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => ({
      id: name.slice(0, -'.yaml'.length),
      ...(parse(readFileSync(join(folder, name), 'utf8')) as OrganiserFile),
    }))
    .filter((organiser) => organiser.operatesSite === true);
  if (marked.length !== 1) throw new Error(`${marked.length} sample organisers run the site`);
  return marked[0] as OrganiserFile & { id: string };
}

const organiser = read();

export const sampleOperator = {
  id: organiser.id,
  name: organiser.name,
  mark: organiser.mark ?? 'agency-mark.svg',
  ...organiser.contact,
};
