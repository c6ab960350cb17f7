/**
 * `<kho-search>`: a plain GET form that Pagefind answers in the browser.
 * Pagefind's script and index are fetched on first use only (focus, typing, a filter or a query
 * in the address), so other pages carry no search code at all. The query and what Pagefind
 * returns go through src/lib/search-text.ts: the index writes `đ` as `d` + U+0335.
 */
import {
  findPages,
  type Pagefind,
  type PagefindResult,
  type PagefindResultData,
  RANKING,
} from './pagefind-search.ts';
import { fullTextFirst, quickEngine, quickIndexAt } from './quick-engine.ts';
import type { QuickIndex } from './quick-search.ts';
import { unstrokeD } from './search-text.ts';

// Each result fetches its own fragment (~3 kB): a short first page keeps the first search light.
const PAGE_SIZE = 5;
/** In the address when the reader asked for the full text (`?q=…&toan-van=1`). */
const FULL_TEXT = 'toan-van';
const filterLabels: Record<string, string> = {
  organiser: 'Cơ quan tổ chức',
  campaign: 'Năm',
  area: 'Nội dung cải cách',
  field: 'Lĩnh vực áp dụng',
  unit: 'Đơn vị',
};
/**
 * A large site's index is built in parts (scripts/build/search-index.ts): the bundles to merge
 * with `pagefind/`, relative to the site's base.
 */
async function indexParts(base: string): Promise<string[]> {
  const response = await fetch(`${base}pagefind/kho-parts.json`);
  if (!response.ok) return [];
  const parts: unknown = await response.json();
  return Array.isArray(parts) ? parts.filter((part) => typeof part === 'string') : [];
}

/**
 * Pagefind's excerpt is page text with `<mark>` around the matched words. Only that survives
 * here: the excerpt is parsed in an inert document and rebuilt from its text and marks, so
 * nothing from a page's text can become markup on the search page.
 */
export function excerptNodes(excerpt: string): Node[] {
  const parsed = new DOMParser().parseFromString(`<p>${excerpt}</p>`, 'text/html');
  const nodes: Node[] = [];
  for (const child of parsed.body.firstElementChild?.childNodes ?? []) {
    const text = unstrokeD(child.textContent ?? '');
    if (child.nodeName === 'MARK') {
      const mark = document.createElement('mark');
      mark.textContent = text;
      nodes.push(mark);
    } else {
      nodes.push(document.createTextNode(text));
    }
  }
  return nodes;
}

class KhoSearch extends HTMLElement {
  #pagefind: Promise<Pagefind> | undefined;
  #results: PagefindResult[] = [];
  #shown = 0;
  /** Bumped by each search, so that a slower earlier search cannot overwrite a later one. */
  #generation = 0;
  #paging: Promise<void> = Promise.resolve();
  #quick: QuickIndex | undefined;
  /**
   * A large archive is searched first in titles, summaries, keywords, units and fields (the
   * quick index); the full text (Pagefind) is loaded when the reader asks for it.
   */
  #fullText = false;

