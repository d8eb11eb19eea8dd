/* byline-new-post.c: a new post where its site wants it
 *
 * Each generator has its own idea of where a post goes and what it starts
 * with:
 *
 * - Astro: `SLUG.md` in the folder of the collection's glob (AstroPaper:
 *   src/data/blog/), with the keys the collection's schema requires and
 *   those it gives defaults, in the order its posts write them.
 * - Hugo: `content/SECTION/SLUG.md`, or a page bundle
 *   `content/SECTION/SLUG/index.md` when most of the section's posts are
 *   bundles, made from the site's archetype (archetypes/SECTION.md, then
 *   archetypes/default.md, then Hugo's own) as `hugo new` would.
 * - Jekyll: `_drafts/SLUG.md` for a draft, else `_posts/YYYY-MM-DD-SLUG.md`,
 *   as jekyll-compose writes them.
 *
 * A file that exists is never replaced: the slug gets -2, -3, … instead.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "byline-frontmatter.h"
#include "byline-json.h"
#include "byline-library.h"
#include "byline-new-post.h"
#include "byline-schema.h"
#include "byline-slug.h"
#include "byline-yaml-scalar.h"

#define MAX_SUFFIX 1000

G_DEFINE_QUARK (byline-new-post-error-quark, byline_new_post_error)

/* --- Hugo's archetypes ----------------------------------------------------- */

typedef struct
{
  const char *name;      /* .Name, .File.ContentBaseName */
  const char *base;      /* .File.BaseFileName */
  const char *section;   /* .Section, .Type */
  GDateTime  *date;
} ArchetypeContext;

/* Go's strings.Title as Hugo's `title` uses it by default (AP style aside):
 * the first letter of each word upper-cased, the rest left as it is. */
static char *
title_case (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean start = TRUE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);

      g_string_append_unichar (out, start ? g_unichar_totitle (ch) : ch);
      start = g_unichar_isspace (ch) || ch == '-' || ch == '_';
    }

  return g_string_free (out, FALSE);
}

static char *
replace_all (const char *text,
             const char *old,
             const char *new)
{
  g_auto(GStrv) parts = NULL;

  if (old[0] == '\0')
    return g_strdup (text);
  parts = g_strsplit (text, old, -1);
  return g_strjoinv (new, parts);
}

/* One argument of a template command: a field or a quoted string. */
static char *
eval_operand (const ArchetypeContext *ctx,
              const char             *token)
{
  gsize len = strlen (token);

  if (len >= 2 && (token[0] == '"' || token[0] == '`') && token[len - 1] == token[0])
    return g_strndup (token + 1, len - 2);
  if (strcmp (token, ".Name") == 0 || strcmp (token, ".File.ContentBaseName") == 0)
    return g_strdup (ctx->name);
  if (strcmp (token, ".File.BaseFileName") == 0 || strcmp (token, ".File.TranslationBaseName") == 0)
    return g_strdup (ctx->base);
  if (strcmp (token, ".Section") == 0 || strcmp (token, ".Type") == 0)
    return g_strdup (ctx->section);
  /* Go's time.RFC3339, as Hugo writes .Date: Z for a zero offset. */
  if (strcmp (token, ".Date") == 0)
    return g_date_time_format (ctx->date, g_date_time_get_utc_offset (ctx->date) == 0
                                            ? "%Y-%m-%dT%H:%M:%SZ" : "%Y-%m-%dT%H:%M:%S%:z");

  return NULL;
}

/* Splits a command into words, keeping quoted strings whole. */
static GPtrArray *
split_words (const char *command)
{
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  const char *p = command;

  for (;;)
    {
      const char *start;

      while (*p == ' ' || *p == '\t')
        p++;
      if (*p == '\0')
        break;
      start = p;
      if (*p == '"' || *p == '`')
        {
          char quote = *p++;

          while (*p != '\0' && *p != quote)
            p += (*p == '\\' && p[1] != '\0') ? 2 : 1;
          if (*p == quote)
            p++;
        }
      else
        {
          while (*p != '\0' && *p != ' ' && *p != '\t')
            p++;
        }
      g_ptr_array_add (words, g_strndup (start, p - start));
    }

  return words;
}

