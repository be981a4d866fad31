// The screens of the main navigation, in order. Each screen is one file in this folder, loaded on
// first visit (its own JavaScript chunk), so the first screen does not pay for CodeMirror or
// wavesurfer. Add a screen with one line: screen('id', 'nav.key', () => import('./XScreen'), 'XScreen').
import { lazy, type ComponentType } from 'react';

type ScreenProps = { navigate: (id: string) => void };

export interface ScreenDef {
  id: string;
  /** i18n key in the common namespace. */
  labelKey: string;
  Component: ComponentType<ScreenProps>;
}

function screen<N extends string>(
  id: string,
  labelKey: string,
  load: () => Promise<Record<N, ComponentType<ScreenProps>>>,
  exportName: N,
): ScreenDef {
  const Component = lazy(async (): Promise<{ default: ComponentType<ScreenProps> }> => ({ default: (await load())[exportName] }));
  return { id, labelKey, Component };
}

export const screens: ScreenDef[] = [
  screen('home', 'nav.home', () => import('./HomeScreen'), 'HomeScreen'),
  screen('live', 'nav.live', () => import('./LiveScreen'), 'LiveScreen'),
  screen('request', 'nav.request', () => import('./RequestScreen'), 'RequestScreen'),
  screen('endpoint', 'nav.endpoint', () => import('./EndpointScreen'), 'EndpointScreen'),
  screen('simulator', 'nav.simulator', () => import('./SimulatorScreen'), 'SimulatorScreen'),
  screen('library', 'nav.library', () => import('./LibraryScreen'), 'LibraryScreen'),
  screen('tests', 'nav.tests', () => import('./TestsScreen'), 'TestsScreen'),
  screen('campaign', 'nav.campaign', () => import('./CampaignScreen'), 'CampaignScreen'),
  screen('profiles', 'nav.profiles', () => import('./ProfilesScreen'), 'ProfilesScreen'),
];
