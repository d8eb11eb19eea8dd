/* byline-application.h: the Byline GTK application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "byline-session.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_APPLICATION (byline_application_get_type ())

G_DECLARE_FINAL_TYPE (BylineApplication, byline_application, BYLINE, APPLICATION, AdwApplication)

BylineApplication *byline_application_new            (void);
int                byline_application_run            (int                 argc,
                                                      char              **argv);
void               byline_application_open_file      (BylineApplication  *self,
                                                      GFile              *file);
GtkWindow         *byline_application_new_post       (BylineApplication  *self);
void               byline_application_save_session   (BylineApplication  *self,
                                                      GtkWindow          *leaving);
BylineSession     *byline_application_get_session    (BylineApplication  *self);
void               byline_application_quit_abandoned (BylineApplication  *self);
GFile             *byline_application_find_sample    (void);
GSettings         *byline_settings_new               (void);
const char        *byline_data_dir                   (void);

G_END_DECLS
