/* byline-schema.c: AstroPaper's post schema as data, and validation against it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "byline-js-date.h"
#include "byline-schema.h"
#include "byline-schema-private.h"
#include "byline-slug.h"

/* AstroPaper v5's src/content.config.ts declares (zod):
 *
 *   author:       z.string().default(SITE.author)
 *   pubDatetime:  z.date()
 *   modDatetime:  z.date().optional().nullable()
 *   title:        z.string()
 *   featured:     z.boolean().optional()
 *   draft:        z.boolean().optional()
 *   tags:         z.array(z.string()).default(["others"])
 *   ogImage:      image().or(z.string()).optional()
 *   description:  z.string()
 *   canonicalURL: z.string().optional()
 *   hideEditPost: z.boolean().optional()
 *   timezone:     z.string().optional()
 *
 * z.date() takes only the Date js-yaml makes of a plain timestamp, so a quoted
 * date is an error. `.optional()` accepts a missing key but not null, and a
 * `.default()` applies only to a missing key: `author:` (null) is an error.
 * `slug` is not in the zod object; Astro's glob loader takes it as the post's
 * id. The object is not strict, so unknown keys pass.
 *
 * The table is in the order AstroPaper's own posts write their keys
 * (author, pubDatetime, modDatetime, title, slug, featured, draft, ogImage,
 * tags, canonicalURL, description, timezone), so a key added by the engine
 * lands where an AstroPaper author would have put it. */
/* In the order the form shows them: what an author edits most comes first.
 * The last column is where the key goes in a file, the order AstroPaper's
 * own posts write their keys in, so an added key lands where a person would
 * have typed it (modDatetime right after pubDatetime). */
static const BylineField astropaper_fields[] = {
  { "title", BYLINE_FIELD_STRING, TRUE, FALSE, NULL,
    N_("The post’s title, shown as its heading"), 3 },
  { "description", BYLINE_FIELD_TEXT, TRUE, FALSE, NULL,
    N_("A short summary for post lists and search engines"), 10 },
  { "pubDatetime", BYLINE_FIELD_TIMESTAMP, TRUE, FALSE, NULL,
    N_("When the post is published; a future date hides it until then"), 1 },
  { "modDatetime", BYLINE_FIELD_TIMESTAMP, FALSE, TRUE, NULL,
    N_("When the post was last changed; add it only after a change"), 2 },
  { "tags", BYLINE_FIELD_STRING_LIST, FALSE, FALSE, "[\"others\"]",
    N_("Keywords the post is listed under"), 8 },
  { "draft", BYLINE_FIELD_BOOLEAN, FALSE, FALSE, "false",
    N_("Keep the post unpublished"), 6 },
  { "featured", BYLINE_FIELD_BOOLEAN, FALSE, FALSE, "false",
    N_("Show the post in the home page’s featured section"), 5 },
  { "author", BYLINE_FIELD_STRING, FALSE, FALSE, NULL,
    N_("Who wrote the post; the site’s author when left out"), 0 },
  { "slug", BYLINE_FIELD_SLUG, FALSE, TRUE, NULL,
    N_("The post’s address; made from the file name when left out"), 4 },
  { "ogImage", BYLINE_FIELD_URL, FALSE, FALSE, NULL,
    N_("Image for social media previews: a URL or a path to an image"), 7 },
  { "canonicalURL", BYLINE_FIELD_URL, FALSE, FALSE, NULL,
    N_("The original address, when the post was first published elsewhere"), 9 },
  { "hideEditPost", BYLINE_FIELD_BOOLEAN, FALSE, FALSE, "false",
    N_("Hide the “Edit page” link under the title"), 11 },
  { "timezone", BYLINE_FIELD_TIMEZONE, FALSE, FALSE, NULL,
    N_("Time zone for showing the post’s dates (IANA name, e.g. Asia/Bangkok)"), 12 },
};

/* AstroPaper's SITE.scheduledPostMargin default: a post whose pubDatetime is
 * less than this far ahead is shown already. */
#define SCHEDULED_POST_MARGIN (15 * G_TIME_SPAN_MINUTE)

/* Hugo's front matter (gohugo.io/content-management/front-matter/): Hugo
 * reads every field leniently (a date it cannot read is left out, a string
 * where it wants a list is one item), so nothing here fails a build; wrong
 * types are warnings. In the order Hugo's own archetype writes them (title,
 * date, draft) and then as its documentation lists them. */
static const BylineField hugo_fields[] = {
  { "title", BYLINE_FIELD_STRING, FALSE, FALSE, NULL, N_("The page’s title"), 0 },
  { "description", BYLINE_FIELD_TEXT, FALSE, FALSE, NULL,
    N_("A short description, for search engines and lists"), 3 },
  { "date", BYLINE_FIELD_TIMESTAMP, FALSE, FALSE, NULL,
    N_("The date of the post; a future date hides it unless the site builds future posts"), 1,
    .coerce = TRUE },
  { "lastmod", BYLINE_FIELD_TIMESTAMP, FALSE, FALSE, NULL,
    N_("When the post was last changed"), 5, .coerce = TRUE },
  { "publishDate", BYLINE_FIELD_TIMESTAMP, FALSE, FALSE, NULL,
    N_("When to publish it; Hugo leaves it out until then"), 6, .coerce = TRUE },
  { "expiryDate", BYLINE_FIELD_TIMESTAMP, FALSE, FALSE, NULL,
    N_("When to stop publishing it"), 7, .coerce = TRUE },
  { "draft", BYLINE_FIELD_BOOLEAN, FALSE, FALSE, "false", N_("Keep the post unpublished"), 2 },
  { "tags", BYLINE_FIELD_STRING_LIST, FALSE, FALSE, NULL, N_("Tags (a taxonomy)"), 8 },
  { "categories", BYLINE_FIELD_STRING_LIST, FALSE, FALSE, NULL, N_("Categories (a taxonomy)"), 9 },
  { "summary", BYLINE_FIELD_TEXT, FALSE, FALSE, NULL,
    N_("The summary shown in lists, instead of the post’s opening"), 4 },
  { "keywords", BYLINE_FIELD_STRING_LIST, FALSE, FALSE, NULL,
    N_("Keywords for the page’s meta tags"), 10 },
  { "slug", BYLINE_FIELD_SLUG, FALSE, FALSE, NULL,
    N_("The last part of the post’s address; the file name when left out"), 11 },
  { "url", BYLINE_FIELD_STRING, FALSE, FALSE, NULL,
    N_("The whole path of the post’s address, from the site’s root"), 12 },
  { "aliases", BYLINE_FIELD_STRING_LIST, FALSE, FALSE, NULL,
    N_("Old addresses that redirect here"), 13 },
  { "weight", BYLINE_FIELD_INTEGER, FALSE, FALSE, NULL,
    N_("Where the post goes in ordered lists (lower first)"), 14 },
  { "params", BYLINE_FIELD_ANY, FALSE, FALSE, NULL,
    N_("The theme’s own settings"), 15 },
  /* not in Hugo's list of front matter fields, but what its own opengraph
   * and twitter_cards templates (and PaperMod's) read */
  { "images", BYLINE_FIELD_STRING_LIST, FALSE, FALSE, NULL,
    N_("Images for social media previews; the first is shown"), 16 },
};

/* Jekyll's front matter (jekyllrb.com/docs/front-matter/ and /posts/): a post
 * in _posts/ is named YYYY-MM-DD-title.EXT and takes its date from the name
 * unless `date` says otherwise; a `date` Jekyll cannot read stops the build.
 * In the order Jekyll's documentation writes them. */
static const BylineField jekyll_fields[] = {
  { "title", BYLINE_FIELD_STRING, FALSE, FALSE, NULL, N_("The post’s title"), 1 },
  { "date", BYLINE_FIELD_TIMESTAMP, FALSE, FALSE, NULL,
    N_("The date and time of the post; the file name’s date when left out"), 2,
    .coerce = TRUE },
  { "layout", BYLINE_FIELD_STRING, FALSE, FALSE, NULL,
    N_("The layout from _layouts/ the post is shown in"), 0 },
  { "categories", BYLINE_FIELD_STRING_LIST, FALSE, FALSE, NULL,
    N_("Categories; they become part of the post’s address"), 3 },
  { "tags", BYLINE_FIELD_STRING_LIST, FALSE, FALSE, NULL, N_("Tags"), 4 },
  { "permalink", BYLINE_FIELD_STRING, FALSE, FALSE, NULL,
    N_("The post’s address, instead of the site’s pattern"), 5 },
  { "published", BYLINE_FIELD_BOOLEAN, FALSE, FALSE, "true",
    N_("Set to false to leave the post out of the site"), 6 },
  /* jekyll-seo-tag's (the plugin GitHub Pages and Minima use): a path or
   * URL, or a mapping with path, height, width and alt */
  { "image", BYLINE_FIELD_ANY, FALSE, FALSE, NULL,
    N_("Image for social media previews: a path or a URL"), 7 },
};

