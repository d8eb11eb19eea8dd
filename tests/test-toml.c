/* test-toml.c: TOML frontmatter (+++): reading, errors and edits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "byline-frontmatter.h"

static BylineFrontmatter *
parse (const char *text)
{
  return byline_frontmatter_parse (text, strlen (text));
}

static BylineFrontmatter *
parse_ok (const char *text)
{
  BylineFrontmatter *fm = parse (text);

  g_assert_no_error ((GError *) byline_frontmatter_get_error (fm));
  return fm;
}

static const BylineNode *
value_of (BylineFrontmatter *fm,
          const char        *key)
{
  const BylineEntry *entry = byline_frontmatter_lookup (fm, key);

  g_assert_nonnull (entry);
  return entry->value;
}

static void
assert_json (const char *text,
             const char *key,
             const char *expected)
{
  g_autoptr(BylineFrontmatter) fm = parse_ok (text);
  g_autofree char *json = byline_frontmatter_to_json (fm, key);

  g_assert_cmpstr (json, ==, expected);
}

/* --- values ----------------------------------------------------------------- */

static void
test_scalars (void)
{
  const char *text =
    "+++\n"
    "s = \"tab\\there \\\"q\\\" \\\\ \\u00e9 \\U0001F389\"\n"
    "lit = 'C:\\path'\n"
    "ml = \"\"\"\nline one\nline \\\n   two\"\"\"\n"
    "mll = '''\nraw \\n\n'''\n"
    "quotes = \"\"\"a \"\"quoted\"\" b\"\"\"\"\n"
    "t = true\n"
    "f = false\n"
    "i = -1_234\n"
    "hex = 0xdead_BEEF\n"
    "oct = 0o17\n"
    "bin = 0b101\n"
    "max = 9223372036854775807\n"
    "x = 6.5e-3\n"
    "ninf = -inf\n"
    "n = nan\n"
    "+++\n";
  g_autoptr(BylineFrontmatter) fm = parse_ok (text);
  const BylineNode *node;

  node = value_of (fm, "s");
  g_assert_cmpint (node->type, ==, BYLINE_VALUE_STRING);
  g_assert_cmpint (node->style, ==, BYLINE_STYLE_DOUBLE_QUOTED);
  g_assert_cmpstr (node->string, ==, "tab\there \"q\" \\ \xc3\xa9 \xf0\x9f\x8e\x89");
  node = value_of (fm, "lit");
  g_assert_cmpint (node->style, ==, BYLINE_STYLE_SINGLE_QUOTED);
  g_assert_cmpstr (node->string, ==, "C:\\path");
  g_assert_cmpstr (value_of (fm, "ml")->string, ==, "line one\nline two");
  g_assert_cmpstr (value_of (fm, "mll")->string, ==, "raw \\n\n");
  g_assert_cmpstr (value_of (fm, "quotes")->string, ==, "a \"\"quoted\"\" b\"");
  g_assert_true (value_of (fm, "t")->boolean);
  g_assert_cmpint (value_of (fm, "f")->type, ==, BYLINE_VALUE_BOOLEAN);
  g_assert_false (value_of (fm, "f")->boolean);
  g_assert_cmpint (value_of (fm, "i")->integer, ==, -1234);
  g_assert_cmpint (value_of (fm, "hex")->integer, ==, 0xdeadbeef);
  g_assert_cmpint (value_of (fm, "oct")->integer, ==, 15);
  g_assert_cmpint (value_of (fm, "bin")->integer, ==, 5);
  g_assert_cmpint (value_of (fm, "max")->integer, ==, G_MAXINT64);
  g_assert_cmpint (value_of (fm, "x")->type, ==, BYLINE_VALUE_FLOAT);
  g_assert_cmpfloat (value_of (fm, "x")->number, ==, 6.5e-3);
  g_assert_cmpfloat (value_of (fm, "ninf")->number, <, -1e308);
  g_assert_true (isnan (value_of (fm, "n")->number));
}

