// Every screen in Vietnamese shows no text from the English catalogue that the Vietnamese catalogue
// does not also have: each visible text and accessible label (aria-label, title, placeholder) is
// compared with every English string (templates as patterns), not with a word list. Strings that
// are the same in both languages (PSR Console, Bearer, Endpoint…) are not English-only.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { connectBridge } from './helpers/bridge';
import { PsrStream } from './helpers/psr-stream';
import { wavHeader } from '../../src/main/audio/wav-recorder';

const localesDir = fileURLToPath(new URL('../../src/renderer/src/i18n/locales', import.meta.url));

function flatten(obj: unknown, out: string[] = []): string[] {
  if (typeof obj === 'string') out.push(obj);
  else if (obj && typeof obj === 'object') for (const v of Object.values(obj)) flatten(v, out);
  return out;
}
const catalogue = (lang: string) =>
  fs.readdirSync(path.join(localesDir, lang)).flatMap((f) => flatten(JSON.parse(fs.readFileSync(path.join(localesDir, lang, f), 'utf8'))));

const norm = (s: string) => s.replace(/\s+/g, ' ').trim().replace(/[\s:.…]+$/, '');
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** English-only catalogue strings, as patterns matching a whole visible text ({{x}} = anything). */
function englishOnly(): { text: string; pattern: RegExp }[] {
  const vi = new Set(catalogue('vi').map(norm));
  return [...new Set(catalogue('en').map(norm))]
    .filter((s) => !vi.has(s))
    .filter((s) => /[a-z]{2,}/i.test(s.replace(/\{\{[^}]+\}\}/g, '')))
    // Strings that are only a placeholder plus a word or symbol (e.g. "{{s}} s") say nothing English.
    .filter((s) => s.replace(/\{\{[^}]+\}\}/g, '').replace(/[^A-Za-z]/g, '').length >= 4)
    .map((s) => ({ text: s, pattern: new RegExp(`^${s.split(/\{\{[^}]+\}\}/).map(escape).join('.+?')}$`, 's') }));
}

/** English-only phrases of two or more words with no placeholder: caught inside longer texts too. */
function englishOnlyPhrases(): string[] {
  const vi = catalogue('vi').join('\n');
  return [...new Set(catalogue('en').map(norm))].filter((s) => !s.includes('{{') && / /.test(s) && s.length >= 12 && !vi.includes(s));
}

async function visibleTexts(page: Page): Promise<string[]> {
  return page.evaluate(`(() => {
    // Data, code and text marked as another language (e.g. a language's own name) are not translations.
    const skip = (el) => !!el.closest('[translate="no"], code, pre, kbd, samp, script, style, textarea') || (el.closest('[lang]')?.getAttribute('lang') ?? 'vi') !== 'vi';
    const shown = (el) => { const s = getComputedStyle(el); return s.display !== 'none' && s.visibility !== 'hidden'; };
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || skip(el) || !n.textContent.trim() || !shown(el)) continue;
      out.push(n.textContent);
      // The element's whole text too: a sentence may be split by <strong> or <code>.
      if (el.childNodes.length > 1) out.push(el.textContent);
    }
    for (const el of document.querySelectorAll('[aria-label], [title], [placeholder]')) {
      if (skip(el)) continue;
      for (const a of ['aria-label', 'title', 'placeholder']) { const v = el.getAttribute(a); if (v) out.push(v); }
    }
    for (const o of document.querySelectorAll('option')) if (!skip(o)) out.push(o.textContent);
    return out;
  })()`);
}

