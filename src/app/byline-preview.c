/* byline-preview.c: the live preview of a post, patched block by block
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Byline"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <adwaita.h>

#include "byline-markdown.h"
#include "byline-post.h"
#include "byline-preview.h"
#include "byline-preview-patch.h"
#include "byline-preview-resources.h"
#include "byline-renderer.h"

#define RESOURCE_PATH "/io/github/byline/Byline/preview/"

/* Every render runs on a worker thread. Bytes do not say what a render
 * costs: cmark-gfm takes a few ms per 100 KB of prose, but 90 KB of a table
 * 5,000 columns wide takes it hundreds (its table extension is quadratic in
 * the columns, fixed upstream in 0.29.0.gfm.12, Debian 12 has gfm.6), and
 * a single keystroke can turn such a paragraph into such a table. The hop
 * to a worker and back costs well under a millisecond.
 *
 * Texts above this many bytes render only the blocks an edit changed while
 * the user types (byline-preview-patch.c); smaller ones render in full,
 * which is cheap and always exact. */
#define INCREMENTAL_THRESHOLD (100 * 1024)

/* Renders run from a timeout, not at once, so that changes made in one go (a
 * form edit is a delete and an insert, both in one handler) become one
 * render; a zero delay is enough for that, and any more is added to every
 * keystroke's latency. A timeout rather than an idle: idles starve under
 * GTK's GL renderer while typing. */
#define RENDER_DELAY_MS 0

/* WebKit's HTML parser builds at most 512 levels of elements and hangs
 * deeper ones on their ancestors instead: 50 lists nested 10,000 deep
 * (1 MB of Markdown, 13 MB of HTML) then keep the web process busy for
 * minutes and gigabytes, and the page can take no more patches. The page's
 * own elements take a few levels; a render deeper than this pauses the
 * preview (BylineBlock.depth counts somewhat more levels than the HTML). */
#define MAX_DEPTH 400

/* cmark-gfm 0.29.0.gfm.6 (Debian 12) parses a table row in time quadratic
 * in its cells (each cell is appended to a linked list by walking it;
 * CVE-2023-37463, fixed in gfm.12): 1 MB of a table 5,000 columns wide
 * takes it 1.7 s, and twice the columns four times as long. A post with a
 * line of more cells than this pauses the preview instead; no table anyone
 * reads is that wide, and rows this wide cost it about 1.4 ms each. */
#define MAX_ROW_CELLS 1000

/* The page is rebuilt after the web process dies, but not in a crash loop. */
#define CRASH_RELOAD_INTERVAL_US (5 * G_USEC_PER_SEC)

/* After an incremental render, the whole body is rendered again once typing
 * pauses this long, so the page never drifts from what the site would show. */
#define RECONCILE_DELAY_MS 1000

struct _BylinePreview
{
  WebKitWebView       parent_instance;

  /* owned */
  GFile              *file;
  char               *base_uri;
  char               *post_dir;
  char               *site_src;
  BylinePost         *post;          /* the latest post; NULL while paused */
  BylineShown              *shown;         /* what the page shows */
  char               *shown_header;
  char               *shown_footer;
  GCancellable       *cancellable;   /* cancelled on dispose and on reload */

  guint               render_source;
  guint               serial;        /* of the latest set_text () */
  guint               painted_serial;
  guint               generation;    /* bumped when the page is reloaded */
  guint               scroll_line;
  char               *scroll_id;     /* a heading to show once the blocks are stable */
  guint64             size_limit;
  gint64              last_crash;

  guint               remote_content : 1;
  guint               paused : 1;
  guint               too_large : 1;  /* the post is over size_limit */
  guint               too_complex : 1; /* the latest text nests over MAX_DEPTH
                                        or has rows over MAX_ROW_CELLS */
  guint               dark : 1;
  guint               page_ready : 1;
  guint               site_src_ready : 1;
  guint               dirty : 1;     /* self->post is newer than the page */
  guint               in_flight : 1; /* a render or its patch is under way */
  guint               scroll_pending : 1;
  guint               expect_load : 1;
  guint               force_full : 1; /* next render: the whole body */
  guint               reconcile_source;
};

G_DEFINE_FINAL_TYPE (BylinePreview, byline_preview, WEBKIT_TYPE_WEB_VIEW)

enum {
  PROP_0,
  PROP_FILE,
  PROP_REMOTE_CONTENT,
  PROP_PAUSED,
  PROP_SIZE_LIMIT,
  N_PROPS
};

enum {
  ACTIVATE_LINK,
  LINE_ACTIVATED,
  PAINTED,
  SCROLLED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void byline_preview_schedule (BylinePreview *self);
static void update_paused           (BylinePreview *self);
static char *paused_script          (BylinePreview *self);

/* One update of the page: the patch, and which page it was made for (a page
 * reloaded meanwhile shows nothing the patch assumes).
 *
 * Tasks on a worker hold the preview only weakly: a GTask holds its source
 * object, and the last reference to a task can be dropped on the worker
 * (when its callback has run already on the main thread). A preview whose
 * widget went away meanwhile was then finalized on the worker thread, which
 * WebKit and GTK answer with an abort (one ASan run in five). */
typedef struct
{
  BylinePreviewPatch *patch;
  guint               generation;
  GWeakRef            preview;
  gboolean            too_wide;   /* not rendered: a table row too wide */
} Update;

static void
update_free (Update *u)
{
  g_clear_pointer (&u->patch, byline_preview_patch_free);
  g_weak_ref_clear (&u->preview);
  g_free (u);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Update, update_free)

/* Whether a line of @text has more than MAX_ROW_CELLS cell separators */
static gboolean
has_too_wide_row (GBytes *text)
{
  gsize len = 0;
  const char *p = g_bytes_get_data (text, &len);
  const char *end = p + len;
  guint cells = 0;

  for (; p != NULL && p < end; p++)
    {
      if (*p == '\n')
        cells = 0;
      else if (*p == '|' && ++cells > MAX_ROW_CELLS)
        return TRUE;
    }
  return FALSE;
}

static void
update_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Update *u = task_data;
  gint64 start = g_get_monotonic_time ();

