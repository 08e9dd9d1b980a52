/* tend-enums.c: keys, labels and weights of the vocabulary
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tend-enums"

#include "config.h"

#include <glib/gi18n.h>

#include "tend-enums.h"

typedef struct {
  const char *key;
  const char *label;
} KeyLabel;

static const KeyLabel source_kinds[] = {
  [TEND_SOURCE_KIND_MASTODON]        = { "mastodon",        N_("Mastodon") },
  [TEND_SOURCE_KIND_BLUESKY]         = { "bluesky",         N_("Bluesky") },
  [TEND_SOURCE_KIND_FACEBOOK]        = { "facebook",        N_("Facebook") },
  [TEND_SOURCE_KIND_INSTAGRAM]       = { "instagram",       N_("Instagram") },
  [TEND_SOURCE_KIND_LINKEDIN]        = { "linkedin",        N_("LinkedIn") },
  [TEND_SOURCE_KIND_X]               = { "x",               N_("X") },
  [TEND_SOURCE_KIND_MASTODON_CSV]    = { "mastodon_csv",    N_("Mastodon export") },
  [TEND_SOURCE_KIND_GOOGLE_CONTACTS] = { "google_contacts", N_("Google Contacts") },
  [TEND_SOURCE_KIND_VCARD]           = { "vcard",           N_("Address book") },
};

static const KeyLabel follow_states[] = {
  [TEND_FOLLOW_STATE_MUTUAL]     = { "mutual",     N_("Mutual") },
  [TEND_FOLLOW_STATE_I_FOLLOW]   = { "i_follow",   N_("I follow") },
  [TEND_FOLLOW_STATE_FOLLOWS_ME] = { "follows_me", N_("Follows me") },
  [TEND_FOLLOW_STATE_FRIENDS]    = { "friends",    N_("Friends") },
  [TEND_FOLLOW_STATE_CONTACT]    = { "contact",    N_("Contact") },
};

static const KeyLabel directions[] = {
  [TEND_DIRECTION_IN]  = { "in",  NULL },
  [TEND_DIRECTION_OUT] = { "out", NULL },
};

static const KeyLabel interaction_kinds[] = {
  [TEND_INTERACTION_MESSAGE] = { "message", N_("Message") },
  [TEND_INTERACTION_REPLY]   = { "reply",   N_("Reply") },
  [TEND_INTERACTION_MENTION] = { "mention", N_("Mention") },
  [TEND_INTERACTION_QUOTE]   = { "quote",   N_("Quote") },
  [TEND_INTERACTION_REPOST]  = { "repost",  N_("Repost") },
  [TEND_INTERACTION_LIKE]    = { "like",    N_("Like") },
};

/* DESIGN.md: message 3, reply/comment 2, mention 2, quote 2, repost 1, like 1 */
static const guint interaction_weights[] = {
  [TEND_INTERACTION_MESSAGE] = 3,
  [TEND_INTERACTION_REPLY]   = 2,
  [TEND_INTERACTION_MENTION] = 2,
  [TEND_INTERACTION_QUOTE]   = 2,
  [TEND_INTERACTION_REPOST]  = 1,
  [TEND_INTERACTION_LIKE]    = 1,
};

static const KeyLabel decisions[] = {
  [TEND_DECISION_UNDECIDED] = { "undecided", N_("Undecided") },
  [TEND_DECISION_KEEP]      = { "keep",      N_("Keep") },
  [TEND_DECISION_PRUNE]     = { "prune",     N_("Prune") },
};

static const KeyLabel quadrants[] = {
  [TEND_QUADRANT_SOLID]       = { "solid",       N_("Solid") },
  [TEND_QUADRANT_YOU_INVEST]  = { "you_invest",  N_("You invest") },
  [TEND_QUADRANT_THEY_INVEST] = { "they_invest", N_("They invest") },
  [TEND_QUADRANT_DORMANT]     = { "dormant",     N_("Dormant") },
};

static const KeyLabel account_states[] = {
  [TEND_ACCOUNT_STATE_ACTIVE]      = { "active",      N_("Active") },
  [TEND_ACCOUNT_STATE_MOVED]       = { "moved",       N_("Moved") },
  [TEND_ACCOUNT_STATE_SUSPENDED]   = { "suspended",   N_("Suspended") },
  [TEND_ACCOUNT_STATE_DEACTIVATED] = { "deactivated", N_("Deactivated") },
  [TEND_ACCOUNT_STATE_GONE]        = { "gone",        N_("Gone") },
};

