/* test-schema.c: AstroPaper's schema, and what check says about posts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "byline-schema.h"
#include "byline-test-corpus.h"

#define VALID_HEAD \
  "---\n" \
  "title: Hello\n" \
  "description: A post.\n" \
  "pubDatetime: 2024-01-02T03:04:05Z\n"

static GPtrArray *
validate_at (const char *text,
             gsize       len,
             GDateTime  *now)
{
  g_autoptr(BylineSchema) schema = byline_schema_new_astropaper ();
  g_autoptr(BylineFrontmatter) fm = byline_frontmatter_parse (text, len);
  GPtrArray *diags = byline_schema_validate (schema, fm, now);

  /* Every diagnostic points into the text, at a real line and column. */
  for (guint i = 0; i < diags->len; i++)
    {
      const BylineDiagnostic *d = g_ptr_array_index (diags, i);

      g_assert_nonnull (d->message);
      g_assert_cmpuint (d->line, >=, 1);
      g_assert_cmpuint (d->column, >=, 1);
      g_assert_cmpuint (d->offset + d->length, <=, len);
    }

  return diags;
}

static GPtrArray *
validate (const char *text)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 1, 1, 0, 0, 0);

  return validate_at (text, strlen (text), now);
}

static guint
count (GPtrArray      *diags,
       BylineSeverity  severity)
{
  guint n = 0;

  for (guint i = 0; i < diags->len; i++)
    {
      const BylineDiagnostic *d = g_ptr_array_index (diags, i);

      n += d->severity == severity;
    }

  return n;
}

static const BylineDiagnostic *
find (GPtrArray      *diags,
      BylineSeverity  severity,
      const char     *key)
{
  for (guint i = 0; i < diags->len; i++)
    {
      const BylineDiagnostic *d = g_ptr_array_index (diags, i);

      if (d->severity == severity && g_strcmp0 (d->key, key) == 0)
        return d;
    }

  return NULL;
}

static const BylineDiagnostic *
get (GPtrArray      *diags,
     BylineSeverity  severity,
     const char     *key)
{
  const BylineDiagnostic *d = find (diags, severity, key);

  if (d == NULL)
    g_error ("no %s about %s", byline_severity_to_string (severity), key);

  return d;
}

static void
dump (GPtrArray *diags)
{
  for (guint i = 0; i < diags->len; i++)
    {
      g_autofree char *line = byline_diagnostic_format (g_ptr_array_index (diags, i), "post.md");

      g_test_message ("%s", line);
    }
}

/* The post has exactly one diagnostic, of that severity, about that key. */
static const BylineDiagnostic *
expect_only (GPtrArray      *diags,
             BylineSeverity  severity,
             const char     *key)
{
  dump (diags);
  g_assert_cmpuint (diags->len, ==, 1);
  g_assert_nonnull (find (diags, severity, key));

  return g_ptr_array_index (diags, 0);
}

static void
expect_clean (const char *text)
{
  g_autoptr(GPtrArray) diags = validate (text);

  dump (diags);
  g_assert_cmpuint (diags->len, ==, 0);
}

static void
expect_one (const char     *text,
            BylineSeverity  severity,
            const char     *key)
{
  g_autoptr(GPtrArray) diags = validate (text);

  expect_only (diags, severity, key);
}

static void
test_table (void)
{
  g_autoptr(BylineSchema) schema = byline_schema_new_astropaper ();
  const char * const expected_order[] = {
    "author", "pubDatetime", "modDatetime", "title", "slug", "featured", "draft",
    "ogImage", "tags", "canonicalURL", "description", "hideEditPost", "timezone", NULL,
  };
  const char * const form_order[] = {
    "title", "description", "pubDatetime", "modDatetime", "tags", "draft", "featured",
    "author", "slug", "ogImage", "canonicalURL", "hideEditPost", "timezone", NULL,
  };
  const char * const *order = byline_schema_get_key_order (schema);
  const BylineField *f;

  g_assert_cmpstr (byline_schema_get_name (schema), ==, "AstroPaper");
  g_assert_cmpuint (byline_schema_get_n_fields (schema), ==, 13);
  g_assert_cmpstrv (order, expected_order);

  for (guint i = 0; i < byline_schema_get_n_fields (schema); i++)
    {
      f = byline_schema_get_field (schema, i);
      g_assert_cmpstr (f->name, ==, form_order[i]);
      g_assert_cmpstr (expected_order[f->key_position], ==, f->name);
      g_assert_true (f == byline_schema_lookup (schema, f->name));
      g_assert_nonnull (f->description);
      g_assert_cmpuint (strlen (f->description), >, 10);
      g_assert_null (strchr (f->description, '\n'));
      /* Only what zod requires is required; only modDatetime takes null. */
      g_assert_cmpint (f->required, ==,
                       g_str_equal (f->name, "title") || g_str_equal (f->name, "description") ||
                       g_str_equal (f->name, "pubDatetime"));
    }

  g_assert_null (byline_schema_lookup (schema, "Title"));
  g_assert_null (byline_schema_lookup (schema, "layout"));

  f = byline_schema_lookup (schema, "tags");
  g_assert_cmpint (f->type, ==, BYLINE_FIELD_STRING_LIST);
  g_assert_cmpstr (f->default_yaml, ==, "[\"others\"]");
  g_assert_cmpint (byline_schema_lookup (schema, "modDatetime")->type, ==, BYLINE_FIELD_TIMESTAMP);
  g_assert_true (byline_schema_lookup (schema, "modDatetime")->nullable);
  g_assert_false (byline_schema_lookup (schema, "author")->nullable);
  g_assert_cmpint (byline_schema_lookup (schema, "description")->type, ==, BYLINE_FIELD_TEXT);
  g_assert_cmpint (byline_schema_lookup (schema, "canonicalURL")->type, ==, BYLINE_FIELD_URL);
  g_assert_cmpint (byline_schema_lookup (schema, "ogImage")->type, ==, BYLINE_FIELD_URL);
  g_assert_cmpint (byline_schema_lookup (schema, "timezone")->type, ==, BYLINE_FIELD_TIMEZONE);
  g_assert_cmpint (byline_schema_lookup (schema, "slug")->type, ==, BYLINE_FIELD_SLUG);
  g_assert_cmpint (byline_schema_lookup (schema, "hideEditPost")->type, ==, BYLINE_FIELD_BOOLEAN);
  g_assert_cmpstr (byline_schema_lookup (schema, "draft")->default_yaml, ==, "false");

  g_assert_true (byline_schema_ref (schema) == schema);
  byline_schema_unref (schema);
}

