import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

const candidates = [
  process.env.CHROMIUM_PATH,
  process.env.CHROME_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

/** Flags that keep a headless Chromium off the network and quiet on a closed machine. */
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Path of a Chromium to drive, or an error that says how to install one. */
export function findChromium(): string {
  const found = candidates.find((path): path is string => Boolean(path && existsSync(path)));
  if (!found) {
    throw new Error(
      'Không tìm thấy Chromium để chạy kiểm thử trình duyệt. Cài bằng: sudo apt-get update && sudo apt-get install -y chromium ' +
        '(hoặc đặt biến môi trường CHROMIUM_PATH trỏ tới tệp chạy Chromium/Chrome).',
    );
  }
  return found;
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: findChromium(), args: chromiumArgs, headless: true });
}
