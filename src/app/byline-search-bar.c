/* byline-search-bar.c: find and replace in the editor
 *
 * A bar under the header: the search text, how many times it occurs, the
 * next and previous match, case, and a second row to replace. It searches
 * the buffer of the GtkSourceView it is given, and follows the view when
 * it shows another buffer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Byline"

#include "config.h"

#include <glib/gi18n.h>

#include "byline-search-bar.h"

struct _BylineSearchBar
{
  GtkWidget                parent_instance;

  /* template widgets */
  GtkRevealer             *revealer;
  GtkSearchEntry          *search_entry;
  GtkLabel                *search_count;
  GtkToggleButton         *case_toggle;
  GtkToggleButton         *replace_toggle;
  GtkEntry                *replace_entry;

  /* owned */
  GtkSourceView           *view;
  GtkSourceSearchSettings *settings;
  GtkSourceSearchContext  *context;
  GSignalGroup            *view_signals;
};

G_DEFINE_FINAL_TYPE (BylineSearchBar, byline_search_bar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_VIEW,
  PROP_SEARCH_MODE,
  PROP_REPLACE_MODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkTextBuffer *
byline_search_bar_get_buffer (BylineSearchBar *self)
{
  return self->view != NULL ? gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->view)) : NULL;
}

static void
byline_search_bar_update_count (BylineSearchBar *self)
{
  g_autofree char *label = NULL;
  int count = self->context != NULL ? gtk_source_search_context_get_occurrences_count (self->context) : -1;
  const char *query = gtk_source_search_settings_get_search_text (self->settings);

  if (query == NULL || query[0] == '\0' || count < 0)
    label = g_strdup ("");
  else
    /* Translators: how many times the search text occurs */
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'d match", "%'d matches", count), count);

  gtk_label_set_label (self->search_count, label);
}

/* A search context belongs to one buffer: a new one for each buffer the
 * view shows (a post that loads shows a placeholder buffer meanwhile). */
static void
byline_search_bar_view_notify_buffer_cb (BylineSearchBar *self,
                                         GParamSpec      *pspec,
                                         GtkSourceView   *view)
{
  GtkTextBuffer *buffer = byline_search_bar_get_buffer (self);

  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);
  g_clear_object (&self->context);

  if (buffer != NULL && GTK_SOURCE_IS_BUFFER (buffer))
    {
      self->context = gtk_source_search_context_new (GTK_SOURCE_BUFFER (buffer), self->settings);
      gtk_source_search_context_set_highlight (self->context,
                                               gtk_revealer_get_reveal_child (self->revealer));
      g_signal_connect_object (self->context, "notify::occurrences-count",
                               G_CALLBACK (byline_search_bar_update_count),
                               self, G_CONNECT_SWAPPED);
    }

  byline_search_bar_update_count (self);
}

/**
 * byline_search_bar_find:
 * @backward: %TRUE for the previous match
 *
 * Selects the next (or previous) match from the selection, wrapping around,
 * and scrolls the view to it.
 */
void
byline_search_bar_find (BylineSearchBar *self,
                        gboolean         backward)
{
  GtkTextBuffer *buffer;
  GtkTextIter sel_begin, sel_end, match_begin, match_end;
  gboolean wrapped = FALSE;
  gboolean found;

  g_return_if_fail (BYLINE_IS_SEARCH_BAR (self));

  if (self->context == NULL)
    return;

  buffer = byline_search_bar_get_buffer (self);
  gtk_text_buffer_get_selection_bounds (buffer, &sel_begin, &sel_end);

  if (backward)
    found = gtk_source_search_context_backward (self->context, &sel_begin,
                                                &match_begin, &match_end, &wrapped);
  else
    found = gtk_source_search_context_forward (self->context, &sel_end,
                                               &match_begin, &match_end, &wrapped);

  if (found)
    {
      gtk_text_buffer_select_range (buffer, &match_begin, &match_end);
      gtk_text_view_scroll_to_iter (GTK_TEXT_VIEW (self->view), &match_begin, 0.2, FALSE, 0, 0);
    }
}

static void
byline_search_bar_search_changed_cb (BylineSearchBar *self,
                                     GtkSearchEntry  *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  GtkTextBuffer *buffer = byline_search_bar_get_buffer (self);
  GtkTextIter begin, end;

  gtk_source_search_settings_set_search_text (self->settings, text[0] ? text : NULL);

  if (buffer == NULL)
    return;

  /* Search as you type from where the selection starts. */
  gtk_text_buffer_get_selection_bounds (buffer, &begin, &end);
  gtk_text_buffer_select_range (buffer, &begin, &begin);
  byline_search_bar_find (self, FALSE);
}

