/* byline-markdown.c: a post's body rendered as the site will publish it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cmark-gfm parses; the HTML is ours, written to build the same DOM as
 * Astro's Markdown pipeline configured as AstroPaper configures it:
 * remark-gfm, remark-smartypants, remark-toc, remark-collapse
 * ("Table of contents"), mdast-util-to-hast, rehypeHeadingIds, rehype-raw.
 *
 * Images: `src` stays as written (relative to the post, which is how Astro's
 * Markdown processor emits it and how the preview resolves it, its base URI
 * being the post's folder). Astro's `@/` alias is rewritten to a path
 * relative to the post's folder when the site's `src/` is known or found.
 */

#include "config.h"

#include <string.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include "byline-markdown.h"
#include "byline-slug.h"

struct _BylineRendered
{
  gatomicrefcount  ref_count;
  GArray          *blocks;
};

typedef struct
{
  GString      *out;
  const char   *src;        /* the body, LF line endings */
  GPtrArray    *lines;      /* offsets of each line start (as pointers) */
  GHashTable   *heading_ids;  /* cmark_node* -> id */
  GPtrArray    *fn_labels;  /* safe id of footnote n (index n-1) */
  GArray       *fn_counts;  /* references seen so far, per footnote */
  const char   *post_dir;
  char         *site_src;
  gboolean      site_src_looked_up;
  const char   *site_src_option;
} Ctx;

/* --- helpers --------------------------------------------------------------- */

static gboolean
node_is (cmark_node *node,
         const char *type_string)
{
  return g_strcmp0 (cmark_node_get_type_string (node), type_string) == 0;
}

static gboolean
is_footnote_def (cmark_node *node)
{
  return cmark_node_get_type (node) == CMARK_NODE_FOOTNOTE_DEFINITION;
}

static void
escape_text (GString    *out,
             const char *s,
             gssize      len)
{
  const char *end = s + (len < 0 ? (gssize) strlen (s) : len);

  for (; s < end; s++)
    {
      switch (*s)
        {
        case '&': g_string_append (out, "&amp;"); break;
        case '<': g_string_append (out, "&lt;"); break;
        case '>': g_string_append (out, "&gt;"); break;
        default: g_string_append_c (out, *s);
        }
    }
}

static void
escape_attr (GString    *out,
             const char *s)
{
  for (; *s; s++)
    {
      switch (*s)
        {
        case '&': g_string_append (out, "&amp;"); break;
        case '"': g_string_append (out, "&quot;"); break;
        default: g_string_append_c (out, *s);
        }
    }
}

/* micromark's normalizeUri(): what mdast-util-to-hast does to href and src.
 * Keeps `%XX`, the ASCII characters that are fine in a URL, and
 * percent-encodes everything else as UTF-8. */
static void
append_normalized_uri (GString    *out,
                       const char *url)
{
  static const char *allowed = "!#$&'()*+,-./:;=?@_~";
  const guchar *p = (const guchar *) url;

  for (; *p; p++)
    {
      if (*p == '%' && g_ascii_isalnum (p[1]) && g_ascii_isalnum (p[2]))
        {
          g_string_append_len (out, (const char *) p, 3);
          p += 2;
        }
      else if (*p < 0x80 && (g_ascii_isalnum (*p) || (*p && strchr (allowed, *p))))
        g_string_append_c (out, (char) *p);
      else
        g_string_append_printf (out, "%%%02X", *p);
    }
}

static void
append_uri_attr (GString    *out,
                 const char *url)
{
  g_autoptr(GString) tmp = g_string_new (NULL);

  append_normalized_uri (tmp, url);
  escape_attr (out, tmp->str);
}

/* Raw HTML, as it reaches the browser through Astro: rehype-raw parses it
 * (the line break right after <pre> goes, as HTML wants) and
 * rehype-stringify writes it back without adding one in front of a text that
 * starts with another line break, so the browser drops that one as well. */
static void
append_raw (GString    *out,
            const char *raw,
            gssize      len)
{
  const char *end = raw + (len < 0 ? (gssize) strlen (raw) : len);
  const char *p = raw;

  while (p < end)
    {
      const char *tag = g_strstr_len (p, end - p, "<");
      const char *close;

      if (tag == NULL)
        break;
      if (end - tag >= 5 && g_ascii_strncasecmp (tag + 1, "pre", 3) == 0 &&
          (tag[4] == '>' || g_ascii_isspace (tag[4])) &&
          (close = g_strstr_len (tag, end - tag, ">")) != NULL &&
          end - close >= 3 && close[1] == '\n' && close[2] == '\n')
        {
          g_string_append_len (out, p, close + 1 - p);
          p = close + 2;
          continue;
        }
      g_string_append_len (out, p, tag + 1 - p);
      p = tag + 1;
    }
  g_string_append_len (out, p, end - p);
}

static guint64
hash_html (const char *s,
           gsize       len)
{
  guint64 h = G_GUINT64_CONSTANT (0xcbf29ce484222325);

  for (gsize i = 0; i < len; i++)
    {
      h ^= (guchar) s[i];
      h *= G_GUINT64_CONSTANT (0x100000001b3);
    }
  return h;
}

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

static void
smartypants (cmark_node *doc,
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
          node_is (node, "table_cell"))
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

/* cmark-gfm links "mailto:me@example.org" and "xmpp:me@example.org/home"
 * whole; micromark's GFM autolink literal links only the address (as a
 * mailto: link), the protocol and an XMPP resource stay text around it.
 * And cmark-gfm links ftp:// too, micromark does not. */