  if (has_too_wide_row (u->patch->text))
    {
      g_debug ("Preview: a table row of over %d cells, not rendered", MAX_ROW_CELLS);
      u->too_wide = TRUE;
      g_task_return_boolean (task, TRUE);
      return;
    }
  byline_preview_patch_build (u->patch);
  g_debug ("Preview: rendered %" G_GSIZE_FORMAT " bytes on a worker (%s) in %.2f ms, patch of %" G_GSIZE_FORMAT " bytes",
           g_bytes_get_size (u->patch->text), u->patch->incremental ? "changed blocks" : "in full",
           (g_get_monotonic_time () - start) / 1000., u->patch->script->len);
  g_task_return_boolean (task, TRUE);
}

/* ---- talking to the page ------------------------------------------------ */

static void
run_script (BylinePreview *self,
            const char    *script)
{
  g_autofree char *full = g_strconcat (script, ";void 0", NULL);

  webkit_web_view_evaluate_javascript (WEBKIT_WEB_VIEW (self), full, -1,
                                       BYLINE_PREVIEW_SCRIPT_WORLD, NULL,
                                       NULL, NULL, NULL);
}

static void
emit_painted (BylinePreview *self,
              guint          serial)
{
  /* patches are applied in order; a reload can report an older one late */
  if (serial <= self->painted_serial)
    return;
  self->painted_serial = serial;
  g_signal_emit (self, signals[PAINTED], 0, serial);
}

static void load_shell (BylinePreview *self);

/* A scroll asked for while the blocks were changing, once they are stable */
static void
flush_scroll (BylinePreview *self)
{
  g_autofree char *script = NULL;

  if (!self->page_ready || self->dirty || self->in_flight)
    return;
  if (self->scroll_pending)
    {
      self->scroll_pending = FALSE;
      script = g_strdup_printf ("byline.scrollToLine(%u)", self->scroll_line);
      run_script (self, script);
    }
  if (self->scroll_id != NULL)
    {
      run_script (self, self->scroll_id);
      g_clear_pointer (&self->scroll_id, g_free);
    }
}

static void
byline_preview_patch_done_cb (GObject      *object,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  g_autoptr(BylinePreview) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JSCValue) value = NULL;

  value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->in_flight = FALSE;
  if (error != NULL)
    {
      /* The page and our idea of it may now differ: start over from a clean
       * page rather than patch blindly. */
      g_warning ("Preview patch failed, reloading the page: %s", error->message);
      load_shell (self);
      return;
    }
  byline_preview_schedule (self);
  flush_scroll (self);
}

static gboolean
byline_preview_reconcile_cb (gpointer user_data)
{
  BylinePreview *self = user_data;

  self->reconcile_source = 0;
  self->force_full = TRUE;
  self->dirty = self->post != NULL;
  byline_preview_schedule (self);
  return G_SOURCE_REMOVE;
}

static void
release_shown_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  byline_shown_unref (task_data);
  g_task_return_boolean (task, TRUE);
}

/* The render a patch replaced can hold a hundred thousand blocks: freeing
 * them cost the main thread about 3 ms per keystroke with 100,000 headings
 * (bench-hostile-preview), so the last reference goes on a worker. */
static void
release_shown (BylineShown *shown)
{
  g_autoptr(GTask) task = NULL;

  if (shown == NULL)
    return;
  task = g_task_new (NULL, NULL, NULL, NULL);
  g_task_set_source_tag (task, release_shown);
  g_task_set_task_data (task, shown, NULL);
  g_task_run_in_thread (task, release_shown_thread);
}

static void
apply_update (BylinePreview *self,
              Update        *u)
{
  self->in_flight = FALSE;

  if (u->generation != self->generation)
    {
      byline_preview_schedule (self);
      return;
    }

  /* the patch was made against what the page shows: drop its reference
   * first, so that the worker drops the last */
  g_clear_pointer (&u->patch->prev, byline_shown_unref);

  if (u->too_wide || byline_shown_get_max_depth (u->patch->shown) > MAX_DEPTH)
    {
      /* Keep showing what was there, under a notice, as for a post too
       * large; the next text renders again, against what the page shows. */
      if (!u->too_wide)
        g_debug ("Preview: a render %u levels deep, paused",
                 byline_shown_get_max_depth (u->patch->shown));
      release_shown (g_steal_pointer (&u->patch->shown));
      self->too_complex = TRUE;
      update_paused (self);
      byline_preview_schedule (self);
      return;
    }
  if (self->too_complex)
    {
      self->too_complex = FALSE;
      update_paused (self);
    }

  release_shown (g_steal_pointer (&self->shown));
  self->shown = g_steal_pointer (&u->patch->shown);
  if (u->patch->incremental)
    {
      g_clear_handle_id (&self->reconcile_source, g_source_remove);
      self->reconcile_source = g_timeout_add (RECONCILE_DELAY_MS, byline_preview_reconcile_cb, self);
      g_source_set_name_by_id (self->reconcile_source, "[byline] preview reconcile");
    }
  g_free (self->shown_header);
  self->shown_header = g_steal_pointer (&u->patch->header);
  g_free (self->shown_footer);
  self->shown_footer = g_steal_pointer (&u->patch->footer);

  if (self->scroll_pending)
    {
      g_string_append_printf (u->patch->script, "byline.scrollToLine(%u);", self->scroll_line);
      self->scroll_pending = FALSE;
      u->patch->changed = TRUE;
    }

  if (!u->patch->changed)
    {
      /* Nothing to send: the page shows this text already. */
      emit_painted (self, u->patch->serial);
      byline_preview_schedule (self);
      return;
    }

  g_string_append (u->patch->script, "void 0");
  self->in_flight = TRUE;
  webkit_web_view_evaluate_javascript (WEBKIT_WEB_VIEW (self),
                                       u->patch->script->str, u->patch->script->len,
                                       BYLINE_PREVIEW_SCRIPT_WORLD, NULL,
                                       self->cancellable,
                                       byline_preview_patch_done_cb, g_object_ref (self));
}

