/**
 * Decap's editorial board shows each card's Markdown body as it is written, so an
 * initiative's card opens with "## Thực trạng…". Decap has no setting for the card's
 * text: this turns it into plain words, the way the text reads on the page.
 */

const LIMIT = 220;

/** Markdown as plain text: no headings, marks, link targets or images; one line, cut at a word. */
export function plainSummary(markdown: string, limit = LIMIT): string {
  const text = markdown
    .split('\n')
    .filter((line) => !/^\s{0,3}(#{1,6}\s|#{1,6}$|[-*_]{3,}\s*$|\|?\s*:?-{3,})/.test(line))
    .join(' ')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[\^[^\]]*\]/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/(\*\*|__|\*|_|`|~~)(\S(?:.*?\S)?)\1/g, '$2')
    .replace(/^\s*(?:[-*+]|\d+[.)]|>)\s+/g, '')
    .replace(/\s(?:[-*+]|\d+[.)]|>)\s+/g, ' ')
    .replace(/\|/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (text.length <= limit) return text;
  const cut = text.slice(0, limit);
  const space = cut.lastIndexOf(' ');
  return `${(space > limit / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:–-]+$/, '')}…`;
}

/** Card bodies on the board: the text of a paragraph inside a card's link to the editor. */
const CARD_BODY = 'a[href*="ref=workflow"] p';

/** Keeps the board's card texts plain as Decap renders and re-renders them. */
export function plainWorkflowCards(root: Document = document): MutationObserver {
  const update = () => {
    for (const paragraph of root.querySelectorAll<HTMLElement>(CARD_BODY)) {
      const text = paragraph.textContent ?? '';
      if (paragraph.dataset.khoPlain === text) continue;
      const plain = plainSummary(text);
      paragraph.dataset.khoPlain = plain;
      if (plain !== text) paragraph.textContent = plain;
    }
  };
  const observer = new MutationObserver(update);
  observer.observe(root.body, { childList: true, subtree: true, characterData: true });
  update();
  return observer;
}