static void
test_valid (void)
{
  expect_clean (VALID_HEAD "---\nBody\n");
  expect_clean ("---\n"
                "author: Sat Naing\n"
                "pubDatetime: 2022-09-21T05:17:19Z\n"
                "modDatetime: 2023-12-21 09:12:47.400 +06:30\n"
                "title: \"Colon: a title\"\n"
                "slug: the-title-of-the-post\n"
                "featured: true\n"
                "draft: false\n"
                "ogImage: ../../assets/images/example.png # a comment\n"
                "tags:\n"
                "  - some\n"
                "  - \"example\"\n"
                "canonicalURL: https://example.org/my-article\n"
                "description: >-\n"
                "  Folded\n"
                "  text.\n"
                "hideEditPost: false\n"
                "timezone: Asia/Bangkok\n"
                "extra: {anything: [goes]}\n"
                "---\n");
  /* Null modDatetime is allowed (z.date().optional().nullable()). */
  expect_clean (VALID_HEAD "modDatetime:\n---\n");
  expect_clean (VALID_HEAD "modDatetime: ~\n---\n");
  expect_clean (VALID_HEAD "modDatetime: null\n---\n");
  /* Date-only values and offsets are dates. */
  expect_clean ("---\ntitle: t\ndescription: d\npubDatetime: 2024-01-02\n---\n");
  expect_clean ("---\ntitle: t\ndescription: d\npubDatetime: 2024-01-02 03:04:05 -8\n---\n");
  /* CRLF and a BOM change nothing. */
  expect_clean ("\xef\xbb\xbf---\r\ntitle: t\r\ndescription: d\r\npubDatetime: 2024-01-02\r\n---\r\n");
  /* Anchors and aliases are values like any other. */
  expect_clean ("---\ntitle: &t Same\ndescription: *t\npubDatetime: 2024-01-02\n---\n");
}

static void
test_missing (void)
{
  g_autoptr(GPtrArray) a = validate ("---\ntitle: t\ndescription: d\n---\n");
  g_autoptr(GPtrArray) b = validate ("No frontmatter at all.\n");
  g_autoptr(GPtrArray) c = validate ("---\n---\nEmpty block.\n");
  g_autoptr(GPtrArray) d = validate ("\xef\xbb\xbf" "Just text after a BOM.\n");
  g_autoptr(GPtrArray) e = validate ("");
  const BylineDiagnostic *diag;

  diag = expect_only (a, BYLINE_SEVERITY_ERROR, "pubDatetime");
  g_assert_cmpuint (diag->line, ==, 1);
  g_assert_cmpuint (diag->column, ==, 1);
  g_assert_cmpuint (diag->offset, ==, 0);
  g_assert_cmpuint (diag->length, ==, 3);
  g_assert_nonnull (strstr (diag->message, "pubDatetime"));

  for (guint i = 0; i < 4; i++)
    {
      GPtrArray *diags = (GPtrArray *[]) { b, c, d, e }[i];

      dump (diags);
      g_assert_cmpuint (diags->len, ==, 3);
      g_assert_cmpuint (count (diags, BYLINE_SEVERITY_ERROR), ==, 3);
      g_assert_nonnull (find (diags, BYLINE_SEVERITY_ERROR, "title"));
      g_assert_nonnull (find (diags, BYLINE_SEVERITY_ERROR, "description"));
      g_assert_nonnull (find (diags, BYLINE_SEVERITY_ERROR, "pubDatetime"));
    }
}

static void
test_position (void)
{
  const char *text = VALID_HEAD "draft: no   # flip later\n---\n";
  g_autoptr(GPtrArray) diags = validate (text);
  const BylineDiagnostic *d = expect_only (diags, BYLINE_SEVERITY_ERROR, "draft");
  const char *value = strstr (text, "no   #");

  g_assert_cmpuint (d->line, ==, 5);
  g_assert_cmpuint (d->column, ==, 8);
  g_assert_cmpuint (d->offset, ==, value - text);
  g_assert_cmpuint (d->length, ==, 2);
}

static void
test_position_bom_crlf (void)
{
  /* The underline spans bytes: the value holds a two-byte letter. */
  const char *text = "\xef\xbb\xbf---\r\ntitle: t\r\ndescription: d\r\n"
                     "pubDatetime: 2024-01-02\r\nauthor: [\xc3\xa9, b]\r\n---\r\n";
  g_autoptr(GPtrArray) diags = validate (text);
  const BylineDiagnostic *d = expect_only (diags, BYLINE_SEVERITY_ERROR, "author");

  g_assert_cmpuint (d->line, ==, 5);
  g_assert_cmpuint (d->column, ==, 9);
  g_assert_cmpuint (d->offset, ==, strstr (text, "[") - text);
  g_assert_cmpuint (d->length, ==, strlen ("[\xc3\xa9, b]"));
}

