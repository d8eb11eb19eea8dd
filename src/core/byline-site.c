/* byline-site.c: the site a post belongs to, its collections and their schemas
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "byline-frontmatter.h"
#include "byline-schema-private.h"
#include "byline-site.h"
#include "byline-slug.h"

typedef struct
{
  char          *name;
  char          *base;          /* relative to the root, no "./"; NULL: takes no files */
  GPtrArray     *patterns;      /* glob patterns relative to base; "!…" excludes */
  GPtrArray     *regexes;       /* GRegex, one per pattern */
  char          *config_text;   /* its defineCollection (…) text, or NULL */
  char          *schema_path;   /* .astro/collections/NAME.schema.json, or NULL */
  BylineSchema  *schema;        /* read from schema_path; NULL: none known */
  gboolean       declares_schema;
} Collection;

struct _BylineSite
{
  gatomicrefcount        ref_count;
  char                  *root;
  BylineGenerator        generator;
  char                  *config_path;
  char                  *content_config;   /* Astro's content.config.*, or NULL */
  gboolean               astropaper;
  char                  *src_alias;        /* "@/" when tsconfig maps "@/…" to src/…, or NULL */
  BylineSiteSchemaState  schema_state;
  GPtrArray             *collections;      /* Collection */
  GPtrArray             *watched;          /* paths, NULL-terminated */
  GArray                *watched_mtimes;   /* gint64 µs, -1 when missing */
};

G_DEFINE_QUARK (byline-site-error-quark, byline_site_error)

static const char * const astro_configs[] = {
  "astro.config.mjs", "astro.config.ts", "astro.config.js",
  "astro.config.mts", "astro.config.cjs", "astro.config.cts",
};
static const char * const hugo_configs[] = {
  "hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json",
};
static const char * const hugo_legacy_configs[] = {
  "config.toml", "config.yaml", "config.yml", "config.json",
};
/* Hugo's configuration directory: config/_default/hugo.toml, … */
static const char * const hugo_config_dirs[] = {
  "config/_default/hugo.toml", "config/_default/hugo.yaml", "config/_default/hugo.yml",
  "config/_default/hugo.json", "config/_default/config.toml", "config/_default/config.yaml",
  "config/_default/config.yml", "config/_default/config.json",
};
static const char * const jekyll_configs[] = {
  "_config.yml", "_config.yaml", "_config.toml",
};
static const char * const content_configs[] = {
  "src/content.config.ts", "src/content.config.mjs", "src/content.config.js",
  "src/content.config.mts",
  /* Astro 2-4: the legacy layout, still read by Astro 5 */
  "src/content/config.ts", "src/content/config.mjs", "src/content/config.js",
  "src/content/config.mts",
};

/* The extensions Markdown posts have: Astro's (.md, .mdx, .markdown), Hugo's
 * (.md, .markdown, .mdown) and Jekyll's markdown_ext (markdown, mkdown, mkdn,
 * mkd, md). */
static const char * const post_extensions[] = {
  ".md", ".mdx", ".markdown", ".mdown", ".mkdown", ".mkdn", ".mkd",
};

const char *
byline_generator_to_string (BylineGenerator generator)
{
  switch (generator)
    {
    case BYLINE_GENERATOR_ASTRO:
      return "astro";
    case BYLINE_GENERATOR_HUGO:
      return "hugo";
    case BYLINE_GENERATOR_JEKYLL:
      return "jekyll";
    case BYLINE_GENERATOR_NONE:
    default:
      return NULL;
    }
}

/**
 * byline_is_post_file_name:
 * @name: a file name
 *
 * Returns: whether @name has an extension a generator reads as Markdown
 */
gboolean
byline_is_post_file_name (const char *name)
{
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (post_extensions); i++)
    {
      if (g_str_has_suffix (name, post_extensions[i]) &&
          strlen (name) > strlen (post_extensions[i]))
        return TRUE;
    }

  return FALSE;
}

static void
collection_free (gpointer data)
{
  Collection *c = data;

  g_free (c->name);
  g_free (c->base);
  g_clear_pointer (&c->patterns, g_ptr_array_unref);
  g_clear_pointer (&c->regexes, g_ptr_array_unref);
  g_free (c->config_text);
  g_free (c->schema_path);
  g_clear_pointer (&c->schema, byline_schema_unref);
  g_free (c);
}

static char *
first_file (const char         *dir,
            const char * const *names,
            guint               n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);

      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&path);
    }

  return NULL;
}

static gint64
mtime_of (const char *path)
{
  struct stat st;

  if (stat (path, &st) != 0)
    return -1;

  return (gint64) st.st_mtim.tv_sec * G_USEC_PER_SEC + st.st_mtim.tv_nsec / 1000;
}

/* --- reading content.config without running it ------------------------- */

/* The text with comments blanked out (offsets kept), strings untouched. */
static char *
blank_comments (const char *text)
{
  char *out = g_strdup (text);
  char quote = 0;

  for (char *p = out; *p != '\0'; p++)
    {
      if (quote != 0)
        {
          if (*p == '\\' && p[1] != '\0')
            p++;
          else if (*p == quote)
            quote = 0;
          continue;
        }
      if (*p == '"' || *p == '\'' || *p == '`')
        quote = *p;
      else if (p[0] == '/' && p[1] == '/')
        for (; *p != '\0' && *p != '\n'; p++)
          *p = ' ';
      else if (p[0] == '/' && p[1] == '*')
        {
          for (; *p != '\0' && !(p[0] == '*' && p[1] == '/'); p++)
            if (*p != '\n')
              *p = ' ';
          if (*p != '\0')
            {
              p[0] = p[1] = ' ';
              p++;
            }
        }
      if (*p == '\0')
        break;
    }

  return out;
}

/* The offset just after the bracket that closes the one at @open. */
static gsize
matching_close (const char *text,
                gsize       open)
{
  int depth = 0;
  char quote = 0;

  for (gsize i = open; text[i] != '\0'; i++)
    {
      char c = text[i];

      if (quote != 0)
        {
          if (c == '\\' && text[i + 1] != '\0')
            i++;
          else if (c == quote)
            quote = 0;
          continue;
        }
      if (c == '"' || c == '\'' || c == '`')
        quote = c;
      else if (c == '(' || c == '{' || c == '[')
        depth++;
      else if (c == ')' || c == '}' || c == ']')
        {
          if (--depth == 0)
            return i + 1;
        }
    }

  return strlen (text);
}

/* A string literal at @p ('…', "…", or `…${NAME}…` with NAME a constant of
 * the file); NULL for anything else. */
