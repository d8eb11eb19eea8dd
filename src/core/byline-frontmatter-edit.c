/* byline-frontmatter-edit.c: planning lossless edits of a post's frontmatter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every edit is one text replacement that rewrites only the entry it is
 * about; before it is handed out it is applied to a copy and parsed again
 * (see verify ()), so a rule below that did not anticipate some input can
 * refuse an edit but never damage a post.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "byline-frontmatter.h"
#include "byline-frontmatter-private.h"
#include "byline-lines.h"
#include "byline-yaml-scalar.h"

/* ------------------------------------------------------------------------ */
/* Edits                                                                     */

static gsize
region_end (BylineFrontmatter *self)
{
  return self->split.data_end;
}

static gboolean
check_editable (BylineFrontmatter  *self,
                GError            **error)
{
  if (self->error != NULL)
    {
      g_set_error (error, BYLINE_FRONTMATTER_ERROR, self->error->code,
                   _("The frontmatter can’t be edited: %s"), self->error->message);
      return FALSE;
    }
  if (self->root->pub.style == BYLINE_STYLE_FLOW || self->root->pub.anchor != NULL ||
      self->root->pub.tag != NULL)
    {
      g_set_error_literal (error, BYLINE_FRONTMATTER_ERROR, BYLINE_FRONTMATTER_ERROR_UNSUPPORTED,
                           _("Only a plain block mapping of keys can be edited"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
anchor_in_use (BylineFrontmatter *self,
               const BylineNode  *node)
{
  if (node->alias_of != NULL)
    return FALSE;
  if (node->anchor != NULL && self->used_anchors != NULL &&
      g_hash_table_contains (self->used_anchors, node->anchor))
    return TRUE;
  for (guint i = 0; node->items != NULL && i < node->items->len; i++)
    if (anchor_in_use (self, g_ptr_array_index (node->items, i)))
      return TRUE;
  for (guint i = 0; node->entries != NULL && i < node->entries->len; i++)
    {
      const BylineEntry *entry = g_ptr_array_index (node->entries, i);

      if (anchor_in_use (self, entry->key_node) || anchor_in_use (self, entry->value))
        return TRUE;
    }
  return FALSE;
}

/* The entry of @key in @mapping (a mapping node at any depth), or %NULL. */
static const Entry *
lookup_in (const BylineNode *mapping,
           const char       *key)
{
  for (guint i = 0; mapping != NULL && mapping->entries != NULL && i < mapping->entries->len; i++)
    {
      const BylineEntry *entry = g_ptr_array_index (mapping->entries, i);

      if (g_str_equal (entry->key, key))
        return (const Entry *) entry;
    }
  return NULL;
}

/**
 * byline_frontmatter_lookup_path:
 * @path: (array zero-terminated=1): keys from the top down
 *
 * Returns: (nullable): the entry at @path, when every key on the way is a
 *   mapping that has the next one
 */
const BylineEntry *
byline_frontmatter_lookup_path (BylineFrontmatter  *self,
                                const char * const *path)
{
  const BylineEntry *entry = NULL;
  const BylineNode *mapping;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (self->root == NULL)
    return NULL;
  mapping = &self->root->pub;
  for (guint i = 0; path[i] != NULL; i++)
    {
      if (mapping == NULL || mapping->type != BYLINE_VALUE_MAPPING)
        return NULL;
      entry = (const BylineEntry *) lookup_in (mapping, path[i]);
      if (entry == NULL)
        return NULL;
      mapping = entry->value;
    }
  return entry;
}

/* The blanks before a nested entry's key, when its line holds nothing else
 * before it (a block mapping's entry); else %NULL. */
static char *
entry_indent (BylineFrontmatter *self,
              const Entry       *entry)
{
  gsize key_start = entry->pub.key_node->start;

  if (entry->indent_start > key_start || !_byline_blanks_only (self->text, entry->indent_start, key_start))
    return NULL;
  return g_strndup (self->text + entry->indent_start, key_start - entry->indent_start);
}

static void
append_string_scalar (GString         *out,
                      const char      *value,
                      BylineNodeStyle  style,
                      gboolean         flow,
                      gboolean         conservative)
{
  if (conservative || style == BYLINE_STYLE_DOUBLE_QUOTED)
    {
      if (!conservative || !_byline_yaml_plain_is_safe (value, flow))
        {
          _byline_yaml_append_double (out, value);
          return;
        }
    }
  if (style == BYLINE_STYLE_SINGLE_QUOTED && _byline_yaml_single_is_possible (value))
    _byline_yaml_append_single (out, value);
  else if (_byline_yaml_plain_is_safe (value, flow))
    g_string_append (out, value);
  else if (strchr (value, '"') != NULL && _byline_yaml_single_is_possible (value))
    _byline_yaml_append_single (out, value);
  else
    _byline_yaml_append_double (out, value);
}

static char *
root_indent (BylineFrontmatter *self)
{
  const Entry *first;

  if (self->root->pub.entries->len == 0)
    return g_strdup ("");
  first = g_ptr_array_index (self->root->pub.entries, 0);
  return g_strndup (self->text + first->indent_start,
                    first->pub.key_node->start - first->indent_start);
}

/* The text before a block sequence item's value (`  - `), when its line
 * holds only blanks and a dash before it; else %NULL. */
static char *
item_prefix (BylineFrontmatter *self,
             const BylineNode  *item,
             gsize             *line_start)
{
  gsize p = item->start;
  gsize ls = _byline_line_start_of (self->text, item->start, self->split.data_start);

  while (p > ls && self->text[p - 1] == ' ')
    p--;
  if (p == ls || self->text[p - 1] != '-' || p == item->start)
    return NULL;
  if (!_byline_blanks_only (self->text, ls, p - 1))
    return NULL;
  if (line_start != NULL)
    *line_start = ls;
  return g_strndup (self->text + ls, item->start - ls);
}

static char *
block_item_prefix (BylineFrontmatter *self,
                   const BylineNode  *seq,
                   const char        *nested_indent)
{
  g_autofree char *indent = NULL;

  if (seq != NULL && seq->type == BYLINE_VALUE_SEQUENCE && seq->style == BYLINE_STYLE_BLOCK &&
      seq->items->len > 0 && seq->alias_of == NULL)
    {
      char *prefix = item_prefix (self, g_ptr_array_index (seq->items, 0), NULL);

      if (prefix != NULL)
        return prefix;
    }
  /* A nested key's items go two blanks under it. */
  if (nested_indent != NULL)
    return g_strconcat (nested_indent, "  - ", NULL);
  /* Follow the file's other lists (zero-indented `- a` or `  - a`). */
  for (guint i = 0; i < self->root->pub.entries->len; i++)
    {
      const BylineEntry *entry = g_ptr_array_index (self->root->pub.entries, i);
      const BylineNode *value = entry->value;

      if (value->type == BYLINE_VALUE_SEQUENCE && value->style == BYLINE_STYLE_BLOCK &&
          value->alias_of == NULL && value->items->len > 0)
        {
          char *prefix = item_prefix (self, g_ptr_array_index (value->items, 0), NULL);

          if (prefix != NULL)
            return prefix;
        }
    }
  indent = root_indent (self);
  return g_strconcat (indent, "  - ", NULL);
}

/* js-yaml reads a date as midnight UTC: only such an instant can be written
 * as a date without losing anything. */
static gboolean
is_midnight_utc (GDateTime *value)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (value);

  return g_date_time_get_hour (utc) == 0 && g_date_time_get_minute (utc) == 0 &&
         g_date_time_get_second (utc) == 0 && g_date_time_get_microsecond (utc) == 0;
}

/* A date-only style drops the time of day, so it serves only a value that
 * is a date: a time the user gave is never silently lost. */
static gboolean
style_can_write (const BylineTimestamp *style,
                 GDateTime             *value)
{
  return !style->date_only || is_midnight_utc (value);
}

void
_byline_frontmatter_timestamp_style (BylineFrontmatter *self,
                                     const BylineEntry *entry,
                                     GDateTime         *value,
                                     BylineTimestamp   *style)
{
  if (entry != NULL && entry->value->type == BYLINE_VALUE_TIMESTAMP)
    {
      *style = entry->value->timestamp;
      if (style_can_write (style, value))
        return;
    }
  if (entry != NULL && entry->value->type == BYLINE_VALUE_STRING &&
      byline_timestamp_parse (entry->value->string, strlen (entry->value->string), style) &&
      style_can_write (style, value))
    return;
  /* A new timestamp looks like the file's other ones (modDatetime like
   * pubDatetime); a time in a file of dates looks like its timestamps
   * that have one. */
  for (guint i = 0; self->root != NULL && i < self->root->pub.entries->len; i++)
    {
      const BylineEntry *other = g_ptr_array_index (self->root->pub.entries, i);

      if (other->value->type == BYLINE_VALUE_TIMESTAMP &&
          style_can_write (&other->value->timestamp, value))
        {
          *style = other->value->timestamp;
          return;
        }
    }
  if (!byline_timestamp_parse ("2000-01-01T00:00:00Z", 20, style))
    g_assert_not_reached ();
}

/**
 * byline_frontmatter_writes_date:
 * @self: a frontmatter
 * @key: a timestamp's key
 *
 * Whether a date set on @key is written date-only (`2024-01-02`): @key's
 * own value is a date, or, when the block lacks @key, the file's first
 * timestamp is. A time is never dropped (see plan_set_timestamp), so a
 * caller that picks the instant itself, such as a save setting modDatetime,
 * passes the day at midnight UTC when this is %TRUE to keep the file's
 * style; a time the user typed is passed as it is.
 *
 * Returns: %TRUE when @key is written as a date
 */
gboolean
byline_frontmatter_writes_date (BylineFrontmatter *self,
                                const char        *key)
{
  g_autoptr(GDateTime) midnight = g_date_time_new_utc (2000, 1, 1, 0, 0, 0);
  BylineTimestamp style;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (self->root == NULL)
    return FALSE;
  _byline_frontmatter_timestamp_style (self, byline_frontmatter_lookup (self, key), midnight, &style);
  return style.date_only;
}

static void
append_block_list (GString            *out,
                   const char * const *items,
                   const char         *prefix,
                   const char         *nl,
                   BylineNodeStyle     item_style,
                   gboolean            conservative)
{
  for (guint i = 0; items[i] != NULL; i++)
    {
      g_string_append (out, nl);
      g_string_append (out, prefix);
      append_string_scalar (out, items[i], item_style, FALSE, conservative);
    }
}

/* A raw value as it is written after `key:`: one line inline, several lines
 * indented under the key (a block scalar keeps its header on the key line). */
static void
append_raw (GString    *out,
            const char *raw,
            const char *indent,
            const char *nl)
{
  g_auto(GStrv) lines = NULL;
  g_autofree char *trimmed = g_malloc (strlen (raw) + 1);
  gsize len = 0;
  guint i = 0;

  /* every line break the user typed (\r\n, a lone \r) as one \n */
  for (const char *p = raw; *p != '\0'; p++)
    {
      if (p[0] == '\r' && p[1] == '\n')
        continue;
      trimmed[len++] = *p == '\r' ? '\n' : *p;
    }
  trimmed[len] = '\0';
  while (len > 0 && trimmed[len - 1] == '\n')
    trimmed[--len] = '\0';
  if (strchr (trimmed, '\n') == NULL)
    {
      if (len > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, trimmed);
      return;
    }

  lines = g_strsplit (trimmed, "\n", -1);
  if (lines[0][0] == '|' || lines[0][0] == '>')
    {
      g_string_append_c (out, ' ');
      g_string_append (out, lines[0]);
      i = 1;
    }
  for (; lines[i] != NULL; i++)
    {
      gsize l = strlen (lines[i]);

      g_string_append (out, nl);
      if (l > 0)
        {
          g_string_append (out, indent);
          g_string_append (out, "  ");
          g_string_append (out, lines[i]);
        }
    }
}

/* What follows `key:` for a brand-new entry (no line break at the end). */
static void
append_new_value (BylineFrontmatter *self,
                  GString           *out,
                  const Spec        *spec,
                  const char        *indent,
                  gboolean           nested)
{
  switch (spec->kind)
    {
    case SPEC_STRING:
      g_string_append_c (out, ' ');
      append_string_scalar (out, spec->string, BYLINE_STYLE_PLAIN, FALSE, spec->conservative);
      break;
    case SPEC_BOOLEAN:
      g_string_append (out, spec->boolean ? " true" : " false");
      break;
    case SPEC_NULL:
      g_string_append (out, " null");
      break;
    case SPEC_TIMESTAMP:
      {
        BylineTimestamp style;
        g_autofree char *written = NULL;

        _byline_frontmatter_timestamp_style (self, NULL, spec->timestamp, &style);
        written = byline_timestamp_format_like (&style, spec->timestamp);
        g_string_append_c (out, ' ');
        g_string_append (out, written);
      }
      break;
    case SPEC_LIST:
      if (spec->items[0] == NULL)
        {
          g_string_append (out, " []");
        }
      else
        {
          g_autofree char *prefix = block_item_prefix (self, NULL, nested ? indent : NULL);

          append_block_list (out, spec->items, prefix, self->split.newline,
                             BYLINE_STYLE_PLAIN, spec->conservative);
        }
      break;
    case SPEC_RAW:
      append_raw (out, spec->raw, indent, self->split.newline);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
append_key (GString    *out,
            const char *key)
{
  if (_byline_yaml_plain_is_safe (key, FALSE))
    g_string_append (out, key);
  else
    _byline_yaml_append_double (out, key);
}

static gsize
insertion_point (BylineFrontmatter *self,
                 const char        *key)
{
  GPtrArray *entries = self->root->pub.entries;
  guint index;

  if (self->key_order != NULL &&
      g_strv_contains ((const char * const *) self->key_order, key))
    {
      for (index = 0; g_strcmp0 (self->key_order[index], key) != 0; index++)
        ;
      for (guint j = index; j > 0; j--)
        {
          const BylineEntry *before = byline_frontmatter_lookup (self, self->key_order[j - 1]);

          if (before != NULL)
            return before->end;
        }
      for (guint j = index + 1; self->key_order[j] != NULL; j++)
        {
          const BylineEntry *after = byline_frontmatter_lookup (self, self->key_order[j]);

          if (after != NULL)
            {
              /* Right after the entry before it, so comments above the
               * first entry stay at the top. */
              for (guint k = 0; k < entries->len; k++)
                if (g_ptr_array_index (entries, k) == after)
                  return k == 0 ? after->start
                                : ((const BylineEntry *) g_ptr_array_index (entries, k - 1))->end;
            }
        }
    }
  return self->split.data_end;
}

static BylineTextEdit *
plan_insert (BylineFrontmatter *self,
             const char        *key,
             const Spec        *spec)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *indent = NULL;
  const char *nl = self->split.newline;

  if (self->split.kind == BYLINE_BLOCK_NONE)
    {
      /* A new block at the very top, after a byte order mark. */
      g_string_append (out, "---");
      g_string_append (out, nl);
      append_key (out, key);
      g_string_append_c (out, ':');
      append_new_value (self, out, spec, "", FALSE);
      g_string_append (out, nl);
      g_string_append (out, "---");
      g_string_append (out, nl);
      return byline_text_edit_new (self->split.bom_len, 0, out->str);
    }

  indent = root_indent (self);
  g_string_append (out, indent);
  append_key (out, key);
  g_string_append_c (out, ':');
  append_new_value (self, out, spec, indent, FALSE);
  g_string_append (out, nl);
  return byline_text_edit_new (insertion_point (self, key), 0, out->str);
}

/* `a:` / `  b: value` for the keys @keys, the first at @indent, each next
 * one two blanks deeper; no line break at the end. */
static void
append_key_chain (BylineFrontmatter  *self,
                  GString            *out,
                  const char * const *keys,
                  const char         *indent,
                  const Spec         *spec)
{
  g_autoptr(GString) level = g_string_new (indent);

  for (guint i = 0; keys[i] != NULL; i++)
    {
      if (i > 0)
        {
          g_string_append (out, self->split.newline);
          g_string_append (level, "  ");
        }
      g_string_append (out, level->str);
      append_key (out, keys[i]);
      g_string_append_c (out, ':');
    }
  append_new_value (self, out, spec, level->str, TRUE);
}

/* Inserts @keys (the missing rest of a nested key's path) at the end of the
 * block mapping @parent, one of the root's values at some depth. */
static BylineTextEdit *
plan_insert_nested (BylineFrontmatter  *self,
                    const BylineNode   *parent,
                    const char * const *keys,
                    const Spec         *spec)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *indent = NULL;
  const Entry *first;
  const BylineEntry *last;
  gsize at;

  if (parent->style != BYLINE_STYLE_BLOCK || parent->entries->len == 0)
    return NULL;
  first = g_ptr_array_index (parent->entries, 0);
  last = g_ptr_array_index (parent->entries, parent->entries->len - 1);
  indent = entry_indent (self, first);
  if (indent == NULL)
    return NULL;
  append_key_chain (self, out, keys, indent, spec);
  g_string_append (out, self->split.newline);
  at = last->end;
  if (at == 0 || self->text[at - 1] != '\n')
    at = _byline_line_end_after (self->text, at, region_end (self));
  return byline_text_edit_new (at, 0, out->str);
}

/* Replaces an entry's value with @inline_text (one node on the key line, or
 * where the old value started). */
static BylineTextEdit *
replace_inline (BylineFrontmatter *self,
                const Entry       *entry,
                const char        *inline_text)
{
  const BylineNode *value = entry->pub.value;
  g_autofree char *spaced = g_strconcat (" ", inline_text, NULL);

  if (value->start == entry->colon_end && value->end == entry->colon_end)
    return byline_text_edit_new (entry->colon_end, 0, spaced);
  if (!_byline_node_is_block_scalar (value) &&
      !(_byline_node_is_collection (value) && value->style == BYLINE_STYLE_BLOCK && value->alias_of == NULL))
    return byline_text_edit_new (value->start, value->end - value->start, inline_text);
  {
    gsize end = _byline_line_content_end (self->text, value->end, region_end (self));

    return byline_text_edit_new (entry->colon_end, end - entry->colon_end, spaced);
  }
}

/* Replaces an entry's value with lines under the key: @block starts with a
 * line break and has none at the end. */
static BylineTextEdit *
replace_with_lines (BylineFrontmatter *self,
                    const Entry       *entry,
                    const char        *block)
{
  const BylineNode *value = entry->pub.value;
  gsize end;

  if (value->start == entry->colon_end && value->end == entry->colon_end)
    return byline_text_edit_new (entry->colon_end, 0, block);
  if (!_byline_node_is_block_scalar (value) &&
      !(_byline_node_is_collection (value) && value->style == BYLINE_STYLE_BLOCK && value->alias_of == NULL))
    end = value->end;
  else
    end = _byline_line_content_end (self->text, value->end, region_end (self));
  return byline_text_edit_new (entry->colon_end, end - entry->colon_end, block);
}

/* Longest common subsequence of the old items' strings and the new items:
 * the old items kept stay byte-identical (comments, quoting). Sets
 * match[j] to the old index new item j keeps, or -1. */
static void
align_items (const BylineNode   *seq,
             const char * const *items,
             guint               n_new,
             int                *match)
{
  guint n_old = seq->items->len;
  g_autofree guint *table = NULL;
  guint i;
  guint j;

  for (j = 0; j < n_new; j++)
    match[j] = -1;
  if ((guint64) (n_old + 1) * (n_new + 1) > 4 * 1024 * 1024)
    return;

  table = g_new0 (guint, (n_old + 1) * (n_new + 1));
#define T(a, b) table[(a) * (n_new + 1) + (b)]
  for (i = n_old; i-- > 0;)
    for (j = n_new; j-- > 0;)
      {
        const BylineNode *item = g_ptr_array_index (seq->items, i);
        gboolean same = !_byline_node_is_collection (item) && item->type == BYLINE_VALUE_STRING &&
                        g_strcmp0 (item->string, items[j]) == 0;

        T (i, j) = same ? T (i + 1, j + 1) + 1 : MAX (T (i + 1, j), T (i, j + 1));
      }
  for (i = 0, j = 0; i < n_old && j < n_new;)
    {
      const BylineNode *item = g_ptr_array_index (seq->items, i);
      gboolean same = !_byline_node_is_collection (item) && item->type == BYLINE_VALUE_STRING &&
                      g_strcmp0 (item->string, items[j]) == 0;

      if (same && T (i, j) == T (i + 1, j + 1) + 1)
        {
          match[j] = i;
          i++;
          j++;
        }
      else if (T (i + 1, j) >= T (i, j + 1))
        i++;
      else
        j++;
    }
#undef T
}

static BylineNodeStyle
first_item_style (const BylineNode *seq)
{
  for (guint i = 0; i < seq->items->len; i++)
    {
      const BylineNode *item = g_ptr_array_index (seq->items, i);

      if (!_byline_node_is_collection (item) && item->alias_of == NULL)
        return item->style;
    }
  return BYLINE_STYLE_PLAIN;
}

static BylineTextEdit *
plan_block_list (BylineFrontmatter *self,
                 const Entry       *entry,
                 const Spec        *spec)
{
  const BylineNode *seq = entry->pub.value;
  guint n_old = seq->items->len;
  guint n_new = g_strv_length ((char **) spec->items);
  g_autofree int *match = g_new0 (int, n_new + 1);
  g_autofree gsize *starts = g_new0 (gsize, n_old + 1);
  g_autofree char *prefix = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  BylineNodeStyle style = first_item_style (seq);
  const char *nl = self->split.newline;
  guint old_i = 0;

  for (guint i = 0; i < n_old; i++)
    {
      g_autofree char *p = item_prefix (self, g_ptr_array_index (seq->items, i), &starts[i]);

      if (p == NULL)
        return NULL;
      if (i == 0)
        prefix = g_steal_pointer (&p);
    }
  starts[n_old] = _byline_line_end_after (self->text, seq->end, region_end (self));

  align_items (seq, spec->items, n_new, match);
  for (guint j = 0; j < n_new; j++)
    {
      if (match[j] >= 0)
        {
          old_i = match[j];
          g_string_append_len (out, self->text + starts[old_i], starts[old_i + 1] - starts[old_i]);
          old_i++;
        }
      else
        {
          g_string_append (out, prefix);
          append_string_scalar (out, spec->items[j], style, FALSE, spec->conservative);
          g_string_append (out, nl);
        }
    }
  return byline_text_edit_new (starts[0], starts[n_old] - starts[0], out->str);
}

static BylineTextEdit *
plan_flow_list (BylineFrontmatter *self,
                const Entry       *entry,
                const Spec        *spec)
{
  const BylineNode *seq = entry->pub.value;
  guint n_old = seq->items->len;
  guint n_new = g_strv_length ((char **) spec->items);
  g_autofree int *match = g_new0 (int, n_new + 1);
  g_autoptr(GString) out = g_string_new ("[");
  g_autofree char *separator = NULL;
  g_autofree char *pad = NULL;
  BylineNodeStyle style = first_item_style (seq);
  gsize open = seq->start;

  while (open < seq->end && self->text[open] != '[')
    open++;
  if (n_old > 0)
    {
      const BylineNode *first = g_ptr_array_index (seq->items, 0);

      if (_byline_blanks_only (self->text, open + 1, first->start))
        pad = g_strndup (self->text + open + 1, first->start - open - 1);
    }
  if (n_old > 1)
    {
      const BylineNode *a = g_ptr_array_index (seq->items, 0);
      const BylineNode *b = g_ptr_array_index (seq->items, 1);
      g_autofree char *between = g_strndup (self->text + a->end, b->start - a->end);

      if (strpbrk (between, "\r\n#") == NULL)
        separator = g_steal_pointer (&between);
    }
  if (pad == NULL)
    pad = g_strdup ("");
  if (separator == NULL)
    separator = g_strdup (", ");

  align_items (seq, spec->items, n_new, match);
  if (n_new > 0)
    g_string_append (out, pad);
  for (guint j = 0; j < n_new; j++)
    {
      if (j > 0)
        g_string_append (out, separator);
      if (match[j] >= 0 && !spec->conservative)
        {
          const BylineNode *item = g_ptr_array_index (seq->items, match[j]);

          g_string_append_len (out, self->text + item->start, item->end - item->start);
        }
      else
        {
          append_string_scalar (out, spec->items[j], style, TRUE, spec->conservative);
        }
    }
  if (n_new > 0)
    g_string_append (out, pad);
  g_string_append_c (out, ']');
  return byline_text_edit_new (seq->start, seq->end - seq->start, out->str);
}

/* --- block scalars --- */

static gboolean
block_scalar_can_hold (const char *value,
                       gboolean    folded,
                       gboolean    explicit_indent)
{
  const char *p;
  gboolean line_start = TRUE;
  gboolean seen_text = FALSE;

  if (!g_utf8_validate (value, -1, NULL))
    return FALSE;
  /* Nothing but line breaks reads back differently under every chomping. */
  if (value[strspn (value, "\n")] == '\0')
    return value[0] == '\0';
  for (p = value; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\n')
        {
          line_start = TRUE;
          continue;
        }
      if (c != '\t' && (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) ||
                        c == 0x2028 || c == 0x2029 || c == 0xfeff))
        return FALSE;
      /* A line that starts with a blank would be read as indentation (or,
       * folded, would change how lines join). */
      if (line_start && (c == ' ' || c == '\t') && (folded || (!seen_text && !explicit_indent)))
        return FALSE;
      line_start = FALSE;
      seen_text = TRUE;
    }
  return TRUE;
}

static void
append_folded_line (GString    *out,
                    const char *line,
                    const char *indent,
                    const char *nl,
                    gsize       width)
{
  gsize len = strlen (line);
  gsize start = 0;
  gsize indent_len = strlen (indent);

  /* Break at single spaces between words only: folding turns the break back
   * into that one space. */
  while (len - start + indent_len > width)
    {
      gsize cut = 0;

      for (gsize i = start + 1; i + 1 < len; i++)
        {
          if (line[i] == ' ' && line[i - 1] != ' ' && line[i + 1] != ' ' && i > start)
            {
              if (i - start + indent_len <= width || cut == 0)
                cut = i;
              if (i - start + indent_len > width)
                break;
            }
        }
      if (cut == 0)
        break;
      g_string_append (out, indent);
      g_string_append_len (out, line + start, cut - start);
      g_string_append (out, nl);
      start = cut + 1;
    }
  g_string_append (out, indent);
  g_string_append (out, line + start);
  g_string_append (out, nl);
}

static BylineTextEdit *
plan_block_scalar (BylineFrontmatter *self,
                   const Entry       *entry,
                   const char        *value)
{
  const Node *old = (const Node *) entry->pub.value;
  const char *text = self->text;
  const char *nl = self->split.newline;
  gboolean folded = old->pub.style == BYLINE_STYLE_FOLDED;
  g_autofree char *header = g_strndup (text + old->pub.start, old->header_end - old->pub.start);
  g_autofree char *indent = NULL;
  g_autofree char *core = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_auto(GStrv) lines = NULL;
  char *indicator;
  char *chomp;
  char wanted;
  int explicit_indent = 0;
  gsize trailing = 0;
  gsize len = strlen (value);
  gsize width = 0;
  gsize content_start = _byline_line_end_after (text, old->header_end, region_end (self));
  gsize end;

  indicator = strchr (header, folded ? '>' : '|');
  if (indicator == NULL)
    return NULL;
  for (char *h = indicator + 1; *h == '+' || *h == '-' || g_ascii_isdigit (*h); h++)
    if (g_ascii_isdigit (*h))
      explicit_indent = *h - '0';

  if (!block_scalar_can_hold (value, folded, explicit_indent > 0))
    return NULL;

  /* Content indentation: the first content line's, or the indicator's. */
  if (explicit_indent > 0)
    {
      gsize key_indent = entry->pub.key_node->start - entry->indent_start;

      indent = g_strnfill (key_indent + explicit_indent, ' ');
    }
  else
    {
      gsize p = content_start;

      while (p < old->pub.end && (text[p] == '\n' || text[p] == '\r' || text[p] == ' '))
        {
          if (text[p] == '\n' || text[p] == '\r')
            content_start = p + 1;
          p++;
        }
      if (p < old->pub.end)
        indent = g_strndup (text + content_start, p - content_start);
      else
        indent = g_strnfill (entry->pub.key_node->start - entry->indent_start + 2, ' ');
    }
  /* Wrap folded text as wide as the author did. */
  for (gsize p = _byline_line_end_after (text, old->header_end, region_end (self)); p < old->pub.end;)
    {
      gsize e = _byline_line_content_end (text, p, region_end (self));

      width = MAX (width, (gsize) g_utf8_strlen (text + p, e - p));
      p = _byline_line_end_after (text, p, region_end (self));
    }
  width = MAX (width, 40);

  while (trailing < len && value[len - 1 - trailing] == '\n')
    trailing++;
  core = g_strndup (value, len - trailing);
  wanted = trailing == 0 ? '-' : trailing == 1 ? '\0' : '+';
  if (len == 0)
    wanted = '-';

  /* Keep the author's chomping indicator when it yields the value; change
   * just that character when it can't. */
  chomp = indicator + 1;
  if (*chomp != '+' && *chomp != '-' && g_ascii_isdigit (*chomp) && (chomp[1] == '+' || chomp[1] == '-'))
    chomp++;
  if (*chomp == '+' || *chomp == '-')
    {
      if (wanted == '\0')
        memmove (chomp, chomp + 1, strlen (chomp));
      else
        *chomp = wanted;
    }
  else if (wanted != '\0')
    {
      g_autofree char *rest = g_strdup (chomp);

      *chomp = '\0';
      {
        g_autofree char *with = g_strdup_printf ("%s%c%s", header, wanted, rest);

        g_free (header);
        header = g_steal_pointer (&with);
      }
    }
  g_string_append (out, header);
  g_string_append (out, nl);
  lines = g_strsplit (core, "\n", -1);
  if (core[0] != '\0')
    {
      gboolean previous_text = FALSE;

      for (guint i = 0; lines[i] != NULL; i++)
        {
          if (lines[i][0] == '\0')
            {
              g_string_append (out, nl);
              continue;
            }
          /* Folded: one line break between two lines of text is a space, so
           * n breaks of the value between text lines are written as n+1
           * (the n-1 empty lines above already gave n). */
          if (folded && previous_text)
            g_string_append (out, nl);
          if (folded)
            append_folded_line (out, lines[i], indent, nl, width);
          else
            {
              g_string_append (out, indent);
              g_string_append (out, lines[i]);
              g_string_append (out, nl);
            }
          previous_text = TRUE;
        }
      for (gsize i = 1; i < trailing; i++)
        g_string_append (out, nl);
    }

  /* Replace the old block through its last content line, or through its
   * trailing blank lines when either the old or the new one keeps them. */
  if (memchr (text + old->pub.start, '+', old->header_end - old->pub.start) != NULL || wanted == '+')
    end = old->block_end;
  else
    end = _byline_line_end_after (text, old->pub.end, region_end (self));
  return byline_text_edit_new (old->pub.start, end - old->pub.start, out->str);
}

/* A plain scalar the author wrapped over several lines is wrapped again the
 * same way: continuation lines get the old continuation indentation. Breaks
 * go only at a single space before a word that can't start anything else
 * (a comment, an indicator). */
static gboolean
append_wrapped_plain (BylineFrontmatter *self,
                      GString           *out,
                      const BylineNode  *old,
                      const char        *value)
{
  const char *text = self->text;
  gsize last_line = _byline_line_start_of (text, old->end, self->split.data_start);
  gsize first_col = old->start - _byline_line_start_of (text, old->start, self->split.data_start);
  gsize indent_len = 0;
  gsize width = 0;
  gsize col;
  const char *word;
  const char *p;

  while (text[last_line + indent_len] == ' ')
    indent_len++;
  if (indent_len == 0)
    return FALSE;
  for (gsize l = _byline_line_start_of (text, old->start, self->split.data_start); l < old->end;)
    {
      gsize e = _byline_line_content_end (text, l, region_end (self));

      width = MAX (width, (gsize) g_utf8_strlen (text + l, e - l));
      l = _byline_line_end_after (text, l, region_end (self));
    }
  width = MAX (width, 40);

  col = first_col;
  word = value;
  for (p = value;; p++)
    {
      if (*p == ' ' || *p == '\0')
        {
          gsize word_len = g_utf8_strlen (word, p - word);
          gboolean can_break = word != value && word[-1] == ' ' &&
                               (word - 1 == value || word[-2] != ' ') &&
                               strchr ("#-?:,[]{}&*!|>'\"%@`", word[0]) == NULL;

          if (can_break && col + word_len > width)
            {
              /* Drop the space just written: the break stands for it. */
              g_string_truncate (out, out->len - 1);
              g_string_append (out, self->split.newline);
              for (gsize i = 0; i < indent_len; i++)
                g_string_append_c (out, ' ');
              col = indent_len + 1;
            }
          g_string_append_len (out, word, p - word);
          col += word_len;
          if (*p == '\0')
            break;
          g_string_append_c (out, ' ');
          col++;
          word = p + 1;
        }
    }
  return TRUE;
}

static BylineTextEdit *
replace_value (BylineFrontmatter *self,
               const Entry       *entry,
               const Spec        *spec,
               const char        *nested_indent,
               gboolean           in_flow)
{
  const BylineNode *old = entry->pub.value;
  g_autoptr(GString) out = g_string_new (NULL);

  switch (spec->kind)
    {
    case SPEC_STRING:
      {
        BylineNodeStyle style = old->style;

        if (_byline_node_is_block_scalar (old) && old->alias_of == NULL && !spec->conservative)
          {
            BylineTextEdit *edit = plan_block_scalar (self, entry, spec->string);

            if (edit != NULL)
              return edit;
          }
        if (old->alias_of != NULL || _byline_node_is_collection (old))
          style = BYLINE_STYLE_PLAIN;
        else if (_byline_node_is_block_scalar (old))
          style = BYLINE_STYLE_DOUBLE_QUOTED;

        if (style == BYLINE_STYLE_PLAIN && !spec->conservative && old->alias_of == NULL &&
            !_byline_node_is_collection (old) && old->start < old->end &&
            byline_next_line_break (self->text, old->end, old->start, NULL) < old->end &&
            _byline_yaml_plain_is_safe (spec->string, FALSE) &&
            append_wrapped_plain (self, out, old, spec->string))
          return byline_text_edit_new (old->start, old->end - old->start, out->str);

        append_string_scalar (out, spec->string, style, in_flow, spec->conservative);
        return replace_inline (self, entry, out->str);
      }
    case SPEC_BOOLEAN:
      return replace_inline (self, entry, spec->boolean ? "true" : "false");
    case SPEC_NULL:
      if (old->type == BYLINE_VALUE_NULL && old->alias_of == NULL)
        return byline_text_edit_new (old->start, 0, "");
      return replace_inline (self, entry, "null");
    case SPEC_TIMESTAMP:
      {
        BylineTimestamp style;
        g_autofree char *written = NULL;

        _byline_frontmatter_timestamp_style (self, &entry->pub, spec->timestamp, &style);
        written = byline_timestamp_format_like (&style, spec->timestamp);
        if (written == NULL)
          return NULL;
        return replace_inline (self, entry, written);
      }
    case SPEC_LIST:
      if (old->type == BYLINE_VALUE_SEQUENCE && old->alias_of == NULL && old->tag == NULL)
        {
          if (old->style == BYLINE_STYLE_FLOW)
            return plan_flow_list (self, entry, spec);
          if (spec->items[0] != NULL && !spec->conservative)
            {
              BylineTextEdit *edit = plan_block_list (self, entry, spec);

              if (edit != NULL)
                return edit;
            }
        }
      if (spec->items[0] == NULL)
        return replace_inline (self, entry, "[]");
      {
        g_autofree char *prefix = block_item_prefix (self, old, nested_indent);
        BylineNodeStyle item_style = BYLINE_STYLE_PLAIN;

        if (old->type == BYLINE_VALUE_SEQUENCE)
          item_style = first_item_style (old);
        append_block_list (out, spec->items, prefix, self->split.newline, item_style,
                           spec->conservative);
        return replace_with_lines (self, entry, out->str);
      }
    case SPEC_RAW:
      {
        g_autofree char *indent = nested_indent != NULL ? g_strdup (nested_indent) : root_indent (self);

        append_raw (out, spec->raw, indent, self->split.newline);
        if (out->str[0] == ' ')
          return replace_inline (self, entry, out->str + 1);
        if (out->len == 0)
          return replace_with_lines (self, entry, "");
        return replace_with_lines (self, entry, out->str);
      }
    default:
      g_assert_not_reached ();
    }
  return NULL;
}

static gboolean
is_continuation (char c)
{
  return ((guchar) c & 0xc0) == 0x80;
}

/* Shrinks @edit to the bytes that really change, on character boundaries
 * and never between \r and \n, so a buffer applying it keeps its marks. */
static void
minimise (const char     *text,
          BylineTextEdit *edit)
{
  const char *old = text + edit->offset;
  gsize old_len = edit->length;
  const char *new = edit->text;
  gsize new_len = strlen (new);
  gsize prefix = 0;
  gsize suffix = 0;
  char *shorter;

  while (prefix < old_len && prefix < new_len && old[prefix] == new[prefix])
    prefix++;
  while (prefix > 0 &&
         ((prefix < old_len && is_continuation (old[prefix])) ||
          (prefix < new_len && is_continuation (new[prefix])) ||
          (old[prefix - 1] == '\r')))
    prefix--;
  while (suffix < old_len - prefix && suffix < new_len - prefix &&
         old[old_len - 1 - suffix] == new[new_len - 1 - suffix])
    suffix++;
  while (suffix > 0 &&
         (is_continuation (old[old_len - suffix]) ||
          (old[old_len - suffix] == '\n' && old_len - suffix > 0 &&
           old[old_len - suffix - 1] == '\r') ||
          (old[old_len - suffix] == '\n' && new_len - suffix > 0 &&
           new[new_len - suffix - 1] == '\r')))
    suffix--;

  shorter = g_strndup (new + prefix, new_len - prefix - suffix);
  g_free (edit->text);
  edit->text = shorter;
  edit->offset += prefix;
  edit->length = old_len - prefix - suffix;
}

/* Whether @target (the key's value after the edit) reads as @spec wants. */
static gboolean
target_matches (const BylineEntry *target,
                const Spec        *spec)
{
  if (spec == NULL)
    return target == NULL;
  if (target == NULL)
    return FALSE;
  if (spec->kind == SPEC_TIMESTAMP)
    {
      g_autoptr(GDateTime) got = NULL;
      GTimeSpan cut;

      if (target->value->type != BYLINE_VALUE_TIMESTAMP)
        return FALSE;
      /* the instant asked for, cut to the style's fraction digits at most */
      got = byline_timestamp_to_date_time (&target->value->timestamp);
      if (got == NULL)
        return FALSE;
      cut = g_date_time_difference (spec->timestamp, got);
      return cut >= 0 && cut < G_TIME_SPAN_SECOND;
    }
  {
    g_autofree char *got = _byline_node_to_compact_json (target->value);

    return g_strcmp0 (got, spec->expected) == 0;
  }
}

/* Compares the mapping @before (%NULL: none, or null) with @after along
 * @path: every other key reads exactly as before, a key on the way stays
 * (or becomes) a mapping, and the last one reads as @spec wants (@spec
 * %NULL: the key is gone). */
static gboolean
same_but_path (const BylineNode   *before,
               const BylineNode   *after,
               const char * const *path,
               const Spec         *spec)
{
  const Entry *old_entry = before != NULL ? lookup_in (before, path[0]) : NULL;
  const Entry *new_entry;
  guint old_len = before != NULL && before->entries != NULL ? before->entries->len : 0;
  guint expected_entries = old_len;
  /* Every other value is printed twice, all on one budget, so an edit
   * next to an alias bomb is refused quickly. */
  gsize steps = BYLINE_JSON_MAX_STEPS;

  if (after == NULL || after->type != BYLINE_VALUE_MAPPING || after->entries == NULL)
    return FALSE;

  for (guint i = 0; i < old_len; i++)
    {
      const BylineEntry *entry = g_ptr_array_index (before->entries, i);
      const Entry *other;
      g_autofree char *a = NULL;
      g_autofree char *b = NULL;

      if (g_str_equal (entry->key, path[0]))
        continue;
      other = lookup_in (after, entry->key);
      if (other == NULL)
        return FALSE;
      /* A value too big to print (aliases) cannot be shown unchanged. */
      a = _byline_node_to_compact_json_steps (entry->value, &steps);
      b = _byline_node_to_compact_json_steps (other->pub.value, &steps);
      if (a == NULL || b == NULL || !g_str_equal (a, b))
        return FALSE;
    }

  new_entry = lookup_in (after, path[0]);
  if (path[1] == NULL)
    {
      if (spec == NULL && old_entry != NULL)
        expected_entries--;
      else if (spec != NULL && old_entry == NULL)
        expected_entries++;
      if (after->entries->len != expected_entries)
        return FALSE;
      return target_matches (new_entry != NULL ? &new_entry->pub : NULL, spec);
    }

  if (old_entry == NULL)
    expected_entries++;
  if (after->entries->len != expected_entries || new_entry == NULL)
    return FALSE;
  if (old_entry != NULL && old_entry->pub.value->type == BYLINE_VALUE_MAPPING)
    return same_but_path (old_entry->pub.value, new_entry->pub.value, path + 1, spec);
  /* the rest of the path was written where there was nothing (or null) */
  if (old_entry != NULL && old_entry->pub.value->type != BYLINE_VALUE_NULL)
    return FALSE;
  return same_but_path (NULL, new_entry->pub.value, path + 1, spec);
}

/* Applies @edit to a copy, parses it and checks that nothing but @path
 * changed (body bytes, every other key's value, at every depth) and that
 * @path reads as @spec wants (@spec %NULL: the key is gone). */
static gboolean
verify (BylineFrontmatter    *self,
        const BylineTextEdit *edit,
        const char * const   *path,
        const Spec           *spec)
{
  g_autofree char *new_text = NULL;
  g_autoptr(BylineFrontmatter) after = NULL;
  gsize new_len;
  gsize old_body;
  gsize new_body;

  new_text = byline_text_edit_apply (edit, self->text, self->len, &new_len);
  after = byline_frontmatter_parse (new_text, new_len);
  if (after->error != NULL)
    return FALSE;

  old_body = self->len - self->split.body_start;
  new_body = new_len - after->split.body_start;
  if (old_body != new_body ||
      memcmp (self->text + self->split.body_start, new_text + after->split.body_start, old_body) != 0)
    return FALSE;

  return same_but_path (&self->root->pub, &after->root->pub, path, spec);
}

/* Whether an edit inside @entry's value would change more than it: an
 * alias's target, an anchor aliases refer to, a merge key. */
static gboolean
check_in_place (BylineFrontmatter  *self,
                const Entry        *entry,
                const char         *name,
                GError            **error)
{
  if (entry->colon_end == 0 || _byline_entry_is_merge_key (&entry->pub) ||
      entry->pub.value->alias_of != NULL)
    {
      g_set_error (error, BYLINE_FRONTMATTER_ERROR, BYLINE_FRONTMATTER_ERROR_UNSUPPORTED,
                   _("“%s” is written in a form that can’t be edited in place"), name);
      return FALSE;
    }
  /* Changing an anchored value would silently change every alias of it. */
  if (anchor_in_use (self, entry->pub.value))
    {
      g_set_error (error, BYLINE_FRONTMATTER_ERROR, BYLINE_FRONTMATTER_ERROR_UNSUPPORTED,
                   _("“%s” is an anchor other values refer to; edit it in the text"), name);
      return FALSE;
    }
  return TRUE;
}

/* A key below the top level (@path has two keys or more). */
static BylineTextEdit *
plan_nested_once (BylineFrontmatter  *self,
                  const char * const *path,
                  const char         *name,
                  const Spec         *spec,
                  GError            **error)
{
  const BylineNode *parent = &self->root->pub;
  const Entry *entry = NULL;
  BylineTextEdit *edit = NULL;
  guint depth = g_strv_length ((char **) path);

  if (self->split.kind == BYLINE_BLOCK_TOML)
    return _byline_toml_plan_nested_once (self, path, name, spec, error);

  for (guint i = 0; i + 1 < depth; i++)
    {
      const Entry *step = lookup_in (parent, path[i]);
      const BylineNode *value;

      if (step == NULL)
        {
          /* The missing part of the path, written out below what there is. */
          if (parent == &self->root->pub)
            {
              g_autoptr(GString) out = g_string_new (NULL);
              g_autofree char *indent = root_indent (self);

              if (self->split.kind == BYLINE_BLOCK_NONE)
                break;
              append_key_chain (self, out, path + i, indent, spec);
              g_string_append (out, self->split.newline);
              return byline_text_edit_new (insertion_point (self, path[i]), 0, out->str);
            }
          edit = plan_insert_nested (self, parent, path + i, spec);
          break;
        }
      if (!check_in_place (self, step, name, error))
        return NULL;
      value = step->pub.value;
      if (value->type == BYLINE_VALUE_NULL ||
          (value->type == BYLINE_VALUE_MAPPING && value->entries->len == 0 &&
           value->style == BYLINE_STYLE_FLOW))
        {
          /* `author:` or `author: {}`: the rest goes in lines under it. */
          g_autofree char *indent = entry_indent (self, step);
          g_autoptr(GString) out = g_string_new (NULL);
          g_autofree char *deeper = NULL;

          if (indent == NULL)
            break;
          deeper = g_strconcat (indent, "  ", NULL);
          g_string_append (out, self->split.newline);
          append_key_chain (self, out, path + i + 1, deeper, spec);
          return replace_with_lines (self, step, out->str);
        }
      if (value->type != BYLINE_VALUE_MAPPING)
        {
          g_set_error (error, BYLINE_FRONTMATTER_ERROR, BYLINE_FRONTMATTER_ERROR_UNSUPPORTED,
                       _("“%s” is not a mapping of keys"), path[i]);
          return NULL;
        }
      parent = value;
      if (i + 2 == depth)
        {
          entry = lookup_in (parent, path[i + 1]);
          if (entry == NULL)
            edit = plan_insert_nested (self, parent, path + i + 1, spec);
        }
    }

  if (entry != NULL)
    {
      g_autofree char *indent = NULL;

      if (!check_in_place (self, entry, name, error))
        return NULL;
      if (parent->style == BYLINE_STYLE_BLOCK)
        indent = entry_indent (self, entry);
      edit = replace_value (self, entry, spec, indent != NULL ? indent : "  ",
                            parent->style == BYLINE_STYLE_FLOW);
    }
  if (edit == NULL && (error == NULL || *error == NULL))
    g_set_error (error, BYLINE_FRONTMATTER_ERROR, BYLINE_FRONTMATTER_ERROR_UNSUPPORTED,
                 _("“%s” can’t be changed without rewriting other text"), name);
  return edit;
}

static BylineTextEdit *
plan_once (BylineFrontmatter  *self,
           const char * const *path,
           const char         *name,
           const Spec         *spec,
           GError            **error)
{
  const char *key = path[0];
  const Entry *entry;
  BylineTextEdit *edit;

  if (path[1] != NULL)
    return plan_nested_once (self, path, name, spec, error);

  entry = (const Entry *) byline_frontmatter_lookup (self, key);
  if (self->split.kind == BYLINE_BLOCK_TOML)
    return _byline_toml_plan_once (self, key, spec, error);
  if (self->split.kind == BYLINE_BLOCK_NONE || entry == NULL)
    return plan_insert (self, key, spec);

  if (entry->colon_end == 0 || _byline_entry_is_merge_key (&entry->pub))
    {
      g_set_error (error, BYLINE_FRONTMATTER_ERROR, BYLINE_FRONTMATTER_ERROR_UNSUPPORTED,
                   _("“%s” is written in a form that can’t be edited in place"), key);
      return NULL;
    }
  /* Changing an anchored value would silently change every alias of it. */
  if (anchor_in_use (self, entry->pub.value))
    {
      g_set_error (error, BYLINE_FRONTMATTER_ERROR, BYLINE_FRONTMATTER_ERROR_UNSUPPORTED,
                   _("“%s” is an anchor other values refer to; edit it in the text"), key);
      return NULL;
    }
  edit = replace_value (self, entry, spec, NULL, FALSE);
  if (edit == NULL)
    g_set_error (error, BYLINE_FRONTMATTER_ERROR, BYLINE_FRONTMATTER_ERROR_UNSUPPORTED,
                 _("“%s” can’t be changed without rewriting other text"), key);
  return edit;
}

static gboolean
check_utf8_value (const char  *value,
                  GError     **error)
{
  if (value == NULL || !g_utf8_validate (value, -1, NULL))
    {
      g_set_error_literal (error, BYLINE_FRONTMATTER_ERROR, BYLINE_FRONTMATTER_ERROR_INVALID_VALUE,
                           _("The value is not valid UTF-8 text"));
      return FALSE;
    }
  return TRUE;
}

/* The JSON a raw YAML value reads as, written the way plan_set_raw writes
 * it; %NULL when it is not exactly one YAML value. */
static char *
raw_value_json (const char *raw)
{
  g_autoptr(GString) doc = g_string_new ("---\nk:");
  g_autoptr(BylineFrontmatter) parsed = NULL;

  append_raw (doc, raw, "", "\n");
  g_string_append (doc, "\n---\n");
  parsed = byline_frontmatter_parse (doc->str, doc->len);
  if (parsed->error != NULL || parsed->root->pub.entries->len != 1)
    return NULL;
  return _byline_node_to_compact_json (((const BylineEntry *) g_ptr_array_index (parsed->root->pub.entries, 0))->value);
}

static gboolean
check_path (const char * const  *path,
            GError             **error)
{
  if (path[0] == NULL || g_strv_length ((char **) path) > BYLINE_FRONTMATTER_MAX_DEPTH)
    {
      g_set_error_literal (error, BYLINE_FRONTMATTER_ERROR, BYLINE_FRONTMATTER_ERROR_INVALID_VALUE,
                           _("The key must be non-empty UTF-8 text"));
      return FALSE;
    }
  for (guint i = 0; path[i] != NULL; i++)
    if (path[i][0] == '\0' || !g_utf8_validate (path[i], -1, NULL))
      {
        g_set_error_literal (error, BYLINE_FRONTMATTER_ERROR, BYLINE_FRONTMATTER_ERROR_INVALID_VALUE,
                             _("The key must be non-empty UTF-8 text"));
        return FALSE;
      }
  return TRUE;
}

static BylineTextEdit *
plan (BylineFrontmatter  *self,
      const char * const *path,
      Spec               *spec,
      GError            **error)
{
  g_autofree char *expected = NULL;
  g_autofree char *name = NULL;

  if (!check_editable (self, error))
    return NULL;
  if (!check_path (path, error))
    return NULL;
  name = g_strjoinv (".", (char **) path);

  switch (spec->kind)
    {
    case SPEC_STRING:
      {
        GString *json = g_string_new (NULL);

        if (!check_utf8_value (spec->string, error))
          {
            g_string_free (json, TRUE);
            return NULL;
          }
        _byline_json_append_string (json, spec->string, strlen (spec->string));
        expected = g_string_free (json, FALSE);
      }
      break;
    case SPEC_BOOLEAN:
      expected = g_strdup (spec->boolean ? "true" : "false");
      break;
    case SPEC_NULL:
      /* TOML has no null: a key set to nothing is a key not there. */
      if (self->split.kind == BYLINE_BLOCK_TOML)
        return byline_frontmatter_plan_unset_path (self, path, error);
      expected = g_strdup ("null");
      break;
    case SPEC_TIMESTAMP:
      break;
    case SPEC_LIST:
      {
        GString *json = g_string_new ("[");

        for (guint i = 0; spec->items[i] != NULL; i++)
          {
            if (!check_utf8_value (spec->items[i], error))
              {
                g_string_free (json, TRUE);
                return NULL;
              }
            if (i > 0)
              g_string_append_c (json, ',');
            _byline_json_append_string (json, spec->items[i], strlen (spec->items[i]));
          }
        g_string_append_c (json, ']');
        expected = g_string_free (json, FALSE);
      }
      break;
    case SPEC_RAW:
      if (!check_utf8_value (spec->raw, error))
        return NULL;
      if (self->split.kind == BYLINE_BLOCK_TOML)
        expected = _byline_toml_raw_json (spec->raw);
      else
        expected = raw_value_json (spec->raw);
      if (expected == NULL)
        {
          g_set_error_literal (error, BYLINE_FRONTMATTER_ERROR, BYLINE_FRONTMATTER_ERROR_INVALID_VALUE,
                               self->split.kind == BYLINE_BLOCK_TOML ?
                               _("The value is not one well-formed TOML value") :
                               _("The value is not one well-formed YAML value"));
          return NULL;
        }
      break;
    default:
      g_assert_not_reached ();
    }
  spec->expected = expected;

  for (int attempt = 0; attempt < 2; attempt++)
    {
      g_autoptr(BylineTextEdit) edit = NULL;

      spec->conservative = attempt == 1;
      edit = plan_once (self, path, name, spec, error);
      if (edit == NULL)
        return NULL;
      minimise (self->text, edit);
      if (verify (self, edit, path, spec))
        return g_steal_pointer (&edit);
    }
  g_set_error (error, BYLINE_FRONTMATTER_ERROR, BYLINE_FRONTMATTER_ERROR_UNSUPPORTED,
               _("“%s” can’t be set without changing other values"), name);
  return NULL;
}

BylineTextEdit *
byline_frontmatter_plan_set_string (BylineFrontmatter  *self,
                                    const char         *key,
                                    const char         *value,
                                    GError            **error)
{
  const char *path[] = { key, NULL };

  g_return_val_if_fail (key != NULL, NULL);

  return byline_frontmatter_plan_set_string_path (self, path, value, error);
}

/**
 * byline_frontmatter_plan_set_string_path:
 * @path: (array zero-terminated=1): the keys from the top down to the one
 *   to set (`author`, `name` for `author.name`)
 *
 * Like byline_frontmatter_plan_set_string(), for a key at any depth: the mappings on the way are
 * written out when they are missing or null.
 */
BylineTextEdit *
byline_frontmatter_plan_set_string_path (BylineFrontmatter   *self,
                                         const char * const  *path,
                                         const char         *value,
                                         GError             **error)
{
  Spec spec = { .kind = SPEC_STRING, .string = value };

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (value != NULL, NULL);

  return plan (self, path, &spec, error);
}

BylineTextEdit *
byline_frontmatter_plan_set_boolean (BylineFrontmatter  *self,
                                     const char         *key,
                                     gboolean            value,
                                     GError            **error)
{
  const char *path[] = { key, NULL };

  g_return_val_if_fail (key != NULL, NULL);

  return byline_frontmatter_plan_set_boolean_path (self, path, value, error);
}

/**
 * byline_frontmatter_plan_set_boolean_path:
 * @path: (array zero-terminated=1): the keys from the top down to the one
 *   to set (`author`, `name` for `author.name`)
 *
 * Like byline_frontmatter_plan_set_boolean(), for a key at any depth: the mappings on the way are
 * written out when they are missing or null.
 */
BylineTextEdit *
byline_frontmatter_plan_set_boolean_path (BylineFrontmatter   *self,
                                          const char * const  *path,
                                          gboolean            value,
                                          GError             **error)
{
  Spec spec = { .kind = SPEC_BOOLEAN, .boolean = !!value };

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);

  return plan (self, path, &spec, error);
}

BylineTextEdit *
byline_frontmatter_plan_set_timestamp (BylineFrontmatter  *self,
                                       const char         *key,
                                       GDateTime          *value,
                                       GError            **error)
{
  const char *path[] = { key, NULL };

  g_return_val_if_fail (key != NULL, NULL);

  return byline_frontmatter_plan_set_timestamp_path (self, path, value, error);
}

/**
 * byline_frontmatter_plan_set_timestamp_path:
 * @path: (array zero-terminated=1): the keys from the top down to the one
 *   to set (`author`, `name` for `author.name`)
 *
 * Like byline_frontmatter_plan_set_timestamp(), for a key at any depth: the mappings on the way are
 * written out when they are missing or null.
 */
BylineTextEdit *
byline_frontmatter_plan_set_timestamp_path (BylineFrontmatter   *self,
                                            const char * const  *path,
                                            GDateTime          *value,
                                            GError             **error)
{
  Spec spec = { .kind = SPEC_TIMESTAMP, .timestamp = value };

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (value != NULL, NULL);

  return plan (self, path, &spec, error);
}

BylineTextEdit *
byline_frontmatter_plan_set_list (BylineFrontmatter  *self,
                                  const char         *key,
                                  const char * const *items,
                                  GError            **error)
{
  const char *path[] = { key, NULL };

  g_return_val_if_fail (key != NULL, NULL);

  return byline_frontmatter_plan_set_list_path (self, path, items, error);
}

/**
 * byline_frontmatter_plan_set_list_path:
 * @path: (array zero-terminated=1): the keys from the top down to the one
 *   to set (`author`, `name` for `author.name`)
 *
 * Like byline_frontmatter_plan_set_list(), for a key at any depth: the mappings on the way are
 * written out when they are missing or null.
 */
BylineTextEdit *
byline_frontmatter_plan_set_list_path (BylineFrontmatter   *self,
                                       const char * const  *path,
                                       const char * const *items,
                                       GError             **error)
{
  const char * const empty[] = { NULL };
  Spec spec = { .kind = SPEC_LIST, .items = items != NULL ? items : empty };

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);

  return plan (self, path, &spec, error);
}

