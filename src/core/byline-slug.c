/* byline-slug.c: slugs the way the site generator makes them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "byline-slug.h"
#include "byline-slug-table.h"

struct _BylineSlugger
{
  /* slug -> number of repeats handed out (github-slugger's "occurrences") */
  GHashTable *occurrences;
};

static gboolean
is_removed (gunichar c)
{
  gsize lo = 0;
  gsize hi = G_N_ELEMENTS (byline_slug_removed);

  while (lo < hi)
    {
      gsize mid = (lo + hi) / 2;

      if (c < byline_slug_removed[mid].first)
        hi = mid;
      else if (c > byline_slug_removed[mid].last)
        lo = mid + 1;
      else
        return TRUE;
    }

  return FALSE;
}

/**
 * byline_github_slug:
 * @text: UTF-8 text
 *
 * github-slugger's `slug()`: lower-case, drop the characters its table lists
 * (punctuation, symbols, emoji, controls), turn each space into `-`. No
 * de-duplication.
 *
 * Returns: (transfer full): the slug
 */
char *
byline_github_slug (const char *text)
{
  g_autofree char *lower = NULL;
  GString *out;

  g_return_val_if_fail (text != NULL, NULL);

  if (!g_utf8_validate (text, -1, NULL))
    lower = g_utf8_make_valid (text, -1);
  else
    lower = g_strdup (text);
  {
    char *down = g_utf8_strdown (lower, -1);

    g_free (lower);
    lower = down;
  }

  out = g_string_sized_new (strlen (lower));
  for (const char *p = lower; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == ' ')
        g_string_append_c (out, '-');
      else if (!is_removed (c))
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

BylineSlugger *
byline_slugger_new (void)
{
  BylineSlugger *self = g_new0 (BylineSlugger, 1);

  self->occurrences = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return self;
}

void
byline_slugger_free (BylineSlugger *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->occurrences);
  g_free (self);
}

void
byline_slugger_reset (BylineSlugger *self)
{
  g_return_if_fail (self != NULL);
  g_hash_table_remove_all (self->occurrences);
}

/**
 * byline_slugger_slug:
 *
 * Like github-slugger's `BananaSlug.slug()`: a slug already handed out gets
 * `-1`, `-2`, … (the counter lives on the original slug, and generated ones
 * are remembered too, so "a", "a", "a-1" gives "a", "a-1", "a-1-1").
 *
 * Returns: (transfer full): the unique slug
 */
char *
byline_slugger_slug (BylineSlugger *self,
                     const char    *text)
{
  g_autofree char *original = NULL;
  char *result;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  original = byline_github_slug (text);
  result = g_strdup (original);

  while (g_hash_table_contains (self->occurrences, result))
    {
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (self->occurrences, original)) + 1;

      g_hash_table_insert (self->occurrences, g_strdup (original), GUINT_TO_POINTER (n));
      g_free (result);
      result = g_strdup_printf ("%s-%u", original, n);
    }

  g_hash_table_insert (self->occurrences, g_strdup (result), GUINT_TO_POINTER (0));
  return result;
}

/* --- AstroPaper's slugifyStr() ---------------------------------------------
 *
 * AstroPaper v5 (src/utils/slugify.ts) slugifies a pure-ASCII string with the
 * `slugify` package ({ lower: true }) and anything else with
 * `lodash.kebabcase`. Both are reproduced below for what they do with the
 * characters they meet.
 */

static const char *
ascii_slugify_map (char c)
{
  switch (c)
    {
    case '$': return "dollar";
    case '%': return "percent";
    case '&': return "and";
    case '<': return "less";
    case '>': return "greater";
    case '|': return "or";
    default:  return NULL;
    }
}

static gboolean
ascii_slugify_keeps (char c)
{
  return g_ascii_isalnum (c) || c == '_' || g_ascii_isspace (c) ||
         strchr ("$*_+~.()'\"!-:@", c) != NULL;
}