static char *
read_literal (const char *p,
              GHashTable *constants)
{
  GString *out;
  char quote;

  while (g_ascii_isspace (*p))
    p++;
  quote = *p;
  if (quote != '"' && quote != '\'' && quote != '`')
    return NULL;

  out = g_string_new (NULL);
  for (p++; *p != '\0' && *p != quote; p++)
    {
      if (*p == '\\' && p[1] != '\0')
        {
          g_string_append_c (out, *++p);
          continue;
        }
      if (quote == '`' && p[0] == '$' && p[1] == '{')
        {
          const char *end = strchr (p, '}');
          g_autofree char *name = NULL;
          const char *value;

          if (end == NULL)
            break;
          name = g_strstrip (g_strndup (p + 2, end - p - 2));
          value = g_hash_table_lookup (constants, name);
          if (value == NULL)
            {
              g_string_free (out, TRUE);
              return NULL;
            }
          g_string_append (out, value);
          p = end;
          continue;
        }
      g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

static GHashTable *
read_constants (const char *text)
{
  GHashTable *constants = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GRegex) regex = g_regex_new ("\\b(?:const|let|var)\\s+([A-Za-z_$][\\w$]*)"
                                         "\\s*=\\s*(?=[\"'`])",
                                         0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  g_regex_match (regex, text, 0, &match);
  while (g_match_info_matches (match))
    {
      int end = 0;
      g_autofree char *name = g_match_info_fetch (match, 1);
      char *value;

      g_match_info_fetch_pos (match, 0, NULL, &end);
      value = read_literal (text + end, constants);
      if (value != NULL)
        g_hash_table_replace (constants, g_steal_pointer (&name), value);
      g_match_info_next (match, NULL);
    }

  return constants;
}

/* The value of `KEY: …` inside @args: one literal or an array of them. */
static GPtrArray *
read_option (const char *args,
             const char *key,
             GHashTable *constants)
{
  g_autofree char *pattern = g_strdup_printf ("(?:^|[\\s{,])%s\\s*:\\s*", key);
  g_autoptr(GRegex) regex = g_regex_new (pattern, 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  GPtrArray *values;
  const char *p;
  int end = 0;

  if (!g_regex_match (regex, args, 0, &match))
    return NULL;
  g_match_info_fetch_pos (match, 0, NULL, &end);
  p = args + end;

  values = g_ptr_array_new_with_free_func (g_free);
  if (*p == '[')
    {
      gsize close = matching_close (p, 0);
      g_autofree char *inside = g_strndup (p + 1, close > 1 ? close - 2 : 0);
      gsize i = 0;

      while (inside[i] != '\0')
        {
          char *value;
          char q;

          while (g_ascii_isspace (inside[i]))
            i++;
          value = read_literal (inside + i, constants);
          if (value == NULL)
            break;
          g_ptr_array_add (values, value);
          /* past the literal */
          q = inside[i];
          for (i++; inside[i] != '\0' && inside[i] != q; i++)
            if (inside[i] == '\\' && inside[i + 1] != '\0')
              i++;
          if (inside[i] != '\0')
            i++;
          while (inside[i] != '\0' && (g_ascii_isspace (inside[i]) || inside[i] == ','))
            i++;
        }
    }
  else
    {
      char *value = read_literal (p, constants);

      if (value != NULL)
        g_ptr_array_add (values, value);
    }

  if (values->len == 0)
    g_clear_pointer (&values, g_ptr_array_unref);

  return values;
}

/* A glob pattern (micromatch's, as Astro's glob loader uses) as a regex on a
 * path relative to the base. */
static GRegex *
glob_to_regex (const char *glob)
{
  g_autoptr(GString) re = g_string_new ("^");
  int braces = 0;

  for (const char *p = glob; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '*':
          if (p[1] == '*')
            {
              p++;
              if (p[1] == '/')
                {
                  p++;
                  /* any folders, none starting with a dot */
                  g_string_append (re, "(?:[^/.][^/]*/)*");
                }
              else
                g_string_append (re, "(?:[^/.][^/]*(?:/[^/.][^/]*)*)?");
            }
          else
            g_string_append (re, p == glob || p[-1] == '/' ? "(?!\\.)[^/]*" : "[^/]*");
          break;
        case '?':
          g_string_append (re, "[^/]");
          break;
        case '[':
          {
            const char *close = strchr (p + 1, ']');

            if (close == NULL)
              {
                g_string_append (re, "\\[");
                break;
              }
            g_string_append_c (re, '[');
            p++;
            if (*p == '!' || *p == '^')
              {
                g_string_append_c (re, '^');
                p++;
              }
            for (; p < close; p++)
              {
                if (*p == '\\' || *p == '[')
                  g_string_append_c (re, '\\');
                g_string_append_c (re, *p);
              }
            g_string_append_c (re, ']');
          }
          break;
        case '{':
          braces++;
          g_string_append (re, "(?:");
          break;
        case '}':
          if (braces > 0)
            {
              braces--;
              g_string_append_c (re, ')');
            }
          else
            g_string_append (re, "\\}");
          break;
        case ',':
          g_string_append (re, braces > 0 ? "|" : ",");
          break;
        default:
          if (strchr ("\\^$.|+()", *p) != NULL)
            g_string_append_c (re, '\\');
          g_string_append_c (re, *p);
          break;
        }
    }
  g_string_append_c (re, '$');

  return g_regex_new (re->str, G_REGEX_OPTIMIZE, 0, NULL);
}

static void
collection_set_patterns (Collection *c,
                         GPtrArray  *patterns)
{
  c->patterns = patterns;
  c->regexes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_regex_unref);
  for (guint i = 0; i < patterns->len; i++)
    {
      const char *glob = g_ptr_array_index (patterns, i);
      GRegex *regex;

      if (*glob == '!')
        glob++;
      if (g_str_has_prefix (glob, "./"))
        glob += 2;
      regex = glob_to_regex (glob);
      if (regex == NULL)
        regex = g_regex_new ("(?!)", 0, 0, NULL);
      g_ptr_array_add (c->regexes, regex);
    }
}

/* Whether the collection's loader takes @relative (a path under its base). */
static gboolean
collection_matches (const Collection *c,
                    const char       *relative)
{
  gboolean taken = FALSE;

  if (c->patterns == NULL)
    return byline_is_post_file_name (relative);

  for (guint i = 0; i < c->patterns->len; i++)
    {
      const char *glob = g_ptr_array_index (c->patterns, i);
      gboolean matches = g_regex_match (g_ptr_array_index (c->regexes, i), relative, 0, NULL);

      if (*glob == '!')
        {
          if (matches)
            return FALSE;
        }
      else
        taken |= matches;
    }

  return taken;
}

static char *
normalize_base (const char *base)
{
  g_autofree char *b = g_strdup (base);
  char *p = b;

  while (g_str_has_prefix (p, "./"))
    p += 2;
  if (strcmp (p, ".") == 0)
    p[0] = '\0';
  while (*p != '\0' && p[strlen (p) - 1] == '/')
    p[strlen (p) - 1] = '\0';

  return g_strdup (p);
}

/* One collection from its defineCollection ({…}) text. */
static Collection *
read_collection (const char *name,
                 const char *body,
                 GHashTable *constants)
{
  Collection *c = g_new0 (Collection, 1);
  const char *glob_call;

  c->name = g_strdup (name);
  c->config_text = g_strdup (body);
  c->declares_schema = g_regex_match_simple ("(?:^|[\\s{,])schema\\s*[:,}(]", body, 0, 0) ||
                       g_regex_match_simple ("(?:^|[\\s{,])schema\\s*$", body, G_REGEX_MULTILINE, 0);

  glob_call = NULL;
  {
    g_autoptr(GMatchInfo) match = NULL;
    g_autoptr(GRegex) regex = g_regex_new ("\\bglob\\s*\\(", 0, 0, NULL);

    if (g_regex_match (regex, body, 0, &match))
      {
        int end = 0;

        g_match_info_fetch_pos (match, 0, NULL, &end);
        glob_call = body + end - 1;
      }
  }

  if (glob_call != NULL)
    {
      g_autofree char *args = g_strndup (glob_call, matching_close (glob_call, 0));
      g_autoptr(GPtrArray) bases = read_option (args, "base", constants);
      GPtrArray *patterns = read_option (args, "pattern", constants);

      c->base = normalize_base (bases != NULL ? g_ptr_array_index (bases, 0) : ".");
      if (patterns != NULL)
        collection_set_patterns (c, patterns);
      else
        {
          /* A pattern we cannot read: take what looks like a post. */
        }
    }
  else if (g_regex_match_simple ("\\bdocsLoader\\s*\\(", body, 0, 0))
    {
      /* Starlight's docsLoader () is a glob of its own: src/content/docs,
       * Markdown and MDX files whose names do not start with `_`. */
      GPtrArray *patterns = g_ptr_array_new_with_free_func (g_free);

      g_ptr_array_add (patterns, g_strdup ("**/[^_]*.{markdown,mdown,mkdn,mkd,mdwn,md,mdx}"));
      c->base = g_build_filename ("src", "content", "docs", NULL);
      collection_set_patterns (c, patterns);
    }
  else if (!g_regex_match_simple ("(?:^|[\\s{,])loader\\s*:", body, 0, 0))
    {
      /* The legacy layout: src/content/NAME/, every Markdown file. */
      c->base = g_build_filename ("src", "content", name, NULL);
    }

  return c;
}

static void
read_astro_collections (BylineSite *self,
                        const char *text)
{
  g_autofree char *code = blank_comments (text);
  g_autoptr(GHashTable) constants = read_constants (code);
  g_autoptr(GHashTable) bodies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) order = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GRegex) define = g_regex_new ("\\b(?:const|let|var)\\s+([A-Za-z_$][\\w$]*)\\s*=\\s*"
                                          "defineCollection\\s*\\(", 0, 0, NULL);
  g_autoptr(GRegex) exported = g_regex_new ("\\bcollections\\s*=\\s*\\{", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GMatchInfo) export_match = NULL;

  g_regex_match (define, code, 0, &match);
  while (g_match_info_matches (match))
    {
      int end = 0;
      char *ident = g_match_info_fetch (match, 1);

      g_match_info_fetch_pos (match, 0, NULL, &end);
      g_hash_table_replace (bodies, g_strdup (ident),
                            g_strndup (code + end - 1, matching_close (code + end - 1, 0)));
      g_ptr_array_add (order, ident);
      g_match_info_next (match, NULL);
    }

  if (g_regex_match (exported, code, 0, &export_match))
    {
      int end = 0;
      g_autofree char *object = NULL;
      gsize i = 1;

      g_match_info_fetch_pos (export_match, 0, NULL, &end);
      object = g_strndup (code + end - 1, matching_close (code + end - 1, 0));

      /* { blog, docs: docsCollection, "my-notes": defineCollection ({…}) } */
      while (object[i] != '\0' && object[i] != '}')
        {
          gsize start;
          g_autofree char *entry = NULL;
          g_autofree char *key = NULL;
          char *colon;
          const char *value;

          while (object[i] != '\0' && (g_ascii_isspace (object[i]) || object[i] == ','))
            i++;
          start = i;
          while (object[i] != '\0' && object[i] != ',' && object[i] != '}')
            {
              if (strchr ("({['\"`", object[i]) != NULL)
                {
                  if (strchr ("'\"`", object[i]) != NULL)
                    {
                      char q = object[i];

                      for (i++; object[i] != '\0' && object[i] != q; i++)
                        ;
                      if (object[i] != '\0')
                        i++;
                    }
                  else
                    i += matching_close (object + i, 0) - 0;
                  continue;
                }
              i++;
            }
          entry = g_strstrip (g_strndup (object + start, i - start));
          if (*entry == '\0')
            continue;

          colon = strchr (entry, ':');
          if (colon != NULL && (strchr (entry, '(') == NULL || colon < strchr (entry, '(')))
            {
              *colon = '\0';
              key = g_strstrip (g_strdup (entry));
              value = g_strchug (colon + 1);
              if (*key == '"' || *key == '\'')
                {
                  char *unq = g_strndup (key + 1, MAX (strlen (key), 2) - 2);

                  g_free (key);
                  key = unq;
                }
            }
          else
            {
              key = g_strdup (entry);
              value = entry;
            }

          if (g_str_has_prefix (value, "defineCollection"))
            {
              const char *paren = strchr (value, '(');

              if (paren != NULL)
                {
                  /* Only this call: the object's other entries follow it. */
                  g_autofree char *call = g_strndup (paren, matching_close (paren, 0));

                  g_ptr_array_add (self->collections, read_collection (key, call, constants));
                }
            }
          else if (g_hash_table_contains (bodies, value))
            g_ptr_array_add (self->collections,
                             read_collection (key, g_hash_table_lookup (bodies, value), constants));
        }
    }
  else
    {
      for (guint i = 0; i < order->len; i++)
        {
          const char *ident = g_ptr_array_index (order, i);

          g_ptr_array_add (self->collections,
                           read_collection (ident, g_hash_table_lookup (bodies, ident), constants));
        }
    }
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Astro 2-4 without a config: every folder under src/content is one. */
static void
read_legacy_folders (BylineSite *self)
{
  g_autofree char *content = g_build_filename (self->root, "src", "content", NULL);
  g_autoptr(GDir) dir = g_dir_open (content, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (content, name, NULL);

      if (name[0] != '.' && name[0] != '_' && g_file_test (path, G_FILE_TEST_IS_DIR))
        g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      Collection *c = g_new0 (Collection, 1);

      c->name = g_strdup (g_ptr_array_index (names, i));
      c->base = g_build_filename ("src", "content", c->name, NULL);
      g_ptr_array_add (self->collections, c);
    }
}

