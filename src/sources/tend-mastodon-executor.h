/* tend-mastodon-executor.h: unfollow, remove and follow on Mastodon
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tend-action-executor.h"
#include "tend-mastodon-client.h"

G_BEGIN_DECLS

#define TEND_TYPE_MASTODON_EXECUTOR (tend_mastodon_executor_get_type ())

G_DECLARE_FINAL_TYPE (TendMastodonExecutor, tend_mastodon_executor, TEND, MASTODON_EXECUTOR, GObject)

TendMastodonExecutor *tend_mastodon_executor_new (TendMastodonClient *client,
                                                  TendStore          *store,
                                                  gint64              source_id);

G_END_DECLS
