/* byline-preview-patch.c: the script that turns one render of a post into the next
 *
 * The preview shows a post's body as blocks (byline-markdown.c), and keeps
 * the page in step with the editor by patching it: only the blocks that
 * changed cross into the web process, with the new source lines of the
 * blocks that moved, and the header when the frontmatter changed. Building
 * that patch is pure work on immutable inputs, done here on the main thread
 * for a small post and on a worker for a large one:
 *
 * - a large post where typing changed a block or two renders only the
 *   changed blocks and one unchanged neighbour on each side, and splices
 *   them in (render_incremental()); the neighbours must come out as before,
 *   which proves the edit stayed within its blocks;
 * - otherwise the whole body renders, and the blocks are diffed with the
 *   last render by hash (byline-block-diff.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "byline-block-diff.h"
#include "byline-lines.h"
#include "byline-markdown.h"
#include "byline-preview-patch.h"

/* Past this many changed lines an edit is rendered in full anyway. */
#define INCREMENTAL_MAX_LINES 200

typedef struct
{
  const char *html;    /* owned by one of BylineShown.owners */
  guint64     hash;
  guint       first_line;
  guint       last_line;
  guint       depth;
} ShownBlock;

/* The blocks the page shows, and the text they were rendered from. Immutable
 * once built; shared between the main thread and a worker. */
struct _BylineShown
{
  gatomicrefcount  ref_count;
  GBytes          *text;
  gsize            body_start;
  GArray          *blocks;   /* ShownBlock */
  GPtrArray       *owners;   /* BylineRendered holding the blocks' HTML */
  GPtrArray       *merged;   /* GRefString: HTML of blocks joined by byline_shown_append_rendered */
};

static BylineShown *
byline_shown_new (GBytes *text,
           gsize   body_start)
{
  BylineShown *self = g_new0 (BylineShown, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->text = g_bytes_ref (text);
  self->body_start = body_start;
  self->blocks = g_array_new (FALSE, FALSE, sizeof (ShownBlock));
  self->owners = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_rendered_unref);
  self->merged = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ref_string_release);
  return self;
}

BylineShown *
byline_shown_ref (BylineShown *self)
{
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
byline_shown_unref (BylineShown *self)
{
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_bytes_unref (self->text);
  g_array_unref (self->blocks);
  g_ptr_array_unref (self->owners);
  g_ptr_array_unref (self->merged);
  g_free (self);
}


/* How many times @html opens (+) and closes (-) elements named @name */
static int
element_balance (const char *html,
                 const char *name,
                 gsize       name_len)
{
  int balance = 0;

  for (const char *p = strchr (html, '<'); p != NULL; p = strchr (p + 1, '<'))
    {
      gboolean closing = p[1] == '/';
      const char *q = p + 1 + closing;
      char after;

      if (g_ascii_strncasecmp (q, name, name_len) != 0)
        continue;
      after = q[name_len];
      if (after == '>' || after == '/' || g_ascii_isspace (after))
        balance += closing ? -1 : 1;
    }
  return balance;
}

/* The name of the element a raw HTML block opens without closing it (a
 * "<details>" whose Markdown content follows in later blocks), or %NULL. */
static char *
unclosed_element (const char *html)
{
  static const char *void_elements[] = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
    "source", "track", "wbr", "p",
  };
  gsize len = 0;

  if (html[0] != '<' || !g_ascii_isalpha (html[1]))
    return NULL;
  while (g_ascii_isalnum (html[1 + len]) || html[1 + len] == '-')
    len++;
  for (guint i = 0; i < G_N_ELEMENTS (void_elements); i++)
    if (strlen (void_elements[i]) == len && g_ascii_strncasecmp (html + 1, void_elements[i], len) == 0)
      return NULL;
  if (element_balance (html, html + 1, len) <= 0)
    return NULL;
  return g_strndup (html + 1, len);
}

/* Appends blocks @from..@to-1 of @rendered. The page parses each block on its
 * own, so a raw HTML element left open by one block (the site nests the
 * following blocks in it) is joined with the blocks up to its end tag into
 * one block. */
static void
byline_shown_append_rendered (BylineShown          *self,
                       BylineRendered *rendered,
                       guint           from,
                       guint           to)
{
  for (guint i = from; i < to; i++)
    {
      const BylineBlock *b = byline_rendered_get_block (rendered, i);
      ShownBlock sb = { b->html != NULL ? b->html : "", b->hash, b->first_line, b->last_line,
                        b->depth };
      g_autofree char *open = unclosed_element (sb.html);

      if (open != NULL)
        {
          int balance = element_balance (sb.html, open, strlen (open));
          guint j;

          for (j = i + 1; j < to && j < i + 1000 && balance > 0; j++)
            {
              const BylineBlock *next = byline_rendered_get_block (rendered, j);

              balance += element_balance (next->html != NULL ? next->html : "", open, strlen (open));
            }
          if (balance <= 0)
            {
              GString *html = g_string_new (sb.html);
              guint64 hash = b->hash;

              for (guint k = i + 1; k < j; k++)
                {
                  const BylineBlock *next = byline_rendered_get_block (rendered, k);

                  g_string_append_c (html, '\n');
                  g_string_append (html, next->html != NULL ? next->html : "");
                  hash = hash * 1099511628211u ^ next->hash;
                  sb.last_line = next->last_line;
                  /* nested in the element left open */
                  sb.depth = MAX (sb.depth, next->depth + 1);
                }
              sb.html = g_ref_string_new_len (html->str, html->len);
              sb.hash = hash;
              g_ptr_array_add (self->merged, (char *) sb.html);
              g_string_free (html, TRUE);
              i = j - 1;
            }
        }
      g_array_append_val (self->blocks, sb);
    }
  g_ptr_array_add (self->owners, byline_rendered_ref (rendered));
}