static void
test_wrong_types (void)
{
  /* zod rejects every one of these: each is an error, and the only one. */
  static const struct
  {
    const char *entry;
    const char *key;
  } cases[] = {
    { "draft: no\n", "draft" },
    { "draft: yes\n", "draft" },
    { "draft: off\n", "draft" },
    { "draft: \"true\"\n", "draft" },
    { "draft: 1\n", "draft" },
    { "draft:\n", "draft" },
    { "featured: ~\n", "featured" },
    { "hideEditPost: [true]\n", "hideEditPost" },
    { "author:\n  name: Me\n", "author" },
    { "author: [a, b]\n", "author" },
    { "author:\n", "author" },
    { "author: 42\n", "author" },
    { "author: true\n", "author" },
    { "author: 2024-01-02\n", "author" },
    { "tags: others\n", "tags" },
    { "tags:\n", "tags" },
    { "tags: {a: b}\n", "tags" },
    { "tags: [a, 1]\n", "tags" },
    { "tags:\n  - a\n  - true\n", "tags" },
    { "tags:\n  - a\n  - [nested]\n", "tags" },
    { "tags: [a, ~]\n", "tags" },
    { "modDatetime: \"2024-01-02T03:04:05Z\"\n", "modDatetime" },
    { "modDatetime: yesterday\n", "modDatetime" },
    { "modDatetime: 1704164645\n", "modDatetime" },
    { "ogImage: 42\n", "ogImage" },
    { "ogImage:\n", "ogImage" },
    { "canonicalURL: [x]\n", "canonicalURL" },
    { "timezone:\n", "timezone" },
    { "timezone: 7\n", "timezone" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strconcat (VALID_HEAD, cases[i].entry, "---\n", NULL);

      g_test_message ("%s", cases[i].entry);
      expect_one (text, BYLINE_SEVERITY_ERROR, cases[i].key);
    }
}

static void
test_required_types (void)
{
  static const struct
  {
    const char *text;
    const char *key;
  } cases[] = {
    { "---\ntitle: 2024\ndescription: d\npubDatetime: 2024-01-02\n---\n", "title" },
    { "---\ntitle: true\ndescription: d\npubDatetime: 2024-01-02\n---\n", "title" },
    { "---\ntitle:\ndescription: d\npubDatetime: 2024-01-02\n---\n", "title" },
    { "---\ntitle: t\ndescription: 3.5\npubDatetime: 2024-01-02\n---\n", "description" },
    { "---\ntitle: t\ndescription: [d]\npubDatetime: 2024-01-02\n---\n", "description" },
    /* A quoted date is a string, and z.date() rejects strings. */
    { "---\ntitle: t\ndescription: d\npubDatetime: \"2024-01-02T03:04:05Z\"\n---\n", "pubDatetime" },
    { "---\ntitle: t\ndescription: d\npubDatetime: '2024-01-02'\n---\n", "pubDatetime" },
    /* Not timestamps to js-yaml: no seconds, +HHMM offsets, lower-case z. */
    { "---\ntitle: t\ndescription: d\npubDatetime: 2024-01-02T03:04Z\n---\n", "pubDatetime" },
    { "---\ntitle: t\ndescription: d\npubDatetime: 2024-01-02T03:04:05+0800\n---\n", "pubDatetime" },
    { "---\ntitle: t\ndescription: d\npubDatetime: 2024-1-2\n---\n", "pubDatetime" },
    { "---\ntitle: t\ndescription: d\npubDatetime:\n---\n", "pubDatetime" },
    { "---\ntitle: t\ndescription: d\npubDatetime: null\n---\n", "pubDatetime" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s", cases[i].text);
      expect_one (cases[i].text, BYLINE_SEVERITY_ERROR, cases[i].key);
    }

  {
    g_autoptr(GPtrArray) diags = validate (cases[5].text);

    g_assert_nonnull (strstr (((BylineDiagnostic *) g_ptr_array_index (diags, 0))->message, "quote"));
  }
}

static void
test_item_position (void)
{
  const char *text = VALID_HEAD "tags:\n  - a\n  - 12\n  - c\n---\n";
  g_autoptr(GPtrArray) diags = validate (text);
  const BylineDiagnostic *d = expect_only (diags, BYLINE_SEVERITY_ERROR, "tags");

  g_assert_cmpuint (d->line, ==, 7);
  g_assert_cmpuint (d->column, ==, 5);
  g_assert_cmpuint (d->offset, ==, strstr (text, "12") - text);
  g_assert_cmpuint (d->length, ==, 2);
}

static void
test_yaml_errors (void)
{
  g_autoptr(GPtrArray) syntax = validate ("---\ntitle: t\ndescription: [unclosed\npubDatetime: 2024-01-02\n---\n");
  g_autoptr(GPtrArray) dup = validate (VALID_HEAD "title: again\n---\n");
  g_autoptr(GPtrArray) list = validate ("---\n- a\n- b\n---\n");
  g_autoptr(GPtrArray) scalar = validate ("---\njust text\n---\n");
  const BylineDiagnostic *d;

  dump (syntax);
  g_assert_cmpuint (count (syntax, BYLINE_SEVERITY_ERROR), ==, 1);
  d = g_ptr_array_index (syntax, 0);
  g_assert_cmpuint (d->line, >=, 3);

  d = expect_only (dup, BYLINE_SEVERITY_ERROR, NULL);
  g_assert_cmpuint (d->line, ==, 5);

  expect_only (list, BYLINE_SEVERITY_ERROR, NULL);
  expect_only (scalar, BYLINE_SEVERITY_ERROR, NULL);
}

static void
test_invalid_utf8 (void)
{
  const char *text = VALID_HEAD "---\nBody with a bad byte: \xff here.\n";
  g_autoptr(GPtrArray) diags = validate (text);
  const BylineDiagnostic *d = expect_only (diags, BYLINE_SEVERITY_WARNING, NULL);

  g_assert_cmpuint (d->offset, ==, strchr (text, '\xff') - text);
  g_assert_cmpuint (d->line, ==, 6);
  g_assert_cmpuint (d->column, ==, 23);
}

static void
test_invalid_utf8_in_frontmatter (void)
{
  g_autoptr(GPtrArray) diags = validate ("---\ntitle: caf\xe9\ndescription: d\npubDatetime: 2024-01-02\n---\n");

  dump (diags);
  /* js-yaml reads it (as U+FFFD): it is not an error, but it is worth knowing. */
  g_assert_cmpuint (count (diags, BYLINE_SEVERITY_ERROR), ==, 0);
  g_assert_cmpuint (count (diags, BYLINE_SEVERITY_WARNING), ==, 1);

  /* and the fields are still checked, at their places. */
  {
    const char *text = "---\ntitle: caf\xe9\ndescription: d\npubDatetime: 2024-01-02\ndraft: n\xf6\n---\n";
    g_autoptr(GPtrArray) both = validate (text);
    const BylineDiagnostic *d;

    dump (both);
    g_assert_cmpuint (both->len, ==, 2);
    d = get (both, BYLINE_SEVERITY_ERROR, "draft");
    g_assert_cmpuint (d->line, ==, 5);
    g_assert_cmpuint (d->offset, ==, strstr (text, "n\xf6") - text);
    g_assert_cmpuint (d->length, ==, 2);
  }
}

static void
test_publishing (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2024, 1, 2, 3, 0, 0);
  const char *soon = "---\ntitle: t\ndescription: d\npubDatetime: 2024-01-02T03:10:00Z\n---\n";
  const char *later = "---\ntitle: t\ndescription: d\npubDatetime: 2024-01-02T03:20:00Z\n---\n";
  const char *offset = "---\ntitle: t\ndescription: d\npubDatetime: 2024-01-02T10:10:00+07:00\n---\n";
  g_autoptr(GPtrArray) a = validate_at (soon, strlen (soon), now);
  g_autoptr(GPtrArray) b = validate_at (later, strlen (later), now);
  g_autoptr(GPtrArray) c = validate_at (offset, strlen (offset), now);
  g_autoptr(GPtrArray) d = validate_at (later, strlen (later), NULL);

  /* AstroPaper shows posts up to 15 minutes early (scheduledPostMargin). */
  g_assert_cmpuint (a->len, ==, 0);
  expect_only (b, BYLINE_SEVERITY_WARNING, "pubDatetime");
  g_assert_cmpuint (c->len, ==, 0);
  /* Without a given time, it is judged by the clock: 2024 is past. */
  g_assert_cmpuint (d->len, ==, 0);

  expect_one (VALID_HEAD "draft: true\n---\n", BYLINE_SEVERITY_WARNING, "draft");
  expect_clean (VALID_HEAD "draft: false\n---\n");
  expect_one (VALID_HEAD "modDatetime: 2024-01-01T00:00:00Z\n---\n", BYLINE_SEVERITY_WARNING, "modDatetime");
  expect_clean (VALID_HEAD "modDatetime: 2024-01-02T03:04:05Z\n---\n");
  expect_clean (VALID_HEAD "modDatetime: 2024-01-02T11:04:06+08:00\n---\n");
  expect_one (VALID_HEAD "modDatetime: 2024-01-02T11:04:04+08:00\n---\n", BYLINE_SEVERITY_WARNING, "modDatetime");
  expect_one (VALID_HEAD "tags: []\n---\n", BYLINE_SEVERITY_WARNING, "tags");
  expect_one ("---\ntitle: \"\"\ndescription: d\npubDatetime: 2024-01-02\n---\n", BYLINE_SEVERITY_WARNING, "title");
  expect_one ("---\ntitle: t\ndescription: '  '\npubDatetime: 2024-01-02\n---\n", BYLINE_SEVERITY_WARNING, "description");
}

static void
test_urls (void)
{
  static const char *good[] = {
    "canonicalURL: https://example.org/my-article\n",
    "canonicalURL: http://example.org\n",
    "ogImage: https://example.org/remote-image.png\n",
    "ogImage: ../../assets/images/example.png\n",
    "ogImage: /og/image.png\n",
    "ogImage: astropaper-og.jpg\n",
  };
  static const char *bad[] = {
    "canonicalURL: /my-article\n",
    "canonicalURL: example.org/post\n",
    "canonicalURL: https://\n",
    "canonicalURL: \"https://example.org/a b\"\n",
    "canonicalURL: \"\"\n",
    "ogImage: \"\"\n",
    "ogImage: \" image.png\"\n",
    "ogImage: ftp://example.org/a.png\n",
    "ogImage: 'C:\\images\\a.png'\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autofree char *text = g_strconcat (VALID_HEAD, good[i], "---\n", NULL);

      g_test_message ("%s", good[i]);
      expect_clean (text);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *text = g_strconcat (VALID_HEAD, bad[i], "---\n", NULL);

      g_test_message ("%s", bad[i]);
      expect_one (text, BYLINE_SEVERITY_WARNING, g_str_has_prefix (bad[i], "og") ? "ogImage" : "canonicalURL");
    }
}

static void
test_timezone (void)
{
  static const char *good[] = { "Asia/Bangkok", "America/Argentina/Buenos_Aires", "UTC", "Europe/Berlin", "asia/bangkok" };
  static const char *bad[] = {
    "Mars/Olympus_Mons", "Asia/Bangkok/", "+08:00", "UTC+8", "EST5EDT,M3.2.0,M11.1.0", "zone.tab",
    "tzdata.zi", "posix/Asia/Bangkok", "../zoneinfo/UTC", "Asia/../UTC", "/usr/share/zoneinfo/UTC",
    "Asia", "\"\"", "Bangkok",
  };
  g_autofree char *tzdir = NULL;

  if (!g_file_test ("/usr/share/zoneinfo/Asia/Bangkok", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no tzdata in /usr/share/zoneinfo");
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autofree char *text = g_strdup_printf (VALID_HEAD "timezone: %s\n---\n", good[i]);

      g_test_message ("%s", good[i]);
      expect_clean (text);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *text = g_strdup_printf (VALID_HEAD "timezone: %s\n---\n", bad[i]);

      g_test_message ("%s", bad[i]);
      expect_one (text, BYLINE_SEVERITY_WARNING, "timezone");
    }
}

typedef struct
{
  BylineSchema *schema;
  guint         warnings;
} ZoneRun;

static gpointer
validate_zones (gpointer data)
{
  ZoneRun *run = data;
  const char *zones[] = { "Asia/Bangkok", "Mars/Olympus_Mons", "Europe/Paris", "Nowhere" };

  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *text = g_strdup_printf (VALID_HEAD "timezone: %s\n---\n", zones[i % 4]);
      g_autoptr(BylineFrontmatter) fm = byline_frontmatter_parse (text, strlen (text));
      g_autoptr(GPtrArray) diags = byline_schema_validate (run->schema, fm, NULL);

      run->warnings += count (diags, BYLINE_SEVERITY_WARNING);
    }

  return NULL;
}

/* The schema remembers zone names; one schema serves several threads. */
static void
test_timezone_cache_threads (void)
{
  g_autoptr(BylineSchema) schema = byline_schema_new_astropaper ();
  ZoneRun runs[4];
  GThread *threads[4];

  if (!g_file_test ("/usr/share/zoneinfo/Asia/Bangkok", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no tzdata in /usr/share/zoneinfo");
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      runs[i].schema = schema;
      runs[i].warnings = 0;
      threads[i] = g_thread_new ("validate", validate_zones, &runs[i]);
    }

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      g_thread_join (threads[i]);
      /* Half of the 200 posts name a zone that does not exist. */
      g_assert_cmpuint (runs[i].warnings, ==, 100);
    }
}

static void
test_slug (void)
{
  expect_clean (VALID_HEAD "slug: the-title-of-the-post\n---\n");
  expect_clean (VALID_HEAD "slug: snake_case_2\n---\n");
  expect_clean (VALID_HEAD "slug: ümlaut-straße\n---\n");
  expect_clean (VALID_HEAD "slug: 日本語\n---\n");
  expect_clean (VALID_HEAD "slug:\n---\n");
  expect_one (VALID_HEAD "slug: Hello World\n---\n", BYLINE_SEVERITY_WARNING, "slug");
  expect_one (VALID_HEAD "slug: Capital\n---\n", BYLINE_SEVERITY_WARNING, "slug");
  expect_clean (VALID_HEAD "slug: career-change/part-1\n---\n");
  expect_one (VALID_HEAD "slug: /a\n---\n", BYLINE_SEVERITY_WARNING, "slug");
  expect_one (VALID_HEAD "slug: a/\n---\n", BYLINE_SEVERITY_WARNING, "slug");
  expect_one (VALID_HEAD "slug: a//b\n---\n", BYLINE_SEVERITY_WARNING, "slug");
  expect_one (VALID_HEAD "slug: what?\n---\n", BYLINE_SEVERITY_WARNING, "slug");
  expect_one (VALID_HEAD "slug: \"\"\n---\n", BYLINE_SEVERITY_WARNING, "slug");
  /* slug is not in the zod schema: a number does not fail the build. */
  expect_one (VALID_HEAD "slug: 42\n---\n", BYLINE_SEVERITY_WARNING, "slug");
}

static void
test_file_order (void)
{
  g_autoptr(GPtrArray) diags = validate ("---\ndraft: no\nauthor: [x]\ntitle: t\ntags: 1\n---\n\xff\n");
  gsize last = 0;

  dump (diags);
  /* Two missing keys at the fence, three wrong types, one bad byte. */
  g_assert_cmpuint (diags->len, ==, 6);
  for (guint i = 0; i < diags->len; i++)
    {
      const BylineDiagnostic *d = g_ptr_array_index (diags, i);

      g_assert_cmpuint (d->offset, >=, last);
      last = d->offset;
    }
  /* At the same place, in the order the form shows the fields. */
  g_assert_cmpstr (((BylineDiagnostic *) g_ptr_array_index (diags, 0))->key, ==, "description");
  g_assert_cmpstr (((BylineDiagnostic *) g_ptr_array_index (diags, 1))->key, ==, "pubDatetime");
  g_assert_cmpstr (((BylineDiagnostic *) g_ptr_array_index (diags, 2))->key, ==, "draft");
  g_assert_cmpstr (((BylineDiagnostic *) g_ptr_array_index (diags, 5))->key, ==, NULL);
}

/* TOML is checked as YAML is: the same values give the same findings. */
static void
test_toml (void)
{
  g_autoptr(GPtrArray) toml = validate ("+++\ntitle = \"t\"\ndraft = \"yes\"\n+++\nBody\n");
  g_autoptr(GPtrArray) yaml = validate ("---\ntitle: t\ndraft: \"yes\"\n---\nBody\n");

  g_assert_cmpuint (toml->len, >, 0);
  g_assert_cmpuint (toml->len, ==, yaml->len);
  for (guint i = 0; i < toml->len; i++)
    {
      const BylineDiagnostic *t = g_ptr_array_index (toml, i);
      const BylineDiagnostic *y = g_ptr_array_index (yaml, i);

      g_assert_cmpstr (t->key, ==, y->key);
      g_assert_cmpint (t->severity, ==, y->severity);
      g_assert_cmpuint (t->line, ==, y->line);
    }
}

static void
test_unknown_keys (void)
{
  const char *text = "---\nlayout: ../x.astro\ntitle: t\nmermaid: true\nTags: [a]\n---\n";
  g_autoptr(BylineSchema) schema = byline_schema_new_astropaper ();
  g_autoptr(BylineFrontmatter) fm = byline_frontmatter_parse (text, strlen (text));
  g_autoptr(BylineFrontmatter) none = byline_frontmatter_parse ("body", 4);
  g_autoptr(GPtrArray) keys = byline_schema_unknown_keys (schema, fm);
  g_autoptr(GPtrArray) no_keys = byline_schema_unknown_keys (schema, none);
  g_autoptr(GPtrArray) diags = byline_schema_validate (schema, fm, NULL);

  g_assert_cmpuint (keys->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (keys, 0), ==, "layout");
  g_assert_cmpstr (g_ptr_array_index (keys, 1), ==, "mermaid");
  g_assert_cmpstr (g_ptr_array_index (keys, 2), ==, "Tags");
  g_assert_cmpuint (no_keys->len, ==, 0);

  /* Unknown keys are allowed: only the two missing required keys are errors. */
  g_assert_cmpuint (diags->len, ==, 2);
  g_assert_cmpuint (count (diags, BYLINE_SEVERITY_ERROR), ==, 2);
}

static void
test_corpus (void)
{
  const char *corpus = g_getenv ("BYLINE_CORPUS_DIR");
  g_autoptr(GPtrArray) files = byline_test_corpus_files (BYLINE_TEST_CORPUS_WITH_MDX);
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 1, 1, 0, 0, 0);
  guint total_errors = 0;
  guint total_warnings = 0;
  guint astropaper_v5 = 0;

  if (files == NULL)
    {
      g_test_skip ("no corpus: BYLINE_CORPUS_DIR is not a folder of posts");
      return;
    }

  g_assert_cmpuint (files->len, >=, 50);

  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      g_autofree char *text = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) diags = NULL;
      gsize len;
      guint errors;
      guint warnings;

      g_file_get_contents (path, &text, &len, &error);
      g_assert_no_error (error);

      diags = validate_at (text, len, now);
      errors = count (diags, BYLINE_SEVERITY_ERROR);
      warnings = count (diags, BYLINE_SEVERITY_WARNING);
      total_errors += errors;
      total_warnings += warnings;
      g_test_message ("%s: %u errors, %u warnings", path + strlen (corpus), errors, warnings);
      for (guint j = 0; j < diags->len; j++)
        {
          g_autofree char *line = byline_diagnostic_format (g_ptr_array_index (diags, j),
                                                            path + strlen (corpus) + 1);

          g_test_message ("  %s", line);
        }

      /* AstroPaper v5's own posts build with its own schema: no errors.
       * (about.md is a page under src/pages, not a post.) */
      if (strstr (path, "satnaing__astro-paper/v5.5.0+/") != NULL &&
          !g_str_has_suffix (path, "/about.md"))
        {
          g_assert_cmpuint (errors, ==, 0);
          astropaper_v5++;
        }
    }

  g_assert_cmpuint (astropaper_v5, >=, 15);
  g_test_message ("%u files: %u errors, %u warnings", files->len, total_errors, total_warnings);
}

