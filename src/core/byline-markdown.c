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
#include "byline-markdown-private.h"
#include "byline-smartypants.h"
#include "byline-slug.h"

struct _BylineRendered
{
  gatomicrefcount  ref_count;
  GArray          *blocks;
};

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
  block.hash = _byline_markdown_hash_html (ctx->out->str, ctx->out->len);
  block.depth = ctx->max_depth;
  g_array_append_val (self->blocks, block);
  g_string_truncate (ctx->out, 0);
  ctx->max_depth = 0;
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

/* One kind of line ending (micromark treats CR and CRLF as LF too), no NUL,
 * valid UTF-8: the text cmark-gfm parses and the HTML quotes from. */
static GString *
normalize_body (const char *body,
                gsize       len)
{
  GString *text;

  /* most bodies need nothing done: copy them whole */
  if (memchr (body, '\r', len) == NULL && memchr (body, '\0', len) == NULL &&
      g_utf8_validate (body, len, NULL))
    return g_string_new_len (body, len);

  text = g_string_sized_new (len);
  for (const char *p = body, *end = body + len; p < end; )
    {
      const char *cr = memchr (p, '\r', end - p);
      const char *nul = memchr (p, '\0', (cr != NULL ? cr : end) - p);
      const char *stop = nul != NULL ? nul : cr != NULL ? cr : end;

      g_string_append_len (text, p, stop - p);
      if (stop == end)
        break;
      if (*stop == '\r')
        {
          g_string_append_c (text, '\n');
          p = stop + 1 < end && stop[1] == '\n' ? stop + 2 : stop + 1;
        }
      else
        {
          g_string_append (text, "\xEF\xBF\xBD");
          p = stop + 1;
        }
    }
  if (!g_utf8_validate (text->str, text->len, NULL))
    {
      char *valid = g_utf8_make_valid (text->str, text->len);

      g_string_assign (text, valid);
      g_free (valid);
    }
  return text;
}

/* cmark-gfm 0.29 makes the text of a footnote reference that matches no
 * definition, and whose label spans lines, from a byte count that can end
 * inside a UTF-8 sequence. Everything after the parse reads literals as
 * valid UTF-8 (g_utf8_to_ucs4_fast () would read past the end of such a
 * string), so make every literal valid once, here. */
static void
repair_literals (cmark_node *doc)
{
  cmark_iter *iter = cmark_iter_new (doc);
  cmark_event_type ev;

  while ((ev = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);
      const char *literal;

      if (ev != CMARK_EVENT_ENTER)
        continue;
      literal = cmark_node_get_literal (node);
      if (literal != NULL && !g_utf8_validate (literal, -1, NULL))
        {
          g_autofree char *valid = g_utf8_make_valid (literal, -1);

          cmark_node_set_literal (node, valid);
        }
    }
  cmark_iter_free (iter);
}

static cmark_node *
parse_body (const GString *text)
{
  static const char *extensions[] = { "table", "strikethrough", "autolink", "tasklist" };
  cmark_parser *parser;
  cmark_node *doc;

  g_once (&register_once, register_extensions, NULL);

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
  repair_literals (doc);
  return doc;
}

typedef struct
{
  guint first;
  guint last;
} Lines;

/* What the remark plugins decide about the tree, before any HTML is written:
 * which top-level blocks there are, where remark-toc's and remark-collapse's
 * sections lie. Indexes are into @top; -1 when there is no such section. */
typedef struct
{
  cmark_node *doc;
  GPtrArray  *top;           /* top-level blocks but footnote definitions */
  GPtrArray  *defs;          /* footnote definitions */
  GPtrArray  *headings;      /* every heading, document order */
  GPtrArray  *autolinks;     /* links the autolink extension made */
  GPtrArray  *toc_entries;   /* headings remark-toc lists */
  GPtrArray  *toc_slugs;     /* their slugs */
  gint        toc_index;     /* the "Table of contents" heading */
  gint        toc_end;       /* the first block after its section */
  gboolean    toc_replaces;  /* remark-toc replaces the section with its list */
  gint        collapse_index;
  gint        collapse_end;
  GArray     *lines;         /* of Lines: each top-level block's body lines */
  guint       first_line;    /* file line of the body's first line */
} Tree;

static void
tree_clear (Tree *tree)
{
  g_clear_pointer (&tree->doc, cmark_node_free);
  g_clear_pointer (&tree->top, g_ptr_array_unref);
  g_clear_pointer (&tree->defs, g_ptr_array_unref);
  g_clear_pointer (&tree->headings, g_ptr_array_unref);
  g_clear_pointer (&tree->autolinks, g_ptr_array_unref);
  g_clear_pointer (&tree->toc_entries, g_ptr_array_unref);
  g_clear_pointer (&tree->toc_slugs, g_ptr_array_unref);
  g_clear_pointer (&tree->lines, g_array_unref);
}

static guint
tree_first_line (const Tree *tree,
                 guint       index)
{
  return g_array_index (tree->lines, Lines, index).first;
}

static guint
tree_last_line (const Tree *tree,
                guint       index)
{
  return g_array_index (tree->lines, Lines, index).last;
}

/* cmark-gfm 0.29's table extension turns a paragraph whose last two lines
 * are a header and a delimiter row into a paragraph and a table, and
 * positions them wrongly: the paragraph at line 0, the table (and its
 * header row) at the paragraph's first line. Only the table's last line
 * and its body rows are right; each row is one line, so the header sits
 * two lines above the first body row, or one above the table's end. */
