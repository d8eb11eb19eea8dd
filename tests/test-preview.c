/* test-preview.c: the preview widget, driven headless and read back through
 * JavaScript
 *
 * Runs under build-aux/headless-run. WebKit's web process starts inside its
 * bubblewrap sandbox here even as root under Xvfb (bwrap and xdg-dbus-proxy
 * are installed; the private session bus of headless-run serves the proxy),
 * so the tests run with the sandbox on, as users do; nothing disables it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "byline-preview.h"
#include "byline-test-corpus.h"
#include "byline-test-hostile.h"
#include "byline-test-loop.h"

#define TIMEOUT_S (30 * BYLINE_TEST_SLOWDOWN)

/* The limit on showing a post of pathological Markdown (issue 14). Not a
 * figure (bench-hostile-preview measures): a page that never paints such a
 * post fails instead of hanging. */
#define HOSTILE_TIMEOUT_S (150 * BYLINE_TEST_SLOWDOWN)

typedef struct
{
  GtkWidget     *window;
  BylinePreview *preview;
  GPtrArray     *links;      /* activate-link URIs */
  GArray        *lines;      /* line-activated lines */
  guint          n_painted;
} Fixture;

static gboolean
timeout_cb (gpointer data)
{
  gboolean *expired = data;

  *expired = TRUE;
  return G_SOURCE_REMOVE;
}

static void
wait_painted_for (Fixture *f,
                  guint    seconds)
{
  guint serial = byline_preview_get_serial (f->preview);
  gboolean expired = FALSE;
  guint id = g_timeout_add_seconds (seconds, timeout_cb, &expired);

  while (byline_preview_get_painted_serial (f->preview) < serial && !expired)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (expired);
  g_source_remove (id);
}

static void
wait_painted (Fixture *f)
{
  wait_painted_for (f, TIMEOUT_S);
}

static void
eval_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  JSCValue **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (object), result, &error);
  g_assert_no_error (error);
}

/* Evaluates @script in the page's main world (where a post's scripts would
 * run, if any could) and returns its value as JSON. */
static char *
eval_json (Fixture    *f,
           const char *script)
{
  g_autoptr(JSCValue) value = NULL;
  g_autofree char *full = g_strdup_printf ("JSON.stringify((() => { %s })())", script);
  gboolean expired = FALSE;
  guint id = g_timeout_add_seconds (TIMEOUT_S, timeout_cb, &expired);

  webkit_web_view_evaluate_javascript (WEBKIT_WEB_VIEW (f->preview), full, -1, NULL, NULL,
                                       NULL, eval_done_cb, &value);
  while (value == NULL && !expired)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (expired);
  g_source_remove (id);
  if (jsc_value_is_undefined (value))
    return g_strdup ("undefined");
  return jsc_value_to_string (value);
}

static double
eval_number (Fixture    *f,
             const char *script)
{
  g_autofree char *json = eval_json (f, script);

  return g_ascii_strtod (json, NULL);
}

static gboolean
activate_link_cb (BylinePreview *preview,
                  const char    *uri,
                  Fixture       *f)
{
  g_ptr_array_add (f->links, g_strdup (uri));
  return TRUE; /* no browser in a test */
}

static void
line_activated_cb (BylinePreview *preview,
                   guint          line,
                   Fixture       *f)
{
  g_array_append_val (f->lines, line);
}

static void
painted_cb (BylinePreview *preview,
            guint          serial,
            Fixture       *f)
{
  f->n_painted++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 900, 700);
  f->preview = BYLINE_PREVIEW (byline_preview_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (f->preview), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (f->preview), TRUE);
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->preview));
  gtk_window_present (GTK_WINDOW (f->window));

  f->links = g_ptr_array_new_with_free_func (g_free);
  f->lines = g_array_new (FALSE, FALSE, sizeof (guint));
  g_signal_connect (f->preview, "activate-link", G_CALLBACK (activate_link_cb), f);
  g_signal_connect (f->preview, "line-activated", G_CALLBACK (line_activated_cb), f);
  g_signal_connect (f->preview, "painted", G_CALLBACK (painted_cb), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_ptr_array_unref (f->links);
  g_array_unref (f->lines);
  /* let WebKit finish with the view */
  byline_test_spin (50);
}

static void
show (Fixture    *f,
      const char *text)
{
  byline_preview_set_text (f->preview, text, -1);
  wait_painted (f);
}

