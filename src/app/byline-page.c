/* byline-page.c: one post's view: editor, frontmatter form, preview, notices
 *
 * A page owns one BylineDocument for its whole life and shows it three
 * ways: the editor shows the buffer; the form and the preview show the
 * document's post, as does the page itself (the underlines of the post's
 * diagnostics, the title, the draft notice). Every change made through the
 * page (Draft, Featured, the form) is an edit planned on the post and
 * applied by the document as one user action, so Ctrl+Z in the editor
 * undoes it.
 *
 * The page also speaks for its post to the user: loading, saving (with the
 * `modDatetime` a save adds, and the question when the file changed on
 * disk), the notices about the file (recovered text, changed or deleted on
 * disk, bytes that are not UTF-8) and the toasts of what went wrong.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Byline"

#include "config.h"

#include <glib/gi18n.h>

#include "byline-analyzer.h"
#include "byline-application.h"
#include "byline-form.h"
#include "byline-image-drop.h"
#include "byline-language.h"
#include "byline-outline.h"
#include "byline-page.h"
#include "byline-preview.h"
#include "byline-publish.h"
#include "byline-recent.h"
#include "byline-scroll-sync.h"
#include "byline-spell-checker.h"
#include "byline-site.h"
#include "byline-site-banner.h"
#include "byline-site-watcher.h"
#include "byline-slug.h"
#include "byline-word-count.h"

struct _BylinePage
{
  GtkWidget                parent_instance;

  /* template widgets */
  AdwToastOverlay         *toast_overlay;
  GtkRevealer             *draft_revealer;
  GtkBox                  *banner_box;
  GtkPaned                *outer_paned;
  GtkPaned                *inner_paned;
  GtkSourceView           *source_view;
  GtkBox                  *form_box;
  GtkBox                  *preview_box;
  BylineOutline           *outline;
  BylineWordCount         *word_count;

  /* notices about the file, built in code */
  GtkRevealer             *recovered_banner;
  GtkLabel                *recovered_label;
  GtkRevealer             *disk_banner;
  GtkLabel                *disk_label;
  GtkWidget               *disk_buttons;
  GtkRevealer             *encoding_banner;
  GtkLabel                *encoding_label;
  BylineSiteBanner        *site_banner;

  /* owned */
  BylineDocument          *document;
  BylineSession           *session;
  GSettings               *settings;
  GCancellable            *cancellable;
  GtkTextTag              *error_tag;
  GtkTextTag              *warning_tag;
  GtkWidget               *form;
  GtkWidget               *preview;
  GFile                   *folder_hint;
  GFile                   *loading_file;
  GtkTextBuffer           *loading_buffer;
  BylineAnalyzer          *analyzer;     /* word counts and outline, on a worker */
  BylineScrollSync        *scroll_sync;
  BylineSpellChecker      *spell_checker;
  BylineImageDrop         *image_drop;
#if !GTK_CHECK_VERSION (4, 10, 0)
  GtkFileChooserNative    *chooser;
#endif
  char                    *site_root;    /* the root of the post's site, if any */
  BylineSite              *site;         /* the post's site, if any */
  GtkRevealer             *rename_banner; /* the rename offer */
  GtkLabel                *rename_label;
  char                    *rename_slug;  /* the slug the file could take */
  char                    *undo_path;    /* the last rename's result and … */
  char                    *undo_slug;    /* … the slug it had before */
  guint                    rename_source;
  char                    *title;
  char                    *subtitle;
  char                    *last_error;
  GPtrArray               *diagnostics;  /* the ones underlined: the post's */
  BylinePost              *shown_post;   /* the post the title and toggles show */
  guint64                  touched_serial;
  guint                    show_cursor_source;
  guint                    selection_source;
  guint                    cursor_line;    /* the line the preview was last shown */

  guint                    show_form : 1;
  guint                    show_preview : 1;
  guint                    show_outline : 1;
  guint                    encoding_dismissed : 1;
  guint                    show_cursor_on_map : 1;
  guint                    moving : 1;     /* a move of the file under way */
  guint                    name_checked : 1;   /* name_follows is known for this file */
  guint                    name_follows : 1;   /* its name followed the slug when opened */
  guint                    withdrawing : 1;
};

G_DEFINE_FINAL_TYPE (BylinePage, byline_page, GTK_TYPE_WIDGET)

/* How long the slug must rest before renaming the file is offered: not at
 * every key of a title being typed. */
#define RENAME_OFFER_DELAY_MS 800

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_SESSION,
  PROP_TITLE,
  PROP_SUBTITLE,
  PROP_MODIFIED,
  PROP_DRAFT,
  PROP_FEATURED,
  PROP_EDITABLE,
  PROP_RECOVERED,
  PROP_SHOW_FORM,
  PROP_SHOW_PREVIEW,
  PROP_SHOW_OUTLINE,
  N_PROPS
};

enum {
  DISCARDED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void byline_page_update_encoding_banner (BylinePage *self);
static void byline_page_update_disk_banner     (BylinePage *self);
static void byline_page_remember_recent     (BylinePage *self);
static void byline_page_keep_name_action    (GtkWidget  *widget,
                                             const char *action_name,
                                             GVariant   *parameter);
static void byline_page_rename_file_action  (GtkWidget  *widget,
                                             const char *action_name,
                                             GVariant   *parameter);
static void byline_page_update_rename_offer (BylinePage *self,
                                             BylinePost *post);

static void
byline_page_style_manager_notify_dark_cb (BylinePage      *self,
                                          GParamSpec      *pspec,
                                          AdwStyleManager *style_manager)
{
  GtkSourceStyleSchemeManager *manager = gtk_source_style_scheme_manager_get_default ();
  const char *id = adw_style_manager_get_dark (style_manager) ? "Adwaita-dark" : "Adwaita";
  GtkSourceStyleScheme *scheme = gtk_source_style_scheme_manager_get_scheme (manager, id);

  if (scheme != NULL)
    gtk_source_buffer_set_style_scheme (GTK_SOURCE_BUFFER (self->document), scheme);
}

/* --- title ---------------------------------------------------------------- */

/* The post's title, else its file name; the file name under it, marked
 * while there are unsaved changes. */
static void
byline_page_update_title (BylinePage *self)
{
  g_autofree char *name = byline_document_dup_display_name (self->document);
  const char *title = byline_document_get_title (self->document);
  gboolean modified = byline_page_get_modified (self);
  g_autofree char *subtitle = NULL;

  if (title == NULL)
    title = name;

  if (modified)
    /* Translators: the window's subtitle while the post has unsaved changes; %s is the file name */
    subtitle = g_strdup_printf (_("%s • unsaved"), name);
  else
    subtitle = g_strdup (name);

  if (g_strcmp0 (title, self->title) != 0)
    {
      g_free (self->title);
      self->title = g_strdup (title);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
    }

  if (g_strcmp0 (subtitle, self->subtitle) != 0)
    {
      g_free (self->subtitle);
      self->subtitle = g_steal_pointer (&subtitle);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBTITLE]);
    }
}

/* --- underlines ------------------------------------------------------------ */

/* Byte offset in @text (the buffer's text) to a buffer iter. */
static void
byline_page_iter_at_byte (BylinePage  *self,
                          const char  *text,
                          gsize        len,
                          gsize        offset,
                          GtkTextIter *iter)
{
  offset = MIN (offset, len);
  gtk_text_buffer_get_iter_at_offset (GTK_TEXT_BUFFER (self->document), iter,
                                      g_utf8_pointer_to_offset (text, text + offset));
}

static void
byline_page_underline (BylinePage *self,
                       GtkTextTag *tag,
                       const char *text,
                       gsize       len,
                       gsize       offset,
                       gsize       length)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->document);
  GtkTextIter begin, end;

  byline_page_iter_at_byte (self, text, len, offset, &begin);

  if (length > 0)
    {
      byline_page_iter_at_byte (self, text, len, offset + length, &end);
    }
  else
    {
      /* A point: underline the rest of its line, or the line if at its end. */
      end = begin;
      if (!gtk_text_iter_ends_line (&end))
        gtk_text_iter_forward_to_line_end (&end);
      if (gtk_text_iter_equal (&begin, &end))
        gtk_text_iter_set_line_offset (&begin, 0);
    }

  gtk_text_buffer_apply_tag (buffer, tag, &begin, &end);
}

/* Underlines the post's diagnostics, when they are not the ones shown
 * already (typing in the body keeps them). */
static void
byline_page_update_diagnostics (BylinePage *self,
                                BylinePost *post)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->document);
  GPtrArray *diagnostics = byline_post_get_diagnostics (post);
  GtkTextIter begin, end;
  const char *text;
  gsize len = 0;

  if (diagnostics == self->diagnostics)
    return;

  gtk_text_buffer_get_bounds (buffer, &begin, &end);
  gtk_text_buffer_remove_tag (buffer, self->error_tag, &begin, &end);
  gtk_text_buffer_remove_tag (buffer, self->warning_tag, &begin, &end);

  g_clear_pointer (&self->diagnostics, g_ptr_array_unref);
  self->diagnostics = g_ptr_array_ref (diagnostics);

  text = byline_post_peek_text (post, &len);

  for (guint i = 0; i < self->diagnostics->len; i++)
    {
      const BylineDiagnostic *diagnostic = g_ptr_array_index (self->diagnostics, i);
      GtkTextTag *tag = diagnostic->severity == BYLINE_SEVERITY_ERROR ? self->error_tag
                                                                       : self->warning_tag;

      byline_page_underline (self, tag, text, len, diagnostic->offset, diagnostic->length);
    }
}

/**
 * byline_page_dup_diagnostics_at:
 * @iter: a place in the document
 *
 * Returns: (transfer full) (nullable): the messages of the diagnostics
 *   underlined at @iter, one per line, or %NULL
 */
char *
byline_page_dup_diagnostics_at (BylinePage        *self,
                                const GtkTextIter *iter)
{
  BylineFrontmatter *frontmatter;
  g_autoptr(GString) message = NULL;
  const char *text;
  gsize len = 0;
  gsize offset;
  guint line;

  g_return_val_if_fail (BYLINE_IS_PAGE (self), NULL);
  g_return_val_if_fail (iter != NULL, NULL);

  if (self->diagnostics == NULL || self->diagnostics->len == 0)
    return NULL;

  if (!gtk_text_iter_has_tag (iter, self->error_tag) &&
      !gtk_text_iter_has_tag (iter, self->warning_tag))
    return NULL;

  frontmatter = byline_post_get_frontmatter (byline_document_get_post (self->document));
  text = byline_frontmatter_get_text (frontmatter, &len);
  /* Diagnostics are about the frontmatter, which is all the parse holds. */
  if (gtk_text_iter_get_offset (iter) >= g_utf8_strlen (text, len))
    return NULL;
  offset = g_utf8_offset_to_pointer (text, gtk_text_iter_get_offset (iter)) - text;
  line = gtk_text_iter_get_line (iter) + 1;

  message = g_string_new (NULL);
  for (guint i = 0; i < self->diagnostics->len; i++)
    {
      const BylineDiagnostic *d = g_ptr_array_index (self->diagnostics, i);
      gboolean here;

      if (d->length > 0)
        here = offset >= d->offset && offset <= d->offset + d->length;
      else
        here = byline_frontmatter_offset_to_line (frontmatter, MIN (d->offset, len), NULL) == line;

      if (here)
        {
          if (message->len > 0)
            g_string_append_c (message, '\n');
          g_string_append (message, d->message);
        }
    }

  if (message->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&message), FALSE);
}