struct _BylineSchema
{
  gatomicrefcount  ref_count;
  BylineSchemaKind kind;
  char            *name;
  char            *source;      /* a file, "built-in:…", or NULL */
  BylineField     *fields;      /* the table, descriptions translated */
  guint            n_fields;
  const char     **key_order;   /* field names, NULL-terminated */
  GPtrArray       *owned;       /* what fields read from a file point into */
  gboolean         astropaper;  /* AstroPaper's warnings (scheduled posts, …) */

  /* Whether a time zone name is known: looking in tzdata costs tens of
   * microseconds, and the form validates on every keystroke. */
  GMutex           zone_lock;
  GHashTable      *zone_cache;  /* name -> GINT_TO_POINTER (known + 1) */
};

G_DEFINE_QUARK (byline-schema-error-quark, byline_schema_error)

BylineSchema *
_byline_schema_new (BylineSchemaKind  kind,
                    const char       *name,
                    const char       *source)
{
  BylineSchema *self = g_new0 (BylineSchema, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->kind = kind;
  self->name = g_strdup (name);
  self->source = g_strdup (source);
  self->owned = g_ptr_array_new_with_free_func (g_free);
  g_mutex_init (&self->zone_lock);
  self->zone_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  return self;
}

/* Keeps @data until the schema goes. Returns it. */
gpointer
_byline_schema_own (BylineSchema *self,
                    gpointer      data)
{
  if (data != NULL)
    g_ptr_array_add (self->owned, data);

  return data;
}

/* Takes @fields (in form order) and sets the key order from their
 * key_position, which must be 0 .. n_fields - 1, each once. */
void
_byline_schema_set_fields (BylineSchema *self,
                           BylineField  *fields,
                           guint         n_fields)
{
  self->fields = fields;
  self->n_fields = n_fields;
  self->key_order = g_new0 (const char *, n_fields + 1);

  for (guint i = 0; i < n_fields; i++)
    {
      g_assert (fields[i].key_position < n_fields);
      g_assert (self->key_order[fields[i].key_position] == NULL);
      self->key_order[fields[i].key_position] = fields[i].name;
    }
}

static BylineSchema *
new_built_in (BylineSchemaKind   kind,
              const char        *name,
              const char        *source,
              const BylineField *table,
              guint              n_fields)
{
  BylineSchema *self = _byline_schema_new (kind, name, source);
  BylineField *fields = g_new (BylineField, n_fields);

  for (guint i = 0; i < n_fields; i++)
    {
      fields[i] = table[i];
      /* gettext's strings live as long as the program. */
      fields[i].description = g_dgettext (GETTEXT_PACKAGE, table[i].description);
    }
  _byline_schema_set_fields (self, fields, n_fields);

  return self;
}

BylineSchemaKind
_byline_schema_get_kind (BylineSchema *self)
{
  return self->kind;
}

/* An AstroPaper site's own schema, read from its JSON: the verdicts are the
 * JSON's, the warnings about scheduled and modified posts AstroPaper's. To
 * be called before the schema is shared. */
void
_byline_schema_set_astropaper (BylineSchema *self)
{
  self->astropaper = TRUE;
}

/**
 * byline_schema_new_astropaper:
 *
 * The content schema of AstroPaper v5 (satnaing/astro-paper).
 *
 * Returns: (transfer full): a new schema
 */
BylineSchema *
byline_schema_new_astropaper (void)
{
  return new_built_in (BYLINE_SCHEMA_KIND_ASTROPAPER, "AstroPaper", "built-in:astropaper",
                       astropaper_fields, G_N_ELEMENTS (astropaper_fields));
}

/**
 * byline_schema_new_hugo:
 *
 * The front matter Hugo itself reads (title, date, lastmod, publishDate,
 * expiryDate, draft, description, summary, tags, categories, keywords, slug,
 * url, aliases, weight, params). Hugo reads each leniently, so only YAML
 * that does not parse fails a build; other problems are warnings.
 *
 * Returns: (transfer full): a new schema
 */
BylineSchema *
byline_schema_new_hugo (void)
{
  return new_built_in (BYLINE_SCHEMA_KIND_HUGO, "Hugo", "built-in:hugo",
                       hugo_fields, G_N_ELEMENTS (hugo_fields));
}

/**
 * byline_schema_new_jekyll:
 *
 * The front matter Jekyll itself reads (title, date, layout, permalink,
 * categories, tags, published). A `date` Jekyll cannot read is an error.
 *
 * Returns: (transfer full): a new schema
 */
BylineSchema *
byline_schema_new_jekyll (void)
{
  return new_built_in (BYLINE_SCHEMA_KIND_JEKYLL, "Jekyll", "built-in:jekyll",
                       jekyll_fields, G_N_ELEMENTS (jekyll_fields));
}

/**
 * byline_schema_new_yaml_only:
 *
 * No fields: for a post whose site's rules are not known (an Astro site whose
 * schemas `astro sync` has not written yet, a lone post). Validation reports
 * only what YAML itself rejects, never another site's rules.
 *
 * Returns: (transfer full): a new schema
 */
BylineSchema *
byline_schema_new_yaml_only (void)
{
  BylineSchema *self = _byline_schema_new (BYLINE_SCHEMA_KIND_YAML_ONLY, "YAML", NULL);

  _byline_schema_set_fields (self, NULL, 0);

  return self;
}

BylineSchema *
byline_schema_ref (BylineSchema *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
byline_schema_unref (BylineSchema *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->fields);
  g_free (self->key_order);
  g_free (self->name);
  g_free (self->source);
  g_ptr_array_unref (self->owned);
  g_mutex_clear (&self->zone_lock);
  g_hash_table_unref (self->zone_cache);
  g_free (self);
}

const char *
byline_schema_get_name (BylineSchema *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->name;
}

/**
 * byline_schema_get_source:
 * @self: a schema
 *
 * Where the schema comes from: the file it was read from (an Astro site's
 * `.astro/collections/NAME.schema.json`), `built-in:astropaper`,
 * `built-in:hugo`, `built-in:jekyll`, or %NULL for byline_schema_new_yaml_only().
 *
 * Returns: (nullable): the source
 */
const char *
byline_schema_get_source (BylineSchema *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->source;
}

guint
byline_schema_get_n_fields (BylineSchema *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_fields;
}

/**
 * byline_schema_get_field:
 * @self: a schema
 * @index: 0 .. n_fields - 1, in the order posts write the keys
 *
 * Returns: (transfer none): the field; its description is translated
 */
const BylineField *
byline_schema_get_field (BylineSchema *self,
                         guint         index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->n_fields, NULL);

  return &self->fields[index];
}

const BylineField *
byline_schema_lookup (BylineSchema *self,
                      const char   *name)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < self->n_fields; i++)
    {
      if (strcmp (self->fields[i].name, name) == 0)
        return &self->fields[i];
    }

  return NULL;
}

/**
 * byline_schema_get_key_order:
 * @self: a schema
 *
 * The keys in the order posts usually write them, for
 * byline_frontmatter_set_key_order(): a new key goes after the nearest key
 * before it in this list that the post has.
 *
 * Returns: (transfer none) (array zero-terminated=1): the keys
 */
const char * const *
byline_schema_get_key_order (BylineSchema *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return (const char * const *) self->key_order;
}

/* --- validation ---------------------------------------------------------- */

typedef struct
{
  BylineSchema      *schema;
  BylineFrontmatter *frontmatter;
  const char        *text;
  gsize              len;
  GPtrArray         *diagnostics;
} Validation;

static void
add_at (Validation     *v,
        BylineSeverity  severity,
        const char     *key,
        gsize           offset,
        gsize           length,
        const char     *message)
{
  guint line;
  guint column = 0;

  line = byline_frontmatter_offset_to_line (v->frontmatter, MIN (offset, v->len), &column);
  g_ptr_array_add (v->diagnostics,
                   byline_diagnostic_new (severity, key, message, line, column, offset, length));
}

/* The place to underline for an entry's value: the value itself, or the key
 * when the value is empty (`draft:`). */
static void
add_at_entry (Validation        *v,
              BylineSeverity     severity,
              const BylineEntry *entry,
              const BylineNode  *node,
              const char        *message)
{
  if (node->end > node->start)
    {
      g_ptr_array_add (v->diagnostics,
                       byline_diagnostic_new (severity, entry->key, message,
                                              node->line, node->column,
                                              node->start, node->end - node->start));
      return;
    }

  g_ptr_array_add (v->diagnostics,
                   byline_diagnostic_new (severity, entry->key, message,
                                          entry->key_node->line, entry->key_node->column,
                                          entry->key_node->start,
                                          entry->key_node->end - entry->key_node->start));
}

