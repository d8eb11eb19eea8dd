/* byline-seo.c: how much of a post's title and description search engines show
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Search results cut titles at a width (about 600 px), which is about 60
 * characters, and descriptions at about 160 (920 px): the figures the
 * search engines' own guides and the SEO tools use. They are hints: a
 * longer value is valid, only cut where it is shown.
 */

#include "config.h"

#include "byline-seo.h"

#define TITLE_LIMIT 60
#define DESCRIPTION_LIMIT 160

/**
 * byline_seo_field_for_key:
 * @key: a frontmatter key
 *
 * The keys the generators put in a page's `<title>` and
 * `<meta name="description">`: `title`, and `description` (AstroPaper,
 * Hugo, Jekyll; Hugo's `summary` is the page's summary, not its meta
 * description).
 *
 * Returns: what search results make of @key's value
 */
BylineSeoField
byline_seo_field_for_key (const char *key)
{
  if (key == NULL)
    return BYLINE_SEO_FIELD_NONE;
  if (g_ascii_strcasecmp (key, "title") == 0)
    return BYLINE_SEO_FIELD_TITLE;
  if (g_ascii_strcasecmp (key, "description") == 0)
    return BYLINE_SEO_FIELD_DESCRIPTION;
  return BYLINE_SEO_FIELD_NONE;
}

/**
 * byline_seo_hint:
 * @field: the kind of field
 * @value: (nullable): its value
 * @hint: (out): the hint
 *
 * Returns: whether @field has a hint (%FALSE for %BYLINE_SEO_FIELD_NONE)
 */
gboolean
byline_seo_hint (BylineSeoField  field,
                 const char     *value,
                 BylineSeoHint  *hint)
{
  g_return_val_if_fail (hint != NULL, FALSE);

  switch (field)
    {
    case BYLINE_SEO_FIELD_TITLE:
      hint->limit = TITLE_LIMIT;
      break;
    case BYLINE_SEO_FIELD_DESCRIPTION:
      hint->limit = DESCRIPTION_LIMIT;
      break;
    case BYLINE_SEO_FIELD_NONE:
    default:
      return FALSE;
    }
  /* leading and trailing white space is not shown */
  if (value != NULL)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (value));

      hint->length = (guint) g_utf8_strlen (stripped, -1);
    }
  else
    hint->length = 0;
  hint->over = hint->length > hint->limit;
  return TRUE;
}