static void
split_protocol_autolink (cmark_node *link)
{
  static const char *protocols[] = { "mailto:", "xmpp:" };
  cmark_node *text = cmark_node_first_child (link);
  const char *lit;
  const char *address = NULL;
  gsize proto_len = 0;

  if (text == NULL || cmark_node_get_type (text) != CMARK_NODE_TEXT ||
      cmark_node_next (text) != NULL)
    return;
  lit = cmark_node_get_literal (text);
  if (g_str_has_prefix (cmark_node_get_url (link), "ftp://"))
    {
      /* micromark links http(s):// and www. only: ftp:// stays text */
      cmark_node_unlink (text);
      cmark_node_insert_before (link, text);
      cmark_node_free (link);
      return;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (protocols); i++)
    if (g_str_has_prefix (lit, protocols[i]))
      {
        proto_len = strlen (protocols[i]);
        address = lit + proto_len;
      }
  if (address == NULL || strchr (address, '@') == NULL)
    return;

  {
    g_autofree char *proto = g_strndup (lit, proto_len);
    g_autofree char *email = g_strndup (address, strcspn (address, "/"));
    g_autofree char *rest = g_strdup (address + strlen (email));
    g_autofree char *url = g_strconcat ("mailto:", email, NULL);
    cmark_node *before = cmark_node_new (CMARK_NODE_TEXT);

    cmark_node_set_literal (before, proto);
    cmark_node_insert_before (link, before);
    if (*rest)
      {
        cmark_node *after = cmark_node_new (CMARK_NODE_TEXT);

        cmark_node_set_literal (after, rest);
        cmark_node_insert_after (link, after);
      }
    cmark_node_set_url (link, url);
    cmark_node_set_literal (text, email);
  }
}

/* --- plain text of a heading ------------------------------------------------ */

typedef enum
{
  TEXT_ASTRO_ID,    /* rehypeHeadingIds: text, code, footnote numbers; no tags */
  TEXT_TOC,         /* mdast-util-to-string, includeImageAlt: false */
  TEXT_COLLAPSE,    /* mdast-util-to-string 1.x: alt or title instead of children */
  TEXT_ALT,         /* an image's alt: mdast-util-to-string, nested alts included */
} TextFlavour;

static gboolean
raw_is_one_tag (const char *s)
{
  /* rehypeHeadingIds skips raw nodes matching /^\n?<.*>\n?$/ */
  gsize len = strlen (s);

  if (len > 0 && s[0] == '\n')
    s++, len--;
  if (len > 0 && s[len - 1] == '\n')
    len--;
  if (len < 2 || s[0] != '<' || s[len - 1] != '>')
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (s[i] == '\n' || s[i] == '\r')
      return FALSE;
  return TRUE;
}

static void
append_plain (GString     *out,
              cmark_node  *node,
              TextFlavour  flavour,
              Ctx         *ctx)
{
  for (cmark_node *child = cmark_node_first_child (node); child; child = cmark_node_next (child))
    {
      cmark_node_type type = cmark_node_get_type (child);
      const char *lit;

      switch ((int) type)
        {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
          g_string_append (out, cmark_node_get_literal (child));
          break;
        case CMARK_NODE_SOFTBREAK:
          g_string_append_c (out, '\n');
          break;
        case CMARK_NODE_LINEBREAK:
          if (flavour == TEXT_ASTRO_ID)
            g_string_append_c (out, '\n');
          break;
        case CMARK_NODE_HTML_INLINE:
          lit = cmark_node_get_literal (child);
          if (flavour != TEXT_ASTRO_ID || !raw_is_one_tag (lit))
            g_string_append (out, lit);
          break;
        case CMARK_NODE_IMAGE:
          if (flavour == TEXT_ALT)
            append_plain (out, child, flavour, ctx);
          else if (flavour == TEXT_COLLAPSE)
            {
              g_autoptr(GString) alt = g_string_new (NULL);

              append_plain (alt, child, TEXT_TOC, ctx);
              if (alt->len > 0)
                g_string_append (out, alt->str);
              else
                g_string_append (out, cmark_node_get_title (child));
            }
          break;
        case CMARK_NODE_LINK:
          if (flavour == TEXT_COLLAPSE && *cmark_node_get_title (child))
            g_string_append (out, cmark_node_get_title (child));
          else
            append_plain (out, child, flavour, ctx);
          break;
        case CMARK_NODE_FOOTNOTE_REFERENCE:
          if (flavour == TEXT_ASTRO_ID)
            g_string_append (out, cmark_node_get_literal (child));
          break;
        default:
          append_plain (out, child, flavour, ctx);
        }
    }
}

static char *
plain_text (cmark_node  *node,
            TextFlavour  flavour)
{
  GString *out = g_string_new (NULL);

  append_plain (out, node, flavour, NULL);
  return g_string_free (out, FALSE);
}

/* --- images ---------------------------------------------------------------- */

char *
byline_markdown_find_site_src (const char *post_dir)
{
  static const char *names[] = {
    "astro.config.mjs", "astro.config.ts", "astro.config.js",
    "astro.config.mts", "astro.config.cjs", "astro.config.cts",
  };
  g_autofree char *dir = NULL;

  g_return_val_if_fail (post_dir != NULL, NULL);

  dir = g_canonicalize_filename (post_dir, NULL);
  for (;;)
    {
      g_autofree char *parent = NULL;

      for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
        {
          g_autofree char *path = g_build_filename (dir, names[i], NULL);

          if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
            return g_build_filename (dir, "src", NULL);
        }
      parent = g_path_get_dirname (dir);
      if (g_strcmp0 (parent, dir) == 0)
        return NULL;
      g_free (dir);
      dir = g_steal_pointer (&parent);
    }
}

/* a path from @from_dir to @to, both absolute */
static char *
relative_path (const char *from_dir,
               const char *to)
{
  g_auto(GStrv) a = g_strsplit (from_dir, G_DIR_SEPARATOR_S, -1);
  g_auto(GStrv) b = g_strsplit (to, G_DIR_SEPARATOR_S, -1);
  GString *out = g_string_new (NULL);
  guint i = 0;

  while (a[i] && b[i] && g_strcmp0 (a[i], b[i]) == 0)
    i++;
  for (guint k = i; a[k]; k++)
    if (*a[k])
      g_string_append (out, "../");
  for (guint k = i; b[k]; k++)
    {
      g_string_append (out, b[k]);
      if (b[k + 1])
        g_string_append_c (out, '/');
    }
  return g_string_free (out, FALSE);
}