static char *
sample_post (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("BYLINE_SOURCE_DIR"), "data", "sample",
                                            "sample-post.md", NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

#define POST_HEAD "---\ntitle: Hello\npubDatetime: 2026-11-20T09:30:00Z\ntags:\n  - one\n  - two\n---\n"

static void
test_load_sample (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *text = sample_post ();
  g_autofree char *title = NULL;
  g_autofree char *meta = NULL;
  g_autofree char *tags = NULL;
  g_autofree char *csp = NULL;

  show (f, text);

  title = eval_json (f, "return document.querySelector('#post-header h1').textContent;");
  g_assert_cmpstr (title, ==, "\"Writing posts in Byline: a field guide\"");
  meta = eval_json (f, "return document.querySelector('#post-header .meta').textContent;");
  g_assert_nonnull (strstr (meta, "20 Nov, 2026"));
  g_assert_nonnull (strstr (meta, "Updated: 23 Nov, 2026"));
  g_assert_null (strstr (meta, "Draft"));
  tags = eval_json (f, "return document.querySelector('#post-footer .tags').textContent;");
  g_assert_cmpstr (tags, ==, "\"#byline#writing#markdown\"");

  g_assert_cmpfloat (eval_number (f, "return document.querySelectorAll('#content > .chunk > .block').length;"), >, 10);
  /* line ranges are in file coordinates: the body starts after the frontmatter */
  g_assert_cmpfloat (eval_number (f, "return +document.querySelector('#content > .chunk > .block').dataset.first;"), ==, 22);
  g_assert_cmpfloat (eval_number (f, "return document.querySelectorAll('table, pre code, blockquote, input[type=checkbox]').length;"), >=, 4);

  csp = eval_json (f, "return document.querySelector('meta[http-equiv=Content-Security-Policy]').content;");
  g_assert_nonnull (strstr (csp, "script-src 'none'"));
}

/* Tags every block element with an expando in the main world; an element
 * that is replaced loses its tag. */
static void
tag_blocks (Fixture *f)
{
  g_autofree char *r = eval_json (f, "document.querySelectorAll('#content > .chunk > .block').forEach((b, i) => { b.__tag = i; }); return 0;");
}

static char *
block_tags (Fixture *f)
{
  return eval_json (f, "return Array.from(document.querySelectorAll('#content > .chunk > .block'), (b) => b.__tag === undefined ? -1 : b.__tag);");
}

static void
test_patches (Fixture       *f,
              gconstpointer  data)
{
  const char *v1 = POST_HEAD "# Heading\n\nFirst paragraph.\n\nSecond paragraph.\n\n## Sub\n\nThird paragraph.\n";
  const char *v2 = POST_HEAD "# Heading\n\nFirst paragraph.\n\nSecond paragraph, edited.\n\n## Sub\n\nThird paragraph.\n";
  const char *v3 = POST_HEAD "# Heading\n\nFirst paragraph.\n\nNew one.\n\nSecond paragraph, edited.\n\n## Sub\n\nThird paragraph.\n";
  const char *v4 = POST_HEAD "# Heading\n\nFirst paragraph.\n\nNew one.\n\nSecond paragraph, edited.\n\nThird paragraph.\n";
  g_autofree char *tags = NULL;
  g_autofree char *text = NULL;
  g_autofree char *lines = NULL;

  show (f, v1);
  tag_blocks (f);

  /* an edit inside one paragraph replaces that block only */
  show (f, v2);
  tags = block_tags (f);
  g_assert_cmpstr (tags, ==, "[0,1,-1,3,4]");
  text = eval_json (f, "return document.querySelectorAll('#content > .chunk > .block')[2].textContent;");
  g_assert_cmpstr (text, ==, "\"Second paragraph, edited.\"");

  /* a new paragraph is inserted; the blocks after it keep their DOM but
   * learn their new lines */
  g_clear_pointer (&tags, g_free);
  tag_blocks (f);
  show (f, v3);
  tags = block_tags (f);
  g_assert_cmpstr (tags, ==, "[0,1,-1,2,3,4]");
  lines = eval_json (f, "return Array.from(document.querySelectorAll('#content > .chunk > .block'), (b) => b.dataset.first + '-' + b.dataset.last).join(' ');");
  g_assert_cmpstr (lines, ==, "\"8-8 10-10 12-12 14-14 16-16 18-18\"");

  /* deleting a heading removes one block */
  g_clear_pointer (&tags, g_free);
  tag_blocks (f);
  show (f, v4);
  tags = block_tags (f);
  g_assert_cmpstr (tags, ==, "[0,1,2,3,5]");
}

static void
test_raw_html_blocks (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *r = NULL;

  /* raw HTML around Markdown, as authors write collapsible sections: the
   * Markdown in between belongs inside the element, as on the site */
  show (f, "Before.\n\n<details>\n<summary>More</summary>\n\nSome *markdown* inside.\n\n- a list\n\n</details>\n\nAfter.\n");
  r = eval_json (f, "return [document.querySelectorAll('#content details p, #content details ul').length, document.querySelector('#content details').parentElement.classList.contains('block'), Array.from(document.querySelectorAll('#content > .chunk > .block'), (b) => b.dataset.first + '-' + b.dataset.last).join(' ')];");
  g_assert_cmpstr (r, ==, "[2,true,\"1-1 3-10 12-12\"]");

  g_clear_pointer (&r, g_free);
  show (f, "Before.\n\n<details>\n<summary>More</summary>\n\nSome *markdown* edited.\n\n- a list\n\n</details>\n\nAfter.\n");
  r = eval_json (f, "return document.querySelector('#content details p').textContent;");
  g_assert_cmpstr (r, ==, "\"Some markdown edited.\"");

  /* never closed: left as the blocks are */
  g_clear_pointer (&r, g_free);
  show (f, "<div>\n\nText.\n");
  r = eval_json (f, "return document.querySelectorAll('#content > .chunk > .block').length;");
  g_assert_cmpstr (r, ==, "2");
}

static void
test_scroll (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new (POST_HEAD);
  g_autoptr(GString) edited_below = NULL;
  g_autoptr(GString) edited_above = NULL;
  g_autofree char *r = NULL;
  double y, top_before, top_after;
  char *p;

  for (guint i = 0; i < 200; i++)
    g_string_append_printf (text, "Paragraph %u with some words to fill a line or two of text.\n\n", i);
  show (f, text->str);

  r = eval_json (f, "window.scrollTo(0, 3000); return window.scrollY;");
  y = eval_number (f, "return window.scrollY;");
  g_assert_cmpfloat (y, ==, 3000);

  /* an edit far below the viewport */
  edited_below = g_string_new (text->str);
  p = strstr (edited_below->str, "Paragraph 190 ");
  g_string_insert (edited_below, p - edited_below->str, "Longer and longer words.\n\nAnd a new paragraph.\n\n");
  show (f, edited_below->str);
  g_assert_cmpfloat (eval_number (f, "return window.scrollY;"), ==, y);

  /* an edit above it, growing the page: what is on screen stays put */
  top_before = eval_number (f, "const b = Array.from(document.querySelectorAll('#content > .chunk > .block')).find((e) => e.getBoundingClientRect().top > 0); window.__anchor = b; return b.getBoundingClientRect().top;");
  edited_above = g_string_new (edited_below->str);
  p = strstr (edited_above->str, "Paragraph 3 ");
  g_string_insert (edited_above, p - edited_above->str, "Inserted above.\n\nAnd another one.\n\nAnd a third.\n\n");
  show (f, edited_above->str);
  top_after = eval_number (f, "return window.__anchor.isConnected ? window.__anchor.getBoundingClientRect().top : -1;");
  g_assert_cmpfloat_with_epsilon (top_after, top_before, 1.0);

  /* scroll sync: the block of line 400 comes into view */
  byline_preview_scroll_to_line (f->preview, 8 + 2 * 190);
  byline_test_spin (200);
  g_clear_pointer (&r, g_free);
  r = eval_json (f, "return 0;"); /* round trip: the scroll script has run */
  g_clear_pointer (&r, g_free);
  r = eval_json (f, "const b = Array.from(document.querySelectorAll('#content > .chunk > .block')).find((e) => e.textContent.startsWith('Paragraph 187 ')); const rc = b.getBoundingClientRect(); return rc.top >= 0 && rc.bottom <= window.innerHeight;");
  g_assert_cmpstr (r, ==, "true");

  /* a frontmatter line: back to the header */
  byline_preview_scroll_to_line (f->preview, 2);
  byline_test_spin (200);
  g_assert_cmpfloat (eval_number (f, "return window.scrollY;"), ==, 0);
}

static void
test_header (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *title = NULL;
  g_autofree char *draft = NULL;
  g_autofree char *kept = NULL;

  show (f, "---\ntitle: First\npubDatetime: 2026-01-02\n---\n\nBody.\n");
  draft = eval_json (f, "return document.querySelector('#post-header .draft') === null;");
  g_assert_cmpstr (draft, ==, "true");
  g_clear_pointer (&draft, g_free);
  eval_number (f, "document.querySelector('#content > .chunk > .block').__tag = 'kept'; return 0;");

  show (f, "---\ntitle: Second <b>title</b>\npubDatetime: 2026-01-02\ndraft: true\n---\n\nBody.\n");
  title = eval_json (f, "return document.querySelector('#post-header h1').textContent;");
  g_assert_cmpstr (title, ==, "\"Second <b>title</b>\"");
  draft = eval_json (f, "const d = document.querySelector('#post-header .draft'); return d !== null && d.getBoundingClientRect().width > 0 ? d.textContent : null;");
  g_assert_cmpstr (draft, ==, "\"Draft\"");
  /* patched, not reloaded: the body's DOM is the same */
  kept = eval_json (f, "return document.querySelector('#content > .chunk > .block').__tag;");
  g_assert_cmpstr (kept, ==, "\"kept\"");

  /* broken YAML mid-edit keeps the last good header */
  g_clear_pointer (&title, g_free);
  show (f, "---\ntitle: [unclosed\ndraft: true\n---\n\nBody.\n");
  title = eval_json (f, "return document.querySelector('#post-header h1').textContent;");
  g_assert_cmpstr (title, ==, "\"Second <b>title</b>\"");
}

static void
test_hostile (Fixture       *f,
              gconstpointer  data)
{
  const char *post =
    "---\ntitle: Hostile\n---\n\n"
    "<script>document.title = 'pwned'; window.pwned = 1;</script>\n\n"
    "<img src=\"nope.png\" onerror=\"document.title = 'pwned'; window.pwned = 2;\">\n\n"
    "[click me](javascript:document.title='pwned') and "
    "<a id=\"js\" href=\" JaVaScRiPt:window.pwned=3\">me</a>\n\n"
    "<meta http-equiv=\"refresh\" content=\"0; url=https://example.org/\">\n\n"
    "<svg onload=\"document.title = 'pwned'; window.pwned = 4;\"><a xlink:href=\"javascript:window.pwned=5\"><text>x</text></a></svg>\n\n"
    "<iframe srcdoc=\"<script>parent.document.title = 'pwned'; parent.pwned = 6;</script>\"></iframe>\n\n"
    "<div onclick=\"window.pwned = 7\" id=\"clicky\">click</div>\n\n"
    "<form action=\"https://example.org/\"><button id=\"submit\">go</button></form>\n\n"
    "<base href=\"https://example.org/\">\n\n"
    "<object data=\"data:text/html,<script>parent.pwned=8</script>\"></object>\n\n"
    /* forms the page's quick test for markup to sanitize must not miss */
    "<a href=\"&#106;ava&Tab;script:window.pwned=9\">e</a> <a href=\"x\"onclick=\"window.pwned=10\">q</a> "
    "<svg/onload=\"window.pwned=11\"></svg> <a href=\"j\ta v\na script:window.pwned=12\">w</a>\n";
  g_autofree char *uri_before = NULL;
  g_autofree char *r = NULL;

  show (f, "# Safe\n");
  uri_before = g_strdup (webkit_web_view_get_uri (WEBKIT_WEB_VIEW (f->preview)));
  show (f, post);

  /* clicks on everything that could act */
  r = eval_json (f, "for (const e of document.querySelectorAll('a, #clicky, #submit')) e.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true })); return 0;");
  byline_test_spin (1000);
  g_clear_pointer (&r, g_free);

  r = eval_json (f, "return [document.title, typeof window.pwned, document.querySelectorAll('#content script, #content meta, #content base').length, document.querySelectorAll('[onerror], [onload], [onclick]').length, document.querySelectorAll('iframe[srcdoc]:not([sandbox])').length];");
  g_assert_cmpstr (r, ==, "[\"\",\"undefined\",0,0,0]");
  g_clear_pointer (&r, g_free);
  r = eval_json (f, "return Array.from(document.querySelectorAll('#content a'), (a) => a.getAttribute('href') ?? a.getAttribute('xlink:href'));");
  g_assert_cmpstr (r, ==, "[null,null,null,null,null]");
  g_assert_cmpstr (webkit_web_view_get_uri (WEBKIT_WEB_VIEW (f->preview)), ==, uri_before);
  g_assert_cmpuint (f->links->len, ==, 0);
  /* still our page, still patchable */
  g_clear_pointer (&r, g_free);
  show (f, "---\ntitle: Hostile\n---\n\nAfter.\n");
  r = eval_json (f, "return document.querySelector('#content').textContent.trim();");
  g_assert_cmpstr (r, ==, "\"After.\"");
}

static void
test_links (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new (POST_HEAD "[web](https://example.org/page) and [jump](#target)\n\n");
  g_autofree char *uri_before = NULL;
  g_autofree char *r = NULL;

  for (guint i = 0; i < 100; i++)
    g_string_append_printf (text, "Filler paragraph %u.\n\n", i);
  g_string_append (text, "<h2 id=\"target\">Target</h2>\n\nEnd.\n");
  show (f, text->str);
  uri_before = g_strdup (webkit_web_view_get_uri (WEBKIT_WEB_VIEW (f->preview)));

  r = eval_json (f, "document.querySelector('a[href^=https]').click(); return 0;");
  byline_test_spin (300);
  g_assert_cmpuint (f->links->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->links, 0), ==, "https://example.org/page");
  g_assert_cmpstr (webkit_web_view_get_uri (WEBKIT_WEB_VIEW (f->preview)), ==, uri_before);

  g_clear_pointer (&r, g_free);
  r = eval_json (f, "document.querySelector('a[href=\"#target\"]').click(); return 0;");
  byline_test_spin (300);
  g_assert_cmpuint (f->links->len, ==, 1);
  /* scrolled as far as the page goes, the target in view */
  g_assert_cmpfloat (eval_number (f, "return window.scrollY;"), >, 1000);
  g_assert_cmpfloat (eval_number (f, "const r = document.getElementById('target').getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight ? 1 : 0;"), ==, 1);
  g_assert_cmpstr (webkit_web_view_get_uri (WEBKIT_WEB_VIEW (f->preview)), ==, uri_before);

  /* clicking a block reports its first line */
  g_clear_pointer (&r, g_free);
  r = eval_json (f, "Array.from(document.querySelectorAll('#content p')).find((p) => p.textContent === 'Filler paragraph 3.').click(); return 0;");
  byline_test_spin (300);
  g_assert_cmpuint (f->lines->len, ==, 1);
  g_assert_cmpuint (g_array_index (f->lines, guint, 0), ==, 8 + 2 + 2 * 3);
}

