/* byline-post.c: one state of a post's text, and everything derived from it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The editor builds one post per user action and every view reads it: the
 * form, the preview, the header, the underlines, the drafts. Nothing else
 * parses or validates the text, so the views can't disagree, and the work
 * per keystroke is done once.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "byline-post.h"

/* A file without frontmatter: its first line is kept in the head, so a block
 * added to it by an edit uses the file's own line breaks; not more than
 * this of it, for a file that is one long line. */
#define FIRST_LINE_MAX 4096

/* How far down a damaged opening fence looks for the block's closing one. */
#define DAMAGED_FENCE_MAX_LINES 200

/* What the post's block says, shared by the posts whose block is the same. */
typedef struct
{
  gatomicrefcount    ref_count;
  BylineFrontmatter *frontmatter;
  BylineSchema      *schema;
  GPtrArray         *diagnostics;   /* BylineDiagnostic, of the block alone */
  char              *title;
  char              *description;
  char              *timezone;
  GDateTime         *published;
  GDateTime         *modified;
  char             **tags;
  gboolean           draft;
  gboolean           featured;
} Head;

struct _BylinePost
{
  gatomicrefcount  ref_count;
  guint64          serial;
  GBytes          *text;
  gboolean         partial;
  gboolean         damaged_fence;
  Head            *head;
  GPtrArray       *diagnostics;     /* the head's, plus the damaged fence's */
};

G_DEFINE_BOXED_TYPE (BylinePost, byline_post, byline_post_ref, byline_post_unref)

static Head *
head_ref (Head *head)
{
  g_atomic_ref_count_inc (&head->ref_count);
  return head;
}

static void
head_unref (Head *head)
{
  if (!g_atomic_ref_count_dec (&head->ref_count))
    return;

  g_clear_pointer (&head->frontmatter, byline_frontmatter_unref);
  g_clear_pointer (&head->schema, byline_schema_unref);
  g_clear_pointer (&head->diagnostics, g_ptr_array_unref);
  g_clear_pointer (&head->title, g_free);
  g_clear_pointer (&head->description, g_free);
  g_clear_pointer (&head->timezone, g_free);
  g_clear_pointer (&head->published, g_date_time_unref);
  g_clear_pointer (&head->modified, g_date_time_unref);
  g_clear_pointer (&head->tags, g_strfreev);
  g_free (head);
}

/* The length of the text the frontmatter parse covers: the block up to the
 * body; for a text without a block, its first line. */
static gsize
head_length (const char        *text,
             gsize              len,
             const BylineSplit *split)
{
  const char *nl;
  gsize limit;

  if (split->kind != BYLINE_BLOCK_NONE)
    return split->body_start;

  limit = MIN (len, split->bom_len + FIRST_LINE_MAX);
  nl = memchr (text + split->bom_len, '\n', limit - split->bom_len);

  return nl != NULL ? (gsize) (nl - text) + 1 : split->bom_len;
}

static const BylineNode *
lookup_value (BylineFrontmatter *frontmatter,
              const char        *key)
{
  const BylineEntry *entry = byline_frontmatter_lookup (frontmatter, key);

  return entry != NULL ? entry->value : NULL;
}

static char *
dup_string (BylineFrontmatter *frontmatter,
            const char        *key)
{
  const BylineNode *node = lookup_value (frontmatter, key);

  if (node == NULL || node->type != BYLINE_VALUE_STRING ||
      node->string == NULL || node->string[0] == '\0')
    return NULL;

  return g_strdup (node->string);
}

static gboolean
get_boolean (BylineFrontmatter *frontmatter,
             const char        *key)
{
  const BylineNode *node = lookup_value (frontmatter, key);

  return node != NULL && node->type == BYLINE_VALUE_BOOLEAN && node->boolean;
}

/* The first of @keys holding a date: a YAML timestamp, or a string the site
 * reads as one (Astro's z.coerce.date(), Hugo's and Jekyll's dates). */
static GDateTime *
dup_date (BylineFrontmatter  *frontmatter,
          const char * const *keys)
{
  for (guint i = 0; keys[i] != NULL; i++)
    {
      const BylineNode *node = lookup_value (frontmatter, keys[i]);
      BylineTimestamp ts;
      gsize len;

      if (node == NULL)
        continue;
      if (node->type == BYLINE_VALUE_TIMESTAMP)
        return byline_timestamp_to_date_time (&node->timestamp);
      if (node->type != BYLINE_VALUE_STRING || node->string == NULL)
        continue;
      if (byline_timestamp_parse (node->string, strlen (node->string), &ts))
        return byline_timestamp_to_date_time (&ts);
      /* Jekyll's `2019-08-04 12:30:00 -0500`, which YAML leaves a string:
       * Ruby reads the offset without its colon. */
      len = strlen (node->string);
      if (len > 5 && (node->string[len - 5] == '+' || node->string[len - 5] == '-') &&
          g_ascii_isdigit (node->string[len - 4]) && g_ascii_isdigit (node->string[len - 1]))
        {
          g_autofree char *colon = g_strdup_printf ("%.*s:%s", (int) len - 2, node->string,
                                                    node->string + len - 2);

          if (byline_timestamp_parse (colon, strlen (colon), &ts))
            return byline_timestamp_to_date_time (&ts);
        }
    }

  return NULL;
}

