/* byline-image-place.h: where a pasted or dropped image goes in a post's site,
 * and how the post refers to it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "byline-site.h"

G_BEGIN_DECLS

/**
 * BylineImagePlace:
 * @path: where the image file is, or is to be copied to
 * @reference: what the post writes in `![](…)`: the path the site resolves
 * @copy: whether the image must be copied to @path (%FALSE when it is in
 *   the site already)
 */
typedef struct
{
  char     *path;
  char     *reference;
  gboolean  copy;
} BylineImagePlace;

BylineImagePlace *byline_image_place_new  (BylineSite       *site,
                                           const char       *post_path,
                                           const char       *name,
                                           const char       *extension,
                                           const char       *source_path);
void              byline_image_place_free (BylineImagePlace *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BylineImagePlace, byline_image_place_free)

G_END_DECLS
