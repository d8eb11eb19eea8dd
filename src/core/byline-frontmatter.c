/* byline-frontmatter.c: a lossless view of a post's YAML (or TOML) frontmatter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The engine never re-serialises a document. It parses the YAML region with
 * libyaml's event API into nodes that remember their exact byte spans, and
 * plans every change as one text edit that rewrites only the entry it is
 * about. Before an edit is handed out it is applied to a copy and parsed
 * again: if any other key reads differently, or the edited key does not read
 * as intended, the edit is refused instead of returned. That check is what
 * makes "never a damaging edit" hold on inputs the rules below did not
 * anticipate.
 */

#ifndef _GNU_SOURCE
#define _GNU_SOURCE   /* memmem() */
#endif

#include "config.h"

#include <math.h>
#include <string.h>
#include <yaml.h>

#include <glib/gi18n.h>

#include "byline-frontmatter.h"
#include "byline-frontmatter-private.h"
#include "byline-lines.h"
#include "byline-yaml-scalar.h"

#define MAX_DEPTH 256

G_DEFINE_QUARK (byline-frontmatter-error-quark, byline_frontmatter_error)

/* ------------------------------------------------------------------------ */
/* Text edits                                                                */

BylineTextEdit *
byline_text_edit_new (gsize       offset,
                      gsize       length,
                      const char *text)
{
  BylineTextEdit *self = g_new0 (BylineTextEdit, 1);

  self->offset = offset;
  self->length = length;
  self->text = g_strdup (text != NULL ? text : "");
  return self;
}

void
byline_text_edit_free (BylineTextEdit *self)
{
  if (self == NULL)
    return;
  g_free (self->text);
  g_free (self);
}

char *
byline_text_edit_apply (const BylineTextEdit *self,
                        const char           *text,
                        gsize                 len,
                        gsize                *out_len)
{
  GString *out;
  gsize text_len;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (text != NULL || len == 0, NULL);
  g_return_val_if_fail (self->offset <= len && self->length <= len - self->offset, NULL);

  text_len = strlen (self->text);
  out = g_string_sized_new (len - self->length + text_len + 1);
  g_string_append_len (out, text, self->offset);
  g_string_append_len (out, self->text, text_len);
  g_string_append_len (out, text + self->offset + self->length, len - self->offset - self->length);
  if (out_len != NULL)
    *out_len = out->len;
  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------------ */
/* Split                                                                     */

static gboolean
line_is_fence (const char *line,
               gsize       len,
               const char *fence)
{
  if (len > 0 && line[len - 1] == '\r')
    len--;
  while (len > 0 && (line[len - 1] == ' ' || line[len - 1] == '\t'))
    len--;
  return len == 3 && memcmp (line, fence, 3) == 0;
}

void
byline_frontmatter_split (const char  *text,
                          gsize        len,
                          BylineSplit *out)
{
  const char *nl;
  const char *fence = NULL;
  gsize pos;

  g_return_if_fail (text != NULL || len == 0);
  g_return_if_fail (out != NULL);

  memset (out, 0, sizeof *out);
  out->kind = BYLINE_BLOCK_NONE;
  out->newline = "\n";
  out->body_line = 1;

  if (len >= 3 && memcmp (text, "\xef\xbb\xbf", 3) == 0)
    out->bom_len = 3;
  out->open_start = out->open_end = out->bom_len;
  out->data_start = out->data_end = out->bom_len;
  out->close_start = out->close_end = out->bom_len;
  out->body_start = out->bom_len;

  nl = len > 0 ? memchr (text, '\n', len) : NULL;
  if (nl != NULL && nl > text && nl[-1] == '\r')
    out->newline = "\r\n";

  /* The opening fence needs a line break after it: a lone `---` line can
   * never be closed. */
  pos = out->bom_len;
  nl = len > pos ? memchr (text + pos, '\n', len - pos) : NULL;
  if (nl == NULL)
    return;
  if (line_is_fence (text + pos, nl - (text + pos), "---"))
    fence = "---";
  else if (line_is_fence (text + pos, nl - (text + pos), "+++"))
    fence = "+++";
  else
    return;

  for (gsize line_start = nl - text + 1; line_start < len;)
    {
      const char *next = memchr (text + line_start, '\n', len - line_start);
      gsize line_end = next != NULL ? (gsize) (next - text) : len;

      if (line_is_fence (text + line_start, line_end - line_start, fence))
        {
          out->kind = fence[0] == '-' ? BYLINE_BLOCK_YAML : BYLINE_BLOCK_TOML;
          out->open_start = out->bom_len;
          out->open_end = nl - text + 1;
          out->data_start = out->open_end;
          out->data_end = line_start;
          out->close_start = line_start;
          out->close_end = next != NULL ? line_end + 1 : len;
          out->body_start = out->close_end;
          out->body_line = byline_count_line_breaks (text, out->body_start) + 1;
          return;
        }
      line_start = line_end + 1;
    }
}

/* ------------------------------------------------------------------------ */
/* Nodes                                                                     */

static void
node_free (gpointer data)
{
  Node *node = data;

  if (node == NULL)
    return;
  g_free (node->pub.string);
  g_free (node->pub.tag);
  g_free (node->pub.anchor);
  g_clear_pointer (&node->pub.items, g_ptr_array_unref);
  g_clear_pointer (&node->pub.entries, g_ptr_array_unref);
  g_free (node);
}

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  if (entry->pub.key != entry->pub.key_node->string)
    g_free (entry->pub.key);
  node_free (entry->pub.key_node);
  node_free (entry->pub.value);
  g_free (entry);
}

static Node *
node_new (BylineValueType type)
{
  Node *node = g_new0 (Node, 1);

  node->pub.type = type;
  return node;
}

gboolean
_byline_node_is_block_scalar (const BylineNode *node)
{
  return node->style == BYLINE_STYLE_LITERAL || node->style == BYLINE_STYLE_FOLDED;
}

gboolean
_byline_node_is_collection (const BylineNode *node)
{
  return node->type == BYLINE_VALUE_SEQUENCE || node->type == BYLINE_VALUE_MAPPING;
}

/* ------------------------------------------------------------------------ */
/* JSON, as JSON.stringify (js-yaml.load (...), null, 2) prints it            */

static gboolean json_append_node (GString          *out,
                                  const BylineNode *node,
                                  int               level,
                                  gboolean          pretty,
                                  gsize            *steps);

static void
json_newline (GString *out,
              int      level,
              gboolean pretty)
{
  if (!pretty)
    return;
  g_string_append_c (out, '\n');
  for (int i = 0; i < level; i++)
    g_string_append (out, "  ");
}