static char **
dup_tags (BylineFrontmatter *frontmatter)
{
  const BylineNode *node = lookup_value (frontmatter, "tags");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (node != NULL && node->type == BYLINE_VALUE_SEQUENCE && node->items != NULL)
    {
      for (guint i = 0; i < node->items->len; i++)
        {
          const BylineNode *item = g_ptr_array_index (node->items, i);

          if (item->type != BYLINE_VALUE_SEQUENCE && item->type != BYLINE_VALUE_MAPPING &&
              item->type != BYLINE_VALUE_NULL && item->string != NULL && item->string[0] != '\0')
            g_strv_builder_add (builder, item->string);
        }
    }
  else if (node != NULL && node->type == BYLINE_VALUE_STRING &&
           node->string != NULL && node->string[0] != '\0')
    {
      g_strv_builder_add (builder, node->string);
    }

  return g_strv_builder_end (builder);
}

static Head *
head_new (const char   *text,
          gsize         len,
          BylineSchema *schema,
          gboolean      damaged,
          GDateTime    *now)
{
  static const char * const published_keys[] = { "pubDatetime", "pubDate", "date", "publishDate", NULL };
  static const char * const modified_keys[] = { "modDatetime", "updatedDate", "lastmod", "updated", NULL };
  Head *head = g_new0 (Head, 1);
  BylineFrontmatter *fm;

  g_atomic_ref_count_init (&head->ref_count);
  head->frontmatter = fm = byline_frontmatter_parse (text, len);
  head->schema = schema != NULL ? byline_schema_ref (schema) : NULL;

  if (schema != NULL)
    byline_frontmatter_set_key_order (fm, byline_schema_get_key_order (schema));

  /* A damaged opening fence turns the block into body text: every field
   * would read as missing. The damage is the one thing worth saying. */
  if (schema != NULL && !damaged)
    head->diagnostics = byline_schema_validate (schema, fm, now);
  else
    head->diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_diagnostic_free);

  if (byline_frontmatter_get_error (fm) == NULL &&
      byline_frontmatter_get_split (fm)->kind != BYLINE_BLOCK_NONE)
    {
      head->title = dup_string (fm, "title");
      head->description = dup_string (fm, "description");
      head->timezone = dup_string (fm, "timezone");
      head->draft = get_boolean (fm, "draft");
      head->featured = get_boolean (fm, "featured");
      head->published = dup_date (fm, published_keys);
      head->modified = dup_date (fm, modified_keys);
      head->tags = dup_tags (fm);
    }

  if (head->tags == NULL)
    head->tags = g_new0 (char *, 1);

  return head;
}

static gboolean
is_fence_line (const char *line,
               gsize       len)
{
  while (len > 0 && (line[len - 1] == '\r' || line[len - 1] == ' ' || line[len - 1] == '\t'))
    len--;

  return len == 3 && memcmp (line, "---", 3) == 0;
}

/* Whether @line is one keystroke away from `---`: one character too many
 * (`X---`, `---x`, `----`), too few (`--`), or another in its place
 * (`-x-`). */
static gboolean
near_fence (const char *line,
            gsize       len)
{
  guint dashes = 0;

  while (len > 0 && (line[len - 1] == '\r' || line[len - 1] == ' ' || line[len - 1] == '\t'))
    len--;

  if (len < 2 || len > 4)
    return FALSE;

  for (gsize i = 0; i < len; i++)
    dashes += line[i] == '-';

  if (len == 2)
    return dashes == 2;
  if (len == 3)
    return dashes == 2;

  /* Four characters, three of them dashes in a row. */
  return dashes >= 3 && (memcmp (line, "---", 3) == 0 || memcmp (line + 1, "---", 3) == 0);
}

/* A text whose first line is almost an opening fence and which has a fence
 * line further down: a frontmatter block a stray key broke open. */