static const char *
describe_type (const BylineNode *node)
{
  switch (node->type)
    {
    case BYLINE_VALUE_NULL:
      /* Translators: what a YAML value is, in "… is empty / a number / …, but …" */
      return _("empty");
    case BYLINE_VALUE_BOOLEAN:
      return _("true or false");
    case BYLINE_VALUE_INTEGER:
    case BYLINE_VALUE_FLOAT:
      return _("a number");
    case BYLINE_VALUE_STRING:
      return _("text");
    case BYLINE_VALUE_TIMESTAMP:
      return _("a date");
    case BYLINE_VALUE_SEQUENCE:
      return _("a list");
    case BYLINE_VALUE_MAPPING:
      return _("a mapping");
    default:
      g_assert_not_reached ();
    }

  return NULL;
}

static gboolean
is_quoted (const BylineNode *node)
{
  return node->style == BYLINE_STYLE_SINGLE_QUOTED || node->style == BYLINE_STYLE_DOUBLE_QUOTED;
}

/* A wrong type for a z.string() field, with a hint at the likely fix. */
static void
check_string_type (Validation        *v,
                   const BylineEntry *entry,
                   BylineSeverity     severity)
{
  const BylineNode *node = entry->value;
  g_autofree char *message = NULL;

  if (node->type == BYLINE_VALUE_STRING)
    return;

  if (node->type == BYLINE_VALUE_NULL)
    /* Translators: %s is a frontmatter key such as “title” */
    message = g_strdup_printf (_("“%s” is empty, but it must be text"), entry->key);
  else if (node->type == BYLINE_VALUE_SEQUENCE || node->type == BYLINE_VALUE_MAPPING)
    /* Translators: %s is a frontmatter key, %s is e.g. “a list” */
    message = g_strdup_printf (_("“%s” must be text, not %s"), entry->key, describe_type (node));
  else
    /* Translators: the first %s is a frontmatter key, the second what YAML reads,
     * e.g. “a number”; quoting makes YAML read text */
    message = g_strdup_printf (_("“%s” must be text, but YAML reads this as %s; put it in quotes"),
                               entry->key, describe_type (node));

  add_at_entry (v, severity, entry, node, message);
}

static void
check_timestamp (Validation        *v,
                 const BylineField *field,
                 const BylineEntry *entry)
{
  const BylineNode *node = entry->value;
  g_autofree char *message = NULL;
  BylineTimestamp ts;

  if (node->type == BYLINE_VALUE_TIMESTAMP)
    return;

  if (node->type == BYLINE_VALUE_NULL && field->nullable)
    return;

  if (node->type == BYLINE_VALUE_STRING && is_quoted (node) && node->string != NULL &&
      byline_timestamp_parse (node->string, strlen (node->string), &ts))
    /* Translators: %s is a frontmatter key such as “pubDatetime” */
    message = g_strdup_printf (_("“%s” is quoted, so it is text and not a date; remove the quotes"),
                               entry->key);
  else if (node->type == BYLINE_VALUE_NULL)
    message = g_strdup_printf (_("“%s” is empty, but it must be a date such as 2024-01-02T15:04:05Z"),
                               entry->key);
  else
    /* Translators: the first %s is a frontmatter key, the second what YAML reads */
    message = g_strdup_printf (_("“%s” must be a date such as 2024-01-02T15:04:05Z, "
                                 "but YAML reads this as %s"),
                               entry->key, describe_type (node));

  add_at_entry (v, BYLINE_SEVERITY_ERROR, entry, node, message);
}

static void
check_boolean (Validation        *v,
               const BylineEntry *entry)
{
  const BylineNode *node = entry->value;
  g_autofree char *message = NULL;

  if (node->type == BYLINE_VALUE_BOOLEAN)
    return;

  if (node->type == BYLINE_VALUE_STRING && !is_quoted (node) && node->string != NULL)
    /* Translators: the first %s is a frontmatter key, the second the value as
     * written (yes, no, on, off, …); keep “true” and “false” untranslated */
    message = g_strdup_printf (_("“%s” must be true or false; the site reads “%s” as text"),
                               entry->key, node->string);
  else
    message = g_strdup_printf (_("“%s” must be true or false, not %s"),
                               entry->key, describe_type (node));

  add_at_entry (v, BYLINE_SEVERITY_ERROR, entry, node, message);
}

static void
check_string_list (Validation        *v,
                   const BylineEntry *entry)
{
  const BylineNode *node = entry->value;

  if (node->type != BYLINE_VALUE_SEQUENCE)
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (_("“%s” must be a list of text, such as [one, two], not %s"),
                                 entry->key, describe_type (node));
      add_at_entry (v, BYLINE_SEVERITY_ERROR, entry, node, message);
      return;
    }

  for (guint i = 0; node->items != NULL && i < node->items->len; i++)
    {
      const BylineNode *item = g_ptr_array_index (node->items, i);
      g_autofree char *message = NULL;

      if (item->type == BYLINE_VALUE_STRING)
        continue;

      /* Translators: the first %s is a frontmatter key, the second what YAML
       * reads, e.g. “a number” */
      message = g_strdup_printf (_("Every item of “%s” must be text; YAML reads this one as %s"),
                                 entry->key, describe_type (item));
      if (item->end > item->start)
        g_ptr_array_add (v->diagnostics,
                         byline_diagnostic_new (BYLINE_SEVERITY_ERROR, entry->key, message,
                                                item->line, item->column,
                                                item->start, item->end - item->start));
      else
        add_at_entry (v, BYLINE_SEVERITY_ERROR, entry, node, message);
    }

  if (node->items == NULL || node->items->len == 0)
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (_("“%s” is an empty list, so the post is under no tag"), entry->key);
      add_at_entry (v, BYLINE_SEVERITY_WARNING, entry, node, message);
    }
}

static gboolean
has_uri_scheme (const char *s)
{
  g_autofree char *scheme = g_uri_parse_scheme (s);

  return scheme != NULL;
}

static gboolean
is_web_url (const char *s)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  uri = g_uri_parse (s, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return FALSE;

  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);

  return (g_ascii_strcasecmp (scheme, "https") == 0 || g_ascii_strcasecmp (scheme, "http") == 0) &&
         host != NULL && *host != '\0';
}

static gboolean
has_blank_or_control (const char *s)
{
  for (const char *p = s; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_iscntrl (c))
        return TRUE;
    }

  return FALSE;
}

static void
check_url (Validation        *v,
           const BylineEntry *entry)
{
  const BylineNode *node = entry->value;
  const char *s = node->string;
  g_autofree char *message = NULL;

  if (node->type != BYLINE_VALUE_STRING || s == NULL || !g_utf8_validate (s, -1, NULL))
    return;

  if (strcmp (entry->key, "canonicalURL") == 0)
    {
      /* It goes into <link rel="canonical">, which wants an absolute URL. */
      if (is_web_url (s) && !has_blank_or_control (s))
        return;

      /* Translators: %s is a frontmatter key such as “canonicalURL” */
      message = g_strdup_printf (_("“%s” is not an absolute web address such as https://example.org/post"),
                                 entry->key);
    }
  else
    {
      /* ogImage: a remote image, or a path to one (relative to the post or
       * under public/). */
      if (has_uri_scheme (s) ? is_web_url (s) && !has_blank_or_control (s)
                             : *s != '\0' && !g_ascii_isspace (*s) &&
                               !g_ascii_isspace (s[strlen (s) - 1]) &&
                               strchr (s, '\\') == NULL)
        return;

      message = g_strdup_printf (_("“%s” is neither a web address nor a path to an image"),
                                 entry->key);
    }

  add_at_entry (v, BYLINE_SEVERITY_WARNING, entry, node, message);
}

/* A time zone file, not one of tzdata's tables (zone.tab, tzdata.zi, …). */
static gboolean
is_tzif_file (const char *path)
{
  char magic[4];
  FILE *f;
  gboolean ok = FALSE;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return FALSE;

  f = fopen (path, "rb");
  if (f == NULL)
    return FALSE;

  ok = fread (magic, 1, sizeof magic, f) == sizeof magic && memcmp (magic, "TZif", 4) == 0;
  fclose (f);

  return ok;
}

/* Whether a zoneinfo file of that name exists, looked up with the case
 * ignored (JavaScript's Intl, which the site formats dates with, ignores it). */