/* Hovering an underline (or asking with the keyboard) says what is wrong. */
static gboolean
byline_page_source_view_query_tooltip_cb (BylinePage    *self,
                                          int            x,
                                          int            y,
                                          gboolean       keyboard,
                                          GtkTooltip    *tooltip,
                                          GtkSourceView *view)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->document);
  g_autofree char *message = NULL;
  GtkTextIter iter;

  if (keyboard)
    {
      gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
    }
  else
    {
      int bx, by;

      gtk_text_view_window_to_buffer_coords (GTK_TEXT_VIEW (view), GTK_TEXT_WINDOW_WIDGET,
                                             x, y, &bx, &by);
      if (!gtk_text_view_get_iter_at_location (GTK_TEXT_VIEW (view), &iter, bx, by))
        return FALSE;
    }

  if (!(message = byline_page_dup_diagnostics_at (self, &iter)))
    return FALSE;

  gtk_tooltip_set_text (tooltip, message);
  return TRUE;
}

/* --- following the post ------------------------------------------------------ */

/* Hands the preview this post. A hidden preview is left alone (it would
 * still render on the main thread at every keystroke); it catches up when
 * it is shown again. */
static void
byline_page_update_preview (BylinePage *self)
{
  if (self->preview == NULL || !self->show_preview || self->loading_file != NULL)
    return;

  /* The post holds this change's copy of the buffer; the preview keeps a
   * reference to it (and may read it on a worker thread). */
  byline_preview_set_post (BYLINE_PREVIEW (self->preview), byline_document_get_post (self->document));
}

/* The post's title and its draft and featured flags, announced only when
 * they change. */
/* A Jekyll post in _posts/ or _drafts/: its folder, not a key, says
 * whether it is a draft. */
static BylineJekyllFolder
byline_page_get_jekyll_folder (BylinePage *self)
{
  GFile *file = byline_document_get_file (self->document);

  if (self->site == NULL || file == NULL || g_file_peek_path (file) == NULL)
    return BYLINE_JEKYLL_FOLDER_NONE;

  return byline_jekyll_folder_of (self->site, g_file_peek_path (file));
}

static void
byline_page_update_draft (BylinePage *self)
{
  gtk_revealer_set_reveal_child (self->draft_revealer, byline_page_get_draft (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DRAFT]);
}

static void
byline_page_update_header (BylinePage *self,
                           BylinePost *post)
{
  BylinePost *old = self->shown_post;

  if (old != NULL && byline_post_same_frontmatter (post, old))
    return;

  self->shown_post = byline_post_ref (post);
  /* (the title may be under another key than `title`: it changes nothing
   * when the title did not change) */
  byline_page_update_title (self);
  if (old == NULL || byline_post_get_draft (old) != byline_post_get_draft (post))
    byline_page_update_draft (self);
  if (old == NULL || byline_post_get_featured (old) != byline_post_get_featured (post))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FEATURED]);
  if (old == NULL || byline_post_get_editable (old) != byline_post_get_editable (post))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITABLE]);
  g_clear_pointer (&old, byline_post_unref);
}

static void
byline_page_follow_language (BylinePage *self,
                             BylinePost *post)
{
  gsize len;
  const char *text = byline_post_peek_text (post, &len);

  byline_language_follow (GTK_SOURCE_BUFFER (self->document), text, len,
                          byline_post_get_split (post));
}

static void
byline_page_document_notify_post_cb (BylinePage     *self,
                                     GParamSpec     *pspec,
                                     BylineDocument *document)
{
  BylinePost *post = byline_document_get_post (document);

  byline_page_follow_language (self, post);
  byline_page_update_header (self, post);

  /* A loading post is previewed and checked once, at the end. */
  if (self->loading_file != NULL)
    return;

  byline_page_update_preview (self);
  byline_page_update_diagnostics (self, post);
  byline_page_update_rename_offer (self, post);
  /* A big file arrives in pieces: its figures are read once, at the end
   * (reading each piece took the CPU the load needs). */
  if (!byline_document_get_loading (document))
    byline_analyzer_set_post (self->analyzer, post);
}

static void
byline_page_document_notify_loading_cb (BylinePage     *self,
                                        GParamSpec     *pspec,
                                        BylineDocument *document)
{
  if (!byline_document_get_loading (document) && self->loading_file == NULL)
    byline_analyzer_set_post (self->analyzer, byline_document_get_post (document));
}