/* Whether AstroPaper's built-in schema is the site's: its content config
 * declares AstroPaper's keys (forks rename the package but keep them, and
 * some change them: then it is not AstroPaper's schema any more), or, with
 * no content config to read, its package is AstroPaper. */
static gboolean
is_astropaper (BylineSite *self,
               const char *content_text)
{
  g_autofree char *package_path = NULL;
  g_autofree char *package = NULL;

  if (content_text != NULL)
    return strstr (content_text, "pubDatetime") != NULL;

  package_path = g_build_filename (self->root, "package.json", NULL);
  return g_file_get_contents (package_path, &package, NULL, NULL) &&
         g_regex_match_simple ("\"name\"\\s*:\\s*\"astro-paper", package, 0, 0);
}

static void
watch (BylineSite *self,
       const char *path)
{
  gint64 mtime = mtime_of (path);

  g_ptr_array_insert (self->watched, self->watched->len - 1, g_strdup (path));
  g_array_append_val (self->watched_mtimes, mtime);
}

/* The import alias that names src/ ("@/" for `"@/…": ["./src/…"]` in
 * tsconfig.json's compilerOptions.paths, as AstroPaper has), which image
 * paths in frontmatter may use. tsconfig is JSON with comments: a pattern,
 * not a JSON parser. */
static void
read_src_alias (BylineSite *self)
{
  g_autofree char *path = g_build_filename (self->root, "tsconfig.json", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GMatchInfo) match = NULL;

  watch (self, path);
  if (!g_file_get_contents (path, &text, NULL, NULL))
    return;

  regex = g_regex_new ("\"([^\"*]+/)\\*\"\\s*:\\s*\\[\\s*\"(?:\\./)?src/\\*\"", 0, 0, NULL);
  if (g_regex_match (regex, text, 0, &match))
    self->src_alias = g_match_info_fetch (match, 1);
}

static void
load_astro (BylineSite *self)
{
  g_autofree char *text = NULL;
  g_autofree char *schemas_dir = g_build_filename (self->root, ".astro", "collections", NULL);
  gint64 config_mtime = -1;
  gboolean missing = FALSE;
  gboolean stale = FALSE;
  gboolean any_schema = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (content_configs) && self->content_config == NULL; i++)
    {
      g_autofree char *path = g_build_filename (self->root, content_configs[i], NULL);

      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        self->content_config = g_steal_pointer (&path);
    }

  if (self->content_config != NULL)
    {
      g_file_get_contents (self->content_config, &text, NULL, NULL);
      config_mtime = mtime_of (self->content_config);
      watch (self, self->content_config);
      read_astro_collections (self, text != NULL ? text : "");
    }
  else
    read_legacy_folders (self);

  {
    g_autofree char *package = g_build_filename (self->root, "package.json", NULL);

    watch (self, package);
  }
  read_src_alias (self);
  self->astropaper = is_astropaper (self, text);

  for (guint i = 0; i < self->collections->len; i++)
    {
      Collection *c = g_ptr_array_index (self->collections, i);
      g_autofree char *file = g_strdup_printf ("%s.schema.json", c->name);
      g_autoptr(GError) error = NULL;
      gint64 mtime;

      if (!c->declares_schema)
        continue;
      any_schema = TRUE;
      c->schema_path = g_build_filename (schemas_dir, file, NULL);
      watch (self, c->schema_path);
      mtime = mtime_of (c->schema_path);
      if (mtime < 0)
        {
          missing = TRUE;
          continue;
        }
      if (mtime < config_mtime)
        stale = TRUE;
      c->schema = byline_schema_new_from_json (c->schema_path, c->name, c->config_text, &error);
      if (c->schema == NULL)
        {
          g_debug ("%s", error->message);
          missing = TRUE;
        }
      else if (self->astropaper)
        _byline_schema_set_astropaper (c->schema);
    }

  if (missing)
    self->schema_state = self->astropaper ? BYLINE_SITE_SCHEMAS_BUILT_IN : BYLINE_SITE_SCHEMAS_MISSING;
  else if (stale)
    self->schema_state = BYLINE_SITE_SCHEMAS_STALE;
  else if (any_schema)
    self->schema_state = BYLINE_SITE_SCHEMAS_CURRENT;
  else
    self->schema_state = self->astropaper ? BYLINE_SITE_SCHEMAS_BUILT_IN : BYLINE_SITE_SCHEMAS_NONE;

  /* A watcher on the folder sees astro sync write a schema for a new collection. */
  watch (self, schemas_dir);
}