static GPtrArray *
validate_with (BylineSchema *schema,
               const char   *text)
{
  g_autoptr(BylineFrontmatter) fm = byline_frontmatter_parse (text, strlen (text));
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 1, 1, 0, 0, 0);
  GPtrArray *diags = byline_schema_validate (schema, fm, now);

  dump (diags);
  return diags;
}

static void
test_hugo (void)
{
  g_autoptr(BylineSchema) schema = byline_schema_new_hugo ();
  const char * const *order = byline_schema_get_key_order (schema);
  struct {
    const char *entry;
    guint       warnings;
  } cases[] = {
    { "date: 2024-01-02", 0 },
    { "date: \"2024-01-02 10:00\"", 0 },   /* Hugo reads quoted dates */
    { "date: not a date", 1 },            /* Hugo leaves it out */
    { "draft: \"yes\"", 1 },
    { "draft: yes", 0 },                  /* YAML 1.1's yes, as Hugo reads it */
    { "draft: true", 1 },                 /* a draft is not published */
    { "tags: foo", 0 },                   /* one tag */
    { "tags: {a: b}", 1 },
    { "weight: abc", 1 },
    { "params: {anything: [1]}", 0 },
    { "title: t\ntitle: again", 1 },      /* Hugo takes the last of two keys */
  };

  g_assert_cmpstr (byline_schema_get_source (schema), ==, "built-in:hugo");
  g_assert_cmpstr (order[0], ==, "title");
  g_assert_cmpstr (order[1], ==, "date");
  g_assert_cmpstr (order[2], ==, "draft");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf ("---\n%s\n---\n", cases[i].entry);
      g_autoptr(GPtrArray) diags = validate_with (schema, text);

      g_test_message ("%s", cases[i].entry);
      /* Hugo fails no build on front matter that parses. */
      g_assert_cmpuint (count (diags, BYLINE_SEVERITY_ERROR), ==, 0);
      g_assert_cmpuint (count (diags, BYLINE_SEVERITY_WARNING), ==, cases[i].warnings);
    }

  {
    g_autoptr(GPtrArray) diags = validate_with (schema, "---\ntags: [a\n---\n");

    g_assert_cmpuint (count (diags, BYLINE_SEVERITY_ERROR), ==, 1);
  }
}