guint
byline_shown_get_n_blocks (BylineShown *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->blocks->len;
}

/**
 * byline_shown_get_max_depth:
 *
 * How deep the elements of the deepest block nest, about (see
 * BylineBlock.depth).
 *
 * Returns: the depth
 */
guint
byline_shown_get_max_depth (BylineShown *self)
{
  guint depth = 0;

  g_return_val_if_fail (self != NULL, 0);

  for (guint i = 0; i < self->blocks->len; i++)
    depth = MAX (depth, g_array_index (self->blocks, ShownBlock, i).depth);
  return depth;
}

/**
 * byline_shown_get_block:
 * @index: a block, from 0
 * @first_line: (out) (optional): its first line in the post's text, 1-based
 * @last_line: (out) (optional): its last line
 *
 * Returns: (transfer none): the block's HTML
 */
const char *
byline_shown_get_block (BylineShown *self,
                        guint        index,
                        guint       *first_line,
                        guint       *last_line)
{
  const ShownBlock *block;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->blocks->len, NULL);

  block = &g_array_index (self->blocks, ShownBlock, index);
  if (first_line != NULL)
    *first_line = block->first_line;
  if (last_line != NULL)
    *last_line = block->last_line;

  return block->html;
}

/* ---- building a patch ---------------------------------------------------- */

/**
 * byline_preview_patch_new:
 * @post: the post to show
 * @serial: the number the page reports back once the patch is painted
 * @prev: (nullable): what the page shows now, %NULL for an empty page
 * @prev_header: (nullable): the header the page shows now
 * @prev_footer: (nullable): the footer the page shows now
 * @post_dir: (nullable): the post's folder, for relative images
 * @site_src: (nullable): the site's `src/`, for Astro's `@/` alias
 * @allow_incremental: whether the changed blocks may be rendered alone
 *
 * Returns: (transfer full): a patch to build, with byline_preview_patch_build()
 */
BylinePreviewPatch *
byline_preview_patch_new (BylinePost  *post,
                          guint        serial,
                          BylineShown *prev,
                          const char  *prev_header,
                          const char  *prev_footer,
                          const char  *post_dir,
                          const char  *site_src,
                          gboolean     allow_incremental)
{
  BylinePreviewPatch *u;

  g_return_val_if_fail (post != NULL, NULL);

  u = g_new0 (BylinePreviewPatch, 1);
  u->post = byline_post_ref (post);
  u->text = g_bytes_ref (byline_post_get_text (post));
  u->serial = serial;
  u->prev = prev != NULL ? byline_shown_ref (prev) : NULL;
  u->allow_incremental = allow_incremental;
  u->prev_header = g_strdup (prev_header);
  u->prev_footer = g_strdup (prev_footer);
  u->post_dir = g_strdup (post_dir);
  u->site_src = g_strdup (site_src);

  return u;
}

void
byline_preview_patch_free (BylinePreviewPatch *u)
{
  g_clear_pointer (&u->post, byline_post_unref);
  g_clear_pointer (&u->text, g_bytes_unref);
  g_clear_pointer (&u->prev, byline_shown_unref);
  g_clear_pointer (&u->prev_header, g_free);
  g_clear_pointer (&u->prev_footer, g_free);
  g_clear_pointer (&u->post_dir, g_free);
  g_clear_pointer (&u->site_src, g_free);
  g_clear_pointer (&u->shown, byline_shown_unref);
  g_clear_pointer (&u->header, g_free);
  g_clear_pointer (&u->footer, g_free);
  if (u->script != NULL)
    g_string_free (u->script, TRUE);
  g_free (u);
}


/* A JavaScript string literal. JSON's escapes plus U+2028/U+2029, which older
 * engines reject inside string literals. */