/* One pipeline: `.Date`, `replace .Name "-" " " | title`, `.Name | humanize`. */
static char *
eval_action (const ArchetypeContext *ctx,
             const char             *action)
{
  g_auto(GStrv) commands = g_strsplit (action, "|", -1);
  g_autofree char *value = NULL;

  for (guint i = 0; commands[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) words = split_words (commands[i]);
      g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
      const char *function;

      if (words->len == 0)
        return NULL;
      function = g_ptr_array_index (words, 0);

      for (guint w = function[0] == '.' || function[0] == '"' ? 0 : 1; w < words->len; w++)
        {
          char *arg = eval_operand (ctx, g_ptr_array_index (words, w));

          if (arg == NULL)
            return NULL;
          g_ptr_array_add (args, arg);
        }
      /* A pipeline hands the previous value on as the last argument. */
      if (value != NULL)
        g_ptr_array_add (args, g_steal_pointer (&value));

      if (function[0] == '.' || function[0] == '"')
        {
          if (args->len != 1)
            return NULL;
          value = g_strdup (g_ptr_array_index (args, 0));
        }
      else if (strcmp (function, "replace") == 0 && args->len == 3)
        value = replace_all (g_ptr_array_index (args, 0), g_ptr_array_index (args, 1),
                             g_ptr_array_index (args, 2));
      else if (strcmp (function, "title") == 0 && args->len == 1)
        value = title_case (g_ptr_array_index (args, 0));
      else if (strcmp (function, "humanize") == 0 && args->len == 1)
        {
          g_autofree char *spaced = replace_all (g_ptr_array_index (args, 0), "-", " ");
          g_autofree char *first = g_utf8_substring (spaced, 0, 1);
          g_autofree char *upper = g_utf8_strup (first, -1);

          value = g_strconcat (upper, g_utf8_offset_to_pointer (spaced, spaced[0] ? 1 : 0), NULL);
        }
      else if (strcmp (function, "upper") == 0 && args->len == 1)
        value = g_utf8_strup (g_ptr_array_index (args, 0), -1);
      else if (strcmp (function, "lower") == 0 && args->len == 1)
        value = g_utf8_strdown (g_ptr_array_index (args, 0), -1);
      else
        return NULL;
    }

  return g_steal_pointer (&value);
}

/**
 * byline_hugo_archetype_eval:
 * @archetype: an archetype's text
 * @name: the new content's name (.Name, .File.ContentBaseName): the slug
 * @section: its section (.Section, .Type)
 * @date: the time for .Date
 * @error: a #GError
 *
 * Evaluates the template calls archetypes commonly make: the fields .Date,
 * .Name, .File.ContentBaseName, .File.BaseFileName, .Section and .Type,
 * quoted strings, and the functions replace, title, humanize, upper and
 * lower, in pipelines (`{{ replace .File.ContentBaseName "-" " " | title }}`).
 * Template comments vanish.
 *
 * Returns: (transfer full): the text, or %NULL with
 *   %BYLINE_NEW_POST_ERROR_TEMPLATE for any other template call
 */