static void
test_jekyll (void)
{
  g_autoptr(BylineSchema) schema = byline_schema_new_jekyll ();
  g_autoptr(GPtrArray) bad_date = validate_with (schema, "---\ntitle: t\ndate: not a date\n---\n");
  g_autoptr(GPtrArray) zone = validate_with (schema, "---\ndate: 2010-01-09 13:00:00 +0800\n---\n");
  g_autoptr(GPtrArray) unpublished = validate_with (schema, "---\npublished: false\n---\n");
  g_autoptr(GPtrArray) categories = validate_with (schema, "---\ncategories: news releases\n---\n");
  /* As Jekyll 4.3 says (tests/site-oracle/jekyll-site.mjs). */
  g_autoptr(GPtrArray) words = validate_with (schema, "---\ndate: next tuesday\n---\n");
  g_autoptr(GPtrArray) month_day = validate_with (schema, "---\ndate: Jan 5\n---\n");
  g_autoptr(GPtrArray) out_of_range = validate_with (schema, "---\ndate: 2024-13-45\n---\n");
  g_autoptr(GPtrArray) rolled_over = validate_with (schema, "---\ndate: 2024-02-30\n---\n");
  g_autoptr(GPtrArray) broken = validate_with (schema, "---\ntags: [a\n---\n");

  g_assert_cmpstr (byline_schema_get_key_order (schema)[0], ==, "layout");
  /* Jekyll stops on a date it cannot read. */
  get (bad_date, BYLINE_SEVERITY_ERROR, "date");
  g_assert_cmpuint (zone->len, ==, 0);
  get (unpublished, BYLINE_SEVERITY_WARNING, "published");
  g_assert_cmpuint (categories->len, ==, 0);
  get (words, BYLINE_SEVERITY_ERROR, "date");
  g_assert_cmpuint (month_day->len, ==, 0);
  get (out_of_range, BYLINE_SEVERITY_ERROR, "date");
  g_assert_cmpuint (rolled_over->len, ==, 0);
  /* Jekyll builds it, without its front matter. */
  g_assert_cmpuint (count (broken, BYLINE_SEVERITY_ERROR), ==, 0);
  g_assert_cmpuint (count (broken, BYLINE_SEVERITY_WARNING), ==, 1);
}