/* Dates print as smol-toml's TomlDate does; the instant is kept. */
static void
test_dates (void)
{
  const char *text =
    "+++\n"
    "z = 1979-05-27T07:32:00Z\n"
    "off = 1979-05-27T00:32:00.999999-07:00\n"
    "space = 1979-05-27 07:32:00z\n"
    "ldt = 1979-05-27T07:32:00\n"
    "ld = 1979-05-27\n"
    "lt = 07:32:00.5\n"
    "leap = 2024-02-29\n"
    "+++\n";
  g_autoptr(BylineFrontmatter) fm = parse_ok (text);
  g_autoptr(GDateTime) off = byline_timestamp_to_date_time (&value_of (fm, "off")->timestamp);
  g_autofree char *json = byline_frontmatter_to_json (fm, NULL);

  g_assert_cmpstr (json, ==,
                   "{\n"
                   "  \"z\": \"1979-05-27T07:32:00.000Z\",\n"
                   "  \"off\": \"1979-05-27T00:32:00.999-07:00\",\n"
                   "  \"space\": \"1979-05-27T07:32:00.000Z\",\n"
                   "  \"ldt\": \"1979-05-27T07:32:00.000\",\n"
                   "  \"ld\": \"1979-05-27\",\n"
                   "  \"lt\": \"07:32:00.500\",\n"
                   "  \"leap\": \"2024-02-29\"\n"
                   "}");
  g_assert_cmpint (value_of (fm, "off")->type, ==, BYLINE_VALUE_TIMESTAMP);
  g_assert_nonnull (off);
  g_assert_cmpint (g_date_time_to_unix (off), ==, 296638320);
  g_assert_true (value_of (fm, "ld")->timestamp.date_only);
}

static void
test_collections (void)
{
  const char *text =
    "+++\n"
    "tags = [\n  \"a\", # one\n  'b',\n]\n"
    "nested = [[1, 2], [], [\"x\"]]\n"
    "inl = { a = 1, b.c = \"x\" }\n"
    "site.name = \"n\"\n"
    "site.\"home page\" = \"h\"\n"
    "\"quoted key\" = 1\n"
    "'lit.key' = 2\n"
    "[params]\n"
    "author = \"me\"\n"
    "[params.social]\n"
    "tw = \"@me\"\n"
    "[[cascade]]\n"
    "x = 1\n"
    "[[cascade]]\n"
    "x = 2\n"
    "[a.b.c]\n"
    "[a]\n"
    "d = 1\n"
    "+++\n";

  assert_json (text, "tags", "[\n  \"a\",\n  \"b\"\n]");
  assert_json (text, "nested", "[\n  [\n    1,\n    2\n  ],\n  [],\n  [\n    \"x\"\n  ]\n]");
  assert_json (text, "inl", "{\n  \"a\": 1,\n  \"b\": {\n    \"c\": \"x\"\n  }\n}");
  assert_json (text, "site", "{\n  \"name\": \"n\",\n  \"home page\": \"h\"\n}");
  assert_json (text, "quoted key", "1");
  assert_json (text, "lit.key", "2");
  assert_json (text, "params", "{\n  \"author\": \"me\",\n  \"social\": {\n    \"tw\": \"@me\"\n  }\n}");
  assert_json (text, "cascade", "[\n  {\n    \"x\": 1\n  },\n  {\n    \"x\": 2\n  }\n]");
  assert_json (text, "a", "{\n  \"b\": {\n    \"c\": {}\n  },\n  \"d\": 1\n}");
}

/* An entry runs from its line's start to after its last line break, a
 * comment and a multi-line value included; a [table] from its header to its
 * last line. */
static void
test_spans (void)
{
  const char *text =
    "+++\n"                          /* 0 */
    "title = \"T\" # note\n"         /* 4 */
    "tags = [\n  \"a\",\n]\n"        /* 23 */
    "\n"                             /* 41 */
    "[params]\n"                     /* 42 */
    "x = 1\n"                        /* 51 */
    "\n"                             /* 57 */
    "# about b\n"                    /* 58 */
    "[b]\n"                          /* 68 */
    "y = 2\n"                        /* 72 */
    "+++\n";                         /* 78 */
  g_autoptr(BylineFrontmatter) fm = parse_ok (text);
  const BylineEntry *title = byline_frontmatter_lookup (fm, "title");
  const BylineEntry *tags = byline_frontmatter_lookup (fm, "tags");
  const BylineEntry *params = byline_frontmatter_lookup (fm, "params");
  const BylineEntry *b = byline_frontmatter_lookup (fm, "b");

  g_assert_cmpuint (title->start, ==, 4);
  g_assert_cmpuint (title->end, ==, 23);
  g_assert_cmpuint (title->value->start, ==, 12);
  g_assert_cmpuint (title->value->end, ==, 15);
  g_assert_cmpuint (title->comment_start, ==, 15);
  g_assert_cmpuint (title->comment_end, ==, 22);
  g_assert_cmpuint (title->value->line, ==, 2);
  g_assert_cmpuint (title->value->column, ==, 9);
  g_assert_cmpuint (tags->start, ==, 23);
  g_assert_cmpuint (tags->end, ==, 41);
  g_assert_cmpuint (params->start, ==, 42);
  g_assert_cmpuint (params->end, ==, 57);
  g_assert_cmpuint (b->start, ==, 68);
  g_assert_cmpuint (b->end, ==, 78);
}

