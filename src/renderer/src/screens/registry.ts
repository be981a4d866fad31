// The screens of the main navigation, in order. Each screen is one file in this folder.
import type { ComponentType } from 'react';
import { CampaignScreen } from './CampaignScreen';
import { EndpointScreen } from './EndpointScreen';
import { HomeScreen } from './HomeScreen';
import { LibraryScreen } from './LibraryScreen';
import { LiveScreen } from './LiveScreen';
import { ProfilesScreen } from './ProfilesScreen';
import { RequestScreen } from './RequestScreen';
import { SimulatorScreen } from './SimulatorScreen';

export interface ScreenDef {
  id: string;
  /** i18n key in the common namespace. */
  labelKey: string;
  Component: ComponentType<{ navigate: (id: string) => void }>;
}

export const screens: ScreenDef[] = [
  { id: 'home', labelKey: 'nav.home', Component: HomeScreen },
  { id: 'live', labelKey: 'nav.live', Component: LiveScreen },
  { id: 'request', labelKey: 'nav.request', Component: RequestScreen },
  { id: 'endpoint', labelKey: 'nav.endpoint', Component: EndpointScreen },
  { id: 'simulator', labelKey: 'nav.simulator', Component: SimulatorScreen },
  { id: 'library', labelKey: 'nav.library', Component: LibraryScreen },
  { id: 'campaign', labelKey: 'nav.campaign', Component: CampaignScreen },
  { id: 'profiles', labelKey: 'nav.profiles', Component: ProfilesScreen },
];