static gboolean
zoneinfo_has_file (const char *dir,
                   const char *name)
{
  g_auto(GStrv) parts = g_strsplit (name, "/", -1);
  g_autofree char *path = g_strdup (dir);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *exact = g_build_filename (path, parts[i], NULL);
      g_autoptr(GDir) d = NULL;
      const char *child;
      gboolean found = FALSE;

      if (*parts[i] == '\0' || *parts[i] == '.')
        return FALSE;

      if (g_file_test (exact, G_FILE_TEST_EXISTS))
        {
          g_free (path);
          path = g_steal_pointer (&exact);
          continue;
        }

      d = g_dir_open (path, 0, NULL);
      while (d != NULL && !found && (child = g_dir_read_name (d)) != NULL)
        {
          if (g_ascii_strcasecmp (child, parts[i]) == 0)
            {
              char *next = g_build_filename (path, child, NULL);

              g_free (path);
              path = next;
              found = TRUE;
            }
        }

      if (!found)
        return FALSE;
    }

  return is_tzif_file (path);
}

static gboolean
is_iana_zone (const char *name)
{
  const char *tzdir = g_getenv ("TZDIR");
  g_autoptr(GTimeZone) tz = NULL;

  if (*name == '\0' || strlen (name) > 255 || !g_utf8_validate (name, -1, NULL))
    return FALSE;

  /* An offset (+08:00) or a POSIX rule (EST5EDT,M3.2.0,M11.1.0) is a valid
   * GTimeZone but not an IANA name; IANA names start with a letter. The
   * tzdata copies under posix/ and right/ are not names either. */
  if (!g_ascii_isalpha (*name) || g_str_has_prefix (name, "posix/") ||
      g_str_has_prefix (name, "right/") || strchr (name, ',') != NULL ||
      strstr (name, "..") != NULL || strchr (name, '\\') != NULL)
    return FALSE;

  if (tzdir == NULL || *tzdir == '\0')
    tzdir = "/usr/share/zoneinfo";

  if (g_file_test (tzdir, G_FILE_TEST_IS_DIR))
    return zoneinfo_has_file (tzdir, name);

  /* No tzdata to look in: GTimeZone says NULL rather than fall back to UTC
   * for a name it cannot load (GLib >= 2.68). */
  tz = g_time_zone_new_identifier (name);

  return tz != NULL;
}

static gboolean
is_known_zone (BylineSchema *self,
               const char   *name)
{
  g_autoptr(GMutexLocker) locker G_GNUC_UNUSED = g_mutex_locker_new (&self->zone_lock);
  gpointer cached = g_hash_table_lookup (self->zone_cache, name);
  gboolean known;

  if (cached != NULL)
    return GPOINTER_TO_INT (cached) - 1;

  known = is_iana_zone (name);
  /* Names come from what the user types: keep the cache small. */
  if (g_hash_table_size (self->zone_cache) >= 256)
    g_hash_table_remove_all (self->zone_cache);
  g_hash_table_insert (self->zone_cache, g_strdup (name), GINT_TO_POINTER (known + 1));

  return known;
}

static void
check_timezone (Validation        *v,
                const BylineEntry *entry)
{
  const BylineNode *node = entry->value;
  g_autofree char *message = NULL;

  if (node->type != BYLINE_VALUE_STRING || node->string == NULL ||
      is_known_zone (v->schema, node->string))
    return;

  /* Translators: %s is a frontmatter key; keep “Asia/Bangkok” as it is */
  message = g_strdup_printf (_("“%s” is not a known time zone; use an IANA name such as Asia/Bangkok"),
                             entry->key);
  add_at_entry (v, BYLINE_SEVERITY_WARNING, entry, node, message);
}

static void
check_slug (Validation        *v,
            const BylineEntry *entry)
{
  const BylineNode *node = entry->value;
  g_autofree char *message = NULL;

  /* slug is outside the zod schema: nothing here fails the build. */
  if (node->type == BYLINE_VALUE_NULL)
    return;

  if (node->type != BYLINE_VALUE_STRING)
    {
      check_string_type (v, entry, BYLINE_SEVERITY_WARNING);
      return;
    }

  if (node->string == NULL || byline_slug_is_valid (node->string))
    return;

  /* Translators: %s is a frontmatter key such as “slug” */
  message = g_strdup_printf (_("“%s” should use only lower-case letters, digits, “-” and “_”, "
                               "with “/” between parts"),
                             entry->key);
  add_at_entry (v, BYLINE_SEVERITY_WARNING, entry, node, message);
}

static gboolean
is_blank_string (const char *s)
{
  for (; s != NULL && *s != '\0'; s++)
    {
      if (!g_ascii_isspace (*s))
        return FALSE;
    }

  return TRUE;
}

static void
check_field (Validation        *v,
             const BylineField *field,
             const BylineEntry *entry)
{
  const BylineNode *node = entry->value;

  switch (field->type)
    {
    case BYLINE_FIELD_TIMESTAMP:
      check_timestamp (v, field, entry);
      return;

    case BYLINE_FIELD_BOOLEAN:
      check_boolean (v, entry);
      return;

    case BYLINE_FIELD_STRING_LIST:
      check_string_list (v, entry);
      return;

    case BYLINE_FIELD_SLUG:
      check_slug (v, entry);
      return;

    case BYLINE_FIELD_STRING:
    case BYLINE_FIELD_TEXT:
    case BYLINE_FIELD_URL:
    case BYLINE_FIELD_TIMEZONE:
      if (node->type == BYLINE_VALUE_NULL && field->nullable)
        return;
      check_string_type (v, entry, BYLINE_SEVERITY_ERROR);
      if (node->type != BYLINE_VALUE_STRING)
        return;
      break;

    default:
      g_assert_not_reached ();
    }

  if (field->type == BYLINE_FIELD_URL)
    check_url (v, entry);
  else if (field->type == BYLINE_FIELD_TIMEZONE)
    check_timezone (v, entry);
  else if (field->required && is_blank_string (node->string))
    {
      g_autofree char *message = NULL;

      /* zod's z.string() takes "", but an empty title or description shows
       * as nothing on the site. */
      /* Translators: %s is a frontmatter key such as “title” */
      message = g_strdup_printf (_("“%s” is empty"), entry->key);
      add_at_entry (v, BYLINE_SEVERITY_WARNING, entry, node, message);
    }
}


/* --- every other schema: the site's rules, field by field --------------- */

/* What a field takes, for messages: "text", "a whole number", … */
static const char *
describe_field (const BylineField *field)
{
  switch (field->type)
    {
    case BYLINE_FIELD_BOOLEAN:
      return _("true or false");
    case BYLINE_FIELD_INTEGER:
      return _("a whole number");
    case BYLINE_FIELD_NUMBER:
      return _("a number");
    case BYLINE_FIELD_TIMESTAMP:
    case BYLINE_FIELD_DATE:
      return _("a date");
    case BYLINE_FIELD_STRING_LIST:
      return _("a list of text");
    case BYLINE_FIELD_LIST:
      return _("a list");
    case BYLINE_FIELD_OBJECT:
      return _("a mapping of keys to values");
    case BYLINE_FIELD_REFERENCE:
      return _("the id of an entry");
    case BYLINE_FIELD_ENUM:
      return _("one of the listed values");
    case BYLINE_FIELD_ANY:
    case BYLINE_FIELD_UNION:
      return _("a value");
    case BYLINE_FIELD_STRING:
    case BYLINE_FIELD_TEXT:
    case BYLINE_FIELD_URL:
    case BYLINE_FIELD_TIMEZONE:
    case BYLINE_FIELD_SLUG:
    case BYLINE_FIELD_IMAGE:
    default:
      return _("text");
    }
}

static void
add_at_node (Validation        *v,
             BylineSeverity     severity,
             const BylineEntry *entry,
             const BylineNode  *node,
             const char        *message)
{
  if (node != NULL && node->end > node->start)
    g_ptr_array_add (v->diagnostics,
                     byline_diagnostic_new (severity, entry->key, message,
                                            node->line, node->column,
                                            node->start, node->end - node->start));
  else
    add_at_entry (v, severity, entry, entry->value, message);
}

/* String length as JavaScript counts it (UTF-16 code units), which is what
 * zod's .min()/.max() compare. */
static gsize
js_length (const char *s)
{
  gsize n = 0;

  for (const char *p = s; *p != '\0'; p = g_utf8_next_char (p))
    n += g_utf8_get_char (p) > 0xFFFF ? 2 : 1;

  return n;
}

/* zod's .regex(): JavaScript's syntax, which PCRE reads alike for what
 * schemas write; one PCRE cannot compile is not checked. */
static gboolean
matches_js_pattern (const char *pattern,
                    const char *s)
{
  g_autoptr(GRegex) regex = g_regex_new (pattern, 0, 0, NULL);

  return regex == NULL || g_regex_match (regex, s, 0, NULL);
}