static void
byline_preview_update_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  Update *u = g_task_get_task_data (G_TASK (result));
  g_autoptr(BylinePreview) self = g_weak_ref_get (&u->preview);

  if (!g_task_propagate_boolean (G_TASK (result), NULL) || self == NULL)
    return; /* cancelled: the widget is going away or the page reloaded */
  apply_update (self, u);
}

static Update *
update_new (BylinePreview *self)
{
  Update *u = g_new0 (Update, 1);
  gsize size = g_bytes_get_size (byline_post_get_text (self->post));

  /* small documents render in full: it is cheap and always exact */
  u->patch = byline_preview_patch_new (self->post, self->serial, self->shown,
                                       self->shown_header, self->shown_footer,
                                       self->post_dir, self->site_src,
                                       !self->force_full && size > INCREMENTAL_THRESHOLD);
  u->generation = self->generation;
  g_weak_ref_init (&u->preview, self);
  self->force_full = FALSE;
  return u;
}

static gboolean
byline_preview_render_cb (gpointer user_data)
{
  BylinePreview *self = user_data;
  g_autoptr(GTask) task = NULL;
  Update *u;

  self->render_source = 0;
  if (!self->dirty || self->in_flight || !self->page_ready || !self->site_src_ready ||
      self->post == NULL)
    return G_SOURCE_REMOVE;

  self->dirty = FALSE;
  self->in_flight = TRUE;
  u = update_new (self);

  task = g_task_new (NULL, self->cancellable, byline_preview_update_cb, NULL);
  g_task_set_source_tag (task, byline_preview_render_cb);
  g_task_set_task_data (task, u, (GDestroyNotify) update_free);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, update_thread);

  return G_SOURCE_REMOVE;
}

static void
byline_preview_schedule (BylinePreview *self)
{
  if (self->render_source != 0 || self->in_flight || !self->dirty ||
      !self->page_ready || !self->site_src_ready)
    return;
  self->render_source = g_timeout_add_full (G_PRIORITY_DEFAULT, RENDER_DELAY_MS,
                                            byline_preview_render_cb, self, NULL);
  g_source_set_name_by_id (self->render_source, "[byline] preview render");
}

static char *
build_csp (gboolean remote)
{
  /* Nothing from the post may run: scripts, plugins, forms and <base> are
   * off; our own code arrives through evaluate_javascript and a user script
   * in its own world, which the policy does not govern. */
  if (remote)
    return g_strdup ("default-src 'none'; script-src 'none'; object-src 'none'; "
                     "base-uri 'none'; form-action 'none'; connect-src 'none'; "
                     "style-src 'unsafe-inline' file: https:; "
                     "img-src file: data: blob: http: https:; "
                     "media-src file: data: blob: http: https:; "
                     "font-src file: data: https:; frame-src http: https:");
  return g_strdup ("default-src 'none'; script-src 'none'; object-src 'none'; "
                   "base-uri 'none'; form-action 'none'; connect-src 'none'; "
                   "style-src 'unsafe-inline' file:; img-src file: data: blob:; "
                   "media-src file: data: blob:; font-src file: data:; frame-src 'none'");
}

static char *
lookup_resource (const char *name)
{
  g_autofree char *path = g_strconcat (RESOURCE_PATH, name, NULL);
  g_autoptr(GBytes) bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);

  g_assert (bytes != NULL);
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static void
update_background (BylinePreview *self)
{
  /* the page's own background, so no white flashes through in dark mode */
  GdkRGBA light = { 0xfd / 255., 0xfd / 255., 0xfd / 255., 1. };
  GdkRGBA dark = { 0x21 / 255., 0x27 / 255., 0x37 / 255., 1. };

  webkit_web_view_set_background_color (WEBKIT_WEB_VIEW (self), self->dark ? &dark : &light);
}

static void
load_shell (BylinePreview *self)
{
  g_autofree char *html = lookup_resource ("byline-preview.html");
  g_autofree char *css = lookup_resource ("byline-preview.css");
  g_autofree char *csp = build_csp (self->remote_content);
  g_autoptr(GString) page = g_string_new (html);

  g_string_replace (page, "@SCHEME@", self->dark ? "dark" : "light", 1);
  g_string_replace (page, "@CSP@", csp, 1);
  g_string_replace (page, "@STYLE@", css, 1);

  /* Whatever was under way belonged to the old page */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->generation++;
  self->in_flight = FALSE;
  self->page_ready = FALSE;
  g_clear_pointer (&self->shown, byline_shown_unref);
  g_clear_pointer (&self->shown_header, g_free);
  g_clear_pointer (&self->shown_footer, g_free);
  self->dirty = self->post != NULL;
  g_clear_handle_id (&self->render_source, g_source_remove);
  /* The new page will show the current text afresh: give it a new serial so
   * #BylinePreview::painted reports it. */
  if (self->post != NULL)
    self->serial++;

  self->expect_load = TRUE;
  webkit_web_view_load_html (WEBKIT_WEB_VIEW (self), page->str,
                             self->base_uri != NULL ? self->base_uri : "about:blank");
}

/* ---- site root lookup (file I/O: on a worker) --------------------------- */

static void
find_site_src_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  g_task_return_pointer (task, byline_markdown_find_site_src (task_data), g_free);
}

