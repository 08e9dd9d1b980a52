/* tend-enums.h: the vocabulary of DESIGN.md as C enums, with stable keys
 *
 * The keys are what the database and the CSV export store, so they never
 * change; the labels are what a person reads, so they are translated.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  TEND_SOURCE_KIND_MASTODON,
  TEND_SOURCE_KIND_BLUESKY,
  TEND_SOURCE_KIND_FACEBOOK,
  TEND_SOURCE_KIND_INSTAGRAM,
  TEND_SOURCE_KIND_LINKEDIN,
  TEND_SOURCE_KIND_X,
  TEND_SOURCE_KIND_MASTODON_CSV,
  TEND_SOURCE_KIND_GOOGLE_CONTACTS,
  TEND_SOURCE_KIND_VCARD,
} TendSourceKind;

#define TEND_N_SOURCE_KINDS (TEND_SOURCE_KIND_VCARD + 1)

typedef enum {
  TEND_FOLLOW_STATE_MUTUAL,
  TEND_FOLLOW_STATE_I_FOLLOW,
  TEND_FOLLOW_STATE_FOLLOWS_ME,
  TEND_FOLLOW_STATE_FRIENDS,
  TEND_FOLLOW_STATE_CONTACT,
} TendFollowState;

typedef enum {
  TEND_DIRECTION_IN,
  TEND_DIRECTION_OUT,
} TendDirection;

typedef enum {
  TEND_INTERACTION_MESSAGE,
  TEND_INTERACTION_REPLY,
  TEND_INTERACTION_MENTION,
  TEND_INTERACTION_QUOTE,
  TEND_INTERACTION_REPOST,
  TEND_INTERACTION_LIKE,
} TendInteractionKind;

#define TEND_N_INTERACTION_KINDS (TEND_INTERACTION_LIKE + 1)

typedef enum {
  TEND_DECISION_UNDECIDED,
  TEND_DECISION_KEEP,
  TEND_DECISION_PRUNE,
} TendDecision;

typedef enum {
  TEND_QUADRANT_SOLID,
  TEND_QUADRANT_YOU_INVEST,
  TEND_QUADRANT_THEY_INVEST,
  TEND_QUADRANT_DORMANT,
} TendQuadrant;

#define TEND_N_QUADRANTS (TEND_QUADRANT_DORMANT + 1)

/* What a live network says of an account; exports only list active ones. */
typedef enum {
  TEND_ACCOUNT_STATE_ACTIVE,
  TEND_ACCOUNT_STATE_MOVED,
  TEND_ACCOUNT_STATE_SUSPENDED,
  TEND_ACCOUNT_STATE_DEACTIVATED,
  TEND_ACCOUNT_STATE_GONE,
} TendAccountState;

/* What applying a decision does on a network. */
typedef enum {
  TEND_ACTION_UNFOLLOW,
  TEND_ACTION_REMOVE_FOLLOWER,
  TEND_ACTION_FOLLOW,
  TEND_ACTION_CHECKLIST,
} TendActionKind;

typedef enum {
  TEND_ACTION_STATE_PENDING,
  TEND_ACTION_STATE_RUNNING,
  TEND_ACTION_STATE_DONE,
  TEND_ACTION_STATE_FAILED,
  TEND_ACTION_STATE_CANCELLED,
} TendActionState;

const char *tend_source_kind_to_key          (TendSourceKind       kind);
gboolean    tend_source_kind_from_key        (const char          *key,
                                              TendSourceKind      *kind);
const char *tend_source_kind_get_label       (TendSourceKind       kind);
gboolean    tend_source_kind_is_live         (TendSourceKind       kind);

const char *tend_follow_state_to_key         (TendFollowState      state);
gboolean    tend_follow_state_from_key       (const char          *key,
                                              TendFollowState     *state);
const char *tend_follow_state_get_label      (TendFollowState      state);

const char *tend_direction_to_key            (TendDirection        direction);
gboolean    tend_direction_from_key          (const char          *key,
                                              TendDirection       *direction);

const char *tend_interaction_kind_to_key     (TendInteractionKind  kind);
gboolean    tend_interaction_kind_from_key   (const char          *key,
                                              TendInteractionKind *kind);
const char *tend_interaction_kind_get_label  (TendInteractionKind  kind);
guint       tend_interaction_kind_get_weight (TendInteractionKind  kind);

const char *tend_decision_to_key             (TendDecision         decision);
gboolean    tend_decision_from_key           (const char          *key,
                                              TendDecision        *decision);
const char *tend_decision_get_label          (TendDecision         decision);

const char *tend_quadrant_to_key             (TendQuadrant         quadrant);
gboolean    tend_quadrant_from_key           (const char          *key,
                                              TendQuadrant        *quadrant);
const char *tend_quadrant_get_label          (TendQuadrant         quadrant);

const char *tend_account_state_to_key        (TendAccountState     state);
gboolean    tend_account_state_from_key      (const char          *key,
                                              TendAccountState    *state);
const char *tend_account_state_get_label     (TendAccountState     state);

const char *tend_action_kind_to_key          (TendActionKind       kind);
gboolean    tend_action_kind_from_key        (const char          *key,
                                              TendActionKind      *kind);
const char *tend_action_kind_get_label       (TendActionKind       kind);

const char *tend_action_state_to_key         (TendActionState      state);
gboolean    tend_action_state_from_key       (const char          *key,
                                              TendActionState     *state);
const char *tend_action_state_get_label      (TendActionState      state);

G_END_DECLS