static void
load_hugo (BylineSite *self)
{
  Collection *c = g_new0 (Collection, 1);

  /* One collection for all of content/: Hugo's front matter is the same in
   * every section. */
  c->name = g_strdup ("content");
  c->base = g_strdup ("content");
  c->schema = byline_schema_new_hugo ();
  g_ptr_array_add (self->collections, c);
  self->schema_state = BYLINE_SITE_SCHEMAS_BUILT_IN;
}

static void
load_jekyll (BylineSite *self)
{
  static const char * const names[] = { "posts", "drafts" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      Collection *c = g_new0 (Collection, 1);

      c->name = g_strdup (names[i]);
      c->base = g_strdup_printf ("_%s", names[i]);
      c->schema = byline_schema_new_jekyll ();
      g_ptr_array_add (self->collections, c);
    }
  self->schema_state = BYLINE_SITE_SCHEMAS_BUILT_IN;
}

/* Which generator's site @dir is the root of, and its config file. */
static BylineGenerator
detect (const char  *dir,
        char       **config)
{
  g_autofree char *content = NULL;

  if ((*config = first_file (dir, astro_configs, G_N_ELEMENTS (astro_configs))) != NULL)
    return BYLINE_GENERATOR_ASTRO;
  if ((*config = first_file (dir, hugo_configs, G_N_ELEMENTS (hugo_configs))) != NULL)
    return BYLINE_GENERATOR_HUGO;
  if ((*config = first_file (dir, hugo_config_dirs, G_N_ELEMENTS (hugo_config_dirs))) != NULL)
    return BYLINE_GENERATOR_HUGO;
  if ((*config = first_file (dir, jekyll_configs, G_N_ELEMENTS (jekyll_configs))) != NULL)
    return BYLINE_GENERATOR_JEKYLL;

  /* Hugo before 0.110 named it config.*, beside content/. */
  content = g_build_filename (dir, "content", NULL);
  if (g_file_test (content, G_FILE_TEST_IS_DIR) &&
      (*config = first_file (dir, hugo_legacy_configs, G_N_ELEMENTS (hugo_legacy_configs))) != NULL)
    return BYLINE_GENERATOR_HUGO;

  return BYLINE_GENERATOR_NONE;
}

/**
 * byline_site_load:
 * @root: the site's root folder
 * @generator: its generator, or %BYLINE_GENERATOR_NONE to find out
 * @error: a #GError
 *
 * Reads the site at @root. Blocking.
 *
 * Returns: (transfer full): the site, or %NULL when @root is no site's root
 */
BylineSite *
byline_site_load (const char       *root,
                  BylineGenerator   generator,
                  GError          **error)
{
  g_autoptr(BylineSite) self = NULL;
  g_autofree char *config = NULL;
  BylineGenerator found;

  g_return_val_if_fail (root != NULL, NULL);

  found = detect (root, &config);
  if (found == BYLINE_GENERATOR_NONE || (generator != BYLINE_GENERATOR_NONE && generator != found))
    {
      g_set_error (error, BYLINE_SITE_ERROR, BYLINE_SITE_ERROR_NOT_FOUND,
                   _("%s is not the root of an Astro, Hugo or Jekyll site"), root);
      return NULL;
    }

  self = g_new0 (BylineSite, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->root = g_canonicalize_filename (root, NULL);
  self->generator = found;
  self->config_path = g_steal_pointer (&config);
  self->collections = g_ptr_array_new_with_free_func (collection_free);
  self->watched = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->watched, NULL);
  self->watched_mtimes = g_array_new (FALSE, FALSE, sizeof (gint64));
  watch (self, self->config_path);

  switch (found)
    {
    case BYLINE_GENERATOR_ASTRO:
      load_astro (self);
      break;
    case BYLINE_GENERATOR_HUGO:
      load_hugo (self);
      break;
    case BYLINE_GENERATOR_JEKYLL:
      load_jekyll (self);
      break;
    case BYLINE_GENERATOR_NONE:
    default:
      g_assert_not_reached ();
    }

  return g_steal_pointer (&self);
}

static char *
find_root (const char       *post_path,
           BylineGenerator  *generator)
{
  g_autofree char *path = g_canonicalize_filename (post_path, NULL);
  g_autofree char *dir = g_file_test (path, G_FILE_TEST_IS_DIR) ? g_strdup (path)
                                                               : g_path_get_dirname (path);

  for (;;)
    {
      g_autofree char *config = NULL;
      g_autofree char *parent = NULL;

      *generator = detect (dir, &config);
      if (*generator != BYLINE_GENERATOR_NONE)
        return g_steal_pointer (&dir);

      parent = g_path_get_dirname (dir);
      if (strcmp (parent, dir) == 0)
        return NULL;
      g_free (dir);
      dir = g_steal_pointer (&parent);
    }
}

/**
 * byline_site_find:
 * @post_path: a post (or a folder of posts)
 * @error: a #GError
 *
 * Finds the site @post_path belongs to by walking up from it: the nearest
 * folder with `astro.config.*` (Astro), `hugo.{toml,yaml,json}`,
 * `config/_default/{hugo,config}.*` or `config.*` beside `content/` (Hugo),
 * or `_config.yml` (Jekyll). Blocking:
 * for worker threads and the CLI.
 *
 * Returns: (transfer full): the site, or %NULL with
 *   %BYLINE_SITE_ERROR_NOT_FOUND for a lone post
 */
BylineSite *
byline_site_find (const char  *post_path,
                  GError     **error)
{
  g_autofree char *root = NULL;
  BylineGenerator generator;

  g_return_val_if_fail (post_path != NULL, NULL);

  root = find_root (post_path, &generator);
  if (root == NULL)
    {
      g_set_error (error, BYLINE_SITE_ERROR, BYLINE_SITE_ERROR_NOT_FOUND,
                   _("%s is in no Astro, Hugo or Jekyll site"), post_path);
      return NULL;
    }

  return byline_site_load (root, generator, error);
}

BylineSite *
byline_site_ref (BylineSite *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
byline_site_unref (BylineSite *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->root);
  g_free (self->config_path);
  g_free (self->content_config);
  g_free (self->src_alias);
  g_ptr_array_unref (self->collections);
  g_ptr_array_unref (self->watched);
  g_array_unref (self->watched_mtimes);
  g_free (self);
}

const char *
byline_site_get_root (BylineSite *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->root;
}

BylineGenerator
byline_site_get_generator (BylineSite *self)
{
  g_return_val_if_fail (self != NULL, BYLINE_GENERATOR_NONE);

  return self->generator;
}

/**
 * byline_site_get_config_path:
 *
 * Returns: the generator's config file (astro.config.mjs, hugo.toml, …)
 */
const char *
byline_site_get_config_path (BylineSite *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->config_path;
}

/**
 * byline_site_get_content_config:
 *
 * Returns: (nullable): an Astro site's src/content.config.* (or the legacy
 *   src/content/config.*), where its collections are declared
 */
const char *
byline_site_get_content_config (BylineSite *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->content_config;
}

BylineSiteSchemaState
byline_site_get_schema_state (BylineSite *self)
{
  g_return_val_if_fail (self != NULL, BYLINE_SITE_SCHEMAS_NONE);

  return self->schema_state;
}

/**
 * byline_site_is_astropaper:
 *
 * Returns: whether the site's posts follow AstroPaper's schema: its content
 *   config declares AstroPaper's pubDatetime (forks rename the package), or
 *   it has no content config and its package.json is AstroPaper's
 */
