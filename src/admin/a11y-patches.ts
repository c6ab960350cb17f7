/**
 * Small repairs to the page Decap renders, where Decap has no option for them: names for
 * controls it leaves unnamed, errors tied to their fields, focus taken to the first error
 * after a refused save, and one keyboard path to the media library's upload. Each patch is
 * idempotent and runs after Decap's own rendering (one sweep per animation frame while
 * the page changes); none changes what Decap stores.
 */

const SAVE_LABEL = 'Lưu';
/** How long after a click on "Lưu" a new error may take focus. */
const FOCUS_WINDOW_MS = 4000;

/** Decap wraps each field in a container labelled "Trường <widget>" (see locale/vi.ts). */
const FIELD = '[aria-label^="Trường "]';

function fieldLabelOf(element: Element): string {
  const label = element.closest(FIELD)?.querySelector('label');
  return label?.textContent?.trim() ?? '';
}

/** The preview is an iframe without a title, whose document has no language. */
function namePreviewFrame(): void {
  for (const frame of document.querySelectorAll<HTMLIFrameElement>('iframe#preview-pane')) {
    if (!frame.title) frame.title = 'Xem trước bài viết';
    const root = frame.contentDocument?.documentElement;
    if (root && root.lang !== 'vi') root.lang = 'vi';
  }
}

/** The Markdown editor: its mode switch (Decap's Toggle drops the label it is given) and its text box. */
function nameMarkdownEditor(): void {
  for (const toggle of document.querySelectorAll('[class*="ToolbarToggle"] [role="switch"]')) {
    if (!toggle.hasAttribute('aria-label')) toggle.setAttribute('aria-label', 'Văn bản Markdown');
  }
  for (const editor of document.querySelectorAll('[data-slate-editor="true"]')) {
    const name = fieldLabelOf(editor);
    if (name && editor.getAttribute('aria-label') !== name) editor.setAttribute('aria-label', name);
  }
  // The toolbar's menus (headings) are focusable wrappers around a titled button.
  for (const menu of document.querySelectorAll('span[role="button"][aria-haspopup]')) {
    const title = menu.querySelector('[title]')?.getAttribute('title');
    if (title && !menu.hasAttribute('aria-label')) menu.setAttribute('aria-label', title);
  }
}

/**
 * The bar over each item of a list (an author, an indicator): collapse and remove are icons
 * without names, and the drag handle is a tab stop that no key moves (the list widget has
 * no keyboard sensor), announced with dnd-kit's English instructions.
 */
function nameListItemControls(): void {
  for (const bar of document.querySelectorAll('[class*="ListItemTopBar"]')) {
    const item = bar.parentElement;
    const items = item?.parentElement ? [...item.parentElement.children] : [];
    const what = `${fieldLabelOf(item?.parentElement ?? bar)} – mục ${items.indexOf(item as Element) + 1}`;
    const [first, , last] = bar.children;
    if (bar.children.length === 3 && first instanceof HTMLButtonElement) {
      // The item's summary line is shown only while the item is collapsed; the Lên/Xuống
      // buttons (list-widget.ts), always shown, stand between it and the bar.
      let summary = bar.nextElementSibling;
      while (summary?.classList.contains('kho-move')) summary = summary.nextElementSibling;
      const collapsed = summary ? getComputedStyle(summary).display !== 'none' : false;
      setIfChanged(first, 'aria-label', `${collapsed ? 'Mở rộng' : 'Thu gọn'} ${what}`);
      setIfChanged(first, 'aria-expanded', String(!collapsed));
    }
    if (last instanceof HTMLButtonElement) last.setAttribute('aria-label', `Xóa ${what}`);
  }
}

/**
 * dnd-kit makes every sortable thing (a list item's handle, a chosen initiative) a button
 * and a tab stop described by English instructions, yet Decap gives it no keyboard sensor:
 * a stop where no key does anything. The handles leave the tab order and the tree; a chosen
 * value keeps its text, without the role.
 */
function quietSortables(): void {
  for (const sortable of document.querySelectorAll('[aria-roledescription="sortable"]')) {
    if (sortable.getAttribute('tabindex') !== '-1') sortable.setAttribute('tabindex', '-1');
    for (const name of ['role', 'aria-roledescription', 'aria-describedby', 'aria-disabled']) {
      sortable.removeAttribute(name);
    }
    if (!sortable.textContent?.trim()) sortable.setAttribute('aria-hidden', 'true');
  }
}

/** Setting an attribute to its own value is still a mutation: the observer would never rest. */
function setIfChanged(element: Element, name: string, value: string): void {
  if (element.getAttribute(name) !== value) element.setAttribute(name, value);
}

