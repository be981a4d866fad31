// Hostile paths against the real web-mode server: every one gets an answer (400/404), the server stays up,
// and nothing outside the renderer folder is ever served.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawGet, startTestBridge } from './web-helpers';

let t: Awaited<ReturnType<typeof startTestBridge>>;
beforeAll(async () => {
  t = await startTestBridge();
});
afterAll(async () => t.stop());

const hostile = [
  '/%E0%A4%A',
  '/%',
  '/%zz',
  '/index.html%00.js',
  '/%00',
  '/assets/app.js%00',
  '/..%2f..%2fetc%2fpasswd',
  '/%2e%2e/%2e%2e/etc/passwd',
  '/assets/..%5c..%5cpackage.json',
  '/%C0%AE%C0%AE/%C0%AE%C0%AE/etc/passwd',
  '/%ED%A0%80',
  '/' + 'a'.repeat(5000),
];

describe('static files: hostile paths', () => {
  it.each(hostile)('GET %s is refused with 400 or 404 and the server stays up', async (p) => {
    const r = await rawGet(t.server.port, p);
    expect([400, 404]).toContain(r.status);
    const ok = await rawGet(t.server.port, '/');
    expect(ok.status).toBe(200);
    expect(ok.body).toContain('<title>console</title>');
  });

  it('answers 400 (not 404) for undecodable paths and NUL bytes', async () => {
    expect((await rawGet(t.server.port, '/%E0%A4%A')).status).toBe(400);
    expect((await rawGet(t.server.port, '/index.html%00.js')).status).toBe(400);
  });

  it('serves real assets', async () => {
    const r = await rawGet(t.server.port, '/assets/app.js?v=1');
    expect(r.status).toBe(200);
    expect(r.body).toBe('console.log(1)');
  });

  it('survives a bounded fuzz of random paths, never leaking a file outside the folder', async () => {
    let seed = 12345;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const pieces = ['%', '%0', '%00', '%E0', '%A4', '%2e', '%2f', '%5c', '..', '/', '\\', 'index.html', 'assets', 'app.js', '%C0%AF', '%ff', '?', '#', ';', '%25', 'x'];
    for (let i = 0; i < 300; i++) {
      let p = '/';
      const len = 1 + rand(8);
      for (let j = 0; j < len; j++) p += pieces[rand(pieces.length)];
      p = p.replace(/#/g, '%23');
      const r = await rawGet(t.server.port, p);
      expect([200, 400, 404], p).toContain(r.status);
      if (r.status === 200) expect(['<!doctype html><title>console</title>', 'console.log(1)'], p).toContain(r.body);
    }
    expect((await rawGet(t.server.port, '/')).status).toBe(200);
  });
});
