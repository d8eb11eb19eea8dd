/* byline-toml-edit.c: planning lossless edits of TOML frontmatter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The TOML half of the edit planner (byline-frontmatter-edit.c plans, then
 * verifies every edit by parsing the result). A value is rewritten in place
 * between `=` and its comment; a new key goes among the top-level keys, in
 * the schema's order, and always before the first `[table]` header: a line
 * after a header would belong to that table. TOML has no null, so setting
 * null removes the key.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "byline-frontmatter.h"
#include "byline-frontmatter-private.h"

static gboolean
literal_is_possible (const char *value)
{
  for (const char *p = value; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == '\'' || (c < 0x20 && c != '\t') || c == 0x7f)
        return FALSE;
    }
  return TRUE;
}

/* A string keeps a literal ('…') style when it can; else a basic string. */
static void
append_string (GString           *out,
               BylineFrontmatter *self,
               const BylineNode  *old,
               const char        *value,
               gboolean           conservative)
{
  if (!conservative && old != NULL && old->type == BYLINE_VALUE_STRING &&
      old->style == BYLINE_STYLE_SINGLE_QUOTED &&
      !g_str_has_prefix (self->text + old->start, "'''") && literal_is_possible (value))
    {
      g_string_append_c (out, '\'');
      g_string_append (out, value);
      g_string_append_c (out, '\'');
      return;
    }
  _byline_toml_append_string (out, value);
}

/* TOML writes an offset date-time in RFC 3339: two-digit fields, seconds,
 * `Z` or `±hh:mm`. A style that came from the TOML itself is all of that;
 * one read from a string is used only when it is. */
static void
append_timestamp (GString           *out,
                  BylineFrontmatter *self,
                  const BylineEntry *entry,
                  GDateTime         *value,
                  gboolean           conservative)
{
  BylineTimestamp style;

  _byline_frontmatter_timestamp_style (self, entry, value, &style);
  if (style.date_only)
    {
      g_autoptr(GDateTime) utc = g_date_time_to_utc (value);

      g_string_append_printf (out, "%04d-%02d-%02d", g_date_time_get_year (utc),
                              g_date_time_get_month (utc), g_date_time_get_day_of_month (utc));
      return;
    }
  if (conservative || (style.separator != 'T' && style.separator != 't' && style.separator != ' '))
    {
      /* UTC, with the microseconds when there are any */
      g_autoptr(GDateTime) utc = g_date_time_to_utc (value);
      int us = g_date_time_get_microsecond (utc);
      g_autofree char *date = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S");

      g_string_append (out, date);
      if (us != 0)
        g_string_append_printf (out, ".%06d", us);
      g_string_append_c (out, 'Z');
      return;
    }
  {
    g_autofree char *written = byline_timestamp_format_like (&style, value);

    g_string_append (out, written);
  }
}

/* The raw TOML value, its line breaks the file's. */
static void
append_raw (GString    *out,
            const char *raw,
            const char *nl)
{
  gsize start = out->len;

  for (const char *p = raw; *p != '\0'; p++)
    {
      if (p[0] == '\r' && p[1] == '\n')
        continue;
      if (*p == '\r' || *p == '\n')
        g_string_append (out, nl);
      else
        g_string_append_c (out, *p);
    }
  while (out->len > start && (out->str[out->len - 1] == '\n' || out->str[out->len - 1] == '\r' ||
                              out->str[out->len - 1] == ' ' || out->str[out->len - 1] == '\t'))
    g_string_truncate (out, out->len - 1);
}

static void
append_value (GString           *out,
              BylineFrontmatter *self,
              const BylineEntry *entry,
              const Spec        *spec)
{
  const BylineNode *old = entry != NULL ? entry->value : NULL;

  switch (spec->kind)
    {
    case SPEC_STRING:
      append_string (out, self, old, spec->string, spec->conservative);
      break;
    case SPEC_BOOLEAN:
      g_string_append (out, spec->boolean ? "true" : "false");
      break;
    case SPEC_TIMESTAMP:
      append_timestamp (out, self, entry, spec->timestamp, spec->conservative);
      break;
    case SPEC_LIST:
      g_string_append_c (out, '[');
      for (guint i = 0; spec->items[i] != NULL; i++)
        {
          if (i > 0)
            g_string_append (out, ", ");
          _byline_toml_append_string (out, spec->items[i]);
        }
      g_string_append_c (out, ']');
      break;
    case SPEC_RAW:
      append_raw (out, spec->raw, self->split.newline);
      break;
    case SPEC_NULL:
    default:
      g_assert_not_reached ();
    }
}

