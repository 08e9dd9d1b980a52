/* tend-bench-utils.h: timing, memory and options for the benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

double   tend_bench_ms_since        (gint64           start);
double   tend_bench_seconds_since   (gint64           start);
double   tend_bench_median          (GArray          *values);
double   tend_bench_peak_rss_mib    (void);
double   tend_bench_cpu_seconds     (gboolean         children);

gboolean tend_bench_parse_options   (GOptionContext  *context,
                                     int             *argc,
                                     char          ***argv,
                                     const int       *n_connections,
                                     const int       *n_interactions);

G_END_DECLS