static void
test_coalesce (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new (POST_HEAD);
  g_autofree char *r = NULL;

  show (f, "Start.\n");
  f->n_painted = 0;
  /* a burst of keystrokes: far fewer renders than changes, the last wins */
  for (guint i = 0; i < 50; i++)
    {
      g_string_append_c (text, 'a' + i % 26);
      byline_preview_set_text (f->preview, text->str, text->len);
    }
  wait_painted (f);
  g_assert_cmpuint (f->n_painted, <=, 3);
  r = eval_json (f, "return document.querySelector('#content').textContent.trim().length;");
  g_assert_cmpstr (r, ==, "50");
}

/* [every chunk holds 1 to 128 blocks, nothing but chunks in #content] */
#define CHUNK_SHAPE \
  "const c = Array.from(document.querySelectorAll('#content > .chunk'), (e) => e.childElementCount);" \
  "return [c.every((n) => n >= 1 && n <= 128), document.querySelector('#content').childElementCount === c.length];"

static void
test_large (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new (POST_HEAD);
  g_autofree char *r = NULL;
  char *p;

  /* over the worker threshold */
  for (guint i = 0; i < 3000; i++)
    g_string_append_printf (text, "Paragraph %u of a long document, long enough.\n\n", i);
  g_assert_cmpuint (text->len, >, 100 * 1024);
  show (f, text->str);
  g_assert_cmpfloat (eval_number (f, "return document.querySelectorAll('#content > .chunk > .block').length;"), ==, 3000);
  tag_blocks (f);

  p = strstr (text->str, "Paragraph 1500 ");
  g_string_insert (text, p - text->str, "X");
  show (f, text->str);
  r = eval_json (f, "return Array.from(document.querySelectorAll('#content > .chunk > .block')).filter((b) => b.__tag === undefined).map((b) => b.textContent);");
  g_assert_cmpstr (r, ==, "[\"XParagraph 1500 of a long document, long enough.\"]");

  /* a new paragraph: later blocks keep their DOM and learn their new lines */
  tag_blocks (f);
  p = strstr (text->str, "Paragraph 2000 ");
  g_string_insert (text, p - text->str, "Brand new.\n\n");
  show (f, text->str);
  g_clear_pointer (&r, g_free);
  r = eval_json (f, "const b = Array.from(document.querySelectorAll('#content > .chunk > .block')); return [b.length, b.filter((e) => e.__tag === undefined).length, b[2999].dataset.first, b[3000].dataset.first, b[3000].textContent];");
  g_assert_cmpstr (r, ==, "[3001,1,\"6006\",\"6008\",\"Paragraph 2999 of a long document, long enough.\"]");

  /* Blocks sit in chunks so that a change relays out one chunk, not the
   * whole post. A paste of many paragraphs in one place splits its chunk;
   * deleting them leaves no empty chunk behind. */
  g_clear_pointer (&r, g_free);
  r = eval_json (f, CHUNK_SHAPE);
  g_assert_cmpstr (r, ==, "[true,true]");
  {
    g_autoptr(GString) pasted = g_string_new (NULL);
    gsize at;

    for (guint i = 0; i < 500; i++)
      g_string_append_printf (pasted, "Pasted %u.\n\n", i);
    p = strstr (text->str, "Paragraph 700 ");
    at = p - text->str;
    g_string_insert (text, at, pasted->str);
    show (f, text->str);
    g_clear_pointer (&r, g_free);
    r = eval_json (f, "const b = document.querySelectorAll('#content > .chunk > .block'); return [b.length, b[700].textContent, b[1199].textContent, b[1200].textContent];");
    g_assert_cmpstr (r, ==, "[3501,\"Pasted 0.\",\"Pasted 499.\",\"Paragraph 700 of a long document, long enough.\"]");
    g_clear_pointer (&r, g_free);
    r = eval_json (f, CHUNK_SHAPE);
    g_assert_cmpstr (r, ==, "[true,true]");

    g_string_erase (text, at, pasted->len);
    show (f, text->str);
    g_clear_pointer (&r, g_free);
    r = eval_json (f, "return document.querySelectorAll('#content > .chunk > .block').length;");
    g_assert_cmpstr (r, ==, "3001");
    g_clear_pointer (&r, g_free);
    r = eval_json (f, CHUNK_SHAPE);
    g_assert_cmpstr (r, ==, "[true,true]");
  }

  /* Large documents render only the changed blocks while typing; once typing
   * pauses the whole body is rendered again. It must find nothing to fix. */
  tag_blocks (f);
  byline_test_spin (1600);
  g_clear_pointer (&r, g_free);
  r = eval_json (f, "return document.querySelectorAll('#content > .chunk > .block').length - Array.from(document.querySelectorAll('#content > .chunk > .block')).filter((b) => b.__tag !== undefined).length;");
  g_assert_cmpstr (r, ==, "0");
}