static void
byline_page_document_modified_changed_cb (BylinePage     *self,
                                          BylineDocument *document)
{
  byline_page_update_title (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

/* --- writing tools ----------------------------------------------------------- */

/* The selection's figures, once the selection rests: a drag or Shift+arrow
 * moves it at every event, and copying a big selection is not free. */
static gboolean
byline_page_selection_cb (gpointer user_data)
{
  BylinePage *self = user_data;
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->document);
  GtkTextIter begin, end;
  g_autofree char *text = NULL;

  self->selection_source = 0;
  if (gtk_text_buffer_get_selection_bounds (buffer, &begin, &end))
    text = gtk_text_buffer_get_text (buffer, &begin, &end, TRUE);
  byline_analyzer_set_selection (self->analyzer, text);
  return G_SOURCE_REMOVE;
}

static void
byline_page_schedule_selection (BylinePage *self)
{
  gboolean has_selection = gtk_text_buffer_get_has_selection (GTK_TEXT_BUFFER (self->document));

  /* Nothing selected now, nor counted: nothing to do. */
  if (!has_selection && self->selection_source == 0 &&
      byline_analyzer_get_selection (self->analyzer) == NULL)
    return;
  g_clear_handle_id (&self->selection_source, g_source_remove);
  self->selection_source = g_timeout_add (has_selection ? 100 : 0, byline_page_selection_cb, self);
  g_source_set_name_by_id (self->selection_source, "[byline] selection count");
}

static void
byline_page_document_notify_has_selection_cb (BylinePage     *self,
                                              GParamSpec     *pspec,
                                              BylineDocument *document)
{
  byline_page_schedule_selection (self);
}

static void
byline_page_outline_heading_activated_cb (BylinePage    *self,
                                          guint          line,
                                          const char    *id,
                                          BylineOutline *outline)
{
  byline_page_go_to (self, line, 1);
  if (self->preview != NULL && self->show_preview)
    byline_preview_scroll_to_heading (BYLINE_PREVIEW (self->preview), id);
}

static void
byline_page_image_drop_inserted_cb (BylinePage      *self,
                                    const char      *path,
                                    gboolean         copied,
                                    BylineImageDrop *drop)
{
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *message = NULL;
  AdwToast *toast;

  if (!copied)
    return;
  /* Translators: %s is a file name */
  message = g_strdup_printf (_("Image saved as %s. Undo removes the reference, not the file."), name);
  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, 4);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
byline_page_image_drop_failed_cb (BylinePage      *self,
                                  const char      *message,
                                  BylineImageDrop *drop)
{
  byline_page_show_error (self, message, FALSE);
}

static void
byline_page_document_notify_cursor_position_cb (BylinePage     *self,
                                                GParamSpec     *pspec,
                                                BylineDocument *document)
{
  GtkTextIter iter;
  guint line;

  gtk_text_buffer_get_iter_at_mark (GTK_TEXT_BUFFER (document), &iter,
                                    gtk_text_buffer_get_insert (GTK_TEXT_BUFFER (document)));
  line = gtk_text_iter_get_line (&iter) + 1;
  byline_outline_set_current_line (self->outline, line);
  byline_page_schedule_selection (self);

  /* With the panes scrolled together, the preview follows the editor's
   * scrolling (which follows the cursor) instead. */
  if (self->preview == NULL || !self->show_preview ||
      byline_scroll_sync_get_enabled (self->scroll_sync))
    return;

  /* Typing moves the cursor at every key, mostly within its line: the
   * preview needs a word only when the line changes. */
  if (line == self->cursor_line)
    return;
  self->cursor_line = line;
  byline_preview_scroll_to_line (BYLINE_PREVIEW (self->preview), line);
}

/* --- the site's schema -------------------------------------------------- */

/* Sites are read once per root, and again when their files change, by
 * every page of the process. */
static BylineSiteCache *
byline_page_get_site_cache (void)
{
  static gsize cache;

  if (g_once_init_enter (&cache))
    g_once_init_leave (&cache, (gsize) byline_site_cache_new ());

  return (BylineSiteCache *) cache;
}

/* The files of the open posts' sites, watched once per process: a change
 * drops the site from the cache and its pages find their schema again. */
static BylineSiteWatcher *
byline_page_get_site_watcher (void)
{
  static gsize watcher;

  if (g_once_init_enter (&watcher))
    g_once_init_leave (&watcher, (gsize) byline_site_watcher_new (byline_page_get_site_cache ()));

  return (BylineSiteWatcher *) watcher;
}

/* The page weakly (see the preview's Update for why). */
typedef struct
{
  GWeakRef           page;
  char              *path;
  BylineFrontmatter *frontmatter;
  /* found on the worker */
  BylineSite        *site;
  char              *collection;
  char              *language;     /* the site's, for spelling */
} SchemaJob;

static void
schema_job_free (SchemaJob *job)
{
  g_weak_ref_clear (&job->page);
  g_free (job->path);
  g_clear_pointer (&job->frontmatter, byline_frontmatter_unref);
  g_clear_pointer (&job->site, byline_site_unref);
  g_free (job->collection);
  g_free (job->language);
  g_free (job);
}

static void
byline_page_find_schema_thread (GTask        *task,
                                gpointer      source_object,
                                gpointer      task_data,
                                GCancellable *cancellable)
{
  SchemaJob *job = task_data;

  job->site = byline_site_cache_lookup (byline_page_get_site_cache (), job->path, NULL);
  job->language = job->site != NULL ? byline_site_dup_language (job->site) : NULL;
  g_task_return_pointer (task,
                         byline_schema_for_post (job->site, job->path, job->frontmatter,
                                                 &job->collection),
                         (GDestroyNotify) byline_schema_unref);
}

static void
byline_page_find_schema_cb (GObject      *object,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  SchemaJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(BylinePage) self = g_weak_ref_get (&job->page);
  g_autoptr(BylineSchema) schema = g_task_propagate_pointer (G_TASK (result), NULL);
  GFile *file;
  g_autofree char *path = NULL;

  if (self == NULL)
    return;
  file = byline_document_get_file (self->document);
  path = file != NULL ? g_file_get_path (file) : NULL;

  /* Only for the file it was found for (Save As may have moved on). */
  if (schema != NULL && g_strcmp0 (path, job->path) == 0)
    {
      byline_document_set_schema (self->document, schema);
      byline_site_banner_set_site (self->site_banner, job->site, job->collection);
      byline_spell_checker_set_site_language (self->spell_checker, job->language);
      if (self->form != NULL)
        byline_form_set_site (BYLINE_FORM (self->form), job->site);
      g_free (self->site_root);
      self->site_root = job->site != NULL ? g_strdup (byline_site_get_root (job->site)) : NULL;
      g_clear_pointer (&self->site, byline_site_unref);
      self->site = job->site != NULL ? byline_site_ref (job->site) : NULL;
      byline_page_update_draft (self);
      byline_page_remember_recent (self);
      if (job->site != NULL)
        byline_site_watcher_watch (byline_page_get_site_watcher (), job->site);
    }
}

/* The schema of the post's site (or, for a post of no site, the one its
 * keys call for), found on a worker: it reads the site's configuration. */
static void
byline_page_find_schema (BylinePage *self)
{
  GFile *file = byline_document_get_file (self->document);
  g_autoptr(GTask) task = NULL;
  SchemaJob *job;

  if (file == NULL || g_file_peek_path (file) == NULL)
    return;

  job = g_new0 (SchemaJob, 1);
  g_weak_ref_init (&job->page, self);
  job->path = g_file_get_path (file);
  job->frontmatter = byline_frontmatter_ref (byline_post_get_frontmatter (byline_document_get_post (self->document)));

  task = g_task_new (NULL, self->cancellable, byline_page_find_schema_cb, NULL);
  g_task_set_source_tag (task, byline_page_find_schema);
  g_task_set_task_data (task, job, (GDestroyNotify) schema_job_free);
  g_task_run_in_thread (task, byline_page_find_schema_thread);
}

static void
byline_page_document_notify_file_cb (BylinePage     *self,
                                     GParamSpec     *pspec,
                                     BylineDocument *document)
{
  GFile *file = byline_document_get_file (document);

  byline_page_find_schema (self);

  byline_page_update_title (self);
  byline_page_update_draft (self);
  /* Whether the new name follows the slug is seen afresh. */
  self->name_checked = FALSE;
  byline_page_update_rename_offer (self, byline_document_get_post (document));
  /* The notices name the file. */
  byline_page_update_encoding_banner (self);
  byline_page_update_disk_banner (self);

  if (self->preview != NULL)
    byline_preview_set_file (BYLINE_PREVIEW (self->preview), file);
  if (self->form != NULL && file != NULL)
    {
      g_autoptr(GFile) folder = g_file_get_parent (file);

      byline_form_set_folder (BYLINE_FORM (self->form), folder);
    }

  byline_page_remember_recent (self);
}

/* Open Recent lists the post by its title, with its path in its site:
 * once the post is read, once its site is known, and after a save. */
static void
byline_page_remember_recent (BylinePage *self)
{
  GFile *file = byline_document_get_file (self->document);

  if (file == NULL || self->loading_file != NULL || byline_document_get_loading (self->document))
    return;

  byline_recent_add_post (gtk_recent_manager_get_default (), file,
                          byline_post_get_title (byline_document_get_post (self->document)),
                          self->site_root);
}

static void
byline_page_document_notify_disk_state_cb (BylinePage     *self,
                                           GParamSpec     *pspec,
                                           BylineDocument *document)
{
  byline_page_update_disk_banner (self);
}

static void
byline_page_document_notify_n_invalid_bytes_cb (BylinePage     *self,
                                                GParamSpec     *pspec,
                                                BylineDocument *document)
{
  self->encoding_dismissed = FALSE;
  byline_page_update_encoding_banner (self);
}

static void
byline_page_session_draft_failed_cb (BylinePage    *self,
                                     const char    *id,
                                     const char    *message,
                                     BylineSession *session)
{
  g_autofree char *text = NULL;

  if (g_strcmp0 (id, byline_document_get_id (self->document)) != 0)
    return;

  /* Translators: %s is the system's reason */
  text = g_strdup_printf (_("Unsaved changes could not be backed up: %s"), message);
  byline_page_show_error (self, text, FALSE);
}

/* --- notices about the file ---------------------------------------------------- */

/* A notice under the header bar: a message and up to two buttons for
 * actions. */
static GtkRevealer *
byline_page_add_banner (BylinePage  *self,
                        GtkLabel   **label,
                        GtkWidget  **buttons,
                        const char  *first_label,
                        const char  *first_action,
                        const char  *second_label,
                        const char  *second_action)
{
  GtkWidget *revealer = gtk_revealer_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *button_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  gtk_revealer_set_transition_type (GTK_REVEALER (revealer), GTK_REVEALER_TRANSITION_TYPE_SLIDE_DOWN);
  gtk_widget_add_css_class (box, "file-banner");

  *label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (*label, TRUE);
  gtk_label_set_xalign (*label, 0.0f);
  gtk_widget_set_hexpand (GTK_WIDGET (*label), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (*label));

  for (guint i = 0; i < 2; i++)
    {
      const char *text = i == 0 ? first_label : second_label;
      const char *action = i == 0 ? first_action : second_action;
      GtkWidget *button;

      if (text == NULL)
        continue;
      button = gtk_button_new_with_mnemonic (text);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
      gtk_box_append (GTK_BOX (button_box), button);
    }

  gtk_box_append (GTK_BOX (box), button_box);
  if (buttons != NULL)
    *buttons = button_box;

  gtk_revealer_set_child (GTK_REVEALER (revealer), box);
  gtk_box_append (self->banner_box, revealer);

  return GTK_REVEALER (revealer);
}

static void
byline_page_site_watcher_changed_cb (BylinePage        *self,
                                    const char        *root,
                                    BylineSiteWatcher *watcher)
{
  if (g_strcmp0 (root, self->site_root) == 0)
    byline_page_find_schema (self);
}

/* `astro sync` wrote the site's schemas: read the site again. */
static void
byline_page_site_banner_synced_cb (BylinePage       *self,
                                   const char       *root,
                                   BylineSiteBanner *banner)
{
  byline_site_cache_invalidate (byline_page_get_site_cache (), root);
  byline_page_find_schema (self);
}

static void
byline_page_build_banners (BylinePage *self)
{
  self->recovered_banner = byline_page_add_banner (self, &self->recovered_label, NULL,
                                                   _("_Discard"), "doc.discard-recovered",
                                                   NULL, NULL);
  self->disk_banner = byline_page_add_banner (self, &self->disk_label, &self->disk_buttons,
                                              _("_Reload"), "doc.reload",
                                              _("_Keep Mine"), "doc.keep-mine");
  self->encoding_banner = byline_page_add_banner (self, &self->encoding_label, NULL,
                                                  _("_Hide"), "doc.hide-encoding-notice",
                                                  NULL, NULL);
  self->rename_banner = byline_page_add_banner (self, &self->rename_label, NULL,
                                                _("_Rename"), "page.rename-file",
                                                _("_Keep Name"), "page.keep-name");
  gtk_widget_add_css_class (gtk_revealer_get_child (self->disk_banner), "error");

  self->site_banner = BYLINE_SITE_BANNER (byline_site_banner_new ());
  gtk_box_append (self->banner_box, GTK_WIDGET (self->site_banner));
  g_signal_connect_object (self->site_banner, "synced",
                           G_CALLBACK (byline_page_site_banner_synced_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (byline_page_get_site_watcher (), "changed",
                           G_CALLBACK (byline_page_site_watcher_changed_cb),
                           self, G_CONNECT_SWAPPED);
}

static void
byline_page_update_disk_banner (BylinePage *self)
{
  BylineDiskState state = byline_document_get_disk_state (self->document);
  g_autofree char *name = byline_document_dup_display_name (self->document);
  g_autofree char *text = NULL;

  switch (state)
    {
    case BYLINE_DISK_STATE_CHANGED:
      /* Translators: %s is a file name */
      text = g_strdup_printf (_("“%s” was changed on disk by another program. "
                                "Reload it and lose your changes, or keep yours "
                                "and overwrite it when you save."), name);
      break;

    case BYLINE_DISK_STATE_DELETED:
      /* Translators: %s is a file name */
      text = g_strdup_printf (_("“%s” was deleted or moved. Its text is only "
                                "here now: save to write it back."), name);
      break;

    case BYLINE_DISK_STATE_IN_SYNC:
    default:
      break;
    }

  if (text != NULL)
    gtk_label_set_text (self->disk_label, text);
  gtk_widget_set_visible (self->disk_buttons, state == BYLINE_DISK_STATE_CHANGED);
  gtk_revealer_set_reveal_child (self->disk_banner, text != NULL);
}

static void
byline_page_update_encoding_banner (BylinePage *self)
{
  gsize n_invalid = byline_document_get_n_invalid_bytes (self->document);
  g_autofree char *name = byline_document_dup_display_name (self->document);
  g_autofree char *text = NULL;

  if (n_invalid > 0)
    {
      /* Translators: %s is a file name, %lu a number of bytes */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "“%s” is not valid UTF-8: %'lu byte is not text. "
                                           "It shows as a box and is saved back unchanged.",
                                           "“%s” is not valid UTF-8: %'lu bytes are not text. "
                                           "They show as boxes and are saved back unchanged.",
                                           n_invalid),
                              name, (gulong)n_invalid);
      gtk_label_set_text (self->encoding_label, text);
    }

  gtk_revealer_set_reveal_child (self->encoding_banner, n_invalid > 0 && !self->encoding_dismissed);
}

static void
byline_page_set_recovered (BylinePage *self,
                           GDateTime  *when)
{
  if (when != NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autoptr(GDateTime) local = g_date_time_to_local (when);
      g_autofree char *stamp = NULL;
      g_autofree char *text = NULL;

      if (g_date_time_get_year (local) == g_date_time_get_year (now) &&
          g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (now))
        stamp = g_date_time_format (local, "%H:%M");
      else
        stamp = g_date_time_format (local, "%x %H:%M");

      /* Translators: %s is a time, or a date and a time */
      text = g_strdup_printf (_("Recovered unsaved changes from %s"), stamp);
      gtk_label_set_text (self->recovered_label, text);
    }

  if (gtk_revealer_get_reveal_child (self->recovered_banner) == (when != NULL))
    return;

  gtk_revealer_set_reveal_child (self->recovered_banner, when != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECOVERED]);
}