static gboolean
has_damaged_fence (const char        *text,
                   gsize              len,
                   const BylineSplit *split)
{
  const char *line = text + split->bom_len;
  const char *end = text + len;
  const char *nl;

  if (split->kind != BYLINE_BLOCK_NONE)
    return FALSE;

  nl = memchr (line, '\n', end - line);
  if (nl == NULL || !near_fence (line, nl - line))
    return FALSE;

  line = nl + 1;
  for (guint i = 0; i < DAMAGED_FENCE_MAX_LINES && line < end; i++)
    {
      nl = memchr (line, '\n', end - line);
      if (is_fence_line (line, (nl != NULL ? nl : end) - line))
        return TRUE;
      if (nl == NULL)
        break;
      line = nl + 1;
    }

  return FALSE;
}

/**
 * byline_post_new:
 * @text: the post's whole text (UTF-8), or its head when @partial
 * @partial: %TRUE when @text is only the head of a very long post, one that
 *   holds all of its frontmatter block
 * @schema: (nullable): the schema in force, or %NULL to check nothing
 * @previous: (nullable): the post this one follows, whose parse is reused
 *   when the frontmatter block is the same
 * @serial: the document's change serial of this text
 * @now: (nullable): the time to judge future dates by, %NULL for now
 *
 * Returns: (transfer full): the post
 */
BylinePost *
byline_post_new (GBytes       *text,
                 gboolean      partial,
                 BylineSchema *schema,
                 BylinePost   *previous,
                 guint64       serial,
                 GDateTime    *now)
{
  BylinePost *self;
  BylineSplit split;
  const char *data;
  gsize len = 0;
  gsize head_len;

  g_return_val_if_fail (text != NULL, NULL);

  data = g_bytes_get_data (text, &len);
  if (data == NULL)
    data = "";

  self = g_new0 (BylinePost, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->serial = serial;
  self->text = g_bytes_ref (text);
  self->partial = !!partial;

  byline_frontmatter_split (data, len, &split);
  head_len = head_length (data, len, &split);
  self->damaged_fence = has_damaged_fence (data, len, &split);

  if (previous != NULL && previous->head->schema == schema &&
      previous->damaged_fence == self->damaged_fence)
    {
      gsize old_len = 0;
      const char *old = byline_frontmatter_get_text (previous->head->frontmatter, &old_len);

      if (old_len == head_len && memcmp (old, data, head_len) == 0)
        self->head = head_ref (previous->head);
    }

  if (self->head == NULL)
    self->head = head_new (data, head_len, schema, self->damaged_fence, now);

  if (self->damaged_fence)
    {
      const char *line = data + split.bom_len;
      gsize line_len = strcspn (line, "\r\n");

      self->diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_diagnostic_free);
      g_ptr_array_add (self->diagnostics,
                       byline_diagnostic_new (BYLINE_SEVERITY_ERROR, NULL,
                                              _("The first line should be “---”, which opens the "
                                                "frontmatter; as it is, the frontmatter is read "
                                                "as the post’s text"),
                                              1, 1, split.bom_len, line_len));
    }
  else
    {
      self->diagnostics = g_ptr_array_ref (self->head->diagnostics);
    }

  return self;
}