/* zod 3's z.string().email(). */
static gboolean
is_email (const char *s)
{
  return g_regex_match_simple ("^(?!\\.)(?!.*\\.\\.)([A-Z0-9_'+\\-\\.]*)[A-Z0-9_+-]@"
                               "([A-Z0-9][A-Z0-9\\-]*\\.)+[A-Z]{2,}$",
                               s, G_REGEX_CASELESS, 0);
}

/* zod 3's z.string().url() is `new URL(s)` succeeding: a scheme, and a host
 * for the schemes that need one. */
static gboolean
is_js_url (const char *s)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (s));
  g_autofree char *scheme = g_uri_parse_scheme (trimmed);
  static const char * const special[] = { "http", "https", "ws", "wss", "ftp" };
  const char *rest;

  if (scheme == NULL)
    return FALSE;

  rest = trimmed + strlen (scheme) + 1;
  for (guint i = 0; i < G_N_ELEMENTS (special); i++)
    {
      if (g_ascii_strcasecmp (scheme, special[i]) == 0)
        {
          gsize host_len;

          rest += strspn (rest, "/\\");
          host_len = strcspn (rest, "/\\?#");
          if (host_len == 0)
            return FALSE;
          for (gsize k = 0; k < host_len; k++)
            if (strchr (" <>^|%", rest[k]) != NULL && !(rest[k] == '%' && k + 2 < host_len))
              return FALSE;
          return TRUE;
        }
    }

  return TRUE;
}

/* YAML 1.1 booleans, which Jekyll's Psych and Hugo's YAML read as such and
 * js-yaml reads as text. */
static gboolean
is_yaml11_boolean (const BylineNode *node)
{
  static const char * const words[] = {
    "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
    "on", "On", "ON", "off", "Off", "OFF",
  };

  if (node->type != BYLINE_VALUE_STRING || is_quoted (node) || node->string == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (strcmp (node->string, words[i]) == 0)
      return TRUE;

  return FALSE;
}

/* What `new Date(value)` makes of a YAML value, as z.coerce.date() sees it. */
static gboolean
coerces_to_date (const BylineNode *node)
{
  switch (node->type)
    {
    case BYLINE_VALUE_TIMESTAMP:
    case BYLINE_VALUE_NULL:      /* new Date(null) is 1970 */
    case BYLINE_VALUE_BOOLEAN:   /* new Date(true) is 1 ms after it */
      return TRUE;
    case BYLINE_VALUE_INTEGER:
      return ABS (node->integer) <= (gint64) 8640000000000000;
    case BYLINE_VALUE_FLOAT:
      return !isnan (node->number) && fabs (node->number) <= 8.64e15;
    case BYLINE_VALUE_STRING:
      return node->string != NULL && byline_js_date_is_valid (node->string);
    case BYLINE_VALUE_SEQUENCE:
      {
        /* String ([a, b]) is "a,b". */
        g_autoptr(GString) joined = g_string_new (NULL);

        for (guint i = 0; node->items != NULL && i < node->items->len; i++)
          {
            const BylineNode *item = g_ptr_array_index (node->items, i);

            if (item->type == BYLINE_VALUE_MAPPING || item->type == BYLINE_VALUE_TIMESTAMP)
              return FALSE;
            if (i > 0)
              g_string_append_c (joined, ',');
            if (item->type != BYLINE_VALUE_NULL && item->string != NULL)
              g_string_append (joined, item->string);
          }
        return byline_js_date_is_valid (joined->str);
      }
    case BYLINE_VALUE_MAPPING:
    default:
      return FALSE;
    }
}

/* Jekyll reads a date with Ruby: Psych makes a time of a YAML timestamp
 * whose fields are in range and leaves any other as text, which Time.parse
 * then rejects when a field is out of range (2024-13-45). Time.local rolls
 * a day past the month's end over (2024-02-30 is March 1st), as JavaScript
 * does. */
static gboolean
ruby_time_in_range (const BylineTimestamp *ts)
{
  return ts->month >= 1 && ts->month <= 12 && ts->day >= 1 && ts->day <= 31 &&
         ts->hour <= 24 && ts->minute <= 59 && ts->second <= 60;
}

/* Whether Ruby's Time.parse (Jekyll's) reads @s: as V8's Date does, on the
 * cases the Jekyll oracle tries, but for a/b/c, which Ruby reads as
 * day/month/year (year/month/day when a has three digits or more). */
static gboolean
ruby_date_is_valid (const char *s)
{
  g_autoptr(GRegex) slashes = g_regex_new ("^\\s*(\\d+)/(\\d+)(?:/(\\d+))?(?:$|[\\sT])", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  if (g_regex_match (slashes, s, 0, &match))
    {
      g_autofree char *a = g_match_info_fetch (match, 1);
      g_autofree char *b = g_match_info_fetch (match, 2);
      int month = atoi (b);
      int day = strlen (a) >= 3 ? 1 : atoi (a);

      if (strlen (a) >= 3)
        {
          g_autofree char *c = g_match_info_fetch (match, 3);

          day = c != NULL && *c != '\0' ? atoi (c) : 1;
        }
      return month >= 1 && month <= 12 && day >= 1 && day <= 31;
    }

  return byline_js_date_is_valid (s);
}

static gboolean
number_value (const BylineNode *node,
              double           *value)
{
  if (node->type == BYLINE_VALUE_INTEGER)
    *value = (double) node->integer;
  else if (node->type == BYLINE_VALUE_FLOAT)
    *value = node->number;
  else
    return FALSE;

  return TRUE;
}

static char *
format_number (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_dtostr (buf, sizeof buf, value));
}

static void check_node (Validation        *v,
                        const BylineField *field,
                        const char        *label,
                        const BylineEntry *entry,
                        const BylineNode  *node,
                        BylineSeverity     severity);

static void
check_bounds (Validation        *v,
              const BylineField *field,
              const char        *label,
              const BylineEntry *entry,
              const BylineNode  *node,
              BylineSeverity     severity,
              double             value)
{
  g_autofree char *message = NULL;

  if (field->has_minimum &&
      (field->exclusive_minimum ? !(value > field->minimum) : !(value >= field->minimum)))
    {
      g_autofree char *bound = format_number (field->minimum);

      message = field->exclusive_minimum
        /* Translators: %s is a key, %s a number */
        ? g_strdup_printf (_("“%s” must be more than %s"), label, bound)
        : g_strdup_printf (_("“%s” must be at least %s"), label, bound);
    }
  else if (field->has_maximum &&
           (field->exclusive_maximum ? !(value < field->maximum) : !(value <= field->maximum)))
    {
      g_autofree char *bound = format_number (field->maximum);

      message = field->exclusive_maximum
        ? g_strdup_printf (_("“%s” must be less than %s"), label, bound)
        : g_strdup_printf (_("“%s” must be at most %s"), label, bound);
    }

  if (message != NULL)
    add_at_node (v, severity, entry, node, message);
}

static void
check_string_value (Validation        *v,
                    const BylineField *field,
                    const char        *label,
                    const BylineEntry *entry,
                    const BylineNode  *node,
                    BylineSeverity     severity)
{
  g_autofree char *message = NULL;
  gsize length;

  if (node->string == NULL)
    return;

  length = js_length (node->string);
  if (field->max_length > 0 && length > field->max_length)
    /* Translators: %s is a key, %u a number of characters */
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "“%s” is too long: at most %u character",
                                            "“%s” is too long: at most %u characters",
                                            field->max_length),
                               label, field->max_length);
  else if (field->min_length > 0 && length < field->min_length)
    /* Translators: %s is a key, %u a number of characters */
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "“%s” is too short: at least %u character",
                                            "“%s” is too short: at least %u characters",
                                            field->min_length),
                               label, field->min_length);
  else if (field->type == BYLINE_FIELD_ENUM && field->enum_values != NULL &&
           !g_strv_contains (field->enum_values, node->string))
    {
      g_autofree char *values = g_strjoinv (", ", (char **) field->enum_values);

      /* Translators: %s is a key, the second %s the values it takes */
      message = g_strdup_printf (_("“%s” must be one of: %s"), label, values);
    }
  else if (field->pattern != NULL && !matches_js_pattern (field->pattern, node->string))
    /* Translators: %s is a key, the second %s a regular expression */
    message = g_strdup_printf (_("“%s” does not have the form the site asks for (%s)"),
                               label, field->pattern);
  else if (g_strcmp0 (field->format, "email") == 0 && !is_email (node->string))
    message = g_strdup_printf (_("“%s” is not an email address"), label);
  else if (field->type != BYLINE_FIELD_TIMESTAMP && field->type != BYLINE_FIELD_DATE &&
           g_strcmp0 (field->format, "date-time") == 0 &&
           !g_regex_match_simple ("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?"
                                  "(Z|[+-]\\d{2}(:?\\d{2})?)$", node->string, 0, 0))
    /* zod's z.string().datetime(): text in ISO form, with T and a zone */
    message = g_strdup_printf (_("“%s” must be a date and time written as 2024-01-02T15:04:05Z"),
                               label);
  else if (field->type != BYLINE_FIELD_TIMESTAMP && field->type != BYLINE_FIELD_DATE &&
           g_strcmp0 (field->format, "date") == 0 &&
           !g_regex_match_simple ("^\\d{4}-\\d{2}-\\d{2}$", node->string, 0, 0))
    message = g_strdup_printf (_("“%s” must be a date written as 2024-01-02"), label);
  else if ((field->type == BYLINE_FIELD_URL || g_strcmp0 (field->format, "uri") == 0) &&
           !is_js_url (node->string))
    message = g_strdup_printf (_("“%s” is not an absolute address such as https://example.org/"),
                               label);

  if (message != NULL)
    add_at_node (v, severity, entry, node, message);
}

