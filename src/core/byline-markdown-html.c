/* byline-markdown-html.c: the HTML of a parsed body, as Astro would emit it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cmark-gfm parses; the HTML is ours, written to build the same DOM as
 * mdast-util-to-hast, rehypeHeadingIds and rehype-raw build from the same
 * Markdown (see byline-markdown.c for the passes that run before this).
 */

#include "config.h"

#include <string.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include "byline-markdown.h"
#include "byline-markdown-private.h"
#include "byline-slug.h"

/* --- helpers --------------------------------------------------------------- */

gboolean
_byline_markdown_node_is (cmark_node *node,
                          const char *type_string)
{
  return g_strcmp0 (cmark_node_get_type_string (node), type_string) == 0;
}

gboolean
_byline_markdown_is_footnote_def (cmark_node *node)
{
  return cmark_node_get_type (node) == CMARK_NODE_FOOTNOTE_DEFINITION;
}

void
_byline_markdown_escape_text (GString    *out,
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

guint64
_byline_markdown_hash_html (const char *s,
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

/* --- plain text of a heading ------------------------------------------------ */

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

char *
_byline_markdown_plain_text (cmark_node  *node,
                             TextFlavour  flavour)
{
  GString *out = g_string_new (NULL);

  append_plain (out, node, flavour, NULL);
  return g_string_free (out, FALSE);
}


/* --- images ---------------------------------------------------------------- */

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

/* Every container rendered opens an element or two: count how deep they
 * go, for the page (see BylineBlock.depth). */
static inline void
depth_enter (Ctx *ctx)
{
  ctx->depth++;
  ctx->max_depth = MAX (ctx->max_depth, ctx->depth);
}

static inline void
depth_leave (Ctx *ctx)
{
  ctx->depth--;
}

static void
render_inlines (Ctx        *ctx,
                cmark_node *parent,
                InlineMode  mode)
{
  GString *out = ctx->out;

  depth_enter (ctx);
  for (cmark_node *node = cmark_node_first_child (parent); node; node = cmark_node_next (node))
    {
      switch ((int) cmark_node_get_type (node))
        {
        case CMARK_NODE_TEXT:
          _byline_markdown_escape_text (out, cmark_node_get_literal (node), -1);
          break;
        case CMARK_NODE_SOFTBREAK:
          g_string_append_c (out, '\n');
          break;
        case CMARK_NODE_LINEBREAK:
          g_string_append (out, "<br>\n");
          break;
        case CMARK_NODE_CODE:
          g_string_append (out, "<code>");
          _byline_markdown_escape_text (out, cmark_node_get_literal (node), -1);
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
            g_autofree char *alt = _byline_markdown_plain_text (node, TEXT_ALT);

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
          if (_byline_markdown_node_is (node, "strikethrough"))
            {
              g_string_append (out, "<del>");
              render_inlines (ctx, node, mode);
              g_string_append (out, "</del>");
            }
          else
            render_inlines (ctx, node, mode);
        }
    }
  depth_leave (ctx);
}

static void
render_children_wrapped (Ctx        *ctx,
                         cmark_node *node)
{
  /* mdast-util-to-hast's wrap(…, true): a line break around and between */
  g_string_append_c (ctx->out, '\n');
  for (cmark_node *child = cmark_node_first_child (node); child; child = cmark_node_next (child))
    {
      _byline_markdown_render_block (ctx, child, FALSE);
      g_string_append_c (ctx->out, '\n');
    }
}

static void
render_item (Ctx        *ctx,
             cmark_node *item,
             gboolean    loose)
{
  GString *out = ctx->out;
  gboolean task = _byline_markdown_node_is (item, "tasklist");
  cmark_node *first = cmark_node_first_child (item);
  cmark_node *last = cmark_node_last_child (item);
  gboolean checkbox_done = FALSE;

  depth_enter (ctx);
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
        _byline_markdown_render_block (ctx, child, !loose);
    }

  if ((last != NULL && (loose || cmark_node_get_type (last) != CMARK_NODE_PARAGRAPH)) ||
      (last == NULL && checkbox_done))
    g_string_append_c (out, '\n');

  g_string_append (out, "</li>");
  depth_leave (ctx);
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
    if (_byline_markdown_node_is (item, "tasklist"))
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

void
_byline_markdown_render_block (Ctx        *ctx,
                               cmark_node *node,
                               gboolean    tight)
{
  GString *out = ctx->out;

  depth_enter (ctx);
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
        _byline_markdown_escape_text (out, lit, -1);
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
      if (_byline_markdown_node_is (node, "table"))
        render_table (ctx, node);
      else
        {
          for (cmark_node *child = cmark_node_first_child (node); child; child = cmark_node_next (child))
            _byline_markdown_render_block (ctx, child, tight);
        }
    }
  depth_leave (ctx);
}


/* --- footnotes -------------------------------------------------------------- */

/* the label of a definition, read from the source at its position
 * (cmark-gfm keeps it private); normalised as mdast-util-to-hast does */
char *
_byline_markdown_footnote_safe_id (Ctx        *ctx,
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

void
_byline_markdown_render_footnotes (Ctx       *ctx,
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
              _byline_markdown_render_block (ctx, child, FALSE);
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


/* --- table of contents -------------------------------------------------------- */

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

void
_byline_markdown_render_toc (Ctx        *ctx,
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