/* Random keystrokes all over the corpus bodies (over the size where only
 * changed blocks are rendered): after each, the page must show exactly what
 * a full render shows. The full render that follows a pause finds nothing
 * to change. */
static void
test_incremental_corpus (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) paths = byline_test_corpus_files (BYLINE_TEST_CORPUS_WITH_MDX);
  g_autoptr(GString) text = g_string_new (POST_HEAD);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261124);
  static const char keys[] = "ab *_`\n\n-#[]()<>|:1.\\";
  guint n_checked = 0;

  if (paths == NULL)
    {
      g_test_skip ("no corpus: BYLINE_CORPUS_DIR is not a folder of posts");
      return;
    }
  for (guint i = 0; i < paths->len; i++)
    {
      g_autofree char *post = NULL;
      const char *body;

      g_assert_true (g_file_get_contents (g_ptr_array_index (paths, i), &post, NULL, NULL));
      body = post;
      if (g_str_has_prefix (post, "---"))
        {
          const char *close = strstr (post + 3, "\n---");

          if (close != NULL && (close = strchr (close + 1, '\n')) != NULL)
            body = close + 1;
        }
      g_string_append (text, body);
      g_string_append (text, "\n\n");
    }
  show (f, text->str);

  for (guint round = 0; round < 20; round++)
    {
      g_autofree char *r = NULL;

      /* a burst of keystrokes at one place, then a check */
      gsize pos = g_rand_int_range (rand, strlen (POST_HEAD), text->len);

      for (guint k = 0; k < 4; k++)
        {
          guint what = g_rand_int_range (rand, 0, 5);

          if (what == 0 && pos < text->len)
            g_string_erase (text, pos, 1);
          else
            g_string_insert_c (text, pos++, keys[g_rand_int_range (rand, 0, sizeof keys - 1)]);
          if (!g_utf8_validate (text->str, text->len, NULL))
            {
              /* cut through a multi-byte character: put it right */
              g_autofree char *valid = g_utf8_make_valid (text->str, text->len);

              g_string_assign (text, valid);
              pos = MIN (pos, text->len);
            }
          show (f, text->str);
        }
      tag_blocks (f);
      byline_test_spin (1300);
      r = eval_json (f, "const b = Array.from(document.querySelectorAll('#content > .chunk > .block')); return b.filter((e) => e.__tag === undefined).map((e) => e.getAttribute('data-first') + ': ' + e.textContent.slice(0, 60));");
      g_assert_cmpstr (r, ==, "[]");
      n_checked++;
    }
  g_assert_cmpuint (n_checked, ==, 20);
}

