/* byline-spell-words.c: which words of a text a spell checker looks at
 *
 * A word is a run of letters (with their combining marks), possibly joined
 * by an apostrophe (' or ’) to more letters: "don't", "l’homme". Hyphens and
 * other punctuation end a word, so "well-known" is two words, as
 * dictionaries list them. Some words are left alone because a dictionary
 * cannot judge them: those with a digit ("mp3", "2nd"), single letters,
 * acronyms in capitals ("GTK"), names with capitals inside ("iPhone",
 * "GtkSourceView"), and words of scripts written without spaces between
 * words (Chinese, Japanese, Thai, …), which need a segmenter rather than
 * a dictionary. A stretch of text between spaces that looks like a URL, an
 * e-mail address, a path or a file name ("example.com", "snake_case") is
 * skipped whole; brackets and quotes end such a stretch, so the text of a
 * Markdown link is checked and its destination is not.
 *
 * Fenced code blocks are found here too (byline_spell_find_fences()), as
 * CommonMark defines them, with backticks or tildes: GtkSourceView's
 * Markdown marks only a backtick block whose fences start their lines and
 * close with exactly three backticks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "byline-spell-words.h"

static gboolean
is_apostrophe (gunichar c)
{
  return c == '\'' || c == 0x2019;
}

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

/* What separates the stretches of text a URL or a path may fill: spaces,
 * and the brackets and quotes Markdown and HTML put around them. */
static gboolean
is_chunk_break (gunichar c)
{
  return g_unichar_isspace (c) || (c < 0x80 && strchr ("()[]<>{}\"`|*", (int) c) != NULL && c != 0);
}

static gboolean
is_unspaced_script (gunichar c)
{
  switch (g_unichar_get_script (c))
    {
    case G_UNICODE_SCRIPT_HAN:
    case G_UNICODE_SCRIPT_HIRAGANA:
    case G_UNICODE_SCRIPT_KATAKANA:
    case G_UNICODE_SCRIPT_HANGUL:
    case G_UNICODE_SCRIPT_THAI:
    case G_UNICODE_SCRIPT_LAO:
    case G_UNICODE_SCRIPT_KHMER:
    case G_UNICODE_SCRIPT_MYANMAR:
    case G_UNICODE_SCRIPT_TIBETAN:
      return TRUE;
    default:
      return FALSE;
    }
}

/* Whether the text between two spaces is a URL, an address, a path or a
 * file name, whose parts are not words. */
static gboolean
is_unchecked_chunk (const char *chunk,
                    gsize       len)
{
  const char *end = chunk + len;
  const char *p;

  if (memchr (chunk, '@', len) != NULL || memchr (chunk, '_', len) != NULL ||
      memchr (chunk, '\\', len) != NULL)
    return TRUE;
  if (g_strstr_len (chunk, len, "://") != NULL || g_strstr_len (chunk, len, "www.") != NULL)
    return TRUE;
  p = chunk;
  while (p < end && *p == '\'')
    p++;
  if (p < end && (*p == '/' || *p == '~' || (*p == '.' && p + 1 < end && p[1] == '/')))
    return TRUE;
  /* a dot between two letters or digits: "example.com", "README.md" */
  for (p = chunk + 1; p + 1 < end; p++)
    if (*p == '.' && g_ascii_isalnum (p[-1]) && g_ascii_isalnum (p[1]))
      return TRUE;
  return FALSE;
}

/* Whether a dictionary can judge the word text[start..end). */
static gboolean
is_checkable (const char *word,
              gsize       len)
{
  const char *end = word + len;
  const char *p;
  guint n_chars = 0;
  guint n_upper = 0;
  gboolean upper_inside = FALSE;

  for (p = word; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isdigit (c) || is_unspaced_script (c))
        return FALSE;
      if (g_unichar_isupper (c) || g_unichar_istitle (c))
        {
          n_upper++;
          if (n_chars > 0)
            upper_inside = TRUE;
        }
      if (!g_unichar_ismark (c) && !is_apostrophe (c))
        n_chars++;
    }

  if (n_chars < 2)
    return FALSE;
  /* "GTK", "iPhone", "GtkSourceView": names, not words */
  if (upper_inside || (n_upper > 1 && n_upper == n_chars))
    return FALSE;
  return TRUE;
}

/**
 * byline_spell_next_word:
 * @text: UTF-8 text
 * @len: its length in bytes
 * @pos: (inout): where to start looking, in bytes; moved past the word found
 * @start: (out): where the word starts
 * @end: (out): where it ends
 *
 * Finds the next word of @text a spell checker should look at.
 *
 * Returns: %FALSE when there is none before @len
 */
