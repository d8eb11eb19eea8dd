/* fuzz-toml.c: parse TOML frontmatter and plan every kind of edit on it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is the TOML between the fences (it is put in a `+++` block with
 * a body unless it already is a post with one). Each edit the engine hands
 * out is applied and the result parsed again; then its promises must hold:
 * the new text parses, the body and every byte outside the entry (or, for a
 * new key, before the first [table] header) stay, every other key reads
 * exactly as before, and the key reads as asked: null and unset remove it.
 */

#include "config.h"

#include <string.h>

#include "byline-frontmatter.h"
#include "fuzz-common.h"

typedef enum
{
  OP_STRING,
  OP_BOOLEAN,
  OP_TIMESTAMP,
  OP_DATE,
  OP_LIST,
  OP_NULL,
  OP_RAW,
  OP_UNSET,
  N_OPS
} Op;

static const char *strings[] = {
  "Hello", "", "true", "1.5", "a = b", "# not a comment", "x #y", "multi\nline\n",
  "  lead and trail  ", "\"quoted\" and 'single'", "caf\xc3\xa9 \xe2\x80\x94 \xf0\x9f\x8e\x89",
  "[table]", "'''", "\"\"\"", "tab\there", "back\\slash", "\r\n", "\x7f\x01",
};

static const char *raws[] = {
  "[1, 2]", "{ a = 1, b = [\"x\"] }", "\"\"\"\nml\"\"\"", "'lit'", "1979-05-27T07:32:00Z",
  "07:32:00", "0x1F", "-inf", "[\n  1,\n  2,\n]", "true",
};

static const char *list_a[] = { "hugo", "two words", NULL };
static const char *list_b[] = { "true", "a = b", "", "\"x\"", NULL };
static const char *list_c[] = { NULL };
static const char * const *lists[] = { list_a, list_b, list_c };

static const char *key_order[] = { "title", "date", "lastmod", "description", "tags", "draft",
                                   "params", NULL };

static BylineTextEdit *
plan (BylineFrontmatter *fm,
      const char        *key,
      Op                 op,
      guint32            pick,
      GDateTime         *when,
      GDateTime         *day,
      GError           **error)
{
  switch (op)
    {
    case OP_STRING:
      return byline_frontmatter_plan_set_string (fm, key, strings[pick % G_N_ELEMENTS (strings)],
                                                 error);
    case OP_BOOLEAN:
      return byline_frontmatter_plan_set_boolean (fm, key, (gboolean) (pick & 1), error);
    case OP_TIMESTAMP:
      return byline_frontmatter_plan_set_timestamp (fm, key, when, error);
    case OP_DATE:
      return byline_frontmatter_plan_set_timestamp (fm, key, day, error);
    case OP_LIST:
      return byline_frontmatter_plan_set_list (fm, key, lists[pick % G_N_ELEMENTS (lists)], error);
    case OP_NULL:
      return byline_frontmatter_plan_set_null (fm, key, error);
    case OP_RAW:
      return byline_frontmatter_plan_set_raw (fm, key, raws[pick % G_N_ELEMENTS (raws)], error);
    case OP_UNSET:
    case N_OPS:
    default:
      return byline_frontmatter_plan_unset (fm, key, error);
    }
}