static void
test_paused (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GString) big = g_string_new (NULL);
  g_autofree char *r = NULL;

  show (f, "Small.\n");
  byline_preview_set_size_limit (f->preview, 1000);
  while (big->len <= 1000)
    g_string_append (big, "Too big.\n\n");
  byline_preview_set_text (f->preview, big->str, big->len);
  g_assert_true (byline_preview_get_paused (f->preview));
  byline_test_spin (200);
  r = eval_json (f, "const p = document.getElementById('paused'); return !p.hidden && p.textContent.length > 0;");
  g_assert_cmpstr (r, ==, "true");

  show (f, "Small again.\n");
  g_assert_false (byline_preview_get_paused (f->preview));
  g_clear_pointer (&r, g_free);
  r = eval_json (f, "return [document.getElementById('paused').hidden, document.querySelector('#content').textContent.trim()];");
  g_assert_cmpstr (r, ==, "[true,\"Small again.\"]");
}

/* A render nested deeper than WebKit builds pauses the preview rather than
 * hand the page a DOM it takes minutes and gigabytes over; the page keeps
 * what it showed until the text is sane again. */
static void
test_paused_deep (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autofree char *r = NULL;

  show (f, "Shallow.\n");
  for (guint i = 0; i < 1000; i++)
    g_string_append (deep, "> ");
  g_string_append (deep, "Deep.\n");
  byline_preview_set_text (f->preview, deep->str, deep->len);
  WAIT_UNTIL (byline_preview_get_paused (f->preview));
  byline_test_spin (200);
  r = eval_json (f, "const p = document.getElementById('paused'); "
                    "return [!p.hidden && p.textContent.length > 0, "
                    "document.querySelector('#content').textContent.trim()];");
  g_assert_cmpstr (r, ==, "[true,\"Shallow.\"]");

  show (f, "Shallow again.\n");
  g_assert_false (byline_preview_get_paused (f->preview));
  g_clear_pointer (&r, g_free);
  r = eval_json (f, "return [document.getElementById('paused').hidden, document.querySelector('#content').textContent.trim()];");
  g_assert_cmpstr (r, ==, "[true,\"Shallow again.\"]");
}

/* A table row too wide for cmark-gfm to parse in reasonable time pauses
 * the preview the same way; a sane table resumes it. */
static void
test_paused_wide (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GString) wide = g_string_new (NULL);
  g_autofree char *r = NULL;

  show (f, "| a | b |\n|---|---|\n| 1 | 2 |\n");
  for (guint row = 0; row < 3; row++)
    {
      for (guint i = 0; i < 1500; i++)
        g_string_append (wide, row == 1 ? "|---" : "| x ");
      g_string_append (wide, "|\n");
    }
  byline_preview_set_text (f->preview, wide->str, wide->len);
  WAIT_UNTIL (byline_preview_get_paused (f->preview));
  byline_test_spin (200);
  r = eval_json (f, "const p = document.getElementById('paused'); "
                    "return [!p.hidden && p.textContent.length > 0, "
                    "document.querySelectorAll('#content th').length];");
  g_assert_cmpstr (r, ==, "[true,2]");

  show (f, "| a | b | c |\n|---|---|---|\n| 1 | 2 | 3 |\n");
  g_assert_false (byline_preview_get_paused (f->preview));
  g_clear_pointer (&r, g_free);
  r = eval_json (f, "return [document.getElementById('paused').hidden, document.querySelectorAll('#content th').length];");
  g_assert_cmpstr (r, ==, "[true,3]");
}

