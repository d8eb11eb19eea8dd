/* byline-slug.h: slugs the way the site generator makes them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _BylineSlugger BylineSlugger;

/* github-slugger: heading ids, with -1, -2, … for repeats */
BylineSlugger *byline_slugger_new          (void);
void           byline_slugger_free         (BylineSlugger *self);
char          *byline_slugger_slug         (BylineSlugger *self,
                                            const char    *text);
void           byline_slugger_reset        (BylineSlugger *self);
char          *byline_github_slug          (const char    *text);

/* AstroPaper's slugifyStr(): the slug a post gets from its title */
char          *byline_slug_from_title      (const char    *title);
char          *byline_slug_suggest         (const char    *title);
gboolean       byline_slug_is_valid        (const char    *slug);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BylineSlugger, byline_slugger_free)

G_END_DECLS