/**
 * byline_page_show_error:
 * @offer_save_as: whether the message offers Save As (a failed save)
 *
 * Tells the user what went wrong, in a toast over the page.
 */
void
byline_page_show_error (BylinePage *self,
                        const char *message,
                        gboolean    offer_save_as)
{
  AdwToast *toast;

  g_return_if_fail (BYLINE_IS_PAGE (self));
  g_return_if_fail (message != NULL);

  toast = adw_toast_new (message);
  g_free (self->last_error);
  self->last_error = g_strdup (message);

  adw_toast_set_timeout (toast, offer_save_as ? 0 : 5);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  if (offer_save_as)
    {
      adw_toast_set_button_label (toast, _("Save As…"));
      adw_toast_set_action_name (toast, "doc.save-as");
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/**
 * byline_page_go_to:
 * @line: 1-based
 * @column: 1-based, in characters
 *
 * Puts the cursor there, scrolls to it and gives the editor the keyboard.
 */
void
byline_page_go_to (BylinePage *self,
                   guint       line,
                   guint       column)
{
  GtkTextBuffer *buffer;
  GtkTextIter iter;

  g_return_if_fail (BYLINE_IS_PAGE (self));

  buffer = GTK_TEXT_BUFFER (self->document);
  gtk_text_buffer_get_iter_at_line_offset (buffer, &iter,
                                           line > 0 ? line - 1 : 0,
                                           column > 0 ? column - 1 : 0);
  gtk_text_buffer_select_range (buffer, &iter, &iter);
  gtk_text_view_scroll_to_iter (GTK_TEXT_VIEW (self->source_view), &iter, 0.2, FALSE, 0, 0);
  gtk_widget_grab_focus (GTK_WIDGET (self->source_view));
}

static void
byline_page_form_go_to_line_cb (BylinePage *self,
                                guint       line,
                                guint       column,
                                GtkWidget  *form)
{
  byline_page_go_to (self, line, column);
}

static void
byline_page_preview_line_activated_cb (BylinePage *self,
                                       guint       line,
                                       GtkWidget  *preview)
{
  byline_page_go_to (self, line, 1);
}

/* --- loading ------------------------------------------------------------ */

static void
byline_page_show_cursor (BylinePage *self)
{
  self->show_cursor_on_map = FALSE;
  gtk_widget_grab_focus (GTK_WIDGET (self->source_view));
  gtk_text_view_scroll_to_mark (GTK_TEXT_VIEW (self->source_view),
                                gtk_text_buffer_get_insert (GTK_TEXT_BUFFER (self->document)),
                                0.1, FALSE, 0, 0);
}

static gboolean
byline_page_show_cursor_cb (gpointer user_data)
{
  BylinePage *self = user_data;

  self->show_cursor_source = 0;
  byline_page_show_cursor (self);

  return G_SOURCE_REMOVE;
}

static void
byline_page_map (GtkWidget *widget)
{
  BylinePage *self = BYLINE_PAGE (widget);

  GTK_WIDGET_CLASS (byline_page_parent_class)->map (widget);

  /* Once the view has its size: scrolling a view that was never laid out
   * lands a few lines off. */
  if (self->show_cursor_on_map && self->show_cursor_source == 0)
    self->show_cursor_source = g_idle_add_full (G_PRIORITY_LOW, byline_page_show_cursor_cb, self, NULL);
}

static void
byline_page_load_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  BylineDocument *document = (BylineDocument *)object;
  g_autoptr(GTask) task = user_data;
  BylinePage *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->loading_file);
  if (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->source_view)) != GTK_TEXT_BUFFER (document))
    gtk_text_view_set_buffer (GTK_TEXT_VIEW (self->source_view), GTK_TEXT_BUFFER (document));
  gtk_text_view_set_editable (GTK_TEXT_VIEW (self->source_view), TRUE);
  gtk_widget_set_sensitive (self->form, TRUE);
  byline_page_update_title (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
  /* One post at the end of the load: show it. */
  byline_page_document_notify_post_cb (self, NULL, document);

  if (!byline_document_load_finish (document, result, &error))
    {
      g_autofree char *name = g_file_get_basename (g_task_get_task_data (task));

      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* Translators: %s is a file name, then the system's reason */
          g_autofree char *message = g_strdup_printf (_("Could not open “%s”: %s"), name, error->message);

          byline_page_show_error (self, message, FALSE);
        }

      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* A page in a tab behind another one gets the keyboard and scrolls to
   * the body once it is shown: GTK can't place the cursor of a view that
   * has no size yet. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    byline_page_show_cursor (self);
  else
    self->show_cursor_on_map = TRUE;

  byline_page_remember_recent (self);
  g_task_return_boolean (task, TRUE);
}

/**
 * byline_page_load_async:
 *
 * Opens @file in this page's document; on failure the page says why.
 */
void
byline_page_load_async (BylinePage          *self,
                        GFile               *file,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (BYLINE_IS_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_page_load_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_set_object (&self->loading_file, file);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);

  /* The text arrives in slices; typing into half a file helps nobody. And
   * the view stays off the buffer meanwhile: a GtkTextView relays out after
   * every slice (measured: 100 s for 50 MB attached, 0.7 s detached). Not
   * a view never realized (a new tab's, behind another): it lays nothing
   * out, and swapping its buffer left GTK 4.8's line cache pointing at
   * lines of the other buffer (a crash). */
  gtk_text_view_set_editable (GTK_TEXT_VIEW (self->source_view), FALSE);
  if (gtk_widget_get_realized (GTK_WIDGET (self->source_view)))
    {
      if (self->loading_buffer == NULL)
        self->loading_buffer = GTK_TEXT_BUFFER (gtk_source_buffer_new (NULL));
      gtk_text_view_set_buffer (GTK_TEXT_VIEW (self->source_view), self->loading_buffer);
    }
  gtk_widget_set_sensitive (self->form, FALSE);

  byline_document_load_async (self->document, file,
                              cancellable ? cancellable : self->cancellable,
                              byline_page_load_cb, task);
}

gboolean
byline_page_load_finish (BylinePage    *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (BYLINE_IS_PAGE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* --- saving ------------------------------------------------------------- */

static void byline_page_save_cb (GObject      *object,
                                 GAsyncResult *result,
                                 gpointer      user_data);

static void
byline_page_overwrite_response_cb (AdwMessageDialog *dialog,
                                   const char       *response,
                                   gpointer          user_data)
{
  g_autoptr(GTask) task = user_data;
  BylinePage *self = g_task_get_source_object (task);
  GCancellable *cancellable;
  GFile *target;

  if (!g_str_equal (response, "overwrite"))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               _("The post was not saved"));
      return;
    }

  cancellable = g_task_get_cancellable (task);
  target = g_task_get_task_data (task);

  byline_document_save_async (self->document, target, BYLINE_SAVE_FLAGS_IGNORE_CHANGES,
                              cancellable, byline_page_save_cb, g_steal_pointer (&task));
}

/* The file changed on disk since it was read or saved: writing now would
 * throw away someone else's change without telling. */
static void
byline_page_ask_overwrite (BylinePage *self,
                           GTask      *task)
{
  g_autofree char *name = byline_document_dup_display_name (self->document);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       _("File Changed on Disk"), NULL));
  /* Translators: %s is the file name */
  adw_message_dialog_format_body (dialog,
                                  _("“%s” was changed by another program since it was "
                                    "opened or saved. Saving now replaces those changes "
                                    "with yours."),
                                  name);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "overwrite", _("_Save Anyway"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "overwrite", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response",
                    G_CALLBACK (byline_page_overwrite_response_cb), g_object_ref (task));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
byline_page_save_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  BylineDocument *document = (BylineDocument *)object;
  g_autoptr(GTask) task = user_data;
  BylinePage *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  if (!byline_document_save_finish (document, result, &error))
    {
      /* The save did not happen, so neither did its modDatetime: take the
       * edit back unless the user typed since. */
      if (self->touched_serial != 0 &&
          self->touched_serial == byline_document_get_change_serial (document) &&
          gtk_text_buffer_get_can_undo (GTK_TEXT_BUFFER (document)))
        {
          GtkTextBuffer *buffer = GTK_TEXT_BUFFER (document);
          GtkTextMark *cursor;
          GtkTextIter iter;

          /* Undo moves the cursor to the edit; the user was elsewhere. */
          gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
          cursor = gtk_text_buffer_create_mark (buffer, NULL, &iter, TRUE);
          gtk_text_buffer_undo (buffer);
          gtk_text_buffer_get_iter_at_mark (buffer, &iter, cursor);
          gtk_text_buffer_place_cursor (buffer, &iter);
          gtk_text_buffer_delete_mark (buffer, cursor);
        }
      self->touched_serial = 0;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG))
        {
          byline_page_ask_overwrite (self, task);
          return;
        }

      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* Translators: %s is the system's reason, e.g. “Permission denied” */
          g_autofree char *message = g_strdup_printf (_("The post was not saved: %s"), error->message);

          byline_page_show_error (self, message, TRUE);
        }

      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  self->touched_serial = 0;
  g_clear_pointer (&self->last_error, g_free);
  byline_page_update_title (self);
  /* What is on disk now is what the name follows, or not; a rename still
   * offered stays offered. */
  if (self->rename_slug == NULL)
    {
      self->name_checked = FALSE;
      byline_page_update_rename_offer (self, byline_document_get_post (document));
    }
  byline_page_remember_recent (self);

  g_task_return_boolean (task, TRUE);
}

/**
 * byline_page_save_async:
 * @target: (nullable): a new file (Save As), or %NULL for the post's file
 *
 * Saves the post as the user asked to. A changed post that is not a draft
 * first gets `modDatetime: now` when the setting asks for it, as one
 * undoable edit (taken back if the save fails). When the file changed on
 * disk since it was read, the user is asked first; declining finishes with
 * %G_IO_ERROR_CANCELLED. Other failures are shown, and returned.
 */
void
byline_page_save_async (BylinePage          *self,
                        GFile               *target,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (BYLINE_IS_PAGE (self));
  g_return_if_fail (target == NULL || G_IS_FILE (target));

  task = g_task_new (self, cancellable ? cancellable : self->cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_page_save_async);
  if (target != NULL)
    g_task_set_task_data (task, g_object_ref (target), g_object_unref);

  if (g_settings_get_boolean (self->settings, "update-mod-datetime") &&
      gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (self->document)) &&
      !byline_document_get_draft (self->document))
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autoptr(GError) error = NULL;

      self->touched_serial = 0;
      if (byline_document_touch_mod_datetime (self->document, now, &error))
        self->touched_serial = byline_document_get_change_serial (self->document);
      else if (error != NULL)
        g_debug ("modDatetime left as it is: %s", error->message);
    }

  byline_document_save_async (self->document, target, BYLINE_SAVE_FLAGS_NONE,
                              g_task_get_cancellable (task),
                              byline_page_save_cb, task);
}

