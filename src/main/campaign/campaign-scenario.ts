// A campaign's scenario: the bot-tests scenario file (YAML or JSON, the one scenario format),
// compiled once in the main thread (caller audio decoded, steps validated with file and line)
// and handed to every generator worker as plain data.
import { loadScenarioFile } from '../bot-tests/load-scenario';
import type { CompiledScenario } from '../bot-tests/caller';
import type { Channel } from './pre-encoded';

export interface CampaignScenario {
  name: string;
  channel: Channel;
  /** The scenario's call.parameter, as query parameters. */
  parameter: Record<string, string>;
  compiled: CompiledScenario;
}

export function campaignScenario(compiled: CompiledScenario): CampaignScenario {
  const call = compiled.scenario.call;
  const parameter: Record<string, string> = {};
  for (const [k, v] of Object.entries(call.parameter)) parameter[k] = typeof v === 'string' ? v : JSON.stringify(v);
  return { name: compiled.scenario.name, channel: call.channel, parameter, compiled };
}

export async function loadCampaignScenario(file: string): Promise<CampaignScenario> {
  return campaignScenario(await loadScenarioFile(file));
}