static void
test_json_nested (void)
{
  static const char json[] =
    "{\"type\":\"object\",\"properties\":{"
    "\"seo\":{\"type\":\"object\",\"properties\":{"
    "\"title\":{\"type\":\"string\",\"maxLength\":5},"
    "\"robots\":{\"type\":\"array\",\"items\":{\"type\":\"string\",\"enum\":[\"index\",\"follow\"]}}},"
    "\"required\":[\"title\"]},"
    "\"when\":{\"anyOf\":[{\"type\":\"string\",\"format\":\"date-time\"},{\"type\":\"null\"}]}},"
    "\"required\":[\"seo\"],\"additionalProperties\":false}";
  g_autoptr(GError) error = NULL;
  g_autoptr(BylineSchema) schema = byline_schema_new_from_json_data (json, -1, "s.json", NULL,
                                                                     NULL, &error);
  g_autoptr(GPtrArray) ok = NULL;
  g_autoptr(GPtrArray) long_title = NULL;
  g_autoptr(GPtrArray) bad_item = NULL;
  g_autoptr(GPtrArray) missing = NULL;
  const BylineDiagnostic *d;

  g_assert_no_error (error);

  /* Unknown keys, at any depth, are stripped: not errors. */
  ok = validate_with (schema, "---\nseo:\n  title: Hi\n  extra: 1\nwhen:\nother: x\n---\n");
  g_assert_cmpuint (ok->len, ==, 0);

  long_title = validate_with (schema, "---\nseo:\n  title: Too long\n---\n");
  d = expect_only (long_title, BYLINE_SEVERITY_ERROR, "seo");
  g_assert_cmpuint (d->line, ==, 3);
  g_assert_nonnull (strstr (d->message, "seo.title"));

  bad_item = validate_with (schema, "---\nseo:\n  title: Hi\n  robots: [index, nope]\n---\n");
  d = expect_only (bad_item, BYLINE_SEVERITY_ERROR, "seo");
  g_assert_cmpuint (d->line, ==, 4);
  g_assert_cmpuint (d->column, ==, 19);
  g_assert_nonnull (strstr (d->message, "seo.robots[1]"));

  missing = validate_with (schema, "---\nseo: {}\n---\n");
  d = expect_only (missing, BYLINE_SEVERITY_ERROR, "seo");
  g_assert_nonnull (strstr (d->message, "seo.title"));
}

