// A still of the demo stage for Home: what a call looks like on the console, drawn as SVG (scales
// to any width, follows the UI language). The numbers in it are an illustration, said as such.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../i18n/format';
import { legNameKey } from '../live/leg-names';

const W = 640;
const H = 300;

/** Deterministic speech-like bar heights inside the given spans (x ranges). */
function bars(seed: number, spans: Array<[number, number]>): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const [a, b] of spans) {
    for (let x = a + 4; x < b - 4; x += 4) out.push([x, 0.3 + 0.65 * Math.abs(Math.sin(x * 0.09 + seed) * Math.cos(x * 0.023 + seed * 2))]);
  }
  return out;
}

const BOT: Array<[number, number]> = [
  [124, 250],
  [370, 520],
];
const CALLER: Array<[number, number]> = [
  [262, 330],
  [540, 610],
];

export function StageStill() {
  const { t } = useTranslation(['home', 'stage']);
  const bot = useMemo(() => bars(1, BOT), []);
  const caller = useMemo(() => bars(4, CALLER), []);
  const ms = (v: number) => t('stage:ms', { value: formatNumber(v) });
  return (
    <svg className="stage-still" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t('home:still')}>
      <rect width={W} height={H} rx="14" fill="#05080c" />
      <text x="20" y="34" fill="#f5f8fb" fontSize="20" fontWeight="700">
        {t('stage:state.speaking', { who: t(legNameKey('A', 'bot', 'short')) })}
      </text>
      <text x={W - 20} y="34" fill="#3ddc6e" fontSize="26" fontWeight="800" textAnchor="end">
        {ms(640)}
      </text>
      <text x={W - 20} y="52" fill="#a9b6c3" fontSize="12" textAnchor="end">
        {t('stage:figures.median')} {ms(710)}
      </text>
      <g transform="translate(0 70)">
        <rect x="10" width={W - 20} height="210" rx="10" fill="#0a1016" />
        {BOT.map(([a, b]) => (
          <rect key={`ba${a}`} x={a} y="8" width={b - a} height="80" rx="12" fill="rgba(63,210,194,0.16)" />
        ))}
        {CALLER.map(([a, b]) => (
          <rect key={`ca${a}`} x={a} y="122" width={b - a} height="80" rx="12" fill="rgba(143,180,255,0.16)" />
        ))}
        {bot.map(([x, v]) => (
          <rect key={`b${x}`} x={x} y={48 - v * 36} width="3" height={Math.max(1, v * 72)} fill="#3fd2c2" />
        ))}
        {caller.map(([x, v]) => (
          <rect key={`c${x}`} x={x} y={162 - v * 36} width="3" height={Math.max(1, v * 72)} fill="#8fb4ff" />
        ))}
        <line x1="124" x2="620" y1="48" y2="48" stroke="#3fd2c2" strokeWidth="1" />
        <line x1="124" x2="620" y1="162" y2="162" stroke="#8fb4ff" strokeWidth="1" />
        <path d="M330 122 V105 H370 V88" stroke="#3ddc6e" strokeWidth="3" fill="none" />
        <rect x="311" y="92" width="78" height="26" rx="13" fill="#3ddc6e" />
        <text x="350" y="110" fontSize="14" fontWeight="800" fill="#05080c" textAnchor="middle">
          {ms(640)}
        </text>
        <text x="22" y="54" fill="#3fd2c2" fontSize="15" fontWeight="800">
          {t(legNameKey('A', 'bot', 'short'))}
        </text>
        <text x="22" y="168" fill="#8fb4ff" fontSize="15" fontWeight="800">
          {t(legNameKey('B', 'bot', 'short'))}
        </text>
      </g>
    </svg>
  );
}
