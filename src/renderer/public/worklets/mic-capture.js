// Microphone capture (AudioWorklet): mono mixdown, low-pass below 8 kHz's Nyquist, resampling from
// the context rate to 8 kHz, 16-bit frames of `frameSamples` posted to the page with their peak level.
// Runs on the audio thread: plain loops, state preallocated, one small copy per posted frame.
const OUT_RATE = 8000;
const CUTOFF = 3400;

function lowpass(fs) {
  // RBJ biquad low-pass, Q = 1/sqrt(2); two in cascade give a 4th-order Butterworth-like slope.
  const w = (2 * Math.PI * CUTOFF) / fs;
  const alpha = Math.sin(w) / (2 * Math.SQRT1_2);
  const cos = Math.cos(w);
  const a0 = 1 + alpha;
  return { b0: (1 - cos) / 2 / a0, b1: (1 - cos) / a0, b2: (1 - cos) / 2 / a0, a1: (-2 * cos) / a0, a2: (1 - alpha) / a0 };
}

class MicCapture extends AudioWorkletProcessor {
  constructor(options) {
    super();
    const o = (options && options.processorOptions) || {};
    this.frame = o.frameSamples || 320;
    this.step = sampleRate / OUT_RATE;
    this.c = lowpass(sampleRate);
    this.s = new Float64Array(8); // x1, x2, y1, y2 of both stages
    this.g = 0; // index of the current input sample
    this.nextOut = 0; // input-sample time of the next output sample
    this.prev = 0;
    this.out = new Int16Array(this.frame);
    this.n = 0;
    this.peak = 0;
    this.stopped = false;
    this.port.onmessage = (ev) => {
      if (ev.data === 'stop') this.stopped = true;
    };
  }

  biquad(x, k) {
    const c = this.c;
    const s = this.s;
    const y = c.b0 * x + c.b1 * s[k] + c.b2 * s[k + 1] - c.a1 * s[k + 2] - c.a2 * s[k + 3];
    s[k + 1] = s[k];
    s[k] = x;
    s[k + 3] = s[k + 2];
    s[k + 2] = y;
    return y;
  }

  process(inputs) {
    if (this.stopped) return false;
    const input = inputs[0];
    if (!input || input.length === 0 || !input[0]) return true;
    const chans = input.length;
    const len = input[0].length;
    for (let i = 0; i < len; i++) {
      let x = 0;
      for (let c = 0; c < chans; c++) x += input[c][i];
      x /= chans;
      const y = this.biquad(this.biquad(x, 0), 4);
      // Linear interpolation between the previous and this filtered sample at each output instant.
      while (this.nextOut <= this.g) {
        const frac = this.nextOut - (this.g - 1);
        let v = this.prev + (y - this.prev) * frac;
        if (v > 1) v = 1;
        else if (v < -1) v = -1;
        const a = v < 0 ? -v : v;
        if (a > this.peak) this.peak = a;
        this.out[this.n++] = Math.round(v * 32767);
        if (this.n === this.frame) {
          const pcm = this.out.slice();
          this.port.postMessage({ pcm: pcm.buffer, peak: this.peak }, [pcm.buffer]);
          this.n = 0;
          this.peak = 0;
        }
        this.nextOut += this.step;
      }
      this.prev = y;
      this.g++;
    }
    // Keep the counters small so float precision never degrades over a long call.
    if (this.g > 1e6) {
      this.g -= 1e6;
      this.nextOut -= 1e6;
    }
    return true;
  }
}

registerProcessor('mic-capture', MicCapture);