/**
 * Decap lists a field's errors beside its label but links neither to the field: the field
 * gets `aria-invalid` and `aria-describedby` pointing at its errors, for as long as they show.
 */
function tieErrorsToFields(): HTMLElement[] {
  const invalid: HTMLElement[] = [];
  for (const label of document.querySelectorAll<HTMLLabelElement>(`${FIELD} label[for]`)) {
    const id = label.htmlFor;
    const list = label.nextElementSibling;
    const errors = list?.tagName === 'UL' && list.textContent?.trim() ? list : undefined;
    const container = label.closest(FIELD);
    const byId = document.getElementById(id);
    const field =
      byId && container?.contains(byId)
        ? byId
        : container?.querySelector<HTMLElement>('[data-slate-editor="true"]');
    if (!field) continue;
    const errorId = `${id}-errors`;
    const describedBy = (field.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .filter((token) => token && token !== errorId);
    if (errors) {
      errors.id = errorId;
      field.setAttribute('aria-invalid', 'true');
      setIfChanged(field, 'aria-describedby', [...describedBy, errorId].join(' '));
      invalid.push(field);
    } else if (field.getAttribute('aria-invalid') === 'true') {
      field.removeAttribute('aria-invalid');
      if (describedBy.length > 0) setIfChanged(field, 'aria-describedby', describedBy.join(' '));
      else field.removeAttribute('aria-describedby');
    }
  }
  return invalid;
}

const FOCUSABLE =
  'input:not([type="hidden"]), textarea, select, button, [contenteditable="true"], [tabindex="0"]';

/** The first thing a keyboard can reach in the field: the field itself or, for a list, its first control. */
function focusTarget(field: HTMLElement): HTMLElement | null {
  if (field.matches(FOCUSABLE)) return field;
  return field.closest(FIELD)?.querySelector<HTMLElement>(FOCUSABLE) ?? null;
}

/** English details that servers and the browser put into Decap's Vietnamese notices. */
const errorDetails: [RegExp, string][] = [
  [/API_ERROR: Unknown error/g, 'máy chủ lưu trữ gặp lỗi chưa rõ nguyên nhân, hãy thử lại'],
  [/API_ERROR: Request timed out/g, 'máy chủ lưu trữ đang bận, hãy thử lại sau ít giây'],
  [/TypeError: Failed to fetch/g, 'không kết nối được máy chủ lưu trữ'],
];

function translateNotices(): void {
  for (const body of document.querySelectorAll('.Toastify__toast-body')) {
    const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.nodeValue ?? '';
      const translated = errorDetails.reduce(
        (out, [english, vi]) => out.replace(english, vi),
        text,
      );
      if (translated !== text) node.nodeValue = translated;
    }
  }
}

/**
 * The media library's "Tải tệp lên" is a focusable <label> around a visually hidden file
 * input: Enter and Space do nothing on a label, and the input is a second, invisible tab
 * stop. The input itself (named by the label, opened by Enter or Space) becomes the only
 * one; admin.css draws its focus around the label.
 */
function uploadThroughInput(): void {
  for (const upload of document.querySelectorAll<HTMLElement>('label.nc-fileUploadButton')) {
    if (upload.tabIndex !== -1) upload.tabIndex = -1;
  }
}

let saveClickedAt = 0;

function sweep(): void {
  namePreviewFrame();
  nameMarkdownEditor();
  nameListItemControls();
  quietSortables();
  translateNotices();
  uploadThroughInput();
  const invalid = tieErrorsToFields();
  if (invalid.length > 0 && Date.now() - saveClickedAt < FOCUS_WINDOW_MS) {
    saveClickedAt = 0;
    const target = focusTarget(invalid[0] as HTMLElement);
    target?.focus();
    target?.scrollIntoView({ block: 'center' });
  }
}

let scheduled = false;
function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  requestAnimationFrame(() => {
    scheduled = false;
    sweep();
  });
}

/** Start the patches; call once, before or after Decap renders. */
export function startAccessibilityPatches(): void {
  // Attributes too: React and dnd-kit put back what a patch removed.
  new MutationObserver(schedule).observe(document.body, {
    childList: true,
    subtree: true,
    attributeFilter: ['tabindex', 'aria-describedby'],
  });
  // The preview's document is replaced when the frame loads.
  document.addEventListener('load', schedule, true);
  // Collapsing a list item changes only classes, which the observer does not watch.
  document.addEventListener('click', schedule, true);
  document.addEventListener(
    'click',
    (event) => {
      const button = (event.target as Element | null)?.closest?.('button');
      if (button?.textContent?.trim() !== SAVE_LABEL) return;
      saveClickedAt = Date.now();
      // Errors already on screen do not change the page: look again once Decap has validated.
      setTimeout(schedule, 300);
    },
    true,
  );
  schedule();
}