test('every screen in Vietnamese shows nothing that only the English catalogue has', async ({ page, app }) => {
  test.setTimeout(120_000);
  const patterns = englishOnly();
  const phrases = englishOnlyPhrases();
  expect(patterns.length).toBeGreaterThan(100);
  // One finished call, so the live view and the library show their full screens.
  const bridge = await connectBridge(app);
  const { localUrl } = await bridge.call('endpoint:start', { host: '127.0.0.1', port: 0 });
  const stream = await PsrStream.open(localUrl!, '60fb0716-87cf-437a-91e6-cdcecae2a11c');
  const ended = bridge.waitFor('calls:changed', (p) => p.reason === 'ended');
  await stream.play((t) => ({ a: t > 800 ? 0.3 : 0, b: t < 500 ? 0.3 : 0 }), 1_500);
  await stream.close();
  await ended;
  bridge.close();

  await page.getByLabel('Language').selectOption('vi');
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  const nav = page.getByRole('navigation');
  const found: Record<string, string[]> = {};
  const check = async (where: string) => {
    await page.waitForLoadState('networkidle');
    const hits = new Set<string>();
    for (const raw of await visibleTexts(page)) {
      const text = norm(raw);
      if (!text) continue;
      const hit = patterns.find((p) => p.pattern.test(text))?.text ?? phrases.find((p) => text.includes(p));
      if (hit) hits.add(`“${text.slice(0, 80)}” (en: “${hit.slice(0, 60)}”)`);
    }
    if (hits.size) found[where] = [...hits].slice(0, 15);
  };
  const count = await nav.getByRole('button').count();
  expect(count).toBeGreaterThanOrEqual(7);
  for (let i = 0; i < count; i++) {
    const button = nav.getByRole('button').nth(i);
    const name = (await button.textContent())?.trim() ?? String(i);
    await button.click();
    await expect(button).toHaveAttribute('aria-current', 'page');
    await expect(page.locator('main h1').first()).toBeVisible();
    await check(name);
  }
  // Inside screens: the profile form and a call's detail in the library.
  await nav.getByRole('button', { name: 'Hồ sơ kết nối' }).click();
  await page.getByRole('button', { name: 'Thêm hồ sơ' }).click();
  await check('Hồ sơ kết nối › thêm hồ sơ');
  await nav.getByRole('button', { name: 'Thư viện cuộc gọi' }).click();
  await page.getByRole('table').getByRole('row').nth(1).getByRole('button').first().click();
  await check('Thư viện cuộc gọi › chi tiết');
  expect(found, 'English-only catalogue text on Vietnamese screens (screen → texts)').toEqual({});
});

/** Words of main's English sentences (errors, log notes) that Vietnamese wording never contains. */
const ENGLISH_WORDS = /\b(the|is|not|expected|said|hanging|prompt|damaged|truncated|header|caller|announces|holds|file)\b/i;

test('a damaged WAV and a demo call’s event log read in Vietnamese, with no English from main', async ({ page, app }) => {
  test.setTimeout(90_000);
  const bridge = await connectBridge(app);
  await page.getByLabel('Language').selectOption('vi');
  const nav = page.getByRole('navigation');

  // A WAV whose header announces more audio than the file holds: main says why in params.
  const wav = Buffer.alloc(44 + 100);
  wavHeader(1, 8000, 8000).copy(wav);
  await nav.getByRole('button', { name: 'Tạo luồng cuộc gọi' }).click();
  await page.getByLabel('Chọn tệp WAV').setInputFiles({ name: 'hong.wav', mimeType: 'audio/wav', buffer: wav });
  const alert = page.getByRole('alert').filter({ hasText: 'WAV' });
  await expect(alert).toContainText('Phần đầu tệp khai báo 8.000 byte âm thanh nhưng tệp chỉ có 100 byte.');
  expect(await alert.innerText()).not.toMatch(ENGLISH_WORDS);
  await page.screenshot({ path: 'test-results/i18n-walk-wav-error-vi.png', fullPage: true });

  // A demo call: the bot's notes and the actions it sends, worded in Vietnamese.
  await nav.getByRole('button', { name: 'Trang chủ' }).click();
  await page.getByRole('main').getByRole('button', { name: 'Bắt đầu cuộc gọi thử' }).click();
  await expect(page.getByRole('dialog', { name: 'Sân khấu trình diễn' })).toBeVisible({ timeout: 20_000 });
  await page.keyboard.press('Escape');
  const log = page.getByRole('list', { name: 'Nhật ký sự kiện' });
  await expect(log.getByRole('listitem').filter({ hasText: 'bot mẫu: đã nói' }).first()).toBeVisible({ timeout: 15_000 });
  await expect(log.getByRole('listitem').filter({ hasText: 'media (bot mẫu): câu thoại mẫu' }).first()).toBeVisible();
  const lines = await log.getByRole('listitem').allInnerTexts();
  // The prompt's own words are what the bot said (content, quoted), not UI text.
  const english = lines.map((l) => l.replace(/“[^”]*”/g, '')).filter((l) => ENGLISH_WORDS.test(l));
  expect(english, 'event log lines with English words').toEqual([]);
  await page.screenshot({ path: 'test-results/i18n-walk-demo-log-vi.png', fullPage: true });
  const live = await bridge.call('calls:live');
  for (const c of live.calls) if (!c.ended) await bridge.call('simulator:hangup', { callId: c.started.callId }).catch(() => {});
  bridge.close();
});