static char *
resolve_image (Ctx        *ctx,
               const char *url)
{
  g_autofree char *post = NULL;
  g_autofree char *target = NULL;

  if (!g_str_has_prefix (url, "@/") || ctx->post_dir == NULL)
    return g_strdup (url);

  if (!ctx->site_src_looked_up)
    {
      ctx->site_src_looked_up = TRUE;
      if (ctx->site_src_option != NULL)
        ctx->site_src = g_canonicalize_filename (ctx->site_src_option, NULL);
      else
        ctx->site_src = byline_markdown_find_site_src (ctx->post_dir);
    }
  if (ctx->site_src == NULL)
    return g_strdup (url);

  post = g_canonicalize_filename (ctx->post_dir, NULL);
  target = g_build_filename (ctx->site_src, url + 2, NULL);
  return relative_path (post, target);
}

/* --- HTML ------------------------------------------------------------------- */

typedef enum
{
  INLINE_NORMAL,
  INLINE_TOC,       /* a TOC entry: no links, no footnote references */
} InlineMode;

static void render_block (Ctx *ctx, cmark_node *node, gboolean tight);

static void
render_inlines (Ctx        *ctx,
                cmark_node *parent,
                InlineMode  mode)
{
  GString *out = ctx->out;

  for (cmark_node *node = cmark_node_first_child (parent); node; node = cmark_node_next (node))
    {
      switch ((int) cmark_node_get_type (node))
        {
        case CMARK_NODE_TEXT:
          escape_text (out, cmark_node_get_literal (node), -1);
          break;
        case CMARK_NODE_SOFTBREAK:
          g_string_append_c (out, '\n');
          break;
        case CMARK_NODE_LINEBREAK:
          g_string_append (out, "<br>\n");
          break;
        case CMARK_NODE_CODE:
          g_string_append (out, "<code>");
          escape_text (out, cmark_node_get_literal (node), -1);
          g_string_append (out, "</code>");
          break;
        case CMARK_NODE_HTML_INLINE:
          append_raw (out, cmark_node_get_literal (node), -1);
          break;
        case CMARK_NODE_EMPH:
          g_string_append (out, "<em>");
          render_inlines (ctx, node, mode);
          g_string_append (out, "</em>");
          break;
        case CMARK_NODE_STRONG:
          g_string_append (out, "<strong>");
          render_inlines (ctx, node, mode);
          g_string_append (out, "</strong>");
          break;
        case CMARK_NODE_LINK:
          if (mode == INLINE_TOC)
            {
              render_inlines (ctx, node, mode);
              break;
            }
          g_string_append (out, "<a href=\"");
          append_uri_attr (out, cmark_node_get_url (node));
          g_string_append_c (out, '"');
          if (*cmark_node_get_title (node))
            {
              g_string_append (out, " title=\"");
              escape_attr (out, cmark_node_get_title (node));
              g_string_append_c (out, '"');
            }
          g_string_append_c (out, '>');
          render_inlines (ctx, node, mode);
          g_string_append (out, "</a>");
          break;
        case CMARK_NODE_IMAGE:
          {
            g_autofree char *src = resolve_image (ctx, cmark_node_get_url (node));
            g_autofree char *alt = plain_text (node, TEXT_ALT);

            g_string_append (out, "<img src=\"");
            append_uri_attr (out, src);
            g_string_append (out, "\" alt=\"");
            escape_attr (out, alt);
            g_string_append_c (out, '"');
            if (*cmark_node_get_title (node))
              {
                g_string_append (out, " title=\"");
                escape_attr (out, cmark_node_get_title (node));
                g_string_append_c (out, '"');
              }
            g_string_append_c (out, '>');
          }
          break;
        case CMARK_NODE_FOOTNOTE_REFERENCE:
          {
            guint n = (guint) g_ascii_strtoull (cmark_node_get_literal (node), NULL, 10);
            const char *id;
            guint *count;

            if (mode == INLINE_TOC || n == 0 || n > ctx->fn_labels->len)
              break;
            id = g_ptr_array_index (ctx->fn_labels, n - 1);
            count = &g_array_index (ctx->fn_counts, guint, n - 1);
            (*count)++;
            g_string_append_printf (out, "<sup><a href=\"#user-content-fn-%s\" "
                                    "id=\"user-content-fnref-%s", id, id);
            if (*count > 1)
              g_string_append_printf (out, "-%u", *count);
            g_string_append_printf (out, "\" data-footnote-ref=\"\" "
                                    "aria-describedby=\"footnote-label\">%u</a></sup>", n);
          }
          break;
        default:
          if (node_is (node, "strikethrough"))
            {
              g_string_append (out, "<del>");
              render_inlines (ctx, node, mode);
              g_string_append (out, "</del>");
            }
          else
            render_inlines (ctx, node, mode);
        }
    }
}

static void
render_children_wrapped (Ctx        *ctx,
                         cmark_node *node)
{
  /* mdast-util-to-hast's wrap(…, true): a line break around and between */
  g_string_append_c (ctx->out, '\n');
  for (cmark_node *child = cmark_node_first_child (node); child; child = cmark_node_next (child))
    {
      render_block (ctx, child, FALSE);
      g_string_append_c (ctx->out, '\n');
    }
}

