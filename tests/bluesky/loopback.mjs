// Keeps the test network on this machine: every server the process
// starts listens on 127.0.0.1 whatever address it asks for, and every
// connection or name lookup that would leave the loopback interface is
// refused and written to the file named by TEND_BLUESKY_BLOCKED_LOG, so
// that the harness can fail when the reference servers try to reach out.
// Import it before anything else.

import dns from 'node:dns';
import fs from 'node:fs';
import module from 'node:module';
import net from 'node:net';

const LOOPBACK = '127.0.0.1';
const blockedLog = process.env.TEND_BLUESKY_BLOCKED_LOG;

export function isLoopbackHost(host) {
  const name = String(host).replace(/^\[|\]$/g, '').toLowerCase();
  return (
    name === 'localhost' ||
    name.endsWith('.localhost') ||
    name === '::1' ||
    /^127\.\d+\.\d+\.\d+$/.test(name) ||
    name === '::ffff:127.0.0.1'
  );
}

function refuse(what, host) {
  const line = `${new Date().toISOString()} refused ${what} ${host}\n`;
  process.stderr.write(`bluesky test network: ${line}`);
  if (blockedLog) fs.appendFileSync(blockedLog, line);
  return new Error(`The Bluesky test network must stay on 127.0.0.1; ${what} ${host} was refused`);
}

const isPort = (value) =>
  typeof value === 'number' || (typeof value === 'string' && /^\d+$/.test(value));

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  const [first] = args;
  if (first === undefined || first === null || typeof first === 'function') {
    args.splice(0, first == null ? 1 : 0, 0, LOOPBACK);
  } else if (isPort(first)) {
    if (typeof args[1] === 'string') args[1] = LOOPBACK;
    else args.splice(1, 0, LOOPBACK);
  } else if (typeof first === 'object' && !first.path && !first._handle && !('fd' in first)) {
    args[0] = { ...first, host: LOOPBACK };
  }
  return listen.apply(this, args);
};

// net.connect() hands Socket#connect an already normalized array.
function connectTarget(args) {
  const list = Array.isArray(args[0]) ? args[0] : args;
  const [first] = list;
  if (first && typeof first === 'object') {
    return first.path ? null : String(first.host ?? 'localhost');
  }
  if (isPort(first)) return typeof list[1] === 'string' ? list[1] : 'localhost';
  return null;
}

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const host = connectTarget(args);
  if (host !== null && !isLoopbackHost(host)) {
    const error = refuse('a connection to', host);
    process.nextTick(() => this.destroy(error));
    return this;
  }
  return connect.apply(this, args);
};

// Name lookups would send a query to the machine's resolver.
function guardCallback(owner, name) {
  const original = owner[name];
  owner[name] = function (host, ...rest) {
    if (isLoopbackHost(host)) return original.call(this, host, ...rest);
    const error = refuse(`a ${name} of`, host);
    error.code = 'ENOTFOUND';
    const callback = rest[rest.length - 1];
    process.nextTick(() => callback(error));
    return undefined;
  };
}

function guardPromise(owner, name) {
  const original = owner[name];
  owner[name] = async function (host, ...rest) {
    if (isLoopbackHost(host)) return original.call(this, host, ...rest);
    const error = refuse(`a ${name} of`, host);
    error.code = 'ENOTFOUND';
    throw error;
  };
}

const resolvers = ['resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCname',
  'resolveMx', 'resolveNs', 'resolveSrv', 'resolveTxt'];
for (const name of ['lookup', ...resolvers]) {
  guardCallback(dns, name);
  guardPromise(dns.promises, name);
}
for (const name of resolvers) {
  guardCallback(dns.Resolver.prototype, name);
  guardPromise(dns.promises.Resolver.prototype, name);
}

// Services are addressed as "localhost"; the servers only listen on IPv4.
dns.setDefaultResultOrder('ipv4first');
module.syncBuiltinESMExports();