static void
check_object (Validation        *v,
              const BylineField *field,
              const char        *label,
              const BylineEntry *entry,
              const BylineNode  *node,
              BylineSeverity     severity)
{
  for (guint i = 0; i < field->n_fields; i++)
    {
      const BylineField *sub = &field->fields[i];
      const BylineEntry *found = NULL;
      g_autofree char *sub_label = g_strdup_printf ("%s.%s", label, sub->name);

      for (guint k = 0; node->entries != NULL && k < node->entries->len; k++)
        {
          const BylineEntry *e = g_ptr_array_index (node->entries, k);

          if (g_strcmp0 (e->key, sub->name) == 0)
            found = e;
        }

      if (found == NULL)
        {
          if (sub->required)
            {
              g_autofree char *message = NULL;

              message = g_strdup_printf (_("“%s” is required but missing"), sub_label);
              add_at_node (v, severity, entry, node, message);
            }
          continue;
        }

      check_node (v, sub, sub_label, entry, found->value, severity);
    }
}

static gboolean
is_reference_object (const BylineNode *node)
{
  gboolean has_id = FALSE;
  gboolean has_collection = FALSE;

  for (guint k = 0; node->entries != NULL && k < node->entries->len; k++)
    {
      const BylineEntry *e = g_ptr_array_index (node->entries, k);

      if ((g_strcmp0 (e->key, "id") == 0 || g_strcmp0 (e->key, "slug") == 0) &&
          e->value->type == BYLINE_VALUE_STRING)
        has_id = TRUE;
      else if (g_strcmp0 (e->key, "collection") == 0 && e->value->type == BYLINE_VALUE_STRING)
        has_collection = TRUE;
    }

  return has_id && has_collection;
}

/* One value against one field, the site's way; nested values are checked
 * item by item, and every diagnostic is about the top-level key @entry. */
static void
check_node (Validation        *v,
            const BylineField *field,
            const char        *label,
            const BylineEntry *entry,
            const BylineNode  *node,
            BylineSeverity     severity)
{
  BylineSchemaKind kind = v->schema->kind;
  g_autofree char *message = NULL;
  gboolean lenient = kind == BYLINE_SCHEMA_KIND_HUGO || kind == BYLINE_SCHEMA_KIND_JEKYLL;
  double number;

  if (field->type == BYLINE_FIELD_ANY)
    return;

  if (node->type == BYLINE_VALUE_NULL)
    {
      if (field->nullable || lenient ||
          ((field->type == BYLINE_FIELD_TIMESTAMP || field->type == BYLINE_FIELD_DATE) &&
           field->coerce))
        return;
      /* Translators: the first %s is a key, the second what it takes, e.g. “a number” */
      message = g_strdup_printf (_("“%s” is empty, but it must be %s"), label,
                                 describe_field (field));
      add_at_node (v, severity, entry, node, message);
      return;
    }

  switch (field->type)
    {
    case BYLINE_FIELD_STRING:
    case BYLINE_FIELD_TEXT:
    case BYLINE_FIELD_URL:
    case BYLINE_FIELD_TIMEZONE:
    case BYLINE_FIELD_SLUG:
    case BYLINE_FIELD_IMAGE:
    case BYLINE_FIELD_ENUM:
      if (node->type == BYLINE_VALUE_STRING)
        {
          check_string_value (v, field, label, entry, node, severity);
          return;
        }
      /* Hugo and Jekyll take a number or a date as its text. */
      if (lenient && node->type != BYLINE_VALUE_SEQUENCE && node->type != BYLINE_VALUE_MAPPING)
        return;
      if (node->type == BYLINE_VALUE_SEQUENCE || node->type == BYLINE_VALUE_MAPPING)
        message = g_strdup_printf (_("“%s” must be text, not %s"), label, describe_type (node));
      else
        message = g_strdup_printf (_("“%s” must be text, but YAML reads this as %s; put it in quotes"),
                                   label, describe_type (node));
      break;

    case BYLINE_FIELD_INTEGER:
    case BYLINE_FIELD_NUMBER:
      if (number_value (node, &number) && !isnan (number))
        {
          if (field->type == BYLINE_FIELD_INTEGER && (isinf (number) || number != floor (number)))
            message = g_strdup_printf (_("“%s” must be a whole number"), label);
          else
            {
              check_bounds (v, field, label, entry, node, severity, number);
              return;
            }
        }
      else if (node->type == BYLINE_VALUE_STRING && is_quoted (node))
        message = g_strdup_printf (_("“%s” is quoted, so it is text and not a number; "
                                     "remove the quotes"), label);
      else
        /* Translators: the first %s is a key, the second what it takes, the third what YAML reads */
        message = g_strdup_printf (_("“%s” must be %s, not %s"), label, describe_field (field),
                                   describe_type (node));
      break;

    case BYLINE_FIELD_BOOLEAN:
      if (node->type == BYLINE_VALUE_BOOLEAN || (lenient && is_yaml11_boolean (node)))
        return;
      if (node->type == BYLINE_VALUE_STRING && !is_quoted (node) && node->string != NULL)
        message = g_strdup_printf (_("“%s” must be true or false; the site reads “%s” as text"),
                                   label, node->string);
      else
        message = g_strdup_printf (_("“%s” must be true or false, not %s"),
                                   label, describe_type (node));
      break;

    case BYLINE_FIELD_TIMESTAMP:
    case BYLINE_FIELD_DATE:
      if (node->type == BYLINE_VALUE_TIMESTAMP &&
          (kind != BYLINE_SCHEMA_KIND_JEKYLL || ruby_time_in_range (&node->timestamp)))
        return;
      if (kind == BYLINE_SCHEMA_KIND_JEKYLL && node->type == BYLINE_VALUE_STRING)
        {
          if (node->string != NULL && ruby_date_is_valid (node->string))
            return;
        }
      else if (node->type != BYLINE_VALUE_TIMESTAMP && field->coerce && coerces_to_date (node))
        return;
      if (!field->coerce && node->type == BYLINE_VALUE_STRING && is_quoted (node) &&
          node->string != NULL && byline_js_date_is_valid (node->string))
        message = g_strdup_printf (_("“%s” is quoted, so it is text and not a date; "
                                     "remove the quotes"), label);
      else if (node->type == BYLINE_VALUE_STRING)
        message = g_strdup_printf (_("“%s” is not a date the site can read; "
                                     "write it as 2024-01-02 or 2024-01-02T15:04:05Z"), label);
      else
        message = g_strdup_printf (_("“%s” must be a date such as 2024-01-02T15:04:05Z, "
                                     "but YAML reads this as %s"),
                                   label, describe_type (node));
      break;

    case BYLINE_FIELD_STRING_LIST:
    case BYLINE_FIELD_LIST:
      if (node->type == BYLINE_VALUE_SEQUENCE)
        {
          BylineField text_item = { field->name, BYLINE_FIELD_STRING, TRUE, FALSE, NULL, NULL, 0 };
          const BylineField *item = field->item;
          guint n_items = node->items != NULL ? node->items->len : 0;

          if (field->type == BYLINE_FIELD_STRING_LIST || item == NULL)
            {
              text_item.type = field->enum_values != NULL ? BYLINE_FIELD_ENUM : BYLINE_FIELD_STRING;
              text_item.enum_values = field->enum_values;
              item = &text_item;
            }

          for (guint i = 0; i < n_items; i++)
            {
              g_autofree char *item_label = g_strdup_printf ("%s[%u]", label, i);

              check_node (v, item, item_label, entry, g_ptr_array_index (node->items, i), severity);
            }
          if (field->min_items > 0 && n_items < field->min_items)
            /* Translators: %s is a key, %u a number of items */
            message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                    "“%s” needs at least %u item",
                                                    "“%s” needs at least %u items",
                                                    field->min_items),
                                       label, field->min_items);
          else if (field->max_items > 0 && n_items > field->max_items)
            message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                    "“%s” takes at most %u item",
                                                    "“%s” takes at most %u items",
                                                    field->max_items),
                                       label, field->max_items);
          else
            return;
          break;
        }
      /* Hugo and Jekyll take one value where they want a list. */
      if (lenient && node->type != BYLINE_VALUE_MAPPING)
        return;
      message = g_strdup_printf (_("“%s” must be a list, such as [one, two], not %s"),
                                 label, describe_type (node));
      break;

    case BYLINE_FIELD_OBJECT:
      if (node->type == BYLINE_VALUE_MAPPING)
        {
          check_object (v, field, label, entry, node, severity);
          return;
        }
      message = g_strdup_printf (_("“%s” must be a mapping of keys to values, not %s"),
                                 label, describe_type (node));
      break;

    case BYLINE_FIELD_REFERENCE:
      if (node->type == BYLINE_VALUE_STRING ||
          (node->type == BYLINE_VALUE_MAPPING && is_reference_object (node)))
        return;
      /* Translators: the first %s is a key, the second a collection's name */
      message = g_strdup_printf (_("“%s” must be the id of an entry of “%s”, such as my-post"),
                                 label, field->reference != NULL ? field->reference : "?");
      break;

    case BYLINE_FIELD_UNION:
      {
        /* Accepted when one alternative takes it, as zod's union does. */
        GPtrArray *saved = v->diagnostics;
        g_autoptr(GString) kinds = g_string_new (NULL);
        gboolean accepted = FALSE;

        for (guint i = 0; i < field->n_alternatives && !accepted; i++)
          {
            g_autoptr(GPtrArray) scratch = NULL;
            const char *kind_text = describe_field (&field->alternatives[i]);

            scratch = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_diagnostic_free);
            v->diagnostics = scratch;
            check_node (v, &field->alternatives[i], label, entry, node, severity);
            v->diagnostics = saved;
            accepted = scratch->len == 0;

            if (strstr (kinds->str, kind_text) == NULL)
              {
                if (kinds->len > 0)
                  /* Translators: between the kinds of value a key takes: “text or a list” */
                  g_string_append (kinds, _(" or "));
                g_string_append (kinds, kind_text);
              }
          }
        if (accepted || field->n_alternatives == 0)
          return;
        /* Translators: the first %s is a key, the second e.g. “text or a list” */
        message = g_strdup_printf (_("“%s” must be %s"), label, kinds->str);
      }
      break;

    case BYLINE_FIELD_ANY:
    default:
      return;
    }

  add_at_node (v, severity, entry, node, message);
}

