/* tend-prune-page.h: what every page of the pruning wizard offers the wizard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The wizard (TendPruneWizard) shows one page at a time and owns the header,
 * the step indicator and the Back, forward and "Save and close" buttons. A
 * page tells it, through three properties, what those buttons say and do:
 *
 *  - "title" (string, read-only for the wizard): the translated step heading,
 *    shown above the page, e.g. "Quick wins".
 *  - "forward-label" (string): the forward button's label, with a mnemonic,
 *    e.g. "_Continue", "_Prune These 12", "_Apply". Notify when it changes.
 *  - "can-forward" (boolean): whether the forward button is sensitive.
 *  - "can-go-back" (boolean): whether Back and "Save and close" are
 *    sensitive; a page turns it off while it runs work that must not be left
 *    half-way (Apply), and on again when that work is done or paused.
 *
 * The life of a page:
 *
 *  1. is_needed (page, session): asked before the wizard moves onto the page,
 *     forwards or backwards; a page that has nothing to show (the checklist
 *     when no export-only source has pruned people) returns FALSE and is
 *     skipped. The default says TRUE.
 *  2. enter (page, session): the page is about to be shown; it (re)reads what
 *     it needs from the session, which it may keep a reference to. Called
 *     every time the page is shown, also when coming back to it.
 *  3. forward (page): the person pressed the forward button. The page does
 *     its work (decides, writes, starts an async job) and, when done, calls
 *     tend_prune_page_finish(), which emits "finished"; only then does the
 *     wizard move to the next needed page. A synchronous page calls it before
 *     returning; an async one (Apply) calls it from its callback, and keeps
 *     "can-forward" FALSE while busy. A page that fails shows the error
 *     itself and does not call finish. The default just finishes.
 *
 * A page tells of a failed write with tend_prune_page_show_error(), in a
 * dialog over the wizard, and stays where it is.
 *
 * Everything a page decides is saved in the store through the session as it
 * happens, so "Save and close" never has to ask a page to save.
 */
#pragma once

#include <adwaita.h>

#include "tend-prune-session.h"

G_BEGIN_DECLS

#define TEND_TYPE_PRUNE_PAGE (tend_prune_page_get_type ())

G_DECLARE_INTERFACE (TendPrunePage, tend_prune_page, TEND, PRUNE_PAGE, GtkWidget)

struct _TendPrunePageInterface
{
  GTypeInterface parent_iface;

  gboolean (*is_needed) (TendPrunePage    *page,
                         TendPruneSession *session);
  void     (*enter)     (TendPrunePage    *page,
                         TendPruneSession *session);
  void     (*forward)   (TendPrunePage    *page);
};

gboolean  tend_prune_page_is_needed         (TendPrunePage    *page,
                                             TendPruneSession *session);
void      tend_prune_page_enter             (TendPrunePage    *page,
                                             TendPruneSession *session);
void      tend_prune_page_forward           (TendPrunePage    *page);
void      tend_prune_page_finish            (TendPrunePage    *page);

char     *tend_prune_page_dup_title         (TendPrunePage    *page);
char     *tend_prune_page_dup_forward_label (TendPrunePage    *page);
gboolean  tend_prune_page_get_can_forward   (TendPrunePage    *page);
gboolean  tend_prune_page_get_can_go_back   (TendPrunePage    *page);

/* The ids a page gives the interface's properties, from its first one on:
 * its get_property answers them. */
typedef enum {
  TEND_PRUNE_PAGE_PROP_TITLE,
  TEND_PRUNE_PAGE_PROP_FORWARD_LABEL,
  TEND_PRUNE_PAGE_PROP_CAN_FORWARD,
  TEND_PRUNE_PAGE_PROP_CAN_GO_BACK,
} TendPrunePageProperty;

#define TEND_PRUNE_PAGE_N_PROPS (TEND_PRUNE_PAGE_PROP_CAN_GO_BACK + 1)

void      tend_prune_page_override_properties (GObjectClass   *klass,
                                             guint             first_prop_id);

void      tend_prune_page_show_error        (TendPrunePage    *page,
                                             const char       *heading,
                                             const GError     *error);

G_END_DECLS
