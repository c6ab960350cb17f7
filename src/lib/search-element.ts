/**
 * `<kho-search>`: a plain GET form that Pagefind answers in the browser.
 * Pagefind's script and index are fetched on first use only (focus, typing
 * or a query in the address), so other pages carry no search code at all.
 */
interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: Record<string, string>;
}
interface Pagefind {
  options(options: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  mergeIndex(indexPath: string, options?: Record<string, unknown>): Promise<void>;
  filters(): Promise<Record<string, Record<string, number>>>;
  search(
    query: string | null,
    options?: { filters?: Record<string, string> },
  ): Promise<{ results: { id: string; data(): Promise<PagefindResultData> }[] }>;
}

// Each result fetches its own fragment (~3 kB): a short first page keeps the first search light.
const PAGE_SIZE = 5;
const filterLabels: Record<string, string> = {
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

class KhoSearch extends HTMLElement {
  #pagefind: Promise<Pagefind> | undefined;
  #results: { data(): Promise<PagefindResultData> }[] = [];
  #shown = 0;

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
    this.querySelector('.kho-more')?.addEventListener('click', () => void this.renderMore());
    if (params.get('q')) {
      input.value = params.get('q') ?? '';
      void this.run(form, false, params);
    }
  }

  load(): Promise<Pagefind> {
    this.#pagefind ??= (async () => {
      const base = this.dataset.base ?? '/';
      const [module, parts] = await Promise.all([
        import(/* @vite-ignore */ `${base}pagefind/pagefind.js`) as Promise<Pagefind>,
        indexParts(base),
      ]);
      // In the main thread: the worker would cost another download for a few pages of index.
      await module.options({ baseUrl: base, noWorker: true });
      await module.init();
      for (const part of parts) await module.mergeIndex(`${base}${part}`, { baseUrl: base });
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
    holder.hidden = false;
  }

  async run(form: HTMLFormElement, remember: boolean, params?: URLSearchParams): Promise<void> {
    const status = this.querySelector<HTMLElement>('.kho-search-status');
    if (status) status.textContent = 'Đang tìm…';
    const pagefind = await this.load();
    const data = new FormData(form);
    const query = String(data.get('q') ?? '').trim();
    const filters: Record<string, string> = {};
    for (const [key, value] of data) {
      if (key !== 'q' && value) filters[key] = String(value);
    }
    if (params) {
      for (const key of Object.keys(filterLabels)) {
        const value = params.get(key);
        if (value) filters[key] = value;
      }
    }
    if (remember) {
      const search = new URLSearchParams({ q: query, ...filters }).toString();
      history.replaceState(null, '', `?${search}`);
    }
    const found = await pagefind.search(query || null, { filters });
    this.#results = found.results;
    this.#shown = 0;
    const list = this.querySelector('.kho-search-results');
    if (list) list.replaceChildren();
    if (status) {
      status.textContent =
        found.results.length === 0
          ? `Không tìm thấy sáng kiến nào cho “${query}”.`
          : `Tìm thấy ${found.results.length} sáng kiến.`;
    }
    await this.renderMore();
  }

  async renderMore(): Promise<void> {
    const list = this.querySelector('.kho-search-results');
    const more = this.querySelector<HTMLButtonElement>('.kho-more');
    if (!list) return;
    const next = this.#results.slice(this.#shown, this.#shown + PAGE_SIZE);
    this.#shown += next.length;
    for (const data of await Promise.all(next.map((result) => result.data()))) {
      const item = document.createElement('li');
      item.className = 'kho-card';
      const heading = document.createElement('h2');
      const link = document.createElement('a');
      link.href = data.url;
      link.textContent = data.meta.title ?? data.url;
      heading.append(link);
      const summary = document.createElement('p');
      summary.textContent = data.meta.summary ?? '';
      item.append(heading, summary);
      list.append(item);
    }
    if (more) more.hidden = this.#shown >= this.#results.length;
  }
}

export function enhanceSearch(): void {
  if (!customElements.get('kho-search')) customElements.define('kho-search', KhoSearch);
}
