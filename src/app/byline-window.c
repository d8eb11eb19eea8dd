/* byline-window.c: one post in a window: editor, frontmatter form, preview
 *
 * The window owns one BylineDocument for its whole life. The editor shows the
 * buffer; the form and the preview watch it. Every change in the header
 * (Draft, Featured) goes through the frontmatter engine as one minimal text
 * edit inside one user action, so Ctrl+Z in the editor undoes it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Byline"

#include "config.h"

#include <glib/gi18n.h>

#include "byline-application.h"
#include "byline-window.h"

#include "byline-form.h"
#include "byline-preview.h"
#include "byline-session.h"

struct _BylineWindow
{
  AdwApplicationWindow     parent_instance;

  /* template widgets */
  AdwToastOverlay         *toast_overlay;
  AdwHeaderBar            *header_bar;
  AdwWindowTitle          *window_title;
  GtkToggleButton         *draft_toggle;
  GtkRevealer             *draft_revealer;
  GtkBox                  *banner_box;
  GtkRevealer             *search_revealer;
  GtkSearchEntry          *search_entry;
  GtkLabel                *search_count;
  GtkToggleButton         *case_toggle;
  GtkToggleButton         *replace_toggle;
  GtkEntry                *replace_entry;
  GtkPaned                *outer_paned;
  GtkPaned                *inner_paned;
  GtkSourceView           *source_view;
  GtkBox                  *form_box;
  GtkBox                  *preview_box;
  GMenu                   *recent_section;

  /* banners about the file, built in code */
  GtkRevealer             *recovered_banner;
  GtkLabel                *recovered_label;
  GtkRevealer             *disk_banner;
  GtkLabel                *disk_label;
  GtkWidget               *disk_buttons;
  GtkRevealer             *encoding_banner;
  GtkLabel                *encoding_label;

  /* owned */
  BylineDocument          *document;
  GSettings               *settings;
  GCancellable            *cancellable;
  GtkSourceSearchSettings *search_settings;
  GtkSourceSearchContext  *search_context;
  GtkTextTag              *error_tag;
  GtkTextTag              *warning_tag;
  GtkWidget               *form;
  GtkWidget               *preview;
  GFile                   *folder_hint;
  GFile                   *loading_file;
  GtkTextBuffer           *loading_buffer;
  GtkWindow               *close_dialog;   /* weak: "Save Changes?" while shown */
#if !GTK_CHECK_VERSION (4, 10, 0)
  GtkFileChooserNative    *chooser;
#endif
  char                    *subtitle;
  char                    *last_error;
  GPtrArray               *diagnostics;  /* the ones underlined, the post's */
  BylinePost              *shown_post;   /* the post the header shows */
  guint64                  touched_serial;
  guint                    draft_source;
  gint64                   first_undrafted_change;

  guint                    show_form : 1;
  guint                    show_preview : 1;
  guint                    close_confirmed : 1;
  guint                    close_after_save : 1;
  guint                    encoding_dismissed : 1;
};

G_DEFINE_FINAL_TYPE (BylineWindow, byline_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_DRAFT,
  PROP_FEATURED,
  PROP_SHOW_FORM,
  PROP_SHOW_PREVIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void byline_window_save_as (BylineWindow *self);
static void byline_window_update_encoding_banner (BylineWindow *self);
static void byline_window_update_disk_banner (BylineWindow *self);
static void byline_window_show_error (BylineWindow *self,
                                      const char   *message,
                                      gboolean      offer_save_as);
static void byline_window_save_internal (BylineWindow        *self,
                                         GFile               *target,
                                         BylineSaveFlags      flags,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);

/* Our language definition and schemes live in the data folder; tell the
 * shared manager once where to find them. */
static GtkSourceLanguage *
byline_window_get_language (void)
{
  static gsize initialized;
  GtkSourceLanguageManager *manager = gtk_source_language_manager_get_default ();

  if (g_once_init_enter (&initialized))
    {
      g_autofree char *dir = g_build_filename (byline_data_dir (), "language-specs", NULL);

      gtk_source_language_manager_prepend_search_path (manager, dir);
      g_once_init_leave (&initialized, 1);
    }

  return gtk_source_language_manager_get_language (manager, "byline-markdown");
}

static void
byline_window_update_style_scheme (BylineWindow *self)
{
  GtkSourceStyleSchemeManager *manager = gtk_source_style_scheme_manager_get_default ();
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  const char *id = adw_style_manager_get_dark (style_manager) ? "Adwaita-dark" : "Adwaita";
  GtkSourceStyleScheme *scheme = gtk_source_style_scheme_manager_get_scheme (manager, id);

  if (scheme != NULL)
    gtk_source_buffer_set_style_scheme (GTK_SOURCE_BUFFER (self->document), scheme);
}

static void
byline_window_update_title (BylineWindow *self)
{
  g_autofree char *name = byline_document_dup_display_name (self->document);
  const char *title = byline_document_get_title (self->document);

  if (title == NULL)
    title = name;

  g_free (self->subtitle);
  if (gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (self->document)) && self->loading_file == NULL)
    /* Translators: the window's subtitle while the post has unsaved changes; %s is the file name */
    self->subtitle = g_strdup_printf (_("%s • unsaved"), name);
  else
    self->subtitle = g_steal_pointer (&name);

  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, self->subtitle);

  /* The title other programs see (task switchers, xdotool) says it too. */
  if (gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (self->document)) && self->loading_file == NULL)
    {
      g_autofree char *marked = g_strconcat ("• ", title, NULL);

      gtk_window_set_title (GTK_WINDOW (self), marked);
    }
  else
    {
      gtk_window_set_title (GTK_WINDOW (self), title);
    }
}

static void
byline_window_update_draft (BylineWindow *self)
{
  gboolean draft = byline_document_get_draft (self->document);

  gtk_revealer_set_reveal_child (self->draft_revealer, draft);
  if (draft)
    gtk_widget_add_css_class (GTK_WIDGET (self), "draft");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "draft");
}

static void
byline_window_update_actions (BylineWindow *self)
{
  gboolean editable = byline_post_get_editable (byline_document_get_post (self->document));
  gboolean busy = byline_document_get_busy (self->document);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "doc.toggle-draft", editable && !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "doc.toggle-featured", editable && !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "doc.save", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "doc.save-as", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "doc.reload",
                                 !busy && byline_document_get_disk_state (self->document) == BYLINE_DISK_STATE_CHANGED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "doc.keep-mine",
                                 byline_document_get_disk_state (self->document) == BYLINE_DISK_STATE_CHANGED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "doc.discard-recovered",
                                 !busy && gtk_revealer_get_reveal_child (self->recovered_banner));
}

/* Byte offset in @text to a buffer iter (the buffer text is @text). */
static void
byline_window_iter_at_byte (BylineWindow *self,
                            const char   *text,
                            gsize         len,
                            gsize         offset,
                            GtkTextIter  *iter)
{
  offset = MIN (offset, len);
  gtk_text_buffer_get_iter_at_offset (GTK_TEXT_BUFFER (self->document), iter,
                                      g_utf8_pointer_to_offset (text, text + offset));
}

static void
byline_window_underline (BylineWindow *self,
                         GtkTextTag   *tag,
                         const char   *text,
                         gsize         len,
                         gsize         offset,
                         gsize         length)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->document);
  GtkTextIter begin, end;

  byline_window_iter_at_byte (self, text, len, offset, &begin);

  if (length > 0)
    {
      byline_window_iter_at_byte (self, text, len, offset + length, &end);
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
byline_window_update_diagnostics (BylineWindow *self,
                                  BylinePost   *post)
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

      byline_window_underline (self, tag, text, len, diagnostic->offset, diagnostic->length);
    }
}

