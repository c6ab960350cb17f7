/**
 * GitHub Actions workflow commands (`::error file=…,line=…,title=…::message`), the lines a
 * step prints to put an annotation on a pull request's files. Every part of such a line may
 * hold text from a pull request (a file name, a message quoting it): the runner reads a line
 * break as the end of the command and `,`/`:` in a property as the start of the next one, so
 * an unescaped name could end the annotation early and print a command of its own.
 * The escapes are the ones of GitHub's own toolkit (@actions/core, `command.ts`).
 * https://docs.github.com/actions/reference/workflows-and-actions/workflow-commands
 */

/** The message part, after `::`. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value (`file=…`, `title=…`): also `:` and `,`, which end a property. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export type AnnotationLevel = 'error' | 'warning' | 'notice';

export interface AnnotationProperties {
  file?: string;
  line?: number;
  title?: string;
}

/** One annotation line, every part escaped for where it goes. */
export function annotation(
  level: AnnotationLevel,
  properties: AnnotationProperties,
  message: string,
): string {
  const parts: string[] = [];
  if (properties.file !== undefined && properties.file !== '')
    parts.push(`file=${escapeProperty(properties.file)}`);
  if (properties.line !== undefined && Number.isInteger(properties.line))
    parts.push(`line=${properties.line}`);
  if (properties.title !== undefined && properties.title !== '')
    parts.push(`title=${escapeProperty(properties.title)}`);
  return `::${level}${parts.length > 0 ? ` ${parts.join(',')}` : ''}::${escapeData(message)}`;
}