char *
byline_hugo_archetype_eval (const char  *archetype,
                            const char  *name,
                            const char  *section,
                            GDateTime   *date,
                            GError     **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  ArchetypeContext ctx;
  const char *p = archetype;

  g_return_val_if_fail (archetype != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (date != NULL, NULL);

  ctx.name = name;
  ctx.base = name;
  ctx.section = section != NULL ? section : "";
  ctx.date = date;

  for (;;)
    {
      const char *open = strstr (p, "{{");
      const char *close;
      g_autofree char *action = NULL;
      g_autofree char *value = NULL;
      gboolean trim_left, trim_right;

      if (open == NULL)
        {
          g_string_append (out, p);
          break;
        }
      close = strstr (open + 2, "}}");
      if (close == NULL)
        {
          g_set_error (error, BYLINE_NEW_POST_ERROR, BYLINE_NEW_POST_ERROR_TEMPLATE,
                       _("The archetype has a “{{” without its “}}”"));
          return NULL;
        }

      trim_left = open[2] == '-' && (open[3] == ' ' || open[3] == '\t' || open[3] == '\n');
      trim_right = close > open + 2 && close[-1] == '-' &&
                   (close[-2] == ' ' || close[-2] == '\t' || close[-2] == '\n');
      g_string_append_len (out, p, open - p);
      if (trim_left)
        while (out->len > 0 && g_ascii_isspace (out->str[out->len - 1]))
          g_string_truncate (out, out->len - 1);

      action = g_strndup (open + 2 + trim_left, (close - trim_right) - (open + 2 + trim_left));
      g_strstrip (action);
      p = close + 2;
      if (trim_right)
        while (g_ascii_isspace (*p))
          p++;

      if (g_str_has_prefix (action, "/*"))
        continue;

      value = eval_action (&ctx, action);
      if (value == NULL)
        {
          g_set_error (error, BYLINE_NEW_POST_ERROR, BYLINE_NEW_POST_ERROR_TEMPLATE,
                       /* Translators: %s is a Go template call, such as {{ .Site.Title }} */
                       _("Byline cannot evaluate “{{ %s }}” in the archetype; "
                         "run “hugo new content” instead"), action);
          return NULL;
        }
      g_string_append (out, value);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Hugo 0.111's own archetype, for a site without one. */
static const char hugo_default_archetype[] =
  "---\n"
  "title: \"{{ replace .Name \"-\" \" \" | title }}\"\n"
  "date: {{ .Date }}\n"
  "draft: true\n"
  "---\n"
  "\n";

/* --- writing values -------------------------------------------------------- */

static void
append_yaml_string (GString    *out,
                    const char *text)
{
  if (text[0] != '\0' && _byline_yaml_plain_is_safe (text, FALSE))
    g_string_append (out, text);
  else
    _byline_yaml_append_double (out, text);
}

/* `key: `, or for a key YAML readers do not take as a simple key (over
 * 1024 characters) the explicit form, `? key` and then `: ` on a line */
static void
append_yaml_key (GString    *out,
                 const char *key)
{
  gsize start = out->len;

  append_yaml_string (out, key);
  if (g_utf8_strlen (out->str + start, -1) > 1000)
    {
      g_string_insert (out, start, "? ");
      g_string_append (out, "\n: ");
    }
  else
    {
      g_string_append (out, ": ");
    }
}

static void
append_toml_string (GString    *out,
                    const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (out, '\\');
      if (*p == '\n')
        g_string_append (out, "\\n");
      else if (*p == '\t')
        g_string_append (out, "\\t");
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* Sets a top-level key of a TOML block by its line, or adds the line at the
 * block's end: a TOML archetype's title and draft. */
static char *
toml_set (const char *text,
          const char *key,
          const char *value)
{
  BylineSplit split;
  g_autoptr(GString) out = g_string_new (NULL);
  const char *data, *end, *line;
  gboolean done = FALSE;

  byline_frontmatter_split (text, strlen (text), &split);
  data = text + split.data_start;
  end = text + split.data_end;

  g_string_append_len (out, text, split.data_start);
  for (line = data; line < end;)
    {
      const char *nl = memchr (line, '\n', end - line);
      const char *next = nl != NULL ? nl + 1 : end;
      const char *p = line;
      gsize n = strlen (key);

      while (p < next && (*p == ' ' || *p == '\t'))
        p++;
      if (*p == '[')
        {
          /* A table starts: top-level keys go before it. */
          if (!done)
            g_string_append_printf (out, "%s = %s\n", key, value);
          done = TRUE;
          g_string_append_len (out, line, end - line);
          break;
        }
      if (!done && strncmp (p, key, n) == 0 &&
          (p[n] == ' ' || p[n] == '\t' || p[n] == '='))
        {
          g_string_append_printf (out, "%s = %s\n", key, value);
          done = TRUE;
        }
      else
        g_string_append_len (out, line, next - line);
      line = next;
    }
  if (!done)
    g_string_append_printf (out, "%s = %s\n", key, value);
  g_string_append (out, text + split.data_end);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
yaml_set (const char  *text,
          const char  *key,
          const char  *string_value,
          gboolean     boolean_value,
          GError     **error)
{
  g_autoptr(BylineFrontmatter) fm = byline_frontmatter_parse (text, strlen (text));
  g_autoptr(BylineTextEdit) edit = NULL;

  if (string_value != NULL)
    edit = byline_frontmatter_plan_set_string (fm, key, string_value, error);
  else
    edit = byline_frontmatter_plan_set_boolean (fm, key, boolean_value, error);
  if (edit == NULL)
    return NULL;

  return byline_text_edit_apply (edit, text, strlen (text), NULL);
}

/* --- where and what, per generator ----------------------------------------- */

typedef struct
{
  BylineSite *site;
  const char *collection;
  const char *title;
  gboolean    draft;
  GDateTime  *now;

  /* Worked out once, before the slug: */
  char       *folder;       /* absolute */
  char       *section;      /* Hugo */
  gboolean    bundle;       /* Hugo: SLUG/index.md */
  char       *archetype;    /* Hugo: its text */
} Plan;

static void
plan_clear (Plan *plan)
{
  g_free (plan->folder);
  g_free (plan->section);
  g_free (plan->archetype);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Plan, plan_clear)

static int
compare_positions (gconstpointer a,
                   gconstpointer b)
{
  const BylineField *fa = *(const BylineField * const *) a;
  const BylineField *fb = *(const BylineField * const *) b;

  return (fa->key_position > fb->key_position) - (fa->key_position < fb->key_position);
}

/* The value a required field without a default starts with. */
static void
append_start_value (GString           *out,
                    const BylineField *field,
                    GDateTime         *now)
{
  switch (field->type)
    {
    case BYLINE_FIELD_TIMESTAMP:
      {
        g_autoptr(GDateTime) utc = g_date_time_to_utc (now);
        g_autofree char *stamp = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");

        g_string_append (out, stamp);
      }
      break;
    case BYLINE_FIELD_DATE:
      {
        g_autofree char *day = g_date_time_format (now, "%Y-%m-%d");

        g_string_append (out, day);
      }
      break;
    case BYLINE_FIELD_BOOLEAN:
      g_string_append (out, "false");
      break;
    case BYLINE_FIELD_STRING_LIST:
    case BYLINE_FIELD_LIST:
      g_string_append (out, "[]");
      break;
    case BYLINE_FIELD_ENUM:
      append_yaml_string (out, field->enum_values != NULL && field->enum_values[0] != NULL
                                 ? field->enum_values[0] : "");
      break;
    case BYLINE_FIELD_INTEGER:
    case BYLINE_FIELD_NUMBER:
      g_string_append_printf (out, "%g", field->has_minimum ? field->minimum : 0.0);
      break;
    case BYLINE_FIELD_OBJECT:
      g_string_append (out, "{}");
      break;
    case BYLINE_FIELD_STRING:
    case BYLINE_FIELD_TEXT:
    case BYLINE_FIELD_URL:
    case BYLINE_FIELD_TIMEZONE:
    case BYLINE_FIELD_SLUG:
    case BYLINE_FIELD_IMAGE:
    case BYLINE_FIELD_REFERENCE:
    case BYLINE_FIELD_ANY:
    case BYLINE_FIELD_UNION:
    default:
      g_string_append (out, "\"\"");
      break;
    }
}

/* Whether the default of @field, written as it is, reads back as itself.
 * JSON is YAML but for what YAML readers limit: a key of over 1024
 * characters inside an object. Such a default is left out: the site fills
 * in the same value where the key is missing. */
static gboolean
default_reads_back (const BylineField *field)
{
  g_autoptr(GString) text = g_string_new ("---\n");
  g_autoptr(BylineFrontmatter) fm = NULL;
  g_autoptr(JsonParser) written = json_parser_new ();
  g_autoptr(JsonParser) read = json_parser_new ();
  g_autofree char *json = NULL;

  append_yaml_key (text, field->name);
  g_string_append (text, field->default_yaml);
  g_string_append (text, "\n---\n");
  fm = byline_frontmatter_parse (text->str, text->len);
  json = byline_frontmatter_to_json (fm, field->name);

  return json != NULL &&
         byline_json_parser_load (written, field->default_yaml, -1, NULL) &&
         byline_json_parser_load (read, json, -1, NULL) &&
         json_node_equal (json_parser_get_root (written), json_parser_get_root (read));
}

/**
 * byline_new_post_frontmatter:
 * @schema: the collection's schema
 * @title: the new post's title
 * @draft: whether it starts as a draft
 * @now: when it is made, for the dates it needs
 * @error: a #GError
 *
 * A new post of an Astro collection: a YAML block with @title, each field
 * @schema requires or gives a default, in the schema's key order, and an
 * empty body. A default is written as the schema gives it (JSON, which
 * reads as YAML) unless YAML cannot hold it so, and then left to the site;
 * a required field without one starts with a value of its type. Fails
 * when @draft is asked of a schema without a "draft" field.
 *
 * Returns: (transfer full): the post's text, or %NULL
 */
char *
byline_new_post_frontmatter (BylineSchema  *schema,
                             const char    *title,
                             gboolean       draft,
                             GDateTime     *now,
                             GError       **error)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_new ();
  g_autoptr(GString) out = g_string_new ("---\n");
  const char *title_key = byline_schema_get_title_key (schema);
  gboolean wrote_title = FALSE;
  gboolean wrote_draft = FALSE;

  for (guint i = 0; i < byline_schema_get_n_fields (schema); i++)
    g_ptr_array_add (fields, (gpointer) byline_schema_get_field (schema, i));
  g_ptr_array_sort (fields, compare_positions);

  for (guint i = 0; i < fields->len; i++)
    {
      const BylineField *field = g_ptr_array_index (fields, i);
      gboolean is_title = strcmp (field->name, title_key) == 0;
      gboolean is_draft = strcmp (field->name, "draft") == 0;

      if (!field->required && field->default_yaml == NULL && !is_title &&
          !(is_draft && draft))
        continue;
      if (field->default_yaml != NULL && !is_title && !(is_draft && draft) &&
          !default_reads_back (field))
        continue;

      append_yaml_key (out, field->name);
      if (is_title)
        {
          append_yaml_string (out, title);
          wrote_title = TRUE;
        }
      else if (is_draft && draft)
        {
          g_string_append (out, "true");
          wrote_draft = TRUE;
        }
      else if (field->default_yaml != NULL)
        g_string_append (out, field->default_yaml);
      else
        append_start_value (out, field, now);
      g_string_append_c (out, '\n');
    }

  /* A schema that does not know them (a collection whose schema is not
   * written yet): the title still goes in; a draft flag it has no key for
   * would fail the schema, so it is refused. */
  if (!wrote_title)
    {
      append_yaml_key (out, title_key);
      append_yaml_string (out, title);
      g_string_append_c (out, '\n');
    }
  if (draft && !wrote_draft)
    {
      if (byline_schema_get_n_fields (schema) > 0 && byline_schema_lookup (schema, "draft") == NULL)
        {
          g_set_error (error, BYLINE_NEW_POST_ERROR, BYLINE_NEW_POST_ERROR_COLLECTION,
                       _("The collection’s schema has no “draft” field"));
          return NULL;
        }
      g_string_append (out, "draft: true\n");
    }

  g_string_append (out, "---\n\n");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
astro_text (Plan        *plan,
            const char  *path,
            GError     **error)
{
  g_autoptr(BylineSchema) schema = byline_site_get_schema_for (plan->site, path, NULL);

  return byline_new_post_frontmatter (schema, plan->title, plan->draft, plan->now, error);
}

static char *
hugo_text (Plan        *plan,
           const char  *slug,
           GError     **error)
{
  g_autofree char *text = byline_hugo_archetype_eval (plan->archetype, slug, plan->section,
                                                      plan->now, error);
  BylineSplit split;

  if (text == NULL)
    return NULL;

  byline_frontmatter_split (text, strlen (text), &split);
  if (split.kind == BYLINE_BLOCK_TOML)
    {
      g_autoptr(GString) value = g_string_new (NULL);

      char *titled;

      append_toml_string (value, plan->title);
      titled = toml_set (text, "title", value->str);
      g_free (text);
      text = titled;
      if (plan->draft)
        {
          char *drafted = toml_set (text, "draft", "true");

          g_free (text);
          text = drafted;
        }
      return g_steal_pointer (&text);
    }
  if (split.kind == BYLINE_BLOCK_YAML)
    {
      char *titled = yaml_set (text, "title", plan->title, FALSE, error);

      if (titled == NULL)
        return NULL;
      g_free (text);
      text = titled;
      if (plan->draft)
        {
          char *drafted = yaml_set (text, "draft", NULL, TRUE, error);

          if (drafted == NULL)
            return NULL;
          g_free (text);
          text = drafted;
        }
    }

  return g_steal_pointer (&text);
}

static char *
jekyll_text (Plan       *plan,
             const char *slug)
{
  g_autoptr(GString) out = g_string_new ("---\nlayout: post\ntitle: ");

  append_yaml_string (out, plan->title);
  g_string_append_c (out, '\n');
  /* jekyll-compose's `draft` writes no date: publishing gives it one. */
  if (!plan->draft)
    {
      g_autofree char *date = g_date_time_format (plan->now, "%Y-%m-%d %H:%M:%S %z");

      g_string_append_printf (out, "date: %s\n", date);
    }
  g_string_append (out, "---\n\n");

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Which of the site's collections take Markdown posts. */
static GPtrArray *
astro_post_collections (BylineSite *site)
{
  GPtrArray *names = g_ptr_array_new ();

  for (guint i = 0; i < byline_site_get_n_collections (site); i++)
    {
      const char *base = NULL;
      const char *name = byline_site_get_collection (site, i, &base);

      if (base != NULL)
        g_ptr_array_add (names, (gpointer) name);
    }

  return names;
}

static gboolean
astro_prepare (Plan    *plan,
               GError **error)
{
  g_autoptr(GPtrArray) names = astro_post_collections (plan->site);
  const char *chosen = NULL;

  if (plan->collection != NULL)
    {
      for (guint i = 0; i < names->len; i++)
        if (strcmp (g_ptr_array_index (names, i), plan->collection) == 0)
          chosen = plan->collection;
    }
  else if (names->len == 1)
    chosen = g_ptr_array_index (names, 0);

  if (chosen == NULL)
    {
      g_autofree char *list = NULL;

      g_ptr_array_add (names, NULL);
      list = g_strjoinv (", ", (char **) names->pdata);
      if (plan->collection != NULL)
        g_set_error (error, BYLINE_NEW_POST_ERROR, BYLINE_NEW_POST_ERROR_COLLECTION,
                     /* Translators: %s is a collection's name, then a list of them */
                     _("The site has no collection “%s” of posts; it has: %s"),
                     plan->collection, list);
      else if (names->len > 1)
        g_set_error (error, BYLINE_NEW_POST_ERROR, BYLINE_NEW_POST_ERROR_COLLECTION,
                     _("The site has several collections; choose one of: %s"), list);
      else
        g_set_error (error, BYLINE_NEW_POST_ERROR, BYLINE_NEW_POST_ERROR_COLLECTION,
                     _("The site has no collection of Markdown posts"));
      return FALSE;
    }

  for (guint i = 0; i < byline_site_get_n_collections (plan->site); i++)
    {
      const char *base = NULL;

      if (strcmp (byline_site_get_collection (plan->site, i, &base), chosen) == 0)
        plan->folder = g_build_filename (byline_site_get_root (plan->site), base, NULL);
    }

  return TRUE;
}

/* Whether most posts of a Hugo section are page bundles (SLUG/index.md). */
static gboolean
section_uses_bundles (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  guint bundles = 0, files = 0;
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);

      if (name[0] == '.' || name[0] == '_')
        continue;
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          g_autofree char *index = g_build_filename (path, "index.md", NULL);

          bundles += g_file_test (index, G_FILE_TEST_IS_REGULAR);
        }
      else if (byline_is_post_file_name (name))
        files++;
    }

  return bundles > files;
}

static gboolean
hugo_prepare (Plan    *plan,
              GError **error)
{
  const char *root = byline_site_get_root (plan->site);
  g_autofree char *content = g_build_filename (root, "content", NULL);
  const char *candidates[3] = { NULL, NULL, NULL };

  /* --collection names a section: content/SECTION/. */
  plan->section = g_strdup (plan->collection != NULL ? plan->collection : "posts");
  if (plan->section[0] == '\0' || strchr (plan->section, '/') != NULL ||
      strcmp (plan->section, "..") == 0 || strcmp (plan->section, ".") == 0)
    {
      g_set_error (error, BYLINE_NEW_POST_ERROR, BYLINE_NEW_POST_ERROR_COLLECTION,
                   _("“%s” is not a section of content/"), plan->section);
      return FALSE;
    }
  plan->folder = g_build_filename (content, plan->section, NULL);
  plan->bundle = section_uses_bundles (plan->folder);

  {
    g_autofree char *own = g_strdup_printf ("%s.md", plan->section);

    candidates[0] = own;
    candidates[1] = "default.md";
    for (guint i = 0; i < 2 && plan->archetype == NULL; i++)
      {
        g_autofree char *path = g_build_filename (root, "archetypes", candidates[i], NULL);

        g_file_get_contents (path, &plan->archetype, NULL, NULL);
      }
  }
  if (plan->archetype == NULL)
    plan->archetype = g_strdup (hugo_default_archetype);

  return TRUE;
}

static gboolean
jekyll_prepare (Plan *plan)
{
  plan->folder = g_build_filename (byline_site_get_root (plan->site),
                                   plan->draft ? "_drafts" : "_posts", NULL);
  return TRUE;
}

/* The path and text of the post for @slug. */
static char *
plan_for_slug (Plan        *plan,
               const char  *slug,
               char       **text,
               GError     **error)
{
  g_autofree char *path = NULL;

  switch (byline_site_get_generator (plan->site))
    {
    case BYLINE_GENERATOR_ASTRO:
      path = g_strdup_printf ("%s/%s.md", plan->folder, slug);
      *text = astro_text (plan, path, error);
      break;
    case BYLINE_GENERATOR_HUGO:
      path = plan->bundle ? g_strdup_printf ("%s/%s/index.md", plan->folder, slug)
                          : g_strdup_printf ("%s/%s.md", plan->folder, slug);
      *text = hugo_text (plan, slug, error);
      break;
    case BYLINE_GENERATOR_JEKYLL:
      if (plan->draft)
        path = g_strdup_printf ("%s/%s.md", plan->folder, slug);
      else
        {
          g_autofree char *day = g_date_time_format (plan->now, "%Y-%m-%d");

          path = g_strdup_printf ("%s/%s-%s.md", plan->folder, day, slug);
        }
      *text = jekyll_text (plan, slug);
      break;
    case BYLINE_GENERATOR_NONE:
    default:
      g_assert_not_reached ();
    }

  if (*text == NULL)
    return NULL;
  return g_steal_pointer (&path);
}

static gboolean
prepare (Plan        *plan,
         BylineSite  *site,
         const char  *collection,
         const char  *title,
         gboolean     draft,
         GDateTime   *now,
         char       **slug,
         GError     **error)
{
  plan->site = site;
  plan->collection = collection;
  plan->title = title;
  plan->draft = draft;
  plan->now = now;

  *slug = byline_slug_suggest (title);
  if (**slug == '\0')
    {
      g_set_error (error, BYLINE_NEW_POST_ERROR, BYLINE_NEW_POST_ERROR_TITLE,
                   _("The title makes no file name: give it a letter or a digit"));
      return FALSE;
    }

  switch (byline_site_get_generator (site))
    {
    case BYLINE_GENERATOR_ASTRO:
      return astro_prepare (plan, error);
    case BYLINE_GENERATOR_HUGO:
      return hugo_prepare (plan, error);
    case BYLINE_GENERATOR_JEKYLL:
      return jekyll_prepare (plan);
    case BYLINE_GENERATOR_NONE:
    default:
      g_assert_not_reached ();
      return FALSE;
    }
}

/**
 * byline_new_post_plan:
 * @site: a site
 * @collection: (nullable): the collection (Astro) or section (Hugo, under
 *   content/; `posts` when %NULL); Jekyll ignores it
 * @title: the post's title
 * @draft: whether it starts as a draft (Jekyll: in _drafts/)
 * @now: the time for its date and the archetype's .Date
 * @text: (out) (transfer full): what the file would hold
 * @error: a #GError
 *
 * Where a new post would go and what it would start with, before a free
 * name is looked for (see byline_new_post_create()). Reads the site's
 * archetype and folders: blocking.
 *
 * Returns: (transfer full): its absolute path, or %NULL
 */
char *
byline_new_post_plan (BylineSite   *site,
                      const char   *collection,
                      const char   *title,
                      gboolean      draft,
                      GDateTime    *now,
                      char        **text,
                      GError      **error)
{
  g_auto(Plan) plan = { 0 };
  g_autofree char *slug = NULL;

  g_return_val_if_fail (site != NULL, NULL);
  g_return_val_if_fail (title != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  if (!prepare (&plan, site, collection, title, draft, now, &slug, error))
    return NULL;

  return plan_for_slug (&plan, slug, text, error);
}

/* Creates @path holding @text, failing with G_IO_ERROR_EXISTS when it (or,
 * for a bundle, its folder) exists: never replaces anything. */
static gboolean
create_exclusive (const char  *path,
                  const char  *text,
                  gboolean     bundle,
                  GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;

  if (bundle)
    {
      g_autoptr(GFile) section = g_file_get_parent (parent);

      if (!g_file_make_directory_with_parents (section, NULL, &local_error) &&
          !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_clear_error (&local_error);
      /* The bundle's folder is new, or the name is taken. */
      if (!g_file_make_directory (parent, NULL, error))
        return FALSE;
    }
  else if (!g_file_make_directory_with_parents (parent, NULL, &local_error) &&
           !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  stream = g_file_create (file, G_FILE_CREATE_NONE, NULL, error);
  if (stream == NULL)
    return FALSE;

  if (!g_output_stream_write_all (G_OUTPUT_STREAM (stream), text, strlen (text), NULL, NULL, error) ||
      !g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, error))
    {
      g_file_delete (file, NULL, NULL);
      return FALSE;
    }

  return TRUE;
}

/**
 * byline_new_post_create:
 * @site: a site
 * @collection: (nullable): as for byline_new_post_plan()
 * @title: the post's title
 * @draft: whether it starts as a draft
 * @now: (nullable): the time for its date, %NULL for now
 * @error: a #GError
 *
 * Writes a new post where the site wants it (byline_new_post_plan()). A
 * name that is taken is never replaced: the slug gets -2, -3, … until one
 * is free. Blocking.
 *
 * Returns: (transfer full): the new file's absolute path, or %NULL
 */
char *
byline_new_post_create (BylineSite   *site,
                        const char   *collection,
                        const char   *title,
                        gboolean      draft,
                        GDateTime    *now,
                        GError      **error)
{
  g_auto(Plan) plan = { 0 };
  g_autofree char *slug = NULL;
  g_autoptr(GDateTime) local_now = NULL;

  g_return_val_if_fail (site != NULL, NULL);
  g_return_val_if_fail (title != NULL, NULL);

  if (now == NULL)
    now = local_now = g_date_time_new_now_local ();

  if (!prepare (&plan, site, collection, title, draft, now, &slug, error))
    return NULL;

  for (guint n = 1; n <= MAX_SUFFIX; n++)
    {
      g_autofree char *name = n == 1 ? g_strdup (slug) : g_strdup_printf ("%s-%u", slug, n);
      g_autofree char *text = NULL;
      g_autofree char *path = plan_for_slug (&plan, name, &text, error);
      g_autoptr(GError) local_error = NULL;

      if (path == NULL)
        return NULL;
      if (create_exclusive (path, text, plan.bundle, &local_error))
        return g_steal_pointer (&path);
      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
               _("Every name from %s to %s-%u is taken"), slug, slug, MAX_SUFFIX);
  return NULL;
}