static void
byline_search_bar_search_activate_cb (BylineSearchBar *self,
                                      GtkSearchEntry  *entry)
{
  byline_search_bar_find (self, FALSE);
}

static void
byline_search_bar_search_stop_cb (BylineSearchBar *self,
                                  GtkSearchEntry  *entry)
{
  byline_search_bar_hide (self);
}

static void
byline_search_bar_replace_toggle_notify_active_cb (BylineSearchBar *self,
                                                   GParamSpec      *pspec,
                                                   GtkToggleButton *toggle)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPLACE_MODE]);
}

static void
byline_search_bar_dispose (GObject *object)
{
  BylineSearchBar *self = BYLINE_SEARCH_BAR (object);

  g_signal_group_set_target (self->view_signals, NULL);
  g_clear_object (&self->view);
  g_clear_object (&self->context);
  gtk_widget_dispose_template (GTK_WIDGET (self), BYLINE_TYPE_SEARCH_BAR);

  G_OBJECT_CLASS (byline_search_bar_parent_class)->dispose (object);
}

static void
byline_search_bar_finalize (GObject *object)
{
  BylineSearchBar *self = BYLINE_SEARCH_BAR (object);

  g_clear_object (&self->view_signals);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (byline_search_bar_parent_class)->finalize (object);
}

static void
byline_search_bar_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  BylineSearchBar *self = BYLINE_SEARCH_BAR (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      g_value_set_object (value, self->view);
      break;

    case PROP_SEARCH_MODE:
      g_value_set_boolean (value, byline_search_bar_get_search_mode (self));
      break;

    case PROP_REPLACE_MODE:
      g_value_set_boolean (value, byline_search_bar_get_replace_mode (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_search_bar_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  BylineSearchBar *self = BYLINE_SEARCH_BAR (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      byline_search_bar_set_view (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_search_bar_class_init (BylineSearchBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = byline_search_bar_dispose;
  object_class->finalize = byline_search_bar_finalize;
  object_class->get_property = byline_search_bar_get_property;
  object_class->set_property = byline_search_bar_set_property;

  properties[PROP_VIEW] =
    g_param_spec_object ("view", NULL, NULL,
                         GTK_SOURCE_TYPE_VIEW,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * BylineSearchBar:search-mode:
   *
   * Whether the bar is shown (its keys, Escape and Ctrl+Return, are then
   * its own).
   */
  properties[PROP_SEARCH_MODE] =
    g_param_spec_boolean ("search-mode", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_REPLACE_MODE] =
    g_param_spec_boolean ("replace-mode", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/byline/Byline/ui/byline-search-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, BylineSearchBar, revealer);
  gtk_widget_class_bind_template_child (widget_class, BylineSearchBar, search_entry);
  gtk_widget_class_bind_template_child (widget_class, BylineSearchBar, search_count);
  gtk_widget_class_bind_template_child (widget_class, BylineSearchBar, case_toggle);
  gtk_widget_class_bind_template_child (widget_class, BylineSearchBar, replace_toggle);
  gtk_widget_class_bind_template_child (widget_class, BylineSearchBar, replace_entry);
  gtk_widget_class_bind_template_callback (widget_class, byline_search_bar_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, byline_search_bar_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, byline_search_bar_search_stop_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "bylinesearchbar");
}

static void
byline_search_bar_init (BylineSearchBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = gtk_source_search_settings_new ();
  gtk_source_search_settings_set_wrap_around (self->settings, TRUE);
  g_object_bind_property (self->case_toggle, "active",
                          self->settings, "case-sensitive",
                          G_BINDING_SYNC_CREATE);

  self->view_signals = g_signal_group_new (GTK_SOURCE_TYPE_VIEW);
  g_signal_group_connect_object (self->view_signals, "notify::buffer",
                                 G_CALLBACK (byline_search_bar_view_notify_buffer_cb),
                                 self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->replace_toggle, "notify::active",
                           G_CALLBACK (byline_search_bar_replace_toggle_notify_active_cb),
                           self, G_CONNECT_SWAPPED);
}

/**
 * byline_search_bar_get_view:
 *
 * Returns: (transfer none) (nullable): the view searched
 */
GtkSourceView *
byline_search_bar_get_view (BylineSearchBar *self)
{
  g_return_val_if_fail (BYLINE_IS_SEARCH_BAR (self), NULL);

  return self->view;
}

/**
 * byline_search_bar_set_view:
 * @view: (nullable): the editor to search
 */
void
byline_search_bar_set_view (BylineSearchBar *self,
                            GtkSourceView   *view)
{
  g_return_if_fail (BYLINE_IS_SEARCH_BAR (self));
  g_return_if_fail (view == NULL || GTK_SOURCE_IS_VIEW (view));

  if (!g_set_object (&self->view, view))
    return;

  g_signal_group_set_target (self->view_signals, view);
  byline_search_bar_view_notify_buffer_cb (self, NULL, view);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
}

gboolean
byline_search_bar_get_search_mode (BylineSearchBar *self)
{
  g_return_val_if_fail (BYLINE_IS_SEARCH_BAR (self), FALSE);

  return gtk_revealer_get_reveal_child (self->revealer);
}

gboolean
byline_search_bar_get_replace_mode (BylineSearchBar *self)
{
  g_return_val_if_fail (BYLINE_IS_SEARCH_BAR (self), FALSE);

  return byline_search_bar_get_search_mode (self) &&
         gtk_toggle_button_get_active (self->replace_toggle);
}

/**
 * byline_search_bar_show:
 * @replace: whether to show the replace row too
 *
 * Shows the bar and gives its entry the keyboard. A selection within one
 * line is what the user wants to find.
 */
void
byline_search_bar_show (BylineSearchBar *self,
                        gboolean         replace)
{
  GtkTextBuffer *buffer;
  GtkTextIter begin, end;

  g_return_if_fail (BYLINE_IS_SEARCH_BAR (self));

  buffer = byline_search_bar_get_buffer (self);
  if (buffer != NULL &&
      gtk_text_buffer_get_selection_bounds (buffer, &begin, &end) &&
      gtk_text_iter_get_line (&begin) == gtk_text_iter_get_line (&end))
    {
      g_autofree char *text = gtk_text_buffer_get_text (buffer, &begin, &end, FALSE);

      /* Setting the same text would clear the search for a moment. */
      if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (self->search_entry))) != 0)
        gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
    }

  gtk_toggle_button_set_active (self->replace_toggle, replace);
  gtk_revealer_set_reveal_child (self->revealer, TRUE);
  if (self->context != NULL)
    gtk_source_search_context_set_highlight (self->context, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_MODE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPLACE_MODE]);
}

/**
 * byline_search_bar_hide:
 *
 * Hides the bar, drops the highlights and hands the keyboard back to the
 * editor.
 */
void
byline_search_bar_hide (BylineSearchBar *self)
{
  g_return_if_fail (BYLINE_IS_SEARCH_BAR (self));

  gtk_revealer_set_reveal_child (self->revealer, FALSE);
  if (self->context != NULL)
    gtk_source_search_context_set_highlight (self->context, FALSE);
  if (self->view != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->view));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_MODE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPLACE_MODE]);
}