static guint
count_fields (const BylineField *field)
{
  guint n = 1;

  for (guint i = 0; i < field->n_fields; i++)
    n += count_fields (&field->fields[i]);
  for (guint i = 0; i < field->n_alternatives; i++)
    n += count_fields (&field->alternatives[i]);
  if (field->item != NULL)
    n += count_fields (field->item);
  return n;
}

/* A recursive schema (z.lazy()) refers back to itself: where it does, the
 * field takes any value (edited as YAML) instead of being read for ever.
 * One that refers to the same definition twice a level, 40 levels deep,
 * is read to a bounded number of fields, not 2^40. */
static void
test_json_recursive (void)
{
  static const char json[] =
    "{\"$ref\":\"#/definitions/notes\",\"definitions\":{\"notes\":{\"type\":\"object\","
    "\"properties\":{\"title\":{\"type\":\"string\"},"
    "\"parent\":{\"anyOf\":[{\"type\":\"string\"},{\"$ref\":\"#/definitions/notes\"}]},"
    "\"children\":{\"type\":\"array\",\"items\":{\"$ref\":\"#/definitions/notes\"}}},"
    "\"required\":[\"title\"]}}}";
  g_autoptr(GError) error = NULL;
  g_autoptr(BylineSchema) schema = byline_schema_new_from_json_data (json, -1, "r.json", "notes",
                                                                     NULL, &error);
  g_autoptr(GString) doubling = g_string_new ("{\"$ref\":\"#/definitions/d0\",\"definitions\":{");
  g_autoptr(BylineSchema) wide = NULL;
  const BylineField *parent, *children;
  guint n = 0;

  g_assert_no_error (error);
  parent = byline_schema_lookup (schema, "parent");
  g_assert_cmpint (parent->type, ==, BYLINE_FIELD_UNION);
  g_assert_cmpuint (parent->n_alternatives, ==, 2);
  g_assert_cmpint (parent->alternatives[0].type, ==, BYLINE_FIELD_STRING);
  g_assert_cmpint (parent->alternatives[1].type, ==, BYLINE_FIELD_ANY);
  children = byline_schema_lookup (schema, "children");
  g_assert_cmpint (children->type, ==, BYLINE_FIELD_LIST);
  g_assert_cmpint (children->item->type, ==, BYLINE_FIELD_ANY);

  for (guint i = 0; i < 40; i++)
    g_string_append_printf (doubling,
                            "\"d%u\":{\"type\":\"object\",\"properties\":{"
                            "\"x\":{\"$ref\":\"#/definitions/d%u\"},\"y\":{\"$ref\":\"#/definitions/d%u\"}}},",
                            i, i + 1, i + 1);
  g_string_append (doubling, "\"d40\":{\"type\":\"string\"}}}");
  wide = byline_schema_new_from_json_data (doubling->str, -1, "w.json", NULL, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < byline_schema_get_n_fields (wide); i++)
    n += count_fields (byline_schema_get_field (wide, i));
  /* 10,000 read, and the siblings of the last ones named, taking any value */
  g_assert_cmpuint (n, >, 1000);
  g_assert_cmpuint (n, <=, 2 * 10000 + 2);
}

/* Numbers as JavaScript writes them: `.default(1e20)` is 21 digits, more
 * than 64 bits hold, and `.max(1e21)` comes back in exponent form. */
static void
test_json_big_numbers (void)
{
  static const char json[] =
    "{\"type\":\"object\",\"properties\":{"
    "\"views\":{\"type\":\"number\",\"maximum\":1e+21,\"default\":100000000000000000000},"
    "\"id\":{\"type\":\"string\",\"default\":\"100000000000000000000\"}}}";
  g_autoptr(GError) error = NULL;
  g_autoptr(BylineSchema) schema = byline_schema_new_from_json_data (json, -1, "n.json", NULL,
                                                                     NULL, &error);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *fields = NULL;
  const BylineField *views;
  JsonObject *first;
  g_autoptr(GPtrArray) ok = NULL;
  g_autoptr(GPtrArray) over = NULL;

  g_assert_no_error (error);
  views = byline_schema_lookup (schema, "views");
  g_assert_true (views->has_maximum);
  g_assert_cmpfloat (views->maximum, ==, 1e21);
  g_assert_cmpstr (views->default_yaml, ==, "1e+20");
  g_assert_cmpstr (byline_schema_lookup (schema, "id")->default_yaml, ==, "\"100000000000000000000\"");

  /* `byline schema` prints JSON that json-glib itself reads back */
  fields = byline_schema_fields_to_json (schema);
  g_assert_true (json_parser_load_from_data (parser, fields, -1, NULL));
  first = json_array_get_object_element (json_node_get_array (json_parser_get_root (parser)), 0);
  g_assert_cmpfloat (json_object_get_double_member (first, "maximum"), ==, 1e21);
  g_assert_cmpfloat (json_object_get_double_member (first, "default"), ==, 1e20);

  ok = validate_with (schema, "---\nviews: 99999999999999999999\n---\n");
  g_assert_cmpuint (ok->len, ==, 0);
  over = validate_with (schema, "---\nviews: 2e21\n---\n");
  expect_only (over, BYLINE_SEVERITY_ERROR, "views");
}