gboolean
_byline_entry_is_merge_key (const BylineEntry *entry)
{
  return entry->key_node->style == BYLINE_STYLE_PLAIN &&
         entry->key_node->tag == NULL &&
         g_strcmp0 (entry->key, "<<") == 0;
}

typedef struct
{
  const char       *key;
  const BylineNode *value;
} Pair;

static gboolean collect_pairs (const BylineNode *mapping,
                               GArray           *pairs,
                               GHashTable       *seen,
                               gsize            *steps);

/* js-yaml merges `<<: *base` (and `<<: [*a, *b]`) into the mapping: a merged
 * key never overrides one already there, and a later explicit key overrides
 * a merged one in place. */
static gboolean
merge_into (const BylineNode *source,
            GArray           *pairs,
            GHashTable       *seen,
            gsize            *steps)
{
  g_autoptr(GArray) merged = g_array_new (FALSE, FALSE, sizeof (Pair));
  g_autoptr(GHashTable) merged_seen = g_hash_table_new (g_str_hash, g_str_equal);

  if (source->type != BYLINE_VALUE_MAPPING)
    return TRUE;
  if (!collect_pairs (source, merged, merged_seen, steps))
    return FALSE;
  for (guint i = 0; i < merged->len; i++)
    {
      Pair *pair = &g_array_index (merged, Pair, i);

      if (!g_hash_table_contains (seen, pair->key))
        {
          g_hash_table_insert (seen, (gpointer) pair->key, GUINT_TO_POINTER (pairs->len + 1));
          g_array_append_val (pairs, *pair);
        }
    }
  return TRUE;
}

/* Returns FALSE when @steps ran out. */
static gboolean
collect_pairs (const BylineNode *mapping,
               GArray           *pairs,
               GHashTable       *seen,
               gsize            *steps)
{
  for (guint i = 0; mapping->entries != NULL && i < mapping->entries->len; i++)
    {
      const BylineEntry *entry = g_ptr_array_index (mapping->entries, i);
      guint index;

      if (*steps == 0)
        return FALSE;
      (*steps)--;

      if (_byline_entry_is_merge_key (entry))
        {
          if (entry->value->type == BYLINE_VALUE_SEQUENCE)
            {
              for (guint j = 0; j < entry->value->items->len; j++)
                if (!merge_into (g_ptr_array_index (entry->value->items, j), pairs, seen, steps))
                  return FALSE;
            }
          else if (!merge_into (entry->value, pairs, seen, steps))
            return FALSE;
          continue;
        }
      index = GPOINTER_TO_UINT (g_hash_table_lookup (seen, entry->key));
      if (index > 0)
        {
          g_array_index (pairs, Pair, index - 1).value = entry->value;
        }
      else
        {
          Pair pair = { entry->key, entry->value };

          g_hash_table_insert (seen, entry->key, GUINT_TO_POINTER (pairs->len + 1));
          g_array_append_val (pairs, pair);
        }
    }
  return TRUE;
}

/* Returns FALSE when @steps ran out (@out then holds part of the value). */
static gboolean
json_append_node (GString          *out,
                  const BylineNode *node,
                  int               level,
                  gboolean          pretty,
                  gsize            *steps)
{
  if (*steps == 0)
    return FALSE;
  (*steps)--;

  switch (node->type)
    {
    case BYLINE_VALUE_NULL:
      g_string_append (out, "null");
      break;
    case BYLINE_VALUE_BOOLEAN:
      g_string_append (out, node->boolean ? "true" : "false");
      break;
    case BYLINE_VALUE_INTEGER:
    case BYLINE_VALUE_FLOAT:
      _byline_json_append_number (out, node->number);
      break;
    case BYLINE_VALUE_STRING:
      _byline_json_append_string (out, node->string, strlen (node->string));
      break;
    case BYLINE_VALUE_TIMESTAMP:
      {
        /* TOML's dates and times print as smol-toml's TomlDate does. */
        g_autofree char *iso = ((const Node *) node)->toml_time != BYLINE_TOML_TIME_NONE ?
                               _byline_toml_time_to_json ((const Node *) node) :
                               byline_timestamp_to_iso_string (&node->timestamp);

        /* An invalid Date stringifies as null. */
        if (iso == NULL)
          g_string_append (out, "null");
        else
          _byline_json_append_string (out, iso, strlen (iso));
      }
      break;
    case BYLINE_VALUE_SEQUENCE:
      if (node->items->len == 0)
        {
          g_string_append (out, "[]");
          break;
        }
      g_string_append_c (out, '[');
      for (guint i = 0; i < node->items->len; i++)
        {
          if (i > 0)
            g_string_append_c (out, ',');
          json_newline (out, level + 1, pretty);
          if (!json_append_node (out, g_ptr_array_index (node->items, i), level + 1, pretty, steps))
            return FALSE;
        }
      json_newline (out, level, pretty);
      g_string_append_c (out, ']');
      break;
    case BYLINE_VALUE_MAPPING:
      {
        g_autoptr(GArray) pairs = g_array_new (FALSE, FALSE, sizeof (Pair));
        g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

        if (!collect_pairs (node, pairs, seen, steps))
          return FALSE;
        if (pairs->len == 0)
          {
            g_string_append (out, "{}");
            break;
          }
        g_string_append_c (out, '{');
        for (guint i = 0; i < pairs->len; i++)
          {
            Pair *pair = &g_array_index (pairs, Pair, i);

            if (i > 0)
              g_string_append_c (out, ',');
            json_newline (out, level + 1, pretty);
            _byline_json_append_string (out, pair->key, strlen (pair->key));
            g_string_append (out, pretty ? ": " : ":");
            if (!json_append_node (out, pair->value, level + 1, pretty, steps))
              return FALSE;
          }
        json_newline (out, level, pretty);
        g_string_append_c (out, '}');
      }
      break;
    default:
      g_assert_not_reached ();
    }

  return TRUE;
}

/* The value as JSON.stringify (value, null, 2) prints it; %NULL when it is
 * too big to print (BYLINE_JSON_MAX_STEPS). */
