// Seeds the Bluesky test network with a fixed cast: an owner account
// with an app password, 140 other accounts, a follow graph with mutual
// and one-way follows (the owner follows more than 100 accounts, so
// follow lists span pages), posts, and likes, reposts, replies,
// mentions and quotes in both directions. Everything is decided by the
// plan below, so the counts the tests compare with are known in advance
// and written beside the accounts.

import { AtpAgent } from '@atproto/api';

// ("owner" is a handle the PDS reserves.)
export const OWNER_HANDLE = 'bakery.test';
const OTHER_COUNT = 140;
const OWNER_POST_COUNT = 5;
const KINDS = ['like', 'repost', 'reply', 'mention', 'quote'];

// Inclusive ranges of account numbers (1 … OTHER_COUNT).
const range = (first, last) => Array.from({ length: last - first + 1 }, (_, i) => first + i);

// The owner's side of the graph: 60 mutual, 55 the owner follows only,
// 20 who follow the owner only and 5 strangers.
const MUTUAL = range(1, 60);
const FOLLOWING_ONLY = range(61, 115);
const FOLLOWERS_ONLY = range(116, 135);

// A few follows between the others, so their own counts are not all 0/1.
const CHAIN = range(1, 9).map((n) => [n, n + 1]);

// Who writes one post of their own, for the owner to act on.
const POSTERS = [...range(1, 20), ...range(61, 70), ...range(116, 120), 136, 137];

// They → owner. Likes, reposts, replies and quotes go to the owner's
// post number n % OWNER_POST_COUNT; a mention is a post of its own.
const INBOUND = {
  like: [...range(1, 30), ...range(61, 65), ...range(116, 120), 136],
  repost: [...range(1, 10), 116, 117],
  reply: [...range(11, 18), 118],
  mention: [...range(19, 24), 119, 137],
  quote: [...range(25, 28), 120],
};

// Owner → them, each on their one post (a mention is an owner's post).
const OUTBOUND = {
  like: [...range(1, 6), ...range(61, 64), 116],
  repost: [7, 65],
  reply: [8, 9, 10, 66, 117],
  mention: [11, 12, 13, 67],
  quote: [14, 68],
};

// Account 140 never writes a profile, so it has no display name.
const NO_PROFILE = 140;

const handleOf = (n) => `user${String(n).padStart(3, '0')}.test`;
const passwordOf = (handle) => `password-${handle}`;

function displayNameOf(n) {
  if (n === NO_PROFILE) return null;
  // Some names outside ASCII, to exercise text handling.
  return n % 10 === 0 ? `Zoë Bäcker ${n}` : `Baker ${n}`;
}

function followStateOf(n) {
  if (MUTUAL.includes(n)) return 'mutual';
  if (FOLLOWING_ONLY.includes(n)) return 'following';
  if (FOLLOWERS_ONLY.includes(n)) return 'follower';
  return 'none';
}

const zeroKinds = () => Object.fromEntries(KINDS.map((kind) => [kind, 0]));

// Every follow as [from, to], 0 standing for the owner.
function follows() {
  return [
    ...[...MUTUAL, ...FOLLOWING_ONLY].map((n) => [0, n]),
    ...[...MUTUAL, ...FOLLOWERS_ONLY].map((n) => [n, 0]),
    ...CHAIN,
  ];
}

// The accounts with what the tests should find for each of them.
function expectedAccounts() {
  const accounts = [0, ...range(1, OTHER_COUNT)].map((n) => {
    const handle = n === 0 ? OWNER_HANDLE : handleOf(n);
    return {
      handle,
      password: passwordOf(handle),
      display_name: n === 0 ? 'Tend Owner' : displayNameOf(n),
      follow_state: n === 0 ? null : followStateOf(n),
      followers: 0,
      follows: 0,
      posts: 0,
      in: zeroKinds(),
      out: zeroKinds(),
    };
  });
  for (const [from, to] of follows()) {
    accounts[from].follows += 1;
    accounts[to].followers += 1;
  }
  accounts[0].posts = OWNER_POST_COUNT;
  for (const n of POSTERS) accounts[n].posts += 1;
  // "in" and "out" are seen from the owner: in = they → owner.
  for (const kind of KINDS) {
    for (const n of INBOUND[kind]) {
      accounts[n].in[kind] += 1;
      accounts[0].in[kind] += 1;
      if (kind !== 'like' && kind !== 'repost') accounts[n].posts += 1;
    }
    for (const n of OUTBOUND[kind]) {
      accounts[n].out[kind] += 1;
      accounts[0].out[kind] += 1;
      if (kind !== 'like' && kind !== 'repost') accounts[0].posts += 1;
    }
  }
  return accounts;
}

// Runs jobs with at most `width` of them at once, in a fixed order of start.
async function inParallel(items, width, job) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await job(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
  return results;
}

// A post text with an @-mention of `handle` at its end, and its facet.
function mentionPost(prefix, handle, did) {
  const before = `${prefix} `;
  const mention = `@${handle}`;
  const byteStart = Buffer.byteLength(before, 'utf8');
  return {
    text: `${before}${mention}`,
    facets: [{
      index: { byteStart, byteEnd: byteStart + Buffer.byteLength(mention, 'utf8') },
      features: [{ $type: 'app.bsky.richtext.facet#mention', did }],
    }],
  };
}