gboolean
byline_site_is_astropaper (BylineSite *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->astropaper;
}

/**
 * byline_site_get_watched_files:
 *
 * The files that define the site, for a file monitor: the generator's
 * config, an Astro site's content config, package.json, each collection's
 * schema file, and the folder `.astro/collections` (where `astro sync`
 * writes them). Some may not exist yet; their appearing changes the site.
 *
 * Returns: (transfer none) (array zero-terminated=1): the paths
 */
const char * const *
byline_site_get_watched_files (BylineSite *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return (const char * const *) self->watched->pdata;
}

/**
 * byline_site_is_current:
 *
 * Returns: whether none of the watched files changed, appeared or went
 *   since the site was read (one stat() each)
 */
gboolean
byline_site_is_current (BylineSite *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  for (guint i = 0; i < self->watched_mtimes->len; i++)
    {
      if (mtime_of (g_ptr_array_index (self->watched, i)) !=
          g_array_index (self->watched_mtimes, gint64, i))
        return FALSE;
    }

  return TRUE;
}

/**
 * byline_site_sync_command:
 *
 * The command that writes an Astro site's schemas (`astro sync`), to run
 * with the site's root as the working folder. Only for an Astro site with
 * Astro installed in node_modules: nothing is fetched from the network.
 *
 * Returns: (transfer full) (nullable): the argv, or %NULL
 */
char **
byline_site_sync_command (BylineSite *self)
{
  g_autofree char *astro = NULL;
  GStrvBuilder *builder;
  char **argv;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->generator != BYLINE_GENERATOR_ASTRO)
    return NULL;

  astro = g_build_filename (self->root, "node_modules", ".bin", "astro", NULL);
  if (!g_file_test (astro, G_FILE_TEST_IS_EXECUTABLE))
    return NULL;

  builder = g_strv_builder_new ();
  g_strv_builder_add_many (builder, astro, "sync", NULL);
  argv = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);

  return argv;
}

guint
byline_site_get_n_collections (BylineSite *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->collections->len;
}

/**
 * byline_site_get_collection:
 * @self: a site
 * @index: 0 .. n_collections - 1
 * @base: (out) (optional) (nullable): the folder its files are in, relative
 *   to the root; %NULL for a collection that takes no Markdown files
 *
 * Returns: the collection's name
 */
const char *
byline_site_get_collection (BylineSite  *self,
                            guint        index,
                            const char **base)
{
  const Collection *c;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->collections->len, NULL);

  c = g_ptr_array_index (self->collections, index);
  if (base != NULL)
    *base = c->base;

  return c->name;
}

/* The path of @post_path relative to the root, or NULL when outside it. */
static char *
relative_to_root (BylineSite *self,
                  const char *post_path)
{
  g_autofree char *path = g_canonicalize_filename (post_path, NULL);
  gsize n = strlen (self->root);

  if (strncmp (path, self->root, n) != 0 || (path[n] != '/' && path[n] != '\0'))
    return NULL;

  return g_strdup (path[n] == '/' ? path + n + 1 : "");
}

static const Collection *
lookup_collection (BylineSite *self,
                   const char *post_path)
{
  g_autofree char *relative = relative_to_root (self, post_path);

  if (relative == NULL)
    return NULL;

  for (guint i = 0; i < self->collections->len; i++)
    {
      const Collection *c = g_ptr_array_index (self->collections, i);
      gsize n;

      if (c->base == NULL)
        continue;
      n = strlen (c->base);
      if (n > 0 && (strncmp (relative, c->base, n) != 0 || relative[n] != '/'))
        continue;
      if (collection_matches (c, n > 0 ? relative + n + 1 : relative))
        return c;
    }

  return NULL;
}

/**
 * byline_site_find_collection:
 * @self: a site
 * @post_path: a post
 *
 * Returns: (transfer full) (nullable): the name of the collection whose
 *   loader takes @post_path (Astro: its glob's base and pattern, or
 *   src/content/NAME/), or %NULL
 */
char *
byline_site_find_collection (BylineSite *self,
                             const char *post_path)
{
  const Collection *c;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (post_path != NULL, NULL);

  c = lookup_collection (self, post_path);

  return c != NULL ? g_strdup (c->name) : NULL;
}

/**
 * byline_site_get_schema_for:
 * @self: a site
 * @post_path: a post of the site
 * @collection_name: (out) (optional) (nullable) (transfer full): its
 *   collection, or %NULL when no collection takes it
 *
 * The schema the site checks @post_path with: its collection's JSON Schema
 * (Astro), the built-in one (Hugo, Jekyll, AstroPaper while its schemas are
 * not written), or, when the site's rules are not known yet (see
 * byline_site_get_schema_state()) or no collection takes the file (an
 * Astro page), one that checks only YAML. No file I/O: the site read its
 * schemas when it was loaded, so this is fine on the main thread.
 *
 * Returns: (transfer full): the schema, never %NULL
 */
BylineSchema *
byline_site_get_schema_for (BylineSite  *self,
                            const char  *post_path,
                            char       **collection_name)
{
  const Collection *c;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (post_path != NULL, NULL);

  c = lookup_collection (self, post_path);
  if (collection_name != NULL)
    *collection_name = c != NULL ? g_strdup (c->name) : NULL;

  if (c == NULL)
    return byline_schema_new_yaml_only ();
  if (c->schema != NULL)
    return byline_schema_ref (c->schema);
  if (self->astropaper && c->declares_schema)
    return byline_schema_new_astropaper ();

  return byline_schema_new_yaml_only ();
}

/**
 * byline_site_dup_collection_folder:
 * @self: a site
 * @post_path: a post of the site
 *
 * The folder whose posts belong with @post_path's, to scan for the values
 * they use (byline_post_index_scan()): its collection's base folder, or the
 * post's own folder when no collection takes it.
 *
 * Returns: (transfer full): an absolute path
 */
char *
byline_site_dup_collection_folder (BylineSite *self,
                                   const char *post_path)
{
  const Collection *c;
  g_autofree char *path = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (post_path != NULL, NULL);

  c = lookup_collection (self, post_path);
  if (c != NULL && c->base != NULL)
    return g_build_filename (self->root, c->base, NULL);

  path = g_canonicalize_filename (post_path, NULL);
  return g_path_get_dirname (path);
}

/**
 * byline_site_dup_path_date:
 * @self: a site
 * @post_path: a post of the site
 *
 * The date a Jekyll post takes from its file name (`_posts/2024-01-02-title.md`)
 * when its front matter has no `date`: midnight of that day, in UTC (Jekyll
 * uses the site's time zone, which Byline does not read).
 *
 * Returns: (transfer full) (nullable): the date, or %NULL for a post whose
 *   name gives none, or of another generator
 */
GDateTime *
byline_site_dup_path_date (BylineSite *self,
                           const char *post_path)
{
  g_autofree char *name = NULL;
  int year, month, day;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (post_path != NULL, NULL);

  if (self->generator != BYLINE_GENERATOR_JEKYLL)
    return NULL;

  name = g_path_get_basename (post_path);
  if (!g_regex_match_simple ("^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}-.", name, 0, 0) ||
      sscanf (name, "%d-%d-%d-", &year, &month, &day) != 3 ||
      !g_date_valid_dmy (day, month, year))
    return NULL;

  return g_date_time_new_utc (year, month, day, 0, 0, 0);
}

#define MAX_ENTRY_DEPTH 12
#define MAX_ENTRIES     20000

/* Astro's glob loader's id for an entry: its frontmatter's slug, else its
 * path under the base without the extension, each folder and the name
 * slugged as GitHub does, a trailing /index dropped. */