static void
test_json_union (void)
{
  static const char json[] =
    "{\"type\":\"object\",\"properties\":{"
    "\"id\":{\"type\":[\"string\",\"number\"]},"
    "\"by\":{\"anyOf\":[{\"type\":\"string\"},{\"type\":\"array\",\"items\":{\"type\":\"string\"}}]}}}";
  g_autoptr(GError) error = NULL;
  g_autoptr(BylineSchema) schema = byline_schema_new_from_json_data (json, -1, "u.json", NULL,
                                                                     NULL, &error);
  const char *good[] = { "id: x", "id: 3", "by: Ann", "by: [Ann, Bo]" };
  const char *bad[] = { "id: true", "id: [1]", "by: 3", "by: [Ann, 3]", "id:" };
  const BylineField *f;

  g_assert_no_error (error);
  f = byline_schema_lookup (schema, "id");
  g_assert_cmpint (f->type, ==, BYLINE_FIELD_UNION);
  g_assert_cmpuint (f->n_alternatives, ==, 2);
  g_assert_cmpint (f->alternatives[0].type, ==, BYLINE_FIELD_STRING);
  g_assert_cmpint (f->alternatives[1].type, ==, BYLINE_FIELD_NUMBER);
  f = byline_schema_lookup (schema, "by");
  g_assert_cmpint (f->type, ==, BYLINE_FIELD_UNION);
  g_assert_cmpint (f->alternatives[1].type, ==, BYLINE_FIELD_STRING_LIST);

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autofree char *text = g_strdup_printf ("---\n%s\n---\n", good[i]);
      g_autoptr(GPtrArray) diags = validate_with (schema, text);

      g_assert_cmpuint (diags->len, ==, 0);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *text = g_strdup_printf ("---\n%s\n---\n", bad[i]);
      g_autoptr(GPtrArray) diags = validate_with (schema, text);

      /* One error, not one per alternative. */
      g_assert_cmpuint (diags->len, ==, 1);
      g_assert_cmpint (((BylineDiagnostic *) g_ptr_array_index (diags, 0))->severity, ==,
                       BYLINE_SEVERITY_ERROR);
    }
}

static gboolean
has_ada (const char *collection,
         const char *id,
         gpointer    user_data)
{
  g_assert_cmpstr (collection, ==, "authors");
  (*(guint *) user_data)++;
  return strcmp (id, "ada") == 0;
}

static void
test_references (void)
{
  static const char json[] =
    "{\"type\":\"object\",\"properties\":{"
    "\"author\":{\"anyOf\":[{\"type\":\"string\"},{\"type\":\"object\",\"properties\":"
    "{\"id\":{\"type\":\"string\"},\"collection\":{\"type\":\"string\"}}}]},"
    "\"editors\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}}}";
  const char *config = "author: reference('authors'),\neditors: z.array(reference('authors')),\n";
  const char *text = "---\nauthor: {id: bob, collection: authors}\neditors: [ada, cy]\n---\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(BylineSchema) schema = byline_schema_new_from_json_data (json, -1, "r.json", NULL,
                                                                     config, &error);
  g_autoptr(BylineFrontmatter) fm = byline_frontmatter_parse (text, strlen (text));
  g_autoptr(GPtrArray) diags = NULL;
  g_autoptr(GPtrArray) valid = NULL;
  guint calls = 0;

  g_assert_no_error (error);
  valid = byline_schema_validate (schema, fm, NULL);
  g_assert_cmpuint (valid->len, ==, 0);

  /* Astro builds it; the pages that show bob and cy find nothing. */
  diags = byline_schema_check_references (schema, fm, has_ada, &calls);
  dump (diags);
  g_assert_cmpuint (calls, ==, 3);
  g_assert_cmpuint (diags->len, ==, 2);
  g_assert_cmpuint (count (diags, BYLINE_SEVERITY_WARNING), ==, 2);
  g_assert_cmpuint (((BylineDiagnostic *) g_ptr_array_index (diags, 0))->line, ==, 2);
  g_assert_cmpuint (((BylineDiagnostic *) g_ptr_array_index (diags, 1))->column, ==, 16);
}

static void
test_yaml_only (void)
{
  g_autoptr(BylineSchema) schema = byline_schema_new_yaml_only ();
  g_autoptr(GPtrArray) anything = validate_with (schema, "---\ntitle: 42\ndraft: maybe\n---\n");
  g_autoptr(GPtrArray) broken = validate_with (schema, "---\ntitle: [x\n---\n");

  g_assert_cmpuint (byline_schema_get_n_fields (schema), ==, 0);
  g_assert_null (byline_schema_get_key_order (schema)[0]);
  g_assert_cmpuint (anything->len, ==, 0);
  g_assert_cmpuint (count (broken, BYLINE_SEVERITY_ERROR), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/schema/table", test_table);
  g_test_add_func ("/schema/valid", test_valid);
  g_test_add_func ("/schema/missing", test_missing);
  g_test_add_func ("/schema/position", test_position);
  g_test_add_func ("/schema/position-bom-crlf", test_position_bom_crlf);
  g_test_add_func ("/schema/wrong-types", test_wrong_types);
  g_test_add_func ("/schema/required-types", test_required_types);
  g_test_add_func ("/schema/item-position", test_item_position);
  g_test_add_func ("/schema/yaml-errors", test_yaml_errors);
  g_test_add_func ("/schema/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/schema/invalid-utf8-in-frontmatter", test_invalid_utf8_in_frontmatter);
  g_test_add_func ("/schema/publishing", test_publishing);
  g_test_add_func ("/schema/urls", test_urls);
  g_test_add_func ("/schema/timezone", test_timezone);
  g_test_add_func ("/schema/timezone-cache-threads", test_timezone_cache_threads);
  g_test_add_func ("/schema/slug", test_slug);
  g_test_add_func ("/schema/file-order", test_file_order);
  g_test_add_func ("/schema/toml", test_toml);
  g_test_add_func ("/schema/unknown-keys", test_unknown_keys);
  g_test_add_func ("/schema/corpus", test_corpus);
  g_test_add_func ("/schema/hugo", test_hugo);
  g_test_add_func ("/schema/jekyll", test_jekyll);
  g_test_add_func ("/schema/json-nested", test_json_nested);
  g_test_add_func ("/schema/json-union", test_json_union);
  g_test_add_func ("/schema/json-big-numbers", test_json_big_numbers);
  g_test_add_func ("/schema/json-recursive", test_json_recursive);
  g_test_add_func ("/schema/references", test_references);
  g_test_add_func ("/schema/yaml-only", test_yaml_only);

  return g_test_run ();
}
