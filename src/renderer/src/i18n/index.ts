/// <reference types="vite/client" />
// i18next with one namespace per domain: locales/<lang>/<namespace>.json.
// Every visible string goes through t(); the e2e language test walks the screens in Vietnamese.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';

const files = import.meta.glob('./locales/*/*.json', { eager: true, import: 'default' }) as Record<string, Record<string, unknown>>;

const resources: Record<string, Record<string, Record<string, unknown>>> = {};
for (const [file, data] of Object.entries(files)) {
  const m = /\.\/locales\/([a-z]{2})\/([\w-]+)\.json$/.exec(file);
  if (!m) continue;
  const [, lang, ns] = m as unknown as [string, string, string];
  (resources[lang] ??= {})[ns] = data;
}

export const languages = ['en', 'vi'] as const;
export type Language = (typeof languages)[number];

void i18next.use(initReactI18next).init({
  resources,
  lng: 'en',
  fallbackLng: 'en',
  defaultNS: 'common',
  ns: Object.keys(resources.en ?? {}),
  interpolation: { escapeValue: false },
  returnNull: false,
});

export default i18next;