static void
render_item (Ctx        *ctx,
             cmark_node *item,
             gboolean    loose)
{
  GString *out = ctx->out;
  gboolean task = node_is (item, "tasklist");
  cmark_node *first = cmark_node_first_child (item);
  cmark_node *last = cmark_node_last_child (item);
  gboolean checkbox_done = FALSE;

  g_string_append (out, task ? "<li class=\"task-list-item\">" : "<li>");

  if (task && (first == NULL || cmark_node_get_type (first) != CMARK_NODE_PARAGRAPH))
    {
      /* mdast-util-to-hast puts the checkbox in a paragraph of its own */
      if (loose)
        g_string_append (out, "\n<p>");
      g_string_append_printf (out, "<input type=\"checkbox\"%s disabled>",
                              cmark_gfm_extensions_get_tasklist_item_checked (item) ? " checked" : "");
      if (loose)
        g_string_append (out, "</p>");
      checkbox_done = TRUE;
    }

  for (cmark_node *child = first; child; child = cmark_node_next (child))
    {
      gboolean para = cmark_node_get_type (child) == CMARK_NODE_PARAGRAPH;

      if (loose || child != first || !para || checkbox_done)
        g_string_append_c (out, '\n');

      if (para)
        {
          if (loose)
            g_string_append (out, "<p>");
          if (task && child == first)
            {
              g_string_append_printf (out, "<input type=\"checkbox\"%s disabled>",
                                      cmark_gfm_extensions_get_tasklist_item_checked (item) ? " checked" : "");
              if (cmark_node_first_child (child) != NULL)
                g_string_append_c (out, ' ');
            }
          render_inlines (ctx, child, INLINE_NORMAL);
          if (loose)
            g_string_append (out, "</p>");
        }
      else
        render_block (ctx, child, !loose);
    }

  if ((last != NULL && (loose || cmark_node_get_type (last) != CMARK_NODE_PARAGRAPH)) ||
      (last == NULL && checkbox_done))
    g_string_append_c (out, '\n');

  g_string_append (out, "</li>");
}

static void
render_list (Ctx        *ctx,
             cmark_node *list)
{
  GString *out = ctx->out;
  gboolean ordered = cmark_node_get_list_type (list) == CMARK_ORDERED_LIST;
  gboolean loose = !cmark_node_get_list_tight (list);
  gboolean tasks = FALSE;
  int start = cmark_node_get_list_start (list);

  for (cmark_node *item = cmark_node_first_child (list); item; item = cmark_node_next (item))
    if (node_is (item, "tasklist"))
      tasks = TRUE;

  g_string_append (out, ordered ? "<ol" : "<ul");
  if (ordered && start != 1)
    g_string_append_printf (out, " start=\"%d\"", start);
  if (tasks)
    g_string_append (out, " class=\"contains-task-list\"");
  g_string_append (out, ">\n");
  for (cmark_node *item = cmark_node_first_child (list); item; item = cmark_node_next (item))
    {
      render_item (ctx, item, loose);
      g_string_append_c (out, '\n');
    }
  g_string_append (out, ordered ? "</ol>" : "</ul>");
}

static void
render_table (Ctx        *ctx,
              cmark_node *table)
{
  GString *out = ctx->out;
  guint16 columns = cmark_gfm_extensions_get_table_columns (table);
  guint8 *aligns = cmark_gfm_extensions_get_table_alignments (table);
  gboolean in_body = FALSE;

  g_string_append (out, "<table>\n");
  for (cmark_node *row = cmark_node_first_child (table); row; row = cmark_node_next (row))
    {
      gboolean header = cmark_gfm_extensions_get_table_row_is_header (row);
      const char *tag = header ? "th" : "td";
      cmark_node *cell = cmark_node_first_child (row);

      if (header)
        g_string_append (out, "<thead>\n");
      else if (!in_body)
        {
          g_string_append (out, "<tbody>\n");
          in_body = TRUE;
        }

      g_string_append (out, "<tr>\n");
      for (guint16 c = 0; c < columns; c++)
        {
          const char *align = NULL;

          switch (aligns != NULL ? aligns[c] : 0)
            {
            case 'l': align = "left"; break;
            case 'c': align = "center"; break;
            case 'r': align = "right"; break;
            default: break;
            }
          g_string_append_printf (out, "<%s", tag);
          if (align != NULL)
            g_string_append_printf (out, " align=\"%s\"", align);
          g_string_append_c (out, '>');
          if (cell != NULL)
            {
              render_inlines (ctx, cell, INLINE_NORMAL);
              cell = cmark_node_next (cell);
            }
          g_string_append_printf (out, "</%s>\n", tag);
        }
      g_string_append (out, "</tr>\n");
      if (header)
        g_string_append (out, "</thead>\n");
    }
  if (in_body)
    g_string_append (out, "</tbody>\n");
  g_string_append (out, "</table>");
}

static void
render_block (Ctx        *ctx,
              cmark_node *node,
              gboolean    tight)
{
  GString *out = ctx->out;

  switch ((int) cmark_node_get_type (node))
    {
    case CMARK_NODE_PARAGRAPH:
      if (tight)
        render_inlines (ctx, node, INLINE_NORMAL);
      else
        {
          g_string_append (out, "<p>");
          render_inlines (ctx, node, INLINE_NORMAL);
          g_string_append (out, "</p>");
        }
      break;
    case CMARK_NODE_HEADING:
      {
        int level = cmark_node_get_heading_level (node);
        const char *id = g_hash_table_lookup (ctx->heading_ids, node);

        g_string_append_printf (out, "<h%d", level);
        if (id != NULL)
          {
            g_string_append (out, " id=\"");
            escape_attr (out, id);
            g_string_append_c (out, '"');
          }
        g_string_append_c (out, '>');
        render_inlines (ctx, node, INLINE_NORMAL);
        g_string_append_printf (out, "</h%d>", level);
      }
      break;
    case CMARK_NODE_THEMATIC_BREAK:
      g_string_append (out, "<hr>");
      break;
    case CMARK_NODE_BLOCK_QUOTE:
      g_string_append (out, "<blockquote>");
      render_children_wrapped (ctx, node);
      g_string_append (out, "</blockquote>");
      break;
    case CMARK_NODE_LIST:
      render_list (ctx, node);
      break;
    case CMARK_NODE_CODE_BLOCK:
      {
        const char *info = cmark_node_get_fence_info (node);
        const char *lit = cmark_node_get_literal (node);
        int fence_length, fence_offset;
        char fence_char;

        g_string_append (out, "<pre><code");
        while (info != NULL && g_ascii_isspace (*info))
          info++;
        if (info != NULL && *info)
          {
            gsize len = strcspn (info, " \t\n\r\f\v");

            g_string_append (out, " class=\"language-");
            {
              g_autofree char *lang = g_strndup (info, len);
              escape_attr (out, lang);
            }
            g_string_append_c (out, '"');
          }
        g_string_append_c (out, '>');
        /* mdast-util-from-markdown strips one line ending from the start of
         * a fenced block's content: a first blank line disappears */
        if (cmark_node_get_fenced (node, &fence_length, &fence_offset, &fence_char) &&
            lit[0] == '\n')
          lit++;
        escape_text (out, lit, -1);
        g_string_append (out, "</code></pre>");
      }
      break;
    case CMARK_NODE_HTML_BLOCK:
      {
        const char *lit = cmark_node_get_literal (node);
        gsize len = strlen (lit);

        /* mdast's html value has no final line break */
        while (len > 0 && lit[len - 1] == '\n')
          len--;
        append_raw (out, lit, len);
      }
      break;
    default:
      if (node_is (node, "table"))
        render_table (ctx, node);
      else
        {
          for (cmark_node *child = cmark_node_first_child (node); child; child = cmark_node_next (child))
            render_block (ctx, child, tight);
        }
    }
}