/* Lines and columns (characters) of values, across multi-line values and
 * lines with multi-byte characters. */
static void
test_positions (void)
{
  const char *text =
    "+++\n"
    "a = [\n  \"\xc3\xa9\xc3\xa9\", 1,\n]\n"
    "\"\xc3\xa9\" = { x = 2 }\n"
    "[t]\n"
    "  y = 3\n"
    "+++\n";
  g_autoptr(BylineFrontmatter) fm = parse_ok (text);
  const BylineNode *a = value_of (fm, "a");
  const BylineNode *one = g_ptr_array_index (a->items, 1);
  const BylineEntry *e = byline_frontmatter_lookup (fm, "\xc3\xa9");
  const BylineEntry *x = g_ptr_array_index (e->value->entries, 0);
  const BylineEntry *y = g_ptr_array_index (value_of (fm, "t")->entries, 0);

  g_assert_cmpuint (a->line, ==, 2);
  g_assert_cmpuint (a->column, ==, 5);
  g_assert_cmpuint (one->line, ==, 3);
  g_assert_cmpuint (one->column, ==, 9);
  g_assert_cmpuint (e->key_node->line, ==, 5);
  g_assert_cmpuint (x->value->line, ==, 5);
  g_assert_cmpuint (x->value->column, ==, 13);
  g_assert_cmpuint (y->key_node->line, ==, 7);
  g_assert_cmpuint (y->key_node->column, ==, 3);
}

/* --- errors ------------------------------------------------------------------ */

static void
assert_error_at (const char *text,
                 int         code,
                 guint       line,
                 guint       column)
{
  g_autoptr(BylineFrontmatter) fm = parse (text);
  const GError *error = byline_frontmatter_get_error (fm);
  g_autofree char *shown = g_strescape (text, NULL);
  guint l = 0;
  guint c = 0;

  g_test_message ("%s", shown);
  g_assert_error ((GError *) error, BYLINE_FRONTMATTER_ERROR, code);
  g_assert_null (byline_frontmatter_get_root (fm));
  g_assert_null (byline_frontmatter_to_json (fm, NULL));
  g_assert_true (byline_frontmatter_get_error_position (fm, &l, &c, NULL));
  g_assert_cmpuint (l, ==, line);
  g_assert_cmpuint (c, ==, column);
}

