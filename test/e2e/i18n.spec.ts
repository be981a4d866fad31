// Vietnamese everywhere: switching the language changes every string on the main screens, and the
// choice is remembered. The walk reads visible text and accessible labels (aria-label, title,
// placeholder) and flags common English words; proper names, protocol words and data the user
// or PSR produced (marked translate="no", or code/pre) are not translations and are skipped.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from './fixtures';
import { connectBridge } from './helpers/bridge';
import { PsrStream } from './helpers/psr-stream';

const localesDir = fileURLToPath(new URL('../../src/renderer/src/i18n/locales', import.meta.url));

/** Common English words of a UI. A Vietnamese screen showing one of these missed a translation. */
const ENGLISH = new Set(
  `about above add added address after all allow and any are as at audio auto available back base be before browse but by
  cancel certificate change changed check choose clear click close code complete configure connect connection copy copied create
  current date default delete deleted details device direction disabled dismiss done download duration edit empty enable enabled
  enter error errors event events every example export failed field file files filter first for format found from go has have
  help here hide history home if import info invalid is it keep language last latency leg legs level levels library list listen
  live load loading local log make message messages min missing mode more mute name new next no none not now of off on one only
  open or other out output path pause play please port presenter profile profiles public read ready recording recordings remove
  replay request required reset response result retry run running save saved scheme search select send sent server set settings
  show signal simulator size solo source start started status stop stopped stream success test text the this time try turn
  turns type unknown up upload url use used user value volume waiting warning warnings when while will with without yes you your
  built being screen screens call calls ended welcome account line phone place real try offline demo connected`
    .split(/\s+/)
    .filter(Boolean),
);
/** Names of built-in things, shown as they are. */
const PROPER_NAMES = ['Offline simulator', 'PSR Console'];
/** Protocol words and proper names that stay as they are in Vietnamese. */
const ALLOWED = new Set(
  `psr console websocket ws wss http https json wav mp3 pcm dbfs db hz khz ms api id token bearer basic media chunk transfer hangup
  connected closed stereo mono mono_a mono_b call_id tenant bot dial is_sync is_silence audio_file parameter destination extension
  app channel curl tls p90 url english`
    .split(/\s+/)
    .filter(Boolean),
);

test('every English string has a Vietnamese translation', () => {
  const problems: string[] = [];
  for (const file of fs.readdirSync(path.join(localesDir, 'en'))) {
    const en = flatten(JSON.parse(fs.readFileSync(path.join(localesDir, 'en', file), 'utf8')) as object);
    const viPath = path.join(localesDir, 'vi', file);
    if (!fs.existsSync(viPath)) {
      problems.push(`${file}: no Vietnamese file`);
      continue;
    }
    const vi = flatten(JSON.parse(fs.readFileSync(viPath, 'utf8')) as object);
    for (const key of Object.keys(en)) if (!vi[key]?.trim()) problems.push(`${file}: ${key} missing`);
  }
  expect(problems).toEqual([]);
});

test('switching to Vietnamese leaves no English on the main screens, and is remembered', async ({ page, app }) => {
  // One finished call, so the live view and the library show their full screens, not empty states.
  const bridge = await connectBridge(app);
  const { localUrl } = await bridge.call('endpoint:start', { host: '127.0.0.1', port: 0 });
  const stream = await PsrStream.open(localUrl!, '60fb0716-87cf-437a-91e6-cdcecae21b43');
  const ended = bridge.waitFor('calls:changed', (p) => p.reason === 'ended');
  await stream.play((t) => ({ a: t > 1200 ? 0.3 : 0, b: t < 600 ? 0.3 : 0 }), 2_000);
  await stream.close();
  await ended;
  bridge.close();
  await page.getByLabel('Language').selectOption('vi');
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  const nav = page.getByRole('navigation');
  const count = await nav.getByRole('button').count();
  const report: Record<string, string[]> = {};
  for (let i = 0; i < count; i++) {
    const button = nav.getByRole('button').nth(i);
    const screen = (await button.textContent())?.trim() ?? String(i);
    await button.click();
    await expect(button).toHaveAttribute('aria-current', 'page');
    await expect(page.locator('main h1').first()).toBeVisible();
    // Let data-driven parts (lists loaded from main) settle before reading.
    await page.waitForLoadState('networkidle');
    const texts = await page.evaluate(`(() => {
      const skip = (el) => !!el.closest('[translate="no"], code, pre, kbd, samp, script, style');
      const out = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement;
        if (!el || skip(el) || !n.textContent.trim()) continue;
        const style = getComputedStyle(el);
        if (style.display === 'none' || style.visibility === 'hidden') continue;
        out.push(n.textContent.trim());
      }
      for (const el of document.querySelectorAll('[aria-label], [title], [placeholder]')) {
        if (skip(el)) continue;
        for (const a of ['aria-label', 'title', 'placeholder']) {
          const v = el.getAttribute(a);
          if (v) out.push(v);
        }
      }
      return out;
    })()`) as string[];
    const english = new Set<string>();
    for (const text of texts) {
      // Paths, URLs and file names are data, and so are the names of built-in things.
      const prose = PROPER_NAMES.reduce((t, n) => t.split(n).join(' '), text).replace(/\S*(?:\/|\.\w)\S*/g, ' ');
      // Whole words only: Vietnamese words with diacritics are not split into ASCII pieces.
      for (const word of prose.match(/[\p{L}\p{N}_]+/gu) ?? []) {
        if (!/^[A-Za-z][A-Za-z0-9_]+$/.test(word)) continue;
        const w = word.toLowerCase();
        if (ENGLISH.has(w) && !ALLOWED.has(w)) english.add(`${word} (in “${text.slice(0, 60)}”)`);
      }
    }
    if (english.size) report[screen] = [...english].slice(0, 12);
  }
  expect(report, 'English words left on Vietnamese screens (screen → words)').toEqual({});

  await page.reload();
  await expect(page.locator('[data-app-state="loaded"]')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  await expect(page.getByRole('navigation').getByRole('button', { name: 'Trang chủ' })).toBeVisible();
});

function flatten(obj: object, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (v && typeof v === 'object') Object.assign(out, flatten(v as object, `${prefix}${k}.`));
    else out[`${prefix}${k}`] = String(v);
  }
  return out;
}
