/* tend-bench-utils.c: timing, memory and options for the benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tend-bench-utils"

#include "config.h"

#include <sys/resource.h>

#include "tend-bench-utils.h"

double
tend_bench_ms_since (gint64 start)
{
  return (double) (g_get_monotonic_time () - start) / 1000.0;
}

double
tend_bench_seconds_since (gint64 start)
{
  return (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The median of @values, an array of doubles, which it sorts. */
double
tend_bench_median (GArray *values)
{
  g_return_val_if_fail (values != NULL && values->len > 0, 0);

  g_array_sort (values, compare_doubles);

  return g_array_index (values, double, values->len / 2);
}

double
tend_bench_peak_rss_mib (void)
{
  struct rusage usage;

  if (getrusage (RUSAGE_SELF, &usage) != 0)
    return 0;

  /* Linux reports kibibytes. */
  return (double) usage.ru_maxrss / 1024.0;
}

/* Processor time, user and system, this process has used so far, or
 * with @children, the children it has waited for: what another program
 * on a busy machine takes away from wall time, it does not. */
double
tend_bench_cpu_seconds (gboolean children)
{
  struct rusage usage;

  if (getrusage (children ? RUSAGE_CHILDREN : RUSAGE_SELF, &usage) != 0)
    return 0;

  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

/* Parses the command line; says what is wrong and returns FALSE when it
 * cannot, or when a count given is negative. Either count may be NULL.
 */
gboolean
tend_bench_parse_options (GOptionContext   *context,
                          int              *argc,
                          char           ***argv,
                          const int        *n_connections,
                          const int        *n_interactions)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("%s: %s\n", g_get_prgname (), error->message);
      return FALSE;
    }

  if ((n_connections != NULL && *n_connections < 0) ||
      (n_interactions != NULL && *n_interactions < 0))
    {
      g_printerr ("%s: --connections and --interactions cannot be negative\n", g_get_prgname ());
      return FALSE;
    }

  return TRUE;
}
