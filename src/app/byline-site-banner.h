/* byline-site-banner.h: the notice that an Astro site's schemas need `astro sync`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "byline-site.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_SITE_BANNER (byline_site_banner_get_type ())

G_DECLARE_FINAL_TYPE (BylineSiteBanner, byline_site_banner, BYLINE, SITE_BANNER, GtkWidget)

GtkWidget  *byline_site_banner_new          (void);
void        byline_site_banner_set_site     (BylineSiteBanner *self,
                                             BylineSite       *site,
                                             const char       *collection);
gboolean    byline_site_banner_get_revealed (BylineSiteBanner *self);
gboolean    byline_site_banner_get_running  (BylineSiteBanner *self);
const char *byline_site_banner_get_message  (BylineSiteBanner *self);
const char *byline_site_banner_get_output   (BylineSiteBanner *self);
const char *byline_site_banner_get_command  (BylineSiteBanner *self);
void        byline_site_banner_run_sync     (BylineSiteBanner *self);
void        byline_site_banner_cancel       (BylineSiteBanner *self);

void        _byline_site_banner_set_sandboxed (int              sandboxed);

G_END_DECLS