void
byline_js_append_string (GString    *s,
                  const char *str)
{
  const char *run = str;
  const char *p;

  g_string_append_c (s, '"');
  for (p = str; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;
      const char *esc = NULL;
      char buf[8];

      if (c == '"')
        esc = "\\\"";
      else if (c == '\\')
        esc = "\\\\";
      else if (c == '\n')
        esc = "\\n";
      else if (c < 0x20)
        {
          g_snprintf (buf, sizeof buf, "\\u%04x", c);
          esc = buf;
        }
      else if (c == 0xe2 && (guchar) p[1] == 0x80 && ((guchar) p[2] == 0xa8 || (guchar) p[2] == 0xa9))
        {
          g_snprintf (buf, sizeof buf, "\\u%04x", (guchar) p[2] == 0xa8 ? 0x2028 : 0x2029);
          esc = buf;
          g_string_append_len (s, run, p - run);
          g_string_append (s, esc);
          p += 2;
          run = p + 1;
          continue;
        }
      else
        continue;

      g_string_append_len (s, run, p - run);
      g_string_append (s, esc);
      run = p + 1;
    }
  g_string_append_len (s, run, p - run);
  g_string_append_c (s, '"');
}

/* "20 Nov, 2026", as AstroPaper formats dates (dayjs "D MMM, YYYY"), in
 * the user's language: the header's words ("Updated:", the draft badge)
 * are the editor's, so its dates are too. */
static char *
format_date (GDateTime *dt)
{
  /* Translators: a post's date in the preview's header, e.g. “20 Nov, 2026”
   * as AstroPaper writes it; a g_date_time_format() format: %-d the day,
   * %b the month's abbreviated name, %Y the year. xgettext:no-c-format */
  return g_date_time_format (dt, _("%-d %b, %Y"));
}

static void
append_time (GString    *s,
             GDateTime  *dt)
{
  g_autofree char *iso = g_date_time_format_iso8601 (dt);
  g_autofree char *text = format_date (dt);

  g_string_append_printf (s, "<time datetime=\"%s\">%s</time>", iso, text);
}

static GDateTime *
in_zone (GDateTime *dt,
         GTimeZone *tz)
{
  if (dt == NULL)
    return NULL;
  if (tz != NULL)
    return g_date_time_to_timezone (dt, tz);
  return g_date_time_ref (dt);
}

/* The header and footer AstroPaper's post page builds from the frontmatter:
 * title, dates, a draft badge; tags below the post. The post has read them
 * already. */
static void
build_header (BylinePost  *post,
              char       **header,
              char       **footer)
{
  g_autoptr(GString) h = g_string_new (NULL);
  g_autoptr(GString) f = g_string_new (NULL);
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) pub = NULL;
  g_autoptr(GDateTime) mod = NULL;
  const char *title = byline_post_get_title (post);
  const char *zone = byline_post_get_timezone (post);
  const char * const *tags = byline_post_get_tags (post);
  gboolean is_draft = byline_post_get_draft (post);

  if (zone != NULL)
    tz = g_time_zone_new_identifier (zone);
  pub = in_zone (byline_post_get_published (post), tz);
  mod = in_zone (byline_post_get_modified (post), tz);

  if (title != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (title, -1);

      g_string_append_printf (h, "<h1 class=\"title\">%s</h1>", escaped);
    }

  if (is_draft || pub != NULL)
    {
      g_string_append (h, "<div class=\"meta\">");
      if (is_draft)
        g_string_append_printf (h, "<span class=\"draft\">%s</span>",
                                /* Translators: badge on a post whose frontmatter says draft: true */
                                _("Draft"));
      if (pub != NULL)
        {
          g_string_append (h, "<span class=\"published\">");
          append_time (h, pub);
          g_string_append (h, "</span>");
        }
      if (pub != NULL && mod != NULL && g_date_time_compare (mod, pub) > 0)
        {
          g_autofree char *label = g_markup_escape_text (
            /* Translators: before the date a post was last modified */
            _("Updated:"), -1);

          g_string_append_printf (h, "<span class=\"updated\">%s ", label);
          append_time (h, mod);
          g_string_append (h, "</span>");
        }
      g_string_append (h, "</div>");
    }

  if (tags[0] != NULL)
    {
      g_string_append (f, "<ul class=\"tags\">");
      for (guint i = 0; tags[i] != NULL; i++)
        {
          g_autofree char *escaped = g_markup_escape_text (tags[i], -1);

          g_string_append_printf (f, "<li><span aria-hidden=\"true\">#</span>%s</li>", escaped);
        }
      g_string_append (f, "</ul>");
    }

  *header = g_string_free (g_steal_pointer (&h), FALSE);
  *footer = g_string_free (g_steal_pointer (&f), FALSE);
}

static void
append_block_op (GString          *s,
                 int               kind,
                 guint             index,
                 const ShownBlock *block)
{
  g_string_append_printf (s, "[%d,%u", kind, index);
  if (block != NULL)
    {
      g_string_append_c (s, ',');
      byline_js_append_string (s, block->html != NULL ? block->html : "");
      g_string_append_printf (s, ",%u,%u", block->first_line, block->last_line);
    }
  g_string_append (s, "],");
}

/* ---- footnotes: only the notes that changed ------------------------------ */

/* What byline-markdown-html.c opens the footnotes section with */
#define FOOTNOTES_OPEN "<section data-footnotes=\"\" class=\"footnotes\">"

typedef struct
{
  const char *name;
  gsize       len;
} OpenElement;