/* slugify(str, { lower: true }) for ASCII input */
static char *
slug_ascii (const char *title)
{
  GString *tmp = g_string_new (NULL);
  GString *out = g_string_new (NULL);
  const char *p;
  gboolean in_space = FALSE;

  for (p = title; *p; p++)
    {
      const char *mapped = ascii_slugify_map (*p);

      if (mapped != NULL)
        g_string_append (tmp, mapped);
      else if (*p == '-')
        g_string_append_c (tmp, ' '); /* the replacement char counts as a space */
      else if (ascii_slugify_keeps (*p))
        g_string_append_c (tmp, *p);
    }

  g_strstrip (tmp->str);
  for (p = tmp->str; *p; p++)
    {
      if (g_ascii_isspace (*p))
        {
          if (!in_space)
            g_string_append_c (out, '-');
          in_space = TRUE;
        }
      else
        {
          g_string_append_c (out, g_ascii_tolower (*p));
          in_space = FALSE;
        }
    }

  g_string_free (tmp, TRUE);
  return g_string_free (out, FALSE);
}

/* lodash's deburr: Latin-1 Supplement and Latin Extended-A letters lose their
 * accents, a few become two letters, and combining marks disappear. */
static void
append_deburred (GString  *out,
                 gunichar  c)
{
  static const struct { gunichar c; const char *s; } special[] = {
    { 0xC6, "Ae" }, { 0xE6, "ae" }, { 0xDE, "Th" }, { 0xFE, "th" },
    { 0xDF, "ss" }, { 0xD0, "D" }, { 0xF0, "d" }, { 0xD8, "O" }, { 0xF8, "o" },
    { 0x110, "D" }, { 0x111, "d" }, { 0x126, "H" }, { 0x127, "h" },
    { 0x131, "i" }, { 0x132, "IJ" }, { 0x133, "ij" }, { 0x138, "k" },
    { 0x13F, "L" }, { 0x140, "l" }, { 0x141, "L" }, { 0x142, "l" },
    { 0x149, "'n" }, { 0x14A, "N" }, { 0x14B, "n" }, { 0x152, "Oe" },
    { 0x153, "oe" }, { 0x166, "T" }, { 0x167, "t" }, { 0x17F, "s" },
  };

  if ((c >= 0x300 && c <= 0x36F) || (c >= 0xFE20 && c <= 0xFE2F) ||
      (c >= 0x20D0 && c <= 0x20FF))
    return;

  if (c >= 0xC0 && c <= 0x17F && c != 0xD7 && c != 0xF7)
    {
      gunichar decomposed[4];
      gsize n;

      for (gsize i = 0; i < G_N_ELEMENTS (special); i++)
        if (special[i].c == c)
          {
            g_string_append (out, special[i].s);
            return;
          }
      n = g_unichar_fully_decompose (c, FALSE, decomposed, G_N_ELEMENTS (decomposed));
      if (n > 0 && decomposed[0] < 0x80)
        {
          g_string_append_c (out, (char) decomposed[0]);
          return;
        }
    }

  g_string_append_unichar (out, c);
}

typedef enum
{
  K_BREAK,
  K_UPPER,
  K_LOWER,
  K_DIGIT,
  K_MISC,
} KebabClass;

static KebabClass
kebab_class (gunichar c)
{
  /* lodash's classes after deburr: only ASCII (and a few Latin-1 letters)
   * have case; every other letter is "misc" and forms words on its own. */
  if (c >= 'A' && c <= 'Z')
    return K_UPPER;
  if (c >= 'a' && c <= 'z')
    return K_LOWER;
  if (c >= '0' && c <= '9')
    return K_DIGIT;
  if (c < 0xC0 || c == 0xD7 || c == 0xF7 || (c >= 0x2000 && c <= 0x206F) ||
      g_unichar_isspace (c))
    return K_BREAK;
  if ((c >= 0xC0 && c <= 0xDE))
    return K_UPPER;
  if (c >= 0xDF && c <= 0xFF)
    return K_LOWER;
  return K_MISC;
}

/* lodash.kebabcase for non-ASCII input: split into words where lodash's
 * unicodeWords does (breaks, lower-to-upper, letters-to-digits, an upper run
 * before a capitalised word), lower-case them and join with `-`. */
