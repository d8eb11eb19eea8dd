/* test-frontmatter.c: the lossless frontmatter engine, rule by rule
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "byline-frontmatter.h"

static const char * const astropaper_order[] = {
  "author", "pubDatetime", "modDatetime", "title", "slug", "featured", "draft",
  "tags", "ogImage", "description", "canonicalURL", "hideEditPost", "timezone", NULL
};

static BylineFrontmatter *
parse (const char *text)
{
  BylineFrontmatter *fm = byline_frontmatter_parse (text, strlen (text));

  byline_frontmatter_set_key_order (fm, astropaper_order);
  return fm;
}

static char *
json_of (const char *text,
         const char *key)
{
  g_autoptr(BylineFrontmatter) fm = parse (text);

  g_assert_no_error ((GError *) byline_frontmatter_get_error (fm));
  return byline_frontmatter_to_json (fm, key);
}

/* Compact JSON: the engine prints JSON.stringify (v, null, 2); tests write
 * the expected values without whitespace outside strings. */
static char *
compact (const char *json)
{
  GString *out = g_string_new (NULL);
  gboolean in_string = FALSE;

  for (const char *p = json; *p != '\0'; p++)
    {
      if (in_string)
        {
          g_string_append_c (out, *p);
          if (*p == '\\')
            g_string_append_c (out, *++p);
          else if (*p == '"')
            in_string = FALSE;
        }
      else if (*p == '"')
        {
          in_string = TRUE;
          g_string_append_c (out, *p);
        }
      else if (!g_ascii_isspace (*p))
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static void
assert_value_json (const char *text,
                   const char *key,
                   const char *expected)
{
  g_autofree char *json = json_of (text, key);
  g_autofree char *got = NULL;

  g_assert_nonnull (json);
  got = compact (json);
  g_assert_cmpstr (got, ==, expected);
}

typedef enum
{
  OP_STRING,
  OP_BOOLEAN,
  OP_LIST,
  OP_NULL,
  OP_RAW,
  OP_UNSET,
  OP_TIMESTAMP,
} Op;

static BylineTextEdit *
plan_op (BylineFrontmatter  *fm,
         Op                  op,
         const char         *key,
         const char         *arg,
         GError            **error)
{
  switch (op)
    {
    case OP_STRING:
      return byline_frontmatter_plan_set_string (fm, key, arg, error);
    case OP_BOOLEAN:
      return byline_frontmatter_plan_set_boolean (fm, key, g_str_equal (arg, "true"), error);
    case OP_LIST:
      {
        g_auto(GStrv) items = arg[0] != '\0' ? g_strsplit (arg, "|", -1) : g_new0 (char *, 1);

        return byline_frontmatter_plan_set_list (fm, key, (const char * const *) items, error);
      }
    case OP_NULL:
      return byline_frontmatter_plan_set_null (fm, key, error);
    case OP_RAW:
      return byline_frontmatter_plan_set_raw (fm, key, arg, error);
    case OP_UNSET:
      return byline_frontmatter_plan_unset (fm, key, error);
    case OP_TIMESTAMP:
      {
        g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (arg, NULL);

        g_assert_nonnull (when);
        return byline_frontmatter_plan_set_timestamp (fm, key, when, error);
      }
    default:
      g_assert_not_reached ();
    }
}

/* Plans one edit, checks it touches only @key's entry (or inserts at one
 * point), and that the result is exactly @expected. */
static void
check_edit (const char *input,
            Op          op,
            const char *key,
            const char *arg,
            const char *expected)
{
  g_autoptr(BylineFrontmatter) fm = parse (input);
  g_autoptr(GError) error = NULL;
  g_autoptr(BylineTextEdit) edit = plan_op (fm, op, key, arg, &error);
  g_autofree char *out = NULL;
  const BylineEntry *entry;
  gsize len;

  g_assert_no_error (error);
  g_assert_nonnull (edit);
  entry = byline_frontmatter_lookup (fm, key);
  if (entry != NULL)
    {
      g_assert_cmpuint (edit->offset, >=, entry->start);
      g_assert_cmpuint (edit->offset + edit->length, <=, entry->end);
    }
  else
    {
      g_assert_cmpuint (edit->length, ==, 0);
    }
  out = byline_text_edit_apply (edit, input, strlen (input), &len);
  g_assert_cmpstr (out, ==, expected);
}

static void
check_edit_fails (const char *input,
                  Op          op,
                  const char *key,
                  const char *arg,
                  int         code)
{
  g_autoptr(BylineFrontmatter) fm = parse (input);
  g_autoptr(GError) error = NULL;
  g_autoptr(BylineTextEdit) edit = plan_op (fm, op, key, arg, &error);

  g_assert_null (edit);
  g_assert_error (error, BYLINE_FRONTMATTER_ERROR, code);
}

/* --- split ---------------------------------------------------------------- */

static void
test_split_basic (void)
{
  const char *text = "---\ntitle: x\n---\nBody\n";
  BylineSplit s;

  byline_frontmatter_split (text, strlen (text), &s);
  g_assert_cmpint (s.kind, ==, BYLINE_BLOCK_YAML);
  g_assert_cmpuint (s.bom_len, ==, 0);
  g_assert_cmpuint (s.open_start, ==, 0);
  g_assert_cmpuint (s.open_end, ==, 4);
  g_assert_cmpuint (s.data_start, ==, 4);
  g_assert_cmpuint (s.data_end, ==, 13);
  g_assert_cmpuint (s.close_start, ==, 13);
  g_assert_cmpuint (s.close_end, ==, 17);
  g_assert_cmpuint (s.body_start, ==, 17);
  g_assert_cmpuint (s.body_line, ==, 4);
  g_assert_cmpstr (s.newline, ==, "\n");
}

static void
test_split_bom_crlf_blanks (void)
{
  const char *text = "\xef\xbb\xbf---  \r\ntitle: x\r\n--- \t\r\n\r\nBody";
  BylineSplit s;

  byline_frontmatter_split (text, strlen (text), &s);
  g_assert_cmpint (s.kind, ==, BYLINE_BLOCK_YAML);
  g_assert_cmpuint (s.bom_len, ==, 3);
  g_assert_cmpuint (s.open_start, ==, 3);
  g_assert_cmpuint (s.data_start, ==, 10);
  g_assert_cmpuint (s.data_end, ==, 20);
  g_assert_cmpuint (s.body_start, ==, 27);
  g_assert_cmpuint (s.body_line, ==, 4);
  g_assert_cmpstr (s.newline, ==, "\r\n");
}

/* A lone \r breaks a line for YAML (libyaml, js-yaml) and for Markdown:
 * entry spans, line numbers and the body's first line all count it. */
static void
test_lone_cr (void)
{
  const char *text = "---\na: 1\rc: 3\nb: 2\n---\nbody\n";
  g_autoptr(BylineFrontmatter) fm = parse (text);
  const BylineEntry *a, *c, *b;
  BylineSplit s;
  guint column = 0;

  g_assert_no_error ((GError *) byline_frontmatter_get_error (fm));
  g_assert_cmpuint (byline_frontmatter_get_n_entries (fm), ==, 3);
  a = byline_frontmatter_lookup (fm, "a");
  c = byline_frontmatter_lookup (fm, "c");
  b = byline_frontmatter_lookup (fm, "b");
  g_assert_cmpuint (a->start, ==, 4);
  g_assert_cmpuint (a->end, ==, 9);
  g_assert_cmpuint (c->start, ==, 9);
  g_assert_cmpuint (c->end, ==, 14);
  g_assert_cmpuint (b->start, ==, 14);
  g_assert_cmpuint (c->value->line, ==, 3);
  g_assert_cmpuint (b->value->line, ==, 4);
  g_assert_cmpuint (byline_frontmatter_offset_to_line (fm, c->value->start, &column), ==, 3);
  g_assert_cmpuint (column, ==, 4);
  g_assert_cmpuint (byline_frontmatter_offset_to_line (fm, b->start, NULL), ==, 4);

  check_edit (text, OP_UNSET, "a", NULL, "---\nc: 3\nb: 2\n---\nbody\n");
  check_edit (text, OP_STRING, "a", "x", "---\na: x\rc: 3\nb: 2\n---\nbody\n");
  check_edit (text, OP_UNSET, "c", NULL, "---\na: 1\rb: 2\n---\nbody\n");

  byline_frontmatter_split (text, strlen (text), &s);
  g_assert_cmpuint (s.body_line, ==, 6);
  byline_frontmatter_split ("---\r\na: 1\rb: 2\r\n---\r\nbody", 27, &s);
  g_assert_cmpuint (s.body_line, ==, 5);
}

/* U+2028, U+2029 and U+0085 end a line for libyaml (YAML 1.1) but not for
 * js-yaml (YAML 1.2), which Astro reads frontmatter with: they are text,
 * in every kind of scalar and in comments. */
static void
test_unicode_line_separators (void)
{
  const char *text = "---\n"
                     "a: x\xe2\x80\xa8y # c\xe2\x80\xa9" "d: 1\n"
                     "b: \"\xc2\x85 \xee\x80\x80 \xdc\x80\"\n"
                     "c: |\n  p\xe2\x80\xa8q\n"
                     "---\n";
  g_autoptr(BylineFrontmatter) fm = parse (text);
  const BylineEntry *b;

  g_assert_no_error ((GError *) byline_frontmatter_get_error (fm));
  g_assert_cmpuint (byline_frontmatter_get_n_entries (fm), ==, 3);
  g_assert_cmpstr (byline_frontmatter_lookup (fm, "a")->value->string, ==, "x\xe2\x80\xa8y");
  /* the characters libyaml reads in their place stay what they are */
  b = byline_frontmatter_lookup (fm, "b");
  g_assert_cmpstr (b->value->string, ==, "\xc2\x85 \xee\x80\x80 \xdc\x80");
  g_assert_cmpuint (b->value->line, ==, 3);
  g_assert_cmpstr (byline_frontmatter_lookup (fm, "c")->value->string, ==, "p\xe2\x80\xa8q\n");

  check_edit (text, OP_STRING, "a", "z", "---\na: z # c\xe2\x80\xa9" "d: 1\nb: \"\xc2\x85 \xee\x80\x80 \xdc\x80\"\n"
                                        "c: |\n  p\xe2\x80\xa8q\n---\n");
}

static void
assert_entries_apart (BylineFrontmatter *fm)
{
  for (guint i = 1; i < byline_frontmatter_get_n_entries (fm); i++)
    g_assert_cmpuint (byline_frontmatter_get_entry (fm, i - 1)->end, <=,
                      byline_frontmatter_get_entry (fm, i)->start);
}

/* `? key` without a value: libyaml puts the empty scalar at the next token,
 * the next entry's key; the value belongs right after the key (or after a
 * bare `:` line), so the spans of the two entries stay apart. */
static void
test_explicit_key_spans (void)
{
  const char *text = "---\n? key\ntitle: a\n---\nbody\n";
  const char *colon = "---\n? key # why\n: # empty\ntitle: a\n---\nbody\n";
  g_autoptr(BylineFrontmatter) fm = parse (text);
  g_autoptr(BylineFrontmatter) fm_colon = parse (colon);
  g_autoptr(BylineFrontmatter) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BylineTextEdit) edit = NULL;
  g_autofree char *out = NULL;
  const BylineEntry *e;
  gsize len;

  g_assert_no_error ((GError *) byline_frontmatter_get_error (fm));
  e = byline_frontmatter_lookup (fm, "key");
  g_assert_cmpint (e->value->type, ==, BYLINE_VALUE_NULL);
  g_assert_cmpuint (e->start, ==, 4);
  g_assert_cmpuint (e->value->start, ==, 9);
  g_assert_cmpuint (e->value->line, ==, 2);
  g_assert_cmpuint (e->end, ==, 10);
  assert_entries_apart (fm);

  e = byline_frontmatter_lookup (fm_colon, "key");
  g_assert_cmpuint (e->value->start, ==, (gsize) (strstr (colon, ": #") - colon) + 1);
  g_assert_cmpuint (e->value->line, ==, 3);
  g_assert_cmpuint (e->end, ==, (gsize) (strstr (colon, "title") - colon));
  assert_entries_apart (fm_colon);

  edit = byline_frontmatter_plan_set_string (fm, "title", "X", &error);
  g_assert_no_error (error);
  out = byline_text_edit_apply (edit, text, strlen (text), &len);
  g_assert_cmpstr (out, ==, "---\n? key\ntitle: X\n---\nbody\n");
  after = parse (out);
  assert_entries_apart (after);
}

static void
test_split_edge_cases (void)
{
  BylineSplit s;
  const char *text;

  /* Closing fence at end of file without a line break. */
  text = "---\na: 1\n---";
  byline_frontmatter_split (text, strlen (text), &s);
  g_assert_cmpint (s.kind, ==, BYLINE_BLOCK_YAML);
  g_assert_cmpuint (s.close_end, ==, strlen (text));
  g_assert_cmpuint (s.body_start, ==, strlen (text));

  /* `...` does not close; nothing else does: no block. */
  text = "---\na: 1\n...\nBody\n";
  byline_frontmatter_split (text, strlen (text), &s);
  g_assert_cmpint (s.kind, ==, BYLINE_BLOCK_NONE);
  g_assert_cmpuint (s.body_start, ==, 0);
  g_assert_cmpuint (s.body_line, ==, 1);

  /* `...` inside, then a real close. */
  text = "---\na: 1\n...\n---\n";
  byline_frontmatter_split (text, strlen (text), &s);
  g_assert_cmpint (s.kind, ==, BYLINE_BLOCK_YAML);
  g_assert_cmpuint (s.data_end, ==, 13);

  /* Empty frontmatter. */
  text = "---\n---\nBody";
  byline_frontmatter_split (text, strlen (text), &s);
  g_assert_cmpint (s.kind, ==, BYLINE_BLOCK_YAML);
  g_assert_cmpuint (s.data_start, ==, s.data_end);
  g_assert_cmpuint (s.body_line, ==, 3);

  /* Not at the very start: no block (Astro needs it first). */
  text = "\n---\na: 1\n---\n";
  byline_frontmatter_split (text, strlen (text), &s);
  g_assert_cmpint (s.kind, ==, BYLINE_BLOCK_NONE);

  /* `----` and `--- x` are not fences. */
  text = "----\na: 1\n----\n";
  byline_frontmatter_split (text, strlen (text), &s);
  g_assert_cmpint (s.kind, ==, BYLINE_BLOCK_NONE);

  /* Just a fence. */
  text = "---";
  byline_frontmatter_split (text, strlen (text), &s);
  g_assert_cmpint (s.kind, ==, BYLINE_BLOCK_NONE);

  /* Empty text. */
  byline_frontmatter_split ("", 0, &s);
  g_assert_cmpint (s.kind, ==, BYLINE_BLOCK_NONE);
  g_assert_cmpuint (s.body_start, ==, 0);

  /* Thematic breaks in the body stay in the body. */
  text = "---\na: 1\n---\nText\n\n---\n\nMore\n---\n";
  byline_frontmatter_split (text, strlen (text), &s);
  g_assert_cmpint (s.kind, ==, BYLINE_BLOCK_YAML);
  g_assert_cmpuint (s.body_start, ==, 13);

  /* TOML. */
  text = "+++\ntitle = \"x\"\n+++\nBody\n";
  byline_frontmatter_split (text, strlen (text), &s);
  g_assert_cmpint (s.kind, ==, BYLINE_BLOCK_TOML);
  g_assert_cmpuint (s.body_start, ==, 20);

  /* Mixed fences don't pair. */
  text = "+++\ntitle = \"x\"\n---\nBody\n";
  byline_frontmatter_split (text, strlen (text), &s);
  g_assert_cmpint (s.kind, ==, BYLINE_BLOCK_NONE);
}

/* Split reads the block and nothing of the body: the body here lies in a
 * page that cannot be read, so touching it would crash the test. (This
 * replaces a wall-clock limit on splitting a 50 MB post.) */
static void
test_split_reads_no_body (void)
{
  const char *head = "---\ntitle: Big\r\ndraft: true\n---\n";
  gsize head_len = strlen (head);
  gsize page = (gsize) sysconf (_SC_PAGESIZE);
  char *map = mmap (NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  char *text;
  BylineSplit s;

  g_assert_true (map != MAP_FAILED);
  text = map + page - head_len;
  memcpy (text, head, head_len);
  memset (map + page, 'x', page);
  g_assert_cmpint (mprotect (map + page, page, PROT_NONE), ==, 0);

  byline_frontmatter_split (text, head_len + page, &s);
  g_assert_cmpint (s.kind, ==, BYLINE_BLOCK_YAML);
  g_assert_cmpuint (s.body_start, ==, head_len);
  g_assert_cmpuint (s.body_line, ==, 5);
  munmap (map, 2 * page);
}

static void
test_split_huge (void)
{
  gsize body_len = 50 * 1024 * 1024;
  const char *head = "---\ntitle: Big\n---\n";
  gsize head_len = strlen (head);
  g_autofree char *text = g_malloc (head_len + body_len + 1);
  BylineSplit s;
  g_autoptr(BylineFrontmatter) fm = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BylineTextEdit) edit = NULL;

  memcpy (text, head, head_len);
  for (gsize i = 0; i < body_len; i++)
    text[head_len + i] = (i % 64 == 63) ? '\n' : (i % 1000 == 0 ? '-' : 'x');
  text[head_len + body_len] = '\0';

  byline_frontmatter_split (text, head_len + body_len, &s);
  g_assert_cmpint (s.kind, ==, BYLINE_BLOCK_YAML);
  g_assert_cmpuint (s.body_start, ==, head_len);

  fm = byline_frontmatter_parse (text, head_len + body_len);
  g_assert_no_error ((GError *) byline_frontmatter_get_error (fm));
  g_assert_true (byline_frontmatter_is_valid_utf8 (fm));

  edit = byline_frontmatter_plan_set_boolean (fm, "draft", TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (edit->offset, ==, head_len - 4);
  g_assert_cmpstr (edit->text, ==, "draft: true\n");
}

/* --- parse and types ------------------------------------------------------ */

static void
test_types (void)
{
  static const struct { const char *yaml; const char *json; } cases[] = {
    { "true", "true" }, { "True", "true" }, { "TRUE", "true" }, { "false", "false" },
    { "FALSE", "false" }, { "tRUE", "\"tRUE\"" },
    { "yes", "\"yes\"" }, { "no", "\"no\"" }, { "on", "\"on\"" }, { "off", "\"off\"" },
    { "~", "null" }, { "null", "null" }, { "Null", "null" }, { "NULL", "null" }, { "", "null" },
    { "nULL", "\"nULL\"" },
    { "42", "42" }, { "-17", "-17" }, { "+12", "12" }, { "-0", "0" }, { "017", "17" },
    { "0x1F", "31" }, { "0o17", "15" }, { "0b101", "5" }, { "0x", "\"0x\"" },
    { "1_000", "\"1_000\"" }, { "9007199254740993", "9007199254740992" },
    { "1e3", "1000" }, { "1.5", "1.5" }, { ".5", "0.5" }, { "1.", "1" }, { "-.5", "\"-.5\"" },
    { "1.5e-7", "1.5e-7" }, { "0.000001", "0.000001" }, { "123456789012345678901234", "1.2345678901234569e+23" },
    { ".inf", "null" }, { "-.Inf", "null" }, { ".NaN", "null" }, { "1e400", "\"1e400\"" },
    { "2024-01-02", "\"2024-01-02T00:00:00.000Z\"" },
    { "2024-01-02T03:04:05Z", "\"2024-01-02T03:04:05.000Z\"" },
    { "2024-01-02t03:04:05.25Z", "\"2024-01-02T03:04:05.250Z\"" },
    { "2024-01-02 03:04:05", "\"2024-01-02T03:04:05.000Z\"" },
    { "2024-01-02 03:04:05 +08", "\"2024-01-01T19:04:05.000Z\"" },
    { "2024-01-02T03:04:05.1234+08:00", "\"2024-01-01T19:04:05.123Z\"" },
    { "2024-1-2 3:04:05", "\"2024-01-02T03:04:05.000Z\"" },
    { "2024-01-02T03:04:05+0800", "\"2024-01-02T03:04:05+0800\"" },
    { "12:30", "\"12:30\"" },
    { "\"true\"", "\"true\"" }, { "'42'", "\"42\"" }, { "\"2024-01-02\"", "\"2024-01-02\"" },
    { "\"\"", "\"\"" }, { "!!str 42", "\"42\"" }, { "!!int \"42\"", "42" },
    { "!!float 3", "3" }, { "! 12", "\"12\"" },
    { "\"a\\tb\\u00e9\\\"\"", "\"a\\tbé\\\"\"" }, { "'it''s'", "\"it's\"" },
    { "[a, 1, true]", "[\"a\",1,true]" }, { "{a: 1}", "{\"a\":1}" }, { "[]", "[]" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf ("---\nv: %s\n---\n", cases[i].yaml);

      g_test_message ("%s", cases[i].yaml);
      assert_value_json (text, "v", cases[i].json);
    }
}

static void
test_json (void)
{
  const char *text = "---\ntitle: \"Hi\"\ntags:\n  - a\n  - b\ncount: 3\nnested:\n  x: [1, {y: ~}]\n---\n";
  g_autoptr(BylineFrontmatter) fm = parse (text);
  g_autofree char *whole = byline_frontmatter_to_json (fm, NULL);
  g_autofree char *absent = byline_frontmatter_to_json (fm, "nope");

  g_assert_cmpstr (whole, ==,
                   "{\n  \"title\": \"Hi\",\n  \"tags\": [\n    \"a\",\n    \"b\"\n  ],\n"
                   "  \"count\": 3,\n  \"nested\": {\n    \"x\": [\n      1,\n      {\n"
                   "        \"y\": null\n      }\n    ]\n  }\n}");
  g_assert_null (absent);
  assert_value_json ("---\na: \"\\u0001\\\\\"\n---\n", "a", "\"\\u0001\\\\\"");
  assert_value_json ("no frontmatter\n", NULL, "{}");
  assert_value_json ("---\n---\n", NULL, "{}");
  assert_value_json ("---\n# only a comment\n---\n", NULL, "{}");
  /* Complex keys are named as JavaScript's String () names them. */
  assert_value_json ("---\n? {a: 1}\n: x\n? [a, 2, ~]\n: y\n---\n", NULL,
                     "{\"[object Object]\":\"x\",\"a,2,\":\"y\"}");
}

static void
test_block_scalars_and_wrapping (void)
{
  assert_value_json ("---\nd: |\n  a\n   b\n\n---\n", "d", "\"a\\n b\\n\"");
  assert_value_json ("---\nd: |-\n  a\n  b\n---\n", "d", "\"a\\nb\"");
  assert_value_json ("---\nd: |+\n  a\n\n\nx: 1\n---\n", "d", "\"a\\n\\n\\n\"");
  assert_value_json ("---\nd: >\n  a\n  b\n\n  c\n---\n", "d", "\"a b\\nc\\n\"");
  assert_value_json ("---\nd: >2\n    a\n  b\n---\n", "d", "\"  a\\nb\\n\"");
  assert_value_json ("---\nd: plain\n  wrapped\n  text\n---\n", "d", "\"plain wrapped text\"");
  assert_value_json ("---\nd:\n  on the next line\n---\n", "d", "\"on the next line\"");
}

static void
test_anchors (void)
{
  const char *text = "---\nbase: &b\n  x: 1\nname: &n Bob\nauthor: *n\nmore:\n  <<: *b\n  y: 2\n---\n";

  assert_value_json (text, "author", "\"Bob\"");
  assert_value_json (text, "more", "{\"x\":1,\"y\":2}");
  /* The anchored value is used elsewhere: changing it would change both. */
  check_edit_fails (text, OP_STRING, "name", "Alice", BYLINE_FRONTMATTER_ERROR_UNSUPPORTED);
  check_edit_fails (text, OP_UNSET, "name", NULL, BYLINE_FRONTMATTER_ERROR_UNSUPPORTED);
  /* The alias itself can be replaced: only that key changes. */
  check_edit (text, OP_STRING, "author", "Alice",
              "---\nbase: &b\n  x: 1\nname: &n Bob\nauthor: Alice\nmore:\n  <<: *b\n  y: 2\n---\n");
}

static void
test_spans (void)
{
  /* BOM, CRLF, a two-byte character before the value, a wrapped value, a
   * block list, a comment. */
  const char *text =
    "\xef\xbb\xbf---\r\n"
    "t\xc3\xa9: v  # c\r\n"
    "long: one\r\n  two\r\n"
    "tags:\r\n  - a\r\n  - b\r\n"
    "\r\n# about next\r\n"
    "d: |\r\n  x\r\n"
    "---\r\nBody";
  g_autoptr(BylineFrontmatter) fm = parse (text);
  const BylineEntry *e;
  gsize base = 3 + 5;
  guint column;

  g_assert_no_error ((GError *) byline_frontmatter_get_error (fm));
  g_assert_cmpuint (byline_frontmatter_get_n_entries (fm), ==, 4);

  e = byline_frontmatter_lookup (fm, "t\xc3\xa9");
  g_assert_nonnull (e);
  g_assert_cmpuint (e->start, ==, base);
  g_assert_cmpuint (e->key_node->start, ==, base);
  g_assert_cmpuint (e->key_node->end, ==, base + 3);
  g_assert_cmpuint (e->value->start, ==, base + 5);
  g_assert_cmpuint (e->value->end, ==, base + 6);
  g_assert_cmpuint (e->value->line, ==, 2);
  g_assert_cmpuint (e->value->column, ==, 5);  /* characters, not bytes */
  g_assert_cmpuint (e->comment_start, ==, base + 6);
  g_assert_cmpuint (e->comment_end, ==, base + 11);
  g_assert_cmpuint (e->end, ==, base + 13);

  e = byline_frontmatter_lookup (fm, "long");
  g_assert_cmpint (e->value->style, ==, BYLINE_STYLE_PLAIN);
  g_assert_cmpstr (e->value->string, ==, "one two");
  g_assert_cmpuint (e->start, ==, base + 13);
  g_assert_cmpuint (e->end, ==, base + 13 + 11 + 7);
  g_assert_cmpuint (e->comment_start, ==, 0);

  e = byline_frontmatter_lookup (fm, "tags");
  g_assert_cmpint (e->value->type, ==, BYLINE_VALUE_SEQUENCE);
  g_assert_cmpint (e->value->style, ==, BYLINE_STYLE_BLOCK);
  g_assert_cmpuint (e->end, ==, base + 31 + 7 + 7 + 7);
  g_assert_true (memcmp (text + e->end, "\r\n# about", 9) == 0);

  e = byline_frontmatter_lookup (fm, "d");
  g_assert_cmpint (e->value->style, ==, BYLINE_STYLE_LITERAL);
  g_assert_cmpstr (e->value->string, ==, "x\n");
  g_assert_true (memcmp (text + e->value->start, "|", 1) == 0);
  g_assert_true (memcmp (text + e->value->end - 1, "x", 1) == 0);
  g_assert_true (memcmp (text + e->end, "---\r\n", 5) == 0);
  g_assert_cmpuint (e->value->line, ==, 10);

  g_assert_cmpuint (byline_frontmatter_offset_to_line (fm, e->value->start, &column), ==, 10);
  g_assert_cmpuint (column, ==, 4);
}

/* --- errors --------------------------------------------------------------- */

static void
assert_error_at (const char *text,
                 int         code,
                 guint       line,
                 guint       column)
{
  g_autoptr(BylineFrontmatter) fm = byline_frontmatter_parse (text, strlen (text));
  const GError *error = byline_frontmatter_get_error (fm);
  guint l = 0;
  guint c = 0;

  g_assert_error ((GError *) error, BYLINE_FRONTMATTER_ERROR, code);
  g_assert_nonnull (error->message);
  g_assert_true (byline_frontmatter_get_error_position (fm, &l, &c, NULL));
  g_assert_cmpuint (l, ==, line);
  g_assert_cmpuint (c, ==, column);
  g_assert_null (byline_frontmatter_get_root (fm));
  g_assert_null (byline_frontmatter_to_json (fm, NULL));
  /* Every plan refuses; nothing is ever written over a broken block. */
  check_edit_fails (text, OP_BOOLEAN, "draft", "true", code);
  check_edit_fails (text, OP_UNSET, "title", NULL, code);
}

static void
test_errors (void)
{
  /* Malformed YAML: position in file coordinates (BOM and fence counted). */
  assert_error_at ("\xef\xbb\xbf---\ntitle: ok\nbad: [a, b\nnext: 1\n---\n",
                   BYLINE_FRONTMATTER_ERROR_SYNTAX, 4, 5);
  assert_error_at ("---\ntitle: a: b\n---\n", BYLINE_FRONTMATTER_ERROR_SYNTAX, 2, 9);
  assert_error_at ("---\r\nt\xc3\xa9: \"x\" y\r\n---\r\n", BYLINE_FRONTMATTER_ERROR_SYNTAX, 2, 9);
  assert_error_at ("---\ntitle: a\ndraft: true\ntitle: b\n---\n",
                   BYLINE_FRONTMATTER_ERROR_DUPLICATE_KEY, 4, 1);
  assert_error_at ("---\nouter:\n  a: 1\n  a: 2\n---\n",
                   BYLINE_FRONTMATTER_ERROR_DUPLICATE_KEY, 4, 3);
  assert_error_at ("---\n- a\n- b\n---\n", BYLINE_FRONTMATTER_ERROR_NOT_MAPPING, 2, 1);
  assert_error_at ("---\njust text\n---\n", BYLINE_FRONTMATTER_ERROR_NOT_MAPPING, 2, 1);
  assert_error_at ("---\ntitle: caf\xe9\n---\n", BYLINE_FRONTMATTER_ERROR_INVALID_UTF8, 2, 11);
  assert_error_at ("---\na: *nowhere\n---\n", BYLINE_FRONTMATTER_ERROR_SYNTAX, 2, 4);
  assert_error_at ("---\na: 1\n...\nb: 2\n---\n", BYLINE_FRONTMATTER_ERROR_SYNTAX, 4, 1);
  assert_error_at ("---\na: !!int abc\n---\n", BYLINE_FRONTMATTER_ERROR_SYNTAX, 2, 4);
  assert_error_at ("+++\ntitle = \"x\"\ntitle = \"y\"\n+++\n", BYLINE_FRONTMATTER_ERROR_DUPLICATE_KEY, 3, 1);
  /* libyaml reads an anchored empty key here, js-yaml an error: an error. */
  assert_error_at ("---\ntitle: x\n&pubDatetime: 2024-01-01\n---\n", BYLINE_FRONTMATTER_ERROR_SYNTAX, 3, 1);
  assert_error_at ("---\na: &x 1\nb: *x:\n---\n", BYLINE_FRONTMATTER_ERROR_SYNTAX, 3, 4);
}

static void
test_invalid_utf8_body (void)
{
  const char *text = "---\ntitle: x\n---\nbad \xff byte\n";
  g_autoptr(BylineFrontmatter) fm = parse (text);

  /* Only the block must be UTF-8 to be parsed; the body is reported. */
  g_assert_no_error ((GError *) byline_frontmatter_get_error (fm));
  g_assert_false (byline_frontmatter_is_valid_utf8 (fm));
  check_edit (text, OP_BOOLEAN, "draft", "false", "---\ntitle: x\ndraft: false\n---\nbad \xff byte\n");
}

/* --- identity ------------------------------------------------------------- */

static void
test_identity (void)
{
  static const char * const texts[] = {
    "", "body only", "---\n---\n", "\xef\xbb\xbf---\r\na: 1\r\n---",
    "---\na: |\n  x\n---\n---\n", "+++\na = 1\n+++\n", "---\nbad: [\n---\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(BylineFrontmatter) fm = byline_frontmatter_parse (texts[i], strlen (texts[i]));
      gsize len;
      const char *back = byline_frontmatter_get_text (fm, &len);

      g_assert_cmpuint (len, ==, strlen (texts[i]));
      g_assert_true (memcmp (back, texts[i], len) == 0);
    }
}

/* --- edits: strings ------------------------------------------------------- */

static void
test_set_string_styles (void)
{
  const char *doc = "---\ntitle: Hello\n---\n";

  check_edit (doc, OP_STRING, "title", "Bye now", "---\ntitle: Bye now\n---\n");
  check_edit (doc, OP_STRING, "title", "Colon: and #hash", "---\ntitle: \"Colon: and #hash\"\n---\n");
  check_edit (doc, OP_STRING, "title", "a #b", "---\ntitle: \"a #b\"\n---\n");
  check_edit (doc, OP_STRING, "title", "a#b: c", "---\ntitle: \"a#b: c\"\n---\n");
  check_edit (doc, OP_STRING, "title", "true", "---\ntitle: \"true\"\n---\n");
  check_edit (doc, OP_STRING, "title", "42", "---\ntitle: \"42\"\n---\n");
  check_edit (doc, OP_STRING, "title", "null", "---\ntitle: \"null\"\n---\n");
  check_edit (doc, OP_STRING, "title", "yes", "---\ntitle: \"yes\"\n---\n");
  check_edit (doc, OP_STRING, "title", "2024-01-02", "---\ntitle: \"2024-01-02\"\n---\n");
  check_edit (doc, OP_STRING, "title", "", "---\ntitle: \"\"\n---\n");
  check_edit (doc, OP_STRING, "title", " lead", "---\ntitle: \" lead\"\n---\n");
  check_edit (doc, OP_STRING, "title", "trail ", "---\ntitle: \"trail \"\n---\n");
  check_edit (doc, OP_STRING, "title", "- item", "---\ntitle: \"- item\"\n---\n");
  check_edit (doc, OP_STRING, "title", "*star", "---\ntitle: \"*star\"\n---\n");
  check_edit (doc, OP_STRING, "title", "say \"hi\"", "---\ntitle: say \"hi\"\n---\n");
  check_edit (doc, OP_STRING, "title", "\"hi\" she said", "---\ntitle: '\"hi\" she said'\n---\n");
  check_edit (doc, OP_STRING, "title", "two\nlines", "---\ntitle: \"two\\nlines\"\n---\n");
  check_edit (doc, OP_STRING, "title", "Ünïcödé ✓", "---\ntitle: Ünïcödé ✓\n---\n");

  /* Single quotes stay single, with '' escaping. */
  check_edit ("---\ntitle: 'Old'\n---\n", OP_STRING, "title", "It's: here",
              "---\ntitle: 'It''s: here'\n---\n");
  /* Double quotes stay double, with escapes. */
  check_edit ("---\ntitle: \"Old\"\n---\n", OP_STRING, "title", "plain",
              "---\ntitle: \"plain\"\n---\n");
  check_edit ("---\ntitle: \"Old\"\n---\n", OP_STRING, "title", "a \"q\" \\ b\tc",
              "---\ntitle: \"a \\\"q\\\" \\\\ b\\tc\"\n---\n");
  /* A value of another type becomes a string where it stands. */
  check_edit ("---\ntitle: 42\n---\n", OP_STRING, "title", "x", "---\ntitle: x\n---\n");
  check_edit ("---\ntitle:\n---\n", OP_STRING, "title", "x", "---\ntitle: x\n---\n");
  check_edit ("---\ntitle:   # later\n---\n", OP_STRING, "title", "x", "---\ntitle: x   # later\n---\n");
  /* Inline comments survive. */
  check_edit ("---\ntitle: Old  # keep me\n---\n", OP_STRING, "title", "New",
              "---\ntitle: New  # keep me\n---\n");
}

static void
test_set_string_wrapped (void)
{
  check_edit ("---\ntitle: This is a long title\n  that wraps once\nnext: 1\n---\n",
              OP_STRING, "title", "Short",
              "---\ntitle: Short\nnext: 1\n---\n");
  check_edit ("---\ntitle:\n  Training and saving models with CML on a self-hosted AWS EC2\n  runner\nnext: 1\n---\n",
              OP_STRING, "title", "Training and saving models with CML on a self-hosted GCP runner today",
              "---\ntitle:\n  Training and saving models with CML on a self-hosted GCP\n  runner today\nnext: 1\n---\n");
}

static void
test_set_block_scalars (void)
{
  /* Literal, clip: stays literal with its indentation. */
  check_edit ("---\nd: |\n    one\n    two\nx: 1\n---\n", OP_STRING, "d", "three\nfour\n",
              "---\nd: |\n    three\n    four\nx: 1\n---\n");
  /* Strip keeps its indicator when the value has no final newline. */
  check_edit ("---\nd: |-\n  one\nx: 1\n---\n", OP_STRING, "d", "a\nb",
              "---\nd: |-\n  a\n  b\nx: 1\n---\n");
  /* The chomping indicator changes only when the value needs it. */
  check_edit ("---\nd: |\n  one\nx: 1\n---\n", OP_STRING, "d", "no newline",
              "---\nd: |-\n  no newline\nx: 1\n---\n");
  /* Keep: trailing blank lines are the value's. */
  check_edit ("---\nd: |+\n  one\n\nx: 1\n---\n", OP_STRING, "d", "a\n\n\n",
              "---\nd: |+\n  a\n\n\nx: 1\n---\n");
  /* Explicit indentation indicator and a comment on the header. */
  check_edit ("---\nd: |2 # note\n    lead\n  x\nx: 1\n---\n", OP_STRING, "d", "  deep\nflat\n",
              "---\nd: |2 # note\n    deep\n  flat\nx: 1\n---\n");
  /* Folded: a line break in the value is a blank line in the text, and long
   * text wraps at the author's width. */
  check_edit ("---\ndescription: >-\n  Some long text that\n  wraps here.\n---\n", OP_STRING,
              "description", "New text\nsecond para",
              "---\ndescription: >-\n  New text\n\n  second para\n---\n");
  check_edit ("---\ndescription: >\n  one two three four five six seven eight nine ten eleven\n  x\n---\n",
              OP_STRING, "description",
              "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron\n",
              "---\ndescription: >\n  alpha beta gamma delta epsilon zeta eta theta iota\n"
              "  kappa lambda mu nu xi omicron\n---\n");
  /* What a block can't hold (a leading blank without an indicator) falls
   * back to double quotes rather than changing the value. */
  check_edit ("---\nd: >\n  x\n---\n", OP_STRING, "d", " lead",
              "---\nd: \" lead\"\n---\n");
}

/* --- edits: other types --------------------------------------------------- */

static void
test_set_boolean (void)
{
  check_edit ("---\ndraft: true  # flip later\n---\n", OP_BOOLEAN, "draft", "false",
              "---\ndraft: false  # flip later\n---\n");
  check_edit ("---\ndraft: no\n---\n", OP_BOOLEAN, "draft", "true", "---\ndraft: true\n---\n");
  check_edit ("---\ndraft: \"true\"\n---\n", OP_BOOLEAN, "draft", "true", "---\ndraft: true\n---\n");
  check_edit ("---\ndraft: |\n  text\nx: 1\n---\n", OP_BOOLEAN, "draft", "true",
              "---\ndraft: true\nx: 1\n---\n");
  check_edit ("---\ndraft:\n  - a\n  - b\nx: 1\n---\n", OP_BOOLEAN, "draft", "true",
              "---\ndraft: true\nx: 1\n---\n");
}

static void
test_set_timestamp (void)
{
  check_edit ("---\npubDatetime: 2022-09-23T15:22:00Z\n---\n", OP_TIMESTAMP, "pubDatetime",
              "2024-01-02T03:04:05Z", "---\npubDatetime: 2024-01-02T03:04:05Z\n---\n");
  check_edit ("---\npubDatetime: 2022-09-23T15:22:00.123Z\n---\n", OP_TIMESTAMP, "pubDatetime",
              "2024-01-02T03:04:05.5Z", "---\npubDatetime: 2024-01-02T03:04:05.500Z\n---\n");
  check_edit ("---\npubDatetime: 2022-09-23T15:22:00+08:00\n---\n", OP_TIMESTAMP, "pubDatetime",
              "2024-01-02T03:04:05Z", "---\npubDatetime: 2024-01-02T11:04:05+08:00\n---\n");
  /* A date-only style keeps a date (midnight UTC, as js-yaml reads one)... */
  check_edit ("---\ndate: 2022-09-23\n---\n", OP_TIMESTAMP, "date",
              "2024-01-02T00:00:00Z", "---\ndate: 2024-01-02\n---\n");
  /* ...but a time the user gave is never dropped: it is written with its
   * time, like the file's other timestamps when one has a time... */
  check_edit ("---\ndate: 2022-09-23\n---\n", OP_TIMESTAMP, "date",
              "2024-01-02T03:04:05Z", "---\ndate: 2024-01-02T03:04:05Z\n---\n");
  check_edit ("---\npubDatetime: 2022-09-23\nmodDatetime: 2022-09-24 10:00:00 +02:00\n---\n",
              OP_TIMESTAMP, "pubDatetime", "2024-02-03T04:05:06Z",
              "---\npubDatetime: 2024-02-03 06:05:06 +02:00\n"
              "modDatetime: 2022-09-24 10:00:00 +02:00\n---\n");
  /* ...and a new key next to date-only ones gets its time too */
  check_edit ("---\npubDatetime: 2022-09-23\n---\n", OP_TIMESTAMP, "modDatetime",
              "2024-02-03T04:05:06.5Z",
              "---\npubDatetime: 2022-09-23\nmodDatetime: 2024-02-03T04:05:06Z\n---\n");
  check_edit ("---\npubDatetime: 2022-09-23\n---\n", OP_TIMESTAMP, "modDatetime",
              "2024-02-03T00:00:00Z",
              "---\npubDatetime: 2022-09-23\nmodDatetime: 2024-02-03\n---\n");

  /* which keys a caller should give a day to, to keep the file's dates */
  {
    g_autoptr(BylineFrontmatter) dates = parse ("---\npubDatetime: 2022-09-23\ntitle: x\n---\n");
    g_autoptr(BylineFrontmatter) times = parse ("---\npubDatetime: 2022-09-23T01:02:03Z\n"
                                                "date: 2022-09-23\n---\n");
    g_autoptr(BylineFrontmatter) none = parse ("---\ntitle: x\n---\n");

    g_assert_true (byline_frontmatter_writes_date (dates, "pubDatetime"));
    g_assert_true (byline_frontmatter_writes_date (dates, "modDatetime"));
    g_assert_false (byline_frontmatter_writes_date (times, "pubDatetime"));
    g_assert_false (byline_frontmatter_writes_date (times, "modDatetime"));
    g_assert_true (byline_frontmatter_writes_date (times, "date"));
    g_assert_false (byline_frontmatter_writes_date (none, "modDatetime"));
  }
  /* A new modDatetime looks like pubDatetime, and goes right after it. */
  check_edit ("---\ntitle: x\npubDatetime: 2022-09-23 15:22:00 +08:00\ndraft: true\n---\n",
              OP_TIMESTAMP, "modDatetime", "2024-01-02T03:04:05Z",
              "---\ntitle: x\npubDatetime: 2022-09-23 15:22:00 +08:00\n"
              "modDatetime: 2024-01-02 11:04:05 +08:00\ndraft: true\n---\n");
  /* A quoted date (a string to zod) becomes a real timestamp. */
  check_edit ("---\npubDatetime: \"2022-09-23T15:22:00Z\"\n---\n", OP_TIMESTAMP, "pubDatetime",
              "2024-01-02T03:04:05Z", "---\npubDatetime: 2024-01-02T03:04:05Z\n---\n");
}

static void
test_set_list (void)
{
  const char *block = "---\ntags:\n  - docs\n  - \"release\" # why\nx: 1\n---\n";
  const char *zero = "---\ntags:\n- a\n- b\n---\n";
  const char *flow = "---\ntags: [ a, \"b c\" ]  # c\n---\n";

  /* Adding one tag adds one line; removing one removes one line. */
  check_edit (block, OP_LIST, "tags", "docs|release|new",
              "---\ntags:\n  - docs\n  - \"release\" # why\n  - new\nx: 1\n---\n");
  check_edit (block, OP_LIST, "tags", "release",
              "---\ntags:\n  - \"release\" # why\nx: 1\n---\n");
  check_edit (block, OP_LIST, "tags", "first|docs|release",
              "---\ntags:\n  - first\n  - docs\n  - \"release\" # why\nx: 1\n---\n");
  check_edit (block, OP_LIST, "tags", "", "---\ntags: []\nx: 1\n---\n");
  check_edit (zero, OP_LIST, "tags", "a|b|c: d", "---\ntags:\n- a\n- b\n- \"c: d\"\n---\n");
  check_edit (zero, OP_LIST, "tags", "b", "---\ntags:\n- b\n---\n");
  /* Flow lists stay flow, spacing kept. */
  check_edit (flow, OP_LIST, "tags", "a|b c|d,e",
              "---\ntags: [ a, \"b c\", \"d,e\" ]  # c\n---\n");
  check_edit (flow, OP_LIST, "tags", "b c", "---\ntags: [ \"b c\" ]  # c\n---\n");
  /* A new list follows the file's list style. */
  check_edit ("---\ncats:\n- x\ntitle: t\n---\n", OP_LIST, "tags", "a|b",
              "---\ncats:\n- x\ntitle: t\ntags:\n- a\n- b\n---\n");
  check_edit ("---\ntitle: t\n---\n", OP_LIST, "tags", "a|true",
              "---\ntitle: t\ntags:\n  - a\n  - \"true\"\n---\n");
  /* A scalar becomes a list. */
  check_edit ("---\ntags: one\nx: 1\n---\n", OP_LIST, "tags", "one|two",
              "---\ntags:\n  - one\n  - two\nx: 1\n---\n");
}

static void
test_insert (void)
{
  /* At the key-order position, with CRLF and the file's indentation. */
  check_edit ("---\r\ntitle: x\r\ntags:\r\n  - a\r\n---\r\nBody\r\n", OP_BOOLEAN, "draft", "true",
              "---\r\ntitle: x\r\ndraft: true\r\ntags:\r\n  - a\r\n---\r\nBody\r\n");
  check_edit ("---\r\ntitle: x\r\n---\r\n", OP_LIST, "tags", "a|b",
              "---\r\ntitle: x\r\ntags:\r\n  - a\r\n  - b\r\n---\r\n");
  /* Before the first key in order when nothing precedes it. */
  check_edit ("---\n# top comment\ntitle: x\n---\n", OP_STRING, "author", "Me",
              "---\n# top comment\nauthor: Me\ntitle: x\n---\n");
  /* Unknown keys go at the end, after trailing comments. */
  check_edit ("---\ntitle: x\n# end\n---\n", OP_STRING, "custom", "v",
              "---\ntitle: x\n# end\ncustom: v\n---\n");
  /* Empty frontmatter, no final newline, BOM. */
  check_edit ("---\n---\n", OP_STRING, "title", "T", "---\ntitle: T\n---\n");
  check_edit ("---\ntitle: x\n---", OP_BOOLEAN, "draft", "false", "---\ntitle: x\ndraft: false\n---");
  /* No frontmatter: a new block at the top, after a BOM. */
  check_edit ("\xef\xbb\xbf# Heading\r\n", OP_STRING, "title", "T",
              "\xef\xbb\xbf---\r\ntitle: T\r\n---\r\n# Heading\r\n");
  check_edit ("", OP_BOOLEAN, "draft", "true", "---\ndraft: true\n---\n");
  check_edit ("Just text", OP_LIST, "tags", "a", "---\ntags:\n  - a\n---\nJust text");
  /* A key that needs quoting. */
  check_edit ("---\na: 1\n---\n", OP_STRING, "odd: key", "v", "---\na: 1\n\"odd: key\": v\n---\n");
}

static void
test_unset (void)
{
  const char *text =
    "---\ntitle: x\ndescription: >\n  long\n  text\n# about tags\ntags:\n  - a\n  - b\n"
    "nested:\n  a: 1\n  b: [1,\n    2]\nlast: wrapped\n  value\n---\nBody\n";

  check_edit (text, OP_UNSET, "description", NULL,
              "---\ntitle: x\n# about tags\ntags:\n  - a\n  - b\n"
              "nested:\n  a: 1\n  b: [1,\n    2]\nlast: wrapped\n  value\n---\nBody\n");
  check_edit (text, OP_UNSET, "tags", NULL,
              "---\ntitle: x\ndescription: >\n  long\n  text\n# about tags\n"
              "nested:\n  a: 1\n  b: [1,\n    2]\nlast: wrapped\n  value\n---\nBody\n");
  check_edit (text, OP_UNSET, "nested", NULL,
              "---\ntitle: x\ndescription: >\n  long\n  text\n# about tags\ntags:\n  - a\n  - b\n"
              "last: wrapped\n  value\n---\nBody\n");
  check_edit (text, OP_UNSET, "last", NULL,
              "---\ntitle: x\ndescription: >\n  long\n  text\n# about tags\ntags:\n  - a\n  - b\n"
              "nested:\n  a: 1\n  b: [1,\n    2]\n---\nBody\n");
  check_edit ("---\nd: |+\n  a\n\n\nx: 1\n---\n", OP_UNSET, "d", NULL, "---\nx: 1\n---\n");
  check_edit ("---\nonly: 1\n---\n", OP_UNSET, "only", NULL, "---\n---\n");

  /* Absent key, or no frontmatter at all: an edit that does nothing. */
  {
    g_autoptr(BylineFrontmatter) fm = parse (text);
    g_autoptr(BylineFrontmatter) none = parse ("body\n");
    g_autoptr(GError) error = NULL;
    g_autoptr(BylineTextEdit) edit = byline_frontmatter_plan_unset (fm, "absent", &error);
    g_autoptr(BylineTextEdit) edit2 = byline_frontmatter_plan_unset (none, "title", &error);

    g_assert_no_error (error);
    g_assert_cmpuint (edit->offset, ==, 0);
    g_assert_cmpuint (edit->length, ==, 0);
    g_assert_cmpstr (edit->text, ==, "");
    g_assert_cmpuint (edit2->length, ==, 0);
    g_assert_cmpstr (edit2->text, ==, "");
  }
}

static void
test_set_null_and_raw (void)
{
  check_edit ("---\nmodDatetime: 2022-09-23T15:22:00Z\n---\n", OP_NULL, "modDatetime", NULL,
              "---\nmodDatetime: null\n---\n");
  check_edit ("---\nx: 1\n---\n", OP_RAW, "tags", "[a, \"b c\"]", "---\nx: 1\ntags: [a, \"b c\"]\n---\n");
  check_edit ("---\nauthor: x\n---\n", OP_RAW, "author", "{name: Me, url: \"https://x\"}",
              "---\nauthor: {name: Me, url: \"https://x\"}\n---\n");
  check_edit ("---\nx: 1\n---\n", OP_RAW, "list", "- a\n- b\n", "---\nx: 1\nlist:\n  - a\n  - b\n---\n");
  check_edit ("---\nx: 1\n---\n", OP_RAW, "d", "|\n  text\n", "---\nx: 1\nd: |\n    text\n---\n");
  check_edit_fails ("---\nx: 1\n---\n", OP_RAW, "tags", "[a", BYLINE_FRONTMATTER_ERROR_INVALID_VALUE);
  check_edit_fails ("---\nx: 1\n---\n", OP_RAW, "tags", "a: b\nc", BYLINE_FRONTMATTER_ERROR_INVALID_VALUE);
  check_edit_fails ("---\nx: 1\n---\n", OP_STRING, "t", "bad \xff", BYLINE_FRONTMATTER_ERROR_INVALID_VALUE);
}


/* Nested keys: @dotted is split at dots into the path. @value NULL unsets;
 * "=raw" sets raw; else a string. @expected NULL: the plan must fail. */
static void
check_path_edit (const char *text,
                 const char *dotted,
                 const char *value,
                 const char *expected)
{
  g_autoptr(BylineFrontmatter) fm = parse (text);
  g_auto(GStrv) path = g_strsplit (dotted, ".", -1);
  g_autoptr(GError) error = NULL;
  g_autoptr(BylineTextEdit) edit = NULL;
  g_autofree char *after = NULL;
  gsize len;

  if (value == NULL)
    edit = byline_frontmatter_plan_unset_path (fm, (const char * const *) path, &error);
  else if (value[0] == '=')
    edit = byline_frontmatter_plan_set_raw_path (fm, (const char * const *) path, value + 1, &error);
  else
    edit = byline_frontmatter_plan_set_string_path (fm, (const char * const *) path, value, &error);

  if (expected == NULL)
    {
      g_assert_null (edit);
      g_assert_error (error, BYLINE_FRONTMATTER_ERROR, BYLINE_FRONTMATTER_ERROR_UNSUPPORTED);
      return;
    }
  g_assert_no_error (error);
  g_assert_nonnull (edit);
  after = byline_text_edit_apply (edit, text, strlen (text), &len);
  g_assert_cmpstr (after, ==, expected);
}

static void
test_nested_yaml (void)
{
  const char *text =
    "---\ntitle: T # keep\nauthor:\n  name: Ada   # who\n  social:\n    mastodon: \"@ada\"\n"
    "seo: {title: x, noindex: false}\nempty:\ndraft: false\n---\nBody\n";

  /* in place, two levels down, keeping the comment and the quotes */
  check_path_edit (text, "author.name", "Grace",
                   "---\ntitle: T # keep\nauthor:\n  name: Grace   # who\n  social:\n    mastodon: \"@ada\"\n"
                   "seo: {title: x, noindex: false}\nempty:\ndraft: false\n---\nBody\n");
  check_path_edit (text, "author.social.mastodon", "@grace",
                   "---\ntitle: T # keep\nauthor:\n  name: Ada   # who\n  social:\n    mastodon: \"@grace\"\n"
                   "seo: {title: x, noindex: false}\nempty:\ndraft: false\n---\nBody\n");
  /* a new key at the end of its mapping, with its indentation */
  check_path_edit (text, "author.url", "https://ada.example",
                   "---\ntitle: T # keep\nauthor:\n  name: Ada   # who\n  social:\n    mastodon: \"@ada\"\n"
                   "  url: https://ada.example\n"
                   "seo: {title: x, noindex: false}\nempty:\ndraft: false\n---\nBody\n");
  /* a flow mapping: in place, quoted where a comma would split it */
  check_path_edit (text, "seo.title", "a, b",
                   "---\ntitle: T # keep\nauthor:\n  name: Ada   # who\n  social:\n    mastodon: \"@ada\"\n"
                   "seo: {title: \"a, b\", noindex: false}\nempty:\ndraft: false\n---\nBody\n");
  check_path_edit (text, "seo.noindex", "=true",
                   "---\ntitle: T # keep\nauthor:\n  name: Ada   # who\n  social:\n    mastodon: \"@ada\"\n"
                   "seo: {title: x, noindex: true}\nempty:\ndraft: false\n---\nBody\n");
  /* null, and absent, mappings on the way are written out */
  check_path_edit (text, "empty.inner", "v",
                   "---\ntitle: T # keep\nauthor:\n  name: Ada   # who\n  social:\n    mastodon: \"@ada\"\n"
                   "seo: {title: x, noindex: false}\nempty:\n  inner: v\ndraft: false\n---\nBody\n");
  check_path_edit (text, "extra.deep.key", "v",
                   "---\ntitle: T # keep\nauthor:\n  name: Ada   # who\n  social:\n    mastodon: \"@ada\"\n"
                   "seo: {title: x, noindex: false}\nempty:\ndraft: false\nextra:\n  deep:\n    key: v\n"
                   "---\nBody\n");
  /* removed: a line; a mapping's last key leaves it an object */
  check_path_edit (text, "author.name", NULL,
                   "---\ntitle: T # keep\nauthor:\n  social:\n    mastodon: \"@ada\"\n"
                   "seo: {title: x, noindex: false}\nempty:\ndraft: false\n---\nBody\n");
  check_path_edit (text, "author.social.mastodon", NULL,
                   "---\ntitle: T # keep\nauthor:\n  name: Ada   # who\n  social: {}\n"
                   "seo: {title: x, noindex: false}\nempty:\ndraft: false\n---\nBody\n");
  /* refused: a key in a one-line mapping removed or added, a scalar on the
   * way, an anchored mapping aliases share */
  check_path_edit (text, "seo.title", NULL, NULL);
  check_path_edit (text, "seo.new", "v", NULL);
  check_path_edit (text, "title.sub", "v", NULL);
  check_path_edit ("---\nbase: &b\n  a: 1\nother: *b\n---\n", "base.a", "2", NULL);
  /* CRLF stays CRLF */
  check_path_edit ("---\r\na:\r\n  b: 1\r\n---\r\n", "a.c", "x",
                   "---\r\na:\r\n  b: 1\r\n  c: x\r\n---\r\n");
}

static void
test_nested_toml (void)
{
  const char *text =
    "+++\ntitle = \"T\"\nsite.name = \"Ex\" # who\npoint = { x = 1, y = 2 }\n\n[params]\n"
    "  author = \"Ada\"\n  [params.social]\n    mastodon = \"@ada\"\n+++\nBody\n";

  check_path_edit (text, "params.author", "Grace",
                   "+++\ntitle = \"T\"\nsite.name = \"Ex\" # who\npoint = { x = 1, y = 2 }\n\n[params]\n"
                   "  author = \"Grace\"\n  [params.social]\n    mastodon = \"@ada\"\n+++\nBody\n");
  check_path_edit (text, "params.social.mastodon", "@grace",
                   "+++\ntitle = \"T\"\nsite.name = \"Ex\" # who\npoint = { x = 1, y = 2 }\n\n[params]\n"
                   "  author = \"Ada\"\n  [params.social]\n    mastodon = \"@grace\"\n+++\nBody\n");
  check_path_edit (text, "site.name", "Other",
                   "+++\ntitle = \"T\"\nsite.name = \"Other\" # who\npoint = { x = 1, y = 2 }\n\n[params]\n"
                   "  author = \"Ada\"\n  [params.social]\n    mastodon = \"@ada\"\n+++\nBody\n");
  check_path_edit (text, "point.y", "=5",
                   "+++\ntitle = \"T\"\nsite.name = \"Ex\" # who\npoint = { x = 1, y = 5 }\n\n[params]\n"
                   "  author = \"Ada\"\n  [params.social]\n    mastodon = \"@ada\"\n+++\nBody\n");
  /* a new key: after the table's last key, before its sub-table */
  check_path_edit (text, "params.math", "=true",
                   "+++\ntitle = \"T\"\nsite.name = \"Ex\" # who\npoint = { x = 1, y = 2 }\n\n[params]\n"
                   "  author = \"Ada\"\n  math = true\n  [params.social]\n    mastodon = \"@ada\"\n+++\nBody\n");
  check_path_edit (text, "params.author", NULL,
                   "+++\ntitle = \"T\"\nsite.name = \"Ex\" # who\npoint = { x = 1, y = 2 }\n\n[params]\n"
                   "  [params.social]\n    mastodon = \"@ada\"\n+++\nBody\n");
  /* only into a [table] */
  check_path_edit (text, "site.url", "u", NULL);
  check_path_edit (text, "point.z", "=3", NULL);
  check_path_edit (text, "point.x", NULL, NULL);
}

static void
test_refusals (void)
{
  /* A flow mapping as the whole block, and explicit keys, can't be edited
   * in place without rewriting more than the entry. */
  check_edit_fails ("---\n{title: x}\n---\n", OP_STRING, "title", "y",
                    BYLINE_FRONTMATTER_ERROR_UNSUPPORTED);
  check_edit_fails ("---\n? title\n: x\n---\n", OP_STRING, "title", "y",
                    BYLINE_FRONTMATTER_ERROR_UNSUPPORTED);
}

static void
test_more_edge_cases (void)
{
  /* Quoted keys, nested mappings and comments between entries. */
  check_edit ("---\n\"title\": 'x'\nmeta:\n  a: 1\n\n# c\ndraft: true\n---\n", OP_STRING, "title", "y",
              "---\n\"title\": 'y'\nmeta:\n  a: 1\n\n# c\ndraft: true\n---\n");
  check_edit ("---\n\"title\": 'x'\nmeta:\n  a: 1\n\n# c\ndraft: true\n---\n", OP_UNSET, "meta", NULL,
              "---\n\"title\": 'x'\n\n# c\ndraft: true\n---\n");
  /* CRLF removal takes the whole line, break included. */
  check_edit ("---\r\na: 1\r\nb: |\r\n  x\r\n  y\r\nc: 3\r\n---\r\n", OP_UNSET, "b", NULL,
              "---\r\na: 1\r\nc: 3\r\n---\r\n");
  /* CRLF block scalar edit keeps CRLF. */
  check_edit ("---\r\nb: |\r\n  x\r\nc: 3\r\n---\r\n", OP_STRING, "b", "p\nq\n",
              "---\r\nb: |\r\n  p\r\n  q\r\nc: 3\r\n---\r\n");
  /* An indented root keeps its indentation for new keys. */
  check_edit ("---\n  title: x\n---\n", OP_BOOLEAN, "draft", "true", "---\n  title: x\n  draft: true\n---\n");
  /* Unused anchors and tags go with the value they were on. */
  check_edit ("---\ntitle: &t !!str Hello\n---\n", OP_STRING, "title", "Bye", "---\ntitle: Bye\n---\n");
  /* Without a key order, new keys go at the end. */
  {
    const char *text = "---\ndraft: true\ntitle: x\n---\n";
    g_autoptr(BylineFrontmatter) fm = byline_frontmatter_parse (text, strlen (text));
    g_autoptr(GError) error = NULL;
    g_autoptr(BylineTextEdit) edit = byline_frontmatter_plan_set_string (fm, "author", "Me", &error);

    g_assert_no_error (error);
    g_assert_cmpuint (edit->offset, ==, strlen ("---\ndraft: true\ntitle: x\n"));
    g_assert_cmpstr (edit->text, ==, "author: Me\n");
  }
  /* A NUL byte in the block is reported, not parsed. */
  {
    const char text[] = "---\na: x\0y\n---\n";
    g_autoptr(BylineFrontmatter) fm = byline_frontmatter_parse (text, sizeof text - 1);
    guint line;
    guint column;

    g_assert_error ((GError *) byline_frontmatter_get_error (fm), BYLINE_FRONTMATTER_ERROR,
                    BYLINE_FRONTMATTER_ERROR_INVALID_UTF8);
    g_assert_true (byline_frontmatter_get_error_position (fm, &line, &column, NULL));
    g_assert_cmpuint (line, ==, 2);
    g_assert_cmpuint (column, ==, 5);
    g_assert_false (byline_frontmatter_is_valid_utf8 (fm));
  }
  /* Non-ASCII text before a value: spans are bytes, columns characters. */
  {
    const char *text = "---\nt: \xc3\xa9\xc3\xa9 x\nu: y\n---\n";
    g_autoptr(BylineFrontmatter) fm = parse (text);
    const BylineEntry *u = byline_frontmatter_lookup (fm, "u");

    g_assert_cmpuint (u->value->start, ==, strlen ("---\nt: \xc3\xa9\xc3\xa9 x\nu: "));
    check_edit (text, OP_STRING, "t", "\xc3\xa9", "---\nt: \xc3\xa9\nu: y\n---\n");
  }
}

/* The benchmark's figure, checked loosely here so a regression shows. */
static void
test_parse_take (void)
{
  const char *text = "---\ntitle: Hi\ndraft: true\n---\nBody\n";
  char *owned = g_strdup (text);
  g_autoptr(BylineFrontmatter) copied = byline_frontmatter_parse (text, strlen (text));
  g_autoptr(BylineFrontmatter) taken = byline_frontmatter_parse_take (owned, strlen (owned));
  g_autofree char *json_copied = byline_frontmatter_to_json (copied, NULL);
  g_autofree char *json_taken = byline_frontmatter_to_json (taken, NULL);
  gsize len = 0;

  /* The text is kept, not copied, and reads exactly as a copy would. */
  g_assert_true (byline_frontmatter_get_text (taken, &len) == owned);
  g_assert_cmpuint (len, ==, strlen (text));
  g_assert_cmpstr (json_taken, ==, json_copied);
  g_assert_true (byline_frontmatter_lookup (taken, "draft")->value->boolean);
}

static void
test_positions_after_bom (void)
{
  const char *text = "\xef\xbb\xbf---\r\ntitle: [\r\n---\r\nBody\r\n";
  g_autoptr(BylineFrontmatter) fm = byline_frontmatter_parse (text, strlen (text));
  guint line;
  guint column;

  /* The BOM is no character an editor shows: the fence starts at 1:1. */
  g_assert_cmpuint (byline_frontmatter_offset_to_line (fm, 3, &column), ==, 1);
  g_assert_cmpuint (column, ==, 1);
  g_assert_cmpuint (byline_frontmatter_offset_to_line (fm, 4, &column), ==, 1);
  g_assert_cmpuint (column, ==, 2);
  g_assert_cmpuint (byline_frontmatter_offset_to_line (fm, 0, &column), ==, 1);
  g_assert_cmpuint (column, ==, 1);
  /* Later lines are not shifted. */
  g_assert_cmpuint (byline_frontmatter_offset_to_line (fm, 9, &column), ==, 2);
  g_assert_cmpuint (column, ==, 2);
  g_assert_nonnull (byline_frontmatter_get_error (fm));
  g_assert_true (byline_frontmatter_get_error_position (fm, &line, &column, NULL));
  g_assert_cmpuint (line, >=, 2);
}

/* Which heads of a long text parse as the whole text would. */
static void
test_head_is_enough (void)
{
  static const struct {
    const char *head;
    gboolean    enough;
  } cases[] = {
    { "---\ntitle: A\n---\nBody", TRUE },
    { "---\r\ntitle: A\r\n---\r\nBody", TRUE },
    { "\xEF\xBB\xBF---\ntitle: A\n---\n", FALSE },   /* nothing after the break yet */
    { "\xEF\xBB\xBF---\ntitle: A\n---\nB", TRUE },
    { "---\ntitle: A\n---", FALSE },                  /* "---x" could follow */
    { "---\ntitle: A\n", FALSE },                     /* not closed yet */
    { "---\ntitle: A\n...\n", FALSE },               /* "..." doesn't close */
    { "+++\ntitle = 'A'\n+++\nBody", TRUE },
    { "Just a body", TRUE },
    { "\n---\ntitle: A\n---\n", TRUE },              /* a fence not on line 1 */
    { "--", FALSE },
    { "", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(BylineFrontmatter) fm = byline_frontmatter_parse (cases[i].head, strlen (cases[i].head));

      g_test_message ("%u: %s", i, cases[i].head);
      g_assert_cmpint (byline_frontmatter_head_is_enough (fm), ==, cases[i].enough);
    }
}

/* Aliases that make a value hold itself, or repeat it a billion times, are
 * refused or left unprinted, in bounded time: libFuzzer found the first
 * making `byline get` (and an edit's check) run out of memory. */
static void
test_alias_bombs (void)
{
  const char *loop = "---\na: &x\n b: *x\ntitle: t\n---\n";
  g_autoptr(GString) bomb = g_string_new ("---\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
  g_autoptr(BylineFrontmatter) fm = byline_frontmatter_parse (loop, strlen (loop));
  g_autoptr(BylineFrontmatter) big = NULL;
  g_autofree char *title = NULL;

  g_assert_error ((GError *) byline_frontmatter_get_error (fm), BYLINE_FRONTMATTER_ERROR,
                  BYLINE_FRONTMATTER_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (byline_frontmatter_get_error (fm)->message, "*x"));

  for (guint i = 1; i < 10; i++)
    {
      g_string_append_printf (bomb, "a%u: &a%u [", i, i);
      for (guint j = 0; j < 10; j++)
        g_string_append_printf (bomb, "%s*a%u", j > 0 ? ", " : "", i - 1);
      g_string_append (bomb, "]\n");
    }
  g_string_append (bomb, "title: t\n---\n");
  big = byline_frontmatter_parse (bomb->str, bomb->len);
  g_assert_no_error ((GError *) byline_frontmatter_get_error (big));
  g_assert_null (byline_frontmatter_to_json (big, NULL));
  g_assert_null (byline_frontmatter_to_json (big, "a9"));
  title = byline_frontmatter_to_json (big, "title");
  g_assert_cmpstr (title, ==, "\"t\"");

  /* The same bomb as a key: js-yaml names a list key by its items ("a,b")
   * and refuses one holding a list, before it would name a billion. */
  {
    const char *flat = "---\n? [a, {x: 1}, 3]\n: 1\n---\n";
    g_autoptr(BylineFrontmatter) named = byline_frontmatter_parse (flat, strlen (flat));
    g_autoptr(BylineFrontmatter) keyed = NULL;

    g_assert_no_error ((GError *) byline_frontmatter_get_error (named));
    g_assert_nonnull (byline_frontmatter_lookup (named, "a,[object Object],3"));

    g_string_truncate (bomb, bomb->len - strlen ("title: t\n---\n"));
    g_string_append (bomb, "big: {? *a9 : 1}\ntitle: t\n---\n");
    keyed = byline_frontmatter_parse (bomb->str, bomb->len);
    g_assert_error ((GError *) byline_frontmatter_get_error (keyed), BYLINE_FRONTMATTER_ERROR,
                    BYLINE_FRONTMATTER_ERROR_SYNTAX);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/frontmatter/split/basic", test_split_basic);
  g_test_add_func ("/frontmatter/parse/alias-bombs", test_alias_bombs);
  g_test_add_func ("/frontmatter/edit/nested-yaml", test_nested_yaml);
  g_test_add_func ("/frontmatter/edit/nested-toml", test_nested_toml);
  g_test_add_func ("/frontmatter/split/bom-crlf-blanks", test_split_bom_crlf_blanks);
  g_test_add_func ("/frontmatter/split/edge-cases", test_split_edge_cases);
  g_test_add_func ("/frontmatter/parse/lone-cr", test_lone_cr);
  g_test_add_func ("/frontmatter/parse/unicode-line-separators", test_unicode_line_separators);
  g_test_add_func ("/frontmatter/parse/explicit-key-spans", test_explicit_key_spans);
  g_test_add_func ("/frontmatter/split/huge", test_split_huge);
  g_test_add_func ("/frontmatter/split/reads-no-body", test_split_reads_no_body);
  g_test_add_func ("/frontmatter/parse/types", test_types);
  g_test_add_func ("/frontmatter/parse/json", test_json);
  g_test_add_func ("/frontmatter/parse/block-scalars", test_block_scalars_and_wrapping);
  g_test_add_func ("/frontmatter/parse/anchors", test_anchors);
  g_test_add_func ("/frontmatter/parse/spans", test_spans);
  g_test_add_func ("/frontmatter/parse/errors", test_errors);
  g_test_add_func ("/frontmatter/parse/invalid-utf8-body", test_invalid_utf8_body);
  g_test_add_func ("/frontmatter/parse/identity", test_identity);
  g_test_add_func ("/frontmatter/parse/positions-after-bom", test_positions_after_bom);
  g_test_add_func ("/frontmatter/parse/take", test_parse_take);
  g_test_add_func ("/frontmatter/edit/string-styles", test_set_string_styles);
  g_test_add_func ("/frontmatter/edit/string-wrapped", test_set_string_wrapped);
  g_test_add_func ("/frontmatter/edit/block-scalars", test_set_block_scalars);
  g_test_add_func ("/frontmatter/edit/boolean", test_set_boolean);
  g_test_add_func ("/frontmatter/edit/timestamp", test_set_timestamp);
  g_test_add_func ("/frontmatter/edit/list", test_set_list);
  g_test_add_func ("/frontmatter/edit/insert", test_insert);
  g_test_add_func ("/frontmatter/edit/unset", test_unset);
  g_test_add_func ("/frontmatter/edit/null-and-raw", test_set_null_and_raw);
  g_test_add_func ("/frontmatter/edit/refusals", test_refusals);
  g_test_add_func ("/frontmatter/edit/more-edge-cases", test_more_edge_cases);
  g_test_add_func ("/frontmatter/head-is-enough", test_head_is_enough);

  return g_test_run ();
}
