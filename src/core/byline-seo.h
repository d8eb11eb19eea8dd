/* byline-seo.h: how much of a post's title and description search engines show
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "byline-frontmatter.h"
#include "byline-schema.h"

G_BEGIN_DECLS

/**
 * BylineSeoField:
 * @BYLINE_SEO_FIELD_NONE: a key search results do not show
 * @BYLINE_SEO_FIELD_TITLE: the page title a result shows (about 60
 *   characters before it is cut)
 * @BYLINE_SEO_FIELD_DESCRIPTION: the snippet under it (about 160)
 */
typedef enum
{
  BYLINE_SEO_FIELD_NONE,
  BYLINE_SEO_FIELD_TITLE,
  BYLINE_SEO_FIELD_DESCRIPTION,
} BylineSeoField;

/**
 * BylineSeoHint:
 * @length: the value's length, in characters
 * @limit: about how many characters search results show
 * @over: whether @length is over @limit: a hint, never an error
 */
typedef struct
{
  guint    length;
  guint    limit;
  gboolean over;
} BylineSeoHint;

BylineSeoField byline_seo_field_for_key (const char     *key);
const char    *byline_seo_og_image_key  (BylineSchema   *schema);
gboolean       byline_seo_og_image_missing (const BylineNode *value);
gboolean       byline_seo_hint          (BylineSeoField  field,
                                         const char     *value,
                                         BylineSeoHint  *hint);

G_END_DECLS
