// A still of the demo stage for Home: what a call looks like on the console, drawn as SVG (scales
// to any width, follows the UI language). The numbers in it are an illustration, said as such.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMs } from './format';

const W = 640;
const H = 300;

/** Deterministic speech-like bar heights: bursts of a few hundred ms with quiet between. */
function bars(seed: number, spans: Array<[number, number]>): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let x = 0; x < W; x += 4) {
    const on = spans.some(([a, b]) => x >= a && x < b);
    const v = on ? 0.35 + 0.6 * Math.abs(Math.sin(x * 0.09 + seed) * Math.cos(x * 0.023 + seed * 2)) : 0.03;
    out.push([x, v]);
  }
  return out;
}

const BOT: Array<[number, number]> = [
  [20, 190],
  [330, 470],
];
const CALLER: Array<[number, number]> = [
  [215, 300],
  [500, 600],
];

export function StageStill() {
  const { t, i18n } = useTranslation(['home', 'stage']);
  const lang = i18n.language;
  const bot = useMemo(() => bars(1, BOT), []);
  const caller = useMemo(() => bars(4, CALLER), []);
  const ms = (v: number) => t('stage:ms', { value: formatMs(lang, v) });
  return (
    <svg className="stage-still" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t('home:still')}>
      <rect width={W} height={H} rx="14" fill="#05080c" />
      <text x="20" y="34" fill="#f5f8fb" fontSize="20" fontWeight="700">
        {t('stage:state.speaking', { who: t('stage:role.bot') })}
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
        <path d="M300 122 V105 H330 V88" stroke="#3ddc6e" strokeWidth="3" fill="none" />
        <rect x="276" y="92" width="78" height="26" rx="13" fill="#3ddc6e" />
        <text x="315" y="110" fontSize="14" fontWeight="800" fill="#05080c" textAnchor="middle">
          {ms(640)}
        </text>
        <path d="M600 122 V105" stroke="#f2c14e" strokeWidth="3" fill="none" />
        <text x="22" y="26" fill="#3fd2c2" fontSize="16" fontWeight="800">
          {t('stage:role.bot')}
        </text>
        <text x="22" y="198" fill="#8fb4ff" fontSize="16" fontWeight="800">
          {t('stage:role.caller')}
        </text>
      </g>
    </svg>
  );
}