/* --- footnotes -------------------------------------------------------------- */

/* the label of a definition, read from the source at its position
 * (cmark-gfm keeps it private); normalised as mdast-util-to-hast does */
static char *
footnote_safe_id (Ctx        *ctx,
                  cmark_node *def)
{
  guint line = (guint) cmark_node_get_start_line (def);
  const char *p, *end;
  g_autofree char *label = NULL;
  g_autofree char *upper = NULL;
  g_autofree char *lower = NULL;
  GString *out;

  if (line == 0 || line > ctx->lines->len)
    return g_strdup_printf ("%u", line);
  p = g_ptr_array_index (ctx->lines, line - 1);
  end = strchr (p, '\n');
  if (end == NULL)
    end = p + strlen (p);
  p = g_strstr_len (p, end - p, "[^");
  if (p == NULL)
    return g_strdup_printf ("%u", line);
  p += 2;
  end = g_strstr_len (p, end - p, "]:");
  if (end == NULL)
    return g_strdup_printf ("%u", line);

  label = g_strndup (p, end - p);
  if (!g_utf8_validate (label, -1, NULL))
    {
      char *valid = g_utf8_make_valid (label, -1);

      g_free (label);
      label = valid;
    }
  upper = g_utf8_strup (label, -1);
  lower = g_utf8_strdown (upper, -1);
  out = g_string_new (NULL);
  append_normalized_uri (out, lower);
  return g_string_free (out, FALSE);
}

static void
render_footnotes (Ctx       *ctx,
                  GPtrArray *defs)
{
  GString *out = ctx->out;

  g_string_append (out, "<section data-footnotes=\"\" class=\"footnotes\">"
                        "<h2 class=\"sr-only\" id=\"footnote-label\">Footnotes</h2>\n<ol>\n");
  for (guint i = 0; i < defs->len; i++)
    {
      cmark_node *def = g_ptr_array_index (defs, i);
      const char *id = g_ptr_array_index (ctx->fn_labels, i);
      guint refs = MAX (g_array_index (ctx->fn_counts, guint, i), 1);
      cmark_node *last = cmark_node_last_child (def);
      g_autoptr(GString) backrefs = g_string_new (NULL);

      for (guint r = 1; r <= refs; r++)
        {
          if (r > 1)
            g_string_append_c (backrefs, ' ');
          g_string_append_printf (backrefs, "<a href=\"#user-content-fnref-%s", id);
          if (r > 1)
            g_string_append_printf (backrefs, "-%u", r);
          g_string_append_printf (backrefs, "\" data-footnote-backref=\"\" "
                                  "aria-label=\"Back to reference %u", i + 1);
          if (r > 1)
            g_string_append_printf (backrefs, "-%u", r);
          g_string_append (backrefs, "\" class=\"data-footnote-backref\">↩");
          if (r > 1)
            g_string_append_printf (backrefs, "<sup>%u</sup>", r);
          g_string_append (backrefs, "</a>");
        }

      g_string_append_printf (out, "<li id=\"user-content-fn-%s\">\n", id);
      for (cmark_node *child = cmark_node_first_child (def); child; child = cmark_node_next (child))
        {
          if (child == last && cmark_node_get_type (child) == CMARK_NODE_PARAGRAPH)
            {
              g_string_append (out, "<p>");
              render_inlines (ctx, child, INLINE_NORMAL);
              g_string_append_c (out, ' ');
              g_string_append (out, backrefs->str);
              g_string_append (out, "</p>\n");
              g_string_truncate (backrefs, 0);
            }
          else
            {
              render_block (ctx, child, FALSE);
              g_string_append_c (out, '\n');
            }
        }
      if (backrefs->len > 0)
        {
          g_string_append (out, backrefs->str);
          g_string_append_c (out, '\n');
        }
      g_string_append (out, "</li>\n");
    }
  g_string_append (out, "</ol>\n</section>");
}

/* --- blocks ------------------------------------------------------------------ */

static void
block_clear (gpointer data)
{
  BylineBlock *block = data;

  g_free (block->html);
}

static void
push_block (BylineRendered *self,
            Ctx            *ctx,
            guint           first,
            guint           last,
            guint           first_line)
{
  BylineBlock block;

  /* cmark counts the blank lines after a list (or an open fence) in */
  while (last > first && last <= ctx->lines->len)
    {
      const char *p = g_ptr_array_index (ctx->lines, last - 1);

      while (*p == ' ' || *p == '\t')
        p++;
      if (*p != '\n' && *p != '\0')
        break;
      last--;
    }

  block.html = g_strndup (ctx->out->str, ctx->out->len);
  block.first_line = first + first_line - 1;
  block.last_line = MAX (first, last) + first_line - 1;
  block.hash = hash_html (ctx->out->str, ctx->out->len);
  g_array_append_val (self->blocks, block);
  g_string_truncate (ctx->out, 0);
}