typedef struct
{
  gsize start;
  gsize end;
} ItemSpan;

static gboolean
name_is (const char *name,
         gsize       len,
         const char *what)
{
  return strlen (what) == len && g_ascii_strncasecmp (name, what, len) == 0;
}

static gboolean
name_in (const char        *name,
         gsize              len,
         const char * const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (name_is (name, len, names[i]))
      return TRUE;
  return FALSE;
}

/* The end of a tag whose attributes start at @p: past its '>', or %NULL */
static const char *
skip_attributes (const char *p,
                 const char *end)
{
  while (p < end)
    {
      if (*p == '>')
        return p + 1;
      if (*p++ != '=')
        continue;
      while (p < end && g_ascii_isspace (*p))
        p++;
      if (p < end && (*p == '"' || *p == '\''))
        {
          const char *q = memchr (p + 1, *p, end - p - 1);

          if (q == NULL)
            return NULL;
          p = q + 1;
        }
    }
  return NULL;
}

/* The notes (<li> elements) of a footnotes section, as byte ranges of
 * @html, or %NULL unless its markup nests plainly: every element closed in
 * order, no comments, no raw text or foreign content, no list item outside
 * a list. Raw HTML in a note may be anything; only for plain markup does
 * parsing one note alone give what parsing the whole section gives. */
static GArray *
footnote_items (const char *html)
{
  static const char * const void_elements[] = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
    "param", "source", "track", "wbr", "keygen", NULL,
  };
  /* contents the parser does not read as markup, or elements it moves */
  static const char * const opaque_elements[] = {
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
    "noscript", "plaintext", "template", "svg", "math", "select", "html", "head",
    "body", "frameset", "frame", "object", "applet", "marquee", NULL,
  };
  const char *p, *end;
  g_autoptr(GArray) stack = NULL;
  g_autoptr(GArray) items = NULL;
  gsize item_start = 0;
  guint n_lists = 0;

  if (!g_str_has_prefix (html, FOOTNOTES_OPEN))
    return NULL;

  stack = g_array_new (FALSE, FALSE, sizeof (OpenElement));
  items = g_array_new (FALSE, FALSE, sizeof (ItemSpan));
  end = html + strlen (html);
  for (p = html; p < end; )
    {
      const char *lt = memchr (p, '<', end - p);
      gboolean closing;
      OpenElement el;
      /* text: in the section and its list, only line breaks between elements */
      gboolean in_list = stack->len == 2 &&
                         name_is (g_array_index (stack, OpenElement, 1).name,
                                  g_array_index (stack, OpenElement, 1).len, "ol");

      for (const char *q = p; (stack->len < 2 || in_list) && q < (lt != NULL ? lt : end); q++)
        if (!g_ascii_isspace (*q))
          return NULL;
      if (lt == NULL)
        break;

      closing = lt[1] == '/';
      el.name = lt + 1 + closing;
      el.len = 0;
      while (el.name + el.len < end && (g_ascii_isalnum (el.name[el.len]) || el.name[el.len] == '-'))
        el.len++;
      if (el.len == 0 || !g_ascii_isalpha (el.name[0]))
        {
          /* "<" as text is fine; "</ ", "<!" and "<?" open comments */
          if (closing || lt[1] == '!' || lt[1] == '?')
            return NULL;
          p = lt + 1;
          continue;
        }
      if (name_in (el.name, el.len, opaque_elements))
        return NULL;
      p = skip_attributes (el.name + el.len, end);
      if (p == NULL)
        return NULL;

      if (closing)
        {
          const OpenElement *top;

          if (stack->len == 0 || name_in (el.name, el.len, void_elements))
            return NULL;
          top = &g_array_index (stack, OpenElement, stack->len - 1);
          if (top->len != el.len || g_ascii_strncasecmp (top->name, el.name, el.len) != 0)
            return NULL;
          g_array_set_size (stack, stack->len - 1);
          if (stack->len == 2)
            {
              ItemSpan span = { item_start, p - html };

              g_array_append_val (items, span);
            }
          else if (stack->len == 0 && p != end)
            return NULL;
          continue;
        }

      if (name_in (el.name, el.len, void_elements))
        continue;
      /* the section holds its heading and one list of notes, and the list
       * only notes */
      if ((stack->len == 0 && lt != html) ||
          (stack->len == 1 && name_is (el.name, el.len, "ol") && n_lists++ > 0) ||
          (stack->len == 2 && !name_is (el.name, el.len, "li")))
        return NULL;
      /* a list item anywhere but right in a list closes the one open */
      if (name_is (el.name, el.len, "li") && stack->len != 2)
        {
          const OpenElement *parent = &g_array_index (stack, OpenElement, stack->len - 1);

          if (!name_is (parent->name, parent->len, "ul") && !name_is (parent->name, parent->len, "ol") &&
              !name_is (parent->name, parent->len, "menu"))
            return NULL;
        }
      if (stack->len == 2)
        item_start = lt - html;
      g_array_append_val (stack, el);
    }
  if (stack->len != 0 || n_lists != 1)
    return NULL;

  return g_steal_pointer (&items);
}

