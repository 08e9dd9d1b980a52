/* tend-test-network.h: a network that records the actions asked of it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tend-action-executor.h"

G_BEGIN_DECLS

#define TEND_TYPE_TEST_NETWORK (tend_test_network_get_type ())

G_DECLARE_FINAL_TYPE (TendTestNetwork, tend_test_network, TEND, TEST_NETWORK, GObject)

TendTestNetwork *tend_test_network_new          (guint             kinds);
void             tend_test_network_refuse       (TendTestNetwork  *self,
                                                 gint64            connection_id,
                                                 const char       *message);
void             tend_test_network_set_delay    (TendTestNetwork  *self,
                                                 guint             ms);
void             tend_test_network_set_log_path (TendTestNetwork  *self,
                                                 const char       *path);
guint            tend_test_network_get_n_calls  (TendTestNetwork  *self);
char            *tend_test_network_dup_calls    (TendTestNetwork  *self);

/* The kinds an executor offers, as a mask for tend_test_network_new(). */
#define TEND_TEST_KIND(kind) (1u << (kind))

G_END_DECLS
