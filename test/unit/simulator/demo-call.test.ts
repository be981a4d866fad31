// The whole demo on loopback: simulator → embedded endpoint (real EndpointService) → demo bot.
// Leg B = the scripted customer. The bot greets, answers after each customer line, then hangs up.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { EndpointService } from '../../../src/main/endpoint/endpoint-service';
import { silentLogger } from '../../../src/main/logger';
import { int16ToFloat } from '../../../src/main/audio/pcm';
import { decodeWav } from '../../../src/main/audio/wav';
import { loadPrompts } from '../../../src/main/demo-bot/prompts';
import { DemoCall, demoScriptLines } from '../../../src/main/demo/demo-call';
import { SimulatorService } from '../../../src/main/simulator/simulator-service';
import { locate } from './audio-helpers';
import { tempDir, TOKEN } from './sim-fixtures';

const resourcesDir = path.resolve(__dirname, '../../../resources');
let endpoint: EndpointService;
let service: SimulatorService;
let demo: DemoCall;
const dir = tempDir();

beforeAll(() => {
  endpoint = new EndpointService({ dataDir: dir, recordingsDir: path.join(dir, 'rec'), logger: silentLogger });
  // The endpoint's default port may be busy on a shared machine: make the demo's first start fail over to port 0.
  const start = endpoint.start.bind(endpoint);
  endpoint.start = (patch = {}) => start({ port: 0, ...patch });
  service = new SimulatorService({
    recordDir: path.join(dir, 'rec', 'simulator'),
    resourcesDir,
    logger: silentLogger,
    token: () => TOKEN,
    scriptLines: demoScriptLines(resourcesDir, silentLogger),
    overrides: { port: 0, language: 'en' },
  });
  demo = new DemoCall({ simulator: service, endpoint, resourcesDir, logger: silentLogger });
});
afterAll(async () => {
  await service.dispose();
  await endpoint.dispose();
});

it('Start demo call: greeting, customer line, answer, customer line, goodbye, hangup — all recorded', async () => {
  const res = await demo.start({ legB: 'script', language: 'en' });
  expect(res.botUrl).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\//);
  const call = service.simulator!.calls.get(res.callId)!;
  await call.finished;
  expect(call.reason).toBe('hangup');
  expect(call.actions.media).toBe(3);
  expect(call.opts.legB.linesSpoken).toBe(2);

  const prompts = loadPrompts(resourcesDir, 'en');
  const rec = decodeWav(new Uint8Array(fs.readFileSync(call.fullPath)));
  const [a, b] = rec.samples as [Float32Array, Float32Array];
  const at = (ref: Int16Array | Float32Array, sig: Float32Array) => locate(ref.subarray(0, 8000), sig);
  const greet = at(int16ToFloat(wavPcm(prompts.bot[0]!.wav)), a);
  const answer = at(int16ToFloat(wavPcm(prompts.bot[1]!.wav)), a);
  const bye = at(int16ToFloat(wavPcm(prompts.bot[2]!.wav)), a);
  const line1 = at(int16ToFloat(prompts.customer[0]!.pcm), b);
  const line2 = at(int16ToFloat(prompts.customer[1]!.pcm), b);
  for (const x of [greet, answer, bye, line1, line2]) expect(x.corr).toBeGreaterThan(0.95);
  // Turn order: greeting < customer 1 < answer < customer 2 < goodbye.
  expect(greet.lag).toBeLessThan(line1.lag);
  expect(line1.lag).toBeLessThan(answer.lag);
  expect(answer.lag).toBeLessThan(line2.lag);
  expect(line2.lag).toBeLessThan(bye.lag);
  // The endpoint recorded the same call under the same id.
  expect(fs.existsSync(path.join(dir, 'rec', `${res.callId}.meta.json`))).toBe(true);
  expect(service.status().calls[0]).toMatchObject({ callId: res.callId, demo: true, recordingsReady: true, state: 'completed' });
  const wav = await service.recording(res.callId, 'mixed');
  expect(wav.bytes).toBeGreaterThan(44 + 8000 * 2 * 10);
}, 60_000);

function wavPcm(bytes: Uint8Array): Int16Array {
  const w = decodeWav(bytes);
  const out = new Int16Array(w.samples[0]!.length);
  for (let i = 0; i < out.length; i++) out[i] = Math.round(w.samples[0]![i]! * 32767);
  return out;
}
