/* tend-application.h: the application, one window per profile
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TEND_TYPE_APPLICATION (tend_application_get_type ())

G_DECLARE_FINAL_TYPE (TendApplication, tend_application, TEND, APPLICATION, AdwApplication)

TendApplication *tend_application_new          (const char      *data_dir);
const char      *tend_application_get_data_dir (TendApplication *self);
void             tend_application_set_data_dir (TendApplication *self,
                                                const char      *data_dir);

G_END_DECLS
