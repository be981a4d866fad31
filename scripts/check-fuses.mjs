#!/usr/bin/env node
// Reads the Electron fuses of the packaged app in dist/ (after `electron-builder`) and checks each one
// against electron-builder.yml's `electronFuses`: proof that the installer's binary, not only the
// config, cannot be run as plain Node, ignores NODE_OPTIONS and --inspect, and loads only its own
// integrity-checked app.asar. Exit 0 when every fuse matches, 1 with the mismatches named, 2 when no
// packaged app is found.   node scripts/check-fuses.mjs [path-to-packaged-binary-or-.app]
import fs from 'node:fs';
import path from 'node:path';
import fuses from '@electron/fuses';
import YAML from 'yaml';

const { FuseV1Options, getCurrentFuseWire } = fuses;
// The byte values of a fuse's state in the wire (@electron/fuses' FuseState).
const FuseState = { DISABLE: 48, ENABLE: 49, REMOVED: 114, INHERIT: 144, 48: 'DISABLE', 49: 'ENABLE', 114: 'REMOVED', 144: 'INHERIT' };

const config = YAML.parse(fs.readFileSync('electron-builder.yml', 'utf8'));
const wanted = config.electronFuses ?? {};
const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8'));

/** The packaged binary electron-builder left in dist/ on this OS. */
function findPackaged() {
  const product = config.productName ?? pkg.productName ?? pkg.name;
  const candidates = [
    path.join('dist', 'linux-unpacked', pkg.name),
    path.join('dist', 'linux-unpacked', product),
    path.join('dist', 'win-unpacked', `${product}.exe`),
    path.join('dist', 'mac', `${product}.app`),
    path.join('dist', 'mac-arm64', `${product}.app`),
    path.join('dist', 'mac-universal', `${product}.app`),
  ];
  return candidates.find((p) => fs.existsSync(p)) ?? null;
}

const target = process.argv[2] ?? findPackaged();
if (!target) {
  console.error('check-fuses: no packaged app in dist/ (run electron-builder first)');
  process.exit(2);
}

// electron-builder.yml spells the fuses in camelCase; @electron/fuses names them in PascalCase.
const byConfigName = Object.fromEntries(
  Object.keys(FuseV1Options)
    .filter((k) => Number.isNaN(Number(k)))
    .map((k) => [k[0].toLowerCase() + k.slice(1), FuseV1Options[k]]),
);

const wire = await getCurrentFuseWire(target);
const problems = [];
for (const [name, want] of Object.entries(wanted)) {
  const index = byConfigName[name];
  if (index === undefined) {
    problems.push(`${name}: not a fuse this Electron knows`);
    continue;
  }
  const state = wire[index];
  const on = state === FuseState.ENABLE;
  const off = state === FuseState.DISABLE || state === FuseState.REMOVED;
  const ok = want ? on : off;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}: wanted ${want ? 'on' : 'off'}, binary has ${FuseState[state] ?? state}`);
  if (!ok) problems.push(name);
}
if (problems.length > 0) {
  console.error(`check-fuses: ${target}: ${problems.join(', ')}`);
  process.exit(1);
}
console.log(`check-fuses: ${target}: all ${Object.keys(wanted).length} fuses as electron-builder.yml says`);
