/**
 * Safety of an entry's body: nothing may run code when the site renders it.
 * Raw HTML is refused outright; links must be https or a file of the entry;
 * images must be the entry's own declared attachments.
 * (Front-matter dialects and YAML tags are refused by scripts/lib/entries.ts.)
 */
import { error, type Problem } from '../model/problems.ts';
import type { MarkdownFacts } from './markdown.ts';

export type UrlVerdict =
  | { ok: true; kind: 'https'; url: string }
  | { ok: true; kind: 'anchor' }
  | { ok: true; kind: 'local'; file: string }
  | { ok: false; message: string };

/** Browsers drop tabs and newlines inside URLs and trim control characters: so must the check. */
function browserView(raw: string): string {
  let out = '';
  for (const char of raw) {
    const code = char.codePointAt(0) ?? 0;
    if (code <= 0x20 || code === 0x7f) continue;
    out += char;
  }
  return out;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export function classifyUrl(raw: string): UrlVerdict {
  const url = browserView(raw);
  if (url === '') return { ok: false, message: 'Liên kết để trống.' };
  if (/^[/\\]{2}/.test(url)) {
    return {
      ok: false,
      message: `Liên kết "${raw}" không ghi giao thức (bắt đầu bằng //); hãy ghi đầy đủ https://.`,
    };
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  if (scheme !== undefined) {
    if (scheme !== 'https') {
      return {
        ok: false,
        message: `Liên kết dùng giao thức "${scheme}:" không được phép; chỉ dùng địa chỉ https://.`,
      };
    }
    try {
      new URL(url);
    } catch {
      return { ok: false, message: `Địa chỉ "${raw}" không hợp lệ.` };
    }
    return { ok: true, kind: 'https', url };
  }
  if (url.startsWith('#')) return { ok: true, kind: 'anchor' };
  const path = safeDecode(url.replace(/[?#].*$/, ''));
  if (/^[/\\]/.test(path) || /^[a-z]:/i.test(path)) {
    return {
      ok: false,
      message: `Liên kết "${raw}" là đường dẫn tuyệt đối; chỉ được liên kết tới tệp trong thư mục của sáng kiến.`,
    };
  }
  const segments = path.split(/[/\\]/);
  if (segments.includes('..')) {
    return {
      ok: false,
      message: `Liên kết "${raw}" ra khỏi thư mục của sáng kiến ("..").`,
    };
  }
  const rest = segments.filter((segment) => segment !== '.' && segment !== '');
  if (rest.length !== 1) {
    return {
      ok: false,
      message: `Liên kết "${raw}" trỏ vào thư mục con; tệp đính kèm phải nằm ngay cạnh index.md.`,
    };
  }
  return { ok: true, kind: 'local', file: rest[0] as string };
}

/**
 * A web address written bare ("www.x.vn/a", "http://x.vn"): the site's GFM makes it a link,
 * `http://` for "www.", and then drops a target that is not https, so the reader gets
 * link-styled text that leads nowhere. Outside code, where GFM makes no link.
 */
const BARE_ADDRESS = /(?:^|[\s*_~(])((?:https?:\/\/|www\.)[^\s<]*)/gi;

function bareAddressProblems(
  body: string,
  bodyStartLine: number,
  said: ReadonlySet<number>,
): Problem[] {
  const problems: Problem[] = [];
  let fence: string | undefined;
  body.split('\n').forEach((text, index) => {
    const line = index + bodyStartLine;
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(text)?.[1];
    if (marker && (!fence || marker.startsWith(fence))) {
      fence = fence ? undefined : marker;
      return;
    }
    if (fence || /^(?: {4}|\t)/.test(text) || said.has(line) || !/https?:|www\./i.test(text))
      return;
    const prose = text.replace(/`+[^`]*`+/g, ' ');
    for (const match of prose.matchAll(BARE_ADDRESS)) {
      const address = match[1] as string;
      const start = (match.index ?? 0) + match[0].length - address.length;
      // In "[text](…)" or "<…>" the address is a link's target, judged as such.
      if (prose.slice(Math.max(0, start - 2), start) === '](') continue;
      if (/^https:\/\//i.test(address)) continue;
      problems.push(
        error(
          'safety.url',
          `Địa chỉ "${address}" viết trần sẽ thành liên kết không mở được: chỉ dùng địa chỉ đầy đủ https://.`,
          { line },
        ),
      );
      return;
    }
  });
  return problems;
}

export function checkMarkdownSafety(
  facts: MarkdownFacts,
  bodyStartLine: number,
  attachments: ReadonlySet<string>,
  body?: string,
): Problem[] {
  const problems: Problem[] = [];
  const at = (line: number) => line + bodyStartLine - 1;
  const reported = new Set<string>();
  for (const html of facts.html) {
    const script = /<\s*\/?\s*script/i.test(html.value);
    // An inline element arrives as an opening and a closing node: one problem per line is enough.
    const key = `${script}:${html.line}`;
    if (reported.has(key)) continue;
    reported.add(key);
    problems.push(
      error(
        script ? 'safety.script' : 'safety.html',
        script
          ? 'Nội dung có thẻ <script>: không được chèn mã chạy được.'
          : `Nội dung có mã HTML (${html.value.trim().slice(0, 40)}): chỉ dùng định dạng Markdown.`,
        { line: at(html.line) },
      ),
    );
  }
  for (const reference of facts.references) {
    const verdict = classifyUrl(reference.url);
    const line = at(reference.line);
    if (!verdict.ok) {
      problems.push(error('safety.url', verdict.message, { line }));
      continue;
    }
    if (reference.kind === 'image') {
      if (verdict.kind !== 'local' || !attachments.has(verdict.file)) {
        problems.push(
          error(
            'safety.image',
            `Ảnh "${reference.url}" phải là tệp đính kèm đã khai báo trong mục "Tệp đính kèm".`,
            { line },
          ),
        );
      } else if (reference.url.replace(/^\.\//, '') !== verdict.file) {
        // The page shows an image only by its plain file name: with "?", "#" or "%61" it is blank.
        problems.push(
          error(
            'safety.image',
            `Ảnh "${reference.url}" phải ghi đúng tên tệp "${verdict.file}", không kèm "?", "#" hay mã "%": trang chỉ hiện ảnh ghi đúng tên.`,
            { line },
          ),
        );
      }
    } else if (verdict.kind === 'local' && !attachments.has(verdict.file)) {
      problems.push(
        error(
          'safety.local-link',
          `Liên kết tới "${verdict.file}" không phải tệp đính kèm đã khai báo.`,
          { line },
        ),
      );
    }
  }
  if (body !== undefined) {
    const said = new Set(
      problems
        .filter((problem) => problem.code === 'safety.url')
        .map((problem) => problem.line ?? 0),
    );
    problems.push(...bareAddressProblems(body, bodyStartLine, said));
  }
  return problems;
}