char *
byline_node_to_json (const BylineNode *node)
{
  g_autoptr(GString) out = NULL;
  gsize steps = BYLINE_JSON_MAX_STEPS;

  g_return_val_if_fail (node != NULL, NULL);

  out = g_string_new (NULL);
  if (!json_append_node (out, node, 0, TRUE, &steps))
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
_byline_node_to_compact_json (const BylineNode *node)
{
  gsize steps = BYLINE_JSON_MAX_STEPS;

  return _byline_node_to_compact_json_steps (node, &steps);
}

/* The same, with @steps shared by several values: %NULL once they ran out. */
char *
_byline_node_to_compact_json_steps (const BylineNode *node,
                                    gsize            *steps)
{
  g_autoptr(GString) out = g_string_new (NULL);

  if (!json_append_node (out, node, 0, FALSE, steps))
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* A key's name is at most this long: aliases can make a key of a billion
 * items, whose name js-yaml cannot make either (RangeError: Invalid string
 * length). */
#define KEY_MAX_BYTES (1024 * 1024)

/* How js-yaml names a mapping key, String (value), appended to @out; FALSE
 * once the name would pass KEY_MAX_BYTES. */
static gboolean
append_key_string (GString          *out,
                   const BylineNode *key)
{
  switch (key->type)
    {
    case BYLINE_VALUE_STRING:
    case BYLINE_VALUE_TIMESTAMP:
      g_string_append (out, key->string);
      break;
    case BYLINE_VALUE_NULL:
      g_string_append (out, "null");
      break;
    case BYLINE_VALUE_BOOLEAN:
      g_string_append (out, key->boolean ? "true" : "false");
      break;
    case BYLINE_VALUE_INTEGER:
    case BYLINE_VALUE_FLOAT:
      if (isnan (key->number))
        g_string_append (out, "NaN");
      else if (isinf (key->number))
        g_string_append (out, key->number > 0 ? "Infinity" : "-Infinity");
      else
        _byline_json_append_number (out, key->number);
      break;
    case BYLINE_VALUE_MAPPING:
      g_string_append (out, "[object Object]");
      break;
    case BYLINE_VALUE_SEQUENCE:
      /* String ([a, [b, c], null]) is "a,b,c,". */
      for (guint i = 0; i < key->items->len; i++)
        {
          const BylineNode *item = g_ptr_array_index (key->items, i);

          if (i > 0)
            g_string_append_c (out, ',');
          if (out->len > KEY_MAX_BYTES ||
              (item->type != BYLINE_VALUE_NULL && !append_key_string (out, item)))
            return FALSE;
        }
      break;
    default:
      g_assert_not_reached ();
    }
  return out->len <= KEY_MAX_BYTES;
}

/* js-yaml refuses a key that is a list holding a list */
static gboolean
is_nested_list (const BylineNode *key)
{
  if (key->type != BYLINE_VALUE_SEQUENCE)
    return FALSE;
  for (guint i = 0; i < key->items->len; i++)
    if (((const BylineNode *) g_ptr_array_index (key->items, i))->type == BYLINE_VALUE_SEQUENCE)
      return TRUE;
  return FALSE;
}

/* The name of a key that is not a string, or %NULL and why not in @problem */
static char *
key_string (const BylineNode  *key,
            const char       **problem)
{
  g_autoptr(GString) out = g_string_new (NULL);

  if (is_nested_list (key))
    {
      *problem = _("A key is a list holding a list, which YAML readers do not take");
      return NULL;
    }
  if (!append_key_string (out, key))
    {
      *problem = _("A key is too long to read");
      return NULL;
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* ------------------------------------------------------------------------ */
/* Parse                                                                     */

/* A character libyaml reads as a line break and js-yaml as text, and the
 * character of the same size libyaml is given instead. */
typedef struct
{
  char break_char[4];
  char stand_in[4];
  gsize len;
} StandIn;

typedef struct
{
  BylineFrontmatter *self;
  yaml_parser_t      parser;
  gsize              base;        /* file offset of the YAML region */
  gsize              region_len;
  gsize              cur_char;    /* cursor: a character index and its byte offset */
  gsize              cur_byte;
  gboolean           ascii;       /* then a character index is a byte offset */
  GHashTable        *anchors;     /* name → Node, borrowed; created on the first anchor */
  guint              depth;
  StandIn           stand_ins[3]; /* see stand_in_breaks() */
  guint              n_stand_ins;
} Ctx;

/* libyaml marks count characters; the region is valid UTF-8 (checked before
 * parsing), and marks arrive almost in order, so a moving cursor turns them
 * into byte offsets in linear time. */
static gsize
mark_offset (Ctx              *ctx,
             const yaml_mark_t *mark)
{
  const char *region = ctx->self->text + ctx->base;

  if (ctx->ascii)
    return ctx->base + MIN (mark->index, ctx->region_len);
  while (ctx->cur_char < mark->index && ctx->cur_byte < ctx->region_len)
    {
      ctx->cur_byte = g_utf8_next_char (region + ctx->cur_byte) - region;
      ctx->cur_char++;
    }
  while (ctx->cur_char > mark->index && ctx->cur_byte > 0)
    {
      ctx->cur_byte = g_utf8_prev_char (region + ctx->cur_byte) - region;
      ctx->cur_char--;
    }
  return ctx->base + MIN (ctx->cur_byte, ctx->region_len);
}

static void
set_error (BylineFrontmatter *self,
           int                code,
           gsize              offset,
           const char        *message)
{
  if (self->error != NULL)
    return;
  self->error = g_error_new_literal (BYLINE_FRONTMATTER_ERROR, code, message);
  self->error_offset = MIN (offset, self->len);
  self->has_error_position = TRUE;
}

void
_byline_frontmatter_set_error (BylineFrontmatter *self,
                               int                code,
                               gsize              offset,
                               const char        *message)
{
  set_error (self, code, offset, message);
}

Node *
_byline_node_new (BylineValueType type)
{
  return node_new (type);
}

void
_byline_node_free (gpointer node)
{
  node_free (node);
}

void
_byline_entry_free (gpointer entry)
{
  entry_free (entry);
}

static void
set_parser_error (Ctx *ctx)
{
  g_autofree char *message = NULL;
  gsize offset;

  if (ctx->parser.error == YAML_READER_ERROR)
    offset = ctx->base + MIN (ctx->parser.problem_offset, ctx->region_len);
  else
    offset = mark_offset (ctx, &ctx->parser.problem_mark);

  if (ctx->parser.context != NULL)
    message = g_strdup_printf (_("Malformed YAML: %s %s"), ctx->parser.problem, ctx->parser.context);
  else
    message = g_strdup_printf (_("Malformed YAML: %s"),
                               ctx->parser.problem != NULL ? ctx->parser.problem : "?");
  set_error (ctx->self, BYLINE_FRONTMATTER_ERROR_SYNTAX, offset, message);
}

static gboolean
next_event (Ctx          *ctx,
            yaml_event_t *event)
{
  if (!yaml_parser_parse (&ctx->parser, event))
    {
      set_parser_error (ctx);
      return FALSE;
    }
  return TRUE;
}

/* Line breaks are \n, \r\n and a lone \r (byline-lines.h), as libyaml
 * counts them. @text is NUL-terminated, so text[pos] can be read at the end. */
gsize
_byline_line_start_of (const char *text,
                       gsize       pos,
                       gsize       limit)
{
  while (pos > limit && text[pos - 1] != '\n' && !(text[pos - 1] == '\r' && text[pos] != '\n'))
    pos--;
  return pos;
}

/* The offset just after the line break of the line holding @pos. */
gsize
_byline_line_end_after (const char *text,
                        gsize       pos,
                        gsize       limit)
{
  gsize break_len;
  gsize end = byline_next_line_break (text, limit, pos, &break_len);

  return end + break_len;
}

/* The offset of the line break ending the line holding @pos. */
gsize
_byline_line_content_end (const char *text,
                          gsize       pos,
                          gsize       limit)
{
  return byline_next_line_break (text, limit, pos, NULL);
}

static Node *parse_node (Ctx          *ctx,
                         yaml_event_t *event);

/* libyaml ends an anchor or alias name at the first character that is not
 * alphanumeric, `-` or `_`; js-yaml only at a blank or a flow indicator. So
 * `&name: x` is an anchored empty key to libyaml and an error to js-yaml.
 * Where the two would read different things, report an error. */
static void
check_name_end (Ctx        *ctx,
                gsize       from,
                char        sigil,
                const char *name)
{
  const char *text = ctx->self->text;
  gsize end = ctx->base + ctx->region_len;
  gsize name_len = strlen (name);

  for (gsize p = from; p + name_len < end; p++)
    {
      if (text[p] == sigil && memcmp (text + p + 1, name, name_len) == 0)
        {
          gsize after = p + 1 + name_len;

          if (after < end && strchr (" \t\r\n,[]{}", text[after]) == NULL)
            {
              g_autofree char *message =
                g_strdup_printf (_("The name “%c%s” ends at a character YAML readers disagree about"),
                                 sigil, name);
              set_error (ctx->self, BYLINE_FRONTMATTER_ERROR_SYNTAX, p, message);
            }
          return;
        }
      if (text[p] == '\n' || text[p] == '\r')
        return;
    }
}

static void
fill_common (Ctx               *ctx,
             Node              *node,
             const yaml_event_t *event,
             const yaml_char_t *anchor,
             const yaml_char_t *tag)
{
  node->pub.start = mark_offset (ctx, &event->start_mark);
  node->pub.line = ctx->self->data_line + event->start_mark.line;
  node->pub.column = event->start_mark.column + 1;
  node->pub.anchor = g_strdup ((const char *) anchor);
  node->pub.tag = g_strdup ((const char *) tag);
  if (anchor != NULL)
    {
      check_name_end (ctx, node->pub.start, '&', (const char *) anchor);
      if (ctx->anchors == NULL)
        ctx->anchors = g_hash_table_new (g_str_hash, g_str_equal);
      g_hash_table_insert (ctx->anchors, node->pub.anchor, node);
    }
}

/* YAML 1.1, and so libyaml, breaks lines at U+0085, U+2028 and U+2029 as
 * well as at CR and LF; YAML 1.2, and so js-yaml and Astro, reads them as
 * text. Where the region holds any, libyaml reads a copy in which each is a
 * character of the same size and length in characters that the region does
 * not hold, and the values it reads get theirs back. Returns the copy, or
 * %NULL when the region needs none. */
static char *
stand_in_breaks (Ctx        *ctx,
                 const char *region,
                 gsize       len)
{
  static const char * const breaks[] = { "\xc2\x85", "\xe2\x80\xa8", "\xe2\x80\xa9" };
  gunichar next_two = 0x0700;   /* Syriac: printable to libyaml, unlike C1 controls */
  gunichar next_three = 0xe000; /* the Private Use Area */
  char *copy = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (breaks); i++)
    {
      gsize blen = strlen (breaks[i]);
      StandIn *s;
      gboolean found = FALSE;

      if (memmem (region, len, breaks[i], blen) == NULL)
        continue;
      s = &ctx->stand_ins[ctx->n_stand_ins];
      memcpy (s->break_char, breaks[i], blen);
      s->len = blen;
      /* A character the region lacks: there is one among the first few
       * unless the block is made to defeat this, and then libyaml reads the
       * breaks as YAML 1.1 says. */
      for (guint tries = 0; tries < 64 && !found; tries++)
        {
          gunichar c = blen == 2 ? next_two++ : next_three++;
          char utf8[6];

          g_unichar_to_utf8 (c, utf8);
          memcpy (s->stand_in, utf8, blen);
          found = memmem (region, len, s->stand_in, blen) == NULL;
        }
      if (!found)
        continue;
      if (copy == NULL)
        copy = g_memdup2 (region, len);
      for (char *p = copy; (p = memmem (p, len - (p - copy), s->break_char, blen)) != NULL; p += blen)
        memcpy (p, s->stand_in, blen);
      ctx->n_stand_ins++;
    }
  return copy;
}

static void
put_back_breaks (Ctx   *ctx,
                 char  *value,
                 gsize  len)
{
  for (guint i = 0; i < ctx->n_stand_ins; i++)
    {
      const StandIn *s = &ctx->stand_ins[i];

      for (char *p = value; (p = memmem (p, len - (p - value), s->stand_in, s->len)) != NULL; p += s->len)
        memcpy (p, s->break_char, s->len);
    }
}

static Node *
parse_scalar (Ctx          *ctx,
              yaml_event_t *event)
{
  const char *text = ctx->self->text;
  gsize region_end = ctx->base + ctx->region_len;
  Node *node = node_new (BYLINE_VALUE_STRING);
  const char *value = (const char *) event->data.scalar.value;
  gsize length = event->data.scalar.length;

  fill_common (ctx, node, event, event->data.scalar.anchor, event->data.scalar.tag);
  node->pub.end = mark_offset (ctx, &event->end_mark);
  /* Take libyaml's copy of the value (NUL-terminated, malloc'd) rather
   * than copying it again. */
  node->pub.string = (char *) event->data.scalar.value;
  event->data.scalar.value = NULL;
  value = node->pub.string;
  if (ctx->n_stand_ins > 0)
    put_back_breaks (ctx, node->pub.string, length);

  switch (event->data.scalar.style)
    {
    case YAML_SINGLE_QUOTED_SCALAR_STYLE:
      node->pub.style = BYLINE_STYLE_SINGLE_QUOTED;
      break;
    case YAML_DOUBLE_QUOTED_SCALAR_STYLE:
      node->pub.style = BYLINE_STYLE_DOUBLE_QUOTED;
      break;
    case YAML_LITERAL_SCALAR_STYLE:
      node->pub.style = BYLINE_STYLE_LITERAL;
      break;
    case YAML_FOLDED_SCALAR_STYLE:
      node->pub.style = BYLINE_STYLE_FOLDED;
      break;
    case YAML_ANY_SCALAR_STYLE:
    case YAML_PLAIN_SCALAR_STYLE:
    default:
      node->pub.style = BYLINE_STYLE_PLAIN;
      break;
    }

  if (node->pub.tag != NULL)
    {
      if (!_byline_yaml_resolve_tagged (node->pub.tag, value, length, &node->pub))
        {
          g_autofree char *message = g_strdup_printf (_("Cannot read “%s” as a value with tag %s"),
                                                      node->pub.string, node->pub.tag);
          set_error (ctx->self, BYLINE_FRONTMATTER_ERROR_SYNTAX, node->pub.start, message);
        }
    }
  else if (node->pub.style == BYLINE_STYLE_PLAIN)
    _byline_yaml_resolve_plain (value, length, &node->pub);
  else
    node->pub.type = BYLINE_VALUE_STRING;

  if (_byline_node_is_block_scalar (&node->pub))
    {
      /* libyaml ends a block scalar where the next token starts, trailing
       * blank lines included. Keep both ends: the last content byte (for
       * spans and entries) and the start of the next line (for `|+`). */
      gsize content_end = node->pub.end;

      node->header_end = _byline_line_content_end (text, node->pub.start, region_end);
      node->block_end = _byline_line_start_of (text, node->pub.end, node->header_end);
      if (node->block_end <= node->header_end)
        node->block_end = _byline_line_end_after (text, node->header_end, region_end);
      while (content_end > node->header_end && g_ascii_isspace (text[content_end - 1]))
        content_end--;
      node->pub.end = MAX (content_end, node->header_end);
    }
  return node;
}

static Node *
parse_alias (Ctx          *ctx,
             yaml_event_t *event)
{
  const char *name = (const char *) event->data.alias.anchor;
  Node *target = ctx->anchors != NULL ? g_hash_table_lookup (ctx->anchors, name) : NULL;
  Node *node;

  if (target == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Unknown alias “*%s”"), name);
      set_error (ctx->self, BYLINE_FRONTMATTER_ERROR_SYNTAX,
                 mark_offset (ctx, &event->start_mark), message);
      return NULL;
    }
  /* `a: &x {b: *x}` is a value that holds itself. js-yaml makes a circular
   * object of it, which no site can print or check; here it would make
   * every walk of the value endless. */
  if (target->open)
    {
      g_autofree char *message = g_strdup_printf (_("The alias “*%s” is inside the value it names"),
                                                  name);
      set_error (ctx->self, BYLINE_FRONTMATTER_ERROR_UNSUPPORTED,
                 mark_offset (ctx, &event->start_mark), message);
      return NULL;
    }
  if (ctx->self->used_anchors == NULL)
    ctx->self->used_anchors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_add (ctx->self->used_anchors, g_strdup (name));
  check_name_end (ctx, mark_offset (ctx, &event->start_mark), '*', name);

  node = node_new (target->pub.type);
  node->pub.start = mark_offset (ctx, &event->start_mark);
  node->pub.end = mark_offset (ctx, &event->end_mark);
  node->pub.line = ctx->self->data_line + event->start_mark.line;
  node->pub.column = event->start_mark.column + 1;
  node->pub.style = target->pub.style;
  node->pub.string = g_strdup (target->pub.string);
  node->pub.boolean = target->pub.boolean;
  node->pub.integer = target->pub.integer;
  node->pub.number = target->pub.number;
  node->pub.timestamp = target->pub.timestamp;
  if (target->pub.items != NULL)
    node->pub.items = g_ptr_array_ref (target->pub.items);
  if (target->pub.entries != NULL)
    node->pub.entries = g_ptr_array_ref (target->pub.entries);
  node->pub.alias_of = &target->pub;
  return node;
}

gboolean
_byline_blanks_only (const char *text,
                     gsize       from,
                     gsize       to)
{
  for (gsize i = from; i < to; i++)
    if (text[i] != ' ' && text[i] != '\t')
      return FALSE;
  return TRUE;
}

static Node *
parse_sequence (Ctx          *ctx,
                yaml_event_t *event)
{
  Node *node = node_new (BYLINE_VALUE_SEQUENCE);

  fill_common (ctx, node, event, event->data.sequence_start.anchor, event->data.sequence_start.tag);
  node->pub.style = event->data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE ?
                    BYLINE_STYLE_FLOW : BYLINE_STYLE_BLOCK;
  node->pub.items = g_ptr_array_new_with_free_func (node_free);
  node->pub.end = node->pub.start;
  node->open = TRUE;

  for (;;)
    {
      yaml_event_t child_event;
      Node *child;

      if (!next_event (ctx, &child_event))
        break;
      if (child_event.type == YAML_SEQUENCE_END_EVENT)
        {
          if (node->pub.style == BYLINE_STYLE_FLOW)
            node->pub.end = mark_offset (ctx, &child_event.end_mark);
          yaml_event_delete (&child_event);
          break;
        }
      child = parse_node (ctx, &child_event);
      yaml_event_delete (&child_event);
      if (child == NULL)
        break;
      g_ptr_array_add (node->pub.items, child);
      if (node->pub.style == BYLINE_STYLE_BLOCK)
        node->pub.end = MAX (node->pub.end, child->pub.end);
    }
  node->open = FALSE;
  return node;
}

/* `? ` (blanks around it) before an explicit key */
static gboolean
is_explicit_indicator (const char *text,
                       gsize       from,
                       gsize       to)
{
  while (from < to && (text[from] == ' ' || text[from] == '\t'))
    from++;
  return from < to && text[from] == '?' && _byline_blanks_only (text, from + 1, to);
}

/* Where the empty value of an explicit `? key` belongs: after the `:` of a
 * bare `:` line when there is one before @next (libyaml's position for it,
 * the next token), else right after the key. Only blanks, comments and
 * line breaks can lie between. */
static gsize
explicit_value_point (const char *text,
                      gsize       key_end,
                      gsize       next)
{
  gsize p = key_end;

  while (p < next)
    {
      if (text[p] == ' ' || text[p] == '\t' || text[p] == '\r' || text[p] == '\n')
        p++;
      else if (text[p] == '#')
        p = _byline_line_content_end (text, p, next);
      else if (text[p] == ':')
        return p + 1;
      else
        break;
    }
  return key_end;
}

static void
finish_entry (Ctx   *ctx,
              Entry *entry)
{
  const char *text = ctx->self->text;
  gsize region_end = ctx->base + ctx->region_len;
  BylineNode *key = entry->pub.key_node;
  BylineNode *value = entry->pub.value;
  gsize p = key->end;
  gsize value_end;

  entry->indent_start = _byline_line_start_of (text, key->start, ctx->base);
  entry->pub.start = _byline_blanks_only (text, entry->indent_start, key->start) ||
                     is_explicit_indicator (text, entry->indent_start, key->start) ?
                     entry->indent_start : key->start;

  while (p < region_end && (text[p] == ' ' || text[p] == '\t'))
    p++;
  entry->colon_end = (p < region_end && text[p] == ':') ? p + 1 : 0;

  /* `key:` with nothing after it: libyaml puts the empty scalar wherever the
   * next token starts; it belongs right after the colon. Likewise an
   * explicit `? key` without a value, or with a bare `:` line: libyaml's
   * empty scalar may sit on the next entry's key, making the two spans
   * overlap. */
  if (value->type == BYLINE_VALUE_NULL && value->style == BYLINE_STYLE_PLAIN &&
      value->string != NULL && value->string[0] == '\0' &&
      value->tag == NULL && value->anchor == NULL)
    {
      gsize at = entry->colon_end != 0 ? entry->colon_end
                                       : explicit_value_point (text, key->end, value->start);

      if (at != value->start)
        {
          value->start = value->end = at;
          value->line = byline_frontmatter_offset_to_line (ctx->self, at, &value->column);
        }
    }

  value_end = MAX (value->end, key->end);
  if (_byline_node_is_block_scalar (value) && value->style != BYLINE_STYLE_PLAIN &&
      ((Node *) value)->header_end > 0)
    {
      const Node *block = (const Node *) value;
      const char *plus = memchr (text + value->start, '+', block->header_end - value->start);

      entry->pub.end = plus != NULL ? block->block_end
                                    : _byline_line_end_after (text, value_end, region_end);
    }
  else
    {
      entry->pub.end = _byline_line_end_after (text, value_end, region_end);
    }

  if (!_byline_node_is_block_scalar (value) && value->style != BYLINE_STYLE_BLOCK)
    {
      gsize line_end = _byline_line_content_end (text, value_end, region_end);

      p = value_end;
      while (p < line_end && (text[p] == ' ' || text[p] == '\t'))
        p++;
      if (p < line_end && text[p] == '#' && (p > value_end || value_end == entry->colon_end))
        {
          entry->pub.comment_start = value_end;
          entry->pub.comment_end = line_end;
        }
    }
}

/* Whether the last entry of @entries has a key no earlier entry has. */
static gboolean
key_is_new (GPtrArray   *entries,
            GHashTable **keys)
{
  const BylineEntry *last = g_ptr_array_index (entries, entries->len - 1);

  if (*keys == NULL && entries->len <= 32)
    {
      for (guint i = 0; i + 1 < entries->len; i++)
        {
          const BylineEntry *entry = g_ptr_array_index (entries, i);

          if (g_str_equal (entry->key, last->key) && !_byline_entry_is_merge_key (entry))
            return FALSE;
        }
      return TRUE;
    }
  if (*keys == NULL)
    {
      *keys = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; i + 1 < entries->len; i++)
        {
          const BylineEntry *entry = g_ptr_array_index (entries, i);

          if (!_byline_entry_is_merge_key (entry))
            g_hash_table_add (*keys, entry->key);
        }
    }
  return g_hash_table_add (*keys, last->key);
}

static Node *
parse_mapping (Ctx          *ctx,
               yaml_event_t *event)
{
  Node *node = node_new (BYLINE_VALUE_MAPPING);
  /* Frontmatter mappings are small: compare keys linearly, and switch to a
   * hash table only for big ones so a huge mapping stays linear. */
  g_autoptr(GHashTable) keys = NULL;

  fill_common (ctx, node, event, event->data.mapping_start.anchor, event->data.mapping_start.tag);
  node->pub.style = event->data.mapping_start.style == YAML_FLOW_MAPPING_STYLE ?
                    BYLINE_STYLE_FLOW : BYLINE_STYLE_BLOCK;
  node->pub.entries = g_ptr_array_new_with_free_func (entry_free);
  node->pub.end = node->pub.start;
  node->open = TRUE;

  for (;;)
    {
      yaml_event_t child_event;
      Node *key;
      Node *value;
      Entry *entry;
      char *name;
      const char *problem = NULL;

      if (!next_event (ctx, &child_event))
        break;
      if (child_event.type == YAML_MAPPING_END_EVENT)
        {
          if (node->pub.style == BYLINE_STYLE_FLOW)
            node->pub.end = mark_offset (ctx, &child_event.end_mark);
          yaml_event_delete (&child_event);
          break;
        }
      key = parse_node (ctx, &child_event);
      yaml_event_delete (&child_event);
      if (key == NULL)
        break;
      if (!next_event (ctx, &child_event))
        {
          node_free (key);
          break;
        }
      value = parse_node (ctx, &child_event);
      yaml_event_delete (&child_event);
      if (value == NULL)
        {
          node_free (key);
          break;
        }

      name = key->pub.type == BYLINE_VALUE_STRING ? key->pub.string
             : key_string (&key->pub, &problem);
      if (name == NULL)
        {
          set_error (ctx->self, BYLINE_FRONTMATTER_ERROR_SYNTAX, key->pub.start, problem);
          node_free (key);
          node_free (value);
          break;
        }

      entry = g_new0 (Entry, 1);
      /* A string key (nearly all of them) is its own name. */
      entry->pub.key = name;
      entry->pub.key_node = &key->pub;
      entry->pub.value = &value->pub;
      finish_entry (ctx, entry);
      g_ptr_array_add (node->pub.entries, entry);
      if (node->pub.style == BYLINE_STYLE_BLOCK)
        node->pub.end = MAX (node->pub.end, MAX (value->pub.end, key->pub.end));

      if (!_byline_entry_is_merge_key (&entry->pub) && !key_is_new (node->pub.entries, &keys))
        {
          g_autofree char *message = g_strdup_printf (_("Duplicate key “%s”"), entry->pub.key);
          set_error (ctx->self, BYLINE_FRONTMATTER_ERROR_DUPLICATE_KEY, key->pub.start, message);
        }
    }
  node->open = FALSE;
  return node;
}

/* Parses the node that starts with @event (which the caller frees). Returns
 * NULL after an error. */
static Node *
parse_node (Ctx          *ctx,
            yaml_event_t *event)
{
  Node *node = NULL;

  if (ctx->self->error != NULL)
    return NULL;
  if (++ctx->depth > MAX_DEPTH)
    {
      set_error (ctx->self, BYLINE_FRONTMATTER_ERROR_UNSUPPORTED,
                 mark_offset (ctx, &event->start_mark), _("The YAML is nested too deeply"));
      ctx->depth--;
      return NULL;
    }

  switch (event->type)
    {
    case YAML_SCALAR_EVENT:
      node = parse_scalar (ctx, event);
      break;
    case YAML_ALIAS_EVENT:
      node = parse_alias (ctx, event);
      break;
    case YAML_SEQUENCE_START_EVENT:
      node = parse_sequence (ctx, event);
      break;
    case YAML_MAPPING_START_EVENT:
      node = parse_mapping (ctx, event);
      break;
    case YAML_NO_EVENT:
    case YAML_STREAM_START_EVENT:
    case YAML_STREAM_END_EVENT:
    case YAML_DOCUMENT_START_EVENT:
    case YAML_DOCUMENT_END_EVENT:
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
    default:
      set_error (ctx->self, BYLINE_FRONTMATTER_ERROR_SYNTAX,
                 mark_offset (ctx, &event->start_mark), _("Malformed YAML"));
      break;
    }
  ctx->depth--;

  if (ctx->self->error != NULL)
    {
      node_free (node);
      return NULL;
    }
  return node;
}

static void
parse_yaml (BylineFrontmatter *self)
{
  Ctx ctx = { 0 };
  yaml_event_t event;
  gboolean have_document = FALSE;
  const char *bad = NULL;
  gsize region_len = self->split.data_end - self->split.data_start;
  g_autofree char *input = NULL;

  if (!g_utf8_validate (self->text + self->split.data_start, region_len, &bad))
    {
      set_error (self, BYLINE_FRONTMATTER_ERROR_INVALID_UTF8, bad - self->text,
                 _("The frontmatter is not valid UTF-8"));
      return;
    }

  ctx.self = self;
  ctx.base = self->split.data_start;
  ctx.region_len = region_len;
  ctx.ascii = TRUE;
  for (gsize i = 0; i < region_len; i++)
    if ((guchar) self->text[ctx.base + i] >= 0x80)
      {
        ctx.ascii = FALSE;
        break;
      }
  if (!ctx.ascii)
    input = stand_in_breaks (&ctx, self->text + ctx.base, region_len);
  yaml_parser_initialize (&ctx.parser);
  yaml_parser_set_input_string (&ctx.parser,
                                (const unsigned char *) (input != NULL ? input : self->text + ctx.base),
                                region_len);
  yaml_parser_set_encoding (&ctx.parser, YAML_UTF8_ENCODING);

  while (self->error == NULL && next_event (&ctx, &event))
    {
      yaml_event_type_t type = event.type;

      if (type == YAML_DOCUMENT_START_EVENT && have_document)
        {
          set_error (self, BYLINE_FRONTMATTER_ERROR_SYNTAX, mark_offset (&ctx, &event.start_mark),
                     _("The frontmatter holds more than one YAML document"));
        }
      else if (type == YAML_DOCUMENT_START_EVENT)
        {
          have_document = TRUE;
        }
      else if (type == YAML_SCALAR_EVENT || type == YAML_ALIAS_EVENT ||
               type == YAML_SEQUENCE_START_EVENT || type == YAML_MAPPING_START_EVENT)
        {
          Node *root = parse_node (&ctx, &event);

          if (root != NULL && root->pub.type != BYLINE_VALUE_MAPPING &&
              root->pub.type != BYLINE_VALUE_NULL)
            set_error (self, BYLINE_FRONTMATTER_ERROR_NOT_MAPPING, root->pub.start,
                       _("The frontmatter is not a mapping of keys to values"));
          if (root != NULL && root->pub.type == BYLINE_VALUE_NULL)
            {
              /* `~` alone: js-yaml reads null, which Astro treats as no data. */
              node_free (root);
              root = NULL;
            }
          if (root != NULL && self->error == NULL)
            self->root = root;
          else
            node_free (root);
        }
      yaml_event_delete (&event);
      if (type == YAML_STREAM_END_EVENT)
        break;
    }

  yaml_parser_delete (&ctx.parser);
  g_clear_pointer (&ctx.anchors, g_hash_table_unref);
}

static void
build_index (BylineFrontmatter *self)
{
  /* A typical block has a dozen keys: a linear lookup is faster than
   * building a table. */
  if (self->root->pub.entries->len <= 24)
    return;
  self->root_index = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < self->root->pub.entries->len; i++)
    {
      BylineEntry *entry = g_ptr_array_index (self->root->pub.entries, i);

      /* Duplicates are an error, so every key is unique here. */
      g_hash_table_insert (self->root_index, entry->key, entry);
    }
}

/**
 * byline_frontmatter_parse:
 *
 * Splits and parses @text. Always returns an object: check
 * byline_frontmatter_get_error(). A text without frontmatter has an empty
 * root mapping and no error; malformed YAML or TOML, duplicate keys or
 * invalid UTF-8 in the block leave the root %NULL and set the error.
 */
BylineFrontmatter *
byline_frontmatter_parse (const char *text,
                          gsize       len)
{
  char *copy;

  g_return_val_if_fail (text != NULL || len == 0, NULL);

  copy = g_malloc (len + 1);
  if (len > 0)
    memcpy (copy, text, len);
  copy[len] = '\0';

  return byline_frontmatter_parse_take (copy, len);
}

/**
 * byline_frontmatter_parse_take:
 * @text: (transfer full): the text, allocated with g_malloc() and
 *   NUL-terminated at @len
 * @len: its length in bytes
 *
 * Like byline_frontmatter_parse(), but keeps @text instead of copying it: the
 * editor parses the whole buffer on every keystroke and already holds a fresh
 * copy of it, which for a large post is the biggest cost of a parse.
 *
 * Returns: (transfer full): the parsed frontmatter
 */
BylineFrontmatter *
byline_frontmatter_parse_take (char  *text,
                               gsize  len)
{
  BylineFrontmatter *self;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (text[len] == '\0', NULL);

  self = g_new0 (BylineFrontmatter, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->text = text;
  self->len = len;

  byline_frontmatter_split (self->text, len, &self->split);
  self->data_line = byline_count_line_breaks (self->text, self->split.data_start) + 1;

  if (self->split.kind == BYLINE_BLOCK_TOML)
    _byline_toml_parse (self);
  else if (self->split.kind == BYLINE_BLOCK_YAML)
    parse_yaml (self);

  if (self->error != NULL)
    {
      g_clear_pointer (&self->root, node_free);
    }
  else if (self->root == NULL)
    {
      self->root = node_new (BYLINE_VALUE_MAPPING);
      self->root->pub.style = BYLINE_STYLE_BLOCK;
      self->root->pub.entries = g_ptr_array_new_with_free_func (entry_free);
      self->root->pub.start = self->root->pub.end = self->split.data_start;
      self->root->pub.line = self->data_line;
      self->root->pub.column = 1;
    }
  if (self->root != NULL)
    build_index (self);
  return self;
}

BylineFrontmatter *
byline_frontmatter_ref (BylineFrontmatter *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
byline_frontmatter_unref (BylineFrontmatter *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_clear_pointer (&self->root_index, g_hash_table_unref);
  g_clear_pointer (&self->root, node_free);
  g_clear_pointer (&self->used_anchors, g_hash_table_unref);
  g_clear_error (&self->error);
  g_strfreev (self->key_order);
  g_free (self->text);
  g_free (self);
}

const char *
byline_frontmatter_get_text (BylineFrontmatter *self,
                             gsize             *len)
{
  g_return_val_if_fail (self != NULL, NULL);
  if (len != NULL)
    *len = self->len;
  return self->text;
}

const BylineSplit *
byline_frontmatter_get_split (BylineFrontmatter *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return &self->split;
}

/**
 * byline_frontmatter_head_is_enough:
 *
 * For a parse of the first part of a longer text: whether nothing after
 * that part can change it, so an editor can parse the head of a long post
 * instead of all of it. That holds when the block is closed by a fence line
 * with its line break inside the part, or when the part can't start a block
 * at all.
 *
 * Returns: %TRUE when the parse of this head is the parse of any text that
 *   starts with it
 */
gboolean
byline_frontmatter_head_is_enough (BylineFrontmatter *self)
{
  const char *p;

  g_return_val_if_fail (self != NULL, FALSE);

  if (self->split.kind != BYLINE_BLOCK_NONE)
    return self->split.close_end > self->split.close_start &&
           self->split.close_end < self->len &&
           self->text[self->split.close_end - 1] == '\n';

  p = self->text;
  if (self->len >= 3 && memcmp (p, "\xEF\xBB\xBF", 3) == 0)
    p += 3;

  /* Too short to tell yet: "--" may become a fence. */
  if ((gsize)(p - self->text) + 3 > self->len)
    return FALSE;

  return strncmp (p, "---", 3) != 0 && strncmp (p, "+++", 3) != 0;
}

const GError *
byline_frontmatter_get_error (BylineFrontmatter *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->error;
}

guint
byline_frontmatter_offset_to_line (BylineFrontmatter *self,
                                   gsize              offset,
                                   guint             *column)
{
  gsize line_start;
  guint line;

  g_return_val_if_fail (self != NULL, 0);

  offset = MIN (offset, self->len);
  /* between the \r and the \n of a \r\n: still the line that break ends */
  if (offset > 0 && self->text[offset - 1] == '\r' && self->text[offset] == '\n')
    line = byline_count_line_breaks (self->text, offset - 1) + 1;
  else
    line = byline_count_line_breaks (self->text, offset) + 1;
  line_start = _byline_line_start_of (self->text, offset, 0);
  if (column != NULL)
    {
      guint chars = 0;

      /* Characters, not bytes; a stray invalid byte counts as one. A BOM is
       * no character an editor shows, so it doesn't count either. */
      if (line_start == 0)
        line_start = MIN (self->split.bom_len, offset);
      for (gsize i = line_start; i < offset; i++)
        if (((guchar) self->text[i] & 0xc0) != 0x80)
          chars++;
      *column = chars + 1;
    }
  return line;
}

gboolean
byline_frontmatter_get_error_position (BylineFrontmatter *self,
                                       guint             *line,
                                       guint             *column,
                                       gsize             *offset)
{
  guint l;
  guint c;

  g_return_val_if_fail (self != NULL, FALSE);

  if (!self->has_error_position)
    return FALSE;
  l = byline_frontmatter_offset_to_line (self, self->error_offset, &c);
  if (line != NULL)
    *line = l;
  if (column != NULL)
    *column = c;
  if (offset != NULL)
    *offset = self->error_offset;
  return TRUE;
}

gboolean
byline_frontmatter_is_valid_utf8 (BylineFrontmatter *self)
{
  gint state;

  g_return_val_if_fail (self != NULL, FALSE);

  /* Computed on first use: a 50 MB body should not slow every parse. Racing
   * threads compute the same answer, so a plain atomic store is enough. */
  state = g_atomic_int_get (&self->utf8_state);
  if (state == 0)
    {
      state = g_utf8_validate_len (self->text, self->len, NULL) ? 1 : 2;
      g_atomic_int_set (&self->utf8_state, state);
    }
  return state == 1;
}

const BylineNode *
byline_frontmatter_get_root (BylineFrontmatter *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->root != NULL ? &self->root->pub : NULL;
}

const BylineEntry *
byline_frontmatter_lookup (BylineFrontmatter *self,
                           const char        *key)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if (self->root == NULL)
    return NULL;
  if (self->root_index != NULL)
    return g_hash_table_lookup (self->root_index, key);
  for (guint i = 0; i < self->root->pub.entries->len; i++)
    {
      const BylineEntry *entry = g_ptr_array_index (self->root->pub.entries, i);

      if (g_str_equal (entry->key, key))
        return entry;
    }
  return NULL;
}

guint
byline_frontmatter_get_n_entries (BylineFrontmatter *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->root != NULL ? self->root->pub.entries->len : 0;
}

const BylineEntry *
byline_frontmatter_get_entry (BylineFrontmatter *self,
                              guint              index)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->root == NULL || index >= self->root->pub.entries->len)
    return NULL;
  return g_ptr_array_index (self->root->pub.entries, index);
}