/**
 * byline_window_dup_diagnostics_at:
 * @iter: a place in the document
 *
 * Returns: (transfer full) (nullable): the messages of the diagnostics
 *   underlined at @iter, one per line, or %NULL
 */
char *
byline_window_dup_diagnostics_at (BylineWindow      *self,
                                  const GtkTextIter *iter)
{
  BylineFrontmatter *frontmatter;
  g_autoptr(GString) message = NULL;
  const char *text;
  gsize len = 0;
  gsize offset;
  guint line;

  g_return_val_if_fail (BYLINE_IS_WINDOW (self), NULL);
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
byline_window_query_tooltip_cb (BylineWindow *self,
                                int           x,
                                int           y,
                                gboolean      keyboard,
                                GtkTooltip   *tooltip,
                                GtkWidget    *view)
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

  if (!(message = byline_window_dup_diagnostics_at (self, &iter)))
    return FALSE;

  gtk_tooltip_set_text (tooltip, message);
  return TRUE;
}

/* Hands the preview this change's text. A hidden preview is left alone: it
 * would still render up to 100 KB on the main thread at every keystroke. It
 * catches up when it is shown again. */
static void
byline_window_update_preview (BylineWindow *self)
{
  if (self->preview == NULL || self->document == NULL || !self->show_preview)
    return;

  /* The post holds this change's copy of the buffer; the preview keeps a
   * reference to it (and may read it on a worker thread). */
  byline_preview_set_post (BYLINE_PREVIEW (self->preview), byline_document_get_post (self->document));
}

/* --- drafts ------------------------------------------------------------- */

static BylineSession *
byline_window_get_session (BylineWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (app == NULL || !BYLINE_IS_APPLICATION (app))
    return NULL;

  return byline_application_get_session (BYLINE_APPLICATION (app));
}

static void
byline_window_write_draft (BylineWindow *self)
{
  BylineSession *session = byline_window_get_session (self);
  GFile *file = byline_document_get_file (self->document);
  g_autofree char *uri = file ? g_file_get_uri (file) : NULL;
  g_autoptr(GBytes) text = NULL;

  g_clear_handle_id (&self->draft_source, g_source_remove);
  self->first_undrafted_change = 0;

  if (session == NULL || self->loading_file != NULL ||
      !gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (self->document)))
    return;

  /* The parse's copy of the text: no copy here, the write is on a worker. */
  text = byline_document_get_snapshot (self->document);
  byline_session_write_draft (session, byline_document_get_id (self->document), uri,
                              file ? byline_document_get_stamp (self->document) : NULL,
                              text);
}

static gboolean
byline_window_draft_timeout_cb (gpointer user_data)
{
  BylineWindow *self = user_data;

  self->draft_source = 0;
  byline_window_write_draft (self);

  return G_SOURCE_REMOVE;
}

/* A draft is written once typing pauses for the "draft-delay"; typing
 * without a pause still gets one every two delays or so. */
static void
byline_window_queue_draft (BylineWindow *self)
{
  guint delay = g_settings_get_uint (self->settings, "draft-delay");
  gint64 now = g_get_monotonic_time ();

  if (self->loading_file != NULL ||
      !gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (self->document)))
    return;

  if (self->first_undrafted_change == 0)
    self->first_undrafted_change = now;
  else if (self->draft_source != 0 &&
           now - self->first_undrafted_change >= 2 * (gint64)delay * 1000)
    return;

  g_clear_handle_id (&self->draft_source, g_source_remove);
  self->draft_source = g_timeout_add (delay, byline_window_draft_timeout_cb, self);
}

/* Saved or discarded: the draft has nothing left to keep. */
static void
byline_window_forget_draft (BylineWindow *self)
{
  BylineSession *session = byline_window_get_session (self);

  g_clear_handle_id (&self->draft_source, g_source_remove);
  self->first_undrafted_change = 0;
  gtk_revealer_set_reveal_child (self->recovered_banner, FALSE);

  if (session != NULL)
    byline_session_delete_draft (session, byline_document_get_id (self->document));
}

static void
byline_window_modified_changed_cb (BylineWindow   *self,
                                   BylineDocument *document)
{
  byline_window_update_title (self);

  if (self->loading_file != NULL)
    return;

  if (gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (document)))
    byline_window_queue_draft (self);
  else
    byline_window_forget_draft (self);

  byline_window_update_actions (self);
}

static void
byline_window_draft_failed_cb (BylineWindow  *self,
                               const char    *id,
                               const char    *message,
                               BylineSession *session)
{
  g_autofree char *text = NULL;

  if (g_strcmp0 (id, byline_document_get_id (self->document)) != 0)
    return;

  /* Translators: %s is the system's reason */
  text = g_strdup_printf (_("Unsaved changes could not be backed up: %s"), message);
  byline_window_show_error (self, text, FALSE);
}

/* The header's view of the post: its title, and the draft and featured
 * toggles, announced only when they change. */
static void
byline_window_update_header (BylineWindow *self,
                             BylinePost   *post)
{
  BylinePost *old = self->shown_post;

  if (old != NULL && byline_post_same_frontmatter (post, old))
    return;

  self->shown_post = byline_post_ref (post);
  if (old == NULL || g_strcmp0 (byline_post_get_title (old), byline_post_get_title (post)) != 0)
    byline_window_update_title (self);
  if (old == NULL || byline_post_get_draft (old) != byline_post_get_draft (post))
    {
      byline_window_update_draft (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DRAFT]);
    }
  if (old == NULL || byline_post_get_featured (old) != byline_post_get_featured (post))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FEATURED]);
  g_clear_pointer (&old, byline_post_unref);
}

static void
byline_window_document_notify_post_cb (BylineWindow   *self,
                                       GParamSpec     *pspec,
                                       BylineDocument *document)
{
  BylinePost *post = byline_document_get_post (document);

  byline_window_update_header (self, post);

  /* A loading post is previewed and checked once, at the end. */
  if (self->loading_file != NULL)
    return;

  byline_window_update_preview (self);
  byline_window_update_actions (self);
  byline_window_update_diagnostics (self, post);
  byline_window_queue_draft (self);
}

static void
byline_window_cursor_moved_cb (BylineWindow   *self,
                               GParamSpec     *pspec,
                               BylineDocument *document)
{
  if (self->preview != NULL && self->show_preview)
    {
      GtkTextIter iter;

      gtk_text_buffer_get_iter_at_mark (GTK_TEXT_BUFFER (document), &iter,
                                        gtk_text_buffer_get_insert (GTK_TEXT_BUFFER (document)));
      byline_preview_scroll_to_line (BYLINE_PREVIEW (self->preview),
                                     gtk_text_iter_get_line (&iter) + 1);
    }
}

static void
byline_window_file_changed_cb (BylineWindow   *self,
                               GParamSpec     *pspec,
                               BylineDocument *document)
{
  GFile *file = byline_document_get_file (document);

  byline_window_update_title (self);
  /* The notices name the file. */
  byline_window_update_encoding_banner (self);
  byline_window_update_disk_banner (self);

  if (self->preview != NULL)
    byline_preview_set_file (BYLINE_PREVIEW (self->preview), file);
  if (self->form != NULL && file != NULL)
    {
      g_autoptr(GFile) folder = g_file_get_parent (file);

      byline_form_set_folder (BYLINE_FORM (self->form), folder);
    }

  if (file != NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
    }
}

/* --- banners about the file ---------------------------------------------- */

/* A banner under the header bar: a message and up to two buttons for
 * window actions. */