static char *
entry_id (const char *relative,
          const char *path)
{
  g_autofree char *text = NULL;
  g_autofree char *stem = NULL;
  g_auto(GStrv) segments = NULL;
  g_autoptr(GString) id = g_string_new (NULL);
  gsize len = 0;
  const char *dot;

  if (g_file_get_contents (path, &text, &len, NULL))
    {
      BylineSplit split;

      byline_frontmatter_split (text, len, &split);
      if (split.kind == BYLINE_BLOCK_YAML)
        {
          g_autoptr(BylineFrontmatter) fm = byline_frontmatter_parse (text, split.close_end);
          const BylineEntry *slug = byline_frontmatter_lookup (fm, "slug");

          if (slug != NULL && slug->value->type == BYLINE_VALUE_STRING && slug->value->string != NULL)
            return g_strdup (slug->value->string);
        }
    }

  dot = strrchr (relative, '.');
  stem = dot != NULL && strchr (dot, '/') == NULL ? g_strndup (relative, dot - relative)
                                                  : g_strdup (relative);
  segments = g_strsplit (stem, "/", -1);
  for (guint i = 0; segments[i] != NULL; i++)
    {
      g_autofree char *slug = byline_github_slug (segments[i]);

      if (i > 0)
        g_string_append_c (id, '/');
      g_string_append (id, slug);
    }
  if (g_str_has_suffix (id->str, "/index"))
    g_string_truncate (id, id->len - strlen ("/index"));

  return g_string_free (g_steal_pointer (&id), FALSE);
}

static gboolean
collect_entries (const Collection *c,
                 const char       *dir,
                 const char       *relative_dir,
                 guint             depth,
                 GHashTable       *ids,
                 GCancellable     *cancellable,
                 GError          **error)
{
  g_autoptr(GDir) d = NULL;
  const char *name;

  if (depth > MAX_ENTRY_DEPTH)
    return TRUE;

  d = g_dir_open (dir, 0, depth == 0 ? error : NULL);
  if (d == NULL)
    return depth > 0;

  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *relative = *relative_dir != '\0' ? g_strconcat (relative_dir, "/", name, NULL)
                                                        : g_strdup (name);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (name[0] == '.' || strcmp (name, "node_modules") == 0 ||
          g_hash_table_size (ids) >= MAX_ENTRIES)
        continue;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          if (!collect_entries (c, path, relative, depth + 1, ids, cancellable, error))
            return FALSE;
        }
      else if (collection_matches (c, relative))
        g_hash_table_add (ids, entry_id (relative, path));
    }

  return TRUE;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/**
 * byline_site_dup_entry_ids:
 * @self: a site
 * @collection: a collection of the site
 * @cancellable: (nullable): a #GCancellable
 * @error: a #GError
 *
 * The ids of the collection's entries, as Astro's glob loader makes them
 * (a `slug` in the frontmatter, else the path under the base, slugged,
 * without its extension and a trailing `/index`): what a reference to the
 * collection may name, for a form to offer. Reads every entry's head:
 * blocking.
 *
 * Returns: (transfer full) (array zero-terminated=1) (nullable): the ids,
 *   sorted; %NULL when the collection's folder cannot be read, or it takes
 *   no files
 */
char **
byline_site_dup_entry_ids (BylineSite    *self,
                           const char    *collection,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(GHashTable) ids = NULL;
  g_autoptr(GPtrArray) sorted = NULL;
  g_autofree char *base = NULL;
  const Collection *c = NULL;
  GHashTableIter iter;
  gpointer id;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (collection != NULL, NULL);

  for (guint i = 0; i < self->collections->len && c == NULL; i++)
    {
      const Collection *candidate = g_ptr_array_index (self->collections, i);

      if (strcmp (candidate->name, collection) == 0)
        c = candidate;
    }

  if (c == NULL || c->base == NULL)
    {
      g_set_error (error, BYLINE_SITE_ERROR, BYLINE_SITE_ERROR_NOT_FOUND,
                   _("The site has no collection “%s” of Markdown files"), collection);
      return NULL;
    }

  base = g_build_filename (self->root, c->base, NULL);
  ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (!collect_entries (c, base, "", 0, ids, cancellable, error))
    return NULL;

  sorted = g_ptr_array_new ();
  g_hash_table_iter_init (&iter, ids);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    {
      g_hash_table_iter_steal (&iter);
      g_ptr_array_add (sorted, id);
    }
  g_ptr_array_sort (sorted, compare_ids);
  g_ptr_array_add (sorted, NULL);

  return (char **) g_ptr_array_free (g_steal_pointer (&sorted), FALSE);
}

typedef struct
{
  BylineSite *site;
  char       *collection;
} EntryIdsJob;

static void
entry_ids_job_free (EntryIdsJob *job)
{
  byline_site_unref (job->site);
  g_free (job->collection);
  g_free (job);
}

static void
entry_ids_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  EntryIdsJob *job = task_data;
  GError *error = NULL;
  char **ids = byline_site_dup_entry_ids (job->site, job->collection, cancellable, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, ids, (GDestroyNotify) g_strfreev);
}

/**
 * byline_site_dup_entry_ids_async:
 * @self: a site
 * @collection: a collection of the site
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the result, on the calling thread's main context
 * @user_data: data for @callback
 *
 * byline_site_dup_entry_ids() on a worker thread.
 */
void
byline_site_dup_entry_ids_async (BylineSite          *self,
                                 const char          *collection,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  EntryIdsJob *job;

  g_return_if_fail (self != NULL);
  g_return_if_fail (collection != NULL);

  job = g_new0 (EntryIdsJob, 1);
  job->site = byline_site_ref (self);
  job->collection = g_strdup (collection);
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_site_dup_entry_ids_async);
  g_task_set_task_data (task, job, (GDestroyNotify) entry_ids_job_free);
  g_task_run_in_thread (task, entry_ids_thread);
}

/**
 * byline_site_dup_entry_ids_finish:
 * @result: the result given to the callback
 * @error: a #GError
 *
 * Returns: (transfer full) (array zero-terminated=1) (nullable): as
 *   byline_site_dup_entry_ids() returns
 */
char **
byline_site_dup_entry_ids_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == byline_site_dup_entry_ids_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * byline_site_takes_file:
 * @self: (nullable): a site
 * @path: a file
 *
 * Whether the site's generator builds @path as a post or page: one of its
 * Markdown extensions (MDX is Astro's only; Hugo takes .md, .markdown and
 * .mdown), and then Astro's collection glob (a file under a collection's
 * base that its pattern leaves out is not taken), Hugo's content/ (where
 * `_index.md` is a section's page), or no leading `_` elsewhere.
 *
 * Returns: %TRUE when @path is a post to check
 */
gboolean
byline_site_takes_file (BylineSite *self,
                        const char *path)
{
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *relative = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  if (name[0] == '.' || !byline_is_post_file_name (name))
    return FALSE;

  if (self == NULL)
    return name[0] != '_';

  /* Each generator's own Markdown extensions: Hugo's content formats,
   * Jekyll's markdown_ext; MDX is Astro's alone. */
  if (self->generator == BYLINE_GENERATOR_HUGO)
    return g_str_has_suffix (name, ".md") || g_str_has_suffix (name, ".markdown") ||
           g_str_has_suffix (name, ".mdown");
  if (self->generator == BYLINE_GENERATOR_JEKYLL && g_str_has_suffix (name, ".mdx"))
    return FALSE;

  if (self->generator == BYLINE_GENERATOR_ASTRO &&
      (relative = relative_to_root (self, path)) != NULL)
    {
      for (guint i = 0; i < self->collections->len; i++)
        {
          const Collection *c = g_ptr_array_index (self->collections, i);
          gsize n = c->base != NULL ? strlen (c->base) : 0;

          if (c->base == NULL || c->patterns == NULL)
            continue;
          if (n == 0 || (strncmp (relative, c->base, n) == 0 && relative[n] == '/'))
            {
              if (collection_matches (c, n > 0 ? relative + n + 1 : relative))
                return TRUE;
              if (n > 0)
                return FALSE;
            }
        }
    }

  return name[0] != '_';
}

/**
 * byline_site_check_path:
 * @self: a site
 * @post_path: a post of the site
 *
 * What the site says about the post's file itself, not its frontmatter:
 * Jekyll builds a file in `_posts/` only when it is named
 * `YYYY-MM-DD-title.EXT`. Warnings, at line 1.
 *
 * Returns: (transfer full) (element-type BylineDiagnostic): diagnostics,
 *   possibly none
 */