static void
fix_table_lines (Tree *tree,
                 guint index)
{
  cmark_node *table = g_ptr_array_index (tree->top, index);
  Lines *lines = &g_array_index (tree->lines, Lines, index);
  cmark_node *header = cmark_node_first_child (table);
  cmark_node *row = header != NULL ? cmark_node_next (header) : NULL;
  guint header_line = row != NULL ? (guint) cmark_node_get_start_line (row) - 2 : lines->last - 1;

  if (header_line <= lines->first || header_line > lines->last)
    return;
  if (index > 0)
    {
      cmark_node *before = g_ptr_array_index (tree->top, index - 1);
      Lines *para = &g_array_index (tree->lines, Lines, index - 1);

      if (cmark_node_get_type (before) == CMARK_NODE_PARAGRAPH &&
          cmark_node_get_start_line (before) == 0)
        {
          para->first = lines->first;
          para->last = header_line - 1;
        }
    }
  lines->first = header_line;
}

static void
collect_lines (Tree *tree)
{
  tree->lines = g_array_sized_new (FALSE, FALSE, sizeof (Lines), tree->top->len);
  for (guint i = 0; i < tree->top->len; i++)
    {
      cmark_node *node = g_ptr_array_index (tree->top, i);
      Lines lines = { (guint) cmark_node_get_start_line (node),
                      (guint) cmark_node_get_end_line (node) };

      g_array_append_val (tree->lines, lines);
    }
  for (guint i = 0; i < tree->top->len; i++)
    if (_byline_markdown_node_is (g_ptr_array_index (tree->top, i), "table"))
      fix_table_lines (tree, i);
  /* anything else cmark could not place follows the block before it */
  for (guint i = 0; i < tree->top->len; i++)
    {
      Lines *lines = &g_array_index (tree->lines, Lines, i);

      if (lines->first == 0)
        {
          lines->first = i > 0 ? tree_last_line (tree, i - 1) + 1 : 1;
          lines->last = MAX (lines->last, lines->first);
        }
    }
  /* cmark-gfm ends a setext heading on the line after its underline: when a
   * block starts right there the two overlapped. A block ends before the
   * next one starts. */
  for (guint i = 0; i + 1 < tree->top->len; i++)
    {
      Lines *lines = &g_array_index (tree->lines, Lines, i);
      guint next = tree_first_line (tree, i + 1);

      if (lines->last >= next && next > lines->first)
        lines->last = next - 1;
    }
}

static gboolean
tree_in_toc_section (const Tree *tree,
                     gint        index)
{
  return tree->toc_replaces && index > tree->toc_index && index < tree->toc_end;
}

static void
collect_top_level (Tree *tree,
                   Ctx  *ctx)
{
  for (cmark_node *node = cmark_node_first_child (tree->doc); node; node = cmark_node_next (node))
    {
      if (_byline_markdown_is_footnote_def (node))
        g_ptr_array_add (tree->defs, node);
      else
        {
          /* the index in @top, for the lookups below */
          g_ptr_array_add (tree->top, node);
          cmark_node_set_user_data (node, GUINT_TO_POINTER (tree->top->len));
        }
    }
  collect_lines (tree);
  for (guint i = 0; i < tree->defs->len; i++)
    {
      guint zero = 0;

      g_ptr_array_add (ctx->fn_labels,
                       _byline_markdown_footnote_safe_id (ctx, g_ptr_array_index (tree->defs, i)));
      g_array_append_val (ctx->fn_counts, zero);
    }
}

/* remark-toc: the first top-level heading named like a table of contents */
static void
find_toc (Tree *tree)
{
  g_autoptr(BylineSlugger) toc_slugger = byline_slugger_new ();

  for (guint h = 0; h < tree->headings->len; h++)
    {
      cmark_node *node = g_ptr_array_index (tree->headings, h);
      g_autofree char *value = NULL;
      g_autofree char *slug = NULL;
      gint index;

      value = _byline_markdown_plain_text (node, TEXT_TOC);
      slug = byline_slugger_slug (toc_slugger, value);
      if (cmark_node_parent (node) != tree->doc)
        continue;
      index = GPOINTER_TO_INT (cmark_node_get_user_data (node)) - 1;
      if (index < 0)
        continue;
      if (tree->toc_index < 0 && matches_toc_heading (value))
        {
          tree->toc_index = index;
          continue;
        }
      if (tree->toc_index >= 0 && tree->toc_end < 0 &&
          cmark_node_get_heading_level (node) <=
          cmark_node_get_heading_level (g_ptr_array_index (tree->top, tree->toc_index)))
        tree->toc_end = index;
      if (tree->toc_end >= 0)
        {
          g_ptr_array_add (tree->toc_entries, node);
          g_ptr_array_add (tree->toc_slugs, g_steal_pointer (&slug));
        }
    }
  if (tree->toc_index >= 0 && tree->toc_end < 0)
    tree->toc_end = (gint) tree->top->len;
  tree->toc_replaces = tree->toc_index >= 0 && tree->toc_entries->len > 0;
}

/* remark-collapse (test "Table of contents"): after remark-toc ran */
static void
find_collapse (Tree *tree)
{
  for (guint i = 0; i < tree->top->len; i++)
    {
      cmark_node *node = g_ptr_array_index (tree->top, i);

      if (cmark_node_get_type (node) != CMARK_NODE_HEADING)
        continue;
      if (tree_in_toc_section (tree, (gint) i))
        continue;   /* removed by remark-toc */
      if (tree->collapse_index >= 0 &&
          cmark_node_get_heading_level (node) <=
          cmark_node_get_heading_level (g_ptr_array_index (tree->top, tree->collapse_index)))
        {
          tree->collapse_end = (gint) i;
          break;
        }
      if (tree->collapse_index < 0)
        {
          g_autofree char *value = _byline_markdown_plain_text (node, TEXT_COLLAPSE);

          if (g_ascii_strcasecmp (value, "Table of contents") == 0)
            tree->collapse_index = (gint) i;
        }
    }
  if (tree->collapse_index >= 0 && tree->collapse_end < 0)
    tree->collapse_end = (gint) tree->top->len;
}