static void
check_value (const BylineEntry *entry,
             const char        *key,
             Op                 op,
             guint32            pick,
             GDateTime         *when,
             GDateTime         *day)
{
  const BylineNode *value;

  if (op == OP_UNSET || op == OP_NULL)
    {
      FUZZ_CHECK (entry == NULL, "key %s still there after op %d", key, op);
      return;
    }
  FUZZ_CHECK (entry != NULL, "key %s missing after op %d", key, op);
  value = entry->value;
  switch (op)
    {
    case OP_STRING:
      FUZZ_CHECK (value->type == BYLINE_VALUE_STRING &&
                  g_strcmp0 (value->string, strings[pick % G_N_ELEMENTS (strings)]) == 0,
                  "%s reads as type %d \"%s\"", key, value->type, value->string);
      break;
    case OP_BOOLEAN:
      FUZZ_CHECK (value->type == BYLINE_VALUE_BOOLEAN && value->boolean == (gboolean) (pick & 1),
                  "%s not the boolean set", key);
      break;
    case OP_TIMESTAMP:
    case OP_DATE:
      {
        GDateTime *asked = op == OP_DATE ? day : when;
        g_autoptr(GDateTime) got = NULL;
        GTimeSpan diff;

        FUZZ_CHECK (value->type == BYLINE_VALUE_TIMESTAMP, "%s is not a timestamp", key);
        got = byline_timestamp_to_date_time (&value->timestamp);
        FUZZ_CHECK (got != NULL, "%s: timestamp out of range", key);
        diff = g_date_time_difference (asked, got);
        FUZZ_CHECK (diff >= 0 && diff < G_TIME_SPAN_SECOND, "%s: not the instant asked for", key);
      }
      break;
    case OP_LIST:
      {
        const char * const *items = lists[pick % G_N_ELEMENTS (lists)];
        guint n = g_strv_length ((char **) items);

        FUZZ_CHECK (value->type == BYLINE_VALUE_SEQUENCE && value->items->len == n,
                    "%s is not the list set", key);
        for (guint i = 0; i < n; i++)
          {
            const BylineNode *item = g_ptr_array_index (value->items, i);

            FUZZ_CHECK (item->type == BYLINE_VALUE_STRING &&
                        g_strcmp0 (item->string, items[i]) == 0,
                        "%s item %u reads \"%s\"", key, i, item->string);
          }
      }
      break;
    case OP_NULL:
    case OP_RAW:
    case OP_UNSET:
    case N_OPS:
    default:
      break;
    }
}

/* The start of the first [header] line of @fm's block, or its end. */
static gsize
tables_start (BylineFrontmatter *fm)
{
  const BylineSplit *split = byline_frontmatter_get_split (fm);
  const char *text = byline_frontmatter_get_text (fm, NULL);
  gsize best = split->data_end;

  for (guint i = 0; i < byline_frontmatter_get_n_entries (fm); i++)
    {
      const BylineEntry *entry = byline_frontmatter_get_entry (fm, i);

      if (entry->start < best && text[entry->start] == '[')
        best = entry->start;
    }
  return best;
}