static gboolean
matches_toc_heading (const char *text)
{
  /* remark-toc's default: ^((table[ -]of[ -])?contents?|toc)$, ignoring case */
  g_autofree char *s = g_ascii_strdown (text, -1);
  const char *p = s;

  if (g_strcmp0 (s, "toc") == 0)
    return TRUE;
  if (g_str_has_prefix (p, "table") && (p[5] == ' ' || p[5] == '-') &&
      g_str_has_prefix (p + 6, "of") && (p[8] == ' ' || p[8] == '-'))
    p += 9;
  return g_strcmp0 (p, "contents") == 0 || g_strcmp0 (p, "content") == 0;
}

/* the nested list remark-toc builds (mdast-util-toc with tight: true) */
typedef struct _TocItem TocItem;
struct _TocItem
{
  cmark_node *heading;   /* NULL: an item only holding a deeper list */
  const char *slug;
  GPtrArray  *list;      /* (nullable) of TocItem: the nested list */
};

static void
toc_item_free (gpointer data)
{
  TocItem *item = data;

  g_clear_pointer (&item->list, g_ptr_array_unref);
  g_free (item);
}

static void
toc_insert (GPtrArray  *list,
            cmark_node *heading,
            const char *slug,
            int         depth)
{
  TocItem *tail;

  if (depth == 1)
    {
      TocItem *item = g_new0 (TocItem, 1);

      item->heading = heading;
      item->slug = slug;
      g_ptr_array_add (list, item);
      return;
    }
  if (list->len == 0)
    g_ptr_array_add (list, g_new0 (TocItem, 1));
  tail = g_ptr_array_index (list, list->len - 1);
  if (tail->list == NULL)
    tail->list = g_ptr_array_new_with_free_func (toc_item_free);
  toc_insert (tail->list, heading, slug, depth - 1);
}

static void
render_toc_list (Ctx       *ctx,
                 GPtrArray *list)
{
  GString *out = ctx->out;

  g_string_append (out, "<ul>\n");
  for (guint i = 0; i < list->len; i++)
    {
      TocItem *item = g_ptr_array_index (list, i);

      g_string_append (out, "<li>");
      if (item->heading != NULL)
        {
          g_autofree char *url = g_strconcat ("#", item->slug, NULL);

          /* a link like any other: mdast-util-to-hast percent-encodes it */
          g_string_append (out, "<a href=\"");
          append_uri_attr (out, url);
          g_string_append (out, "\">");
          render_inlines (ctx, item->heading, INLINE_TOC);
          g_string_append (out, "</a>");
        }
      if (item->list != NULL)
        {
          g_string_append_c (out, '\n');
          render_toc_list (ctx, item->list);
          g_string_append_c (out, '\n');
        }
      g_string_append (out, "</li>\n");
    }
  g_string_append (out, "</ul>");
}

static void
render_toc (Ctx        *ctx,
            GPtrArray  *entries,
            GPtrArray  *slugs)
{
  g_autoptr(GPtrArray) root = g_ptr_array_new_with_free_func (toc_item_free);
  int min_depth = 7;

  for (guint i = 0; i < entries->len; i++)
    min_depth = MIN (min_depth, cmark_node_get_heading_level (g_ptr_array_index (entries, i)));
  for (guint i = 0; i < entries->len; i++)
    {
      cmark_node *heading = g_ptr_array_index (entries, i);

      toc_insert (root, heading, g_ptr_array_index (slugs, i),
                  cmark_node_get_heading_level (heading) - min_depth + 1);
    }
  render_toc_list (ctx, root);
}

static GOnce register_once = G_ONCE_INIT;

/* cmark-gfm keeps the table of special inline characters in a global array
 * that every parse with extensions writes to while it parses (see
 * github/cmark-gfm#176, still open): two parses at once drop each other's
 * `~`, `|`, `:`… So the parse itself is serialised; everything after it (our
 * passes and the HTML) runs in parallel. The only shared state in this file. */
static GMutex parse_lock;

static gpointer
register_extensions (gpointer data)
{
  cmark_gfm_core_extensions_ensure_registered ();
  return NULL;
}

static void
index_lines (Ctx        *ctx,
             const char *text)
{
  const char *p = text;

  g_ptr_array_add (ctx->lines, (gpointer) p);
  while ((p = strchr (p, '\n')) != NULL)
    {
      p++;
      g_ptr_array_add (ctx->lines, (gpointer) p);
    }
}

/**
 * byline_markdown_render:
 * @body: the post's body (no frontmatter), UTF-8
 * @len: length of @body in bytes, or -1 (as gsize) when NUL-terminated
 * @options: (nullable): where the post lives and where its body starts
 *
 * Renders @body into top-level blocks the way Astro's pipeline renders it.
 * Safe to call from any thread.
 *
 * Returns: (transfer full): the rendered blocks
 */