static BylineSeverity
severity_for (BylineSchema      *self,
              const BylineField *field)
{
  switch (self->kind)
    {
    case BYLINE_SCHEMA_KIND_HUGO:
      return BYLINE_SEVERITY_WARNING;
    case BYLINE_SCHEMA_KIND_JEKYLL:
      /* Jekyll stops on a date it cannot read (InvalidDateError). */
      return strcmp (field->name, "date") == 0 ? BYLINE_SEVERITY_ERROR : BYLINE_SEVERITY_WARNING;
    case BYLINE_SCHEMA_KIND_ASTROPAPER:
    case BYLINE_SCHEMA_KIND_YAML_ONLY:
    case BYLINE_SCHEMA_KIND_JSON:
    default:
      return BYLINE_SEVERITY_ERROR;
    }
}

/* Unpublished posts, in each generator's words. */
static void
check_unpublished (Validation        *v,
                   BylineFrontmatter *frontmatter)
{
  const BylineEntry *draft = byline_frontmatter_lookup (frontmatter, "draft");
  const BylineEntry *published = byline_frontmatter_lookup (frontmatter, "published");

  if (v->schema->kind == BYLINE_SCHEMA_KIND_JEKYLL)
    {
      if (published != NULL && published->value->type == BYLINE_VALUE_BOOLEAN &&
          !published->value->boolean)
        add_at_entry (v, BYLINE_SEVERITY_WARNING, published, published->value,
                      _("“published” is false: the site leaves the post out"));
      return;
    }

  if (draft != NULL && draft->value->type == BYLINE_VALUE_BOOLEAN && draft->value->boolean &&
      byline_schema_lookup (v->schema, "draft") != NULL)
    add_at_entry (v, BYLINE_SEVERITY_WARNING, draft, draft->value,
                  _("The post is a draft: the site does not publish it"));
}

/* Warnings about values the build accepts but the author may not mean. */
static void
check_publishing (Validation        *v,
                  BylineFrontmatter *frontmatter,
                  GDateTime         *now)
{
  const BylineEntry *pub = byline_frontmatter_lookup (frontmatter, "pubDatetime");
  const BylineEntry *mod = byline_frontmatter_lookup (frontmatter, "modDatetime");
  const BylineEntry *draft = byline_frontmatter_lookup (frontmatter, "draft");
  g_autoptr(GDateTime) pub_time = NULL;
  g_autoptr(GDateTime) mod_time = NULL;

  if (draft != NULL && draft->value->type == BYLINE_VALUE_BOOLEAN && draft->value->boolean)
    add_at_entry (v, BYLINE_SEVERITY_WARNING, draft, draft->value,
                  _("The post is a draft: the site does not publish it"));

  if (pub != NULL && pub->value->type == BYLINE_VALUE_TIMESTAMP)
    pub_time = byline_timestamp_to_date_time (&pub->value->timestamp);
  if (mod != NULL && mod->value->type == BYLINE_VALUE_TIMESTAMP)
    mod_time = byline_timestamp_to_date_time (&mod->value->timestamp);

  if (pub_time != NULL &&
      g_date_time_difference (pub_time, now) >= SCHEDULED_POST_MARGIN)
    add_at_entry (v, BYLINE_SEVERITY_WARNING, pub, pub->value,
                  _("“pubDatetime” is in the future: the site hides the post until then"));

  if (pub_time != NULL && mod_time != NULL &&
      g_date_time_compare (mod_time, pub_time) < 0)
    add_at_entry (v, BYLINE_SEVERITY_WARNING, mod, mod->value,
                  _("“modDatetime” is earlier than “pubDatetime”"));
}

/* Returns the offset of the first byte that is not UTF-8, or the length. */
static gsize
check_utf8 (Validation *v)
{
  const char *end = NULL;

  if (g_utf8_validate_len (v->text, v->len, &end))
    return v->len;

  add_at (v, BYLINE_SEVERITY_WARNING, NULL, end - v->text, 1,
          _("The file is not valid UTF-8; the site will show replacement characters here"));

  return end - v->text;
}

static BylineFrontmatter *
parse_with_stand_ins (const char *text,
                      gsize       len)
{
  g_autofree char *copy = g_memdup2 (text, len);
  gsize pos = 0;
  const char *end;

  while (pos < len && !g_utf8_validate_len (copy + pos, len - pos, &end))
    {
      pos = end - copy;
      copy[pos++] = 'X';
    }

  return byline_frontmatter_parse (copy, len);
}

/* Where to point at a key that is missing: the opening fence, or the start. */
static void
add_missing (Validation        *v,
             const BylineSplit *split,
             const BylineField *field)
{
  g_autofree char *message = NULL;
  gsize offset = split->kind == BYLINE_BLOCK_NONE ? split->bom_len : split->open_start;
  gsize length = split->kind == BYLINE_BLOCK_NONE ? 0 : 3;

  /* Translators: %s is a frontmatter key such as “title” */
  message = g_strdup_printf (_("“%s” is required but missing"), field->name);
  add_at (v, BYLINE_SEVERITY_ERROR, field->name, offset, length, message);
}

static int
compare_offsets (gconstpointer a,
                 gconstpointer b)
{
  const BylineDiagnostic *da = *(const BylineDiagnostic * const *) a;
  const BylineDiagnostic *db = *(const BylineDiagnostic * const *) b;

  return (da->offset > db->offset) - (da->offset < db->offset);
}

/**
 * byline_schema_validate:
 * @self: a schema
 * @frontmatter: a parsed post
 * @now: (nullable): the time to judge future dates by; %NULL for the current time
 *
 * Checks @frontmatter against @self. An error is anything that makes the
 * site's build reject the post (AstroPaper's zod schema, or YAML js-yaml
 * cannot read); a warning is anything else worth knowing. Diagnostics come in
 * file order.
 *
 * Returns: (transfer full) (element-type BylineDiagnostic): the diagnostics,
 *   possibly none
 */