static GtkRevealer *
byline_window_add_banner (BylineWindow  *self,
                          GtkLabel     **label,
                          GtkWidget    **buttons,
                          const char    *first_label,
                          const char    *first_action,
                          const char    *second_label,
                          const char    *second_action)
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
byline_window_build_banners (BylineWindow *self)
{
  self->recovered_banner = byline_window_add_banner (self, &self->recovered_label, NULL,
                                                     _("_Discard"), "doc.discard-recovered",
                                                     NULL, NULL);
  self->disk_banner = byline_window_add_banner (self, &self->disk_label, &self->disk_buttons,
                                                _("_Reload"), "doc.reload",
                                                _("_Keep Mine"), "doc.keep-mine");
  self->encoding_banner = byline_window_add_banner (self, &self->encoding_label, NULL,
                                                    _("_Hide"), "doc.hide-encoding-notice",
                                                    NULL, NULL);
  gtk_widget_add_css_class (gtk_revealer_get_child (self->disk_banner), "error");
}

static void
byline_window_update_disk_banner (BylineWindow *self)
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
byline_window_update_encoding_banner (BylineWindow *self)
{
  gsize n_invalid = byline_document_get_n_invalid_bytes (self->document);
  g_autofree char *name = byline_document_dup_display_name (self->document);
  g_autofree char *text = NULL;

  if (n_invalid > 0)
    {
      /* Translators: %s is a file name, %lu a number of bytes */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "“%s” is not valid UTF-8: %lu byte is not text. "
                                           "It shows as a box and is saved back unchanged.",
                                           "“%s” is not valid UTF-8: %lu bytes are not text. "
                                           "They show as boxes and are saved back unchanged.",
                                           n_invalid),
                              name, (gulong)n_invalid);
      gtk_label_set_text (self->encoding_label, text);
    }

  gtk_revealer_set_reveal_child (self->encoding_banner, n_invalid > 0 && !self->encoding_dismissed);
}

static void
byline_window_show_recovered (BylineWindow *self,
                              GDateTime    *when)
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
  gtk_revealer_set_reveal_child (self->recovered_banner, TRUE);
  byline_window_update_actions (self);
}

static void
byline_window_document_notify_cb (BylineWindow   *self,
                                  GParamSpec     *pspec,
                                  BylineDocument *document)
{
  const char *name = g_param_spec_get_name (pspec);

  if (g_str_equal (name, "busy"))
    {
      byline_window_update_actions (self);
    }
  else if (g_str_equal (name, "disk-state"))
    {
      byline_window_update_disk_banner (self);
      byline_window_update_actions (self);
    }
  else if (g_str_equal (name, "n-invalid-bytes"))
    {
      self->encoding_dismissed = FALSE;
      byline_window_update_encoding_banner (self);
    }
}

/* Put the cursor on a 1-based line and column and give the editor focus. */
static void
byline_window_go_to (BylineWindow *self,
                     guint         line,
                     guint         column)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->document);
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_line_offset (buffer, &iter,
                                           line > 0 ? line - 1 : 0,
                                           column > 0 ? column - 1 : 0);
  gtk_text_buffer_select_range (buffer, &iter, &iter);
  gtk_text_view_scroll_to_iter (GTK_TEXT_VIEW (self->source_view), &iter, 0.2, FALSE, 0, 0);
  gtk_widget_grab_focus (GTK_WIDGET (self->source_view));
}

static void
byline_window_form_go_to_line_cb (BylineWindow *self,
                                  guint         line,
                                  guint         column,
                                  GtkWidget    *form)
{
  byline_window_go_to (self, line, column);
}

static void
byline_window_preview_line_activated_cb (BylineWindow *self,
                                         guint         line,
                                         GtkWidget    *preview)
{
  byline_window_go_to (self, line, 1);
}

static void
byline_window_show_error (BylineWindow *self,
                          const char   *message,
                          gboolean      offer_save_as)
{
  AdwToast *toast = adw_toast_new (message);

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

/* --- loading ------------------------------------------------------------ */

static void
byline_window_load_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  BylineDocument *document = (BylineDocument *)object;
  g_autoptr(GTask) task = user_data;
  BylineWindow *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->loading_file);
  gtk_text_view_set_buffer (GTK_TEXT_VIEW (self->source_view), GTK_TEXT_BUFFER (document));
  gtk_text_view_set_editable (GTK_TEXT_VIEW (self->source_view), TRUE);
  if (self->form != NULL)
    gtk_widget_set_sensitive (self->form, TRUE);
  byline_window_update_title (self);
  /* One post at the end of the load: show it. */
  byline_window_document_notify_post_cb (self, NULL, document);

  if (!byline_document_load_finish (document, result, &error))
    {
      g_autofree char *name = g_file_get_basename (g_task_get_task_data (task));
      g_autofree char *message = NULL;

      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* Translators: %s is a file name, then the system's reason */
          message = g_strdup_printf (_("Could not open “%s”: %s"), name, error->message);
          byline_window_show_error (self, message, FALSE);
        }

      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  gtk_widget_grab_focus (GTK_WIDGET (self->source_view));
  gtk_text_view_scroll_to_mark (GTK_TEXT_VIEW (self->source_view),
                                gtk_text_buffer_get_insert (GTK_TEXT_BUFFER (document)),
                                0.1, FALSE, 0, 0);

  /* A window that closed while its post loaded no longer counts. */
  if (gtk_window_get_application (GTK_WINDOW (self)) != NULL &&
      !g_cancellable_is_cancelled (self->cancellable))
    byline_application_save_session (BYLINE_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))),
                                     NULL);

  g_task_return_boolean (task, TRUE);
}

/**
 * byline_window_load_async:
 *
 * Opens @file in this window's document; on failure the window shows why.
 */