static void
test_errors (void)
{
  const int syntax = BYLINE_FRONTMATTER_ERROR_SYNTAX;
  const int duplicate = BYLINE_FRONTMATTER_ERROR_DUPLICATE_KEY;

  assert_error_at ("+++\na = 1\na = 2\n+++\n", duplicate, 3, 1);
  assert_error_at ("+++\n[t]\nx = 1\nx = 2\n+++\n", duplicate, 4, 1);
  assert_error_at ("+++\nx = { a = 1, a = 2 }\n+++\n", duplicate, 2, 14);
  assert_error_at ("+++\n[a]\n[a]\n+++\n", syntax, 3, 2);
  assert_error_at ("+++\na = 1\n[a]\n+++\n", syntax, 3, 2);
  assert_error_at ("+++\n[a]\n[[a]]\n+++\n", syntax, 3, 3);
  assert_error_at ("+++\n[[a]]\n[a]\n+++\n", syntax, 3, 2);
  assert_error_at ("+++\na = { b = 1 }\na.c = 2\n+++\n", syntax, 3, 1);
  assert_error_at ("+++\na.b = 1\n[a]\n+++\n", syntax, 3, 2);
  assert_error_at ("+++\n[a.b.c]\n[a]\nb.d = 1\n+++\n", syntax, 4, 1);
  assert_error_at ("+++\ndraft = maybe\n+++\n", syntax, 2, 9);
  assert_error_at ("+++\nx = 01\n+++\n", syntax, 2, 5);
  assert_error_at ("+++\nx = 1__0\n+++\n", syntax, 2, 5);
  assert_error_at ("+++\nx = 2023-02-29\n+++\n", syntax, 2, 5);
  assert_error_at ("+++\nx = 2023-01-01T24:00:00Z\n+++\n", syntax, 2, 5);
  assert_error_at ("+++\nx = 1 2\n+++\n", syntax, 2, 7);
  assert_error_at ("+++\nx =\n+++\n", syntax, 2, 4);
  assert_error_at ("+++\nx\n+++\n", syntax, 2, 2);
  assert_error_at ("+++\nx = \"open\n+++\n", syntax, 2, 10);
  assert_error_at ("+++\nx = \"\\q\"\n+++\n", syntax, 2, 6);
  assert_error_at ("+++\nx = \"\\uD800\"\n+++\n", syntax, 2, 6);
  assert_error_at ("+++\nx = { a = 1,\n b = 2 }\n+++\n", syntax, 2, 13);
  assert_error_at ("+++\nx = { a = 1, }\n+++\n", syntax, 2, 14);
  assert_error_at ("+++\nx = [1 2]\n+++\n", syntax, 2, 8);
  assert_error_at ("+++\nx = \"a\001b\"\n+++\n", syntax, 2, 7);
  assert_error_at ("+++\n[a\n+++\n", syntax, 2, 3);
  assert_error_at ("+++\nt = \"caf\xe9\"\n+++\n", BYLINE_FRONTMATTER_ERROR_INVALID_UTF8, 2, 9);
}

/* --- edits ------------------------------------------------------------------- */

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

static void
check_edit_ordered (const char         *input,
                    const char * const *order,
                    Op                  op,
                    const char         *key,
                    const char         *arg,
                    const char         *expected)
{
  g_autoptr(BylineFrontmatter) fm = parse_ok (input);
  g_autoptr(GError) error = NULL;
  g_autoptr(BylineTextEdit) edit = NULL;
  g_autofree char *out = NULL;
  const BylineEntry *entry;

  g_test_message ("%s: %s", key, input);
  byline_frontmatter_set_key_order (fm, order);
  edit = plan_op (fm, op, key, arg, &error);
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
  out = byline_text_edit_apply (edit, input, strlen (input), NULL);
  g_assert_cmpstr (out, ==, expected);
}