GPtrArray *
byline_site_check_path (BylineSite *self,
                        const char *post_path)
{
  GPtrArray *diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_diagnostic_free);
  g_autofree char *relative = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (self != NULL, diagnostics);
  g_return_val_if_fail (post_path != NULL, diagnostics);

  if (self->generator != BYLINE_GENERATOR_JEKYLL)
    return diagnostics;

  relative = relative_to_root (self, post_path);
  name = g_path_get_basename (post_path);
  if (relative != NULL &&
      (g_str_has_prefix (relative, "_posts/") || strstr (relative, "/_posts/") != NULL) &&
      !g_regex_match_simple ("^[0-9]{2,4}-[0-9]{1,2}-[0-9]{1,2}-.", name, 0, 0))
    g_ptr_array_add (diagnostics,
                     byline_diagnostic_new (BYLINE_SEVERITY_WARNING, NULL,
                                            _("Jekyll builds a post only when its file is named "
                                              "YYYY-MM-DD-title.md; it skips this one"),
                                            1, 1, 0, 0));

  return diagnostics;
}

/**
 * byline_schema_for_post:
 * @site: (nullable): the post's site, %NULL for a lone post
 * @post_path: the post
 * @frontmatter: (nullable): the post, to recognise a lone AstroPaper post
 * @collection_name: (out) (optional) (nullable) (transfer full): its collection
 *
 * The schema to check a post with, site or not: byline_site_get_schema_for()
 * for a post of a site; for a lone post, AstroPaper's when its keys are
 * clearly AstroPaper's (pubDatetime), else one that checks only YAML.
 *
 * Returns: (transfer full): the schema
 */
BylineSchema *
byline_schema_for_post (BylineSite         *site,
                        const char         *post_path,
                        BylineFrontmatter  *frontmatter,
                        char              **collection_name)
{
  g_return_val_if_fail (post_path != NULL, NULL);

  if (site != NULL)
    return byline_site_get_schema_for (site, post_path, collection_name);

  if (collection_name != NULL)
    *collection_name = NULL;

  if (frontmatter != NULL && byline_frontmatter_lookup (frontmatter, "pubDatetime") != NULL)
    return byline_schema_new_astropaper ();

  return byline_schema_new_yaml_only ();
}

/* --- images ---------------------------------------------------------------- */

static gboolean
is_remote (const char *value)
{
  return strstr (value, "://") != NULL || g_str_has_prefix (value, "data:") ||
         g_str_has_prefix (value, "//");
}

/**
 * byline_site_resolve_image:
 * @self: (nullable): the post's site
 * @post_path: the post
 * @value: an image field's value
 *
 * The file an image field names, resolved as the site resolves it: a
 * path relative to the post; `@/…` through the site's alias for src/
 * (Astro, tsconfig.json); `/…` in the site's public/ folder (Astro) or
 * static/ folder (Hugo) or its root (Jekyll). No file I/O besides the
 * site's, which was read when it was loaded.
 *
 * Returns: (transfer full) (nullable): an absolute path (that may not
 *   exist), or %NULL for a URL or an empty value
 */
char *
byline_site_resolve_image (BylineSite *self,
                           const char *post_path,
                           const char *value)
{
  g_autofree char *folder = NULL;

  g_return_val_if_fail (post_path != NULL, NULL);

  if (value == NULL || *value == '\0' || is_remote (value))
    return NULL;

  if (self != NULL && self->src_alias != NULL && g_str_has_prefix (value, self->src_alias))
    {
      g_autofree char *src = g_build_filename (self->root, "src", NULL);

      return g_canonicalize_filename (value + strlen (self->src_alias), src);
    }

  if (value[0] == '/')
    {
      const char *public_dir = NULL;
      g_autofree char *base = NULL;

      if (self == NULL)
        return NULL;
      switch (self->generator)
        {
        case BYLINE_GENERATOR_ASTRO: public_dir = "public"; break;
        case BYLINE_GENERATOR_HUGO: public_dir = "static"; break;
        case BYLINE_GENERATOR_JEKYLL:
        case BYLINE_GENERATOR_NONE:
        default: public_dir = ""; break;
        }
      base = g_build_filename (self->root, public_dir, NULL);
      return g_canonicalize_filename (value + 1, base);
    }

  folder = g_path_get_dirname (post_path);
  return g_canonicalize_filename (value, folder);
}

/* Whether @path is @dir or inside it; *rest is what follows "dir/". */
static gboolean
is_under (const char  *path,
          const char  *dir,
          const char **rest)
{
  gsize n = strlen (dir);

  if (strncmp (path, dir, n) != 0 || path[n] != '/')
    return FALSE;
  *rest = path + n + 1;
  return TRUE;
}

/**
 * byline_site_image_value:
 * @self: (nullable): the post's site
 * @post_path: the post
 * @image_path: an image file, chosen by the user
 *
 * What to write in an image field so that the site finds @image_path:
 * `@/assets/…` for an image under src/assets/ when the site has the
 * alias for src/, else a path relative to the post (`./cover.png`,
 * `../../assets/cover.png`), as Astro's image() takes them.
 *
 * Returns: (transfer full): the value
 */
char *
byline_site_image_value (BylineSite *self,
                         const char *post_path,
                         const char *image_path)
{
  g_autofree char *image = NULL;
  g_autofree char *post = NULL;
  g_autofree char *folder = NULL;
  g_auto(GStrv) from = NULL;
  g_auto(GStrv) to = NULL;
  GString *value;
  guint common = 0;
  const char *rest;

  g_return_val_if_fail (post_path != NULL, NULL);
  g_return_val_if_fail (image_path != NULL, NULL);

  image = g_canonicalize_filename (image_path, NULL);
  post = g_canonicalize_filename (post_path, NULL);

  if (self != NULL && self->src_alias != NULL)
    {
      g_autofree char *assets = g_build_filename (self->root, "src", "assets", NULL);

      if (is_under (image, assets, &rest))
        return g_strconcat (self->src_alias, "assets/", rest, NULL);
    }

  folder = g_path_get_dirname (post);
  from = g_strsplit (folder + 1, "/", -1);
  to = g_strsplit (image + 1, "/", -1);
  while (from[common] != NULL && to[common] != NULL && to[common + 1] != NULL &&
         strcmp (from[common], to[common]) == 0)
    common++;

  value = g_string_new (NULL);
  if (from[common] == NULL || *from[common] == '\0')
    g_string_append (value, "./");
  for (guint i = common; from[i] != NULL && *from[i] != '\0'; i++)
    g_string_append (value, "../");
  for (guint i = common; to[i] != NULL; i++)
    {
      g_string_append (value, to[i]);
      if (to[i + 1] != NULL)
        g_string_append_c (value, '/');
    }

  return g_string_free (value, FALSE);
}

/* --- the cache ----------------------------------------------------------- */

struct _BylineSiteCache
{
  GMutex      lock;
  GHashTable *sites;   /* root -> BylineSite */
};

BylineSiteCache *
byline_site_cache_new (void)
{
  BylineSiteCache *self = g_new0 (BylineSiteCache, 1);

  g_mutex_init (&self->lock);
  self->sites = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) byline_site_unref);

  return self;
}

void
byline_site_cache_free (BylineSiteCache *self)
{
  g_return_if_fail (self != NULL);

  g_mutex_clear (&self->lock);
  g_hash_table_unref (self->sites);
  g_free (self);
}

/**
 * byline_site_cache_lookup:
 * @self: a cache
 * @post_path: a post
 * @error: a #GError
 *
 * byline_site_find(), read once per root and again when its files change.
 * Blocking (a stat() per folder above the post, and per watched file).
 *
 * Returns: (transfer full): the site, or %NULL as byline_site_find()
 */
