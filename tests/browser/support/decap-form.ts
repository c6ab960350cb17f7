/**
 * Driving the real Decap CMS admin in Chromium as a person does: fields found by their
 * Vietnamese labels, react-select options picked by typing, the status menu, "Công bố ngay",
 * and the five headings the body of a new initiative starts with. Shared by the admin's tests
 * (local backend, GitHub backend, preview, accessibility).
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A Decap field by its label; optional fields carry " (không bắt buộc)" in theirs. */
export function field(page: Page, label: string) {
  return page.getByLabel(new RegExp(`^${escapeRegex(label)}( \\(không bắt buộc\\))?$`));
}

/**
 * Adds one item to a list widget with its "Thêm …" button, and waits for the item's field
 * `itemField`. On a busy machine a click can land while Decap draws the form again (after a
 * pick in a select) and add nothing; the button is pressed again only while no new item has
 * come, and a call that still ends with two new items fails.
 */
export async function addListItem(page: Page, button: string, itemField: string) {
  const items = field(page, itemField);
  const before = await items.count();
  for (let attempt = 1; ; attempt += 1) {
    await page.getByRole('button', { name: button }).click();
    try {
      // Long enough for Decap to draw the item on a busy machine: a second press while it is
      // still coming would add two.
      await items.nth(before).waitFor({ timeout: 20_000 });
      break;
    } catch (error) {
      if ((await items.count()) !== before) break;
      if (attempt === 3) throw error;
    }
  }
  expect(await items.count()).toBe(before + 1);
}

/** Pick an option in a Decap select or relation (react-select) by typing part of it. */
export async function choose(page: Page, label: string, typed: string, option: string, nth = 0) {
  const input = field(page, label).nth(nth);
  const offered = page.getByRole('option', { name: option, exact: true });
  // A relation's options arrive after a search: a click on an option that is being replaced
  // may choose nothing. A choice closes the menu (and a chosen option leaves a multiple
  // choice's list), so an option still offered after the click is clicked again.
  for (let attempt = 1; ; attempt += 1) {
    await input.click();
    await input.fill(typed);
    await offered.first().click();
    const closed = await offered
      .first()
      .waitFor({ state: 'detached', timeout: 5_000 })
      .then(() => true)
      .catch(() => false);
    if (closed) return;
    if (attempt === 3) throw new Error(`Không chọn được "${option}" trong "${label}".`);
    await page.keyboard.press('Escape');
  }
}

/**
 * Go to `url` in the admin and wait until `ready` resolves. If it never does, fail with what
 * the page shows and the script errors it logged: that tells a broken admin from a slow machine.
 */
export async function openAdminAt(page: Page, url: string, ready: () => Promise<unknown>) {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(url);
  try {
    await ready();
  } catch (error) {
    const text =
      (await page
        .locator('body')
        .textContent()
        .catch(() => '')) ?? '';
    throw new Error(`${String(error)}\nTrang: ${text.slice(0, 1500)}\nLỗi: ${errors.join('\n')}`);
  }
}

/** The local backend asks for a click before it shows the collections. */
export async function signInLocally(page: Page) {
  await page.getByRole('button', { name: 'Đăng nhập' }).click({ timeout: 120_000 });
}

/** Decap closes a notification when it is clicked: none is left to mistake for the next one. */
export async function dismissToasts(page: Page) {
  for (const toast of await page.locator('.Toastify__toast').all()) {
    await toast.click().catch(() => {});
  }
  await expect.poll(() => page.locator('.Toastify__toast').count(), { timeout: 30_000 }).toBe(0);
}

/** Ask for a status in the editor's status menu, without waiting for Decap to accept it. */
export async function chooseStatus(page: Page, status: string) {
  await page.getByRole('button', { name: /^Trạng thái:/ }).click();
  await page.getByRole('menuitem', { name: status }).click();
}

/** Move the entry to `status` and wait until the editor shows it (the branch is updated then). */
export async function setStatus(page: Page, status: string) {
  await dismissToasts(page);
  await chooseStatus(page, status);
  await page.getByRole('button', { name: `Trạng thái: ${status}` }).waitFor({ timeout: 60_000 });
}

/** "Công bố" → "Công bố ngay"; the confirmation dialog is for the caller to accept. */
export async function publishNow(page: Page) {
  await dismissToasts(page);
  await page.getByRole('button', { name: 'Công bố', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Công bố ngay' }).click();
}

/** What a submitter writes under each of the five headings a new initiative's body starts with. */
export const bodySections = [
  ['Thực trạng và vấn đề cần giải quyết', 'Người dân phải hỏi lại nhiều lần về ngày trả kết quả.'],
  ['Nội dung giải pháp', 'Công chức một cửa nhắn tin hẹn giờ **ngay khi** tiếp nhận hồ sơ.'],
  ['Tính mới, tính sáng tạo', 'Lần đầu tiên xã dùng tin nhắn tự động thay cho gọi điện.'],
  ['Hiệu quả đạt được', 'Tỷ lệ hồ sơ trễ hẹn giảm từ 12% xuống 3% sau sáu tháng.'],
  ['Khả năng áp dụng, nhân rộng', 'Mọi xã có bộ phận một cửa đều áp dụng được ngay.'],
] as const;

/** The body Decap saves once `bodySections` are written. */
export const bodyMarkdown = bodySections
  .map(([heading, text]) => `## ${heading}\n\n${text}`)
  .join('\n\n');

/** Type under each of the five headings the body starts with, as a submitter does. */
export async function writeSections(
  page: Page,
  texts: readonly (readonly [string, string])[] = bodySections,
) {
  const editor = page.locator('[data-slate-editor="true"]').first();
  await editor.focus();
  for (const [heading, text] of texts) {
    const line = editor.getByText(`## ${heading}`, { exact: true });
    const box = await line.boundingBox();
    // Click past the end of the heading, then End: the caret must not land inside it.
    await line.click({ position: { x: Math.max(1, (box?.width ?? 2) - 1), y: 5 } });
    // Slate applies the click's selection asynchronously; a person is slower than this too.
    await page.waitForTimeout(300);
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.keyboard.type(text);
  }
}
