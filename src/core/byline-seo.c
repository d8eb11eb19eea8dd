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

#include <string.h>

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

/* What a site's own schema (Astro's JSON Schemas) calls a per-post Open
 * Graph image. Only names that say so: whether an `image`, `cover` or
 * `heroImage` also goes into <meta property="og:image"> is up to the site's
 * layout (some do, some show it at the top of the page only), and a hint
 * on them would nag about something the site may not do. */
static const char * const og_image_names[] = {
  "ogImage", "og_image", "og-image", "openGraphImage", "socialImage", "social_image",
};

/**
 * byline_seo_og_image_key:
 * @schema: (nullable): the schema in force
 *
 * The key the site reads a post's own Open Graph image from (the picture
 * social media previews show): AstroPaper's `ogImage`; Hugo's `images`
 * (its internal opengraph and twitter_cards templates take the first);
 * Jekyll's `image` (as jekyll-seo-tag reads it); in a site's own schema, a
 * top-level field named like `ogImage` (see above).
 *
 * Returns: (nullable): the key, or %NULL when the schema has none
 */
const char *
byline_seo_og_image_key (BylineSchema *schema)
{
  const char *source;
  const char *key = NULL;

  if (schema == NULL)
    return NULL;

  source = byline_schema_get_source (schema);
  if (g_strcmp0 (source, "built-in:astropaper") == 0)
    key = "ogImage";
  else if (g_strcmp0 (source, "built-in:hugo") == 0)
    key = "images";
  else if (g_strcmp0 (source, "built-in:jekyll") == 0)
    key = "image";
  else
    {
      for (guint i = 0; i < byline_schema_get_n_fields (schema); i++)
        {
          const BylineField *field = byline_schema_get_field (schema, i);

          for (gsize k = 0; k < G_N_ELEMENTS (og_image_names); k++)
            if (g_ascii_strcasecmp (field->name, og_image_names[k]) == 0)
              return field->name;
        }
      return NULL;
    }
  return byline_schema_lookup (schema, key) != NULL ? key : NULL;
}

/**
 * byline_seo_og_image_missing:
 * @value: (nullable): the post's value of the Open Graph image key
 *
 * Returns: whether the post sets no image: no key, null, an empty or blank
 *   string, or an empty list
 */
gboolean
byline_seo_og_image_missing (const BylineNode *value)
{
  if (value == NULL)
    return TRUE;
  switch (value->type)
    {
    case BYLINE_VALUE_NULL:
      return TRUE;
    case BYLINE_VALUE_STRING:
      {
        const char *s = value->string != NULL ? value->string : "";

        while (g_ascii_isspace (*s))
          s++;
        return *s == '\0';
      }
    case BYLINE_VALUE_SEQUENCE:
      return value->items == NULL || value->items->len == 0;
    default:
      return FALSE;
    }
}