GPtrArray *
byline_schema_validate (BylineSchema      *self,
                        BylineFrontmatter *frontmatter,
                        GDateTime         *now)
{
  g_autoptr(GDateTime) current = NULL;
  g_autoptr(BylineFrontmatter) sanitized = NULL;
  const BylineSplit *split;
  const GError *error;
  const BylineNode *root;
  gsize bad_utf8;
  Validation v;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (frontmatter != NULL, NULL);

  if (now == NULL)
    now = current = g_date_time_new_now_utc ();

  v.schema = self;
  v.frontmatter = frontmatter;
  v.text = byline_frontmatter_get_text (frontmatter, &v.len);
  v.diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_diagnostic_free);

  bad_utf8 = check_utf8 (&v);

  split = byline_frontmatter_get_split (frontmatter);

  if (split->kind == BYLINE_BLOCK_NONE)
    {
      for (guint i = 0; i < self->n_fields; i++)
        {
          if (self->fields[i].required)
            add_missing (&v, split, &self->fields[i]);
        }
      return v.diagnostics;
    }

  /* Bytes that are not UTF-8 stop libyaml but not the site: Node reads them
   * as U+FFFD. Check a copy where each such byte is a letter instead, which
   * YAML treats alike and which keeps every offset. */
  if (bad_utf8 < split->data_end)
    {
      sanitized = parse_with_stand_ins (v.text, v.len);
      frontmatter = v.frontmatter = sanitized;
    }

  error = byline_frontmatter_get_error (frontmatter);
  if (error != NULL)
    {
      guint line = 0;
      guint column = 0;
      gsize offset = split->data_start;
      BylineSeverity severity = BYLINE_SEVERITY_ERROR;

      /* Bytes that are not UTF-8 and that the stand-in above did not get
       * past: the UTF-8 warning says it all. */
      if (g_error_matches (error, BYLINE_FRONTMATTER_ERROR, BYLINE_FRONTMATTER_ERROR_INVALID_UTF8))
        return v.diagnostics;

      /* Hugo's and Jekyll's YAML readers take the last of two equal keys
       * (Hugo's TOML reader stops, as TOML says);
       * js-yaml, Astro's, stops. Jekyll builds even a post whose YAML does
       * not parse: it says so and leaves the front matter out. */
      if ((g_error_matches (error, BYLINE_FRONTMATTER_ERROR, BYLINE_FRONTMATTER_ERROR_DUPLICATE_KEY) &&
           self->kind == BYLINE_SCHEMA_KIND_HUGO && split->kind == BYLINE_BLOCK_YAML) ||
          (self->kind == BYLINE_SCHEMA_KIND_JEKYLL &&
           (g_error_matches (error, BYLINE_FRONTMATTER_ERROR, BYLINE_FRONTMATTER_ERROR_DUPLICATE_KEY) ||
            g_error_matches (error, BYLINE_FRONTMATTER_ERROR, BYLINE_FRONTMATTER_ERROR_SYNTAX))))
        severity = BYLINE_SEVERITY_WARNING;

      if (byline_frontmatter_get_error_position (frontmatter, &line, &column, &offset))
        g_ptr_array_add (v.diagnostics,
                         byline_diagnostic_new (severity, NULL, error->message,
                                                line, column, offset, 0));
      else
        add_at (&v, severity, NULL, offset, 0, error->message);

      return v.diagnostics;
    }

  root = byline_frontmatter_get_root (frontmatter);
  if (root != NULL && root->type != BYLINE_VALUE_MAPPING && root->type != BYLINE_VALUE_NULL)
    {
      /* The engine reports this as an error; in case it does not. */
      add_at (&v, BYLINE_SEVERITY_ERROR, NULL, root->start, root->end - root->start,
              _("The frontmatter must be a mapping of keys to values"));
      return v.diagnostics;
    }

  for (guint i = 0; i < self->n_fields; i++)
    {
      const BylineField *field = &self->fields[i];
      const BylineEntry *entry = byline_frontmatter_lookup (frontmatter, field->name);

      if (entry == NULL)
        {
          if (field->required)
            add_missing (&v, split, field);
          continue;
        }

      if (self->kind == BYLINE_SCHEMA_KIND_ASTROPAPER)
        check_field (&v, field, entry);
      else
        check_node (&v, field, field->name, entry, entry->value, severity_for (self, field));
    }

  if (self->kind == BYLINE_SCHEMA_KIND_ASTROPAPER || self->astropaper)
    check_publishing (&v, frontmatter, now);
  else
    check_unpublished (&v, frontmatter);

  /* File order reads best in a list and in compiler-style output; the sort
   * is stable, so diagnostics at one place keep the schema's order. */
  g_ptr_array_sort (v.diagnostics, compare_offsets);

  return v.diagnostics;
}

/**
 * byline_schema_unknown_keys:
 * @self: a schema
 * @frontmatter: a parsed post
 *
 * The keys @frontmatter has that @self does not know, in file order. They are
 * allowed (AstroPaper's schema is not strict) but the form shows them apart.
 *
 * Returns: (transfer full) (element-type utf8): the keys
 */
GPtrArray *
byline_schema_unknown_keys (BylineSchema      *self,
                            BylineFrontmatter *frontmatter)
{
  GPtrArray *keys;
  guint n;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (frontmatter != NULL, NULL);

  keys = g_ptr_array_new_with_free_func (g_free);
  n = byline_frontmatter_get_n_entries (frontmatter);

  for (guint i = 0; i < n; i++)
    {
      const BylineEntry *entry = byline_frontmatter_get_entry (frontmatter, i);

      if (byline_schema_lookup (self, entry->key) == NULL)
        g_ptr_array_add (keys, g_strdup (entry->key));
    }

  return keys;
}

static void
check_reference (Validation         *v,
                 const BylineField  *field,
                 const BylineEntry  *entry,
                 const BylineNode   *node,
                 BylineHasEntryFunc  has_entry,
                 gpointer            user_data)
{
  g_autofree char *message = NULL;
  const char *id = NULL;

  if (node->type == BYLINE_VALUE_STRING)
    id = node->string;
  else if (node->type == BYLINE_VALUE_MAPPING)
    for (guint k = 0; node->entries != NULL && k < node->entries->len; k++)
      {
        const BylineEntry *e = g_ptr_array_index (node->entries, k);

        if ((g_strcmp0 (e->key, "id") == 0 || g_strcmp0 (e->key, "slug") == 0) &&
            e->value->type == BYLINE_VALUE_STRING)
          id = e->value->string;
      }

  if (id == NULL || field->reference == NULL || has_entry (field->reference, id, user_data))
    return;

  /* Translators: the first %s is an entry's id, the second a collection's name */
  message = g_strdup_printf (_("There is no “%s” in “%s”: the site finds nothing for this reference"),
                             id, field->reference);
  add_at_node (v, BYLINE_SEVERITY_WARNING, entry, node, message);
}

/**
 * byline_schema_check_references:
 * @self: a schema
 * @frontmatter: a parsed post
 * @has_entry: (scope call): says whether an entry exists
 * @user_data: data for @has_entry
 *
 * Warnings for references (top-level REFERENCE fields and lists of them)
 * to entries the site does not have. Astro builds such a post, but
 * getEntry () finds nothing for it. Look ids up with
 * byline_site_dup_entry_ids().
 *
 * Returns: (transfer full) (element-type BylineDiagnostic): the warnings
 */
GPtrArray *
byline_schema_check_references (BylineSchema       *self,
                                BylineFrontmatter  *frontmatter,
                                BylineHasEntryFunc  has_entry,
                                gpointer            user_data)
{
  Validation v;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (frontmatter != NULL, NULL);
  g_return_val_if_fail (has_entry != NULL, NULL);

  v.schema = self;
  v.frontmatter = frontmatter;
  v.text = byline_frontmatter_get_text (frontmatter, &v.len);
  v.diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_diagnostic_free);

  if (byline_frontmatter_get_error (frontmatter) != NULL)
    return v.diagnostics;

  for (guint i = 0; i < self->n_fields; i++)
    {
      const BylineField *field = &self->fields[i];
      const BylineEntry *entry = byline_frontmatter_lookup (frontmatter, field->name);
      const BylineNode *node = entry != NULL ? entry->value : NULL;

      if (node == NULL)
        continue;

      if (field->type == BYLINE_FIELD_REFERENCE)
        check_reference (&v, field, entry, node, has_entry, user_data);
      else if (field->type == BYLINE_FIELD_LIST && field->item != NULL &&
               field->item->type == BYLINE_FIELD_REFERENCE && node->type == BYLINE_VALUE_SEQUENCE)
        for (guint k = 0; node->items != NULL && k < node->items->len; k++)
          check_reference (&v, field->item, entry, g_ptr_array_index (node->items, k),
                           has_entry, user_data);
    }

  return v.diagnostics;
}