/* Op 3 for a footnotes section @old that became @new with as many notes:
 * the changed notes only, in one string, with their indices and the
 * number of notes. Returns %FALSE (and appends nothing) when the section
 * must be replaced whole. */
static gboolean
append_items_op (GString          *s,
                 guint             index,
                 const ShownBlock *old,
                 const ShownBlock *new)
{
  g_autoptr(GArray) a = NULL;
  g_autoptr(GArray) b = NULL;
  g_autoptr(GString) changed = NULL;
  g_autoptr(GString) keys = NULL;
  guint n_changed = 0;

  a = footnote_items (old->html);
  if (a == NULL || a->len == 0)
    return FALSE;
  b = footnote_items (new->html);
  if (b == NULL || b->len != a->len)
    return FALSE;

  changed = g_string_new (NULL);
  keys = g_string_new (NULL);
  for (guint k = 0; k <= a->len; k++)
    {
      /* the markup before note k (after the last, for k == len) */
      gsize a_gap = k == 0 ? 0 : g_array_index (a, ItemSpan, k - 1).end;
      gsize b_gap = k == 0 ? 0 : g_array_index (b, ItemSpan, k - 1).end;
      gsize a_next = k < a->len ? g_array_index (a, ItemSpan, k).start : strlen (old->html);
      gsize b_next = k < b->len ? g_array_index (b, ItemSpan, k).start : strlen (new->html);
      const ItemSpan *x, *y;

      if (a_next - a_gap != b_next - b_gap ||
          memcmp (old->html + a_gap, new->html + b_gap, a_next - a_gap) != 0)
        return FALSE;
      if (k == a->len)
        break;

      x = &g_array_index (a, ItemSpan, k);
      y = &g_array_index (b, ItemSpan, k);
      if (x->end - x->start == y->end - y->start &&
          memcmp (old->html + x->start, new->html + y->start, x->end - x->start) == 0)
        continue;
      /* past a few, one parse of the whole section costs no more */
      if (++n_changed > MAX (64, a->len / 8))
        return FALSE;
      g_string_append_len (changed, new->html + y->start, y->end - y->start);
      g_string_append_printf (keys, "%s%u", keys->len > 0 ? "," : "", k);
    }
  if (n_changed == 0)
    return FALSE;

  g_string_append_printf (s, "[3,%u,", index);
  byline_js_append_string (s, changed->str);
  g_string_append_printf (s, ",%u,%u,[%s],%u],", new->first_line, new->last_line, keys->str, a->len);
  return TRUE;
}

static guint64 *
block_hashes (BylineShown *shown,
              guint *n)
{
  guint64 *hashes;

  *n = shown != NULL ? shown->blocks->len : 0;
  hashes = g_new (guint64, MAX (*n, 1));
  for (guint i = 0; i < *n; i++)
    hashes[i] = g_array_index (shown->blocks, ShownBlock, i).hash;
  return hashes;
}

static guint
count_lines (const char *start,
             const char *end)
{
  return byline_count_line_breaks (start, end - start);
}

/* Whether the Markdown in @text (whole lines) renders the same alone as in
 * its document: nothing that depends on the rest (reference links and
 * footnotes, headings with their ids and the table of contents) and nothing
 * that could reach beyond it (fences, raw HTML, setext underlines). */
static gboolean
is_local_markdown (const char *text,
                   gsize       len)
{
  const char *end = text + len;
  const char *line = text;

  for (const char *p = text; p < end; p++)
    if (*p == ']' && (p + 1 >= end || p[1] != '('))
      return FALSE;

  while (line < end)
    {
      const char *eol = memchr (line, '\n', end - line);
      const char *p = line;
      gboolean only_rule_chars = TRUE;

      if (eol == NULL)
        eol = end;
      for (guint i = 0; i < 3 && p < eol && *p == ' '; i++)
        p++;
      if (p < eol && (*p == '#' || *p == '<' || *p == '[' || *p == '\t'))
        return FALSE;
      if (eol - p >= 3 && (strncmp (p, "```", 3) == 0 || strncmp (p, "~~~", 3) == 0))
        return FALSE;
      for (const char *q = p; q < eol; q++)
        if (*q != '=' && *q != '-' && *q != ' ' && *q != '\r')
          only_rule_chars = FALSE;
      if (only_rule_chars && p < eol && *p != '\r')
        return FALSE;
      line = eol + 1;
    }
  return TRUE;
}

/* Whether an ATX heading in @text (whole lines) could be the one remark-toc
 * fills in ("Table of contents", "Contents", "TOC"). */
static gboolean
has_toc_heading (const char *text,
                 gsize       len)
{
  const char *end = text + len;
  const char *line = text;

  while (line < end)
    {
      const char *eol = memchr (line, '\n', end - line);
      const char *p = line;

      if (eol == NULL)
        eol = end;
      while (p < eol && *p == ' ')
        p++;
      if (p < eol && *p == '#')
        {
          g_autofree char *lower = g_ascii_strdown (p, eol - p);

          if (strstr (lower, "content") != NULL || strstr (lower, "toc") != NULL)
            return TRUE;
        }
      line = eol + 1;
    }
  return FALSE;
}

