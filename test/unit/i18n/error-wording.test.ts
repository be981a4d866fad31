// A Vietnamese user never meets main's English text passed off as a translation: no catalogue entry
// embeds {{message}}; codes with details are worded from their params in both languages; the few codes
// whose detail stays English are listed with a reason and framed as English in Vietnamese. Real errors
// from main (PSR network, WAV, argument validation) carry params and word fully in Vietnamese.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import i18n from '../../../src/renderer/src/i18n';
import { describeError } from '../../../src/renderer/src/i18n/describe';
import { englishDetailCodes } from '../../../src/renderer/src/i18n/english-details';
import { allErrorCodes } from '../../../src/shared/error-catalog';
import { AppError, isAppError } from '../../../src/shared/errors';
import { httpExchange, defaultConnectionOptions } from '../../../src/main/psr/http';
import { convertToPsrWav } from '../../../src/main/audio/wavefile-convert';
import { describeIssues } from '../../../src/main/api/validation';
import { mono44Wav } from '../psr/helpers';

const localesDir = path.resolve(__dirname, '../../../src/renderer/src/i18n/locales');
const read = (lang: string) => JSON.parse(fs.readFileSync(path.join(localesDir, lang, 'errors.json'), 'utf8')) as Record<string, unknown>;

function strings(obj: unknown, prefix = ''): [string, string][] {
  if (typeof obj === 'string') return [[prefix, obj]];
  if (obj && typeof obj === 'object') return Object.entries(obj).flatMap(([k, v]) => strings(v, prefix ? `${prefix}.${k}` : k));
  return [];
}

afterEach(async () => {
  await i18n.changeLanguage('en');
});

describe('the error catalogue', () => {
  it('embeds main’s English message nowhere except the one framed fallback', () => {
    for (const lang of ['en', 'vi']) {
      const withMessage = strings(read(lang))
        .filter(([, v]) => v.includes('{{message}}'))
        .map(([k]) => k);
      expect(withMessage, lang).toEqual(['englishDetail']);
    }
    expect(read('vi').englishDetail).toMatch(/tiếng Anh/);
  });

  it('words every detail in both languages, and marks quoted foreign text as such in Vietnamese', () => {
    const en = read('en').detail as Record<string, string>;
    const vi = read('vi').detail as Record<string, string>;
    expect(Object.keys(vi).sort()).toEqual(Object.keys(en).sort());
    for (const [k, v] of Object.entries(vi)) {
      if (v.includes('{{foreign}}')) expect(v, k).toMatch(/(thông báo gốc|mô tả gốc)[^“]*tiếng Anh: “\{\{foreign\}\}”/);
      const parts = k.split('_');
      const known = parts.some((_, i) => Object.hasOwn(allErrorCodes, parts.slice(0, i + 1).join('_')));
      expect(known, `${k} is a detail of a known code`).toBe(true);
    }
  });

  it('lists each code whose detail stays English with a reason, and only codes of the catalogue', () => {
    for (const [code, reason] of Object.entries(englishDetailCodes)) {
      expect(Object.hasOwn(allErrorCodes, code), code).toBe(true);
      expect(reason.length, code).toBeGreaterThan(15);
      expect(Object.hasOwn(read('en').detail as object, code), `${code} has a worded detail and is listed as English`).toBe(false);
    }
  });
});

async function thrown(p: Promise<unknown> | (() => unknown)): Promise<AppError> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    if (isAppError(e)) return e as AppError;
    throw e;
  }
  throw new Error('expected an AppError');
}

const ENGLISH = /\b(the|is|not|expected|file|cannot|with|from|failed|refused|within)\b/i;

describe('errors thrown in main word fully in Vietnamese', () => {
  it('PSR connection refused, unresolvable host, a truncated WAV, a bad encoding and a bad argument', async () => {
    const server = net.createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as net.AddressInfo).port;
    await new Promise<void>((r) => server.close(() => r()));
    const refused = await thrown(httpExchange('GET', `http://127.0.0.1:${port}/x`, { headers: {}, maxBytes: 1000 }, defaultConnectionOptions));
    const lookup = ((_h: string, _o: unknown, cb: (e: NodeJS.ErrnoException) => void) => cb(Object.assign(new Error('getaddrinfo ENOTFOUND psr.invalid'), { code: 'ENOTFOUND' }))) as never;
    const dns = await thrown(httpExchange('GET', 'http://psr.invalid/x', { headers: {}, maxBytes: 1000 }, defaultConnectionOptions, { lookup }));
    const wav = wavHeader(1, 8000, 16, 8000);
    const truncated = await thrown(() => convertToPsrWav(wav.subarray(0, 44 + 100)));
    const encoding = await thrown(() => convertToPsrWav(wavHeader(1, 8000, 12, 100)));
    const issues = z.object({ name: z.string().min(1) }).safeParse({ name: '' });
    const arg = describeIssues('profiles:save', issues.error!);
    const argument = new AppError('INVALID_ARGUMENT', arg.message, arg.field, arg.params);

    expect([refused.code, dns.code, truncated.code, encoding.code]).toEqual(['PSR_CONNECTION_REFUSED', 'PSR_DNS', 'WAV_CORRUPT', 'WAV_UNSUPPORTED_FORMAT']);
    await i18n.changeLanguage('vi');
    const shown = [refused, dns, truncated, encoding, argument].map((e) => describeError({ code: e.code, message: e.message, field: e.field, params: e.params }));
    for (const [i, text] of shown.entries()) expect(text, `${i}: ${text}`).not.toMatch(ENGLISH);
    expect(shown[0]).toContain(`127.0.0.1:${port}`);
    expect(shown[1]).toBe('Không phân giải được tên máy chủ PSR: không phân giải được tên máy psr.invalid (không tìm thấy tên); hãy kiểm tra URL gốc của hồ sơ và mạng hoặc DNS.');
    expect(shown[2]).toContain('khai báo 8.000 byte âm thanh nhưng tệp chỉ có 100 byte');
    expect(shown[4]).toBe('Giá trị không hợp lệ ở trường “name”: cần ít nhất 1 ký tự.');
  });
});

/** A WAV header (44 bytes) followed by `dataBytes` of silence. */
function wavHeader(format: number, rate: number, bits: number, dataBytes: number): Uint8Array {
  return new Uint8Array(mono44Wav(format, rate, bits, dataBytes));
}