BylineTextEdit *
byline_frontmatter_plan_set_null (BylineFrontmatter  *self,
                                  const char         *key,
                                  GError            **error)
{
  const char *path[] = { key, NULL };

  g_return_val_if_fail (key != NULL, NULL);

  return byline_frontmatter_plan_set_null_path (self, path, error);
}

/**
 * byline_frontmatter_plan_set_null_path:
 * @path: (array zero-terminated=1): the keys from the top down to the one
 *   to set (`author`, `name` for `author.name`)
 *
 * Like byline_frontmatter_plan_set_null(), for a key at any depth: the mappings on the way are
 * written out when they are missing or null.
 */
BylineTextEdit *
byline_frontmatter_plan_set_null_path (BylineFrontmatter   *self,
                                       const char * const  *path,
                                       GError             **error)
{
  Spec spec = { .kind = SPEC_NULL };

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);

  return plan (self, path, &spec, error);
}

/**
 * byline_frontmatter_plan_set_raw:
 * @yaml: one YAML value, written verbatim (several lines are indented under
 *   the key; a block scalar keeps its header on the key line)
 */
BylineTextEdit *
byline_frontmatter_plan_set_raw (BylineFrontmatter  *self,
                                 const char         *key,
                                 const char         *yaml,
                                 GError            **error)
{
  const char *path[] = { key, NULL };

  g_return_val_if_fail (key != NULL, NULL);

  return byline_frontmatter_plan_set_raw_path (self, path, yaml, error);
}