/* Until the page shows all it holds (a post of many blocks, or a list of
 * many items, is shown from the top a few chunks a frame) */
static void
wait_all_shown (Fixture *f)
{
  gint64 deadline = g_get_monotonic_time () + HOSTILE_TIMEOUT_S * G_USEC_PER_SEC;

  while (eval_number (f, "return document.querySelectorAll('#content [hidden]').length;") > 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      byline_test_spin (100);
    }
}

/* 100,000 headings (1 MB): the page used to lay out every one of them
 * before its first paint (49 s of its script). It paints the top first,
 * shows the rest over the next frames, jumps anywhere on request, and takes
 * an edit. */
static void
test_many_headings (Fixture       *f,
                    gconstpointer  data)
{
  BylineTestHostilePost hostile;
  g_autofree char *r = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *last_id = NULL;
  gsize at;

  byline_test_hostile_make (BYLINE_TEST_HOSTILE_HEADINGS, 1024 * 1024, 0, &hostile);
  show (f, "Loading.\n");
  byline_preview_set_text (f->preview, hostile.text->str, hostile.text->len);
  wait_painted_for (f, HOSTILE_TIMEOUT_S);

  /* all the headings are in the page; what is below the first screens is
   * not shown yet */
  r = eval_json (f, "const c = document.querySelectorAll('#content > .chunk'); "
                    "return [document.querySelectorAll('#content > .chunk > .block > h1').length, "
                    "c[0].hidden, c[c.length - 1].hidden];");
  expected = g_strdup_printf ("[%u,false,true]", hostile.n_units);
  g_assert_cmpstr (r, ==, expected);

  /* the outline's jump to the last heading shows it */
  last_id = g_strdup_printf ("heading-%u", hostile.n_units - 1);
  byline_preview_scroll_to_heading (f->preview, last_id);
  g_clear_pointer (&r, g_free);
  g_free (expected);
  expected = g_strdup_printf ("const r = document.getElementById('%s').getBoundingClientRect(); "
                              "return window.scrollY > 0 && r.height > 0 && r.top >= 0 && "
                              "r.bottom <= window.innerHeight ? 1 : 0;", last_id);
  WAIT_UNTIL (eval_number (f, expected) == 1);

  /* an edit in the middle still patches the page */
  at = byline_test_hostile_edit_at (hostile.text, hostile.body_start);
  g_string_insert (hostile.text, at, "Edited ");
  byline_preview_set_text (f->preview, hostile.text->str, hostile.text->len);
  wait_painted_for (f, HOSTILE_TIMEOUT_S);
  g_clear_pointer (&r, g_free);
  r = eval_json (f, "const h = document.querySelectorAll('#content h1'); "
                    "return [h.length, Array.prototype.filter.call(h, (e) => e.textContent.includes('Edited ')).length];");
  g_free (expected);
  expected = g_strdup_printf ("[%u,1]", hostile.n_units);
  g_assert_cmpstr (r, ==, expected);
  wait_all_shown (f);

  byline_test_hostile_clear (&hostile);
}

/* 50,000 footnotes (1 MB): WebKit numbers the items of one list in time
 * that grows with the square of their number, and the page never painted
 * them. The list is shown in parts, numbered on; a link to the last note
 * goes there; typing in a note patches the page. */
static void
test_many_footnotes (Fixture       *f,
                     gconstpointer  data)
{
  BylineTestHostilePost hostile;
  g_autofree char *r = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *script = NULL;
  const char *line;
  guint note;
  gsize at;

  byline_test_hostile_make (BYLINE_TEST_HOSTILE_FOOTNOTES, 1024 * 1024, 0, &hostile);
  g_assert_cmpuint (hostile.n_units, >, 40000);
  show (f, "Loading.\n");
  byline_preview_set_text (f->preview, hostile.text->str, hostile.text->len);
  wait_painted_for (f, HOSTILE_TIMEOUT_S);

  /* every note, numbered as in one list */
  r = eval_json (f, "const li = document.querySelectorAll('#content section.footnotes li'); "
                    "const last = li[li.length - 1]; const ol = last.parentNode; "
                    "return [li.length, (+ol.getAttribute('start') || 1) + Array.prototype.indexOf.call(ol.children, last), "
                    "last.id, document.querySelectorAll('#content section.footnotes ol:not([start])').length];");
  expected = g_strdup_printf ("[%u,%u,\"user-content-fn-%u\",1]",
                              hostile.n_units, hostile.n_units, hostile.n_units);
  g_assert_cmpstr (r, ==, expected);

  /* a click on the last reference shows its note */
  g_free (script);
  script = g_strdup_printf ("document.querySelector('a[href=\"#user-content-fn-%u\"]')"
                            ".dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true })); "
                            "return 0;", hostile.n_units);
  eval_number (f, script);
  g_free (script);
  script = g_strdup_printf ("const r = document.getElementById('user-content-fn-%u').getBoundingClientRect(); "
                            "return r.height > 0 && r.top >= 0 && r.top < window.innerHeight ? 1 : 0;",
                            hostile.n_units);
  WAIT_UNTIL (eval_number (f, script) == 1);

  /* typing in a note's text replaces that note only: the others, marked
   * here, keep their nodes (the whole section took 6 s to parse again),
   * and the note keeps its number */
  at = byline_test_hostile_edit_at (hostile.text, hostile.body_start);
  line = g_strrstr_len (hostile.text->str, at, "\n[^") + 3;
  note = (guint) g_ascii_strtoull (line, NULL, 10);
  g_free (script);
  script = g_strdup_printf ("for (const id of ['user-content-fn-1', 'user-content-fn-%u', 'user-content-fn-%u']) "
                            "document.getElementById(id).__kept = true; return 0;", note - 1, note);
  eval_number (f, script);
  g_string_insert (hostile.text, at, "Edited ");
  byline_preview_set_text (f->preview, hostile.text->str, hostile.text->len);
  wait_painted_for (f, HOSTILE_TIMEOUT_S);
  g_free (script);
  script = g_strdup_printf ("const li = document.getElementById('user-content-fn-%u'); const ol = li.parentNode; "
                            "const kept = (id) => document.getElementById(id).__kept === true; "
                            "return [document.querySelectorAll('#content section.footnotes li').length, "
                            "li.textContent.trim().startsWith('Edited y'), "
                            "(+ol.getAttribute('start') || 1) + Array.prototype.indexOf.call(ol.children, li), "
                            "kept('user-content-fn-1'), kept('user-content-fn-%u'), kept('user-content-fn-%u')];",
                            note, note - 1, note);
  g_clear_pointer (&r, g_free);
  r = eval_json (f, script);
  g_free (expected);
  expected = g_strdup_printf ("[%u,true,%u,true,true,false]", hostile.n_units, note);
  g_assert_cmpstr (r, ==, expected);
  wait_all_shown (f);

  byline_test_hostile_clear (&hostile);
}