static void
byline_preview_find_site_src_cb (GObject      *object,
                                 GAsyncResult *result,
                                 gpointer      user_data)
{
  GWeakRef *ref = user_data;
  g_autoptr(BylinePreview) self = g_weak_ref_get (ref);
  g_autoptr(GError) error = NULL;
  char *site_src = g_task_propagate_pointer (G_TASK (result), &error);

  g_weak_ref_clear (ref);
  g_free (ref);
  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_free (site_src);
      return;
    }
  g_free (self->site_src);
  self->site_src = site_src;
  self->site_src_ready = TRUE;
  byline_preview_schedule (self);
}

/* ---- WebKit signal handlers --------------------------------------------- */

static void
open_link (BylinePreview *self,
           const char    *uri)
{
  g_autofree char *scheme = g_uri_parse_scheme (uri);
  gboolean handled = FALSE;
  GtkRoot *root;

  g_signal_emit (self, signals[ACTIVATE_LINK], 0, uri, &handled);
  if (handled)
    return;

  /* Only web and mail links leave the preview; file: links to other posts or
   * downloads would run whatever handler the desktop has for them. */
  if (scheme == NULL ||
      (g_ascii_strcasecmp (scheme, "http") != 0 &&
       g_ascii_strcasecmp (scheme, "https") != 0 &&
       g_ascii_strcasecmp (scheme, "mailto") != 0))
    return;

  root = gtk_widget_get_root (GTK_WIDGET (self));
#if GTK_CHECK_VERSION (4, 10, 0)
  {
    g_autoptr(GtkUriLauncher) launcher = gtk_uri_launcher_new (uri);

    gtk_uri_launcher_launch (launcher, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                             NULL, NULL, NULL);
  }
#else
  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
#endif
}

static void
byline_preview_user_content_manager_script_message_cb (WebKitUserContentManager *manager,
                                                       JSCValue                 *message,
                                                       BylinePreview            *self)
{
  g_autoptr(JSCValue) type_value = NULL;
  g_autofree char *type = NULL;

  if (!jsc_value_is_object (message))
    return;
  type_value = jsc_value_object_get_property (message, "type");
  type = jsc_value_to_string (type_value);

  if (g_strcmp0 (type, "ready") == 0)
    {
      self->page_ready = TRUE;
      self->dirty = self->post != NULL;
      run_script (self, self->dark ? "byline.setScheme(true)" : "byline.setScheme(false)");
      if (self->paused)
        {
          g_autofree char *script = paused_script (self);

          run_script (self, script);
          /* a post too large is not rendered; one too complex renders
           * again (the new page shows none of it) */
          if (self->too_large)
            self->dirty = FALSE;
        }
      byline_preview_schedule (self);
      flush_scroll (self);
    }
  else if (g_strcmp0 (type, "painted") == 0)
    {
      g_autoptr(JSCValue) serial = jsc_value_object_get_property (message, "serial");
      g_autoptr(JSCValue) applied = jsc_value_object_get_property (message, "applied");
      g_autoptr(JSCValue) phases = jsc_value_object_get_property (message, "phases");

      if (jsc_value_is_number (applied))
        {
          g_autofree char *phases_str = jsc_value_is_string (phases) ? jsc_value_to_string (phases) : NULL;

          g_debug ("Preview: patch %d applied in the page in %.2f ms %s",
                   jsc_value_to_int32 (serial), jsc_value_to_double (applied),
                   phases_str != NULL ? phases_str : "");
        }
      emit_painted (self, (guint) jsc_value_to_int32 (serial));
    }
  else if (g_strcmp0 (type, "line") == 0)
    {
      g_autoptr(JSCValue) line = jsc_value_object_get_property (message, "line");
      gint32 n = jsc_value_to_int32 (line);

      if (n > 0)
        g_signal_emit (self, signals[LINE_ACTIVATED], 0, (guint) n);
    }
  else if (g_strcmp0 (type, "scroll") == 0)
    {
      g_autoptr(JSCValue) line = jsc_value_object_get_property (message, "line");
      double n = jsc_value_to_double (line);

      if (n >= 1. && n < (double) G_MAXUINT)
        g_signal_emit (self, signals[SCROLLED], 0, n);
    }
  else if (g_strcmp0 (type, "link") == 0)
    {
      g_autoptr(JSCValue) href = jsc_value_object_get_property (message, "href");
      g_autofree char *uri = jsc_value_to_string (href);

      open_link (self, uri);
    }
}

static gboolean
byline_preview_decide_policy (WebKitWebView            *web_view,
                              WebKitPolicyDecision     *decision,
                              WebKitPolicyDecisionType  type)
{
  BylinePreview *self = BYLINE_PREVIEW (web_view);
  WebKitNavigationAction *action;
  WebKitURIRequest *request;
  const char *uri;

  if (type == WEBKIT_POLICY_DECISION_TYPE_RESPONSE)
    {
      /* Never download anything a post links to */
      if (!webkit_response_policy_decision_is_mime_type_supported (WEBKIT_RESPONSE_POLICY_DECISION (decision)))
        webkit_policy_decision_ignore (decision);
      else
        webkit_policy_decision_use (decision);
      return TRUE;
    }

  action = webkit_navigation_policy_decision_get_navigation_action (WEBKIT_NAVIGATION_POLICY_DECISION (decision));
  request = webkit_navigation_action_get_request (action);
  uri = webkit_uri_request_get_uri (request);

  if (type == WEBKIT_POLICY_DECISION_TYPE_NAVIGATION_ACTION)
    {
      WebKitNavigationType nav = webkit_navigation_action_get_navigation_type (action);

      /* Our own load_html () */
      if (self->expect_load && nav == WEBKIT_NAVIGATION_TYPE_OTHER)
        {
          webkit_policy_decision_use (decision);
          return TRUE;
        }
      /* Embeds (iframes) load like images; a main-frame load we did not
       * start is caught in load-changed. */
      if (nav == WEBKIT_NAVIGATION_TYPE_OTHER && self->page_ready)
        {
          webkit_policy_decision_use (decision);
          return TRUE;
        }
    }

  /* Link clicks, form submissions, back/forward, reloads, new windows: the
   * preview never navigates. A user's click on a web link goes to the
   * browser (the page script normally handles clicks before this). */
  if (webkit_navigation_action_is_user_gesture (action) &&
      webkit_navigation_action_get_navigation_type (action) == WEBKIT_NAVIGATION_TYPE_LINK_CLICKED)
    open_link (self, uri);
  webkit_policy_decision_ignore (decision);
  return TRUE;
}