void
byline_window_load_async (BylineWindow        *self,
                          GFile               *file,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (BYLINE_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_window_load_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_set_object (&self->loading_file, file);
  /* The text arrives in slices; typing into half a file helps nobody. And
   * the view stays off the buffer meanwhile: a GtkTextView relays out after
   * every slice (measured: 100 s for 50 MB attached, 0.7 s detached). */
  gtk_text_view_set_editable (GTK_TEXT_VIEW (self->source_view), FALSE);
  if (self->loading_buffer == NULL)
    self->loading_buffer = GTK_TEXT_BUFFER (gtk_source_buffer_new (NULL));
  gtk_text_view_set_buffer (GTK_TEXT_VIEW (self->source_view), self->loading_buffer);
  if (self->form != NULL)
    gtk_widget_set_sensitive (self->form, FALSE);

  byline_document_load_async (self->document, file,
                              cancellable ? cancellable : self->cancellable,
                              byline_window_load_cb, task);
}

gboolean
byline_window_load_finish (BylineWindow  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (BYLINE_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* --- saving ------------------------------------------------------------- */

/* The window stays open after all: a Quit that was closing it is over. */
static void
byline_window_abandon_close (BylineWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  self->close_after_save = FALSE;
  if (app != NULL && BYLINE_IS_APPLICATION (app))
    byline_application_quit_abandoned (BYLINE_APPLICATION (app));
}

static void
byline_window_overwrite_response_cb (BylineWindow     *self,
                                     const char       *response,
                                     AdwMessageDialog *dialog)
{
  GFile *target = g_object_get_data (G_OBJECT (dialog), "target");

  if (g_str_equal (response, "overwrite"))
    byline_window_save_internal (self, target, BYLINE_SAVE_FLAGS_IGNORE_CHANGES,
                                 NULL, NULL, NULL);
  else
    byline_window_abandon_close (self);
}

/* The file changed on disk since it was read or saved: writing now would
 * throw away someone else's change without telling. */
static void
byline_window_ask_overwrite (BylineWindow *self,
                             GFile        *target)
{
  g_autofree char *name = byline_document_dup_display_name (self->document);
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
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
  if (target != NULL)
    g_object_set_data_full (G_OBJECT (dialog), "target", g_object_ref (target), g_object_unref);
  g_signal_connect_object (dialog, "response",
                           G_CALLBACK (byline_window_overwrite_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
byline_window_save_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  BylineDocument *document = (BylineDocument *)object;
  g_autoptr(GTask) task = user_data;
  BylineWindow *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  if (!byline_document_save_finish (document, result, &error))
    {
      g_autofree char *message = NULL;

      /* Asked below; Save Anyway goes on to close. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG))
        byline_window_abandon_close (self);

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
          byline_window_ask_overwrite (self, g_task_get_task_data (task));
        }
      else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* Translators: %s is the system's reason, e.g. “Permission denied” */
          message = g_strdup_printf (_("The post was not saved: %s"), error->message);
          byline_window_show_error (self, message, TRUE);
        }

      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  self->touched_serial = 0;
  g_clear_pointer (&self->last_error, g_free);
  byline_window_update_title (self);

  /* Typed during the save: the draft on disk predates the file now. */
  if (gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (document)))
    byline_window_write_draft (self);

  if (gtk_window_get_application (GTK_WINDOW (self)) != NULL &&
      !g_cancellable_is_cancelled (self->cancellable))
    byline_application_save_session (BYLINE_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))),
                                     NULL);

  g_task_return_boolean (task, TRUE);

  if (self->close_after_save)
    {
      self->close_confirmed = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
}

/**
 * byline_window_save_async:
 * @target: (nullable): a new file (Save As), or %NULL for the post's file
 *
 * Saves the post. A changed post that is not a draft first gets
 * `modDatetime: now` when the setting asks for it, as one undoable edit.
 */
void
byline_window_save_async (BylineWindow        *self,
                          GFile               *target,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_return_if_fail (BYLINE_IS_WINDOW (self));

  byline_window_save_internal (self, target, BYLINE_SAVE_FLAGS_NONE,
                               cancellable, callback, user_data);
}

static void
byline_window_save_internal (BylineWindow        *self,
                             GFile               *target,
                             BylineSaveFlags      flags,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_window_save_async);
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

  byline_document_save_async (self->document, target, flags,
                              cancellable ? cancellable : self->cancellable,
                              byline_window_save_cb, task);
}

gboolean
byline_window_save_finish (BylineWindow  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (BYLINE_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

#if GTK_CHECK_VERSION (4, 10, 0)
static void
byline_window_save_dialog_cb (GObject      *object,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  g_autoptr(BylineWindow) self = user_data;
  g_autoptr(GFile) file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (object), result, NULL);

  if (file != NULL)
    byline_window_save_async (self, file, NULL, NULL, NULL);
  else
    byline_window_abandon_close (self);
}
#else
static void
byline_window_save_as_response_cb (BylineWindow         *self,
                                   int                   response,
                                   GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      byline_window_save_async (self, file, NULL, NULL, NULL);
    }
  else
    {
      byline_window_abandon_close (self);
    }

  g_clear_object (&self->chooser);
}
#endif

/* Asks where to save; a new post gets a file name made from its title. */
static void
byline_window_save_as (BylineWindow *self)
{
  g_autofree char *name = byline_document_dup_suggested_name (self->document);
  GFile *file = byline_document_get_file (self->document);
  g_autoptr(GFile) folder = NULL;

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
    gtk_file_dialog_save (dialog, GTK_WINDOW (self), NULL,
                          byline_window_save_dialog_cb, g_object_ref (self));
  }
#else
  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Save Post As"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect_object (self->chooser, "response",
                           G_CALLBACK (byline_window_save_as_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
#endif
}

/* --- closing ------------------------------------------------------------ */

static gboolean
byline_window_close_idle_cb (gpointer user_data)
{
  gtk_window_close (GTK_WINDOW (user_data));

  return G_SOURCE_REMOVE;
}

static void
byline_window_close_response_cb (BylineWindow     *self,
                                 const char       *response,
                                 AdwMessageDialog *dialog)
{
  if (g_str_equal (response, "discard"))
    {
      byline_window_forget_draft (self);
      /* Close once the dialog is gone: it still refers to us as its parent
       * while it emits the response. */
      self->close_confirmed = TRUE;
      g_idle_add_full (G_PRIORITY_DEFAULT, byline_window_close_idle_cb,
                       g_object_ref (self), g_object_unref);
    }
  else if (g_str_equal (response, "cancel"))
    {
      byline_window_abandon_close (self);
    }
  else if (g_str_equal (response, "save"))
    {
      self->close_after_save = TRUE;
      if (byline_document_get_file (self->document) != NULL)
        byline_window_save_async (self, NULL, NULL, NULL, NULL);
      else
        byline_window_save_as (self);
    }
}

static gboolean
byline_window_close_request (GtkWindow *window)
{
  BylineWindow *self = BYLINE_WINDOW (window);
  GtkApplication *app = gtk_window_get_application (window);
  g_autofree char *name = NULL;
  AdwMessageDialog *dialog;
  int width, height;

  /* A post still loading has no changes of the user's, whatever the
   * buffer's modified flag says while the loader fills it. */
  if (!self->close_confirmed && self->loading_file == NULL &&
      gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (self->document)))
    {
      /* Asked already (a second Quit, say): one question at a time; and
       * a save answering it closes the window when it is done. */
      if (self->close_dialog != NULL)
        {
          gtk_window_present (self->close_dialog);
          return TRUE;
        }
      if (self->close_after_save)
        return TRUE;

      name = byline_document_dup_display_name (self->document);
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window, _("Save Changes?"), NULL));
      /* Translators: %s is the file name */
      adw_message_dialog_format_body (dialog,
                                      _("“%s” has unsaved changes. Changes you do not save are lost."),
                                      name);
      adw_message_dialog_add_responses (dialog,
                                        "cancel", _("_Cancel"),
                                        "discard", _("_Discard"),
                                        "save", _("_Save"),
                                        NULL);
      adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "save");
      adw_message_dialog_set_close_response (dialog, "cancel");
      g_signal_connect_object (dialog, "response",
                               G_CALLBACK (byline_window_close_response_cb),
                               self, G_CONNECT_SWAPPED);
      self->close_dialog = GTK_WINDOW (dialog);
      g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *)&self->close_dialog);
      gtk_window_present (GTK_WINDOW (dialog));
      return TRUE;
    }

  g_cancellable_cancel (self->cancellable);

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  if (!gtk_window_is_maximized (window) && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }

  if (app != NULL)
    byline_application_save_session (BYLINE_APPLICATION (app), window);

  return GTK_WINDOW_CLASS (byline_window_parent_class)->close_request (window);
}

/* --- search ------------------------------------------------------------- */

static void
byline_window_update_search_count (BylineWindow *self)
{
  g_autofree char *label = NULL;
  int count = gtk_source_search_context_get_occurrences_count (self->search_context);
  const char *query = gtk_source_search_settings_get_search_text (self->search_settings);

  if (query == NULL || query[0] == '\0' || count < 0)
    label = g_strdup ("");
  else
    /* Translators: how many times the search text occurs */
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d match", "%d matches", count), count);

  gtk_label_set_label (self->search_count, label);
}

