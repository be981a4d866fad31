// Listen-live player (AudioWorklet). Receives 16-bit PCM of up to three legs (A, B, bot out),
// keeps a jitter buffer of `targetSamples`, and mixes: stereo = A left, B right, bot out centre;
// mono = everything on both sides. Plain loops over preallocated typed arrays: no allocation per block.
const CAP = 8000 * 8; // 8 s of audio per leg at 8 kHz
const LEGS = 3;

class ListenPlayer extends AudioWorkletProcessor {
  constructor() {
    super();
    this.rings = [new Float32Array(CAP), new Float32Array(CAP), new Float32Array(CAP)];
    this.readPos = 0;
    this.writePos = 0;
    this.buffered = 0;
    this.playing = false;
    this.targetSamples = 480; // 60 ms
    this.gains = new Float32Array([1, 1, 1]);
    this.mono = false;
    this.underruns = 0;
    this.late = 0;
    this.frames = 0;
    this.nextT = -1; // call time (ms) right after the last written sample
    this.playT = -1; // call time (ms) of the sample being played
    this.sinceStats = 0;
    this.port.onmessage = (ev) => this.onMessage(ev.data);
  }

  onMessage(m) {
    if (m.type === 'pcm') this.write(m.t, m.legIdx, m.pcm);
    else if (m.type === 'gains') {
      for (let i = 0; i < LEGS; i++) this.gains[i] = m.gains[i];
      this.mono = m.mono;
    } else if (m.type === 'target') this.targetSamples = m.samples;
  }

  write(t, legIdx, pcm) {
    const stride = legIdx.length;
    const n = Math.floor(pcm.length / stride);
    this.frames++;
    // Late: the playout clock already passed this frame's start (it arrived after we needed it).
    if (this.playing && this.playT >= 0 && t + 1 < this.playT) this.late++;
    // A gap in call time (no frames for a while) is filled with silence so legs stay aligned.
    if (this.nextT >= 0 && t > this.nextT + 1) {
      const gap = Math.min(Math.round(((t - this.nextT) * sampleRate) / 1000), 1600);
      this.pushSilence(gap);
    }
    if (this.buffered + n > CAP) {
      // Far behind: drop the oldest audio rather than grow without bound.
      const drop = this.buffered + n - CAP;
      this.readPos = (this.readPos + drop) % CAP;
      this.buffered -= drop;
    }
    let w = this.writePos;
    for (let i = 0; i < n; i++) {
      for (let l = 0; l < LEGS; l++) this.rings[l][w] = 0;
      for (let k = 0; k < stride; k++) this.rings[legIdx[k]][w] = pcm[i * stride + k] / 32768;
      w = w + 1 === CAP ? 0 : w + 1;
    }
    this.writePos = w;
    this.buffered += n;
    this.nextT = t + (n * 1000) / sampleRate;
  }

  pushSilence(n) {
    let w = this.writePos;
    for (let i = 0; i < n && this.buffered < CAP; i++) {
      for (let l = 0; l < LEGS; l++) this.rings[l][w] = 0;
      w = w + 1 === CAP ? 0 : w + 1;
      this.buffered++;
    }
    this.writePos = w;
  }

  process(_inputs, outputs) {
    const out = outputs[0];
    const left = out[0];
    const right = out[1] || out[0];
    const n = left.length;
    if (!this.playing && this.buffered >= this.targetSamples) this.playing = true;
    // Too much buffered (a burst after a stall): skip ahead to the target to keep latency low.
    if (this.playing && this.buffered > this.targetSamples * 4 + n) {
      const drop = this.buffered - this.targetSamples;
      this.readPos = (this.readPos + drop) % CAP;
      this.buffered -= drop;
    }
    const gA = this.gains[0];
    const gB = this.gains[1];
    const gC = this.gains[2];
    const [ra, rb, rc] = this.rings;
    let r = this.readPos;
    for (let i = 0; i < n; i++) {
      if (!this.playing || this.buffered === 0) {
        if (this.playing) {
          this.underruns++;
          this.playing = false;
        }
        left[i] = 0;
        right[i] = 0;
        continue;
      }
      const a = ra[r] * gA;
      const b = rb[r] * gB;
      const c = rc[r] * gC;
      if (this.mono) {
        const m = a + b + c;
        left[i] = m;
        right[i] = m;
      } else {
        left[i] = a + c * 0.7;
        right[i] = b + c * 0.7;
      }
      r = r + 1 === CAP ? 0 : r + 1;
      this.buffered--;
    }
    this.readPos = r;
    if (this.nextT >= 0) this.playT = this.nextT - (this.buffered * 1000) / sampleRate;
    this.sinceStats += n;
    if (this.sinceStats >= sampleRate / 4) {
      this.sinceStats = 0;
      this.port.postMessage({
        underruns: this.underruns,
        late: this.late,
        frames: this.frames,
        bufferedMs: (this.buffered * 1000) / sampleRate,
        targetMs: (this.targetSamples * 1000) / sampleRate,
        playing: this.playing,
      });
    }
    return true;
  }
}

registerProcessor('listen-player', ListenPlayer);