/* A patch of thousands of blocks (a paste, a find and replace) chunks the
 * page afresh, and a chunk that grows too long is split; an embed whose
 * block did not change must not be taken out of the document and put
 * back, which loads it again (a video restarts).
 * An iframe's window is that of its frame: a new frame, a new window. */
static void
test_keeps_iframes (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *r = NULL;

  for (guint pass = 0; pass < 2; pass++)
    {
      g_string_truncate (text, 0);
      for (guint i = 0; i < 2500; i++)
        g_string_append_printf (text, "Paragraph %u%s.\n\n", i, pass > 0 ? ", edited" : "");
      g_string_append (text, "<iframe srcdoc=\"<p>embed</p>\"></iframe>\n\n");
      for (guint i = 0; i < 100; i++)
        g_string_append_printf (text, "After %u.\n\n", i);
      if (pass == 0)
        {
          show (f, text->str);
          eval_number (f, "window.__frame = document.querySelector('#content iframe').contentWindow; "
                          "return 0;");
        }
    }
  byline_preview_set_text (f->preview, text->str, -1);
  wait_painted_for (f, HOSTILE_TIMEOUT_S);

  r = eval_json (f, "const b = Array.from(document.querySelectorAll('#content > .chunk > .block')); "
                    "const p = document.querySelectorAll('#content p'); "
                    "return [b.length, b.every((x, i) => i === 0 || +x.dataset.first > +b[i - 1].dataset.first), "
                    "p[0].textContent, p[2499].textContent, b[2500].querySelector('iframe') !== null, "
                    "document.querySelector('#content iframe').contentWindow === window.__frame, "
                    "Array.from(document.querySelectorAll('#content > .chunk'), (c) => c.childElementCount).every((n) => n > 0 && n <= 128)];");
  g_assert_cmpstr (r, ==, "[2601,true,\"Paragraph 0, edited.\",\"Paragraph 2499, edited.\",true,true,true]");
  wait_all_shown (f);

  /* a chunk that grows past twice its size is split: the embed's half
   * stays where it is */
  for (guint pass = 0; pass < 2; pass++)
    {
      g_string_truncate (text, 0);
      for (guint i = 0; pass > 0 && i < 65; i++)
        g_string_append_printf (text, "New %u.\n\n", i);
      for (guint i = 0; i < 63; i++)
        g_string_append_printf (text, "Paragraph %u.\n\n", i);
      g_string_append (text, "<iframe srcdoc=\"<p>embed</p>\"></iframe>\n\nAfter.\n");
      show (f, text->str);
      if (pass == 0)
        eval_number (f, "window.__frame = document.querySelector('#content iframe').contentWindow; "
                        "return 0;");
    }
  g_clear_pointer (&r, g_free);
  r = eval_json (f, "const b = Array.from(document.querySelectorAll('#content > .chunk > .block')); "
                    "return [b.length, b[0].textContent.trim(), b[128].querySelector('iframe') !== null, "
                    "document.querySelector('#content iframe').contentWindow === window.__frame, "
                    "Array.from(document.querySelectorAll('#content > .chunk'), (c) => c.childElementCount).every((n) => n > 0 && n <= 128)];");
  g_assert_cmpstr (r, ==, "[130,\"New 0.\",true,true,true]");
}

/* Showing the chunks of a long post a frame at a time repaints the whole
 * view each frame, which costs the widget's main thread 10-25 ms a frame;
 * a keystroke that landed among those frames waited for one. The page
 * stops showing from the keystroke on (the widget tells it, before the
 * patch is rendered) and goes on once patches pause (500 ms). */
static void
test_typing_holds_showing (Fixture       *f,
                           gconstpointer  data)
{
  BylineTestHostilePost hostile;
  g_autofree char *r = NULL;
  gsize at;

  byline_test_hostile_make (BYLINE_TEST_HOSTILE_HEADINGS, 1024 * 1024, 0, &hostile);
  show (f, "Loading.\n");
  byline_preview_set_text (f->preview, hostile.text->str, hostile.text->len);
  wait_painted_for (f, HOSTILE_TIMEOUT_S);

  /* page time: frames that showed chunks between the keystroke and its
   * patch, the patch, the first frame that showed chunks after it */
  eval_number (f, "window.__between = 0; window.__edit = null; window.__shown = null; "
                  "window.__hiddenAtEdit = -1; "
                  "new MutationObserver((records) => { const now = performance.now(); "
                  "let shown = false; "
                  "for (const r of records) { "
                  "if (r.type === 'childList' && window.__edit === null) { window.__edit = now; "
                  "window.__hiddenAtEdit = document.querySelectorAll('#content > .chunk[hidden]').length; } "
                  "else if (r.type === 'attributes' && !r.target.hidden) shown = true; } "
                  "if (shown && window.__edit === null) window.__between++; "
                  "else if (shown && window.__shown === null) window.__shown = now; })"
                  ".observe(document.getElementById('content'), "
                  "{ subtree: true, childList: true, attributes: true, attributeFilter: ['hidden'] }); "
                  "return 0;");
  at = byline_test_hostile_edit_at (hostile.text, hostile.body_start);
  g_string_insert (hostile.text, at, "Edited ");
  byline_preview_set_text (f->preview, hostile.text->str, hostile.text->len);
  wait_painted_for (f, HOSTILE_TIMEOUT_S);
  /* (on a slow machine everything may be shown before the patch comes) */
  WAIT_UNTIL_FOR (eval_number (f, "return window.__shown !== null || "
                                  "document.querySelectorAll('#content [hidden]').length === 0 ? 1 : 0;") == 1,
                  HOSTILE_TIMEOUT_S);

  r = eval_json (f, "return [window.__hiddenAtEdit, window.__between, window.__shown - window.__edit];");
  g_test_message ("chunks hidden at the edit, frames showing before it, ms to the next: %s", r);
  g_free (r);
  r = eval_json (f, "return [window.__hiddenAtEdit > 0, window.__between <= 3, "
                    "window.__shown - window.__edit >= 450];");
  if (g_str_has_prefix (r, "[false"))
    g_test_skip ("every chunk was shown before the edit came");
  else
    g_assert_cmpstr (r, ==, "[true,true,true]");
  wait_all_shown (f);

  byline_test_hostile_clear (&hostile);
}