static void
byline_window_search (BylineWindow *self,
                      gboolean      backward)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->document);
  GtkTextIter sel_begin, sel_end, match_begin, match_end;
  gboolean wrapped = FALSE;
  gboolean found;

  gtk_text_buffer_get_selection_bounds (buffer, &sel_begin, &sel_end);

  if (backward)
    found = gtk_source_search_context_backward (self->search_context, &sel_begin,
                                                &match_begin, &match_end, &wrapped);
  else
    found = gtk_source_search_context_forward (self->search_context, &sel_end,
                                               &match_begin, &match_end, &wrapped);

  if (found)
    {
      gtk_text_buffer_select_range (buffer, &match_begin, &match_end);
      gtk_text_view_scroll_to_iter (GTK_TEXT_VIEW (self->source_view), &match_begin,
                                    0.2, FALSE, 0, 0);
    }
}

static void
byline_window_search_changed_cb (BylineWindow   *self,
                                 GtkSearchEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->document);
  GtkTextIter begin, end;

  gtk_source_search_settings_set_search_text (self->search_settings, text[0] ? text : NULL);

  /* Search as you type from where the selection starts. */
  gtk_text_buffer_get_selection_bounds (buffer, &begin, &end);
  gtk_text_buffer_select_range (buffer, &begin, &begin);
  byline_window_search (self, FALSE);
}

/* The search bar's keys (Escape, Ctrl+Return) belong to it only while it is
 * open; otherwise they stay with the widget that has the focus. */
static void
byline_window_update_search_actions (BylineWindow *self)
{
  gboolean revealed = gtk_revealer_get_reveal_child (self->search_revealer);
  gboolean replace = revealed && gtk_toggle_button_get_active (self->replace_toggle);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.hide-search", revealed);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.replace-one", replace);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.replace-all", replace);
}

static void
byline_window_show_search (BylineWindow *self,
                           gboolean      replace)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->document);
  GtkTextIter begin, end;

  /* A one-line selection is what the user wants to find. */
  if (gtk_text_buffer_get_selection_bounds (buffer, &begin, &end) &&
      gtk_text_iter_get_line (&begin) == gtk_text_iter_get_line (&end))
    {
      g_autofree char *text = gtk_text_buffer_get_text (buffer, &begin, &end, FALSE);

      /* Setting the same text would clear the search for a moment. */
      if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (self->search_entry))) != 0)
        gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
    }

  gtk_toggle_button_set_active (self->replace_toggle, replace);
  gtk_revealer_set_reveal_child (self->search_revealer, TRUE);
  byline_window_update_search_actions (self);
  gtk_source_search_context_set_highlight (self->search_context, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

static void
byline_window_hide_search (BylineWindow *self)
{
  gtk_revealer_set_reveal_child (self->search_revealer, FALSE);
  byline_window_update_search_actions (self);
  gtk_source_search_context_set_highlight (self->search_context, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->source_view));
}

static void
byline_window_search_activate_cb (BylineWindow   *self,
                                  GtkSearchEntry *entry)
{
  byline_window_search (self, FALSE);
}

static void
byline_window_search_stop_cb (BylineWindow   *self,
                              GtkSearchEntry *entry)
{
  byline_window_hide_search (self);
}

/* --- actions ------------------------------------------------------------ */

static void
byline_window_action_save (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  BylineWindow *self = BYLINE_WINDOW (widget);

  if (byline_document_get_file (self->document) == NULL)
    byline_window_save_as (self);
  else
    byline_window_save_async (self, NULL, NULL, NULL, NULL);
}

static void
byline_window_action_save_as (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  byline_window_save_as (BYLINE_WINDOW (widget));
}

static void
byline_window_reload_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(BylineWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!byline_document_reload_finish (BYLINE_DOCUMENT (object), result, &error))
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Translators: %s is the system's reason */
      message = g_strdup_printf (_("Could not reload the post: %s"), error->message);
      byline_window_show_error (self, message, FALSE);
    }
}

static void
byline_window_action_reload (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *param)
{
  BylineWindow *self = BYLINE_WINDOW (widget);

  byline_document_reload_async (self->document, self->cancellable,
                                byline_window_reload_cb, g_object_ref (self));
}

static void
byline_window_action_keep_mine (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  BylineWindow *self = BYLINE_WINDOW (widget);

  byline_document_keep_mine (self->document);
}

static void
byline_window_action_discard_recovered (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *param)
{
  BylineWindow *self = BYLINE_WINDOW (widget);

  gtk_revealer_set_reveal_child (self->recovered_banner, FALSE);

  /* Back to the file as it is on disk, as one edit that Undo takes back. */
  if (byline_document_get_file (self->document) != NULL &&
      byline_document_get_disk_state (self->document) != BYLINE_DISK_STATE_DELETED)
    {
      byline_document_reload_async (self->document, self->cancellable,
                                    byline_window_reload_cb, g_object_ref (self));
      return;
    }

  /* An untitled post (or one whose file is gone) is nothing but the
   * recovered text. */
  byline_window_forget_draft (self);
  self->close_confirmed = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

static void
byline_window_action_hide_encoding_notice (GtkWidget  *widget,
                                           const char *action_name,
                                           GVariant   *param)
{
  BylineWindow *self = BYLINE_WINDOW (widget);

  self->encoding_dismissed = TRUE;
  byline_window_update_encoding_banner (self);
}

/* The first file reuses this window if it holds nothing; the others get
 * windows of their own. */
static void
byline_window_open_files (BylineWindow *self,
                          GListModel   *files)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);

      if (i == 0 && byline_window_is_pristine (self))
        byline_window_load_async (self, file, NULL, NULL, NULL);
      else if (app != NULL)
        byline_application_open_file (BYLINE_APPLICATION (app), file);
    }
}

#if GTK_CHECK_VERSION (4, 10, 0)
static void
byline_window_open_dialog_cb (GObject      *object,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  g_autoptr(BylineWindow) self = user_data;
  g_autoptr(GListModel) files = gtk_file_dialog_open_multiple_finish (GTK_FILE_DIALOG (object),
                                                                      result, NULL);

  if (files != NULL)
    byline_window_open_files (self, files);
}
#else
static void
byline_window_open_response_cb (BylineWindow         *self,
                                int                   response,
                                GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));

      byline_window_open_files (self, files);
    }

  g_clear_object (&self->chooser);
}
#endif

static void
byline_window_action_open (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  BylineWindow *self = BYLINE_WINDOW (widget);
  g_autoptr(GtkFileFilter) markdown = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  GFile *file = byline_document_get_file (self->document);
  g_autoptr(GFile) folder = NULL;

  gtk_file_filter_set_name (markdown, _("Markdown Posts"));
  gtk_file_filter_add_mime_type (markdown, "text/markdown");
  gtk_file_filter_add_pattern (markdown, "*.md");
  gtk_file_filter_add_pattern (markdown, "*.markdown");
  gtk_file_filter_add_pattern (markdown, "*.mdx");
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");

  if (file != NULL)
    folder = g_file_get_parent (file);

#if GTK_CHECK_VERSION (4, 10, 0)
  {
    g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
    g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);

    g_list_store_append (filters, markdown);
    g_list_store_append (filters, all);
    gtk_file_dialog_set_title (dialog, _("Open Post"));
    gtk_file_dialog_set_modal (dialog, TRUE);
    gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
    gtk_file_dialog_set_default_filter (dialog, markdown);
    if (folder != NULL)
      gtk_file_dialog_set_initial_folder (dialog, folder);
    gtk_file_dialog_open_multiple (dialog, GTK_WINDOW (self), NULL,
                                   byline_window_open_dialog_cb, g_object_ref (self));
  }