static void
byline_preview_load_changed (WebKitWebView   *web_view,
                             WebKitLoadEvent  load_event)
{
  BylinePreview *self = BYLINE_PREVIEW (web_view);

  if (load_event == WEBKIT_LOAD_STARTED && !self->expect_load)
    {
      /* Something in the page (a refresh, say) moved the main frame: stop it
       * and put the post back. */
      webkit_web_view_stop_loading (web_view);
      load_shell (self);
      return;
    }
  if (load_event == WEBKIT_LOAD_COMMITTED)
    self->expect_load = FALSE;
}

static void
byline_preview_web_process_terminated (WebKitWebView                     *web_view,
                                       WebKitWebProcessTerminationReason  reason)
{
  BylinePreview *self = BYLINE_PREVIEW (web_view);
  gint64 now = g_get_monotonic_time ();

  g_warning ("The preview's web process ended (reason %d)", reason);
  self->page_ready = FALSE;
  if (now - self->last_crash > CRASH_RELOAD_INTERVAL_US)
    {
      self->last_crash = now;
      load_shell (self);
    }
}

static gboolean
byline_preview_context_menu (WebKitWebView       *web_view,
                             WebKitContextMenu   *menu,
                             WebKitHitTestResult *hit_test_result)
{
  GList *items = g_list_copy (webkit_context_menu_get_items (menu));

  /* Keep copying and selecting; drop everything that would navigate the
   * preview, open windows or save files. */
  for (GList *l = items; l != NULL; l = l->next)
    {
      WebKitContextMenuItem *item = l->data;

      switch ((int) webkit_context_menu_item_get_stock_action (item))
        {
        case WEBKIT_CONTEXT_MENU_ACTION_COPY:
        case WEBKIT_CONTEXT_MENU_ACTION_COPY_LINK_TO_CLIPBOARD:
        case WEBKIT_CONTEXT_MENU_ACTION_COPY_IMAGE_TO_CLIPBOARD:
        case WEBKIT_CONTEXT_MENU_ACTION_COPY_IMAGE_URL_TO_CLIPBOARD:
        case WEBKIT_CONTEXT_MENU_ACTION_COPY_VIDEO_LINK_TO_CLIPBOARD:
        case WEBKIT_CONTEXT_MENU_ACTION_COPY_AUDIO_LINK_TO_CLIPBOARD:
        case WEBKIT_CONTEXT_MENU_ACTION_SELECT_ALL:
        case WEBKIT_CONTEXT_MENU_ACTION_INSPECT_ELEMENT:
        case WEBKIT_CONTEXT_MENU_ACTION_UNICODE:
        case WEBKIT_CONTEXT_MENU_ACTION_INPUT_METHODS:
          break;
        default:
          webkit_context_menu_remove (menu, item);
          break;
        }
    }
  g_list_free (items);

  return webkit_context_menu_get_n_items (menu) == 0;
}

static gboolean
system_is_dark (void)
{
  gboolean dark = FALSE;

  /* libadwaita's style manager when the app uses it (it follows the desktop's
   * colour scheme), else GTK's own setting */
  if (adw_is_initialized ())
    dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  else
    g_object_get (gtk_settings_get_default (), "gtk-application-prefer-dark-theme", &dark, NULL);
  return dark;
}

static void
byline_preview_style_manager_notify_dark_cb (BylinePreview *self)
{
  gboolean dark = system_is_dark ();

  if ((guint) dark == self->dark)
    return;
  self->dark = dark;
  update_background (self);
  /* A page still loading was built with the old scheme: its ready message
   * sends the current one. */
  if (self->page_ready)
    run_script (self, dark ? "byline.setScheme(true)" : "byline.setScheme(false)");
}

/* ---- GObject ------------------------------------------------------------ */