/**
 * byline_frontmatter_plan_set_raw_path:
 * @path: (array zero-terminated=1): the keys from the top down to the one
 *   to set (`author`, `name` for `author.name`)
 *
 * Like byline_frontmatter_plan_set_raw(), for a key at any depth: the mappings on the way are
 * written out when they are missing or null.
 */
BylineTextEdit *
byline_frontmatter_plan_set_raw_path (BylineFrontmatter   *self,
                                      const char * const  *path,
                                      const char         *yaml,
                                      GError             **error)
{
  Spec spec = { .kind = SPEC_RAW, .raw = yaml };

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (yaml != NULL, NULL);

  return plan (self, path, &spec, error);
}

/**
 * byline_frontmatter_plan_unset:
 *
 * Removes @key's whole entry (continuation lines included). An absent key,
 * or a text without frontmatter, gives an edit that changes nothing
 * (offset 0, length 0, text "").
 */
BylineTextEdit *
byline_frontmatter_plan_unset (BylineFrontmatter  *self,
                               const char         *key,
                               GError            **error)
{
  const char *path[] = { key, NULL };

  g_return_val_if_fail (key != NULL, NULL);

  return byline_frontmatter_plan_unset_path (self, path, error);
}

/**
 * byline_frontmatter_plan_unset_path:
 * @path: (array zero-terminated=1): the keys from the top down
 *
 * Like byline_frontmatter_plan_unset(), at any depth. A nested mapping left
 * without keys is written `{}` (an object, as before, not null); a key
 * inside a flow mapping (`{a: 1}`) is not removed.
 */
