/* tend-bluesky-executor.h: unfollow and follow on Bluesky
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tend-action-executor.h"
#include "tend-bluesky-client.h"

G_BEGIN_DECLS

#define TEND_TYPE_BLUESKY_EXECUTOR (tend_bluesky_executor_get_type ())

G_DECLARE_FINAL_TYPE (TendBlueskyExecutor, tend_bluesky_executor, TEND, BLUESKY_EXECUTOR, GObject)

TendBlueskyExecutor *tend_bluesky_executor_new (TendBlueskyClient *client,
                                                TendStore         *store,
                                                gint64             source_id);

G_END_DECLS