static void
byline_preview_constructed (GObject *object)
{
  BylinePreview *self = BYLINE_PREVIEW (object);
  WebKitWebView *web_view = WEBKIT_WEB_VIEW (self);
  WebKitSettings *settings;
  WebKitUserContentManager *manager;
  g_autofree char *js = lookup_resource ("byline-preview.js");
  g_autoptr(WebKitUserScript) script = NULL;

  G_OBJECT_CLASS (byline_preview_parent_class)->constructed (object);

  settings = webkit_web_view_get_settings (web_view);
  manager = webkit_web_view_get_user_content_manager (web_view);

  /* No script from the post ever runs; ours runs in its own world. */
  webkit_settings_set_enable_javascript_markup (settings, FALSE);
  webkit_settings_set_javascript_can_open_windows_automatically (settings, FALSE);
  webkit_settings_set_enable_back_forward_navigation_gestures (settings, FALSE);
  webkit_settings_set_enable_developer_extras (settings, g_getenv ("BYLINE_PREVIEW_INSPECTOR") != NULL);
  webkit_settings_set_enable_page_cache (settings, FALSE);
  /* With OpenGL a software rasteriser (see byline-renderer.c), WebKit would
   * rasterise and composite every frame with it, which took most of both
   * cores while typing: in the preview benchmark a keystroke in a 10 KB post
   * took 18-34 ms (median) to be painted, and 5-11 ms without GL. With a
   * real GPU WebKit's own choice stays. */
  if (byline_renderer_is_software ())
    webkit_settings_set_hardware_acceleration_policy (settings, WEBKIT_HARDWARE_ACCELERATION_POLICY_NEVER);

  script = webkit_user_script_new_for_world (js, WEBKIT_USER_CONTENT_INJECT_TOP_FRAME,
                                             WEBKIT_USER_SCRIPT_INJECT_AT_DOCUMENT_END,
                                             BYLINE_PREVIEW_SCRIPT_WORLD, NULL, NULL);
  webkit_user_content_manager_add_script (manager, script);
  g_signal_connect_object (manager, "script-message-received::byline",
                           G_CALLBACK (byline_preview_user_content_manager_script_message_cb), self, 0);
  webkit_user_content_manager_register_script_message_handler (manager, "byline",
                                                               BYLINE_PREVIEW_SCRIPT_WORLD);

  if (adw_is_initialized ())
    g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                             G_CALLBACK (byline_preview_style_manager_notify_dark_cb), self, G_CONNECT_SWAPPED);
  else
    g_signal_connect_object (gtk_settings_get_default (), "notify::gtk-application-prefer-dark-theme",
                             G_CALLBACK (byline_preview_style_manager_notify_dark_cb), self, G_CONNECT_SWAPPED);
  self->dark = system_is_dark ();
  update_background (self);

  self->site_src_ready = TRUE;
  load_shell (self);
}

static void
byline_preview_dispose (GObject *object)
{
  BylinePreview *self = BYLINE_PREVIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->render_source, g_source_remove);
  g_clear_handle_id (&self->reconcile_source, g_source_remove);

  G_OBJECT_CLASS (byline_preview_parent_class)->dispose (object);
}

static void
byline_preview_finalize (GObject *object)
{
  BylinePreview *self = BYLINE_PREVIEW (object);

  g_clear_object (&self->file);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->base_uri, g_free);
  g_clear_pointer (&self->post_dir, g_free);
  g_clear_pointer (&self->site_src, g_free);
  g_clear_pointer (&self->post, byline_post_unref);
  g_clear_pointer (&self->shown, byline_shown_unref);
  g_clear_pointer (&self->shown_header, g_free);
  g_clear_pointer (&self->shown_footer, g_free);
  g_clear_pointer (&self->scroll_id, g_free);

  G_OBJECT_CLASS (byline_preview_parent_class)->finalize (object);
}