static const KeyLabel action_kinds[] = {
  [TEND_ACTION_UNFOLLOW]        = { "unfollow",        N_("Unfollow") },
  [TEND_ACTION_REMOVE_FOLLOWER] = { "remove_follower", N_("Remove follower") },
  [TEND_ACTION_FOLLOW]          = { "follow",          N_("Follow") },
  [TEND_ACTION_CHECKLIST]       = { "checklist",       N_("Remove by hand") },
};

static const KeyLabel action_states[] = {
  [TEND_ACTION_STATE_PENDING]   = { "pending",   N_("Waiting") },
  [TEND_ACTION_STATE_RUNNING]   = { "running",   N_("Running") },
  [TEND_ACTION_STATE_DONE]      = { "done",      N_("Done") },
  [TEND_ACTION_STATE_FAILED]    = { "failed",    N_("Failed") },
  [TEND_ACTION_STATE_CANCELLED] = { "cancelled", N_("Cancelled") },
};

static gboolean
lookup_key (const KeyLabel *table,
            guint           n_entries,
            const char     *key,
            guint          *value)
{
  if (key == NULL)
    return FALSE;

  for (guint i = 0; i < n_entries; i++)
    {
      if (g_str_equal (table[i].key, key))
        {
          *value = i;
          return TRUE;
        }
    }

  return FALSE;
}

#define DEFINE_KEYS(prefix, Type, table)                                     \
  const char *                                                               \
  prefix##_to_key (Type value)                                               \
  {                                                                          \
    g_return_val_if_fail ((guint) value < G_N_ELEMENTS (table), NULL);       \
    return table[value].key;                                                 \
  }                                                                          \
                                                                             \
  gboolean                                                                   \
  prefix##_from_key (const char *key,                                        \
                     Type       *value)                                      \
  {                                                                          \
    guint found;                                                             \
                                                                             \
    if (!lookup_key (table, G_N_ELEMENTS (table), key, &found))              \
      return FALSE;                                                          \
    *value = (Type) found;                                                   \
    return TRUE;                                                             \
  }

#define DEFINE_LABEL(prefix, Type, table)                                    \
  const char *                                                               \
  prefix##_get_label (Type value)                                            \
  {                                                                          \
    g_return_val_if_fail ((guint) value < G_N_ELEMENTS (table), NULL);       \
    return _(table[value].label);                                            \
  }

DEFINE_KEYS (tend_source_kind, TendSourceKind, source_kinds)
DEFINE_LABEL (tend_source_kind, TendSourceKind, source_kinds)
DEFINE_KEYS (tend_follow_state, TendFollowState, follow_states)
DEFINE_LABEL (tend_follow_state, TendFollowState, follow_states)
DEFINE_KEYS (tend_direction, TendDirection, directions)
DEFINE_KEYS (tend_interaction_kind, TendInteractionKind, interaction_kinds)
DEFINE_LABEL (tend_interaction_kind, TendInteractionKind, interaction_kinds)
DEFINE_KEYS (tend_decision, TendDecision, decisions)
DEFINE_LABEL (tend_decision, TendDecision, decisions)
DEFINE_KEYS (tend_quadrant, TendQuadrant, quadrants)
DEFINE_LABEL (tend_quadrant, TendQuadrant, quadrants)
DEFINE_KEYS (tend_account_state, TendAccountState, account_states)
DEFINE_LABEL (tend_account_state, TendAccountState, account_states)
DEFINE_KEYS (tend_action_kind, TendActionKind, action_kinds)
DEFINE_LABEL (tend_action_kind, TendActionKind, action_kinds)
DEFINE_KEYS (tend_action_state, TendActionState, action_states)
DEFINE_LABEL (tend_action_state, TendActionState, action_states)

gboolean
tend_source_kind_is_live (TendSourceKind kind)
{
  return kind == TEND_SOURCE_KIND_MASTODON || kind == TEND_SOURCE_KIND_BLUESKY;
}

guint
tend_interaction_kind_get_weight (TendInteractionKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (interaction_weights), 0);
  return interaction_weights[kind];
}