/* rehypeHeadingIds: every Markdown heading still in the tree */
static void
assign_heading_ids (Tree *tree,
                    Ctx  *ctx)
{
  g_autoptr(BylineSlugger) id_slugger = byline_slugger_new ();

  for (guint h = 0; h < tree->headings->len; h++)
    {
      cmark_node *node = g_ptr_array_index (tree->headings, h);
      cmark_node *top_node = node;
      g_autofree char *value = NULL;
      char *slug;
      gsize slug_len;

      while (cmark_node_parent (top_node) != tree->doc)
        top_node = cmark_node_parent (top_node);
      if (tree->toc_replaces)
        {
          gint index = GPOINTER_TO_INT (cmark_node_get_user_data (top_node)) - 1;

          if (index > tree->toc_index && index < tree->toc_end)
            continue;   /* removed by remark-toc */
        }
      value = _byline_markdown_plain_text (node, TEXT_ASTRO_ID);
      slug = byline_slugger_slug (id_slugger, value);
      slug_len = strlen (slug);
      if (slug_len > 0 && slug[slug_len - 1] == '-')
        slug[slug_len - 1] = '\0';
      g_hash_table_insert (ctx->heading_ids, node, slug);
    }
}

static void
append_collapse_summary (Ctx        *ctx,
                         cmark_node *heading)
{
  g_autofree char *summary = _byline_markdown_plain_text (heading, TEXT_COLLAPSE);

  g_string_append (ctx->out, "<p></p><details><summary>Open ");
  _byline_markdown_escape_text (ctx->out, summary, -1);
  g_string_append (ctx->out, "</summary><p></p>\n");
}

/* The collapsed section (from top-level block @i to collapse_end) as one
 * block, in the DOM rehype-raw makes of remark-collapse's paragraphs around
 * <details>. Returns the index of the section's last block. */
static guint
render_collapsed_section (BylineRendered *self,
                          Ctx            *ctx,
                          const Tree     *tree,
                          guint           i)
{
  guint first = tree_first_line (tree, i);
  guint section_last = tree_last_line (tree, i);
  gint end = tree->collapse_end;

  append_collapse_summary (ctx, g_ptr_array_index (tree->top, tree->collapse_index));
  for (gint k = (gint) i; k < end; k++)
    {
      cmark_node *child = g_ptr_array_index (tree->top, k);

      section_last = MAX (section_last, tree_last_line (tree, (guint) k));
      if (tree_in_toc_section (tree, k))
        {
          if (k == tree->toc_index + 1)
            {
              _byline_markdown_render_toc (ctx, tree->toc_entries, tree->toc_slugs);
              g_string_append_c (ctx->out, '\n');
            }
          continue;
        }
      _byline_markdown_render_block (ctx, child, FALSE);
      g_string_append_c (ctx->out, '\n');
    }
  g_string_append (ctx->out, "<p></p></details><p></p>");
  push_block (self, ctx, first, section_last, tree->first_line);
  return (guint) MAX (end - 1, (gint) i);
}

/* a collapse heading with an empty section still gets its <details> */
static void
render_empty_collapse (BylineRendered *self,
                       Ctx            *ctx,
                       const Tree     *tree,
                       guint           i)
{
  cmark_node *node = g_ptr_array_index (tree->top, i);

  _byline_markdown_render_block (ctx, node, FALSE);
  g_string_append_c (ctx->out, '\n');
  append_collapse_summary (ctx, node);
  if (tree->toc_replaces && tree->toc_index == tree->collapse_index)
    {
      _byline_markdown_render_toc (ctx, tree->toc_entries, tree->toc_slugs);
      g_string_append_c (ctx->out, '\n');
    }
  g_string_append (ctx->out, "<p></p></details><p></p>");
  push_block (self, ctx, tree_first_line (tree, i), tree_last_line (tree, i), tree->first_line);
}

/* remark-toc's list in place of the section's blocks, as one block. Returns
 * the index of the section's last block. */
static guint
render_toc_section (BylineRendered *self,
                    Ctx            *ctx,
                    const Tree     *tree,
                    guint           i)
{
  guint section_last = tree_last_line (tree, i);

  for (gint k = (gint) i; k < tree->toc_end; k++)
    section_last = MAX (section_last, tree_last_line (tree, (guint) k));
  _byline_markdown_render_toc (ctx, tree->toc_entries, tree->toc_slugs);
  push_block (self, ctx, tree_first_line (tree, i), section_last, tree->first_line);
  return (guint) tree->toc_end - 1;
}

/* remark-toc inserts its list even when the section was empty: it belongs
 * right after the heading, so rebuild that heading's block */