static void
byline_preview_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  BylinePreview *self = BYLINE_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_REMOTE_CONTENT:
      g_value_set_boolean (value, self->remote_content);
      break;
    case PROP_PAUSED:
      g_value_set_boolean (value, self->paused);
      break;
    case PROP_SIZE_LIMIT:
      g_value_set_uint64 (value, self->size_limit);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_preview_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  BylinePreview *self = BYLINE_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_FILE:
      byline_preview_set_file (self, g_value_get_object (value));
      break;
    case PROP_REMOTE_CONTENT:
      byline_preview_set_remote_content (self, g_value_get_boolean (value));
      break;
    case PROP_SIZE_LIMIT:
      byline_preview_set_size_limit (self, g_value_get_uint64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_preview_class_init (BylinePreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  WebKitWebViewClass *web_view_class = WEBKIT_WEB_VIEW_CLASS (klass);

  byline_preview_res_register_resource ();

  object_class->constructed = byline_preview_constructed;
  object_class->dispose = byline_preview_dispose;
  object_class->finalize = byline_preview_finalize;
  object_class->get_property = byline_preview_get_property;
  object_class->set_property = byline_preview_set_property;

  web_view_class->decide_policy = byline_preview_decide_policy;
  web_view_class->load_changed = byline_preview_load_changed;
  web_view_class->web_process_terminated = byline_preview_web_process_terminated;
  web_view_class->context_menu = byline_preview_context_menu;

  /**
   * BylinePreview:file:
   *
   * The post shown; its folder is the page's base URI. %NULL for an
   * untitled post.
   */
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL,
                         G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * BylinePreview:remote-content:
   *
   * Whether remote images, media and embeds load.
   */
  properties[PROP_REMOTE_CONTENT] =
    g_param_spec_boolean ("remote-content", NULL, NULL,
                          TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * BylinePreview:paused:
   *
   * Whether the preview shows a notice instead of the text: the text is
   * over #BylinePreview:size-limit, or it is more than the page can show
   * (nested too deep) or cmark-gfm can parse in reasonable time (a table
   * row of over a thousand cells).
   */
  properties[PROP_PAUSED] =
    g_param_spec_boolean ("paused", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * BylinePreview:size-limit:
   *
   * The largest text, in bytes, the preview renders.
   */
  properties[PROP_SIZE_LIMIT] =
    g_param_spec_uint64 ("size-limit", NULL, NULL,
                         0, G_MAXUINT64, BYLINE_PREVIEW_DEFAULT_SIZE_LIMIT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BylinePreview::activate-link:
   * @uri: the link's absolute URI
   *
   * The user clicked a link that leads out of the post (links to `#anchors`
   * just scroll). Return %TRUE to handle it; otherwise web and mail links
   * open in the default browser and other links do nothing.
   *
   * Returns: %TRUE if the link was handled
   */
  signals[ACTIVATE_LINK] =
    g_signal_new ("activate-link",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, g_signal_accumulator_true_handled, NULL, NULL,
                  G_TYPE_BOOLEAN, 1, G_TYPE_STRING);

  /**
   * BylinePreview::line-activated:
   * @line: the first line, in file coordinates, of the block clicked
   *
   * The user clicked a block of the post (not a link).
   */
  signals[LINE_ACTIVATED] =
    g_signal_new ("line-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);

  /**
   * BylinePreview::scrolled:
   * @line: the line of the post (1-based, file coordinates, with the
   *   fraction of it scrolled past) now at the top of the view
   *
   * The reader scrolled the preview (not the preview itself: its own
   * scrolling, as byline_preview_sync_to_line() asks for, is not
   * reported). Emitted at most once a frame.
   */
  signals[SCROLLED] =
    g_signal_new ("scrolled",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_DOUBLE);

  /**
   * BylinePreview::painted:
   * @serial: the serial (see byline_preview_get_serial()) of the text the
   *   page now shows
   *
   * The page applied an update and painted the frame showing it.
   */
  signals[PAINTED] =
    g_signal_new ("painted",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
byline_preview_init (BylinePreview *self)
{
  self->remote_content = TRUE;
  self->size_limit = BYLINE_PREVIEW_DEFAULT_SIZE_LIMIT;
  self->cancellable = g_cancellable_new ();

  /* WebKit exposes the page's content to screen readers itself; the widget
   * around it needs a name to be announced by. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Preview"),
                                  -1);
}

/* ---- public API --------------------------------------------------------- */

/**
 * byline_preview_new:
 *
 * Returns: a preview showing an empty untitled post
 */
GtkWidget *
byline_preview_new (void)
{
  return g_object_new (BYLINE_TYPE_PREVIEW, NULL);
}

/**
 * byline_preview_set_file:
 * @file: (nullable): the post, or %NULL for an untitled one
 *
 * Sets the post the text comes from. The page is reloaded (with the post's
 * folder as its base URI, so relative images load) only when the file
 * changes; the current text is shown again once it has.
 */
void
byline_preview_set_file (BylinePreview *self,
                         GFile         *file)
{
  g_autoptr(GFile) parent = NULL;

  g_return_if_fail (BYLINE_IS_PREVIEW (self));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  if (file == self->file || (file != NULL && self->file != NULL && g_file_equal (file, self->file)))
    return;

  g_set_object (&self->file, file);
  g_clear_pointer (&self->base_uri, g_free);
  g_clear_pointer (&self->post_dir, g_free);
  g_clear_pointer (&self->site_src, g_free);

  if (file != NULL)
    parent = g_file_get_parent (file);
  if (parent != NULL)
    {
      g_autofree char *uri = g_file_get_uri (parent);

      self->base_uri = g_str_has_suffix (uri, "/") ? g_steal_pointer (&uri) : g_strconcat (uri, "/", NULL);
      self->post_dir = g_file_get_path (parent);
    }

  load_shell (self);

  self->site_src_ready = self->post_dir == NULL;
  if (self->post_dir != NULL)
    {
      GWeakRef *ref = g_new0 (GWeakRef, 1);
      g_autoptr(GTask) task = NULL;

      /* Weakly, as the render tasks (see Update). */
      g_weak_ref_init (ref, self);
      task = g_task_new (NULL, self->cancellable, byline_preview_find_site_src_cb, ref);

      g_task_set_source_tag (task, byline_preview_set_file);
      g_task_set_task_data (task, g_strdup (self->post_dir), g_free);
      g_task_run_in_thread (task, find_site_src_thread);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
}

/**
 * byline_preview_get_file:
 *
 * Returns: (transfer none) (nullable): the post shown
 */
GFile *
byline_preview_get_file (BylinePreview *self)
{
  g_return_val_if_fail (BYLINE_IS_PREVIEW (self), NULL);

  return self->file;
}

/* The page's notice for why it is paused, as a call of byline.setPaused() */
static char *
paused_script (BylinePreview *self)
{
  g_autoptr(GString) s = g_string_new ("byline.setPaused(");

  if (self->too_large)
    byline_js_append_string (s, _("The preview is paused: this document is too large to preview."));
  else if (self->too_complex)
    byline_js_append_string (s, _("The preview is paused: this document is too complex to preview."));
  else
    g_string_append (s, "null");
  g_string_append (s, ")");
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
update_paused (BylinePreview *self)
{
  gboolean paused = self->too_large || self->too_complex;

  if (self->page_ready)
    {
      g_autofree char *script = paused_script (self);

      run_script (self, script);
    }
  if (self->paused == paused)
    return;
  self->paused = paused;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAUSED]);
}

/**
 * byline_preview_set_text:
 * @text: the whole post: frontmatter and body
 * @len: its length in bytes, or -1 if nul-terminated
 *
 * Shows @text, as byline_preview_set_post() shows a post (one is made of it,
 * checked against no schema).
 */
void
byline_preview_set_text (BylinePreview *self,
                         const char    *text,
                         gssize         len)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(BylinePost) post = NULL;

  g_return_if_fail (BYLINE_IS_PREVIEW (self));
  g_return_if_fail (text != NULL || len == 0);

  if (len < 0)
    len = strlen (text);

  bytes = g_bytes_new (text, len);
  post = byline_post_new (bytes, FALSE, NULL, self->post, self->serial + 1, NULL);
  byline_preview_set_post (self, post);
}

/**
 * byline_preview_set_post:
 * @post: the post to show
 *
 * Shows @post: its body as the site renders it, under the header the site
 * builds from its frontmatter. The update is asynchronous and incremental:
 * only the blocks that changed reach the page, and posts given while an
 * update is under way are folded into one more. #BylinePreview::painted
 * reports when it is shown. A post over #BylinePreview:size-limit, or one
 * that holds only the head of a very long text, pauses the preview; so
 * does one too complex (nested deeper than the page can show, or with a
 * table row of over a thousand cells), until a later one is not.
 */
void
byline_preview_set_post (BylinePreview *self,
                         BylinePost    *post)
{
  g_return_if_fail (BYLINE_IS_PREVIEW (self));
  g_return_if_fail (post != NULL);

  g_clear_pointer (&self->post, byline_post_unref);
  self->serial++;

  if (byline_post_is_partial (post) ||
      (guint64) g_bytes_get_size (byline_post_get_text (post)) > self->size_limit)
    {
      /* Keep showing what was there, under a notice, rather than hang. */
      self->dirty = FALSE;
      if (!self->too_large)
        {
          self->too_large = TRUE;
          update_paused (self);
        }
      return;
    }
  if (self->too_large)
    {
      self->too_large = FALSE;
      update_paused (self);
    }

  self->post = byline_post_ref (post);
  self->dirty = TRUE;
  /* The page of a long post may still be showing its lower chunks, a
   * frame at a time; each such frame costs this thread 10-25 ms to take
   * in and draw (a software renderer), against under a millisecond for an
   * edit's. Showing waits while the user types. */
  if (self->page_ready && g_bytes_get_size (byline_post_get_text (post)) > INCREMENTAL_THRESHOLD)
    run_script (self, "byline.hold()");
  byline_preview_schedule (self);
}

/**
 * byline_preview_scroll_to_line:
 * @line: a line of the post, 1-based, in file coordinates
 *
 * Scrolls, as little as needed, so the block holding @line is in view. Call
 * it with the editor's cursor line or top visible line.
 */
void
byline_preview_scroll_to_line (BylinePreview *self,
                               guint          line)
{
  g_autofree char *script = NULL;

  g_return_if_fail (BYLINE_IS_PREVIEW (self));

  self->scroll_line = line;
  if (!self->page_ready || self->dirty || self->in_flight)
    {
      /* The blocks are about to change: scroll once they have. */
      self->scroll_pending = TRUE;
      return;
    }
  script = g_strdup_printf ("byline.scrollToLine(%u)", line);
  run_script (self, script);
}

/**
 * byline_preview_sync_to_line:
 * @line: a line of the post, 1-based, in file coordinates, with the
 *   fraction of it scrolled past
 *
 * Scrolls so that @line is at the top of the view, as the editor shows
 * it: the lines of a block are spread over its height. Does nothing before
 * the page shows the post.
 */
void
byline_preview_sync_to_line (BylinePreview *self,
                             double         line)
{
  char script[64];
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_if_fail (BYLINE_IS_PREVIEW (self));

  if (!self->page_ready || self->shown == NULL)
    return;
  g_snprintf (script, sizeof script, "byline.syncToLine(%s)",
              g_ascii_formatd (number, sizeof number, "%.3f", line));
  run_script (self, script);
}

/**
 * byline_preview_scroll_to_heading:
 * @id: the id of a heading of the post
 *
 * Scrolls the heading to the top of the preview (once the page shows the
 * latest text, when an update is under way).
 */
void
byline_preview_scroll_to_heading (BylinePreview *self,
                                  const char    *id)
{
  g_autoptr(GString) script = g_string_new ("byline.scrollToId(");

  g_return_if_fail (BYLINE_IS_PREVIEW (self));
  g_return_if_fail (id != NULL);

  byline_js_append_string (script, id);
  g_string_append_c (script, ')');
  if (!self->page_ready || self->dirty || self->in_flight)
    {
      g_free (self->scroll_id);
      self->scroll_id = g_string_free (g_steal_pointer (&script), FALSE);
      return;
    }
  run_script (self, script->str);
}

/**
 * byline_preview_get_serial:
 *
 * Every byline_preview_set_text() gets the next serial; #BylinePreview::painted
 * reports the serial of the text on screen.
 *
 * Returns: the serial of the latest text
 */
guint
byline_preview_get_serial (BylinePreview *self)
{
  g_return_val_if_fail (BYLINE_IS_PREVIEW (self), 0);

  return self->serial;
}

/**
 * byline_preview_get_painted_serial:
 *
 * Returns: the serial of the text on screen (0 before the first)
 */
guint
byline_preview_get_painted_serial (BylinePreview *self)
{
  g_return_val_if_fail (BYLINE_IS_PREVIEW (self), 0);

  return self->painted_serial;
}

gboolean
byline_preview_get_remote_content (BylinePreview *self)
{
  g_return_val_if_fail (BYLINE_IS_PREVIEW (self), FALSE);

  return self->remote_content;
}

/**
 * byline_preview_set_remote_content:
 * @remote_content: whether remote images, media and embeds load
 *
 * The page's Content-Security-Policy enforces it, so changing it reloads the
 * page (the text is shown again, scrolled to the top).
 */
void
byline_preview_set_remote_content (BylinePreview *self,
                                   gboolean       remote_content)
{
  g_return_if_fail (BYLINE_IS_PREVIEW (self));

  remote_content = !!remote_content;
  if (self->remote_content == (guint) remote_content)
    return;
  self->remote_content = remote_content;
  load_shell (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMOTE_CONTENT]);
}

gboolean
byline_preview_get_paused (BylinePreview *self)
{
  g_return_val_if_fail (BYLINE_IS_PREVIEW (self), FALSE);

  return self->paused;
}

guint64
byline_preview_get_size_limit (BylinePreview *self)
{
  g_return_val_if_fail (BYLINE_IS_PREVIEW (self), 0);

  return self->size_limit;
}

/**
 * byline_preview_set_size_limit:
 * @size_limit: in bytes
 *
 * Texts above this size are not rendered: the preview says it is paused.
 * Takes effect at the next byline_preview_set_text().
 */
void
byline_preview_set_size_limit (BylinePreview *self,
                               guint64        size_limit)
{
  g_return_if_fail (BYLINE_IS_PREVIEW (self));

  if (self->size_limit == size_limit)
    return;
  self->size_limit = size_limit;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIZE_LIMIT]);
}
