// The stage's drawing loop: level windows go into two rings as call:levels events arrive, and one
// requestAnimationFrame loop draws the canvas and slides the turn badges and barge-in markers (DOM
// elements React rendered) to their places. No React render per frame or per level event.
import { useEffect, useRef } from 'react';
import { onEvent } from '../../api/client';
import { clearRing, feedRing, newLevelRing } from './level-ring';
import { drawStage, timeToX, type StageScene } from './stage-draw';

/** Between level batches the picture keeps scrolling, up to this far past the newest window. */
const MAX_COAST_MS = 250;

export interface Placed {
  el: HTMLElement;
  /** Call audio time (ms) the element marks. */
  t: number;
  lastX: number;
}

export interface StageCanvasRefs {
  canvas: React.RefObject<HTMLCanvasElement | null>;
  /** Scene parts React updates on turn/voice changes (the rings are filled here). */
  scene: React.RefObject<Omit<StageScene, 'a' | 'b'> | null>;
  placed: React.RefObject<Map<string, Placed>>;
}

export function useStageCanvas(callId: string | null, ended: boolean, refs: StageCanvasRefs): void {
  const rings = useRef({ a: newLevelRing(), b: newLevelRing() });
  const clock = useRef({ endT: 0, at: 0 });
  const endedRef = useRef(ended);
  endedRef.current = ended;

  useEffect(() => {
    clearRing(rings.current.a);
    clearRing(rings.current.b);
    clock.current = { endT: 0, at: 0 };
    if (!callId) return;
    return onEvent('call:levels', (p) => {
      if (p.callId !== callId) return;
      const { a, b } = rings.current;
      for (const w of p.windows) {
        if (w.leg === 'A') feedRing(a, w);
        else if (w.leg === 'B') feedRing(b, w);
      }
      const endT = Math.max(a.endT, b.endT);
      if (endT > clock.current.endT) clock.current = { endT, at: performance.now() };
    });
  }, [callId]);

  useEffect(() => {
    const canvas = refs.canvas.current;
    if (!canvas) return;
    const size = { w: 0, h: 0, dpr: 1 };
    const measure = () => {
      size.dpr = window.devicePixelRatio || 1;
      size.w = canvas.clientWidth;
      size.h = canvas.clientHeight;
      canvas.width = Math.max(1, Math.round(size.w * size.dpr));
      canvas.height = Math.max(1, Math.round(size.h * size.dpr));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(canvas);
    const g = canvas.getContext('2d', { alpha: false });
    let raf = 0;
    // What the canvas shows now: nothing is redrawn until time moves or the scene changes.
    let drawn = { nowT: Number.NaN, scene: null as unknown, w: 0, h: 0 };
    const frame = () => {
      raf = requestAnimationFrame(frame);
      const scene = refs.scene.current;
      if (!g || !scene || size.w === 0) return;
      const c = clock.current;
      const nowT = endedRef.current || c.endT === 0 ? c.endT : c.endT + Math.min(MAX_COAST_MS, performance.now() - c.at);
      if (nowT === drawn.nowT && scene === drawn.scene && size.w === drawn.w && size.h === drawn.h) return;
      drawn = { nowT, scene, w: size.w, h: size.h };
      g.setTransform(size.dpr, 0, 0, size.dpr, 0, 0);
      drawStage(g, size.w, size.h, nowT, { ...scene, a: rings.current.a, b: rings.current.b });
      for (const p of refs.placed.current.values()) {
        const x = Math.round(timeToX(p.t, nowT, size.w));
        if (x === p.lastX) continue;
        p.lastX = x;
        p.el.style.transform = `translate(${x}px, 0) translateX(-50%)`;
      }
    };
    raf = requestAnimationFrame(frame);
    return () => {
      cancelAnimationFrame(raf);
      observer.disconnect();
    };
  }, [refs]);
}
