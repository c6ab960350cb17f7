/**
 * What every screen a person meets is checked for: no English shown, spoken or toasted, and
 * nothing wider than the viewport. Toasts come and go, so a page records each one as it
 * appears (`recordToasts`, before the page is opened) and the test reads them afterwards.
 */
import type { Page } from 'playwright-core';
import { decapEnglishPhrases } from './decap-locale.ts';

/** Decap's English interface strings and react-select's and dnd-kit's own. */
export function adminEnglishPhrases(): string[] {
  return [
    ...decapEnglishPhrases(),
    'No options',
    'Loading...',
    'Loading options…',
    'Select...',
    'result available',
    'results available',
    'Use Up and Down',
    'is focused',
    'press Down to open the menu',
    'To pick up a draggable item',
    'API_ERROR',
    'Unknown error',
  ];
}

const english = adminEnglishPhrases();

/** Whether a line of text is, or holds, one of the English phrases. */
export function englishIn(lines: readonly string[]): string[] {
  return english.filter((phrase) =>
    lines.some(
      (line) =>
        line === phrase || (phrase.length > 8 && phrase.includes(' ') && line.includes(phrase)),
    ),
  );
}

/**
 * English on the page: visible lines, live regions and whatever a label or a description
 * points at (what a screen reader says), in the page and its same-origin frames.
 */
export async function englishOn(page: Page): Promise<string[]> {
  const found = new Set<string>();
  for (const frame of page.frames()) {
    const lines = await frame
      .evaluate(() => {
        // biome-ignore lint/performance/useDomNodeTextContent: the rendered, visible text is what is checked
        const visible = document.body ? document.body.innerText.split('\n') : [];
        const ids = [...document.querySelectorAll('[aria-describedby], [aria-labelledby]')].flatMap(
          (node) =>
            [node.getAttribute('aria-describedby'), node.getAttribute('aria-labelledby')]
              .join(' ')
              .split(' '),
        );
        const referenced = ids.filter(Boolean).map((id) => document.getElementById(id));
        const live = [...document.querySelectorAll('[aria-live], [role="status"], [role="alert"]')];
        const labels = [...document.querySelectorAll('[aria-label], [title], [placeholder]')].map(
          (node) =>
            [
              node.getAttribute('aria-label'),
              node.getAttribute('title'),
              node.getAttribute('placeholder'),
            ].join('\n'),
        );
        const spoken = [...live, ...referenced].map((node) => node?.textContent ?? '');
        return [...visible, ...spoken, ...labels].flatMap((text) => text.split('\n'));
      })
      .catch(() => [] as string[]);
    for (const phrase of englishIn(lines.map((line) => line.trim()).filter(Boolean))) {
      found.add(phrase);
    }
  }
  return [...found];
}

/** Record the text of every toast the page shows, from its first load on. */
export async function recordToasts(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __khoToasts: string[] }).__khoToasts = seen;
    const look = () => {
      for (const toast of document.querySelectorAll('.Toastify__toast, [role="alert"]')) {
        const text = (toast.textContent ?? '').trim();
        if (text && !seen.includes(text)) seen.push(text);
      }
    };
    new MutationObserver(look).observe(document, {
      childList: true,
      subtree: true,
      characterData: true,
    });
  });
  const all: string[] = [];
  return async () => {
    const now = await page
      .evaluate(() => (window as unknown as { __khoToasts?: string[] }).__khoToasts ?? [])
      .catch(() => [] as string[]);
    for (const text of now) if (!all.includes(text)) all.push(text);
    return [...all];
  };
}

/**
 * Elements that reach past either edge of the viewport, and the page's scroll width, once the
 * page's finite animations have ended (a toast slides in from beyond the right edge).
 */
export async function overflow(page: Page) {
  // Until two looks in a row find nothing moving: a toast may start just after the first.
  await page.evaluate(async () => {
    const moving = () =>
      document
        .getAnimations()
        .filter((animation) => animation.effect?.getComputedTiming().endTime !== Infinity);
    for (let still = 0, round = 0; still < 2 && round < 20; round += 1) {
      const now = moving();
      still = now.length === 0 ? still + 1 : 0;
      await Promise.all(now.map((animation) => animation.finished.catch(() => undefined)));
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  });
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const wide: string[] = [];
    for (const element of document.querySelectorAll('body *')) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      if (getComputedStyle(element).visibility === 'hidden') continue;
      if (box.right > width + 1 || box.left < -1) {
        const name = `${element.tagName.toLowerCase()}.${String(element.className).slice(0, 60)}`;
        wide.push(`${name} ${Math.round(box.left)}…${Math.round(box.right)}`);
      }
    }
    return { scrollWidth: document.documentElement.scrollWidth, width, wide: wide.slice(0, 10) };
  });
}

/** One line per problem of a screen: horizontal scrolling, an element past an edge. */
export async function overflowProblems(page: Page, screen: string): Promise<string[]> {
  const { scrollWidth, width, wide } = await overflow(page);
  return [
    ...(scrollWidth > width ? [`${screen}: cuộn ngang ${scrollWidth} px > ${width} px`] : []),
    ...wide.map((element) => `${screen}: ${element}`),
  ];
}
