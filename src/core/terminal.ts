/**
 * What a command prints comes partly from submitted files (titles, unit names, values quoted in
 * messages). A control character in them would reach the secretary's terminal as a command to
 * it: clear the screen, recolour or rewrite a line ("ĐÃ DUYỆT"), set the window title; a bidi
 * override would show a line's words in another order. Every command's output is therefore shown
 * with such characters written out (`\x1B`, `\u202E`), whichever message or library printed them.
 */
import { StringDecoder } from 'node:string_decoder';

/**
 * C0 controls but tab and line feed, DEL, C1 controls, and the bidi embeddings, overrides and
 * isolates; a carriage return too, since it lets a line overwrite the one before.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is written out.
const UNSAFE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/** `text` with every character a terminal would act on written out as an escape. */
export function terminalText(text: string): string {
  return text.replace(UNSAFE, (character) => {
    const code = character.codePointAt(0) as number;
    const hex = code.toString(16).toUpperCase();
    return code <= 0xff ? `\\x${hex.padStart(2, '0')}` : `\\u${hex.padStart(4, '0')}`;
  });
}

type Write = NodeJS.WriteStream['write'];

function guard(stream: NodeJS.WriteStream): void {
  const write = stream.write.bind(stream) as (chunk: string, ...rest: unknown[]) => boolean;
  // Bytes are decoded with what came before them, so a character split across writes survives.
  const decoder = new StringDecoder('utf8');
  const guarded = (chunk: unknown, ...rest: unknown[]): boolean => {
    if (typeof chunk === 'string') return write(terminalText(chunk), ...rest);
    if (chunk instanceof Uint8Array) {
      const encoding = typeof rest[0] === 'string' ? rest.slice(1) : rest;
      return write(terminalText(decoder.write(Buffer.from(chunk))), ...encoding);
    }
    return write(chunk as string, ...rest);
  };
  stream.write = guarded as Write;
}

let guarded = false;

/** From now on, everything this process writes to stdout and stderr goes through terminalText. */
export function guardTerminal(): void {
  if (guarded) return;
  guarded = true;
  guard(process.stdout);
  guard(process.stderr);
}
