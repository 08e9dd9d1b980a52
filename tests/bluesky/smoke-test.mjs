// Checks that the Bluesky test network serves what seed.mjs planted, the
// way Tend's client will ask for it: plain XRPC calls to the PDS, a
// session from the owner's app password, follow lists paged 100 at a
// time, and the owner's notifications. Run it through run-with-network.

import assert from 'node:assert/strict';
import fs from 'node:fs';

const PAGE_LIMIT = 100;

const networkPath = process.env.TEND_BLUESKY_NETWORK;
assert.ok(networkPath, 'TEND_BLUESKY_NETWORK is not set; run this through run-with-network');
const network = JSON.parse(fs.readFileSync(networkPath, 'utf8'));
const owner = network.accounts.find((account) => account.handle === network.owner);
const summary = network.owner_summary;

async function xrpc(method, { token, params, body } = {}) {
  const url = new URL(`/xrpc/${method}`, network.pds);
  for (const [name, value] of Object.entries(params ?? {})) {
    if (value !== undefined) url.searchParams.set(name, value);
  }
  const headers = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body) headers['content-type'] = 'application/json';
  const response = await fetch(url, {
    method: body ? 'POST' : 'GET',
    headers,
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  assert.equal(response.status, 200, `${method} answered ${response.status}: ${text}`);
  return JSON.parse(text);
}

// Every item of a cursor-paged list, and how many pages it took.
async function allPages(method, token, params, key) {
  const items = [];
  let cursor;
  let pages = 0;
  do {
    const page = await xrpc(method, { token, params: { ...params, limit: PAGE_LIMIT, cursor } });
    assert.ok(page[key].length <= PAGE_LIMIT, `${method} sent more than ${PAGE_LIMIT} items`);
    items.push(...page[key]);
    cursor = page.cursor;
    pages += 1;
  } while (cursor);
  return { items, pages };
}

const handlesWhere = (states) =>
  network.accounts.filter((a) => states.includes(a.follow_state)).map((a) => a.handle).sort();

let passed = 0;
async function check(name, body) {
  await body();
  passed += 1;
  console.log(`ok ${passed} ${name}`);
}

const session = await xrpc('com.atproto.server.createSession', {
  body: { identifier: owner.handle, password: owner.app_password },
});
await check('the owner logs in with the app password', () => {
  assert.equal(session.did, owner.did);
  assert.equal(session.handle, owner.handle);
  assert.ok(session.accessJwt && session.refreshJwt);
});

await check('getFollows pages through everyone the owner follows', async () => {
  const { items, pages } = await allPages('app.bsky.graph.getFollows', session.accessJwt,
    { actor: owner.did }, 'follows');
  assert.equal(items.length, summary.follows);
  assert.ok(pages >= 2, `${summary.follows} follows came in ${pages} page(s)`);
  assert.deepEqual(items.map((a) => a.handle).sort(), handlesWhere(['mutual', 'following']));
});

await check('getFollowers lists everyone who follows the owner', async () => {
  const { items } = await allPages('app.bsky.graph.getFollowers', session.accessJwt,
    { actor: owner.did }, 'followers');
  assert.equal(items.length, summary.followers);
  assert.deepEqual(items.map((a) => a.handle).sort(), handlesWhere(['mutual', 'follower']));
});

await check('listNotifications has every seeded interaction', async () => {
  const { items } = await allPages('app.bsky.notification.listNotifications', session.accessJwt,
    {}, 'notifications');
  const byReason = {};
  for (const notification of items) {
    byReason[notification.reason] = (byReason[notification.reason] ?? 0) + 1;
  }
  assert.deepEqual(byReason, summary.notifications);
});

console.log(`${passed} passed, 0 failed`);