static void
check_edit (const char *input,
            Op          op,
            const char *key,
            const char *arg,
            const char *expected)
{
  check_edit_ordered (input, NULL, op, key, arg, expected);
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

static const char post[] =
  "+++\n"
  "title = \"Hello\" # keep me\n"
  "date = 2024-02-03T04:05:06Z\n"
  "draft = true\n"
  "tags = ['a', \"b\"]\n"
  "\n"
  "[params]\n"
  "author = \"me\"\n"
  "+++\n"
  "Body\n";

/* One line changes; comments, quoting and the body stay. */
static void
test_edit_values (void)
{
  check_edit (post, OP_BOOLEAN, "draft", "false",
              "+++\ntitle = \"Hello\" # keep me\ndate = 2024-02-03T04:05:06Z\ndraft = false\n"
              "tags = ['a', \"b\"]\n\n[params]\nauthor = \"me\"\n+++\nBody\n");
  check_edit (post, OP_STRING, "title", "Say \"hi\"\\\n\tnow",
              "+++\ntitle = \"Say \\\"hi\\\"\\\\\\n\\tnow\" # keep me\ndate = 2024-02-03T04:05:06Z\n"
              "draft = true\ntags = ['a', \"b\"]\n\n[params]\nauthor = \"me\"\n+++\nBody\n");
  check_edit (post, OP_LIST, "tags", "x|two words",
              "+++\ntitle = \"Hello\" # keep me\ndate = 2024-02-03T04:05:06Z\ndraft = true\n"
              "tags = [\"x\", \"two words\"]\n\n[params]\nauthor = \"me\"\n+++\nBody\n");
  check_edit (post, OP_LIST, "tags", "",
              "+++\ntitle = \"Hello\" # keep me\ndate = 2024-02-03T04:05:06Z\ndraft = true\n"
              "tags = []\n\n[params]\nauthor = \"me\"\n+++\nBody\n");
  check_edit (post, OP_TIMESTAMP, "date", "2025-06-07T08:09:10+02:00",
              "+++\ntitle = \"Hello\" # keep me\ndate = 2025-06-07T06:09:10Z\ndraft = true\n"
              "tags = ['a', \"b\"]\n\n[params]\nauthor = \"me\"\n+++\nBody\n");
  check_edit (post, OP_RAW, "draft", "{ a = [1, 2] }",
              "+++\ntitle = \"Hello\" # keep me\ndate = 2024-02-03T04:05:06Z\ndraft = { a = [1, 2] }\n"
              "tags = ['a', \"b\"]\n\n[params]\nauthor = \"me\"\n+++\nBody\n");
  /* TOML has no null: null removes the key, and its comment with it */
  check_edit (post, OP_NULL, "title", NULL,
              "+++\ndate = 2024-02-03T04:05:06Z\ndraft = true\n"
              "tags = ['a', \"b\"]\n\n[params]\nauthor = \"me\"\n+++\nBody\n");
  check_edit (post, OP_UNSET, "params", NULL,
              "+++\ntitle = \"Hello\" # keep me\ndate = 2024-02-03T04:05:06Z\ndraft = true\n"
              "tags = ['a', \"b\"]\n\n+++\nBody\n");
  /* a literal string stays literal while it can */
  check_edit ("+++\na = 'x'\n+++\n", OP_STRING, "a", "C:\\y", "+++\na = 'C:\\y'\n+++\n");
  check_edit ("+++\na = 'x'\n+++\n", OP_STRING, "a", "it's", "+++\na = \"it's\"\n+++\n");
  /* a multi-line value becomes one line */
  check_edit ("+++\na = [\n  1,\n  2,\n] # c\nb = 1\n+++\n", OP_LIST, "a", "x",
              "+++\na = [\"x\"] # c\nb = 1\n+++\n");
  check_edit ("+++\na = \"\"\"\nx\ny\"\"\"\n+++\n", OP_STRING, "a", "z", "+++\na = \"z\"\n+++\n");
  /* CRLF and a BOM stay */
  check_edit ("\xef\xbb\xbf+++\r\na = 1\r\n+++\r\nB\r\n", OP_STRING, "b", "x",
              "\xef\xbb\xbf+++\r\na = 1\r\nb = \"x\"\r\n+++\r\nB\r\n");
}

/* A date keeps the file's style: date-only for a date, the key's offset. */
static void
test_edit_dates (void)
{
  check_edit ("+++\ndate = 2024-01-01\n+++\n", OP_TIMESTAMP, "date", "2025-02-03T00:00:00Z",
              "+++\ndate = 2025-02-03\n+++\n");
  /* a time is never dropped for a date-only style */
  check_edit ("+++\ndate = 2024-01-01\n+++\n", OP_TIMESTAMP, "date", "2025-02-03T10:00:00Z",
              "+++\ndate = 2025-02-03T10:00:00Z\n+++\n");
  check_edit ("+++\ndate = 2024-01-01T00:00:00+01:00\n+++\n", OP_TIMESTAMP, "date",
              "2025-02-03T10:00:00Z", "+++\ndate = 2025-02-03T11:00:00+01:00\n+++\n");
  check_edit ("+++\ndate = 2024-01-01 00:00:00Z\n+++\n", OP_TIMESTAMP, "date",
              "2025-02-03T10:00:00Z", "+++\ndate = 2025-02-03 10:00:00Z\n+++\n");
  /* a new date looks like the file's other ones */
  check_edit ("+++\ndate = 2024-01-01\n+++\n", OP_TIMESTAMP, "lastmod", "2025-02-03T00:00:00Z",
              "+++\ndate = 2024-01-01\nlastmod = 2025-02-03\n+++\n");
  check_edit ("+++\ntitle = \"x\"\n+++\n", OP_TIMESTAMP, "date", "2025-02-03T04:05:06Z",
              "+++\ntitle = \"x\"\ndate = 2025-02-03T04:05:06Z\n+++\n");
}

/* New keys go among the top-level keys in the schema's order, and never
 * after a [table] header, where they would belong to that table. */
static void
test_edit_new_keys (void)
{
  static const char * const order[] = { "title", "date", "description", "draft", "tags", NULL };
  const char *tables = "+++\ntitle = \"T\"\n\n# the params\n[params]\nauthor = \"me\"\n+++\nB\n";

  check_edit (tables, OP_STRING, "zz", "new",
              "+++\ntitle = \"T\"\nzz = \"new\"\n\n# the params\n[params]\nauthor = \"me\"\n+++\nB\n");
  check_edit_ordered (post, order, OP_STRING, "description", "D",
                      "+++\ntitle = \"Hello\" # keep me\ndate = 2024-02-03T04:05:06Z\n"
                      "description = \"D\"\ndraft = true\ntags = ['a', \"b\"]\n\n"
                      "[params]\nauthor = \"me\"\n+++\nBody\n");
  /* the key before it in the order is a table: before the one after it */
  check_edit_ordered ("+++\ndraft = true\n[title]\nx = 1\n+++\n", order, OP_STRING, "date", "d",
                      "+++\ndate = \"d\"\ndraft = true\n[title]\nx = 1\n+++\n");
  /* and when only tables follow it too, after the last top-level key */
  check_edit_ordered ("+++\nz = 1\n[title]\nx = 1\n[tags]\n+++\n", order, OP_STRING, "draft",
                      "d", "+++\nz = 1\ndraft = \"d\"\n[title]\nx = 1\n[tags]\n+++\n");
  check_edit ("+++\n[params]\nx = 1\n+++\n", OP_BOOLEAN, "draft", "true",
              "+++\ndraft = true\n[params]\nx = 1\n+++\n");
  check_edit ("+++\n+++\nB\n", OP_BOOLEAN, "draft", "true", "+++\ndraft = true\n+++\nB\n");
  /* the file's spelling of `key = value` */
  check_edit ("+++\na=1\n+++\n", OP_BOOLEAN, "b", "true", "+++\na=1\nb=true\n+++\n");
  /* keys that need quotes get them */
  check_edit ("+++\na = 1\n+++\n", OP_STRING, "two words", "x",
              "+++\na = 1\n\"two words\" = \"x\"\n+++\n");
  check_edit ("+++\na = 1\n+++\n", OP_STRING, "a.b", "x", "+++\na = 1\n\"a.b\" = \"x\"\n+++\n");
}

static void
test_edit_refused (void)
{
  const int unsupported = BYLINE_FRONTMATTER_ERROR_UNSUPPORTED;

  /* a table or dotted keys can't take a plain value in place */
  check_edit_fails (post, OP_STRING, "params", "x", unsupported);
  check_edit_fails ("+++\na.b = 1\n+++\n", OP_STRING, "a", "x", unsupported);
  /* lines of a key with another's between them can't go in one edit */
  check_edit_fails ("+++\na.b = 1\nc = 2\na.d = 3\n+++\n", OP_UNSET, "a", NULL, unsupported);
  check_edit_fails ("+++\n[a.b]\n[c]\n[a.d]\n+++\n", OP_UNSET, "a", NULL, unsupported);
  check_edit_fails (post, OP_RAW, "title", "not toml", BYLINE_FRONTMATTER_ERROR_INVALID_VALUE);
  check_edit_fails ("+++\na = \n+++\n", OP_STRING, "a", "x", BYLINE_FRONTMATTER_ERROR_SYNTAX);
  /* dotted keys all together can be removed */
  check_edit ("+++\na.b = 1\na.c = 2\nd = 3\n+++\n", OP_UNSET, "a", NULL, "+++\nd = 3\n+++\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/toml/scalars", test_scalars);
  g_test_add_func ("/toml/dates", test_dates);
  g_test_add_func ("/toml/collections", test_collections);
  g_test_add_func ("/toml/spans", test_spans);
  g_test_add_func ("/toml/positions", test_positions);
  g_test_add_func ("/toml/errors", test_errors);
  g_test_add_func ("/toml/edit/values", test_edit_values);
  g_test_add_func ("/toml/edit/dates", test_edit_dates);
  g_test_add_func ("/toml/edit/new-keys", test_edit_new_keys);
  g_test_add_func ("/toml/edit/refused", test_edit_refused);

  return g_test_run ();
}
