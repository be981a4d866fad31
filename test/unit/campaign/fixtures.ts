// Campaign test fixtures written to a temp folder: a caller WAV, a scenario, a customers CSV.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { wavHeader } from '../../../src/main/audio/wav-recorder';

export function toneWav(ms: number, hz = 300): Buffer {
  const n = Math.round((8000 * ms) / 1000);
  const wav = Buffer.alloc(44 + n * 2);
  wavHeader(1, 8000, n * 2).copy(wav);
  for (let i = 0; i < n; i++) wav.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * hz * i) / 8000)) || 1, 44 + i * 2);
  return wav;
}

/** A scenario of `turns` caller turns (say 600 ms, expect a reply, wait for the bot to finish), then the caller hangs up. */
export function writeCampaignFixtures(opts: { turns: number; customers: number; replyWithinMs?: number }): { dir: string; scenario: string; customers: string; rows: Record<string, string>[] } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'psr-campaign-'));
  fs.writeFileSync(path.join(dir, 'caller.wav'), toneWav(600));
  const steps: unknown[] = [{ expect_bot_audio: { within_ms: 3000 } }, { wait_bot_quiet: { ms: 200 } }];
  for (let i = 0; i < opts.turns; i++) steps.push({ say: 'caller.wav' }, { expect_reply: { within_ms: opts.replyWithinMs ?? 3000 } }, { wait_bot_quiet: { ms: 200 } });
  steps.push('hangup');
  const scenario = path.join(dir, 'scenario.json');
  fs.writeFileSync(scenario, JSON.stringify({ name: 'Campaign test caller', call: { app: 'bot', channel: 'stereo', is_silence: true, parameter: { campaign: 'spring' } }, steps }, null, 2));
  const rows: Record<string, string>[] = [];
  for (let i = 0; i < opts.customers; i++) rows.push({ ma_kh: `KH${String(i).padStart(4, '0')}`, ten: i % 2 ? 'Nguyễn Văn "An"' : 'Trần, Bình', so_tien: String(1000 * i) });
  const csv = ['ma_kh,ten,so_tien', ...rows.map((r) => `${r.ma_kh},"${r.ten!.replace(/"/g, '""')}",${r.so_tien}`)].join('\r\n');
  const customers = path.join(dir, 'customers.csv');
  fs.writeFileSync(customers, csv + '\r\n');
  return { dir, scenario, customers, rows };
}
