import { stringify } from 'yaml';
import { parseYamlSafely, withLineFeeds } from '../model/read.ts';

/**
 * The unit and scope-level lists are top-level YAML lists, which
 * Decap's file collections cannot address (every field needs a name, and the relation
 * widget's `list.*.field` paths need a key before the `*`). This format shows such a
 * file to Decap as `{ header, items }` and writes it back as the same list, keeping the
 * comment lines at the top of the file.
 */
export const yamlListFormat = {
  fromFile(content: string): { header: string; items: unknown[] } {
    const lines = content.split(/\r?\n/);
    const header: string[] = [];
    for (const line of lines) {
      if (!line.startsWith('#')) break;
      header.push(line.replace(/^# ?/, ''));
    }
    // The one reader: the admin sees the values the validator and the site see.
    const parsed = parseYamlSafely(withLineFeeds(content), 1).data;
    return { header: header.join('\n'), items: Array.isArray(parsed) ? parsed : [] };
  },
  toFile(data: { header?: string; items?: unknown[] }): string {
    const header = (data.header ?? '')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => `# ${line}`)
      .join('\n');
    const body = stringify(data.items ?? [], { lineWidth: 0 });
    return header ? `${header}\n\n${body}` : body;
  },
};