gboolean
byline_spell_next_word (const char *text,
                        gsize       len,
                        gsize      *pos,
                        gsize      *start,
                        gsize      *end)
{
  const char *limit = text + len;
  const char *p;

  g_return_val_if_fail (text != NULL || len == 0, FALSE);
  g_return_val_if_fail (pos != NULL && start != NULL && end != NULL, FALSE);

  p = text + MIN (*pos, len);
  while (p < limit)
    {
      const char *chunk_end;
      const char *q;

      /* one chunk: the text between two spaces or brackets */
      while (p < limit && is_chunk_break (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (p >= limit)
        break;
      for (chunk_end = p;
           chunk_end < limit && !is_chunk_break (g_utf8_get_char (chunk_end));
           chunk_end = g_utf8_next_char (chunk_end))
        ;
      if (is_unchecked_chunk (p, chunk_end - p))
        {
          p = chunk_end;
          continue;
        }

      /* the chunk's words */
      while (p < chunk_end)
        {
          const char *word = NULL;

          while (p < chunk_end && !is_word_char (g_utf8_get_char (p)))
            p = g_utf8_next_char (p);
          if (p >= chunk_end)
            break;
          word = p;
          for (q = p; q < chunk_end;)
            {
              gunichar c = g_utf8_get_char (q);
              const char *next = g_utf8_next_char (q);

              if (is_word_char (c))
                q = next;
              else if (is_apostrophe (c) && next < chunk_end &&
                       g_unichar_isalpha (g_utf8_get_char (next)))
                q = next;
              else
                break;
            }
          p = q;
          if (is_checkable (word, q - word))
            {
              *start = word - text;
              *end = q - text;
              *pos = q - text;
              return TRUE;
            }
        }
    }

  *pos = len;
  return FALSE;
}

/* Whether the line [line, eol) is a fence: up to three spaces, then at
 * least three backticks or tildes. Sets @c and @n to the character and how
 * many; @rest to what follows them. */
static gboolean
is_fence (const char  *line,
          const char  *eol,
          char        *c,
          gsize       *n,
          const char **rest)
{
  const char *p = line;
  const char *q;

  /* a tab, or a fourth space, makes an indented code block's line */
  while (p < eol && *p == ' ' && p - line < 4)
    p++;
  if (p - line > 3 || p >= eol || (*p != '`' && *p != '~'))
    return FALSE;
  for (q = p; q < eol && *q == *p; q++)
    ;
  if (q - p < 3)
    return FALSE;
  *c = *p;
  *n = q - p;
  *rest = q;
  return TRUE;
}

static gboolean
is_blank (const char *p,
          const char *end)
{
  for (; p < end; p++)
    if (*p != ' ' && *p != '\t' && *p != '\r')
      return FALSE;
  return TRUE;
}

/* Steps over at most @max block quote markers at *@p (up to three spaces,
 * `>` and one optional space each). Returns how many. */
static guint
skip_quote_markers (const char **p,
                    const char  *eol,
                    guint        max)
{
  guint n = 0;

  while (n < max)
    {
      const char *q = *p;

      while (q < eol && *q == ' ' && q - *p < 3)
        q++;
      if (q >= eol || *q != '>')
        break;
      q++;
      if (q < eol && *q == ' ')
        q++;
      *p = q;
      n++;
    }
  return n;
}

static gsize
count_spaces (const char *p,
              const char *eol)
{
  const char *q = p;

  while (q < eol && *q == ' ')
    q++;
  return q - p;
}

/* A list item's marker at @p (`-`, `+`, `*`, or up to nine digits and `.`
 * or `)`) and the spaces after it: how far in from @p its content starts,
 * or 0 when there is no marker. More than four spaces start an indented
 * code block in the item, one of them the marker's. */
static gsize
list_marker_width (const char *p,
                   const char *eol)
{
  const char *q = p;
  gsize spaces;

  if (q < eol && (*q == '-' || *q == '+' || *q == '*'))
    q++;
  else
    {
      while (q < eol && g_ascii_isdigit (*q) && q - p < 9)
        q++;
      if (q == p || q >= eol || (*q != '.' && *q != ')'))
        return 0;
      q++;
    }
  if (q < eol && *q != ' ' && *q != '\r')
    return 0;
  spaces = count_spaces (q, eol);
  if (spaces == 0 || spaces > 4 || is_blank (q, eol))
    spaces = 1;
  return (q - p) + spaces;
}

/**
 * byline_spell_find_fences:
 * @text: Markdown (a post's body)
 * @len: its length in bytes
 *
 * Finds the fenced code blocks of @text, as CommonMark defines them: an
 * opening fence of at least three backticks or tildes, indented by at
 * most three spaces (a backtick fence's info string has no backtick), up to
 * a closing fence of the same character, at least as long, indented by at
 * most three spaces and followed by nothing but spaces; without one, to the
 * end of the text. In a block quote or a list item, the indentation counts
 * from the container's content, and the block ends with its container (a
 * line without the quote's `>`, a line indented less than the item's
 * content).
 *
 * The containers are followed closely enough for code blocks, not as a full
 * parser would: a list is one level deep at a time (the item seen last),
 * and a list ends at a line indented less than its items after a blank
 * line.
 *
 * Returns: (transfer full) (element-type BylineSpellFence): the blocks, in
 *   order
 */
GArray *
byline_spell_find_fences (const char *text,
                          gsize       len)
{
  GArray *fences = g_array_new (FALSE, FALSE, sizeof (BylineSpellFence));
  const char *limit = text + len;
  const char *line = text;
  BylineSpellFence open = { 0, 0 };
  char open_char = 0;
  gsize open_len = 0;
  guint open_quotes = 0;      /* the block quotes the open block is in */
  gsize open_indent = 0;      /* the content column of its list item */
  gsize list_indent = 0;      /* the content column of the list item seen last */
  guint list_quotes = 0;      /* the block quotes that list is in */
  gboolean after_blank = FALSE;
  guint n = 0;

  g_return_val_if_fail (text != NULL || len == 0, fences);

  for (; line < limit; n++)
    {
      const char *eol = memchr (line, '\n', limit - line);
      const char *p = line;
      const char *rest;
      gsize run;
      gsize indent;
      gsize marker;
      gsize container;
      guint quotes;
      char c;

      if (eol == NULL)
        eol = limit;

      if (open_char != 0)
        {
          quotes = skip_quote_markers (&p, eol, open_quotes);
          indent = count_spaces (p, eol);
          if (quotes == open_quotes && (indent >= open_indent || is_blank (p, eol)))
            {
              p += MIN (indent, open_indent);
              if (is_fence (p, eol, &c, &run, &rest) && c == open_char && run >= open_len &&
                  is_blank (rest, eol))
                {
                  open.last_line = n;
                  g_array_append_val (fences, open);
                  open_char = 0;
                }
              line = eol + 1;
              continue;
            }
          /* Its block quote or list item ended, and the block with it: this
           * line is one of what comes after. */
          open.last_line = n - 1;
          g_array_append_val (fences, open);
          open_char = 0;
          p = line;
        }

      quotes = skip_quote_markers (&p, eol, G_MAXUINT);
      if (quotes != list_quotes)
        {
          list_indent = 0;
          list_quotes = quotes;
        }
      if (is_blank (p, eol))
        {
          after_blank = TRUE;
          line = eol + 1;
          continue;
        }
      indent = count_spaces (p, eol);
      if (list_indent > 0 && indent < list_indent && after_blank)
        list_indent = 0;
      after_blank = FALSE;

      marker = indent < list_indent + 4 ? list_marker_width (p + indent, eol) : 0;
      if (marker > 0)
        {
          /* A fence may start the item itself: `- ```js`. */
          list_indent = indent + marker;
          container = list_indent;
        }
      else
        container = list_indent > 0 && indent >= list_indent ? list_indent : 0;

      if (is_fence (p + container, eol, &c, &run, &rest) &&
          (c != '`' || memchr (rest, '`', eol - rest) == NULL))
        {
          open_char = c;
          open_len = run;
          open_quotes = quotes;
          open_indent = container;
          open.first_line = n;
        }
      line = eol + 1;
    }
  if (open_char != 0)
    {
      open.last_line = G_MAXUINT;
      g_array_append_val (fences, open);
    }
  return fences;
}

/**
 * byline_spell_language_normalize:
 * @tag: a language tag as a post, a site or a locale writes it: `en-US`,
 *   `de_DE.UTF-8`, `pt_BR@euro`, `fr`
 *
 * Returns: (nullable): the tag as dictionaries name it (`en_US`, `fr`), or
 *   %NULL when @tag names no language (`C`, `POSIX`, empty)
 */
char *
byline_spell_language_normalize (const char *tag)
{
  g_autoptr(GString) out = NULL;
  const char *p;
  gboolean region = FALSE;

  if (tag == NULL)
    return NULL;
  while (g_ascii_isspace (*tag))
    tag++;
  if (!g_ascii_isalpha (tag[0]) || g_ascii_strcasecmp (tag, "C") == 0 ||
      g_ascii_strncasecmp (tag, "C.", 2) == 0 || g_ascii_strcasecmp (tag, "POSIX") == 0)
    return NULL;

  out = g_string_new (NULL);
  for (p = tag; *p != '\0' && *p != '.' && *p != '@' && !g_ascii_isspace (*p); p++)
    {
      if (*p == '-' || *p == '_')
        {
          /* keep a region (`US`), drop a script or variant (`Latn`, `1996`) */
          if (region)
            break;
          region = TRUE;
          g_string_append_c (out, '_');
        }
      else if (!g_ascii_isalnum (*p))
        return NULL;
      else
        g_string_append_c (out, region ? g_ascii_toupper (*p) : g_ascii_tolower (*p));
    }
  if (out->len < 2 || out->str[out->len - 1] == '_')
    return NULL;
  /* a script subtag (zh-Hant) is not a region */
  if (region)
    {
      const char *sep = strchr (out->str, '_');

      if (strlen (sep + 1) > 3)
        g_string_truncate (out, sep - out->str);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}
