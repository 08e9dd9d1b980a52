/* tend-page-guard.c: ends paging that goes round in circles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A server leads from page to page with a link (Mastodon) or a cursor
 * (Bluesky). A broken or hostile one can lead back to a page already
 * read, or keep sending the same page under new links; either would
 * sync forever. The guard remembers every cursor and what each page
 * held, and fails on the first repeat or past a page count no real
 * account reaches.
 */
#define G_LOG_DOMAIN "tend-page-guard"

#include "config.h"

#include <glib/gi18n.h>

#include "tend-page-guard.h"
#include "tend-web-client.h"

struct _TendPageGuard
{
  char       *server_name;
  GHashTable *cursors;
  char       *last_signature;
  guint       n_pages;
  guint       max_pages;
};

/**
 * tend_page_guard_new:
 * @server_name: for messages
 * @max_pages: more pages than this is an error
 */
TendPageGuard *
tend_page_guard_new (const char *server_name,
                     guint       max_pages)
{
  TendPageGuard *self = g_new0 (TendPageGuard, 1);

  self->server_name = g_strdup (server_name);
  self->cursors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->max_pages = max_pages;
  return self;
}

void
tend_page_guard_free (TendPageGuard *self)
{
  if (self == NULL)
    return;

  g_free (self->server_name);
  g_hash_table_unref (self->cursors);
  g_free (self->last_signature);
  g_free (self);
}

/**
 * tend_page_guard_check:
 * @next_cursor: (nullable): where the page just read leads; %NULL at
 *   the end
 * @page_signature: (nullable): what the page held, e.g. its items' ids
 *   joined; %NULL for an empty page
 *
 * Call once per page read, the first included.
 *
 * Returns: %FALSE with a #TEND_WEB_ERROR_LOOP when paging would repeat
 */
gboolean
tend_page_guard_check (TendPageGuard  *self,
                       const char     *next_cursor,
                       const char     *page_signature,
                       GError        **error)
{
  gboolean repeated = FALSE;

  g_return_val_if_fail (self != NULL, FALSE);

  self->n_pages++;

  if (page_signature != NULL)
    {
      repeated = g_strcmp0 (page_signature, self->last_signature) == 0;
      g_free (self->last_signature);
      self->last_signature = g_strdup (page_signature);
    }

  if (next_cursor != NULL && !repeated)
    repeated = !g_hash_table_add (self->cursors, g_strdup (next_cursor));

  if (repeated || self->n_pages > self->max_pages)
    {
      g_set_error (error, TEND_WEB_ERROR, TEND_WEB_ERROR_LOOP,
                   _("%s kept sending pages Tend had already read, so the sync stopped. "
                     "Nothing was changed; try again later."),
                   self->server_name);
      return FALSE;
    }

  return TRUE;
}