#else
  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Open Post"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), markdown);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (self->chooser), markdown);
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
  g_signal_connect_object (self->chooser, "response",
                           G_CALLBACK (byline_window_open_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
#endif
}

static void
byline_window_action_open_recent (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *param)
{
  BylineWindow *self = BYLINE_WINDOW (widget);
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (param, NULL));
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (byline_window_is_pristine (self))
    byline_window_load_async (self, file, NULL, NULL, NULL);
  else if (app != NULL)
    byline_application_open_file (BYLINE_APPLICATION (app), file);
}

static void
byline_window_action_new_post (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *param)
{
  BylineWindow *self = BYLINE_WINDOW (widget);
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  GFile *file = byline_document_get_file (self->document);
  g_autoptr(GFile) folder = file ? g_file_get_parent (file) : NULL;
  BylineWindow *window = self;

  if (!byline_window_is_pristine (self) && app != NULL)
    window = BYLINE_WINDOW (byline_application_new_post (BYLINE_APPLICATION (app)));
  else
    byline_window_new_post (self);

  /* A new post most likely belongs beside the one the user was editing. */
  if (folder != NULL)
    byline_window_set_folder_hint (window, folder);
}

static void
byline_window_action_close (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static void
byline_window_action_find (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  byline_window_show_search (BYLINE_WINDOW (widget), g_str_equal (action_name, "win.replace"));
}

static void
byline_window_action_hide_search (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *param)
{
  byline_window_hide_search (BYLINE_WINDOW (widget));
}

static void
byline_window_action_find_next (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  BylineWindow *self = BYLINE_WINDOW (widget);

  if (gtk_source_search_settings_get_search_text (self->search_settings) == NULL)
    {
      byline_window_show_search (self, FALSE);
      return;
    }

  byline_window_search (self, g_str_equal (action_name, "win.find-previous"));
}

static void
byline_window_action_replace_one (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *param)
{
  BylineWindow *self = BYLINE_WINDOW (widget);
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->document);
  const char *replacement = gtk_editable_get_text (GTK_EDITABLE (self->replace_entry));
  GtkTextIter begin, end;
  g_autoptr(GError) error = NULL;

  gtk_text_buffer_get_selection_bounds (buffer, &begin, &end);
  if (gtk_source_search_context_get_occurrence_position (self->search_context, &begin, &end) > 0)
    {
      if (!gtk_source_search_context_replace (self->search_context, &begin, &end,
                                              replacement, -1, &error) &&
          error != NULL)
        byline_window_show_error (self, error->message, FALSE);
    }

  byline_window_search (self, FALSE);
}

static void
byline_window_action_replace_all (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *param)
{
  BylineWindow *self = BYLINE_WINDOW (widget);
  const char *replacement = gtk_editable_get_text (GTK_EDITABLE (self->replace_entry));
  g_autoptr(GError) error = NULL;

  /* Returns how many it replaced: 0 is no failure, only an error is. */
  gtk_source_search_context_replace_all (self->search_context, replacement, -1, &error);
  if (error != NULL)
    byline_window_show_error (self, error->message, FALSE);
}

static void
byline_window_action_focus_editor (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *param)
{
  gtk_widget_grab_focus (GTK_WIDGET (BYLINE_WINDOW (widget)->source_view));
}

/* --- recent files ------------------------------------------------------- */

static int
byline_window_compare_recent (gconstpointer a,
                              gconstpointer b)
{
  GDateTime *da = gtk_recent_info_get_visited (*(GtkRecentInfo **)a);
  GDateTime *db = gtk_recent_info_get_visited (*(GtkRecentInfo **)b);

  return g_date_time_compare (db, da);
}

static void
byline_window_update_recent (BylineWindow *self)
{
  GtkRecentManager *manager = gtk_recent_manager_get_default ();
  GList *items = gtk_recent_manager_get_items (manager);
  g_autoptr(GPtrArray) posts = g_ptr_array_new_with_free_func ((GDestroyNotify)gtk_recent_info_unref);

  for (GList *l = items; l != NULL; l = l->next)
    {
      GtkRecentInfo *info = l->data;
      const char *uri = gtk_recent_info_get_uri (info);

      if (gtk_recent_info_has_application (info, g_get_application_name ()) &&
          (g_str_has_suffix (uri, ".md") || g_str_has_suffix (uri, ".markdown") ||
           g_str_has_suffix (uri, ".mdx")))
        g_ptr_array_add (posts, gtk_recent_info_ref (info));
    }
  g_list_free_full (items, (GDestroyNotify)gtk_recent_info_unref);

  g_ptr_array_sort (posts, byline_window_compare_recent);

  g_menu_remove_all (self->recent_section);
  for (guint i = 0; i < posts->len && i < 8; i++)
    {
      GtkRecentInfo *info = g_ptr_array_index (posts, i);
      g_autoptr(GMenuItem) item = NULL;

      item = g_menu_item_new (gtk_recent_info_get_display_name (info), NULL);
      g_menu_item_set_action_and_target (item, "win.open-recent", "s", gtk_recent_info_get_uri (info));
      g_menu_append_item (self->recent_section, item);
    }
}

/* --- panes --------------------------------------------------------------- */

static void
byline_window_update_panes (BylineWindow *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->form_box), self->show_form);
  gtk_widget_set_visible (GTK_WIDGET (self->preview_box), self->show_preview);
  gtk_widget_set_visible (GTK_WIDGET (self->inner_paned), self->show_form || self->show_preview);
}

