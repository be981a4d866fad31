// The stage's timeline: a canvas with both legs' waveforms and speech bubbles (drawn every frame by
// use-stage-canvas), the lane names, and over it one badge per turn (its latency, coloured by the
// user's thresholds) and one marker per barge-in, as elements with accessible names.
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Turn } from '../../../../shared/contract/calls';
import { segmentsOf, type VoiceEvent } from '../live/use-call-activity';
import { formatNumber, formatSeconds } from '../../i18n/format';
import { gradeLatency } from './latency-grade';
import type { StageColors, StageScene } from './stage-draw';
import { useStageCanvas, type Placed } from './use-stage-canvas';

/** Badges kept in the page: the newest turns (older ones have long scrolled out of the 15 s). */
const MAX_BADGES = 40;
const COLOR_VARS: Record<keyof StageColors, string> = {
  bg: '--stage-track',
  grid: '--stage-grid',
  text: '--stage-muted',
  bot: '--stage-bot',
  botCore: '--stage-bot-core',
  botSoft: '--stage-bot-soft',
  caller: '--stage-caller',
  callerCore: '--stage-caller-core',
  callerSoft: '--stage-caller-soft',
  good: '--stage-good',
  fair: '--stage-fair',
  poor: '--stage-poor',
  bargeIn: '--stage-barge',
  now: '--stage-text',
};

export interface StageTrackProps {
  callId: string | null;
  ended: boolean;
  voice: readonly VoiceEvent[];
  turns: readonly Turn[];
  bargeIns: readonly number[];
  goodMs: number;
  fairMs: number;
  theme: 'dark' | 'light';
  botName: string;
  callerName: string;
}

export function StageTrack(p: StageTrackProps) {
  const { t, i18n } = useTranslation('stage');
  const lang = i18n.language;
  const root = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const scene = useRef<Omit<StageScene, 'a' | 'b'> | null>(null);
  const placed = useRef(new Map<string, Placed>());
  const colors = useRef<StageColors | null>(null);

  // Colours come from the theme's CSS variables, read when the theme changes.
  useEffect(() => {
    const el = root.current;
    if (!el) return;
    const cs = getComputedStyle(el);
    colors.current = Object.fromEntries(Object.entries(COLOR_VARS).map(([k, v]) => [k, cs.getPropertyValue(v).trim() || '#888'])) as unknown as StageColors;
  }, [p.theme]);

  // A segment still open runs to "now" (the drawing clips it there).
  const speech = useMemo(() => ({ A: segmentsOf(p.voice, 'A', Infinity), B: segmentsOf(p.voice, 'B', Infinity) }), [p.voice]);
  useEffect(() => {
    if (!colors.current) return;
    scene.current = {
      speechA: speech.A,
      speechB: speech.B,
      turns: p.turns,
      bargeIns: p.bargeIns,
      goodMs: p.goodMs,
      fairMs: p.fairMs,
      colors: colors.current,
      seconds: (s) => t('seconds', { value: formatNumber(s) }),
    };
  }, [speech, p.turns, p.bargeIns, p.goodMs, p.fairMs, p.theme, t, lang]);

  const refs = useMemo(() => ({ canvas, scene, placed }), []);
  useStageCanvas(p.callId, p.ended, refs);

  const place = (key: string, tMs: number) => (el: HTMLElement | null) => {
    if (el) placed.current.set(key, { el, t: tMs, lastX: Number.NaN });
    else placed.current.delete(key);
  };

  const turns = p.turns.slice(-MAX_BADGES);
  return (
    <div className="stage-track" ref={root} role="group" aria-label={t('lanes', { a: p.botName, b: p.callerName })}>
      <canvas ref={canvas} className="stage-canvas" aria-hidden="true" />
      <span className="stage-lane-name stage-lane-a" aria-hidden="true">
        {p.botName}
      </span>
      <span className="stage-lane-name stage-lane-b" aria-hidden="true">
        {p.callerName}
      </span>
      <ol className="stage-badges" aria-label={t('badges')}>
        {turns.map((turn) => {
          // Worded as the live view's turn list words it (same number, same rounding).
          const ms = t('ms', { value: formatNumber(turn.latencyMs) });
          const n = turn.index + 1;
          return (
            <li
              key={turn.index}
              ref={place(`turn-${turn.index}`, (turn.bEndT + turn.aStartT) / 2)}
              // Alternate rows, so two quick turns side by side do not cover each other.
              className={`stage-badge row-${turn.index % 2} ${turn.bargeIn ? 'is-barge-in' : `grade-${gradeLatency(turn.latencyMs, p.goodMs, p.fairMs)}`}`}
              aria-label={t(turn.bargeIn ? 'badgeBargeIn' : 'badge', { n, ms })}
            >
              <span className="stage-badge-ms" aria-hidden="true">
                {ms}
              </span>
              <span className="stage-badge-n" aria-hidden="true">
                {t('turnShort', { n })}
              </span>
            </li>
          );
        })}
      </ol>
      <ul className="stage-barge-ins" aria-label={t('bargeIns')}>
        {p.bargeIns.slice(-MAX_BADGES).map((at) => (
          <li key={at} ref={place(`barge-${at}`, at)} className="stage-barge" aria-label={t('bargeInAt', { at: t('seconds', { value: formatSeconds(at) }) })}>
            <span aria-hidden="true">⚡ {t('bargeIn')}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
