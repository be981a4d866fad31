// One meter per leg present, drawn at the display's frame rate from the levels main computed.
// Level events update plain objects; a single requestAnimationFrame loop draws every canvas and
// writes aria-valuenow/valuetext directly, so 50 events a second never re-render React.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Leg } from '../../../../shared/contract/live';
import { onEvent } from '../../api/client';
import { formatNumber } from '../../i18n/format';
import {
  METER_MAX_DB,
  METER_MIN_DB,
  ariaValue,
  dbToFraction,
  feedWindow,
  hasSignal,
  newMeterState,
  peakNow,
  type MeterState,
} from './meter-ballistics';

const SCALE_MARKS = [-60, -40, -30, -20, -10, -6, -3, 0];

interface MeterDom {
  root: HTMLDivElement;
  canvas: HTMLCanvasElement;
  readout: HTMLSpanElement;
  clip: HTMLSpanElement;
  lastNow: string;
  lastText: string;
}

export function MeterBank({ callId, legs }: { callId: string; legs: Leg[] }) {
  const { t } = useTranslation('live');
  const states = useRef(new Map<Leg, MeterState>());
  const doms = useRef(new Map<Leg, MeterDom>());
  const texts = useRef({ noSignal: '', clipped: '' });
  texts.current = { noSignal: t('meter.noSignal'), clipped: t('meter.clipped') };

  useEffect(() => {
    states.current = new Map(legs.map((l) => [l, newMeterState()]));
    return onEvent('call:levels', (p) => {
      if (p.callId !== callId) return;
      const now = performance.now();
      for (const w of p.windows) {
        const s = states.current.get(w.leg);
        if (s) feedWindow(s, w.rmsDbfs, w.peakDbfs, w.clipped, now);
      }
    });
  }, [callId, legs]);

  useEffect(() => {
    let raf = 0;
    const frame = () => {
      raf = requestAnimationFrame(frame);
      const now = performance.now();
      for (const [leg, dom] of doms.current) {
        const s = states.current.get(leg);
        if (s) drawMeter(dom, s, now, texts.current);
      }
    };
    raf = requestAnimationFrame(frame);
    return () => cancelAnimationFrame(raf);
  }, []);

  return (
    <div className="meter-bank">
      {legs.map((leg) => (
        <div
          key={leg}
          className="meter"
          role="meter"
          aria-label={t(`leg.${leg}`)}
          aria-valuemin={METER_MIN_DB}
          aria-valuemax={METER_MAX_DB}
          ref={(el) => {
            if (!el) {
              doms.current.delete(leg);
              return;
            }
            doms.current.set(leg, {
              root: el,
              canvas: el.querySelector('canvas')!,
              readout: el.querySelector('.meter-readout')!,
              clip: el.querySelector('.meter-clip')!,
              lastNow: '',
              lastText: '',
            });
          }}
        >
          <span className="meter-name" aria-hidden="true">
            {t(`leg.${leg}`)}
          </span>
          <canvas className="meter-canvas" aria-hidden="true" />
          <span className="meter-readout" aria-hidden="true" />
          <span className="meter-clip" aria-hidden="true">
            {t('meter.clip')}
          </span>
        </div>
      ))}
      <div className="meter-scale" aria-hidden="true">
        {SCALE_MARKS.map((db) => (
          <span key={db} style={{ left: `${dbToFraction(db) * 100}%` }}>
            {db}
          </span>
        ))}
      </div>
    </div>
  );
}

function drawMeter(dom: MeterDom, s: MeterState, now: number, texts: { noSignal: string; clipped: string }): void {
  const signal = hasSignal(s, now);
  const value = ariaValue(s, now);
  const clipOn = now < s.clipUntil;
  const valueNow = String(value);
  const valueText = signal ? `${formatNumber(value, 1, true)} dBFS${clipOn ? `, ${texts.clipped}` : ''}` : texts.noSignal;
  if (valueNow !== dom.lastNow) {
    dom.root.setAttribute('aria-valuenow', valueNow);
    dom.lastNow = valueNow;
  }
  if (valueText !== dom.lastText) {
    dom.root.setAttribute('aria-valuetext', valueText);
    dom.readout.textContent = signal ? `${formatNumber(value, 1, true)} dBFS` : texts.noSignal;
    dom.root.dataset.signal = signal ? 'on' : 'off';
    dom.lastText = valueText;
  }
  dom.clip.dataset.on = clipOn ? 'true' : 'false';

  const c = dom.canvas;
  const dpr = window.devicePixelRatio || 1;
  const w = Math.max(1, Math.round(c.clientWidth * dpr));
  const h = Math.max(1, Math.round(c.clientHeight * dpr));
  if (c.width !== w || c.height !== h) {
    c.width = w;
    c.height = h;
  }
  const g = c.getContext('2d');
  if (!g) return;
  g.fillStyle = '#0b1015';
  g.fillRect(0, 0, w, h);
  if (signal) {
    const x = dbToFraction(s.rmsDbfs) * w;
    // Green below −18 dBFS, amber to −6, red above: the zones of a broadcast meter.
    const amber = dbToFraction(-18) * w;
    const red = dbToFraction(-6) * w;
    g.fillStyle = '#3fb950';
    g.fillRect(0, 0, Math.min(x, amber), h);
    if (x > amber) {
      g.fillStyle = '#e3b341';
      g.fillRect(amber, 0, Math.min(x, red) - amber, h);
    }
    if (x > red) {
      g.fillStyle = '#f05d5e';
      g.fillRect(red, 0, x - red, h);
    }
  }
  const peak = peakNow(s, now);
  if (peak > METER_MIN_DB) {
    const px = Math.min(w - 2 * dpr, dbToFraction(peak) * w);
    g.fillStyle = '#e6edf3';
    g.fillRect(px, 0, 2 * dpr, h);
  }
}