static char *
slug_kebab (const char *title)
{
  GString *deburred = g_string_new (NULL);
  GString *out = g_string_new (NULL);
  g_autofree gunichar *chars = NULL;
  glong n = 0;
  glong i = 0;

  for (const char *p = title; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\'' || c == 0x2019)
        continue;
      append_deburred (deburred, c);
    }
  chars = g_utf8_to_ucs4_fast (deburred->str, -1, &n);

  while (i < n)
    {
      KebabClass k = kebab_class (chars[i]);
      glong start = i;

      if (k == K_BREAK)
        {
          i++;
          continue;
        }

      if (k == K_DIGIT)
        {
          while (i < n && kebab_class (chars[i]) == K_DIGIT)
            i++;
        }
      else if (k == K_UPPER)
        {
          glong j = i;

          while (j < n && kebab_class (chars[j]) == K_UPPER)
            j++;
          if (j - i == 1 && j < n &&
              (kebab_class (chars[j]) == K_LOWER || kebab_class (chars[j]) == K_MISC))
            {
              /* "Word": one capital then lower-case letters */
              i = j;
              while (i < n && (kebab_class (chars[i]) == K_LOWER ||
                               kebab_class (chars[i]) == K_MISC))
                i++;
            }
          else if (j < n && (kebab_class (chars[j]) == K_LOWER ||
                             kebab_class (chars[j]) == K_MISC))
            i = j - 1; /* "XMLHttp": the last capital starts the next word */
          else
            i = j;
        }
      else
        {
          while (i < n && (kebab_class (chars[i]) == K_LOWER ||
                           kebab_class (chars[i]) == K_MISC))
            i++;
        }

      if (out->len > 0)
        g_string_append_c (out, '-');
      for (glong m = start; m < i; m++)
        g_string_append_unichar (out, g_unichar_tolower (chars[m]));
    }

  g_string_free (deburred, TRUE);
  return g_string_free (out, FALSE);
}

/**
 * byline_slug_from_title:
 * @title: a post title
 *
 * The slug AstroPaper v5's slugifyStr() makes from @title.
 *
 * Returns: (transfer full): the slug, possibly empty
 */
char *
byline_slug_from_title (const char *title)
{
  g_return_val_if_fail (title != NULL, NULL);

  for (const char *p = title; *p; p++)
    if ((guchar) *p >= 0x80)
      {
        g_autofree char *valid = g_utf8_make_valid (title, -1);

        return slug_kebab (valid);
      }

  return slug_ascii (title);
}

/**
 * byline_slug_suggest:
 * @title: a post title
 *
 * A slug, and a file name without its extension, for a post titled @title:
 * what github-slugger makes of it (Astro's glob loader turns file names into
 * ids with it; Hugo's urlize and Jekyll's slugify keep the same characters),
 * with runs of `-` made one and none at either end. It holds only what
 * byline_slug_is_valid() accepts, and github-slugger leaves it as it is.
 *
 * Returns: (transfer full): the slug, possibly empty
 */
char *
byline_slug_suggest (const char *title)
{
  g_autofree char *slug = NULL;
  GString *out;

  g_return_val_if_fail (title != NULL, NULL);

  slug = byline_github_slug (title);
  out = g_string_sized_new (strlen (slug));
  for (const char *p = slug; *p != '\0'; p++)
    {
      if (*p == '-' && (out->len == 0 || out->str[out->len - 1] == '-'))
        continue;
      g_string_append_c (out, *p);
    }
  while (out->len > 0 && out->str[out->len - 1] == '-')
    g_string_truncate (out, out->len - 1);

  return g_string_free (out, FALSE);
}

/**
 * byline_slug_is_valid:
 * @slug: a candidate slug
 *
 * A slug is one or more path segments joined by `/`; a segment is a run of
 * lower-case letters (any script), digits, combining marks, `-` and `_`, and
 * never `.` or `..`. No spaces, no upper case, no URL-special characters: it
 * must be usable as a URL path as-is. Slashes are allowed because Astro takes
 * the slug as the post's id and AstroPaper's posts/[...slug] route serves
 * nested ids (`series/part-1`); non-Latin scripts stay as they are.
 */
gboolean
byline_slug_is_valid (const char *slug)
{
  gboolean segment_empty = TRUE;

  g_return_val_if_fail (slug != NULL, FALSE);

  if (*slug == '\0' || !g_utf8_validate (slug, -1, NULL))
    return FALSE;

  for (const char *p = slug; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '/')
        {
          if (segment_empty)
            return FALSE;
          segment_empty = TRUE;
          continue;
        }

      if (c == '-' || c == '_' || g_unichar_isdigit (c) ||
          g_unichar_ismark (c) ||
          (g_unichar_isalpha (c) && !g_unichar_isupper (c) && !g_unichar_istitle (c)))
        {
          segment_empty = FALSE;
          continue;
        }

      return FALSE;
    }

  return !segment_empty;
}
