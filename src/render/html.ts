/**
 * HTML as text, for markup that the site (Astro, `set:html`) and the admin's preview
 * (React, `dangerouslySetInnerHTML`) both show. Every text and attribute value is
 * escaped here, so no caller passes user text through unescaped.
 */

/** Markup already escaped; anything else given as a child is text. */
export class Html {
  readonly value: string;
  constructor(value: string) {
    this.value = value;
  }
  toString(): string {
    return this.value;
  }
}

export type Child = Html | string | number | false | null | undefined | readonly Child[];
export type Attributes = Record<string, string | number | boolean | undefined>;

const TEXT = /[&<>"']/g;
const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(TEXT, (char) => ENTITIES[char] as string);
}

/** Attributes as written in HTML: `true` is a bare attribute, `false` and undefined none. */
export function attributesHtml(attributes: Attributes): string {
  return Object.entries(attributes)
    .filter(([, value]) => value !== undefined && value !== false)
    .map(([name, value]) =>
      value === true ? ` ${name}` : ` ${name}="${escapeHtml(String(value))}"`,
    )
    .join('');
}

export function childrenHtml(children: readonly Child[]): string {
  return children
    .map((child): string => {
      if (child === undefined || child === null || child === false) return '';
      if (child instanceof Html) return child.value;
      if (Array.isArray(child)) return childrenHtml(child);
      return escapeHtml(String(child));
    })
    .join('');
}

/** One element: `h('a', { href }, 'text')`. */
export function h(tag: string, attributes: Attributes, ...children: Child[]): Html {
  return new Html(`<${tag}${attributesHtml(attributes)}>${childrenHtml(children)}</${tag}>`);
}

/**
 * A top-level element of a page part, kept apart from its content so that React can
 * make the element itself (`.kho-initiative > header` must match in the preview too)
 * and fill it with the same inner markup.
 */
export interface Block {
  tag: string;
  attributes: Attributes;
  inner: Html;
}

export function block(tag: string, attributes: Attributes, ...children: Child[]): Block {
  return { tag, attributes, inner: new Html(childrenHtml(children)) };
}

export function blockHtml(blocks: readonly Block[]): string {
  return blocks
    .map(
      ({ tag, attributes, inner }) =>
        `<${tag}${attributesHtml(attributes)}>${inner.value}</${tag}>`,
    )
    .join('');
}