static void
append_toc_to_heading (BylineRendered *self,
                       Ctx            *ctx,
                       const Tree     *tree)
{
  BylineBlock *heading_block = NULL;
  guint heading_line = tree_first_line (tree, (guint) tree->toc_index) + tree->first_line - 1;

  for (guint b = 0; b < self->blocks->len; b++)
    if (g_array_index (self->blocks, BylineBlock, b).first_line == heading_line)
      heading_block = &g_array_index (self->blocks, BylineBlock, b);
  if (heading_block == NULL)
    return;
  g_string_append (ctx->out, heading_block->html);
  g_string_append_c (ctx->out, '\n');
  _byline_markdown_render_toc (ctx, tree->toc_entries, tree->toc_slugs);
  g_free (heading_block->html);
  heading_block->html = g_strndup (ctx->out->str, ctx->out->len);
  heading_block->hash = _byline_markdown_hash_html (ctx->out->str, ctx->out->len);
  heading_block->depth = MAX (heading_block->depth, ctx->max_depth);
  g_string_truncate (ctx->out, 0);
  ctx->max_depth = 0;
}

/* the footnotes section, last, spanning every definition's lines */
static void
render_footnote_block (BylineRendered *self,
                       Ctx            *ctx,
                       const Tree     *tree)
{
  guint first = G_MAXUINT, last = 0;

  for (guint i = 0; i < tree->defs->len; i++)
    {
      cmark_node *def = g_ptr_array_index (tree->defs, i);

      first = MIN (first, (guint) cmark_node_get_start_line (def));
      last = MAX (last, (guint) cmark_node_get_end_line (def));
    }
  _byline_markdown_render_footnotes (ctx, tree->defs);
  push_block (self, ctx, first, last, tree->first_line);
}