static void
byline_window_build_panes (BylineWindow *self)
{
  self->form = byline_form_new ();
  byline_form_set_document (BYLINE_FORM (self->form), self->document);
  g_signal_connect_object (self->form, "go-to-line",
                           G_CALLBACK (byline_window_form_go_to_line_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_widget_set_vexpand (self->form, TRUE);
  gtk_box_append (self->form_box, self->form);

  self->preview = byline_preview_new ();
  g_signal_connect_object (self->preview, "line-activated",
                           G_CALLBACK (byline_window_preview_line_activated_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_widget_set_vexpand (self->preview, TRUE);
  gtk_widget_set_hexpand (self->preview, TRUE);
  gtk_box_append (self->preview_box, self->preview);
  g_settings_bind (self->settings, "preview-remote-content",
                   self->preview, "remote-content",
                   G_SETTINGS_BIND_GET);
}

/* --- GObject ------------------------------------------------------------ */

static void
byline_window_constructed (GObject *object)
{
  BylineWindow *self = (BylineWindow *)object;

  G_OBJECT_CLASS (byline_window_parent_class)->constructed (object);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
byline_window_dispose (GObject *object)
{
  BylineWindow *self = (BylineWindow *)object;

  g_clear_handle_id (&self->draft_source, g_source_remove);
  if (self->close_dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->close_dialog), (gpointer *)&self->close_dialog);
  self->close_dialog = NULL;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
#if !GTK_CHECK_VERSION (4, 10, 0)
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
#endif

  gtk_widget_dispose_template (GTK_WIDGET (self), BYLINE_TYPE_WINDOW);

  G_OBJECT_CLASS (byline_window_parent_class)->dispose (object);
}

static void
byline_window_finalize (GObject *object)
{
  BylineWindow *self = (BylineWindow *)object;

  g_clear_object (&self->search_context);
  g_clear_object (&self->search_settings);
  g_clear_object (&self->document);
  g_clear_object (&self->folder_hint);
  g_clear_object (&self->loading_file);
  g_clear_object (&self->loading_buffer);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->shown_post, byline_post_unref);
  g_clear_pointer (&self->subtitle, g_free);
  g_clear_pointer (&self->last_error, g_free);
  g_clear_pointer (&self->diagnostics, g_ptr_array_unref);

  G_OBJECT_CLASS (byline_window_parent_class)->finalize (object);
}

static void
byline_window_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  BylineWindow *self = BYLINE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;

    case PROP_DRAFT:
      g_value_set_boolean (value, byline_document_get_draft (self->document));
      break;

    case PROP_FEATURED:
      g_value_set_boolean (value, byline_document_get_featured (self->document));
      break;

    case PROP_SHOW_FORM:
      g_value_set_boolean (value, self->show_form);
      break;

    case PROP_SHOW_PREVIEW:
      g_value_set_boolean (value, self->show_preview);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_window_set_flag (BylineWindow *self,
                        const char   *key,
                        gboolean      value)
{
  g_autoptr(GError) error = NULL;

  if (!byline_document_set_boolean (self->document, key, value, &error))
    {
      /* Translators: %s is the frontmatter key (draft, featured), then the reason */
      g_autofree char *message = g_strdup_printf (_("Could not change “%s”: %s"), key, error->message);

      byline_window_show_error (self, message, FALSE);
    }
}

static void
byline_window_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  BylineWindow *self = BYLINE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DRAFT:
      if (g_value_get_boolean (value) != byline_document_get_draft (self->document))
        byline_window_set_flag (self, "draft", g_value_get_boolean (value));
      break;

    case PROP_FEATURED:
      if (g_value_get_boolean (value) != byline_document_get_featured (self->document))
        byline_window_set_flag (self, "featured", g_value_get_boolean (value));
      break;

    case PROP_SHOW_FORM:
      if (self->show_form != g_value_get_boolean (value))
        {
          self->show_form = g_value_get_boolean (value);
          byline_window_update_panes (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_SHOW_PREVIEW:
      if (self->show_preview != g_value_get_boolean (value))
        {
          self->show_preview = g_value_get_boolean (value);
          byline_window_update_panes (self);
          byline_window_update_preview (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_window_class_init (BylineWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = byline_window_constructed;
  object_class->dispose = byline_window_dispose;
  object_class->finalize = byline_window_finalize;
  object_class->get_property = byline_window_get_property;
  object_class->set_property = byline_window_set_property;

  window_class->close_request = byline_window_close_request;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL,
                         BYLINE_TYPE_DOCUMENT,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  /* Draft and featured are the document's, as window properties so that the
   * header toggles can be stateful property actions. */
  properties[PROP_DRAFT] =
    g_param_spec_boolean ("draft", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_FEATURED] =
    g_param_spec_boolean ("featured", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SHOW_FORM] =
    g_param_spec_boolean ("show-form", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SHOW_PREVIEW] =
    g_param_spec_boolean ("show-preview", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/byline/Byline/ui/byline-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, draft_toggle);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, draft_revealer);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, banner_box);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, search_revealer);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, search_count);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, case_toggle);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, replace_toggle);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, replace_entry);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, outer_paned);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, inner_paned);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, source_view);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, form_box);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, preview_box);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, recent_section);

  gtk_widget_class_install_action (widget_class, "win.new-post", NULL, byline_window_action_new_post);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, byline_window_action_open);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", byline_window_action_open_recent);
  gtk_widget_class_install_action (widget_class, "win.close", NULL, byline_window_action_close);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, byline_window_action_find);
  gtk_widget_class_install_action (widget_class, "win.replace", NULL, byline_window_action_find);
  gtk_widget_class_install_action (widget_class, "win.find-next", NULL, byline_window_action_find_next);
  gtk_widget_class_install_action (widget_class, "win.find-previous", NULL, byline_window_action_find_next);
  gtk_widget_class_install_action (widget_class, "win.hide-search", NULL, byline_window_action_hide_search);
  gtk_widget_class_install_action (widget_class, "win.replace-one", NULL, byline_window_action_replace_one);
  gtk_widget_class_install_action (widget_class, "win.replace-all", NULL, byline_window_action_replace_all);
  gtk_widget_class_install_action (widget_class, "win.focus-editor", NULL, byline_window_action_focus_editor);
  gtk_widget_class_install_property_action (widget_class, "win.show-form", "show-form");
  gtk_widget_class_install_property_action (widget_class, "win.show-preview", "show-preview");
  gtk_widget_class_install_action (widget_class, "doc.save", NULL, byline_window_action_save);
  gtk_widget_class_install_action (widget_class, "doc.save-as", NULL, byline_window_action_save_as);
  gtk_widget_class_install_action (widget_class, "doc.reload", NULL, byline_window_action_reload);
  gtk_widget_class_install_action (widget_class, "doc.keep-mine", NULL, byline_window_action_keep_mine);
  gtk_widget_class_install_action (widget_class, "doc.discard-recovered", NULL, byline_window_action_discard_recovered);
  gtk_widget_class_install_action (widget_class, "doc.hide-encoding-notice", NULL, byline_window_action_hide_encoding_notice);
  gtk_widget_class_install_property_action (widget_class, "doc.toggle-draft", "draft");
  gtk_widget_class_install_property_action (widget_class, "doc.toggle-featured", "featured");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-post", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "win.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_h, GDK_CONTROL_MASK, "win.replace", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F3, 0, "win.find-next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK, "win.find-next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F3, GDK_SHIFT_MASK, "win.find-previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.find-previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.hide-search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "win.replace-one", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.replace-all", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.focus-editor", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_M, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.show-form", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_P, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.show-preview", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "doc.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_S, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "doc.save-as", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_D, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "doc.toggle-draft", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "doc.toggle-featured", NULL);
}

