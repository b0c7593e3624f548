/**
 * Debian's Chromium for the browser tests (DESIGN §2): never downloaded by a test tool, launched headless with
 * the flags that keep it from reaching the network on its own. Playwright gives each launch a fresh temporary
 * profile (user-data dir) and deletes it on close, so no state carries from one test file to the next.
 */
import { accessSync, constants } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.ASSAY_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

/** Why Chromium cannot be launched here, or null when it can. */
export function chromiumUnavailableReason(): string | null {
  try {
    accessSync(CHROMIUM_PATH, constants.X_OK);
    return null;
  } catch {
    return `no Chromium at ${CHROMIUM_PATH} (install it with \`apt-get install -y chromium\`, or set ASSAY_CHROMIUM)`;
  }
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_FLAGS, timeout: 60_000 });
}