/**
 * byline_frontmatter_to_json:
 * @key: (nullable): a top-level key, or %NULL for the whole mapping
 *
 * Returns: (nullable): the value as JSON.stringify (value, null, 2) prints
 *   what js-yaml reads; %NULL when @key is absent, the frontmatter has an
 *   error, or the value is too big to print (aliases that repeat a value
 *   tens of thousands of times; see BYLINE_JSON_MAX_STEPS)
 */
char *
byline_frontmatter_to_json (BylineFrontmatter *self,
                            const char        *key)
{
  const BylineEntry *entry;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->root == NULL)
    return NULL;
  if (key == NULL)
    return byline_node_to_json (&self->root->pub);
  entry = byline_frontmatter_lookup (self, key);
  if (entry == NULL)
    return NULL;
  return byline_node_to_json (entry->value);
}

/**
 * byline_frontmatter_set_key_order:
 * @keys: (nullable): the schema's keys in their preferred order
 *
 * Where plan_set_* inserts an absent key: after the nearest key before it in
 * @keys that the file has, else before the nearest one after it, else at the
 * end. Call it before sharing @self between threads.
 */
void
byline_frontmatter_set_key_order (BylineFrontmatter  *self,
                                  const char * const *keys)
{
  g_return_if_fail (self != NULL);

  g_strfreev (self->key_order);
  self->key_order = g_strdupv ((char **) keys);
}