static gboolean
is_heading (const ShownBlock *block)
{
  return block->html[0] == '<' && block->html[1] == 'h' &&
         block->html[2] >= '1' && block->html[2] <= '6';
}

/* The start of 1-based file line @line in @text, or %NULL past its end */
static const char *
line_start (const char *text,
            const char *end,
            guint       line)
{
  gsize len = end - text;
  gsize pos = 0;

  for (guint l = 1; l < line; l++)
    {
      gsize break_len = 0;

      pos = byline_next_line_break (text, len, pos, &break_len);
      if (break_len == 0)
        return NULL;
      pos += break_len;
    }

  return text + pos;
}

/* Typing in a large document changes one block or two. Rather than render the
 * whole body again, render the changed blocks and one unchanged neighbour on
 * each side on their own, and splice them in; the neighbours must come out as
 * before, proving the edit stayed within its blocks. Returns %NULL whenever
 * that is not certain, and the caller renders everything. */
#define INCREMENTAL_FAIL(n) G_STMT_START { g_debug ("Preview: rendering in full (%d)", n); return NULL; } G_STMT_END

static BylineShown *
render_incremental (BylinePreviewPatch            *u,
                    const char        *data,
                    gsize              len,
                    const BylineSplit *split)
{
  const BylineShown *prev = u->prev;
  gsize old_len = 0;
  const char *old = g_bytes_get_data (prev->text, &old_len);
  const char *old_end;
  gsize prefix = 0, suffix = 0, max_suffix;
  guint changed_first, changed_last, n = prev->blocks->len;
  guint lo = 0, hi, b_idx, a_idx, n_lead, n_trail;
  int line_delta;
  const ShownBlock *before, *after;
  const char *slice_start, *slice_old_end, *middle_old_start, *middle_old_end;
  gsize slice_len;
  g_autoptr(BylineRendered) rendered = NULL;
  BylineRenderOptions options = { 0 };
  guint rn;
  BylineShown *shown;

  /* An empty previous text has no data at all: nothing to splice into
   * (and no pointer to do arithmetic on). */
  if (old == NULL || n < 3 || prev->body_start != split->body_start ||
      memcmp (old, data, MIN (split->body_start, old_len)) != 0)
    INCREMENTAL_FAIL (1);
  old_end = old + old_len;

  while (prefix < old_len && prefix < len && old[prefix] == data[prefix])
    prefix++;
  max_suffix = MIN (old_len, len) - prefix;
  while (suffix < max_suffix && old[old_len - 1 - suffix] == data[len - 1 - suffix])
    suffix++;
  /* Whole lines, in both texts: a change between a \r and a \n (or a \r
   * typed before a \n) turns two line breaks into one, which counting the
   * changed bytes alone would not see. The common parts end and start
   * right after a \n. */
  while (prefix > 0 && old[prefix - 1] != '\n')
    prefix--;
  while (suffix > 0 && old[old_len - 1 - suffix] != '\n')
    suffix--;
  if (prefix < split->body_start)
    INCREMENTAL_FAIL (2);

  /* the changed lines, in the old text */
  changed_first = 1 + count_lines (old, old + prefix);
  changed_last = changed_first + count_lines (old + prefix, old + old_len - suffix);
  line_delta = (int) count_lines (data + prefix, data + len - suffix) -
               (int) count_lines (old + prefix, old + old_len - suffix);
  if (changed_last - changed_first > INCREMENTAL_MAX_LINES)
    INCREMENTAL_FAIL (3);

  /* Blocks lo..hi-1 overlap the change. The neighbours that prove the edit
   * stayed local are the nearest blocks outside it that are not headings: a
   * heading rendered alone can get another id (github-slugger numbers
   * repeats), so headings between a neighbour and the change are kept as
   * they were (no heading is added or removed, so their ids stay right). */
  while (lo < n && g_array_index (prev->blocks, ShownBlock, lo).last_line < changed_first)
    lo++;
  hi = lo;
  while (hi < n && g_array_index (prev->blocks, ShownBlock, hi).first_line <= changed_last)
    hi++;
  if (lo == 0 || hi >= n)
    INCREMENTAL_FAIL (4);
  b_idx = lo - 1;
  while (b_idx > 0 && is_heading (&g_array_index (prev->blocks, ShownBlock, b_idx)))
    b_idx--;
  a_idx = hi;
  while (a_idx + 1 < n && is_heading (&g_array_index (prev->blocks, ShownBlock, a_idx)))
    a_idx++;
  before = &g_array_index (prev->blocks, ShownBlock, b_idx);
  after = &g_array_index (prev->blocks, ShownBlock, a_idx);
  if (is_heading (before) || is_heading (after))
    INCREMENTAL_FAIL (5);
  n_lead = lo - 1 - b_idx;
  n_trail = a_idx - hi;

  slice_start = line_start (old, old_end, before->first_line);
  slice_old_end = line_start (old, old_end, after->last_line + 1);
  if (slice_start == NULL)
    INCREMENTAL_FAIL (5);
  if (slice_old_end == NULL)
    slice_old_end = old_end;
  if ((gsize) (slice_start - old) > prefix || (gsize) (old_end - slice_old_end) > suffix)
    INCREMENTAL_FAIL (6);
  slice_len = (slice_old_end - slice_start) + (len - old_len);

  /* What lies between the blocks next to the change, before and after the
   * edit, must be local Markdown; the neighbours only have to render as they
   * did, which is checked below. A table-of-contents heading would grow a
   * list when rendered alone. */
  middle_old_start = line_start (old, old_end, g_array_index (prev->blocks, ShownBlock, lo - 1).last_line + 1);
  middle_old_end = line_start (old, old_end, g_array_index (prev->blocks, ShownBlock, hi).first_line);
  if (middle_old_start == NULL || middle_old_end == NULL || middle_old_end < middle_old_start ||
      !is_local_markdown (middle_old_start, middle_old_end - middle_old_start) ||
      !is_local_markdown (data + (middle_old_start - old),
                          (middle_old_end - middle_old_start) + (len - old_len)) ||
      has_toc_heading (slice_start, slice_old_end - slice_start))
    INCREMENTAL_FAIL (7);

  options.post_dir = u->post_dir;
  options.site_src_dir = u->site_src;
  options.first_line = before->first_line;
  rendered = byline_markdown_render (data + (slice_start - old), slice_len, &options);
  rn = byline_rendered_get_n_blocks (rendered);
  if (rn < 2 + n_lead + n_trail ||
      byline_rendered_get_block (rendered, 0)->hash != before->hash ||
      byline_rendered_get_block (rendered, 0)->first_line != before->first_line ||
      byline_rendered_get_block (rendered, 0)->last_line != before->last_line ||
      byline_rendered_get_block (rendered, rn - 1)->hash != after->hash ||
      byline_rendered_get_block (rendered, rn - 1)->first_line != after->first_line + line_delta ||
      byline_rendered_get_block (rendered, rn - 1)->last_line != after->last_line + line_delta)
    INCREMENTAL_FAIL (8);
  /* the kept headings must come out where they were */
  for (guint i = 0; i < n_lead; i++)
    {
      const BylineBlock *r = byline_rendered_get_block (rendered, 1 + i);
      const ShownBlock *o = &g_array_index (prev->blocks, ShownBlock, b_idx + 1 + i);

      if (r->first_line != o->first_line || r->last_line != o->last_line)
        INCREMENTAL_FAIL (9);
    }
  for (guint i = 0; i < n_trail; i++)
    {
      const BylineBlock *r = byline_rendered_get_block (rendered, rn - 1 - n_trail + i);
      const ShownBlock *o = &g_array_index (prev->blocks, ShownBlock, hi + i);

      if (r->first_line != o->first_line + line_delta || r->last_line != o->last_line + line_delta)
        INCREMENTAL_FAIL (9);
    }

  shown = byline_shown_new (u->text, split->body_start);
  for (guint i = 0; i < prev->owners->len; i++)
    g_ptr_array_add (shown->owners, byline_rendered_ref (g_ptr_array_index (prev->owners, i)));
  for (guint i = 0; i < prev->merged->len; i++)
    g_ptr_array_add (shown->merged, g_ref_string_acquire (g_ptr_array_index (prev->merged, i)));
  /* old blocks up to the last kept heading before the change */
  g_array_append_vals (shown->blocks, prev->blocks->data, lo);
  /* the changed blocks, fresh */
  for (guint i = 1 + n_lead; i < rn - 1 - n_trail; i++)
    {
      const BylineBlock *r = byline_rendered_get_block (rendered, i);
      ShownBlock sb = { r->html != NULL ? r->html : "", r->hash, r->first_line, r->last_line,
                        r->depth };

      g_array_append_val (shown->blocks, sb);
    }
  g_ptr_array_add (shown->owners, byline_rendered_ref (rendered));
  /* old blocks from the first kept heading after the change, moved; the
   * footnotes section, last, starts at the first definition, which may lie
   * before the change: only the lines after it move */
  for (guint i = hi; i < n; i++)
    {
      ShownBlock sb = g_array_index (prev->blocks, ShownBlock, i);

      if (sb.first_line > changed_last)
        sb.first_line += line_delta;
      if (sb.last_line > changed_last)
        sb.last_line += line_delta;
      g_array_append_val (shown->blocks, sb);
    }
  return shown;
}

