/* tend-cli.h: what `tend` does from a terminal, without a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean tend_cli_load_sample (const char  *data_dir,
                               GError     **error);
gboolean tend_cli_export_csv  (const char  *data_dir,
                               const char  *csv_path,
                               GError     **error);

gboolean tend_cli_import      (const char          *data_dir,
                               const char * const  *paths,
                               GError             **error);

gboolean tend_cli_print_summary (const char  *data_dir,
                                const char  *pdf_path,
                                GError     **error);

gboolean tend_cli_connect_mastodon    (const char  *data_dir,
                                      const char  *server,
                                      GError     **error);
gboolean tend_cli_disconnect_mastodon (const char  *data_dir,
                                      const char  *account,
                                      GError     **error);
gboolean tend_cli_connect_bluesky     (const char  *data_dir,
                                      const char  *handle,
                                      const char  *service,
                                      GError     **error);
gboolean tend_cli_disconnect_bluesky  (const char  *data_dir,
                                      const char  *handle,
                                      GError     **error);
gboolean tend_cli_sync                (const char  *data_dir,
                                      GError     **error);

G_END_DECLS