gboolean
byline_page_save_finish (BylinePage    *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (BYLINE_IS_PAGE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
byline_page_save_as_saved_cb (GObject      *object,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!byline_page_save_finish (BYLINE_PAGE (object), result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
byline_page_save_as_chosen (GTask *task,
                            GFile *file)
{
  BylinePage *self = g_task_get_source_object (task);

  if (file == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               _("The post was not saved"));
      g_object_unref (task);
      return;
    }

  byline_page_save_async (self, file, g_task_get_cancellable (task),
                          byline_page_save_as_saved_cb, task);
}

#if GTK_CHECK_VERSION (4, 10, 0)
static void
byline_page_save_dialog_cb (GObject      *object,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  g_autoptr(GFile) file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (object), result, NULL);

  byline_page_save_as_chosen (user_data, file);
}
#else
static void
byline_page_chooser_response_cb (GtkFileChooserNative *chooser,
                                 int                   response,
                                 gpointer              user_data)
{
  GTask *task = user_data;
  BylinePage *self = g_task_get_source_object (task);
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  g_signal_handlers_disconnect_by_data (chooser, task);
  g_clear_object (&self->chooser);
  byline_page_save_as_chosen (task, file);
}
#endif

/**
 * byline_page_save_as_async:
 *
 * Asks where to save (a new post is offered a file name made from its
 * title, in the folder of its file or of the folder hint), then saves there
 * as byline_page_save_async() does. Closing the chooser finishes with
 * %G_IO_ERROR_CANCELLED.
 */
void
byline_page_save_as_async (BylinePage          *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autofree char *name = NULL;
  g_autoptr(GFile) folder = NULL;
  GtkRoot *root;
  GFile *file;
  GTask *task;

  g_return_if_fail (BYLINE_IS_PAGE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_page_save_as_async);

  name = byline_document_dup_suggested_name (self->document);
  file = byline_document_get_file (self->document);
  root = gtk_widget_get_root (GTK_WIDGET (self));

  if (file != NULL)
    folder = g_file_get_parent (file);
  else if (self->folder_hint != NULL)
    folder = g_object_ref (self->folder_hint);
  if (folder != NULL && !g_file_query_exists (folder, NULL))
    g_clear_object (&folder);

#if GTK_CHECK_VERSION (4, 10, 0)
  {
    g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();

    gtk_file_dialog_set_title (dialog, _("Save Post As"));
    gtk_file_dialog_set_modal (dialog, TRUE);
    gtk_file_dialog_set_initial_name (dialog, name);
    if (folder != NULL)
      gtk_file_dialog_set_initial_folder (dialog, folder);
    gtk_file_dialog_save (dialog, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, NULL,
                          byline_page_save_dialog_cb, task);
  }
#else
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Save Post As"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect (self->chooser, "response",
                    G_CALLBACK (byline_page_chooser_response_cb), task);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
#endif
}

gboolean
byline_page_save_as_finish (BylinePage    *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (BYLINE_IS_PAGE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* --- what the notices offer --------------------------------------------- */

static void
byline_page_reload_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(BylinePage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!byline_document_reload_finish (BYLINE_DOCUMENT (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Translators: %s is the system's reason */
      g_autofree char *message = g_strdup_printf (_("Could not reload the post: %s"), error->message);

      byline_page_show_error (self, message, FALSE);
    }
}

/**
 * byline_page_reload:
 *
 * Replaces the text with the file's, as one edit that Undo takes back.
 */
void
byline_page_reload (BylinePage *self)
{
  g_return_if_fail (BYLINE_IS_PAGE (self));

  byline_document_reload_async (self->document, self->cancellable,
                                byline_page_reload_cb, g_object_ref (self));
}

/**
 * byline_page_keep_mine:
 *
 * Keeps the text over a file that changed on disk; the next save
 * overwrites it without asking.
 */
void
byline_page_keep_mine (BylinePage *self)
{
  g_return_if_fail (BYLINE_IS_PAGE (self));

  byline_document_keep_mine (self->document);
}

/**
 * byline_page_discard_recovered:
 *
 * Gives up recovered text: back to the file as it is on disk, as one edit
 * that Undo takes back. An untitled post (or one whose file is gone) is
 * nothing but that text: #BylinePage::discarded says the page can go.
 */
void
byline_page_discard_recovered (BylinePage *self)
{
  g_return_if_fail (BYLINE_IS_PAGE (self));

  byline_page_set_recovered (self, NULL);

  if (byline_document_get_file (self->document) != NULL &&
      byline_document_get_disk_state (self->document) != BYLINE_DISK_STATE_DELETED)
    {
      byline_page_reload (self);
      return;
    }

  byline_page_forget_draft (self);
  g_signal_emit (self, signals[DISCARDED], 0);
}

void
byline_page_hide_encoding_notice (BylinePage *self)
{
  g_return_if_fail (BYLINE_IS_PAGE (self));

  self->encoding_dismissed = TRUE;
  byline_page_update_encoding_banner (self);
}

/**
 * byline_page_forget_draft:
 *
 * The user gave up the unsaved changes (Discard): their draft goes.
 */
void
byline_page_forget_draft (BylinePage *self)
{
  g_return_if_fail (BYLINE_IS_PAGE (self));

  byline_page_set_recovered (self, NULL);
  if (self->session != NULL)
    byline_session_forget_draft (self->session, self->document);
}

/* --- recovery ------------------------------------------------------------ */

static void
byline_page_apply_draft (BylinePage *self,
                         GDateTime  *when)
{
  g_autoptr(GBytes) text = NULL;
  g_autoptr(GError) error = NULL;
  const char *data;
  gsize len = 0;

  if (self->session == NULL)
    return;

  if (!(text = byline_session_read_draft (self->session, byline_document_get_id (self->document), &error)))
    {
      /* Translators: %s is the system's reason */
      g_autofree char *message = g_strdup_printf (_("Unsaved changes could not be recovered: %s"),
                                                  error->message);

      byline_page_show_error (self, message, FALSE);
      return;
    }

  data = g_bytes_get_data (text, &len);
  byline_document_replace_text (self->document, data, len);

  /* Saved after the draft was written, so nothing to recover. */
  if (!gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (self->document)))
    {
      byline_page_forget_draft (self);
      return;
    }

  byline_page_set_recovered (self, when);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self->source_view));
}

typedef struct
{
  GDateTime       *when;
  BylineFileStamp  base;
  gboolean         has_base;
} Recovery;

static void
recovery_free (Recovery *recovery)
{
  g_date_time_unref (recovery->when);
  g_free (recovery);
}

static void
byline_page_recover_load_cb (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  BylinePage *self = BYLINE_PAGE (object);
  Recovery *recovery = user_data;
  g_autoptr(GError) error = NULL;
  GFile *file = g_task_get_task_data (G_TASK (result));

  if (byline_page_load_finish (self, result, &error))
    {
      byline_page_apply_draft (self, recovery->when);
      /* Changed on disk since the draft's text was last in step with it:
       * say so, and let Save ask before overwriting that change. */
      if (recovery->has_base &&
          gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (self->document)))
        byline_document_set_base_stamp (self->document, &recovery->base);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Gone, or no longer a post: the draft is all there is, and it still
       * belongs to that file (Save asks before replacing whatever is
       * there now). */
      byline_document_set_missing_file (self->document, file);
      byline_page_apply_draft (self, recovery->when);
    }

  recovery_free (recovery);
}

/**
 * byline_page_recover:
 * @entry: a session entry with a draft
 *
 * Opens the entry's file (if any), then puts the draft's text in place of
 * it as one undoable edit, marked unsaved, under a notice that says so and
 * offers to discard it.
 */
void
byline_page_recover (BylinePage               *self,
                     const BylineSessionEntry *entry)
{
  g_autoptr(GFile) file = NULL;
  Recovery *recovery;

  g_return_if_fail (BYLINE_IS_PAGE (self));
  g_return_if_fail (entry != NULL && entry->id != NULL && entry->draft_time != NULL);

  byline_document_set_id (self->document, entry->id);

  if (entry->uri == NULL)
    {
      byline_page_apply_draft (self, entry->draft_time);
      return;
    }

  recovery = g_new0 (Recovery, 1);
  recovery->when = g_date_time_ref (entry->draft_time);
  recovery->base = entry->base;
  recovery->has_base = entry->has_base;
  file = g_file_new_for_uri (entry->uri);
  byline_page_load_async (self, file, NULL, byline_page_recover_load_cb, recovery);
}

/* --- panes --------------------------------------------------------------- */

static void
byline_page_update_panes (BylinePage *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->form_box), self->show_form);
  gtk_widget_set_visible (GTK_WIDGET (self->preview_box), self->show_preview);
  gtk_widget_set_visible (GTK_WIDGET (self->inner_paned), self->show_form || self->show_preview);
}

