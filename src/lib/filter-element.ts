/**
 * `<kho-filter>`: the list already filters without JavaScript (radio buttons
 * and CSS). This element adds what CSS cannot: the choice kept in the address
 * (shareable), items physically reordered (so reading order follows the sort),
 * a spoken count of the results and, on each closed group, the option chosen.
 */
const SORT = 'sap-xep';

function matches(item: HTMLElement, chosen: Map<string, string>): boolean {
  for (const [key, value] of chosen) {
    if (!value || key === SORT) continue;
    const values = (item.dataset[key] ?? '').split(' ');
    if (!values.includes(value)) return false;
  }
  return true;
}

class KhoFilter extends HTMLElement {
  connectedCallback(): void {
    const form = this.querySelector('form');
    const list = this.querySelector<HTMLOListElement>('.kho-results');
    if (!form || !list) return;
    this.dataset.enhanced = '';
    const params = new URLSearchParams(location.search);
    for (const [key, value] of params) {
      const input = form.querySelector<HTMLInputElement>(
        `input[type=radio][name="${CSS.escape(key)}"][value="${CSS.escape(value)}"]`,
      );
      if (input) input.checked = true;
    }
    form.addEventListener('change', () => this.apply(form, list, true));
    // A reset restores the radios after the event: apply on the next task.
    form.addEventListener('reset', () => setTimeout(() => this.apply(form, list, true)));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.apply(form, list, true);
    });
    this.apply(form, list, false);
  }

  apply(form: HTMLFormElement, list: HTMLOListElement, announce: boolean): void {
    const chosen = new Map<string, string>();
    for (const [key, value] of new FormData(form)) chosen.set(key, String(value));
    const items = [...list.children] as HTMLElement[];
    let shown = 0;
    for (const item of items) {
      const visible = matches(item, chosen);
      item.hidden = !visible;
      item.style.display = visible ? '' : 'none';
      if (visible) shown += 1;
    }
    const sort = chosen.get(SORT) ?? 'moi-nhat';
    const key = `--kho-o-${sort}`;
    // Positions come from the list's stylesheet (sang-kien/bo-loc.css): read once per item.
    const positions = new Map(
      items.map((item) => [item, Number(getComputedStyle(item).getPropertyValue(key))]),
    );
    items
      .sort((a, b) => (positions.get(a) ?? 0) - (positions.get(b) ?? 0))
      .forEach((item) => {
        list.append(item);
      });
    this.showChoices(form);
    if (shown === 0) this.dataset.empty = '';
    else delete this.dataset.empty;
    const count = this.querySelector<HTMLElement>('.kho-count');
    if (count) {
      count.hidden = false;
      count.textContent = `Đang hiển thị ${shown} trên ${items.length} sáng kiến.`;
    }
    if (announce) {
      // Only what differs from the page as served: a filter chosen by default (the committee's
      // "recognised") stays out of the address, and "all" against such a default goes in, empty.
      const defaults = new Map<string, string>();
      for (const input of form.querySelectorAll<HTMLInputElement>('input[type=radio]')) {
        if (input.defaultChecked) defaults.set(input.name, input.value);
      }
      const query = new URLSearchParams();
      for (const [name, value] of chosen) {
        if (value !== (defaults.get(name) ?? '')) query.set(name, value);
      }
      const search = query.toString();
      history.replaceState(null, '', search ? `?${search}` : location.pathname);
    }
  }

  /** "Nội dung cải cách: Thủ tục hành chính" on the group's summary, seen even when it is closed. */
  showChoices(form: HTMLFormElement): void {
    for (const group of form.querySelectorAll('details')) {
      const summary = group.querySelector('summary');
      if (!summary) continue;
      let active = summary.querySelector<HTMLElement>('.kho-facet-active');
      if (!active) {
        active = document.createElement('span');
        active.className = 'kho-facet-active';
        summary.append(active);
      }
      const checked = group.querySelector<HTMLInputElement>('input[type=radio]:checked');
      const label = checked?.value
        ? form.querySelector(`label[for="${CSS.escape(checked.id)}"]`)
        : null;
      // The label ends with the option's count, "(5)": the choice alone is enough here.
      const text = (label?.textContent ?? '').replace(/\s*\(\d+\)\s*$/, '').trim();
      active.textContent = text ? `: ${text}` : '';
    }
  }
}

export function enhanceFilter(): void {
  if (!customElements.get('kho-filter')) customElements.define('kho-filter', KhoFilter);
}
