// Tokens echoed back by a server never reach the CLI's stderr, an error returned to the renderer, or the
// history file: plain, JSON-escaped, URL-encoded and base64 forms (Basic user:token) are all redacted.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/main/logger';
import { createNodeAppServices } from '../../../src/main/web/node-services';
import { last4, redactSecrets } from '../../../src/shared/redact';
import { emptyPsrRequest } from '../../../src/shared/psr/request';
import { startRecorder, tempDir, type Recorder } from '../psr/helpers';

const exec = promisify(execFile);
const root = path.resolve(__dirname, '../../..');
// Quotes and backslashes make the JSON-escaped form differ from the plain one.
const TOKEN = 'tok"en\\with-quote-0123456789';
const BASIC = 'alice:pa55-w0rd-secret-value';

/** Every form of the token a leak could take. */
function forms(t: string): string[] {
  const esc = JSON.stringify(t).slice(1, -1);
  return [t, esc, JSON.stringify(esc).slice(1, -1), encodeURIComponent(t), Buffer.from(t).toString('base64'), Buffer.from(`user:${t}`).toString('base64').slice(8, -4)];
}

let echo: Recorder;
let dir: string;
beforeAll(async () => {
  // A broken server: 500, echoing every request header back as JSON, plus the Authorization in base64.
  echo = await startRecorder((req, res) => {
    const auth = String(req.headers.authorization ?? '');
    res.writeHead(500, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ code: 'ERR', headers: req.headers, b64: Buffer.from(auth).toString('base64'), basic: Buffer.from(`user:${auth.split(' ')[1] ?? ''}`).toString('base64') }));
  });
  dir = tempDir('psr-redact-');
});
afterAll(async () => {
  await echo.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('redactSecrets', () => {
  it('removes plain, JSON-escaped (once and twice), URL-encoded and base64 forms at any alignment', () => {
    for (const t of [TOKEN, BASIC]) {
      for (const f of forms(t).slice(0, -1)) expect(redactSecrets(`x ${f} y`, [t]), f).not.toContain(f);
      const basic = Buffer.from(`user:${t}`).toString('base64');
      expect(redactSecrets(`Basic ${basic}`, [t])).not.toContain(basic.slice(8, -4));
      expect(redactSecrets(`"b64":"${basic}"`, [t])).not.toContain(basic.slice(8, -4));
      for (let pad = 0; pad < 3; pad++) {
        const b64 = Buffer.from('x'.repeat(pad) + t + 'tail').toString('base64');
        const inner = Buffer.from(t).toString('base64').slice(4, -4);
        expect(redactSecrets(b64, [t]).includes(inner) && b64.includes(inner), `pad ${pad}`).toBe(false);
      }
    }
    expect(redactSecrets('Authorization: Basic abc', [])).not.toContain('abc');
    expect(redactSecrets('"authorization":"Bearer x1"', [])).not.toContain('x1');
  });

  it('never shows a token of four characters or fewer, not even as a hint', () => {
    expect(last4('abcd')).toBe('');
    expect(last4('abc')).toBe('');
    expect(redactSecrets('Authorization: Bearer abc', ['abc'])).not.toContain('abc');
    expect(last4('a-long-token-1234')).toBe('1234');
  });
});

describe('tokens echoed by a failing server', () => {
  it('cli call --base-url: stderr has no form of the token', async () => {
    const r = await exec(process.execPath, ['--import', 'tsx', 'src/main/cli/index.ts', 'call', '--base-url', echo.url, '--destination', '0901', '--extension', '101', '--url', 'wss://b.example/ws'], {
      cwd: root,
      env: { ...process.env, PSR_TOKEN: TOKEN },
    }).catch((e: { code: number; stdout: string; stderr: string }) => e);
    expect((r as { stderr: string }).stderr).toContain('PSR_HTTP_5XX');
    for (const f of forms(TOKEN)) expect((r as { stderr: string }).stderr, f).not.toContain(f);
  });

  it('psr:fetchRecording error and the history file hold no form of the token', async () => {
    const services = createNodeAppServices({ dataDir: dir, logger: silentLogger });
    try {
      const saved = await services.dispatcher.dispatch('profiles:save', { name: 'Echo', baseUrl: echo.url, authScheme: 'basic', token: BASIC });
      const id = (saved as { value: { id: string } }).value.id;
      await services.dispatcher.dispatch('profiles:setActive', { id });
      const rec = await services.dispatcher.dispatch('psr:fetchRecording', { url: `${echo.url}/psr/v1/call/record/x.wav` });
      expect(rec.ok).toBe(false);
      const sent = await services.dispatcher.dispatch('psr:createStream', { request: { ...emptyPsrRequest(), url: 'wss://b.example/ws', destination: '0901', extension: '101' } });
      expect(sent.ok).toBe(true);
      const history = fs.readdirSync(path.join(dir, 'history')).map((n) => fs.readFileSync(path.join(dir, 'history', n), 'utf8')).join('\n');
      expect(history).toContain('redacted');
      const all = JSON.stringify(rec) + JSON.stringify(sent) + history;
      for (const f of forms(BASIC)) expect(all, f).not.toContain(f);
    } finally {
      await services.dispose();
    }
  });
});
