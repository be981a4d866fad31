// Captures the microphone and hands out 8 kHz 16-bit mono frames (the AudioWorklet in
// public/worklets/mic-capture.js does the downsampling on the audio thread).

export interface MicCapture {
  /** The device's label, when the browser reveals it. */
  readonly label: string;
  stop(): Promise<void>;
}

export const MIC_FRAME_SAMPLES = 320; // 40 ms at 8 kHz

export async function startMicCapture(onFrame: (pcm: Int16Array, peak: number) => void): Promise<MicCapture> {
  const stream = await navigator.mediaDevices.getUserMedia({
    // Echo cancellation matters here: leg A plays on the speakers while the mic is open.
    audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true, channelCount: 1 },
  });
  let ctx: AudioContext | null = null;
  try {
    ctx = new AudioContext({ latencyHint: 'interactive' });
    await ctx.audioWorklet.addModule(new URL('./worklets/mic-capture.js', document.baseURI).href);
    const source = ctx.createMediaStreamSource(stream);
    const node = new AudioWorkletNode(ctx, 'mic-capture', { processorOptions: { frameSamples: MIC_FRAME_SAMPLES }, numberOfOutputs: 1 });
    // A muted path to the destination keeps the worklet pulled by the graph in every browser.
    const mute = ctx.createGain();
    mute.gain.value = 0;
    source.connect(node).connect(mute).connect(ctx.destination);
    node.port.onmessage = (ev: MessageEvent<{ pcm: ArrayBuffer; peak: number }>) => onFrame(new Int16Array(ev.data.pcm), ev.data.peak);
    if (ctx.state === 'suspended') await ctx.resume();
    const track = stream.getAudioTracks()[0];
    const context = ctx;
    return {
      label: track?.label ?? '',
      async stop() {
        node.port.postMessage('stop');
        node.port.onmessage = null;
        for (const t of stream.getTracks()) t.stop();
        await context.close().catch(() => {});
      },
    };
  } catch (e) {
    for (const t of stream.getTracks()) t.stop();
    await ctx?.close().catch(() => {});
    throw e;
  }
}