static void
check_edit (BylineFrontmatter    *fm,
            const char           *key,
            Op                    op,
            guint32               pick,
            const BylineTextEdit *edit,
            GDateTime            *when,
            GDateTime            *day)
{
  gsize len, new_len;
  const char *text = byline_frontmatter_get_text (fm, &len);
  const BylineSplit *split = byline_frontmatter_get_split (fm);
  const BylineEntry *old_entry = byline_frontmatter_lookup (fm, key);
  g_autofree char *new_text = NULL;
  g_autoptr(BylineFrontmatter) next = NULL;
  const BylineSplit *next_split;
  guint n_old = byline_frontmatter_get_n_entries (fm);
  guint n_new;
  gboolean removes = op == OP_UNSET || op == OP_NULL;

  FUZZ_CHECK (edit->offset <= len && edit->length <= len - edit->offset,
              "edit %zu+%zu outside the text (%zu)", edit->offset, edit->length, len);
  if (old_entry != NULL)
    FUZZ_CHECK (edit->offset >= old_entry->start &&
                edit->offset + edit->length <= old_entry->end,
                "edit of %s at %zu+%zu outside its entry %zu..%zu",
                key, edit->offset, edit->length, old_entry->start, old_entry->end);
  else if (removes)
    FUZZ_CHECK (edit->length == 0 && edit->text[0] == '\0', "removing an absent key edits");
  else
    FUZZ_CHECK (edit->length == 0 && edit->offset >= split->data_start &&
                edit->offset <= tables_start (fm),
                "new key %s: edit %zu+%zu not an insertion above the tables (%zu)", key,
                edit->offset, edit->length, tables_start (fm));

  new_text = byline_text_edit_apply (edit, text, len, &new_len);
  next = byline_frontmatter_parse (new_text, new_len);
  FUZZ_CHECK (byline_frontmatter_get_error (next) == NULL,
              "%s op %d: re-parse fails: %s", key, op,
              byline_frontmatter_get_error (next)->message);
  next_split = byline_frontmatter_get_split (next);
  FUZZ_CHECK (next_split->kind == BYLINE_BLOCK_TOML, "%s op %d: no longer TOML", key, op);

  FUZZ_CHECK (len - split->body_start == new_len - next_split->body_start &&
              memcmp (text + split->body_start, new_text + next_split->body_start,
                      len - split->body_start) == 0,
              "%s op %d: the body changed", key, op);

  for (guint i = 0; i < n_old; i++)
    {
      const BylineEntry *entry = byline_frontmatter_get_entry (fm, i);
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;

      if (g_strcmp0 (entry->key, key) == 0)
        continue;
      before = byline_frontmatter_to_json (fm, entry->key);
      after = byline_frontmatter_to_json (next, entry->key);
      FUZZ_CHECK (g_strcmp0 (before, after) == 0, "%s op %d: key %s changed: %s -> %s",
                  key, op, entry->key, before, after);
    }
  n_new = byline_frontmatter_get_n_entries (next);
  if (removes)
    FUZZ_CHECK (n_new == n_old - (old_entry != NULL), "remove: %u keys -> %u", n_old, n_new);
  else
    FUZZ_CHECK (n_new == n_old + (old_entry == NULL), "set: %u keys -> %u", n_old, n_new);

  check_value (byline_frontmatter_lookup (next, key), key, op, pick, when, day);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(BylineFrontmatter) fm = NULL;
  g_autoptr(GDateTime) when = g_date_time_new_utc (2024, 2, 3, 4, 5, 6.25);
  g_autoptr(GDateTime) day = g_date_time_new_utc (2024, 2, 3, 0, 0, 0);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) text = g_string_new (NULL);
  guint32 hash = fuzz_hash (data, size);
  BylineSplit split;
  guint n;

  fuzz_init ();

  byline_frontmatter_split ((const char *) data, size, &split);
  if (split.kind == BYLINE_BLOCK_TOML)
    {
      g_string_append_len (text, (const char *) data, size);
    }
  else
    {
      g_string_append (text, "+++\n");
      g_string_append_len (text, (const char *) data, size);
      g_string_append (text, "\n+++\nBody\n");
    }

  fm = byline_frontmatter_parse (text->str, text->len);
  if (byline_frontmatter_get_error (fm) != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BylineTextEdit) edit = NULL;
      guint line = 0;

      FUZZ_CHECK (byline_frontmatter_get_split (fm)->kind != BYLINE_BLOCK_TOML ||
                  byline_frontmatter_get_error_position (fm, &line, NULL, NULL),
                  "a TOML error without a position");
      edit = byline_frontmatter_plan_set_string (fm, "title", "x", &error);
      FUZZ_CHECK (edit == NULL && error != NULL, "an edit planned on a broken block");
      FUZZ_CHECK (byline_frontmatter_to_json (fm, NULL) == NULL, "JSON of a broken block");
      return 0;
    }
  if (byline_frontmatter_get_split (fm)->kind != BYLINE_BLOCK_TOML)
    return 0;
  g_free (byline_frontmatter_to_json (fm, NULL));
  if (hash & 0x100)
    byline_frontmatter_set_key_order (fm, key_order);

  n = byline_frontmatter_get_n_entries (fm);
  for (guint i = 0; i < MIN (n, 3u); i++)
    g_ptr_array_add (keys, g_strdup (byline_frontmatter_get_entry (fm, (hash + i * 7) % n)->key));
  g_ptr_array_add (keys, g_strdup ((hash & 0x200) ? "lastmod" : "fuzz new key"));

  for (guint k = 0; k < keys->len; k++)
    for (int op = 0; op < N_OPS; op++)
      {
        const char *key = g_ptr_array_index (keys, k);
        g_autoptr(GError) error = NULL;
        g_autoptr(BylineTextEdit) edit = NULL;
        guint32 pick = (hash >> 3) + k * 5 + (guint32) op;

        edit = plan (fm, key, (Op) op, pick, when, day, &error);
        FUZZ_CHECK ((edit == NULL) != (error == NULL), "a plan returns an edit xor an error");
        if (edit != NULL)
          check_edit (fm, key, (Op) op, pick, edit, when, day);
      }
  return 0;
}