  connectedCallback(): void {
    const form = this.querySelector('form');
    const input = this.querySelector<HTMLInputElement>('input[name=q]');
    if (!form || !input) return;
    const params = new URLSearchParams(location.search);
    input.addEventListener('focus', () => void this.load(), { once: true });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.run(form, true);
    });
    // A filter applies as soon as it is chosen (the filters exist only once Pagefind is loaded).
    form.addEventListener('change', (event) => {
      if (event.target instanceof HTMLSelectElement) void this.run(form, true);
    });
    // One page at a time: a second press while the first page loads waits for it.
    this.querySelector('.kho-more')?.addEventListener('click', () => {
      this.#paging = this.#paging
        .then(() => this.renderMore(true))
        .catch((error: unknown) => console.error(error));
    });
    this.querySelector('.kho-fulltext')?.addEventListener('click', () => {
      this.#fullText = true;
      this.#pagefind = undefined;
      void this.run(form, true);
    });
    if (params.get(FULL_TEXT)) this.#fullText = true;
    if (params.get('q') || Object.keys(filterLabels).some((key) => params.get(key))) {
      input.value = params.get('q') ?? '';
      void this.run(form, false);
    }
  }

  load(): Promise<Pagefind> {
    this.#pagefind ??= (async () => {
      const base = this.dataset.base ?? '/';
      this.#quick ??= quickIndexAt(base);
      if (!this.#fullText && !(await fullTextFirst(this.#quick))) {
        const engine = quickEngine(this.#quick, base);
        await this.renderFilters(engine);
        return engine;
      }
      this.#fullText = true;
      const [module, parts] = await Promise.all([
        import(/* @vite-ignore */ `${base}pagefind/pagefind.js`) as Promise<Pagefind>,
        indexParts(base),
      ]);
      // In the main thread: the worker would cost another download for a few pages of index.
      await module.options({ baseUrl: base, noWorker: true, ranking: RANKING });
      await module.init();
      for (const part of parts) {
        await module.mergeIndex(`${base}${part}`, { baseUrl: base, ranking: RANKING });
      }
      await this.renderFilters(module);
      return module;
    })();
    return this.#pagefind;
  }

  async renderFilters(pagefind: Pagefind): Promise<void> {
    const holder = this.querySelector<HTMLElement>('.kho-search-filters');
    if (!holder) return;
    const filters = await pagefind.filters();
    const params = new URLSearchParams(location.search);
    // Drawn again when the reader switches to the full text: its filters come from Pagefind.
    holder.replaceChildren();
    const collator = new Intl.Collator('vi');
    for (const [key, values] of Object.entries(filters)) {
      const id = `tim-${key}`;
      const wrapper = document.createElement('div');
      const label = document.createElement('label');
      label.htmlFor = id;
      label.textContent = filterLabels[key] ?? key;
      const select = document.createElement('select');
      select.id = id;
      select.name = key;
      select.append(new Option('Tất cả', ''));
      for (const value of Object.keys(values).sort(collator.compare)) {
        select.append(
          new Option(`${value} (${values[value]})`, value, false, params.get(key) === value),
        );
      }
      wrapper.append(label, select);
      holder.append(wrapper);
    }
    const hint = document.createElement('p');
    hint.className = 'kho-muted kho-search-hint';
    hint.textContent = 'Chọn điều kiện lọc: kết quả thay đổi ngay.';
    holder.prepend(hint);
    holder.hidden = false;
  }

  async run(form: HTMLFormElement, remember: boolean): Promise<void> {
    const generation = ++this.#generation;
    const status = this.querySelector<HTMLElement>('.kho-search-status');
    if (status) status.textContent = 'Đang tìm…';
    const pagefind = await this.load();
    // The filters are drawn by load(): read the form only now, with the address's choices in it.
    const data = new FormData(form);
    const typed = String(data.get('q') ?? '')
      .replace(/\s+/g, ' ')
      .trim();
    const filters: Record<string, string> = {};
    for (const [key, value] of data) {
      if (key !== 'q' && value) filters[key] = String(value);
    }
    if (remember) {
      const search = new URLSearchParams({
        q: typed,
        ...filters,
        ...(this.#fullText ? { [FULL_TEXT]: '1' } : {}),
      }).toString();
      history.replaceState(null, '', `?${search}`);
    }
    const list = this.querySelector('.kho-search-results');
    const more = this.querySelector<HTMLButtonElement>('.kho-more');
    if (!typed && Object.keys(filters).length === 0) {
      if (generation !== this.#generation) return;
      this.#results = [];
      this.#shown = 0;
      list?.replaceChildren();
      if (more) more.hidden = true;
      if (status) status.textContent = 'Hãy nhập từ khóa hoặc chọn một điều kiện lọc.';
      return;
    }
    const results = await findPages(pagefind, typed, filters);
    if (generation !== this.#generation) return;
    const fullTextButton = this.querySelector<HTMLElement>('.kho-fulltext');
    if (fullTextButton) fullTextButton.hidden = this.#fullText || !typed;
    this.#results = results;
    this.#shown = 0;
    list?.replaceChildren();
    // The status line speaks (a live region) only once the first results are on the page, so
    // that a screen reader, or a script, that reads on "Tìm thấy" finds them there.
    await this.renderMore(false);
    if (generation !== this.#generation) return;
    if (status) {
      status.textContent =
        results.length === 0
          ? typed
            ? `Không tìm thấy sáng kiến nào cho “${typed}”.`
            : 'Không có sáng kiến nào khớp với các điều kiện đã chọn.'
          : `Tìm thấy ${results.length} sáng kiến${this.#fullText ? '' : ' (theo tên, tóm tắt, từ khóa, đơn vị, lĩnh vực)'}.`;
    }
  }

  /**
   * Shows the next page of results. After "Xem thêm kết quả" the focus goes to the first new
   * result (the button moves below them, or disappears after the last page) and the status line
   * says what was added.
   */
  async renderMore(fromButton: boolean): Promise<void> {
    const list = this.querySelector('.kho-search-results');
    const more = this.querySelector<HTMLButtonElement>('.kho-more');
    const status = this.querySelector<HTMLElement>('.kho-search-status');
    if (!list) return;
    const generation = this.#generation;
    const start = this.#shown;
    const next = this.#results.slice(start, start + PAGE_SIZE);
    const found = await Promise.all(next.map((result) => result.data()));
    if (generation !== this.#generation) return;
    this.#shown = start + found.length;
    const links: HTMLAnchorElement[] = [];
    for (const data of found) {
      const item = this.resultItem(data);
      links.push(item.link);
      list.append(item.element);
    }
    const total = this.#results.length;
    if (fromButton && links[0]) {
      links[0].focus();
      if (status) {
        status.textContent = `Đã hiện thêm ${found.length} kết quả (${start + 1}–${this.#shown} trong ${total}).${this.#shown >= total ? ' Đã hết kết quả.' : ''}`;
      }
    }
    if (more) more.hidden = this.#shown >= total;
  }

  resultItem(data: PagefindResultData): { element: HTMLLIElement; link: HTMLAnchorElement } {
    const item = document.createElement('li');
    item.className = 'kho-card kho-search-result';
    const heading = document.createElement('h2');
    const link = document.createElement('a');
    link.href = data.url;
    link.textContent = unstrokeD(data.meta.title ?? data.url);
    heading.append(link);
    item.append(heading);
    const facts = [
      data.meta.unit,
      data.meta.year && `Năm ${data.meta.year}`,
      data.meta.status,
    ].filter((fact): fact is string => Boolean(fact));
    if (facts.length > 0) {
      const line = document.createElement('p');
      line.className = 'kho-muted kho-search-facts';
      line.textContent = unstrokeD(facts.join(' · '));
      item.append(line);
    }
    const excerpt = document.createElement('p');
    excerpt.className = 'kho-search-excerpt';
    excerpt.append(...excerptNodes(data.excerpt || (data.meta.summary ?? '')));
    item.append(excerpt);
    return { element: item, link };
  }
}

export function enhanceSearch(): void {
  if (!customElements.get('kho-search')) customElements.define('kho-search', KhoSearch);
}