BylinePost *
byline_post_ref (BylinePost *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
byline_post_unref (BylinePost *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_clear_pointer (&self->text, g_bytes_unref);
  g_clear_pointer (&self->diagnostics, g_ptr_array_unref);
  g_clear_pointer (&self->head, head_unref);
  g_free (self);
}

/**
 * byline_post_get_serial:
 *
 * Returns: the document's change serial of this text: a later post of the
 *   same document has a greater one
 */
guint64
byline_post_get_serial (BylinePost *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->serial;
}

/**
 * byline_post_get_text:
 *
 * Returns: (transfer none): the text; only its head when the post is partial
 */
GBytes *
byline_post_get_text (BylinePost *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->text;
}

const char *
byline_post_peek_text (BylinePost *self,
                       gsize      *len)
{
  const char *data;

  g_return_val_if_fail (self != NULL, NULL);

  data = g_bytes_get_data (self->text, len);

  return data != NULL ? data : "";
}

/**
 * byline_post_is_partial:
 *
 * Returns: %TRUE when the post's text is only the head of a very long text
 *   (all of the frontmatter is in it; not all of the body)
 */
gboolean
byline_post_is_partial (BylinePost *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->partial;
}

const BylineSplit *
byline_post_get_split (BylinePost *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return byline_frontmatter_get_split (self->head->frontmatter);
}

/**
 * byline_post_get_body_offset:
 *
 * Returns: the byte offset of the body in the text
 */
gsize
byline_post_get_body_offset (BylinePost *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return byline_post_get_split (self)->body_start;
}

/**
 * byline_post_get_body_line:
 *
 * Returns: the 1-based line the body starts on
 */
guint
byline_post_get_body_line (BylinePost *self)
{
  g_return_val_if_fail (self != NULL, 1);

  return byline_post_get_split (self)->body_line;
}

/**
 * byline_post_get_frontmatter:
 *
 * The parse of the frontmatter block (its text ends where the body starts;
 * for a post without a block, it is the first line). Edits planned on it
 * apply to the post's text at the same offsets.
 *
 * Returns: (transfer none): the parse
 */
BylineFrontmatter *
byline_post_get_frontmatter (BylinePost *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->head->frontmatter;
}

/**
 * byline_post_get_schema:
 *
 * Returns: (transfer none) (nullable): the schema the post was checked with
 */
BylineSchema *
byline_post_get_schema (BylinePost *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->head->schema;
}

/**
 * byline_post_get_editable:
 *
 * Returns: whether edits may be planned on the frontmatter: it parses (YAML
 *   or TOML, or there is none), and its opening fence is not damaged (an edit would
 *   add a second block above the broken one)
 */
gboolean
byline_post_get_editable (BylinePost *self)
{
  BylineFrontmatter *fm;

  g_return_val_if_fail (self != NULL, FALSE);

  fm = self->head->frontmatter;

  return !self->damaged_fence && byline_frontmatter_get_error (fm) == NULL;
}

/**
 * byline_post_get_damaged_fence:
 *
 * Returns: %TRUE when the first line is almost `---` (`X---`, `--`, `---x`)
 *   and a fence line follows: a frontmatter block that a stray key broke
 */
gboolean
byline_post_get_damaged_fence (BylinePost *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->damaged_fence;
}

/**
 * byline_post_get_diagnostics:
 *
 * Returns: (transfer none) (element-type BylineDiagnostic): what is wrong
 *   with the frontmatter, in file order: YAML errors, the schema's verdict,
 *   a damaged fence
 */
GPtrArray *
byline_post_get_diagnostics (BylinePost *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->diagnostics;
}

/**
 * byline_post_same_frontmatter:
 *
 * Returns: %TRUE when @self and @other share their frontmatter's parse (the
 *   block did not change between them), so nothing derived from it changed
 */
gboolean
byline_post_same_frontmatter (BylinePost *self,
                              BylinePost *other)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return other != NULL && self->head == other->head &&
         self->damaged_fence == other->damaged_fence;
}

/**
 * byline_post_get_title:
 *
 * Returns: (nullable): the non-empty `title`, or %NULL
 */
const char *
byline_post_get_title (BylinePost *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->head->title;
}

const char *
byline_post_get_description (BylinePost *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->head->description;
}

gboolean
byline_post_get_draft (BylinePost *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->head->draft;
}

gboolean
byline_post_get_featured (BylinePost *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->head->featured;
}

/**
 * byline_post_get_published:
 *
 * Returns: (transfer none) (nullable): when the post is published
 *   (`pubDatetime`, `pubDate`, `date` or `publishDate`)
 */
GDateTime *
byline_post_get_published (BylinePost *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->head->published;
}

/**
 * byline_post_get_modified:
 *
 * Returns: (transfer none) (nullable): when the post was last changed
 *   (`modDatetime`, `updatedDate`, `lastmod` or `updated`)
 */
GDateTime *
byline_post_get_modified (BylinePost *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->head->modified;
}

/**
 * byline_post_get_timezone:
 *
 * Returns: (nullable): the `timezone` the site shows the dates in
 */
const char *
byline_post_get_timezone (BylinePost *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->head->timezone;
}

/**
 * byline_post_get_tags:
 *
 * Returns: (transfer none): the `tags`, possibly none
 */
const char * const *
byline_post_get_tags (BylinePost *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return (const char * const *) self->head->tags;
}

/**
 * byline_post_dup_date:
 * @self: a post
 * @key: a frontmatter key
 *
 * The date @key holds, read as byline_post_get_published() reads dates (a
 * YAML timestamp, or text the site reads as one): for the keys a generator
 * reads beyond the ones the header shows (Hugo's `publishDate`).
 *
 * Returns: (transfer full) (nullable): the date, or %NULL
 */
GDateTime *
byline_post_dup_date (BylinePost *self,
                      const char *key)
{
  const char *keys[] = { key, NULL };
  BylineFrontmatter *fm;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  fm = self->head->frontmatter;
  if (byline_frontmatter_get_error (fm) != NULL ||
      byline_frontmatter_get_split (fm)->kind == BYLINE_BLOCK_NONE)
    return NULL;

  return dup_date (fm, keys);
}