static void
byline_window_init (BylineWindow *self)
{
  GtkTextBuffer *buffer;

  g_type_ensure (GTK_SOURCE_TYPE_VIEW);

  self->settings = byline_settings_new ();
  self->cancellable = g_cancellable_new ();
  self->document = byline_document_new ();
  self->show_form = TRUE;
  self->show_preview = TRUE;
  buffer = GTK_TEXT_BUFFER (self->document);

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_text_view_set_buffer (GTK_TEXT_VIEW (self->source_view), buffer);
  gtk_source_buffer_set_language (GTK_SOURCE_BUFFER (self->document), byline_window_get_language ());
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
                           G_CALLBACK (byline_window_query_tooltip_cb),
                           self, G_CONNECT_SWAPPED);

  self->search_settings = gtk_source_search_settings_new ();
  gtk_source_search_settings_set_wrap_around (self->search_settings, TRUE);
  self->search_context = gtk_source_search_context_new (GTK_SOURCE_BUFFER (self->document),
                                                        self->search_settings);
  gtk_source_search_context_set_highlight (self->search_context, FALSE);
  g_object_bind_property (self->case_toggle, "active",
                          self->search_settings, "case-sensitive",
                          G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->search_context, "notify::occurrences-count",
                           G_CALLBACK (byline_window_update_search_count),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "search-changed",
                           G_CALLBACK (byline_window_search_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "activate",
                           G_CALLBACK (byline_window_search_activate_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "stop-search",
                           G_CALLBACK (byline_window_search_stop_cb),
                           self, G_CONNECT_SWAPPED);

  byline_window_build_panes (self);
  byline_window_build_banners (self);

  g_signal_connect_object (self->document, "notify::post",
                           G_CALLBACK (byline_window_document_notify_post_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "modified-changed",
                           G_CALLBACK (byline_window_modified_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "notify::cursor-position",
                           G_CALLBACK (byline_window_cursor_moved_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "notify::file",
                           G_CALLBACK (byline_window_file_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "notify",
                           G_CALLBACK (byline_window_document_notify_cb),
                           self, G_CONNECT_SWAPPED);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (byline_window_update_style_scheme),
                           self, G_CONNECT_SWAPPED);
  byline_window_update_style_scheme (self);

  g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                           G_CALLBACK (byline_window_update_recent),
                           self, G_CONNECT_SWAPPED);
  byline_window_update_recent (self);

  g_settings_bind (self->settings, "show-form", self, "show-form", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "show-preview", self, "show-preview", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "editor-width", self->outer_paned, "position", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "form-width", self->inner_paned, "position", G_SETTINGS_BIND_DEFAULT);
  byline_window_update_panes (self);

  byline_window_update_header (self, byline_document_get_post (self->document));
  byline_window_update_title (self);
  byline_window_update_draft (self);
  byline_window_update_actions (self);
  g_signal_connect_object (self->replace_toggle, "notify::active",
                           G_CALLBACK (byline_window_update_search_actions),
                           self, G_CONNECT_SWAPPED);
  byline_window_update_search_actions (self);

  gtk_widget_grab_focus (GTK_WIDGET (self->source_view));
}

BylineWindow *
byline_window_new (GtkApplication *application)
{
  BylineWindow *self = g_object_new (BYLINE_TYPE_WINDOW,
                                     "application", application,
                                     NULL);
  BylineSession *session = byline_window_get_session (self);

  if (session != NULL)
    g_signal_connect_object (session, "draft-failed",
                             G_CALLBACK (byline_window_draft_failed_cb),
                             self, G_CONNECT_SWAPPED);

  return self;
}

/**
 * byline_window_get_document:
 *
 * Returns: (transfer none): the window's post
 */
BylineDocument *
byline_window_get_document (BylineWindow *self)
{
  g_return_val_if_fail (BYLINE_IS_WINDOW (self), NULL);

  return self->document;
}

GtkSourceView *
byline_window_get_source_view (BylineWindow *self)
{
  g_return_val_if_fail (BYLINE_IS_WINDOW (self), NULL);

  return self->source_view;
}

/**
 * byline_window_get_form:
 *
 * Returns: (transfer none) (nullable): the frontmatter form, %NULL in a build without it
 */
GtkWidget *
byline_window_get_form (BylineWindow *self)
{
  g_return_val_if_fail (BYLINE_IS_WINDOW (self), NULL);

  return self->form;
}

/**
 * byline_window_get_preview:
 *
 * Returns: (transfer none) (nullable): the preview, %NULL in a build without it
 */
GtkWidget *
byline_window_get_preview (BylineWindow *self)
{
  g_return_val_if_fail (BYLINE_IS_WINDOW (self), NULL);

  return self->preview;
}

const char *
byline_window_get_title_text (BylineWindow *self)
{
  g_return_val_if_fail (BYLINE_IS_WINDOW (self), NULL);

  return adw_window_title_get_title (self->window_title);
}

const char *
byline_window_get_subtitle_text (BylineWindow *self)
{
  g_return_val_if_fail (BYLINE_IS_WINDOW (self), NULL);

  return adw_window_title_get_subtitle (self->window_title);
}

/**
 * byline_window_get_file:
 *
 * Returns: (transfer none) (nullable): the post's file, or the file being
 *   loaded into the window
 */
GFile *
byline_window_get_file (BylineWindow *self)
{
  g_return_val_if_fail (BYLINE_IS_WINDOW (self), NULL);

  if (self->loading_file != NULL)
    return self->loading_file;

  return byline_document_get_file (self->document);
}

/**
 * byline_window_get_last_error:
 *
 * Returns: (nullable): the last error message the window showed, cleared by a
 *   successful save
 */
const char *
byline_window_get_last_error (BylineWindow *self)
{
  g_return_val_if_fail (BYLINE_IS_WINDOW (self), NULL);

  return self->last_error;
}

/**
 * byline_window_is_pristine:
 *
 * Returns: %TRUE when the window holds nothing worth keeping (no file, no
 *   changes), so opening a post can reuse it
 */
gboolean
byline_window_is_pristine (BylineWindow *self)
{
  g_return_val_if_fail (BYLINE_IS_WINDOW (self), FALSE);

  return byline_window_get_file (self) == NULL &&
         !gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (self->document)) &&
         !byline_document_get_busy (self->document);
}

/**
 * byline_window_set_folder_hint:
 * @folder: (nullable): where an untitled post is saved by default
 */
void
byline_window_set_folder_hint (BylineWindow *self,
                               GFile        *folder)
{
  g_return_if_fail (BYLINE_IS_WINDOW (self));
  g_return_if_fail (!folder || G_IS_FILE (folder));

  g_set_object (&self->folder_hint, folder);

  if (self->form != NULL && folder != NULL && byline_document_get_file (self->document) == NULL)
    byline_form_set_folder (BYLINE_FORM (self->form), folder);
}

/**
 * byline_window_new_post:
 *
 * Fills the window's (untitled) document with a new post's template.
 */
void
byline_window_new_post (BylineWindow *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_return_if_fail (BYLINE_IS_WINDOW (self));

  byline_document_set_template (self->document, now);
  gtk_widget_grab_focus (GTK_WIDGET (self->source_view));
}

static void
byline_window_apply_draft (BylineWindow *self,
                           GDateTime    *when)
{
  BylineSession *session = byline_window_get_session (self);
  g_autoptr(GBytes) text = NULL;
  g_autoptr(GError) error = NULL;
  const char *data;
  gsize len = 0;

  if (session == NULL)
    return;

  if (!(text = byline_session_read_draft (session, byline_document_get_id (self->document), &error)))
    {
      g_autofree char *message = NULL;

      /* Translators: %s is the system's reason */
      message = g_strdup_printf (_("Unsaved changes could not be recovered: %s"), error->message);
      byline_window_show_error (self, message, FALSE);
      return;
    }

  data = g_bytes_get_data (text, &len);
  byline_document_replace_text (self->document, data, len);

  /* Saved after the draft was written, so nothing to recover. */
  if (!gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (self->document)))
    {
      byline_window_forget_draft (self);
      return;
    }

  byline_window_show_recovered (self, when);
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
byline_window_recover_load_cb (GObject      *object,
                               GAsyncResult *result,
                               gpointer      user_data)
{
  BylineWindow *self = BYLINE_WINDOW (object);
  Recovery *recovery = user_data;
  g_autoptr(GError) error = NULL;
  GFile *file = g_task_get_task_data (G_TASK (result));

  if (byline_window_load_finish (self, result, &error))
    {
      byline_window_apply_draft (self, recovery->when);
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
      byline_window_apply_draft (self, recovery->when);
    }

  recovery_free (recovery);
}

/**
 * byline_window_recover:
 * @entry: a session entry with a draft
 *
 * Opens the entry's file (if any), then puts the draft's text in place of
 * it as one undoable edit, marked unsaved, under a banner that says so and
 * offers to discard it.
 */
void
byline_window_recover (BylineWindow             *self,
                       const BylineSessionEntry *entry)
{
  g_autoptr(GFile) file = NULL;
  Recovery *recovery;

  g_return_if_fail (BYLINE_IS_WINDOW (self));
  g_return_if_fail (entry != NULL && entry->id != NULL && entry->draft_time != NULL);

  byline_document_set_id (self->document, entry->id);

  if (entry->uri == NULL)
    {
      byline_window_apply_draft (self, entry->draft_time);
      return;
    }

  recovery = g_new0 (Recovery, 1);
  recovery->when = g_date_time_ref (entry->draft_time);
  recovery->base = entry->base;
  recovery->has_base = entry->has_base;
  file = g_file_new_for_uri (entry->uri);
  byline_window_load_async (self, file, NULL, byline_window_recover_load_cb, recovery);
}