// A strong reference holds nothing but the URI and the CID.
const strongRef = (post) => ({ uri: post.uri, cid: post.cid });

// Creation times an hour back, one millisecond apart in the order of the
// plan: the AppView sorts and pages by them, and pages cut between equal
// times lose records.
function makeClock() {
  let next = Date.now() - 3_600_000;
  return () => new Date(next++).toISOString();
}

const createWrite = (collection, value) => ({
  $type: 'com.atproto.repo.applyWrites#create',
  collection,
  ...(collection === 'app.bsky.actor.profile' ? { rkey: 'self' } : {}),
  value: { $type: collection, ...value },
});

async function createRecord(agent, collection, value) {
  const response = await agent.com.atproto.repo.createRecord({
    repo: agent.session.did,
    collection,
    record: { $type: collection, ...value },
  });
  return response.data;
}

// One interaction of `kind` by `author` on `target` (a post), or for a
// mention, a post naming `mentioned`.
function interact(agent, kind, { author, target, mentioned, createdAt }) {
  switch (kind) {
    case 'like':
    case 'repost':
      return createRecord(agent, `app.bsky.feed.${kind}`, { subject: strongRef(target), createdAt });
    case 'reply':
      return createRecord(agent, 'app.bsky.feed.post', {
        text: `Reply from ${author.handle}`,
        reply: { root: strongRef(target), parent: strongRef(target) },
        createdAt,
      });
    case 'mention':
      return createRecord(agent, 'app.bsky.feed.post', {
        ...mentionPost(`Hello from ${author.handle} to`, mentioned.handle, mentioned.did),
        createdAt,
      });
    case 'quote':
      return createRecord(agent, 'app.bsky.feed.post', {
        text: `Quoted by ${author.handle}`,
        embed: { $type: 'app.bsky.embed.record', record: strongRef(target) },
        createdAt,
      });
  }
  throw new Error(`unknown interaction ${kind}`);
}

// Creates everything in the plan on the PDS at `pdsUrl` and returns the
// description the tests read: accounts with their DIDs and passwords,
// the owner's app password, and the expected counts. `settle` waits
// until the AppView has indexed all that was written: it indexes each
// repository on its own, and a reply indexed before its parent post
// would count as broken and notify nobody.
export async function seed(pdsUrl, settle) {
  const clock = makeClock();
  const accounts = expectedAccounts();
  const agents = await inParallel(accounts, 8, async (account) => {
    const agent = new AtpAgent({ service: pdsUrl });
    const local = account.handle.split('.')[0];
    await agent.createAccount({
      handle: account.handle,
      email: `${local}@example.test`,
      password: account.password,
    });
    account.did = agent.session.did;
    return agent;
  });
  const owner = accounts[0];
  const ownerAgent = agents[0];

  const appPassword = await ownerAgent.com.atproto.server.createAppPassword({ name: 'Tend tests' });
  owner.app_password = appPassword.data.password;

  // Each account's profile, follows and own posts in one write.
  const writes = accounts.map((account) =>
    account.display_name === null
      ? []
      : [createWrite('app.bsky.actor.profile', { displayName: account.display_name })]);
  for (const [from, to] of follows()) {
    writes[from].push(createWrite('app.bsky.graph.follow', { subject: accounts[to].did, createdAt: clock() }));
  }
  for (let i = 0; i < OWNER_POST_COUNT; i++) {
    writes[0].push(createWrite('app.bsky.feed.post', {
      text: `Fresh bread from the oven, batch ${i + 1}`,
      createdAt: clock(),
    }));
  }
  for (const n of POSTERS) {
    writes[n].push(createWrite('app.bsky.feed.post', {
      text: `A post by ${accounts[n].handle}`,
      createdAt: clock(),
    }));
  }
  const results = await inParallel(accounts, 8, async (account, n) => {
    const response = await agents[n].com.atproto.repo.applyWrites({ repo: account.did, writes: writes[n] });
    return response.data.results;
  });
  const postsOf = (n) => results[n].filter((result) => result.uri.includes('/app.bsky.feed.post/'));
  const ownerPosts = postsOf(0);
  await settle();

  // They → owner, then owner → them.
  const inbound = KINDS.flatMap((kind) => INBOUND[kind].map((n) => ({
    kind,
    n,
    author: accounts[n],
    target: ownerPosts[n % OWNER_POST_COUNT],
    mentioned: owner,
    createdAt: clock(),
  })));
  await inParallel(inbound, 8, (job) => interact(agents[job.n], job.kind, job));
  const outbound = KINDS.flatMap((kind) => OUTBOUND[kind].map((n) => ({
    kind,
    author: owner,
    target: postsOf(n)[0],
    mentioned: accounts[n],
    createdAt: clock(),
  })));
  for (const job of outbound) await interact(ownerAgent, job.kind, job);
  await settle();

  const others = accounts.slice(1);
  const count = (state) => others.filter((a) => a.follow_state === state).length;
  return {
    owner: owner.handle,
    accounts,
    owner_summary: {
      followers: owner.followers,
      follows: owner.follows,
      mutual: count('mutual'),
      following_only: count('following'),
      followers_only: count('follower'),
      in: owner.in,
      out: owner.out,
      // listNotifications: one per follower and per inbound interaction.
      notifications: { follow: owner.followers, ...owner.in },
    },
  };
}
