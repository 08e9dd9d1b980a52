// Starts the AT Protocol reference servers (PLC, PDS, AppView and the
// services they lean on) from @atproto/dev-env on 127.0.0.1, seeds
// them, writes a JSON description of the network to the path given as
// the only argument, and serves until SIGTERM or SIGINT, or until the
// process that started it goes away. Expects DB_POSTGRES_URL and
// REDIS_HOST in the environment; run-with-network sets them.

import './loopback.mjs';

import fs from 'node:fs/promises';
import { TestNetwork } from '@atproto/dev-env';
import { seed } from './seed.mjs';

const CLOSE_TIMEOUT_MS = 20_000;

const outputPath = process.argv[2];
if (!outputPath) {
  console.error('Usage: network.mjs OUTPUT.json');
  process.exit(2);
}

const log = (message) => process.stderr.write(`bluesky test network: ${message}\n`);
const seconds = (since) => ((performance.now() - since) / 1000).toFixed(1);
const loopbackUrl = (port) => `http://127.0.0.1:${port}`;

let network = null;
let closing = null;

function shutDown(code) {
  closing ??= (async () => {
    const timer = setTimeout(() => {
      log('the servers did not stop in time; leaving anyway');
      process.exit(code || 1);
    }, CLOSE_TIMEOUT_MS);
    try {
      await network?.close();
    } catch (error) {
      log(`stopping the servers failed: ${error?.stack ?? error}`);
    }
    clearTimeout(timer);
    process.exit(code);
  })();
  return closing;
}

process.on('SIGTERM', () => shutDown(0));
process.on('SIGINT', () => shutDown(0));

// If the harness is killed outright, nobody would send SIGTERM.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) shutDown(1);
}, 1000);

try {
  const startedAt = performance.now();
  network = await TestNetwork.create({ dbPostgresSchema: 'tend' });
  log(`started in ${seconds(startedAt)} s`);

  const seededAt = performance.now();
  const seeded = await seed(network.pds.url, () => network.processAll());
  log(`seeded in ${seconds(seededAt)} s`);

  const description = {
    pds: loopbackUrl(network.pds.port),
    appview: loopbackUrl(network.bsky.port),
    plc: loopbackUrl(network.plc.port),
    ...seeded,
  };
  const temporary = `${outputPath}.tmp`;
  await fs.writeFile(temporary, `${JSON.stringify(description, null, 2)}\n`);
  await fs.rename(temporary, outputPath);
} catch (error) {
  log(`could not start: ${error?.stack ?? error}`);
  await shutDown(1);
}
