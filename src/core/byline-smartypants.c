/* byline-smartypants.c: smart punctuation as remark-smartypants does it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <cmark-gfm.h>

#include "byline-markdown-private.h"
#include "byline-smartypants.h"

/* --- smart punctuation: remark-smartypants ----------------------------------
 *
 * remark-smartypants concatenates the text of the whole document (inline
 * code as placeholder letters, a space before each paragraph, heading and
 * table cell), curls quotes on that with retext-smartypants, then runs
 * dashes (`--` only), ellipses and backticks on each text node alone. The
 * decisions depend on retext's tokens: runs of word characters, runs of
 * white space, and runs of one repeated punctuation or symbol character.
 */

typedef enum
{
  TOK_WORD,
  TOK_SPACE,
  TOK_PUNCT,
  TOK_NONE,
} TokType;

typedef struct
{
  TokType  type;
  guint    start;
  guint    len;
  gboolean newline;   /* a white-space run with a line break splits paragraphs */
} Tok;

static TokType
char_class (gunichar c)
{
  if (c < 0x80)
    {
      if (g_ascii_isalnum (c))
        return TOK_WORD;
      if (c == ' ' || (c >= '\t' && c <= '\r'))
        return TOK_SPACE;
      return TOK_PUNCT;
    }
  if (g_unichar_isspace (c) || c == 0x85 || c == 0xA0 || c == 0x1680 ||
      (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F || c == 0x3000)
    return TOK_SPACE;
  if (g_unichar_isalnum (c) || g_unichar_ismark (c))
    return TOK_WORD;
  return TOK_PUNCT;
}

static GArray *
tokenize (const gunichar *text,
          guint           n)
{
  GArray *toks = g_array_sized_new (FALSE, FALSE, sizeof (Tok), n / 3 + 16);
  guint i = 0;

  while (i < n)
    {
      Tok t = { char_class (text[i]), i, 1, FALSE };

      i++;
      while (i < n)
        {
          TokType k = char_class (text[i]);

          if (k != t.type)
            break;
          if (k == TOK_PUNCT && text[i] != text[t.start])
            break;
          i++;
        }
      t.len = i - t.start;
      if (t.type == TOK_SPACE)
        for (guint j = t.start; j < i; j++)
          if (text[j] == '\n' || text[j] == '\r')
            t.newline = TRUE;
      g_array_append_val (toks, t);
    }
  return toks;
}

/* parse-latin's wordSymbolInner: what may sit between two words of one word */
static gboolean
is_inner_word_symbol (const gunichar *text,
                      const Tok      *t)
{
  gunichar c = text[t->start];

  if (t->type != TOK_PUNCT)
    return FALSE;
  if (c == '_')
    return TRUE;    /* a run of underscores */
  if (t->len != 1)
    return FALSE;
  return c == '&' || c == '\'' || c == '-' || c == '.' || c == ':' || c == '=' ||
         c == '?' || c == '@' || c == 0xAD || c == 0xB7 || c == 0x2010 ||
         c == 0x2011 || c == 0x2019 || c == 0x2027;
}

/* A sibling as retext-smartypants sees it: a token, or a run of tokens that
 * parse-latin merged into one word ("don't", "node:'-only"). */
typedef struct
{
  TokType type;       /* TOK_WORD for merged words, TOK_NONE for their parts */
  guint   first_tok;
  guint   last_tok;
} Sib;

static char *
sib_value (const gunichar *text,
           GArray         *toks,
           const Sib      *sib)
{
  const Tok *a = &g_array_index (toks, Tok, sib->first_tok);
  const Tok *b = &g_array_index (toks, Tok, sib->last_tok);

  return g_ucs4_to_utf8 (text + a->start, b->start + b->len - a->start, NULL, NULL, NULL);
}

/* retext-smartypants' quote rules for the quote at @index among @sibs */
static void
educate_quote (gunichar  *text,
               GArray    *toks,
               const Sib *sibs,
               guint      n_sibs,
               guint      index)
{
  const Tok *t = &g_array_index (toks, Tok, sibs[index].first_tok);
  const Sib *prev = index > 0 ? &sibs[index - 1] : NULL;
  const Sib *next = index + 1 < n_sibs ? &sibs[index + 1] : NULL;
  const Sib *next2 = index + 2 < n_sibs ? &sibs[index + 2] : NULL;
  gunichar q = text[t->start];
  gboolean dbl = q == '"';
  gunichar open = dbl ? 0x201C : 0x2018;
  gunichar close = dbl ? 0x201D : 0x2019;
  g_autofree char *next_value = NULL;
  gunichar next_char = 0;

  /* a line break starts a new paragraph for retext: no siblings across it */
  if (prev != NULL && prev->type == TOK_SPACE &&
      g_array_index (toks, Tok, prev->first_tok).newline)
    prev = NULL;
  if (next != NULL && next->type == TOK_SPACE &&
      g_array_index (toks, Tok, next->first_tok).newline)
    next = next2 = NULL;
  if (next2 != NULL && next2->type == TOK_SPACE &&
      g_array_index (toks, Tok, next2->first_tok).newline)
    next2 = NULL;

  if (next != NULL)
    {
      const Tok *nt = &g_array_index (toks, Tok, next->first_tok);

      next_value = sib_value (text, toks, next);
      if (next->first_tok == next->last_tok && nt->len == 1)
        next_char = text[nt->start];
    }

  if (next != NULL && next->type == TOK_PUNCT &&
      (next2 == NULL || next2->type != TOK_WORD))
    text[t->start] = close;
  else if (next != NULL && next->type == TOK_PUNCT &&
           (next_char == '"' || next_char == '\'') &&
           next2 != NULL && next2->type == TOK_WORD)
    {
      text[t->start] = open;
      text[g_array_index (toks, Tok, next->first_tok).start] =
        next_char == '"' ? 0x201C : 0x2018;
    }
  else if (next != NULL && strlen (next_value) == 3 &&
           g_ascii_isdigit (next_value[0]) && g_ascii_isdigit (next_value[1]) &&
           next_value[2] == 's')
    text[t->start] = close;
  else if (prev != NULL && (prev->type == TOK_SPACE || prev->type == TOK_PUNCT) &&
           next != NULL && next->type == TOK_WORD)
    text[t->start] = open;
  else if (prev != NULL && prev->type != TOK_SPACE && prev->type != TOK_PUNCT)
    text[t->start] = close;
  else if (next == NULL || next->type == TOK_SPACE ||
           (!dbl && g_strcmp0 (next_value, "s") == 0))
    text[t->start] = close;
  else
    text[t->start] = open;
}

static gboolean
is_quote_tok (const gunichar *text,
              const Tok      *t)
{
  return t->type == TOK_PUNCT && t->len == 1 &&
         (text[t->start] == '"' || text[t->start] == '\'');
}

/* the quotes of @text[@from, @to) with @text[0, @n) as their context */
static void
educate_quotes_window (gunichar *text,
                       guint     n,
                       guint     from,
                       guint     to)
{
  g_autoptr(GArray) toks = tokenize (text, n);
  g_autoptr(GArray) sibs = g_array_sized_new (FALSE, FALSE, sizeof (Sib), toks->len);
  guint i = 0;

  /* the sentence level: merge word, inner symbols, word, … into one word */
  while (i < toks->len)
    {
      const Tok *t = &g_array_index (toks, Tok, i);
      Sib sib = { t->type, i, i };
      guint last_word = i;

      if (t->type == TOK_WORD)
        {
          guint j = i + 1;

          while (j < toks->len)
            {
              const Tok *u = &g_array_index (toks, Tok, j);

              if (u->type == TOK_WORD)
                last_word = j;
              else if (!is_inner_word_symbol (text, u))
                break;
              j++;
            }
          sib.last_tok = last_word;

          /* mergeFinalWordSymbol: "80s-" followed by no word is one word */
          if (last_word + 1 < toks->len)
            {
              const Tok *dash = &g_array_index (toks, Tok, last_word + 1);
              const Tok *after = last_word + 2 < toks->len ?
                                 &g_array_index (toks, Tok, last_word + 2) : NULL;

              if (dash->type == TOK_PUNCT && dash->len == 1 && text[dash->start] == '-' &&
                  (after == NULL || after->type != TOK_WORD))
                sib.last_tok = last_word + 1;
            }
        }
      g_array_append_val (sibs, sib);
      i = sib.last_tok + 1;
    }

  for (guint s = 0; s < sibs->len; s++)
    {
      Sib *sib = &g_array_index (sibs, Sib, s);
      const Tok *first = &g_array_index (toks, Tok, sib->first_tok);

      if (first->start < from || first->start >= to)
        continue;   /* context only */
      if (sib->first_tok == sib->last_tok)
        {
          if (is_quote_tok (text, first))
            educate_quote (text, toks, (Sib *) (void *) sibs->data, sibs->len, s);
          continue;
        }

      /* inside a merged word its parts are siblings; the words are text */
      {
        guint n_parts = sib->last_tok - sib->first_tok + 1;
        g_autofree Sib *parts = g_new (Sib, n_parts);

        for (guint k = 0; k < n_parts; k++)
          {
            const Tok *u = &g_array_index (toks, Tok, sib->first_tok + k);

            parts[k].type = u->type == TOK_WORD ? TOK_NONE : u->type;
            parts[k].first_tok = parts[k].last_tok = sib->first_tok + k;
          }
        for (guint k = 0; k < n_parts; k++)
          if (is_quote_tok (text, &g_array_index (toks, Tok, sib->first_tok + k)))
            educate_quote (text, toks, parts, n_parts, k);
      }
    }
}

/* Quotes depend on their neighbours only: the run of non-space characters
 * around them (a merged word never crosses white space), the white space
 * before, and the next run after. Tokenising just those windows instead of
 * the whole document keeps a 1 MB render from spending most of its time here. */
static void
educate_quotes (gunichar *text,
                guint     n)
{
  guint i = 0;

  while (i < n)
    {
      guint q = i, chunk_start, chunk_end, left, right;

      while (q < n && text[q] != '"' && text[q] != '\'')
        q++;
      if (q >= n)
        break;

      chunk_start = q;
      while (chunk_start > 0 && char_class (text[chunk_start - 1]) != TOK_SPACE)
        chunk_start--;
      left = chunk_start;
      while (left > 0 && char_class (text[left - 1]) == TOK_SPACE)
        left--;
      chunk_end = q;
      while (chunk_end < n && char_class (text[chunk_end]) != TOK_SPACE)
        chunk_end++;
      right = chunk_end;
      while (right < n && char_class (text[right]) == TOK_SPACE)
        right++;
      while (right < n && char_class (text[right]) != TOK_SPACE)
        right++;

      educate_quotes_window (text + left, right - left,
                             chunk_start - left, chunk_end - left);
      i = chunk_end;
    }
}

static gboolean
tok_is_dots (const gunichar *text,
             const Tok      *t)
{
  return t->type == TOK_PUNCT && text[t->start] == '.';
}

/* dashes, ellipses and backticks within one text node */
static char *
educate_rest (const char *literal)
{
  glong n = 0;
  g_autofree gunichar *text = g_utf8_to_ucs4_fast (literal, -1, &n);
  g_autoptr(GArray) toks = tokenize (text, (guint) n);
  g_autofree gboolean *dropped = g_new0 (gboolean, toks->len + 1);
  g_autofree gunichar *replacement = g_new0 (gunichar, toks->len + 1);
  GString *out = g_string_sized_new (strlen (literal));

  for (guint i = 0; i < toks->len; i++)
    {
      const Tok *t = &g_array_index (toks, Tok, i);

      if (t->type != TOK_PUNCT)
        continue;

      if (tok_is_dots (text, t))
        {
          /* spaced: ". . ." (each pair of space and dots before this one) */
          gint first = (gint) i;   /* the earliest dots of the run */
          guint count = 1;

          while (first - 1 > 0)
            {
              const Tok *space = &g_array_index (toks, Tok, first - 1);
              const Tok *dots = &g_array_index (toks, Tok, first - 2);

              if (space->type != TOK_SPACE || dropped[first - 2] ||
                  replacement[first - 2] != 0 || !tok_is_dots (text, dots))
                break;
              count++;
              first -= 2;
            }
          if (count >= 3)
            {
              for (gint k = first; k < (gint) i; k++)
                dropped[k] = TRUE;
              replacement[i] = 0x2026;
              continue;
            }
          if (t->len >= 3)
            {
              replacement[i] = 0x2026;
              continue;
            }
        }

      if (t->len == 2 && text[t->start] == '`')
        replacement[i] = 0x201C;
      else if (t->len == 2 && text[t->start] == '\'')
        replacement[i] = 0x201D;
      else if (t->len == 2 && text[t->start] == '-')
        replacement[i] = 0x2014;
    }

  for (guint i = 0; i < toks->len; i++)
    {
      const Tok *t = &g_array_index (toks, Tok, i);

      if (dropped[i])
        continue;
      if (replacement[i] != 0)
        g_string_append_unichar (out, replacement[i]);
      else
        for (guint k = 0; k < t->len; k++)
          g_string_append_unichar (out, text[t->start + k]);
    }

  return g_string_free (out, FALSE);
}

static gboolean
inside_image (cmark_node *node)
{
  for (cmark_node *p = cmark_node_parent (node); p; p = cmark_node_parent (p))
    if (cmark_node_get_type (p) == CMARK_NODE_IMAGE)
      return TRUE;
  return FALSE;
}

void
_byline_smartypants_educate (cmark_node *doc,
                             gsize       text_len,
                             GPtrArray  *headings,
                             GPtrArray  *autolinks)
{
  /* sized once: growing a few MB by doubling costs more than the work */
  g_autoptr(GArray) all = g_array_sized_new (FALSE, FALSE, sizeof (gunichar), text_len + 64);
  g_autoptr(GPtrArray) nodes = g_ptr_array_new ();
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (guint));
  cmark_iter *iter = cmark_iter_new (doc);
  cmark_event_type ev;
  gunichar space = ' ';
  gunichar placeholder = 'A';

  while ((ev = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);
      cmark_node_type type = cmark_node_get_type (node);

      if (ev != CMARK_EVENT_ENTER)
        continue;

      if (type == CMARK_NODE_HEADING)
        g_ptr_array_add (headings, node);   /* for the later passes */
      else if (type == CMARK_NODE_LINK && cmark_node_get_start_column (node) == 0)
        g_ptr_array_add (autolinks, node);  /* made by the autolink extension */
      if (type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING ||
          _byline_markdown_node_is (node, "table_cell"))
        g_array_append_val (all, space);
      else if (type == CMARK_NODE_TEXT && !inside_image (node))
        {
          const char *lit = cmark_node_get_literal (node);
          guint start = all->len;
          glong n = 0;
          g_autofree gunichar *chars = g_utf8_to_ucs4_fast (lit, -1, &n);

          g_array_append_vals (all, chars, (guint) n);
          g_ptr_array_add (nodes, node);
          g_array_append_val (starts, start);
        }
      else if (type == CMARK_NODE_SOFTBREAK && !inside_image (node))
        {
          /* mdast keeps soft line breaks inside its text nodes */
          gunichar nl = '\n';
          g_array_append_val (all, nl);
        }
      else if (type == CMARK_NODE_CODE && !inside_image (node))
        {
          const char *lit = cmark_node_get_literal (node);
          glong len = g_utf8_strlen (lit, -1);

          for (glong k = 0; k < len; k++)
            g_array_append_val (all, placeholder);
        }
    }
  cmark_iter_free (iter);

  educate_quotes ((gunichar *) (void *) all->data, all->len);

  for (guint i = 0; i < nodes->len; i++)
    {
      cmark_node *node = g_ptr_array_index (nodes, i);
      guint start = g_array_index (starts, guint, i);
      const char *lit = cmark_node_get_literal (node);
      g_autofree char *quoted = NULL;
      g_autofree char *done = NULL;
      gboolean quotes = strpbrk (lit, "\"'") != NULL;

      /* most text has nothing to educate: leave it alone, quickly */
      if (!quotes && strstr (lit, "--") == NULL && strstr (lit, "..") == NULL &&
          strstr (lit, ". .") == NULL && strstr (lit, "``") == NULL)
        continue;
      if (quotes)
        quoted = g_ucs4_to_utf8 (&g_array_index (all, gunichar, start),
                                 g_utf8_strlen (lit, -1), NULL, NULL, NULL);
      else
        quoted = g_strdup (lit);
      done = educate_rest (quoted);
      cmark_node_set_literal (node, done);
    }
}
