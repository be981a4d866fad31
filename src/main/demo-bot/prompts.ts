// The bundled demo prompts (resources/prompts, see SOURCE.md there): bot prompts as WAV bytes,
// customer lines as 8 kHz PCM for the simulator's scripted leg B.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import { wavToPsrPcm } from '../audio/psr-pcm';

export type PromptLanguage = 'en' | 'vi';

const lineSchema = z.object({ file: z.string().regex(/^[a-z]{2}\/[a-z0-9-]+\.wav$/), text: z.string() });
const manifestSchema = z.record(z.string(), z.object({ voice: z.string(), bot: z.array(lineSchema).min(1), customer: z.array(lineSchema) }));

export interface Prompt {
  label: string;
  text: string;
  wav: Uint8Array;
  /** Duration at 8 kHz, seconds. */
  seconds: number;
}

export interface PromptSet {
  bot: Prompt[];
  customer: { label: string; text: string; pcm: Int16Array }[];
}

const cache = new Map<string, PromptSet>();

export function loadPrompts(resourcesDir: string, lang: PromptLanguage): PromptSet {
  const dir = path.join(resourcesDir, 'prompts');
  const key = `${dir}|${lang}`;
  const hit = cache.get(key);
  if (hit) return hit;
  let manifest: z.infer<typeof manifestSchema>;
  try {
    manifest = manifestSchema.parse(JSON.parse(fs.readFileSync(path.join(dir, 'prompts.json'), 'utf8')));
  } catch (e) {
    throw new AppError('DEMO_PROMPTS_MISSING', `resources/prompts/prompts.json: expected the bundled prompt list (${e instanceof Error ? e.message : String(e)})`, undefined, { file: 'resources/prompts/prompts.json' });
  }
  const set = manifest[lang];
  if (!set) throw new AppError('DEMO_PROMPTS_MISSING', `resources/prompts: expected prompts for language '${lang}'`, undefined, { context: 'language', lang });
  const read = (file: string) => {
    try {
      return new Uint8Array(fs.readFileSync(path.join(dir, file)));
    } catch {
      throw new AppError('DEMO_PROMPTS_MISSING', `resources/prompts/${file}: expected the bundled prompt (run scripts/make-prompts.sh)`, undefined, { file: `resources/prompts/${file}` });
    }
  };
  const result: PromptSet = {
    bot: set.bot.map((l) => {
      const wav = read(l.file);
      return { label: path.basename(l.file, '.wav'), text: l.text, wav, seconds: wavToPsrPcm(wav).length / 8000 };
    }),
    customer: set.customer.map((l) => ({ label: path.basename(l.file, '.wav'), text: l.text, pcm: wavToPsrPcm(read(l.file)) })),
  };
  cache.set(key, result);
  return result;
}