static void
render_blocks (BylineRendered *self,
               Ctx            *ctx,
               const Tree     *tree)
{
  for (guint i = 0; i < tree->top->len; i++)
    {
      cmark_node *node = g_ptr_array_index (tree->top, i);

      if (tree->collapse_index >= 0 && (gint) i == tree->collapse_index + 1 &&
          (gint) i < tree->collapse_end)
        i = render_collapsed_section (self, ctx, tree, i);
      else if ((gint) i == tree->collapse_index &&
               tree->collapse_index + 1 == tree->collapse_end)
        render_empty_collapse (self, ctx, tree, i);
      else if (tree_in_toc_section (tree, (gint) i))
        i = render_toc_section (self, ctx, tree, i);
      else
        {
          _byline_markdown_render_block (ctx, node, FALSE);
          push_block (self, ctx, tree_first_line (tree, i), tree_last_line (tree, i),
                      tree->first_line);
        }
    }

  if (tree->toc_replaces && tree->toc_end == tree->toc_index + 1 &&
      tree->collapse_index != tree->toc_index)
    append_toc_to_heading (self, ctx, tree);

  if (tree->defs->len > 0)
    render_footnote_block (self, ctx, tree);
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
  BylineRendered *self;
  GString *text;
  Ctx ctx = { 0, };
  Tree tree = { 0, };

  g_return_val_if_fail (body != NULL || len == 0, NULL);

  if (len == (gsize) -1)
    len = strlen (body);

  text = normalize_body (body, len);

  tree.first_line = options != NULL && options->first_line > 0 ? options->first_line : 1;
  tree.doc = parse_body (text);
  tree.top = g_ptr_array_new ();
  tree.defs = g_ptr_array_new ();
  tree.headings = g_ptr_array_new ();
  tree.autolinks = g_ptr_array_new ();
  tree.toc_entries = g_ptr_array_new ();
  tree.toc_slugs = g_ptr_array_new_with_free_func (g_free);
  tree.toc_index = tree.toc_end = -1;
  tree.collapse_index = tree.collapse_end = -1;

  _byline_smartypants_educate (tree.doc, text->len, tree.headings, tree.autolinks);
  for (guint i = 0; i < tree.autolinks->len; i++)
    split_protocol_autolink (g_ptr_array_index (tree.autolinks, i));

  ctx.out = g_string_new (NULL);
  ctx.src = text->str;
  ctx.lines = g_ptr_array_new ();
  ctx.heading_ids = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  ctx.fn_labels = g_ptr_array_new_with_free_func (g_free);
  ctx.fn_counts = g_array_new (FALSE, TRUE, sizeof (guint));
  ctx.post_dir = options != NULL ? options->post_dir : NULL;
  ctx.site_src_option = options != NULL ? options->site_src_dir : NULL;
  index_lines (&ctx, text->str);

  collect_top_level (&tree, &ctx);
  find_toc (&tree);
  find_collapse (&tree);
  assign_heading_ids (&tree, &ctx);

  self = g_new0 (BylineRendered, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->blocks = g_array_new (FALSE, FALSE, sizeof (BylineBlock));
  g_array_set_clear_func (self->blocks, block_clear);

  render_blocks (self, &ctx, &tree);

  tree_clear (&tree);
  g_string_free (ctx.out, TRUE);
  g_ptr_array_unref (ctx.lines);
  g_hash_table_unref (ctx.heading_ids);
  g_ptr_array_unref (ctx.fn_labels);
  g_array_unref (ctx.fn_counts);
  g_free (ctx.site_src);
  g_string_free (text, TRUE);

  return self;
}

/**
 * byline_markdown_analyze:
 * @body: the body of a post
 * @len: its length in bytes, or -1 if nul-terminated
 * @first_line: the file line of the body's first line
 *
 * Reads @body as byline_markdown_render() does, without writing HTML: its
 * headings with the ids the render gives them, and its words. Safe to call
 * from any thread.
 *
 * Returns: (transfer full): what the writing tools show of @body
 */
BylineAnalysis *
byline_markdown_analyze (const char *body,
                         gsize       len,
                         guint       first_line)
{
  BylineAnalysis *analysis;
  GString *text;
  GArray *headings;
  Ctx ctx = { 0, };
  Tree tree = { 0, };

  g_return_val_if_fail (body != NULL || len == 0, NULL);

  if (len == (gsize) -1)
    len = strlen (body);

  text = normalize_body (body, len);

  tree.first_line = first_line > 0 ? first_line : 1;
  tree.doc = parse_body (text);
  tree.top = g_ptr_array_new ();
  tree.defs = g_ptr_array_new ();
  tree.headings = g_ptr_array_new ();
  tree.autolinks = g_ptr_array_new ();
  tree.toc_entries = g_ptr_array_new ();
  tree.toc_slugs = g_ptr_array_new_with_free_func (g_free);
  tree.toc_index = tree.toc_end = -1;
  tree.collapse_index = tree.collapse_end = -1;

  _byline_smartypants_educate (tree.doc, text->len, tree.headings, tree.autolinks);

  ctx.src = text->str;
  ctx.lines = g_ptr_array_new ();
  ctx.heading_ids = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  ctx.fn_labels = g_ptr_array_new_with_free_func (g_free);
  ctx.fn_counts = g_array_new (FALSE, TRUE, sizeof (guint));
  index_lines (&ctx, text->str);

  collect_top_level (&tree, &ctx);
  find_toc (&tree);
  assign_heading_ids (&tree, &ctx);

  /* the headings the page has: those remark-toc removed have no id */
  headings = g_array_new (FALSE, TRUE, sizeof (BylineHeading));
  for (guint h = 0; h < tree.headings->len; h++)
    {
      cmark_node *node = g_ptr_array_index (tree.headings, h);
      const char *id = g_hash_table_lookup (ctx.heading_ids, node);
      BylineHeading heading;

      if (id == NULL || cmark_node_get_start_line (node) <= 0)
        continue;
      heading.level = (guint) cmark_node_get_heading_level (node);
      heading.line = (guint) cmark_node_get_start_line (node) + tree.first_line - 1;
      heading.text = _byline_markdown_plain_text (node, TEXT_TOC);
      heading.id = g_strdup (id);
      g_array_append_val (headings, heading);
    }
  analysis = _byline_analysis_new (tree.doc, headings);

  tree_clear (&tree);
  g_ptr_array_unref (ctx.lines);
  g_hash_table_unref (ctx.heading_ids);
  g_ptr_array_unref (ctx.fn_labels);
  g_array_unref (ctx.fn_counts);
  g_free (ctx.site_src);
  g_string_free (text, TRUE);

  return analysis;
}

/* --- reading a body again after an edit -------------------------------------- */

/* Counts are additive over top-level blocks (no word spans two), so after
 * an edit only the blocks around it are read again: the changed ones and
 * one on each side, as a document of their own. That read stands for the
 * whole body's when
 *
 * - it starts at a block start the edit left alone (so the whole body's
 *   parse starts a fresh block there too), and ends with a block that
 *   starts where the old one did and is the same text (so the parse comes
 *   out of the window the way it went in: no fence, HTML block or list
 *   opened in it swallows what follows);
 * - nothing in it depends on the rest of the body: no link reference or
 *   footnote definition in it before or after (`]:`), no footnote
 *   reference (`[^`), and no bracket left as text, which a definition
 *   elsewhere might have made a link.
 *
 * Otherwise the whole body is read. Headings are kept per block, with the
 * texts their ids and remark-toc's decisions are made from, and the ids
 * are given again over all of them (they depend on each other), so the
 * outline is exactly the whole read's too. */

typedef struct
{
  guint  level;
  guint  line;        /* in the body, 1-based; 0 when cmark could not place it */
  gboolean top;       /* a child of the document itself */
  char  *toc_text;    /* TEXT_TOC: remark-toc's and the outline's text */
  char  *id_text;     /* TEXT_ASTRO_ID: what its id is made from */
} HeadingInfo;

typedef struct
{
  gsize            start;      /* byte offset in the normalised body */
  guint            line;       /* the body line at @start */
  int              type;       /* its block's cmark node type */
  BylineTextStats  stats;
  GArray          *headings;   /* of HeadingInfo, or NULL */
} Segment;

struct _BylineAnalyzeCache
{
  GString *text;        /* the normalised body the segments tile, or NULL */
  GArray  *segments;    /* of Segment */
  gsize    reparsed;    /* bytes the last update read */
};

static void
heading_info_clear (gpointer data)
{
  HeadingInfo *info = data;

  g_free (info->toc_text);
  g_free (info->id_text);
}

static void
segment_clear (gpointer data)
{
  Segment *segment = data;

  g_clear_pointer (&segment->headings, g_array_unref);
}

static GArray *
segments_new (void)
{
  GArray *segments = g_array_new (FALSE, TRUE, sizeof (Segment));

  g_array_set_clear_func (segments, segment_clear);
  return segments;
}

/* Parses @len bytes of @text (normalised) as a body, up to the passes the
 * analysis needs. */
static void
read_tree (const char *text,
           gsize       len,
           Tree       *tree,
           Ctx        *ctx,
           GString   **copy)
{
  *copy = g_string_new_len (text, len);
  tree->first_line = 1;
  tree->doc = parse_body (*copy);
  tree->top = g_ptr_array_new ();
  tree->defs = g_ptr_array_new ();
  tree->headings = g_ptr_array_new ();
  tree->autolinks = g_ptr_array_new ();
  tree->toc_entries = g_ptr_array_new ();
  tree->toc_slugs = g_ptr_array_new_with_free_func (g_free);
  tree->toc_index = tree->toc_end = -1;
  tree->collapse_index = tree->collapse_end = -1;

  _byline_smartypants_educate (tree->doc, (*copy)->len, tree->headings, tree->autolinks);

  ctx->src = (*copy)->str;
  ctx->lines = g_ptr_array_new ();
  ctx->heading_ids = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  ctx->fn_labels = g_ptr_array_new_with_free_func (g_free);
  ctx->fn_counts = g_array_new (FALSE, TRUE, sizeof (guint));
  index_lines (ctx, (*copy)->str);

  collect_top_level (tree, ctx);
}

static void
read_tree_clear (Tree     *tree,
                 Ctx      *ctx,
                 GString **copy)
{
  tree_clear (tree);
  g_clear_pointer (&ctx->lines, g_ptr_array_unref);
  g_clear_pointer (&ctx->heading_ids, g_hash_table_unref);
  g_clear_pointer (&ctx->fn_labels, g_ptr_array_unref);
  g_clear_pointer (&ctx->fn_counts, g_array_unref);
  g_clear_pointer (&ctx->site_src, g_free);
  if (*copy != NULL)
    g_string_free (g_steal_pointer (copy), TRUE);
}

static guint
top_index_of (const Tree *tree,
              cmark_node *node)
{
  while (cmark_node_parent (node) != tree->doc && cmark_node_parent (node) != NULL)
    node = cmark_node_parent (node);
  return GPOINTER_TO_UINT (cmark_node_get_user_data (node));   /* index + 1, 0 for a definition */
}

static gboolean
block_start_is_known (const Tree *tree,
                      guint       index)
{
  cmark_node *node = g_ptr_array_index (tree->top, index);

  return cmark_node_get_start_line (node) > 0 &&
         (guint) cmark_node_get_start_line (node) == tree_first_line (tree, index) &&
         !_byline_markdown_node_is (node, "table");
}

/* The segments of a read tree: one per top-level block (footnote
 * definitions count into the block they sit in), the first from byte 0.
 * Offsets and lines are moved by @offset and @line. FALSE when the tree
 * can't be cut so (blocks that start on one line, a heading in a footnote,
 * which cmark-gfm moves to the end). */
static gboolean
segments_from_tree (const Tree *tree,
                    const Ctx  *ctx,
                    gsize       offset,
                    guint       line,
                    GArray     *out)
{
  guint first = out->len;
  g_autofree guint *segment_of = NULL;   /* top-level block -> its segment */

  if (tree->top->len == 0)
    return FALSE;

  segment_of = g_new (guint, tree->top->len);
  for (guint i = 0; i < tree->top->len; i++)
    {
      cmark_node *node = g_ptr_array_index (tree->top, i);
      guint start_line = i == 0 ? 1 : tree_first_line (tree, i);
      Segment segment = { 0, };

      /* A block whose start cmark-gfm does not say for sure (a table, whose
       * header row it places by a guess; one it could not place at all) is
       * never cut at: it goes with the block before it. */
      if (i > 0 && !block_start_is_known (tree, i))
        {
          segment_of[i] = out->len - 1;
          _byline_text_stats_add_node (&g_array_index (out, Segment, out->len - 1).stats, node);
          continue;
        }
      if (start_line == 0 || start_line > ctx->lines->len)
        return FALSE;
      segment.start = (const char *) g_ptr_array_index (ctx->lines, start_line - 1) - ctx->src + offset;
      segment.line = start_line + line - 1;
      segment.type = (int) cmark_node_get_type (node);
      if (i > 0 && segment.line <= g_array_index (out, Segment, out->len - 1).line)
        return FALSE;
      _byline_text_stats_add_node (&segment.stats, node);
      segment_of[i] = out->len;
      g_array_append_val (out, segment);
    }

  for (guint i = 0; i < tree->defs->len; i++)
    {
      cmark_node *def = g_ptr_array_index (tree->defs, i);
      guint def_line = (guint) MAX (cmark_node_get_start_line (def), 1) + line - 1;
      guint k = first;

      while (k + 1 < out->len && g_array_index (out, Segment, k + 1).line <= def_line)
        k++;
      _byline_text_stats_add_node (&g_array_index (out, Segment, k).stats, def);
    }

  for (guint h = 0; h < tree->headings->len; h++)
    {
      cmark_node *node = g_ptr_array_index (tree->headings, h);
      guint index = top_index_of (tree, node);
      Segment *segment;
      HeadingInfo info;

      /* (remark-toc's choices count blocks: a heading's block must start
       * its segment for them to be made on segments) */
      if (index == 0 || (index > 1 && segment_of[index - 1] == segment_of[index - 2]))
        return FALSE;
      segment = &g_array_index (out, Segment, segment_of[index - 1]);
      if (segment->headings == NULL)
        {
          segment->headings = g_array_new (FALSE, TRUE, sizeof (HeadingInfo));
          g_array_set_clear_func (segment->headings, heading_info_clear);
        }
      info.level = (guint) cmark_node_get_heading_level (node);
      info.line = cmark_node_get_start_line (node) > 0 ? (guint) cmark_node_get_start_line (node) + line - 1 : 0;
      info.top = cmark_node_parent (node) == tree->doc;
      info.toc_text = _byline_markdown_plain_text (node, TEXT_TOC);
      info.id_text = _byline_markdown_plain_text (node, TEXT_ASTRO_ID);
      g_array_append_val (segment->headings, info);
    }
  return TRUE;
}

/* find_toc () and assign_heading_ids (), over the segments' headings */
static BylineAnalysis *
analysis_from_segments (GArray *segments,
                        guint   first_line)
{
  g_autoptr(BylineSlugger) id_slugger = byline_slugger_new ();
  BylineTextStats stats = { 0, };
  GArray *headings = g_array_new (FALSE, TRUE, sizeof (BylineHeading));
  gint toc_index = -1, toc_end = -1;
  guint toc_level = 0, toc_entries = 0;
  gboolean toc_replaces;

  for (guint i = 0; i < segments->len; i++)
    {
      Segment *segment = &g_array_index (segments, Segment, i);

      for (guint h = 0; segment->headings != NULL && h < segment->headings->len; h++)
        {
          HeadingInfo *info = &g_array_index (segment->headings, HeadingInfo, h);

          if (!info->top)
            continue;
          if (toc_index < 0 && matches_toc_heading (info->toc_text))
            {
              toc_index = (gint) i;
              toc_level = info->level;
              continue;
            }
          if (toc_index >= 0 && toc_end < 0 && info->level <= toc_level)
            toc_end = (gint) i;
          if (toc_end >= 0)
            toc_entries++;
        }
    }
  if (toc_index >= 0 && toc_end < 0)
    toc_end = (gint) segments->len;
  toc_replaces = toc_index >= 0 && toc_entries > 0;

  for (guint i = 0; i < segments->len; i++)
    {
      Segment *segment = &g_array_index (segments, Segment, i);

      _byline_text_stats_add (&stats, &segment->stats);
      if (toc_replaces && (gint) i > toc_index && (gint) i < toc_end)
        continue;   /* removed by remark-toc */
      for (guint h = 0; segment->headings != NULL && h < segment->headings->len; h++)
        {
          HeadingInfo *info = &g_array_index (segment->headings, HeadingInfo, h);
          g_autofree char *slug = byline_slugger_slug (id_slugger, info->id_text);
          gsize slug_len = strlen (slug);
          BylineHeading heading;

          if (slug_len > 0 && slug[slug_len - 1] == '-')
            slug[slug_len - 1] = '\0';
          if (info->line == 0)
            continue;
          heading.level = info->level;
          heading.line = info->line + first_line - 1;
          heading.text = g_strdup (info->toc_text);
          heading.id = g_steal_pointer (&slug);
          g_array_append_val (headings, heading);
        }
    }
  return _byline_analysis_new_with_stats (&stats, headings);
}

BylineAnalyzeCache *
byline_analyze_cache_new (void)
{
  return g_new0 (BylineAnalyzeCache, 1);
}

void
byline_analyze_cache_free (BylineAnalyzeCache *self)
{
  if (self == NULL)
    return;
  if (self->text != NULL)
    g_string_free (self->text, TRUE);
  g_clear_pointer (&self->segments, g_array_unref);
  g_free (self);
}

static gboolean
has_text_bracket (cmark_node *doc)
{
  cmark_iter *iter = cmark_iter_new (doc);
  cmark_event_type ev;
  gboolean found = FALSE;

  while (!found && (ev = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);

      if (ev == CMARK_EVENT_ENTER && cmark_node_get_type (node) == CMARK_NODE_TEXT)
        found = strpbrk (cmark_node_get_literal (node), "[]") != NULL;
    }
  cmark_iter_free (iter);
  return found;
}

static gboolean
window_is_global (const char *text,
                  gsize       len)
{
  return g_strstr_len (text, len, "]:") != NULL || g_strstr_len (text, len, "[^") != NULL;
}

static guint
count_lines (const char *text,
             gsize       len)
{
  guint n = 0;

  for (const char *p = text; (p = memchr (p, '\n', text + len - p)) != NULL; p++)
    n++;
  return n;
}

/* The segments of @text after an edit of the cached text, or NULL when the
 * edit's surroundings can't be read on their own */
static GArray *
update_segments (BylineAnalyzeCache *self,
                 const GString      *text)
{
  const GString *old = self->text;
  GArray *segs = self->segments;
  gsize min_len = MIN (old->len, text->len);
  gsize prefix = 0, suffix = 0, old_start, old_end, new_end;
  gssize delta = (gssize) text->len - (gssize) old->len;
  guint n = segs->len, c1 = 0, c2, a, b, lines_old, lines_new;
  g_autoptr(GArray) window = segments_new ();
  GArray *result;
  GString *copy = NULL;
  Tree tree = { 0, };
  Ctx ctx = { 0, };
  gboolean ok;

  /* (a page at a time first: this runs over a whole body per keystroke) */
  while (prefix + 4096 <= min_len && memcmp (old->str + prefix, text->str + prefix, 4096) == 0)
    prefix += 4096;
  while (prefix < min_len && old->str[prefix] == text->str[prefix])
    prefix++;
  while (suffix + 4096 <= min_len - prefix &&
         memcmp (old->str + old->len - suffix - 4096, text->str + text->len - suffix - 4096, 4096) == 0)
    suffix += 4096;
  while (suffix < min_len - prefix &&
         old->str[old->len - 1 - suffix] == text->str[text->len - 1 - suffix])
    suffix++;

  /* the segments the edit touches, and one on each side */
  while (c1 + 1 < n && g_array_index (segs, Segment, c1 + 1).start <= prefix)
    c1++;
  c2 = c1;
  while (c2 + 1 < n && g_array_index (segs, Segment, c2 + 1).start < old->len - suffix)
    c2++;
  /* A window that runs into the blocks after it (a blank line typed
   * away joins two paragraphs; a fence opened takes what follows) is
   * widened a few times before the whole body is read. */
  self->reparsed = 0;
  for (guint attempt = 0, extra = 0; ; attempt++, extra = extra * 4 + 3)
    {
      gboolean structure_ok;

      a = c1 > 1 + extra ? c1 - 1 - extra : 0;
      b = MIN (c2 + 1 + extra, n - 1);
      old_start = g_array_index (segs, Segment, a).start;
      old_end = b + 1 < n ? g_array_index (segs, Segment, b + 1).start : old->len;
      new_end = (gsize) ((gssize) old_end + delta);

      if (window_is_global (old->str + old_start, old_end - old_start) ||
          window_is_global (text->str + old_start, new_end - old_start))
        return NULL;
      /* cmark-gfm drops a byte order mark at the start of what it reads:
       * one that starts a block inside the body would go uncounted. */
      if (old_start > 0 && new_end - old_start >= 3 &&
          memcmp (text->str + old_start, "\xef\xbb\xbf", 3) == 0)
        return NULL;

      self->reparsed += new_end - old_start;
      g_array_set_size (window, 0);
      read_tree (text->str + old_start, new_end - old_start, &tree, &ctx, &copy);
      ok = tree.defs->len == 0 && !has_text_bracket (tree.doc);
      structure_ok = segments_from_tree (&tree, &ctx, old_start, g_array_index (segs, Segment, a).line, window) &&
                     (a == 0 || (block_start_is_known (&tree, 0) && tree_first_line (&tree, 0) == 1));
      /* ends with the old last block, where it was */
      if (structure_ok && b + 1 < n)
        {
          const Segment *last = &g_array_index (window, Segment, window->len - 1);
          const Segment *old_last = &g_array_index (segs, Segment, b);

          structure_ok = last->start == (gsize) ((gssize) old_last->start + delta) &&
                         last->type == old_last->type;
        }
      read_tree_clear (&tree, &ctx, &copy);
      memset (&tree, 0, sizeof tree);
      memset (&ctx, 0, sizeof ctx);
      if (!ok)
        return NULL;
      if (structure_ok)
        break;
      if (attempt == 3 || (a == 0 && b == n - 1))
        return NULL;
    }

  lines_old = count_lines (old->str + old_start, old_end - old_start);
  lines_new = count_lines (text->str + old_start, new_end - old_start);

  result = segments_new ();
  for (guint i = 0; i < a; i++)
    {
      Segment *s = &g_array_index (segs, Segment, i);

      g_array_append_val (result, *s);
      s->headings = NULL;   /* moved */
    }
  for (guint i = 0; i < window->len; i++)
    {
      Segment *s = &g_array_index (window, Segment, i);

      g_array_append_val (result, *s);
      s->headings = NULL;
    }
  for (guint i = b + 1; i < n; i++)
    {
      Segment *s = &g_array_index (segs, Segment, i);
      Segment moved = *s;

      moved.start = (gsize) ((gssize) s->start + delta);
      moved.line = s->line + lines_new - lines_old;
      for (guint h = 0; moved.headings != NULL && h < moved.headings->len; h++)
        {
          HeadingInfo *info = &g_array_index (moved.headings, HeadingInfo, h);

          if (info->line > 0)
            info->line = info->line + lines_new - lines_old;
        }
      g_array_append_val (result, moved);
      s->headings = NULL;
    }
  return result;
}

/**
 * byline_analyze_cache_update:
 * @self: the cache of the body's last read
 * @body: the body of a post, maybe an edit of the last one
 * @len: its length in bytes, or -1 if nul-terminated
 * @first_line: the file line of the body's first line
 *
 * What byline_markdown_analyze() returns for @body, reading again only
 * the blocks around what changed since the last call, when that is enough
 * (see above).
 *
 * Returns: (transfer full): what the writing tools show of @body
 */
BylineAnalysis *
byline_analyze_cache_update (BylineAnalyzeCache *self,
                             const char         *body,
                             gsize               len,
                             guint               first_line)
{
  GString *text;
  GArray *segments = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (body != NULL || len == 0, NULL);

  if (len == (gsize) -1)
    len = strlen (body);
  first_line = MAX (first_line, 1);
  text = normalize_body (body, len);

  if (self->text != NULL && self->segments != NULL && g_string_equal (self->text, text))
    {
      /* the same body (a frontmatter edit, a save): nothing to read */
      self->reparsed = 0;
      segments = g_steal_pointer (&self->segments);
    }
  else if (self->text != NULL && self->segments != NULL)
    segments = update_segments (self, text);

  if (segments == NULL)
    {
      GString *copy = NULL;
      Tree tree = { 0, };
      Ctx ctx = { 0, };

      self->reparsed = text->len;
      segments = segments_new ();
      read_tree (text->str, text->len, &tree, &ctx, &copy);
      if (!segments_from_tree (&tree, &ctx, 0, 1, segments))
        g_clear_pointer (&segments, g_array_unref);
      read_tree_clear (&tree, &ctx, &copy);
    }

  if (self->text != NULL)
    g_string_free (self->text, TRUE);
  g_clear_pointer (&self->segments, g_array_unref);

  if (segments == NULL)
    {
      /* not to be cut in blocks: read as a whole, every time */
      self->text = NULL;
      g_string_free (text, TRUE);
      return byline_markdown_analyze (body, len, first_line);
    }

  self->text = text;
  self->segments = segments;
  return analysis_from_segments (segments, first_line);
}

/**
 * byline_analyze_cache_get_reparsed:
 *
 * Returns: how many bytes of the body the last update read
 */
gsize
byline_analyze_cache_get_reparsed (BylineAnalyzeCache *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->reparsed;
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