static void
test_remote_content (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *r = NULL;

  show (f, "![remote](https://example.org/x.png)\n");
  g_assert_true (byline_preview_get_remote_content (f->preview));
  byline_preview_set_remote_content (f->preview, FALSE);
  wait_painted (f);
  r = eval_json (f, "return [document.querySelector('meta[http-equiv=Content-Security-Policy]').content.includes(\"frame-src 'none'\"), document.querySelectorAll('#content img').length];");
  g_assert_cmpstr (r, ==, "[true,1]");
}

static void
test_relative_image (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("byline-preview-XXXXXX", &error);
  g_autofree char *png = NULL;
  g_autofree char *md = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) pixels = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  guchar data_rgba[4 * 4 * 4];
  double width = 0;

  g_assert_no_error (error);
  memset (data_rgba, 0x80, sizeof data_rgba);
  pixels = g_bytes_new (data_rgba, sizeof data_rgba);
  texture = gdk_memory_texture_new (4, 4, GDK_MEMORY_R8G8B8A8, pixels, 16);
  png = g_build_filename (dir, "pic.png", NULL);
  g_assert_true (gdk_texture_save_to_png (texture, png));
  md = g_build_filename (dir, "post.md", NULL);
  file = g_file_new_for_path (md);

  byline_preview_set_file (f->preview, file);
  show (f, "---\ntitle: Pictures\n---\n\n![a pixel](./pic.png)\n");
  for (guint i = 0; i < 50 && width == 0; i++)
    {
      width = eval_number (f, "const i = document.querySelector('#content img'); return i && i.complete ? i.naturalWidth : 0;");
      if (width == 0)
        byline_test_spin (100);
    }
  g_assert_cmpfloat (width, ==, 4);

  g_unlink (png);
  g_rmdir (dir);
}

static void
test_dark (Fixture       *f,
           gconstpointer  data)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  g_autofree char *r = NULL;

  show (f, "Text.\n");
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  byline_test_spin (300);
  r = eval_json (f, "return [document.documentElement.className, getComputedStyle(document.documentElement).backgroundColor];");
  g_assert_cmpstr (r, ==, "[\"dark\",\"rgb(33, 39, 55)\"]");
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  byline_test_spin (300);
  g_clear_pointer (&r, g_free);
  r = eval_json (f, "return document.documentElement.className;");
  g_assert_cmpstr (r, ==, "\"light\"");
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
}

/* Not a test: with BYLINE_SCREENSHOT_DIR set, shows the sample post in light
 * and dark and grabs the screen, for a human to look at. */
static void
test_screenshot (Fixture       *f,
                 gconstpointer  data)
{
  const char *dir = g_getenv ("BYLINE_SCREENSHOT_DIR");
  const char *post = g_getenv ("BYLINE_SCREENSHOT_POST");  /* else the sample */
  g_autofree char *text = NULL;
  AdwStyleManager *manager = adw_style_manager_get_default ();
  const char *schemes[] = { "light", "dark" };

  if (dir == NULL)
    {
      g_test_skip ("BYLINE_SCREENSHOT_DIR not set");
      return;
    }

  if (post != NULL)
    g_assert_true (g_file_get_contents (post, &text, NULL, NULL));
  else
    text = sample_post ();
  gtk_window_maximize (GTK_WINDOW (f->window));
  show (f, text);
  for (guint i = 0; i < G_N_ELEMENTS (schemes); i++)
    {
      g_autofree char *cmd = NULL;
      const char *scroll = g_getenv ("BYLINE_SCREENSHOT_SCROLL");

      adw_style_manager_set_color_scheme (manager, i == 0 ? ADW_COLOR_SCHEME_FORCE_LIGHT
                                                          : ADW_COLOR_SCHEME_FORCE_DARK);
      if (scroll != NULL)
        {
          g_autofree char *js = g_strdup_printf ("window.scrollTo(0, %s); return 0;", scroll);
          g_autofree char *r = eval_json (f, js);
        }
      byline_test_spin (1500);
      cmd = g_strdup_printf ("import -window root %s/preview-%s%s.png", dir, schemes[i],
                             scroll != NULL ? "-scrolled" : "");
      g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL));
    }
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
}

int
main (int   argc,
      char *argv[])
{
  g_set_prgname ("test-preview");
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add ("/preview/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("load-sample", test_load_sample);
  ADD ("patches", test_patches);
  ADD ("raw-html-blocks", test_raw_html_blocks);
  ADD ("scroll", test_scroll);
  ADD ("header", test_header);
  ADD ("hostile", test_hostile);
  ADD ("links", test_links);
  ADD ("coalesce", test_coalesce);
  ADD ("large", test_large);
  ADD ("incremental-corpus", test_incremental_corpus);
  ADD ("paused", test_paused);
  ADD ("paused-deep", test_paused_deep);
  ADD ("paused-wide", test_paused_wide);
  ADD ("many-headings", test_many_headings);
  ADD ("many-footnotes", test_many_footnotes);
  ADD ("keeps-iframes", test_keeps_iframes);
  ADD ("typing-holds-showing", test_typing_holds_showing);
  ADD ("remote-content", test_remote_content);
  ADD ("relative-image", test_relative_image);
  ADD ("dark", test_dark);
  ADD ("screenshot", test_screenshot);

  return g_test_run ();
}
