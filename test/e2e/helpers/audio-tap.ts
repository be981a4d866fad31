// Captures what the page plays: an analyser is tapped onto every connection to an AudioContext's
// destination. Install before the app loads (addInitScript, then reload).
import type { Page } from '@playwright/test';

declare global {
  interface Window {
    /** Peak of the page's audio output right now (0–1). */
    __tapLevel?: () => number;
    /** Date.now() when the output first went above 0.05, or null. */
    __tapFirstLoudAt?: number | null;
    /** AudioContexts still open (a closed one has released the output device). */
    __tapOpenContexts?: () => number;
  }
}

export async function installAudioTap(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const analysers: AnalyserNode[] = [];
    const original = AudioNode.prototype.connect as (this: AudioNode, ...args: unknown[]) => unknown;
    AudioNode.prototype.connect = function (this: AudioNode, ...args: unknown[]) {
      const dest = args[0];
      if (dest instanceof AudioDestinationNode) {
        const an = this.context.createAnalyser();
        an.fftSize = 256;
        original.call(this, an);
        analysers.push(an);
      }
      return original.apply(this, args);
    } as typeof AudioNode.prototype.connect;
    const buf = new Float32Array(256);
    window.__tapLevel = () => {
      let peak = 0;
      for (const an of analysers) {
        if (an.context.state === 'closed') continue;
        an.getFloatTimeDomainData(buf);
        for (const v of buf) peak = Math.max(peak, Math.abs(v));
      }
      return peak;
    };
    window.__tapOpenContexts = () => new Set(analysers.filter((a) => a.context.state !== 'closed').map((a) => a.context)).size;
    window.__tapFirstLoudAt = null;
    const watch = () => {
      if (window.__tapFirstLoudAt === null && window.__tapLevel!() > 0.05) window.__tapFirstLoudAt = Date.now();
      setTimeout(watch, 2);
    };
    watch();
  });
  await page.reload();
}