/**
 * byline_search_bar_has_query:
 *
 * Returns: whether there is something to search for
 */
gboolean
byline_search_bar_has_query (BylineSearchBar *self)
{
  g_return_val_if_fail (BYLINE_IS_SEARCH_BAR (self), FALSE);

  return gtk_source_search_settings_get_search_text (self->settings) != NULL;
}

/**
 * byline_search_bar_replace:
 *
 * Replaces the selected match, if the selection is one, and selects the
 * next.
 */
gboolean
byline_search_bar_replace (BylineSearchBar  *self,
                           GError          **error)
{
  const char *replacement;
  GtkTextIter begin, end;

  g_return_val_if_fail (BYLINE_IS_SEARCH_BAR (self), FALSE);

  if (self->context == NULL)
    return TRUE;

  replacement = gtk_editable_get_text (GTK_EDITABLE (self->replace_entry));
  gtk_text_buffer_get_selection_bounds (byline_search_bar_get_buffer (self), &begin, &end);
  if (gtk_source_search_context_get_occurrence_position (self->context, &begin, &end) > 0 &&
      !gtk_source_search_context_replace (self->context, &begin, &end, replacement, -1, error))
    return FALSE;

  byline_search_bar_find (self, FALSE);

  return TRUE;
}

/**
 * byline_search_bar_replace_all:
 *
 * Replaces every match, as one undoable step.
 */
gboolean
byline_search_bar_replace_all (BylineSearchBar  *self,
                               GError          **error)
{
  GError *local_error = NULL;

  g_return_val_if_fail (BYLINE_IS_SEARCH_BAR (self), FALSE);

  if (self->context == NULL)
    return TRUE;

  /* Returns how many it replaced: 0 is no failure, only an error is. */
  gtk_source_search_context_replace_all (self->context,
                                         gtk_editable_get_text (GTK_EDITABLE (self->replace_entry)),
                                         -1, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  return TRUE;
}