/* Renders @u->text and writes the one script that turns the page showing
 * @u->prev into one showing the new render. */
void
byline_preview_patch_build (BylinePreviewPatch *u)
{
  gsize len = 0;
  const char *data = g_bytes_get_data (u->text, &len);
  g_autofree char *valid = NULL;
  g_autoptr(GArray) ops = NULL;
  g_autoptr(GArray) kept = NULL;
  g_autofree guint64 *old_hashes = NULL;
  g_autofree guint64 *new_hashes = NULL;
  BylineRenderOptions options = { 0 };
  BylineSplit split;
  guint n_old, n_new;
  gboolean header_changed, footer_changed;
  guint run_start = 0, run_len = 0;
  int run_df = 0, run_dl = 0;
  gboolean shifted = FALSE;

  if (data == NULL)
    data = "";
  if (!g_utf8_validate_len (data, len, NULL))
    {
      valid = g_utf8_make_valid (data, len);
      data = valid;
      len = strlen (valid);
    }

  /* The post's text is valid UTF-8 (the editor's always is): its split
   * holds. A text made valid here is split again. */
  if (valid == NULL)
    split = *byline_post_get_split (u->post);
  else
    byline_frontmatter_split (data, len, &split);
  if (split.kind == BYLINE_BLOCK_NONE)
    {
      u->header = g_strdup ("");
      u->footer = g_strdup ("");
    }
  else if (byline_frontmatter_get_error (byline_post_get_frontmatter (u->post)) == NULL)
    {
      build_header (u->post, &u->header, &u->footer);
    }
  /* While the YAML is broken mid-edit, keep the last good header */
  if (u->header == NULL)
    u->header = g_strdup (u->prev_header != NULL ? u->prev_header : "");
  if (u->footer == NULL)
    u->footer = g_strdup (u->prev_footer != NULL ? u->prev_footer : "");

  if (u->allow_incremental && u->prev != NULL && valid == NULL)
    u->shown = render_incremental (u, data, len, &split);
  u->incremental = u->shown != NULL;
  if (u->shown == NULL)
    {
      g_autoptr(BylineRendered) rendered = NULL;
      g_autoptr(GBytes) text = valid != NULL ? g_bytes_new (valid, len) : g_bytes_ref (u->text);

      options.post_dir = u->post_dir;
      options.site_src_dir = u->site_src;
      options.first_line = split.body_line;
      rendered = byline_markdown_render (data + split.body_start, len - split.body_start, &options);
      u->shown = byline_shown_new (text, split.body_start);
      byline_shown_append_rendered (u->shown, rendered, 0, byline_rendered_get_n_blocks (rendered));
    }

  old_hashes = block_hashes (u->prev, &n_old);
  new_hashes = block_hashes (u->shown, &n_new);
  ops = byline_block_diff (old_hashes, n_old, new_hashes, n_new, &kept);

  header_changed = g_strcmp0 (u->header, u->prev_header) != 0;
  footer_changed = g_strcmp0 (u->footer, u->prev_footer) != 0;

  u->script = g_string_sized_new (256);
  g_string_append_printf (u->script, "byline.patch(%u,[", u->serial);
  for (guint i = 0; i < ops->len; i++)
    {
      const BylineBlockOp *op = &g_array_index (ops, BylineBlockOp, i);
      const ShownBlock *block = NULL;

      if (op->kind != BYLINE_BLOCK_OP_REMOVE)
        block = &g_array_index (u->shown->blocks, ShownBlock, op->new_index);
      if (op->kind == BYLINE_BLOCK_OP_REPLACE &&
          append_items_op (u->script, op->index,
                           &g_array_index (u->prev->blocks, ShownBlock, op->old_index), block))
        continue;
      append_block_op (u->script, op->kind, op->index, block);
    }
  g_string_append (u->script, "],[");

  /* Kept blocks below an inserted line keep their DOM but not their lines:
   * send their new ranges as runs of equal shifts. */
  for (guint i = 0; i <= kept->len; i++)
    {
      const BylineBlockKept *k = NULL;
      int df = 0, dl = 0;

      if (i < kept->len)
        {
          const ShownBlock *a, *b;

          k = &g_array_index (kept, BylineBlockKept, i);
          a = &g_array_index (u->prev->blocks, ShownBlock, k->old_index);
          b = &g_array_index (u->shown->blocks, ShownBlock, k->new_index);
          df = (int) b->first_line - (int) a->first_line;
          dl = (int) b->last_line - (int) a->last_line;
        }
      if (run_len > 0 && k != NULL && df == run_df && dl == run_dl &&
          k->new_index == run_start + run_len)
        {
          run_len++;
          continue;
        }
      if (run_len > 0)
        {
          g_string_append_printf (u->script, "[%u,%u,%d,%d],", run_start, run_len, run_df, run_dl);
          shifted = TRUE;
        }
      run_len = 0;
      if (k != NULL && (df != 0 || dl != 0))
        {
          run_start = k->new_index;
          run_len = 1;
          run_df = df;
          run_dl = dl;
        }
    }
  g_string_append (u->script, "],");

  if (header_changed)
    byline_js_append_string (u->script, u->header);
  else
    g_string_append (u->script, "null");
  g_string_append_c (u->script, ',');
  if (footer_changed)
    byline_js_append_string (u->script, u->footer);
  else
    g_string_append (u->script, "null");
  g_string_append (u->script, ");");

  u->changed = ops->len > 0 || shifted || header_changed || footer_changed;
}