/* Where the top-level keys end: the start of the first [table] header's
 * line, or the end of the block. */
static gboolean
is_plain (BylineFrontmatter *self,
          const BylineEntry *entry)
{
  return entry->end <= self->toml_tables_start;
}

static gsize
insertion_point (BylineFrontmatter *self,
                 const char        *key)
{
  GPtrArray *entries = self->root->pub.entries;
  gsize fallback;
  gboolean any_plain = FALSE;

  fallback = self->split.data_start;
  for (guint i = 0; i < entries->len; i++)
    {
      const BylineEntry *entry = g_ptr_array_index (entries, i);

      if (is_plain (self, entry))
        {
          fallback = MAX (fallback, entry->end);
          any_plain = TRUE;
        }
    }
  if (!any_plain && self->toml_tables_start == self->split.data_end)
    fallback = self->split.data_end;

  if (self->key_order != NULL && g_strv_contains ((const char * const *) self->key_order, key))
    {
      guint index;

      for (index = 0; g_strcmp0 (self->key_order[index], key) != 0; index++)
        ;
      for (guint j = index; j > 0; j--)
        {
          const BylineEntry *before = byline_frontmatter_lookup (self, self->key_order[j - 1]);

          if (before != NULL && is_plain (self, before))
            return before->end;
        }
      for (guint j = index + 1; self->key_order[j] != NULL; j++)
        {
          const BylineEntry *after = byline_frontmatter_lookup (self, self->key_order[j]);

          if (after == NULL || !is_plain (self, after))
            continue;
          for (guint k = 0; k < entries->len; k++)
            if (g_ptr_array_index (entries, k) == after)
              return k == 0 ? after->start
                            : ((const BylineEntry *) g_ptr_array_index (entries, k - 1))->end;
        }
    }
  return fallback;
}

/* `key = ` as the file writes it: the blanks around the first top-level
 * key's `=` and its indentation. */
static void
append_key_prefix (GString           *out,
                   BylineFrontmatter *self,
                   const char        *key)
{
  GPtrArray *entries = self->root->pub.entries;
  const char *assign = " = ";
  g_autofree char *own = NULL;
  const char *indent = "";
  g_autofree char *own_indent = NULL;

  for (guint i = 0; i < entries->len; i++)
    {
      const Entry *entry = g_ptr_array_index (entries, i);
      const BylineNode *key_node = entry->pub.key_node;
      gsize eq;

      if (entry->toml_form != BYLINE_TOML_FORM_INLINE || entry->colon_end == 0)
        continue;
      eq = entry->colon_end - 1;
      own = g_strndup (self->text + key_node->end, entry->pub.value->start - key_node->end);
      own_indent = g_strndup (self->text + entry->indent_start, key_node->start - entry->indent_start);
      if (self->text[eq] == '=' && strspn (own, " \t=") == strlen (own) &&
          strspn (own_indent, " \t") == strlen (own_indent))
        {
          assign = own;
          indent = own_indent;
        }
      break;
    }
  g_string_append (out, indent);
  _byline_toml_append_key (out, key);
  g_string_append (out, assign);
}

/**
 * _byline_toml_plan_once:
 *
 * One attempt at setting @key (not to null) in a TOML block; the caller
 * verifies the result.
 */
BylineTextEdit *
_byline_toml_plan_once (BylineFrontmatter  *self,
                        const char         *key,
                        const Spec         *spec,
                        GError            **error)
{
  const Entry *entry = (const Entry *) byline_frontmatter_lookup (self, key);
  g_autoptr(GString) out = g_string_new (NULL);

  if (entry == NULL)
    {
      append_key_prefix (out, self, key);
      append_value (out, self, NULL, spec);
      g_string_append (out, self->split.newline);
      return byline_text_edit_new (insertion_point (self, key), 0, out->str);
    }
  if (entry->toml_form != BYLINE_TOML_FORM_INLINE || entry->toml_split)
    {
      g_set_error (error, BYLINE_FRONTMATTER_ERROR, BYLINE_FRONTMATTER_ERROR_UNSUPPORTED,
                   _("“%s” is a TOML table or dotted keys; edit it in the text"), key);
      return NULL;
    }
  append_value (out, self, &entry->pub, spec);
  return byline_text_edit_new (entry->pub.value->start,
                               entry->pub.value->end - entry->pub.value->start, out->str);
}