static void
byline_page_build_panes (BylinePage *self)
{
  self->form = byline_form_new ();
  byline_form_set_document (BYLINE_FORM (self->form), self->document);
  g_signal_connect_object (self->form, "go-to-line",
                           G_CALLBACK (byline_page_form_go_to_line_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_widget_set_vexpand (self->form, TRUE);
  gtk_box_append (self->form_box, self->form);

  self->preview = byline_preview_new ();
  g_signal_connect_object (self->preview, "line-activated",
                           G_CALLBACK (byline_page_preview_line_activated_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_widget_set_vexpand (self->preview, TRUE);
  gtk_widget_set_hexpand (self->preview, TRUE);
  gtk_box_append (self->preview_box, self->preview);
  g_settings_bind (self->settings, "preview-remote-content",
                   self->preview, "remote-content",
                   G_SETTINGS_BIND_GET);

  self->scroll_sync = byline_scroll_sync_new (GTK_TEXT_VIEW (self->source_view),
                                              BYLINE_PREVIEW (self->preview));
  g_settings_bind (self->settings, "sync-scroll", self->scroll_sync, "enabled",
                   G_SETTINGS_BIND_GET);

  self->spell_checker = byline_spell_checker_new (GTK_TEXT_VIEW (self->source_view));
  g_settings_bind (self->settings, "spell-check", self->spell_checker, "enabled",
                   G_SETTINGS_BIND_GET);
}

/* --- GObject ------------------------------------------------------------ */

/**
 * byline_page_set_session:
 * @session: (nullable): where drafts of unsaved changes go, or %NULL to
 *   keep none
 */
void
byline_page_set_session (BylinePage    *self,
                         BylineSession *session)
{
  g_return_if_fail (BYLINE_IS_PAGE (self));
  g_return_if_fail (session == NULL || BYLINE_IS_SESSION (session));

  if (self->session == session)
    return;

  if (self->session != NULL)
    {
      byline_session_unwatch_document (self->session, self->document);
      g_signal_handlers_disconnect_by_data (self->session, self);
      g_clear_object (&self->session);
    }

  if (session != NULL)
    {
      self->session = g_object_ref (session);
      byline_session_watch_document (self->session, self->document);
      g_signal_connect_object (self->session, "draft-failed",
                               G_CALLBACK (byline_page_session_draft_failed_cb),
                               self, G_CONNECT_SWAPPED);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

static void
byline_page_dispose (GObject *object)
{
  BylinePage *self = BYLINE_PAGE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->show_cursor_source, g_source_remove);
  g_clear_handle_id (&self->selection_source, g_source_remove);
  g_clear_handle_id (&self->rename_source, g_source_remove);
  byline_page_set_session (self, NULL);
#if !GTK_CHECK_VERSION (4, 10, 0)
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
#endif

  gtk_widget_dispose_template (GTK_WIDGET (self), BYLINE_TYPE_PAGE);

  G_OBJECT_CLASS (byline_page_parent_class)->dispose (object);
}

static void
byline_page_finalize (GObject *object)
{
  BylinePage *self = BYLINE_PAGE (object);

  g_clear_object (&self->document);
  g_clear_object (&self->session);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->folder_hint);
  g_clear_object (&self->loading_file);
  g_clear_object (&self->loading_buffer);
  g_clear_object (&self->analyzer);
  g_clear_object (&self->scroll_sync);
  g_clear_object (&self->spell_checker);
  g_clear_object (&self->image_drop);
  g_clear_pointer (&self->diagnostics, g_ptr_array_unref);
  g_clear_pointer (&self->shown_post, byline_post_unref);
  g_clear_pointer (&self->site_root, g_free);
  g_clear_pointer (&self->site, byline_site_unref);
  g_clear_pointer (&self->rename_slug, g_free);
  g_clear_pointer (&self->undo_path, g_free);
  g_clear_pointer (&self->undo_slug, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->subtitle, g_free);
  g_clear_pointer (&self->last_error, g_free);

  G_OBJECT_CLASS (byline_page_parent_class)->finalize (object);
}

static void
byline_page_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  BylinePage *self = BYLINE_PAGE (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;

    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_SUBTITLE:
      g_value_set_string (value, self->subtitle);
      break;

    case PROP_MODIFIED:
      g_value_set_boolean (value, byline_page_get_modified (self));
      break;

    case PROP_DRAFT:
      g_value_set_boolean (value, byline_page_get_draft (self));
      break;

    case PROP_FEATURED:
      g_value_set_boolean (value, byline_page_get_featured (self));
      break;

    case PROP_EDITABLE:
      g_value_set_boolean (value, byline_page_get_editable (self));
      break;

    case PROP_RECOVERED:
      g_value_set_boolean (value, byline_page_get_recovered (self));
      break;

    case PROP_SHOW_FORM:
      g_value_set_boolean (value, self->show_form);
      break;

    case PROP_SHOW_PREVIEW:
      g_value_set_boolean (value, self->show_preview);
      break;

    case PROP_SHOW_OUTLINE:
      g_value_set_boolean (value, self->show_outline);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_page_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  BylinePage *self = BYLINE_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      byline_page_set_session (self, g_value_get_object (value));
      break;

    case PROP_DRAFT:
      byline_page_set_draft (self, g_value_get_boolean (value));
      break;

    case PROP_FEATURED:
      byline_page_set_featured (self, g_value_get_boolean (value));
      break;

    case PROP_SHOW_FORM:
      if (self->show_form != g_value_get_boolean (value))
        {
          self->show_form = g_value_get_boolean (value);
          byline_page_update_panes (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_SHOW_PREVIEW:
      if (self->show_preview != g_value_get_boolean (value))
        {
          self->show_preview = g_value_get_boolean (value);
          byline_page_update_panes (self);
          byline_page_update_preview (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_SHOW_OUTLINE:
      if (self->show_outline != g_value_get_boolean (value))
        {
          self->show_outline = g_value_get_boolean (value);
          gtk_widget_set_visible (GTK_WIDGET (self->outline), self->show_outline);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_page_class_init (BylinePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = byline_page_dispose;
  widget_class->map = byline_page_map;
  object_class->finalize = byline_page_finalize;
  object_class->get_property = byline_page_get_property;
  object_class->set_property = byline_page_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL,
                         BYLINE_TYPE_DOCUMENT,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  /**
   * BylinePage:session:
   *
   * Where the page's unsaved changes are kept as drafts, or %NULL to keep
   * none.
   */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         BYLINE_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * BylinePage:title:
   *
   * The post's title, or its file name when it has none.
   */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * BylinePage:subtitle:
   *
   * The file name, and whether there are unsaved changes.
   */
  properties[PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * BylinePage:modified:
   *
   * The post has changes of the user's that are not saved (a post being
   * loaded has none).
   */
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * BylinePage:draft:
   *
   * The post's `draft`; setting it edits the frontmatter (one line, where
   * the schema puts the key), as one undoable action.
   */
  properties[PROP_DRAFT] =
    g_param_spec_boolean ("draft", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_FEATURED] =
    g_param_spec_boolean ("featured", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * BylinePage:editable:
   *
   * The frontmatter can be edited through the form and the toggles: it
   * parses, it is YAML, and its opening fence is whole.
   */
  properties[PROP_EDITABLE] =
    g_param_spec_boolean ("editable", NULL, NULL,
                          TRUE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * BylinePage:recovered:
   *
   * The text is a recovered draft, under a notice that offers to discard it.
   */
  properties[PROP_RECOVERED] =
    g_param_spec_boolean ("recovered", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SHOW_FORM] =
    g_param_spec_boolean ("show-form", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SHOW_PREVIEW] =
    g_param_spec_boolean ("show-preview", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * BylinePage:show-outline:
   *
   * Whether the outline (the post's headings) is shown beside the editor.
   */
  properties[PROP_SHOW_OUTLINE] =
    g_param_spec_boolean ("show-outline", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BylinePage::discarded:
   *
   * The user discarded recovered text that was all the post had (an
   * untitled post): the page has nothing left to show.
   */
  signals[DISCARDED] =
    g_signal_new ("discarded",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  g_type_ensure (GTK_SOURCE_TYPE_VIEW);
  g_type_ensure (BYLINE_TYPE_OUTLINE);
  g_type_ensure (BYLINE_TYPE_WORD_COUNT);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/byline/Byline/ui/byline-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BylinePage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, BylinePage, draft_revealer);
  gtk_widget_class_install_action (widget_class, "page.rename-file", NULL,
                                   byline_page_rename_file_action);
  gtk_widget_class_install_action (widget_class, "page.keep-name", NULL,
                                   byline_page_keep_name_action);
  gtk_widget_class_bind_template_child (widget_class, BylinePage, banner_box);
  gtk_widget_class_bind_template_child (widget_class, BylinePage, outer_paned);
  gtk_widget_class_bind_template_child (widget_class, BylinePage, inner_paned);
  gtk_widget_class_bind_template_child (widget_class, BylinePage, source_view);
  gtk_widget_class_bind_template_child (widget_class, BylinePage, form_box);
  gtk_widget_class_bind_template_child (widget_class, BylinePage, preview_box);
  gtk_widget_class_bind_template_child (widget_class, BylinePage, outline);
  gtk_widget_class_bind_template_child (widget_class, BylinePage, word_count);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "bylinepage");
}

static void
byline_page_init (BylinePage *self)
{
  GtkTextBuffer *buffer;

  self->settings = byline_settings_new ();
  self->cancellable = g_cancellable_new ();
  self->document = byline_document_new ();
  self->show_form = TRUE;
  self->show_preview = TRUE;
  buffer = GTK_TEXT_BUFFER (self->document);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->analyzer = byline_analyzer_new ();
  self->image_drop = byline_image_drop_new (GTK_TEXT_VIEW (self->source_view), self->document);
  g_signal_connect_object (self->image_drop, "inserted",
                           G_CALLBACK (byline_page_image_drop_inserted_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->image_drop, "failed",
                           G_CALLBACK (byline_page_image_drop_failed_cb), self, G_CONNECT_SWAPPED);
  byline_outline_set_analyzer (self->outline, self->analyzer);
  byline_word_count_set_analyzer (self->word_count, self->analyzer);
  g_signal_connect_object (self->outline, "heading-activated",
                           G_CALLBACK (byline_page_outline_heading_activated_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "notify::loading",
                           G_CALLBACK (byline_page_document_notify_loading_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "notify::has-selection",
                           G_CALLBACK (byline_page_document_notify_has_selection_cb),
                           self, G_CONNECT_SWAPPED);

  gtk_text_view_set_buffer (GTK_TEXT_VIEW (self->source_view), buffer);
  byline_page_follow_language (self, byline_document_get_post (self->document));
  gtk_source_buffer_set_highlight_matching_brackets (GTK_SOURCE_BUFFER (self->document), FALSE);

  self->error_tag = gtk_text_buffer_create_tag (buffer, "byline-error",
                                                "underline", PANGO_UNDERLINE_ERROR,
                                                NULL);
  self->warning_tag = gtk_text_buffer_create_tag (buffer, "byline-warning",
                                                  "underline", PANGO_UNDERLINE_ERROR,
                                                  "underline-rgba", &(GdkRGBA) { 0.9, 0.6, 0.0, 1.0 },
                                                  NULL);

  gtk_widget_set_has_tooltip (GTK_WIDGET (self->source_view), TRUE);
  g_signal_connect_object (self->source_view, "query-tooltip",
                           G_CALLBACK (byline_page_source_view_query_tooltip_cb),
                           self, G_CONNECT_SWAPPED);

  byline_page_build_panes (self);
  byline_page_build_banners (self);

  g_signal_connect_object (self->document, "notify::post",
                           G_CALLBACK (byline_page_document_notify_post_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "modified-changed",
                           G_CALLBACK (byline_page_document_modified_changed_cb),
                           self, G_CONNECT_SWAPPED);
  /* a collection keeps its titles under a key of its own (`headline`) */
  g_signal_connect_object (self->document, "notify::schema",
                           G_CALLBACK (byline_page_update_title),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "notify::cursor-position",
                           G_CALLBACK (byline_page_document_notify_cursor_position_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "notify::file",
                           G_CALLBACK (byline_page_document_notify_file_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "notify::disk-state",
                           G_CALLBACK (byline_page_document_notify_disk_state_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "notify::n-invalid-bytes",
                           G_CALLBACK (byline_page_document_notify_n_invalid_bytes_cb),
                           self, G_CONNECT_SWAPPED);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (byline_page_style_manager_notify_dark_cb),
                           self, G_CONNECT_SWAPPED);
  byline_page_style_manager_notify_dark_cb (self, NULL, adw_style_manager_get_default ());

  g_settings_bind (self->settings, "editor-width", self->outer_paned, "position", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "form-width", self->inner_paned, "position", G_SETTINGS_BIND_DEFAULT);
  byline_page_update_panes (self);

  byline_page_update_header (self, byline_document_get_post (self->document));
  byline_page_update_title (self);
}

/**
 * byline_page_new:
 * @session: (nullable): where drafts of unsaved changes go
 *
 * Returns: (transfer floating): a page showing an empty untitled post
 */
BylinePage *
byline_page_new (BylineSession *session)
{
  return g_object_new (BYLINE_TYPE_PAGE,
                       "session", session,
                       NULL);
}

/**
 * byline_page_get_document:
 *
 * Returns: (transfer none): the page's post
 */
BylineDocument *
byline_page_get_document (BylinePage *self)
{
  g_return_val_if_fail (BYLINE_IS_PAGE (self), NULL);

  return self->document;
}

GtkSourceView *
byline_page_get_source_view (BylinePage *self)
{
  g_return_val_if_fail (BYLINE_IS_PAGE (self), NULL);

  return self->source_view;
}

/**
 * byline_page_get_spell_checker:
 * @self: a #BylinePage
 *
 * Returns: (transfer none): what underlines the editor's misspelled words
 */
BylineSpellChecker *
byline_page_get_spell_checker (BylinePage *self)
{
  g_return_val_if_fail (BYLINE_IS_PAGE (self), NULL);

  return self->spell_checker;
}

/**
 * byline_page_get_form:
 *
 * Returns: (transfer none): the frontmatter form
 */
GtkWidget *
byline_page_get_form (BylinePage *self)
{
  g_return_val_if_fail (BYLINE_IS_PAGE (self), NULL);

  return self->form;
}

/**
 * byline_page_get_site_banner:
 *
 * Returns: (transfer none): the notice about the site's schemas (a
 *   #BylineSiteBanner)
 */
GtkWidget *
byline_page_get_site_banner (BylinePage *self)
{
  g_return_val_if_fail (BYLINE_IS_PAGE (self), NULL);

  return GTK_WIDGET (self->site_banner);
}

/**
 * byline_page_get_preview:
 *
 * Returns: (transfer none): the preview
 */
GtkWidget *
byline_page_get_preview (BylinePage *self)
{
  g_return_val_if_fail (BYLINE_IS_PAGE (self), NULL);

  return self->preview;
}

/**
 * byline_page_get_file:
 *
 * Returns: (transfer none) (nullable): the post's file, or the file being
 *   loaded into the page
 */
GFile *
byline_page_get_file (BylinePage *self)
{
  g_return_val_if_fail (BYLINE_IS_PAGE (self), NULL);

  if (self->loading_file != NULL)
    return self->loading_file;

  return byline_document_get_file (self->document);
}

const char *
byline_page_get_title (BylinePage *self)
{
  g_return_val_if_fail (BYLINE_IS_PAGE (self), NULL);

  return self->title;
}

const char *
byline_page_get_subtitle (BylinePage *self)
{
  g_return_val_if_fail (BYLINE_IS_PAGE (self), NULL);

  return self->subtitle;
}

gboolean
byline_page_get_modified (BylinePage *self)
{
  g_return_val_if_fail (BYLINE_IS_PAGE (self), FALSE);

  /* A post still loading has no changes of the user's, whatever the
   * buffer's modified flag says while the loader fills it. */
  return self->loading_file == NULL &&
         gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (self->document));
}

gboolean
byline_page_get_draft (BylinePage *self)
{
  g_return_val_if_fail (BYLINE_IS_PAGE (self), FALSE);

  switch (byline_page_get_jekyll_folder (self))
    {
    case BYLINE_JEKYLL_FOLDER_DRAFTS:
      return TRUE;
    case BYLINE_JEKYLL_FOLDER_POSTS:
      return FALSE;
    case BYLINE_JEKYLL_FOLDER_NONE:
    default:
      return byline_document_get_draft (self->document);
    }
}

/**
 * byline_page_get_draft_is_folder:
 *
 * Returns: %TRUE when the post is a Jekyll post in `_drafts/` or `_posts/`,
 *   whose draft state is its folder: #BylinePage:draft moves the file
 */
gboolean
byline_page_get_draft_is_folder (BylinePage *self)
{
  g_return_val_if_fail (BYLINE_IS_PAGE (self), FALSE);

  return byline_page_get_jekyll_folder (self) != BYLINE_JEKYLL_FOLDER_NONE;
}

/**
 * byline_page_get_moving:
 *
 * Returns: %TRUE while the post's file is being moved (a Jekyll publish)
 */
gboolean
byline_page_get_moving (BylinePage *self)
{
  g_return_val_if_fail (BYLINE_IS_PAGE (self), FALSE);

  return self->moving;
}

typedef enum
{
  MOVE_PUBLISH,
  MOVE_UNPUBLISH,
  MOVE_RENAME,
  MOVE_UNDO_RENAME,
} MoveKind;

typedef struct
{
  MoveKind    kind;
  BylineSite *site;
  char       *path;
  char       *slug;      /* a rename's new slug */
  char       *old_slug;  /* what the file followed before, for Undo */
  GDateTime  *date;
} MoveJob;

static void
move_job_free (MoveJob *job)
{
  g_clear_pointer (&job->site, byline_site_unref);
  g_clear_pointer (&job->date, g_date_time_unref);
  g_free (job->path);
  g_free (job->slug);
  g_free (job->old_slug);
  g_free (job);
}

static void
byline_page_move_thread (GTask        *task,
                         gpointer      source_object,
                         gpointer      task_data,
                         GCancellable *cancellable)
{
  MoveJob *job = task_data;
  GError *error = NULL;
  char *target;

  if (job->kind == MOVE_RENAME || job->kind == MOVE_UNDO_RENAME)
    target = byline_post_rename_slug (job->path, job->slug, &error);
  else
    target = byline_jekyll_publish (job->site, job->path, job->kind == MOVE_PUBLISH, job->date, &error);

  if (target == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, target, g_free);
}

static void byline_page_run_move (BylinePage *self,
                                  MoveJob    *job);

static void
byline_page_undo_toast_button_clicked_cb (BylinePage *self,
                                          AdwToast   *toast)
{
  byline_page_undo_rename (self);
}

/* The post's path as the user knows it: under its site, or its name. */
static char *
byline_page_dup_shown_path (BylinePage *self,
                            const char *path)
{
  gsize len = self->site_root != NULL ? strlen (self->site_root) : 0;

  if (len > 0 && strncmp (path, self->site_root, len) == 0 && path[len] == G_DIR_SEPARATOR)
    return g_strdup (path + len + 1);

  return g_path_get_basename (path);
}

static void
byline_page_move_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  BylinePage *self = BYLINE_PAGE (object);
  MoveJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *target = g_task_propagate_pointer (G_TASK (result), &error);
  g_autoptr(GFile) file = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *message = NULL;
  AdwToast *toast;

  self->moving = FALSE;
  if (target == NULL)
    {
      switch (job->kind)
        {
        case MOVE_PUBLISH:
          /* Translators: %s says why */
          message = g_strdup_printf (_("Could not publish the post: %s"), error->message);
          break;
        case MOVE_UNPUBLISH:
          message = g_strdup_printf (_("Could not make the post a draft: %s"), error->message);
          break;
        case MOVE_RENAME:
        case MOVE_UNDO_RENAME:
        default:
          /* Translators: %s says why */
          message = g_strdup_printf (_("Could not rename the file: %s"), error->message);
          break;
        }
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        byline_page_show_error (self, message, FALSE);
      byline_page_update_draft (self);
      return;
    }

  file = g_file_new_for_path (target);
  shown = byline_page_dup_shown_path (self, target);
  byline_document_relocate (self->document, file);
  byline_page_update_draft (self);

  switch (job->kind)
    {
    case MOVE_PUBLISH:
      /* Translators: %s is the post's new path in its site, like _posts/2024-05-01-hello.md */
      message = g_strdup_printf (_("Published: moved to %s"), shown);
      break;
    case MOVE_UNPUBLISH:
      message = g_strdup_printf (_("Made a draft: moved to %s"), shown);
      break;
    case MOVE_RENAME:
      /* Translators: %s is the post's new path in its site */
      message = g_strdup_printf (_("Renamed to %s"), shown);
      break;
    case MOVE_UNDO_RENAME:
    default:
      /* Translators: %s is the post's path in its site */
      message = g_strdup_printf (_("Renamed back to %s"), shown);
      break;
    }

  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, job->kind == MOVE_RENAME ? 10 : 5);
  if (job->kind == MOVE_RENAME)
    {
      /* One step back: the old name, if it is still free. */
      g_free (self->undo_path);
      self->undo_path = g_strdup (target);
      g_free (self->undo_slug);
      self->undo_slug = g_strdup (job->old_slug);
      adw_toast_set_button_label (toast, _("Undo"));
      g_signal_connect_object (toast, "button-clicked",
                               G_CALLBACK (byline_page_undo_toast_button_clicked_cb),
                               self, G_CONNECT_SWAPPED);
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
byline_page_run_move (BylinePage *self,
                      MoveJob    *job)
{
  g_autoptr(GTask) task = NULL;

  self->moving = TRUE;
  task = g_task_new (self, self->cancellable, byline_page_move_cb, NULL);
  g_task_set_source_tag (task, byline_page_run_move);
  g_task_set_task_data (task, job, (GDestroyNotify) move_job_free);
  g_task_run_in_thread (task, byline_page_move_thread);
}

/* Jekyll's publish and unpublish: the file moves between _drafts/ and
 * _posts/ (on a worker: it touches the disk); the buffer, unsaved edits and
 * undo stay as they are, and the document follows the file. */
static void
byline_page_move_post (BylinePage *self,
                       gboolean    publish)
{
  MoveJob *job;
  GDateTime *date;

  if (self->moving)
    return;

  job = g_new0 (MoveJob, 1);
  job->kind = publish ? MOVE_PUBLISH : MOVE_UNPUBLISH;
  job->site = byline_site_ref (self->site);
  job->path = g_file_get_path (byline_document_get_file (self->document));
  /* The file's name takes the post's date (as the buffer has it now), else
   * today's. */
  date = byline_post_get_published (byline_document_get_post (self->document));
  job->date = date != NULL ? g_date_time_ref (date) : NULL;

  byline_page_run_move (self, job);
}

/* --- the file name follows the slug -------------------------------------- */

/* What the post's file name would be after, as the generators and
 * `byline new` name posts: its `slug`, else its title made a slug. */
static char *
dup_post_slug (BylinePost *post)
{
  const BylineEntry *entry = byline_frontmatter_lookup (byline_post_get_frontmatter (post), "slug");
  const char *title;

  if (entry != NULL && entry->value != NULL && entry->value->type == BYLINE_VALUE_STRING &&
      entry->value->string != NULL && entry->value->string[0] != '\0')
    return byline_slug_is_valid (entry->value->string) ? g_strdup (entry->value->string)
                                                       : byline_slug_suggest (entry->value->string);

  title = byline_post_get_title (post);
  return title != NULL ? byline_slug_suggest (title) : g_strdup ("");
}

static void
byline_page_withdraw_rename (BylinePage *self)
{
  g_clear_handle_id (&self->rename_source, g_source_remove);
  g_clear_pointer (&self->rename_slug, g_free);
  if (self->rename_banner != NULL)
    gtk_revealer_set_reveal_child (self->rename_banner, FALSE);
}

static gboolean
byline_page_show_rename_cb (gpointer user_data)
{
  BylinePage *self = user_data;
  GFile *file = byline_document_get_file (self->document);
  g_autofree char *target = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  self->rename_source = 0;
  if (self->rename_slug == NULL || file == NULL || g_file_peek_path (file) == NULL)
    return G_SOURCE_REMOVE;

  target = byline_post_path_for_slug (g_file_peek_path (file), self->rename_slug);
  name = byline_page_dup_shown_path (self, target);
  /* Translators: %s is the file's new path in its site, like src/data/blog/new-title.md */
  text = g_strdup_printf (_("The file’s name follows the post’s slug, which changed. "
                            "Rename it to %s?"), name);
  gtk_label_set_text (self->rename_label, text);
  gtk_revealer_set_reveal_child (self->rename_banner, TRUE);

  return G_SOURCE_REMOVE;
}

/* Keep Name: the user keeps the name; stop offering until the file is
 * opened or saved again. */
static void
byline_page_keep_name_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  BylinePage *self = BYLINE_PAGE (widget);

  self->name_follows = FALSE;
  byline_page_withdraw_rename (self);
}

static void
byline_page_rename_file_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  byline_page_rename_file (BYLINE_PAGE (widget));
}

/* When the file's name follows the post's slug (or title) as it was loaded,
 * and the slug changes, the rename is offered once the user pauses. */
static void
byline_page_update_rename_offer (BylinePage *self,
                                 BylinePost *post)
{
  GFile *file = byline_document_get_file (self->document);
  g_autofree char *file_slug = NULL;
  g_autofree char *slug = NULL;

  if (file == NULL || g_file_peek_path (file) == NULL || self->loading_file != NULL ||
      byline_document_get_loading (self->document))
    {
      byline_page_withdraw_rename (self);
      return;
    }

  file_slug = byline_post_file_slug (g_file_peek_path (file));
  slug = dup_post_slug (post);
  if (!self->name_checked)
    {
      self->name_checked = TRUE;
      self->name_follows = slug[0] != '\0' && strcmp (slug, file_slug) == 0;
    }

  if (!self->name_follows || slug[0] == '\0' || strcmp (slug, file_slug) == 0)
    {
      byline_page_withdraw_rename (self);
      return;
    }

  if (g_strcmp0 (self->rename_slug, slug) == 0)
    return;
  g_free (self->rename_slug);
  self->rename_slug = g_steal_pointer (&slug);
  g_clear_handle_id (&self->rename_source, g_source_remove);
  self->rename_source = g_timeout_add (RENAME_OFFER_DELAY_MS, byline_page_show_rename_cb, self);
}

/**
 * byline_page_get_rename_offer:
 *
 * Returns: (nullable): the slug the post's file is offered to be renamed
 *   after (its file name followed the slug, which changed), or %NULL
 */
const char *
byline_page_get_rename_offer (BylinePage *self)
{
  g_return_val_if_fail (BYLINE_IS_PAGE (self), NULL);

  return gtk_revealer_get_reveal_child (self->rename_banner) ? self->rename_slug : NULL;
}

/**
 * byline_page_rename_file:
 *
 * Renames the post's file after its new slug, as offered (the Rename
 * button): on a worker, never replacing a file; the document follows, and
 * a toast offers Undo.
 *
 * Returns: %TRUE when a rename started
 */
gboolean
byline_page_rename_file (BylinePage *self)
{
  MoveJob *job;

  g_return_val_if_fail (BYLINE_IS_PAGE (self), FALSE);

  if (self->moving || self->rename_slug == NULL || byline_document_get_file (self->document) == NULL)
    return FALSE;

  job = g_new0 (MoveJob, 1);
  job->kind = MOVE_RENAME;
  job->path = g_file_get_path (byline_document_get_file (self->document));
  job->slug = g_strdup (self->rename_slug);
  job->old_slug = byline_post_file_slug (job->path);
  byline_page_run_move (self, job);
  byline_page_withdraw_rename (self);

  return TRUE;
}

/**
 * byline_page_undo_rename:
 *
 * Gives the file its name from before the last rename (the toast's Undo),
 * if it has not moved since and that name is still free.
 *
 * Returns: %TRUE when the rename back started
 */
gboolean
byline_page_undo_rename (BylinePage *self)
{
  GFile *file;
  MoveJob *job;

  g_return_val_if_fail (BYLINE_IS_PAGE (self), FALSE);

  file = byline_document_get_file (self->document);
  if (self->moving || self->undo_slug == NULL || file == NULL ||
      g_strcmp0 (g_file_peek_path (file), self->undo_path) != 0)
    return FALSE;

  job = g_new0 (MoveJob, 1);
  job->kind = MOVE_UNDO_RENAME;
  job->path = g_file_get_path (file);
  job->slug = g_steal_pointer (&self->undo_slug);
  g_clear_pointer (&self->undo_path, g_free);
  byline_page_run_move (self, job);

  return TRUE;
}

static void
byline_page_set_flag (BylinePage *self,
                      const char *key,
                      gboolean    value)
{
  g_autoptr(GError) error = NULL;

  if (!byline_document_set_boolean (self->document, key, value, &error))
    {
      /* Translators: %s is the frontmatter key (draft, featured), then the reason */
      g_autofree char *message = g_strdup_printf (_("Could not change “%s”: %s"), key, error->message);

      byline_page_show_error (self, message, FALSE);
    }
}

void
byline_page_set_draft (BylinePage *self,
                       gboolean    draft)
{
  g_return_if_fail (BYLINE_IS_PAGE (self));

  if (!!draft == byline_page_get_draft (self))
    return;

  if (byline_page_get_draft_is_folder (self))
    byline_page_move_post (self, !draft);
  else
    byline_page_set_flag (self, "draft", draft);
}

gboolean
byline_page_get_featured (BylinePage *self)
{
  g_return_val_if_fail (BYLINE_IS_PAGE (self), FALSE);

  return byline_document_get_featured (self->document);
}

void
byline_page_set_featured (BylinePage *self,
                          gboolean    featured)
{
  g_return_if_fail (BYLINE_IS_PAGE (self));

  if (!!featured != byline_page_get_featured (self))
    byline_page_set_flag (self, "featured", featured);
}

gboolean
byline_page_get_editable (BylinePage *self)
{
  g_return_val_if_fail (BYLINE_IS_PAGE (self), FALSE);

  return byline_post_get_editable (byline_document_get_post (self->document));
}

gboolean
byline_page_get_recovered (BylinePage *self)
{
  g_return_val_if_fail (BYLINE_IS_PAGE (self), FALSE);

  return gtk_revealer_get_reveal_child (self->recovered_banner);
}

/**
 * byline_page_get_last_error:
 *
 * Returns: (nullable): the last error message the page showed, cleared by a
 *   successful save
 */
const char *
byline_page_get_last_error (BylinePage *self)
{
  g_return_val_if_fail (BYLINE_IS_PAGE (self), NULL);

  return self->last_error;
}

/**
 * byline_page_is_pristine:
 *
 * Returns: %TRUE when the page holds nothing worth keeping (no file, no
 *   changes), so opening a post can reuse it
 */
gboolean
byline_page_is_pristine (BylinePage *self)
{
  g_return_val_if_fail (BYLINE_IS_PAGE (self), FALSE);

  return byline_page_get_file (self) == NULL &&
         !gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (self->document)) &&
         !byline_document_get_busy (self->document);
}

GFile *
byline_page_get_folder_hint (BylinePage *self)
{
  g_return_val_if_fail (BYLINE_IS_PAGE (self), NULL);

  return self->folder_hint;
}

/**
 * byline_page_set_library:
 * @library: (nullable): the window's library
 *
 * Lets the form count the site's tags from the library when it holds them
 * (byline_form_set_library()).
 */
void
byline_page_set_library (BylinePage         *self,
                         BylineLibraryIndex *library)
{
  g_return_if_fail (BYLINE_IS_PAGE (self));

  byline_form_set_library (BYLINE_FORM (self->form), library);
}

/**
 * byline_page_set_folder_hint:
 * @folder: (nullable): where an untitled post is saved by default
 */
void
byline_page_set_folder_hint (BylinePage *self,
                             GFile      *folder)
{
  g_return_if_fail (BYLINE_IS_PAGE (self));
  g_return_if_fail (!folder || G_IS_FILE (folder));

  g_set_object (&self->folder_hint, folder);

  if (folder != NULL && byline_document_get_file (self->document) == NULL)
    byline_form_set_folder (BYLINE_FORM (self->form), folder);
}

/**
 * byline_page_new_post:
 *
 * Fills the page's (untitled) document with a new post's template.
 */
void
byline_page_new_post (BylinePage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_return_if_fail (BYLINE_IS_PAGE (self));

  byline_document_set_template (self->document, now);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self->source_view));
  else
    self->show_cursor_on_map = TRUE;
}

/**
 * byline_page_get_analyzer:
 *
 * Returns: (transfer none): the post's word counts and headings
 */
BylineAnalyzer *
byline_page_get_analyzer (BylinePage *self)
{
  g_return_val_if_fail (BYLINE_IS_PAGE (self), NULL);
  return self->analyzer;
}

/**
 * byline_page_get_outline:
 *
 * Returns: (transfer none): the outline beside the editor
 */
GtkWidget *
byline_page_get_outline (BylinePage *self)
{
  g_return_val_if_fail (BYLINE_IS_PAGE (self), NULL);
  return GTK_WIDGET (self->outline);
}

/**
 * byline_page_get_word_count:
 *
 * Returns: (transfer none): the figures under the editor
 */
GtkWidget *
byline_page_get_word_count (BylinePage *self)
{
  g_return_val_if_fail (BYLINE_IS_PAGE (self), NULL);
  return GTK_WIDGET (self->word_count);
}