BylineRendered *
byline_markdown_render (const char                *body,
                        gsize                      len,
                        const BylineRenderOptions *options)
{
  static const char *extensions[] = { "table", "strikethrough", "autolink", "tasklist" };
  BylineRendered *self;
  GString *text;
  cmark_parser *parser;
  cmark_node *doc;
  Ctx ctx = { 0, };
  guint first_line;
  g_autoptr(GPtrArray) top = g_ptr_array_new ();
  g_autoptr(GPtrArray) defs = g_ptr_array_new ();
  g_autoptr(GPtrArray) toc_entries = g_ptr_array_new ();
  g_autoptr(GPtrArray) toc_slugs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(BylineSlugger) toc_slugger = byline_slugger_new ();
  g_autoptr(BylineSlugger) id_slugger = byline_slugger_new ();
  gint toc_index = -1, toc_end = -1;
  gint collapse_index = -1, collapse_end = -1;
  gboolean toc_replaces = FALSE;
  g_autoptr(GPtrArray) headings = g_ptr_array_new ();
  g_autoptr(GPtrArray) autolinks = g_ptr_array_new ();

  g_return_val_if_fail (body != NULL || len == 0, NULL);

  if (len == (gsize) -1)
    len = strlen (body);
  first_line = options != NULL && options->first_line > 0 ? options->first_line : 1;

  g_once (&register_once, register_extensions, NULL);

  /* one kind of line ending: micromark treats CR and CRLF as LF too */
  text = g_string_sized_new (len);
  for (gsize i = 0; i < len; i++)
    {
      if (body[i] == '\r')
        {
          g_string_append_c (text, '\n');
          if (i + 1 < len && body[i + 1] == '\n')
            i++;
        }
      else if (body[i] == '\0')
        g_string_append (text, "\xEF\xBF\xBD");
      else
        g_string_append_c (text, body[i]);
    }
  if (!g_utf8_validate (text->str, text->len, NULL))
    {
      char *valid = g_utf8_make_valid (text->str, text->len);

      g_string_assign (text, valid);
      g_free (valid);
    }

  g_mutex_lock (&parse_lock);
  parser = cmark_parser_new (CMARK_OPT_FOOTNOTES | CMARK_OPT_UNSAFE);
  for (gsize i = 0; i < G_N_ELEMENTS (extensions); i++)
    {
      cmark_syntax_extension *ext = cmark_find_syntax_extension (extensions[i]);

      if (ext != NULL)
        cmark_parser_attach_syntax_extension (parser, ext);
    }
  cmark_parser_feed (parser, text->str, text->len);
  doc = cmark_parser_finish (parser);
  cmark_parser_free (parser);
  g_mutex_unlock (&parse_lock);
  cmark_consolidate_text_nodes (doc);

  smartypants (doc, text->len, headings, autolinks);
  for (guint i = 0; i < autolinks->len; i++)
    split_protocol_autolink (g_ptr_array_index (autolinks, i));

  ctx.out = g_string_new (NULL);
  ctx.src = text->str;
  ctx.lines = g_ptr_array_new ();
  ctx.heading_ids = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  ctx.fn_labels = g_ptr_array_new_with_free_func (g_free);
  ctx.fn_counts = g_array_new (FALSE, TRUE, sizeof (guint));
  ctx.post_dir = options != NULL ? options->post_dir : NULL;
  ctx.site_src_option = options != NULL ? options->site_src_dir : NULL;
  index_lines (&ctx, text->str);

  for (cmark_node *node = cmark_node_first_child (doc); node; node = cmark_node_next (node))
    {
      if (is_footnote_def (node))
        g_ptr_array_add (defs, node);
      else
        {
          /* the index in @top, for the lookups below */
          g_ptr_array_add (top, node);
          cmark_node_set_user_data (node, GUINT_TO_POINTER (top->len));
        }
    }
  for (guint i = 0; i < defs->len; i++)
    {
      guint zero = 0;

      g_ptr_array_add (ctx.fn_labels, footnote_safe_id (&ctx, g_ptr_array_index (defs, i)));
      g_array_append_val (ctx.fn_counts, zero);
    }

  /* remark-toc: the first top-level heading named like a table of contents */
  for (guint h = 0; h < headings->len; h++)
    {
      cmark_node *node = g_ptr_array_index (headings, h);
      g_autofree char *value = NULL;
      g_autofree char *slug = NULL;
      gint index;

      value = plain_text (node, TEXT_TOC);
      slug = byline_slugger_slug (toc_slugger, value);
      if (cmark_node_parent (node) != doc)
        continue;
      index = GPOINTER_TO_INT (cmark_node_get_user_data (node)) - 1;
      if (index < 0)
        continue;
      if (toc_index < 0 && matches_toc_heading (value))
        {
          toc_index = index;
          continue;
        }
      if (toc_index >= 0 && toc_end < 0 &&
          cmark_node_get_heading_level (node) <=
          cmark_node_get_heading_level (g_ptr_array_index (top, toc_index)))
        toc_end = index;
      if (toc_end >= 0)
        {
          g_ptr_array_add (toc_entries, node);
          g_ptr_array_add (toc_slugs, g_steal_pointer (&slug));
        }
    }
  if (toc_index >= 0 && toc_end < 0)
    toc_end = (gint) top->len;
  toc_replaces = toc_index >= 0 && toc_entries->len > 0;

  /* remark-collapse (test "Table of contents"): after remark-toc ran */
  for (guint i = 0; i < top->len; i++)
    {
      cmark_node *node = g_ptr_array_index (top, i);

      if (cmark_node_get_type (node) != CMARK_NODE_HEADING)
        continue;
      if (toc_replaces && (gint) i > toc_index && (gint) i < toc_end)
        continue;   /* removed by remark-toc */
      if (collapse_index >= 0 &&
          cmark_node_get_heading_level (node) <=
          cmark_node_get_heading_level (g_ptr_array_index (top, collapse_index)))
        {
          collapse_end = (gint) i;
          break;
        }
      if (collapse_index < 0)
        {
          g_autofree char *value = plain_text (node, TEXT_COLLAPSE);

          if (g_ascii_strcasecmp (value, "Table of contents") == 0)
            collapse_index = (gint) i;
        }
    }
  if (collapse_index >= 0 && collapse_end < 0)
    collapse_end = (gint) top->len;

  /* rehypeHeadingIds: every Markdown heading still in the tree */
  for (guint h = 0; h < headings->len; h++)
    {
      cmark_node *node = g_ptr_array_index (headings, h);
      cmark_node *top_node = node;
      g_autofree char *value = NULL;
      char *slug;
      gsize slug_len;

      while (cmark_node_parent (top_node) != doc)
        top_node = cmark_node_parent (top_node);
      if (toc_replaces)
        {
          gint index = GPOINTER_TO_INT (cmark_node_get_user_data (top_node)) - 1;

          if (index > toc_index && index < toc_end)
            continue;   /* removed by remark-toc */
        }
      value = plain_text (node, TEXT_ASTRO_ID);
      slug = byline_slugger_slug (id_slugger, value);
      slug_len = strlen (slug);
      if (slug_len > 0 && slug[slug_len - 1] == '-')
        slug[slug_len - 1] = '\0';
      g_hash_table_insert (ctx.heading_ids, node, slug);
    }

  self = g_new0 (BylineRendered, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->blocks = g_array_new (FALSE, FALSE, sizeof (BylineBlock));
  g_array_set_clear_func (self->blocks, block_clear);

  for (guint i = 0; i < top->len; i++)
    {
      cmark_node *node = g_ptr_array_index (top, i);
      guint first = (guint) cmark_node_get_start_line (node);
      guint last = (guint) cmark_node_get_end_line (node);

      if ((gint) i == collapse_index + 1 && collapse_index >= 0 && (gint) i < collapse_end)
        {
          /* the collapsed section as one block, in the DOM rehype-raw makes
           * of remark-collapse's paragraphs around <details> */
          gint end = collapse_end;
          guint section_last = last;

          g_string_append (ctx.out, "<p></p><details><summary>Open ");
          {
            g_autofree char *summary = plain_text (g_ptr_array_index (top, collapse_index),
                                                   TEXT_COLLAPSE);
            escape_text (ctx.out, summary, -1);
          }
          g_string_append (ctx.out, "</summary><p></p>\n");
          for (gint k = (gint) i; k < end; k++)
            {
              cmark_node *child = g_ptr_array_index (top, k);

              section_last = MAX (section_last, (guint) cmark_node_get_end_line (child));
              if (toc_replaces && k > toc_index && k < toc_end)
                {
                  if (k == toc_index + 1)
                    {
                      render_toc (&ctx, toc_entries, toc_slugs);
                      g_string_append_c (ctx.out, '\n');
                    }
                  continue;
                }
              render_block (&ctx, child, FALSE);
              g_string_append_c (ctx.out, '\n');
            }
          g_string_append (ctx.out, "<p></p></details><p></p>");
          push_block (self, &ctx, first, section_last, first_line);
          i = (guint) MAX (end - 1, (gint) i);
          continue;
        }
      if ((gint) i == collapse_index && collapse_index + 1 == collapse_end)
        {
          /* a heading with an empty section still gets its <details> */
          render_block (&ctx, node, FALSE);
          g_string_append (ctx.out, "\n<p></p><details><summary>Open ");
          {
            g_autofree char *summary = plain_text (node, TEXT_COLLAPSE);
            escape_text (ctx.out, summary, -1);
          }
          g_string_append (ctx.out, "</summary><p></p>\n");
          if (toc_replaces && toc_index == collapse_index)
            {
              render_toc (&ctx, toc_entries, toc_slugs);
              g_string_append_c (ctx.out, '\n');
            }
          g_string_append (ctx.out, "<p></p></details><p></p>");
          push_block (self, &ctx, first, last, first_line);
          continue;
        }

      if (toc_replaces && (gint) i > toc_index && (gint) i < toc_end)
        {
          guint section_last = last;

          for (gint k = (gint) i; k < toc_end; k++)
            section_last = MAX (section_last,
                                (guint) cmark_node_get_end_line (g_ptr_array_index (top, k)));
          render_toc (&ctx, toc_entries, toc_slugs);
          push_block (self, &ctx, first, section_last, first_line);
          i = (guint) toc_end - 1;
          continue;
        }

      render_block (&ctx, node, FALSE);
      push_block (self, &ctx, first, last, first_line);
    }

  if (toc_replaces && toc_end == toc_index + 1 && collapse_index != toc_index)
    {
      /* remark-toc inserts its list even when the section was empty: it
       * belongs right after the heading, so rebuild that heading's block */
      BylineBlock *heading_block = NULL;
      guint heading_line = (guint) cmark_node_get_start_line (g_ptr_array_index (top, toc_index))
                           + first_line - 1;

      for (guint b = 0; b < self->blocks->len; b++)
        if (g_array_index (self->blocks, BylineBlock, b).first_line == heading_line)
          heading_block = &g_array_index (self->blocks, BylineBlock, b);
      if (heading_block != NULL)
        {
          g_string_append (ctx.out, heading_block->html);
          g_string_append_c (ctx.out, '\n');
          render_toc (&ctx, toc_entries, toc_slugs);
          g_free (heading_block->html);
          heading_block->html = g_strndup (ctx.out->str, ctx.out->len);
          heading_block->hash = hash_html (ctx.out->str, ctx.out->len);
          g_string_truncate (ctx.out, 0);
        }
    }

  if (defs->len > 0)
    {
      guint first = G_MAXUINT, last = 0;

      for (guint i = 0; i < defs->len; i++)
        {
          cmark_node *def = g_ptr_array_index (defs, i);

          first = MIN (first, (guint) cmark_node_get_start_line (def));
          last = MAX (last, (guint) cmark_node_get_end_line (def));
        }
      render_footnotes (&ctx, defs);
      push_block (self, &ctx, first, last, first_line);
    }

  cmark_node_free (doc);
  g_string_free (ctx.out, TRUE);
  g_ptr_array_unref (ctx.lines);
  g_hash_table_unref (ctx.heading_ids);
  g_ptr_array_unref (ctx.fn_labels);
  g_array_unref (ctx.fn_counts);
  g_free (ctx.site_src);
  g_string_free (text, TRUE);

  return self;
}

BylineRendered *
byline_rendered_ref (BylineRendered *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
byline_rendered_unref (BylineRendered *self)
{
  if (self == NULL)
    return;
  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_array_unref (self->blocks);
      g_free (self);
    }
}

guint
byline_rendered_get_n_blocks (BylineRendered *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->blocks->len;
}

const BylineBlock *
byline_rendered_get_block (BylineRendered *self,
                           guint           index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->blocks->len, NULL);
  return &g_array_index (self->blocks, BylineBlock, index);
}

/**
 * byline_rendered_to_html:
 *
 * The blocks joined by line breaks: the body HTML, no wrapper.
 *
 * Returns: (transfer full): the HTML
 */
char *
byline_rendered_to_html (BylineRendered *self)
{
  GString *out;

  g_return_val_if_fail (self != NULL, NULL);

  out = g_string_new (NULL);
  for (guint i = 0; i < self->blocks->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, '\n');
      g_string_append (out, g_array_index (self->blocks, BylineBlock, i).html);
    }
  return g_string_free (out, FALSE);
}
