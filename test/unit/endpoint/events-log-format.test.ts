// The event log is written as text (not by stringifying an object per frame): every line must still
// be exactly the JSON of a LogEntry, whatever the summary or the frame holds (quotes, backslashes,
// non-ASCII, control characters), and the media lines keep their elided frame.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { logEntrySchema } from '../../../src/shared/contract/live';
import { bytesOf, interleave, makeService, psrClient, sine } from './helpers';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

describe('events.jsonl format', () => {
  it('each line is the canonical JSON of a valid LogEntry', async () => {
    const h = makeService();
    cleanups.push(() => h.service.dispose());
    const url = (await h.service.start({ port: 0 })).localUrl!;
    const c = await psrClient(url, { call_id: 'fmt-1', tenant: 't' });
    const audio = bytesOf(interleave(sine(440, 0.3), sine(880, 0.3)));
    await c.connected('stereo');
    for (let i = 0; i < 10; i++) await c.media(audio.subarray(i * 640, (i + 1) * 640), 'stereo', 1_700_000_000_000 + 20 * i);
    await c.send('say "hi" \\ ☃ \u0001 end'); // non-JSON text: quoted in the summary
    await c.json({ event: 'd"tmf\u2028', digit: '5' }); // unknown event with awkward characters
    await c.media(audio.subarray(6400, 7040), 'stereo');
    await c.closed();
    await h.ended('fmt-1');
    const text = fs.readFileSync(path.join(h.recordingsDir, 'fmt-1.events.jsonl'), 'utf8');
    const lines = text.split('\n');
    expect(lines.pop()).toBe(''); // ends with a newline
    expect(lines.length).toBeGreaterThan(13);
    lines.forEach((line, i) => {
      const entry = logEntrySchema.parse(JSON.parse(line));
      expect(JSON.stringify(entry)).toBe(line);
      expect(entry.seq).toBe(i);
    });
    const entries = lines.map((l) => logEntrySchema.parse(JSON.parse(l)));
    const media = entries.filter((e) => e.type === 'media');
    expect(media).toHaveLength(11);
    for (const m of media) {
      expect(m.summary).toBe('media 640 B, 20.0 ms stereo');
      expect(m.json).toMatch(/"payload":"<640 bytes base64>"/);
    }
    expect(entries.some((e) => e.code === 'FRAME_NOT_JSON' && e.summary.includes('say \\"hi\\"'))).toBe(true);
    expect(entries.some((e) => e.code === 'FRAME_UNKNOWN_EVENT' && e.type === 'd"tmf\u2028')).toBe(true);
  });
});