BylineTextEdit *
byline_frontmatter_plan_unset_path (BylineFrontmatter   *self,
                                    const char * const  *path,
                                    GError             **error)
{
  const Entry *entry;
  const Entry *parent_entry = NULL;
  const BylineNode *parent;
  g_autoptr(BylineTextEdit) edit = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (!check_editable (self, error) || !check_path (path, error))
    return NULL;
  name = g_strjoinv (".", (char **) path);
  parent = &self->root->pub;
  entry = lookup_in (parent, path[0]);
  for (guint i = 1; entry != NULL && path[i] != NULL; i++)
    {
      /* (TOML tables have no `:`; verify () guards them) */
      if (self->split.kind == BYLINE_BLOCK_YAML && !check_in_place (self, entry, name, error))
        return NULL;
      parent_entry = entry;
      parent = entry->pub.value;
      entry = parent->type == BYLINE_VALUE_MAPPING ? lookup_in (parent, path[i]) : NULL;
    }
  if (entry == NULL)
    return byline_text_edit_new (0, 0, "");
  if (anchor_in_use (self, entry->pub.value) || anchor_in_use (self, entry->pub.key_node))
    {
      g_set_error (error, BYLINE_FRONTMATTER_ERROR, BYLINE_FRONTMATTER_ERROR_UNSUPPORTED,
                   _("“%s” is an anchor other values refer to; edit it in the text"), name);
      return NULL;
    }
  /* A TOML entry whose lines are not together can't go in one edit. */
  if (entry->toml_split)
    {
      g_set_error (error, BYLINE_FRONTMATTER_ERROR, BYLINE_FRONTMATTER_ERROR_UNSUPPORTED,
                   _("“%s” is written in several places; edit it in the text"), name);
      return NULL;
    }
  if (parent_entry != NULL && (parent->style == BYLINE_STYLE_FLOW ||
                               entry->toml_form == BYLINE_TOML_FORM_IN_VALUE))
    {
      g_set_error (error, BYLINE_FRONTMATTER_ERROR, BYLINE_FRONTMATTER_ERROR_UNSUPPORTED,
                   _("“%s” is inside a one-line mapping; edit it in the text"), name);
      return NULL;
    }
  if (parent_entry != NULL && parent->entries->len == 1 && self->split.kind == BYLINE_BLOCK_YAML)
    {
      /* The mapping's last key: `author: {}` keeps it an object. */
      gsize end = _byline_line_content_end (self->text, entry->pub.value->end, region_end (self));

      if (entry->pub.value->end < entry->pub.key_node->end)
        end = _byline_line_content_end (self->text, entry->pub.key_node->end, region_end (self));
      edit = byline_text_edit_new (parent_entry->colon_end, end - parent_entry->colon_end, " {}");
    }
  else
    {
      gsize start = entry->pub.start;
      gsize end = entry->pub.end;

      if (parent_entry != NULL && (end == 0 || self->text[end - 1] != '\n'))
        end = _byline_line_end_after (self->text, end, region_end (self));
      edit = byline_text_edit_new (start, end - start, "");
    }
  if (!verify (self, edit, path, NULL))
    {
      g_set_error (error, BYLINE_FRONTMATTER_ERROR, BYLINE_FRONTMATTER_ERROR_UNSUPPORTED,
                   _("“%s” can’t be removed without changing other values"), name);
      return NULL;
    }
  return g_steal_pointer (&edit);
}