BylineSite *
byline_site_cache_lookup (BylineSiteCache  *self,
                          const char       *post_path,
                          GError          **error)
{
  g_autofree char *root = NULL;
  BylineGenerator generator;
  BylineSite *site;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (post_path != NULL, NULL);

  root = find_root (post_path, &generator);
  if (root == NULL)
    {
      g_set_error (error, BYLINE_SITE_ERROR, BYLINE_SITE_ERROR_NOT_FOUND,
                   _("%s is in no Astro, Hugo or Jekyll site"), post_path);
      return NULL;
    }

  g_mutex_lock (&self->lock);
  site = g_hash_table_lookup (self->sites, root);
  if (site != NULL && byline_site_get_generator (site) == generator && byline_site_is_current (site))
    {
      site = byline_site_ref (site);
      g_mutex_unlock (&self->lock);
      return site;
    }
  g_mutex_unlock (&self->lock);

  /* Read outside the lock: another thread may read it too, the last wins. */
  site = byline_site_load (root, generator, error);
  if (site == NULL)
    return NULL;

  g_mutex_lock (&self->lock);
  g_hash_table_replace (self->sites, g_strdup (byline_site_get_root (site)), byline_site_ref (site));
  g_mutex_unlock (&self->lock);

  return site;
}

/**
 * byline_site_cache_lookup_in:
 * @self: a cache
 * @dir: a folder
 * @parent_site: (nullable): the site of @dir's parent folder, as this
 *   function or byline_site_cache_lookup() gave it
 *
 * The site @dir is in, for a walk down a site's folders: a folder with no
 * site of its own (no generator's configuration in it) is in its parent's
 * site, found with one look into @dir rather than a look into each folder
 * above it. Blocking.
 *
 * Returns: (transfer full) (nullable): the site, or %NULL for none
 */
BylineSite *
byline_site_cache_lookup_in (BylineSiteCache *self,
                             const char      *dir,
                             BylineSite      *parent_site)
{
  g_autofree char *config = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (dir != NULL, NULL);

  if (parent_site != NULL && detect (dir, &config) == BYLINE_GENERATOR_NONE)
    return byline_site_ref (parent_site);
  return byline_site_cache_lookup (self, dir, NULL);
}

/**
 * byline_site_cache_invalidate:
 * @self: a cache
 * @root: (nullable): a site's root, or %NULL for every site
 *
 * Forgets a site, so the next lookup reads it again.
 */
void
byline_site_cache_invalidate (BylineSiteCache *self,
                              const char      *root)
{
  g_return_if_fail (self != NULL);

  g_mutex_lock (&self->lock);
  if (root == NULL)
    g_hash_table_remove_all (self->sites);
  else
    g_hash_table_remove (self->sites, root);
  g_mutex_unlock (&self->lock);
}

/* `title` at the top of a YAML or TOML configuration, read with the
 * frontmatter's own parsers. */
static char *
config_string_from_text (const char *text,
                         gboolean    toml,
                         const char *key)
{
  g_autofree char *document = g_strdup_printf (toml ? "+++\n%s\n+++\n" : "---\n%s\n---\n", text);
  g_autoptr(BylineFrontmatter) fm = byline_frontmatter_parse (document, strlen (document));
  const BylineEntry *entry = byline_frontmatter_lookup (fm, key);

  g_autofree char *title = NULL;

  if (entry == NULL || entry->value == NULL || entry->value->type != BYLINE_VALUE_STRING ||
      entry->value->string == NULL)
    return NULL;

  title = g_strstrip (g_strdup (entry->value->string));
  return *title != '\0' ? g_steal_pointer (&title) : NULL;
}

static char *
json_member_string (const char *text,
                    const char *member)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonObject *object;
  const char *value;

  if (!json_parser_load_from_data (parser, text, -1, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  object = json_node_get_object (root);
  if (!json_object_has_member (object, member) ||
      !JSON_NODE_HOLDS_VALUE (json_object_get_member (object, member)) ||
      json_node_get_value_type (json_object_get_member (object, member)) != G_TYPE_STRING)
    return NULL;
  value = json_object_get_string_member (object, member);

  return value != NULL && *value != '\0' ? g_strdup (value) : NULL;
}

/* AstroPaper's `export const SITE = { …, title: "…", … }` in src/config.ts:
 * the first @key in the object, strings skipped whole. */
static char *
astro_config_string (const char *text,
                     const char *key)
{
  g_autofree char *pattern = g_strdup_printf ("\\bSITE\\b[^=]*=\\s*\\{"
                                              "(?:[^}\"'`]|\"[^\"]*\"|'[^']*'|`[^`]*`)*?"
                                              "\\b%s\\s*:\\s*"
                                              "([\"'`])((?:(?!\\1).)*)\\1", key);
  g_autoptr(GRegex) regex = g_regex_new (pattern, G_REGEX_DOTALL, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  if (regex != NULL && g_regex_match (regex, text, 0, &match))
    {
      g_autofree char *value = g_match_info_fetch (match, 2);

      if (value != NULL && *value != '\0')
        return g_steal_pointer (&value);
    }

  return NULL;
}

/* @key of Hugo's or Jekyll's configuration file, as a string */
static char *
config_string (BylineSite *self,
               const char *key)
{
  g_autofree char *text = NULL;

  if (self->config_path == NULL || !g_file_get_contents (self->config_path, &text, NULL, NULL) ||
      !g_utf8_validate (text, -1, NULL))
    return NULL;
  if (g_str_has_suffix (self->config_path, ".json"))
    return json_member_string (text, key);
  return config_string_from_text (text, g_str_has_suffix (self->config_path, ".toml"), key);
}

/**
 * byline_site_dup_title:
 * @self: a site
 *
 * The site's own name, for menus: Hugo's and Jekyll's `title` in their
 * configuration, AstroPaper's `SITE.title` in `src/config.ts` or else the
 * `name` in `package.json` for Astro, else the folder's name. Blocking.
 *
 * Returns: (transfer full): the site's title, never empty
 */
char *
byline_site_dup_title (BylineSite *self)
{
  g_autofree char *text = NULL;
  char *title = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  switch (self->generator)
    {
    case BYLINE_GENERATOR_HUGO:
    case BYLINE_GENERATOR_JEKYLL:
      title = config_string (self, "title");
      break;
    case BYLINE_GENERATOR_ASTRO:
      {
        g_autofree char *config = g_build_filename (self->root, "src", "config.ts", NULL);
        g_autofree char *package = g_build_filename (self->root, "package.json", NULL);

        if (g_file_get_contents (config, &text, NULL, NULL) && g_utf8_validate (text, -1, NULL))
          title = astro_config_string (text, "title");
        g_clear_pointer (&text, g_free);
        if (title == NULL && g_file_get_contents (package, &text, NULL, NULL) &&
            g_utf8_validate (text, -1, NULL))
          title = json_member_string (text, "name");
      }
      break;
    case BYLINE_GENERATOR_NONE:
    default:
      break;
    }

  return title != NULL ? title : g_path_get_basename (self->root);
}

/**
 * byline_site_dup_language:
 * @self: a site
 *
 * The language the site says its posts are in: Hugo's `languageCode`
 * (else its `defaultContentLanguage`), Jekyll's `lang` (as jekyll-seo-tag
 * reads it), AstroPaper's `SITE.lang` in `src/config.ts`. Blocking.
 *
 * Returns: (transfer full) (nullable): a language tag as the site writes
 *   it (`en-us`, `de`…), or %NULL when the site does not say
 */
char *
byline_site_dup_language (BylineSite *self)
{
  g_autofree char *text = NULL;
  char *language = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  switch (self->generator)
    {
    case BYLINE_GENERATOR_HUGO:
      language = config_string (self, "languageCode");
      if (language == NULL)
        language = config_string (self, "defaultContentLanguage");
      break;
    case BYLINE_GENERATOR_JEKYLL:
      language = config_string (self, "lang");
      break;
    case BYLINE_GENERATOR_ASTRO:
      {
        g_autofree char *config = g_build_filename (self->root, "src", "config.ts", NULL);

        if (g_file_get_contents (config, &text, NULL, NULL) && g_utf8_validate (text, -1, NULL))
          language = astro_config_string (text, "lang");
      }
      break;
    case BYLINE_GENERATOR_NONE:
    default:
      break;
    }

  return language;
}
