/**
 * What mammoth does not hand over, read straight from the .docx parts: the titles of
 * pictures (mammoth reads the picture drawn for old Word versions, which carries no
 * title), the comments, and how many tracked changes and text boxes the file holds, so
 * that the import can say what it did with them.
 */
import { posix } from 'node:path';
import yauzl from 'yauzl';

export interface PictureInfo {
  title: string;
  description: string;
  /**
   * The picture's own part inside the .docx ("word/media/image1.png"), so that a picture
   * left out can be named the way the person can find it; empty when the link is not found.
   */
  part: string;
}

export interface WordComment {
  author: string;
  text: string;
}

export interface DocxFacts {
  /** Pictures in the order Word shows them. */
  pictures: PictureInfo[];
  comments: WordComment[];
  /** Paragraphs of the page headers and footers, which mammoth does not read. */
  margins: string[];
  insertions: number;
  deletions: number;
  textBoxes: number;
}

const WANTED =
  /^word\/(?:(?:document|comments|header\d*|footer\d*)\.xml|_rels\/document\.xml\.rels)$/;

async function readParts(buffer: Buffer): Promise<Map<string, string>> {
  const parts = new Map<string, string>();
  const zip = await yauzl.fromBufferPromise(buffer, { lazyEntries: true });
  try {
    for await (const entry of zip.eachEntry()) {
      if (!WANTED.test(entry.fileName)) continue;
      const chunks: Buffer[] = [];
      for await (const chunk of await zip.openReadStreamPromise(entry))
        chunks.push(chunk as Buffer);
      parts.set(entry.fileName, Buffer.concat(chunks).toString('utf8'));
    }
  } finally {
    zip.close();
  }
  return parts;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (_, name: string) => {
    if (name[0] === '#')
      return String.fromCodePoint(
        name[1] === 'x' || name[1] === 'X'
          ? Number.parseInt(name.slice(2), 16)
          : Number(name.slice(1)),
      );
    return ENTITIES[name.toLowerCase()] ?? '';
  });
}

function attribute(tag: string, name: string): string {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return match?.[1] ? decodeXml(match[1]).trim() : '';
}

/** A part's XML without the copies drawn for old Word versions (mc:Fallback): each thing once. */
function withoutFallbacks(xml: string): string {
  return xml.replace(/<mc:Fallback\b[\s\S]*?<\/mc:Fallback>/g, '');
}

/** Relationship id → part path, from word/_rels/document.xml.rels (targets are relative to word/). */
function relationships(xml: string | undefined): Map<string, string> {
  const found = new Map<string, string>();
  for (const match of (xml ?? '').matchAll(/<Relationship\b[^>]*>/g)) {
    const id = attribute(match[0], 'Id');
    const target = attribute(match[0], 'Target');
    if (!id || !target || attribute(match[0], 'TargetMode') === 'External') continue;
    found.set(id, target.startsWith('/') ? target.slice(1) : posix.join('word', target));
  }
  return found;
}

function pictures(xml: string, links: Map<string, string>): PictureInfo[] {
  const found: PictureInfo[] = [];
  const partOf = (tag: string, name: string) => links.get(attribute(tag, name)) ?? '';
  // Modern drawings and old VML pictures, in document order: mammoth reads both kinds.
  for (const match of xml.matchAll(
    /<wp:(inline|anchor)\b[\s\S]*?<\/wp:\1>|<v:imagedata\b[^>]*>/g,
  )) {
    const drawing = match[0];
    if (drawing.startsWith('<v:imagedata')) {
      found.push({
        title: attribute(drawing, 'o:title'),
        description: '',
        part: partOf(drawing, 'r:id'),
      });
      continue;
    }
    const blip = /<a:blip\b[^>]*>/.exec(drawing)?.[0];
    if (!blip) continue;
    const docPr = /<wp:docPr\b[^>]*>/.exec(drawing)?.[0] ?? '';
    found.push({
      title: attribute(docPr, 'title'),
      description: attribute(docPr, 'descr'),
      part: partOf(blip, 'r:embed'),
    });
  }
  return found;
}

/** The text of a paragraph of WordprocessingML: runs joined, tabs and breaks as spaces. */
export function paragraphText(xml: string): string {
  let text = '';
  for (const match of xml.matchAll(
    /<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:(?:tab|br|cr)\b[^>]*\/>|<w:noBreakHyphen\b[^>]*\/>/g,
  )) {
    if (match[1] !== undefined) text += decodeXml(match[1]);
    else if (match[0].startsWith('<w:noBreakHyphen')) text += '-';
    else text += ' ';
  }
  return text;
}

function comments(xml: string | undefined): WordComment[] {
  if (!xml) return [];
  const found: WordComment[] = [];
  for (const match of xml.matchAll(/<w:comment\b([^>]*)>([\s\S]*?)<\/w:comment>/g)) {
    const paragraphs = [...(match[2] ?? '').matchAll(/<w:p\b[\s\S]*?<\/w:p>/g)]
      .map((paragraph) => paragraphText(paragraph[0]).trim())
      .filter(Boolean);
    const text = paragraphs.join(' ');
    if (text) found.push({ author: attribute(`<x${match[1] ?? ''}>`, 'w:author'), text });
  }
  return found;
}

function paragraphs(xml: string): string[] {
  return [...withoutFallbacks(xml).matchAll(/<w:p\b[\s\S]*?<\/w:p>/g)]
    .map((paragraph) => paragraphText(paragraph[0]).replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}

export async function readDocxFacts(buffer: Buffer): Promise<DocxFacts> {
  const parts = await readParts(buffer);
  const document = withoutFallbacks(parts.get('word/document.xml') ?? '');
  return {
    pictures: pictures(document, relationships(parts.get('word/_rels/document.xml.rels'))),
    comments: comments(parts.get('word/comments.xml')),
    margins: [
      ...new Set(
        [...parts.keys()]
          .filter((path) => /\/(?:header|footer)/.test(path))
          // Headers before footers, as on the page.
          .sort(
            (a, b) =>
              Number(a.includes('footer')) - Number(b.includes('footer')) || a.localeCompare(b),
          )
          .flatMap((path) => paragraphs(parts.get(path) ?? '')),
      ),
    ],
    insertions: (document.match(/<w:(?:ins|moveTo)\s[^>]*[^/]>/g) ?? []).length,
    deletions: (document.match(/<w:(?:del|moveFrom)\s[^>]*[^/]>/g) ?? []).length,
    textBoxes: (document.match(/<w:txbxContent\b/g) ?? []).length,
  };
}