/**
 * _byline_toml_plan_nested_once:
 *
 * One attempt at setting a key below the top level (@path has two keys or
 * more): a value written after `=` is rewritten in place, whether its key
 * sits under a [table] header, in dotted keys or in an inline table; a new
 * key goes after the last `key = value` line of its own [table].
 */
BylineTextEdit *
_byline_toml_plan_nested_once (BylineFrontmatter  *self,
                               const char * const *path,
                               const char         *name,
                               const Spec         *spec,
                               GError            **error)
{
  const BylineNode *parent = &self->root->pub;
  const Entry *parent_entry = NULL;
  const Entry *entry = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; path[i] != NULL; i++)
    {
      const Entry *found = NULL;

      if (parent->type != BYLINE_VALUE_MAPPING)
        {
          g_set_error (error, BYLINE_FRONTMATTER_ERROR, BYLINE_FRONTMATTER_ERROR_UNSUPPORTED,
                       _("“%s” is not a table of keys"), path[i - 1]);
          return NULL;
        }
      for (guint k = 0; k < parent->entries->len && found == NULL; k++)
        {
          const Entry *e = g_ptr_array_index (parent->entries, k);

          if (g_str_equal (e->pub.key, path[i]))
            found = e;
        }
      if (found == NULL)
        {
          const Entry *last = NULL;
          gsize at = 0;

          /* Only the last key may be new, and only under a [table] header
           * whose lines are together. */
          if (path[i + 1] != NULL || parent_entry == NULL ||
              parent->style != BYLINE_STYLE_BLOCK || parent_entry->toml_split ||
              parent_entry->toml_form == BYLINE_TOML_FORM_DOTTED)
            {
              g_set_error (error, BYLINE_FRONTMATTER_ERROR, BYLINE_FRONTMATTER_ERROR_UNSUPPORTED,
                           _("“%s” can only be added to a [table] in the text"), name);
              return NULL;
            }
          for (guint k = 0; k < parent->entries->len; k++)
            {
              const Entry *e = g_ptr_array_index (parent->entries, k);

              if (e->toml_form == BYLINE_TOML_FORM_INLINE && !e->toml_split &&
                  e->pub.value->style != BYLINE_STYLE_BLOCK && e->pub.end > at)
                {
                  at = e->pub.end;
                  last = e;
                }
            }
          /* indented like the table's last key */
          if (last != NULL && last->indent_start <= last->pub.key_node->start)
            {
              gsize indent = last->pub.key_node->start - last->indent_start;

              if (strspn (self->text + last->indent_start, " \t") >= indent)
                g_string_append_len (out, self->text + last->indent_start, indent);
            }
          if (at == 0)
            {
              /* the line after the header */
              at = _byline_line_end_after (self->text, parent_entry->pub.key_node->end,
                                           self->split.data_end);
            }
          else if (self->text[at - 1] != '\n')
            {
              at = _byline_line_end_after (self->text, at, self->split.data_end);
            }
          _byline_toml_append_key (out, path[i]);
          g_string_append (out, " = ");
          append_value (out, self, NULL, spec);
          g_string_append (out, self->split.newline);
          return byline_text_edit_new (at, 0, out->str);
        }
      if (path[i + 1] == NULL)
        entry = found;
      parent_entry = found;
      parent = found->pub.value;
    }

  if (entry == NULL || entry->toml_split || entry->pub.value->type == BYLINE_VALUE_MAPPING)
    {
      g_set_error (error, BYLINE_FRONTMATTER_ERROR, BYLINE_FRONTMATTER_ERROR_UNSUPPORTED,
                   _("“%s” is a TOML table or dotted keys; edit it in the text"), name);
      return NULL;
    }
  append_value (out, self, &entry->pub, spec);
  return byline_text_edit_new (entry->pub.value->start,
                               entry->pub.value->end - entry->pub.value->start, out->str);
}

/**
 * _byline_toml_raw_json:
 *
 * Returns: (nullable): the compact JSON of @raw read as one TOML value, or
 *   %NULL when it is not one
 */
char *
_byline_toml_raw_json (const char *raw)
{
  g_autoptr(GString) doc = g_string_new ("+++\nk = ");
  g_autoptr(BylineFrontmatter) parsed = NULL;
  const BylineEntry *entry;

  append_raw (doc, raw, "\n");
  g_string_append (doc, "\n+++\n");
  parsed = byline_frontmatter_parse (doc->str, doc->len);
  if (parsed->error != NULL || parsed->root->pub.entries->len != 1)
    return NULL;
  entry = g_ptr_array_index (parsed->root->pub.entries, 0);
  return _byline_node_to_compact_json (entry->value);
}
