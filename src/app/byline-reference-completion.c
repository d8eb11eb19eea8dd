/* byline-reference-completion.c: a reference field's choice of entries
 *
 * A reference('authors') field names an entry of another collection by
 * its id. This widget sits at the end of the field's entry row: a button
 * that lists the referenced collection's ids (read on a worker, as Astro's
 * glob loader makes them: byline_site_dup_entry_ids()), and, while the
 * user types, the same list narrowed to the ids that contain the text.
 * Choosing one sets the entry's text, which the form writes as if typed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Byline"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "byline-reference-completion.h"

/* How many ids the list shows at most while typing. */
#define MAX_MATCHES 12

struct _BylineReferenceCompletion
{
  GtkWidget     parent_instance;

  /* children */
  GtkWidget    *button;    /* a GtkMenuButton */
  GtkPopover   *popover;
  GtkListBox   *list;

  /* borrowed */
  GtkEditable  *editable;
  GtkEventController *focus;  /* on the editable, owned by it */

  /* owned */
  GCancellable *cancellable;
  char        **ids;
  char         *collection;

  guint         choosing : 1;
};

G_DEFINE_FINAL_TYPE (BylineReferenceCompletion, byline_reference_completion, GTK_TYPE_WIDGET)

static gboolean
matches (const char *id,
         const char *text)
{
  g_autofree char *folded_id = NULL;
  g_autofree char *folded_text = NULL;

  if (text == NULL || *text == '\0')
    return TRUE;
  folded_id = g_utf8_casefold (id, -1);
  folded_text = g_utf8_casefold (text, -1);

  return strstr (folded_id, folded_text) != NULL;
}

/**
 * byline_reference_completion_dup_matches:
 *
 * Returns: (transfer full): the ids the list shows for the entry's text
 */
GStrv
byline_reference_completion_dup_matches (BylineReferenceCompletion *self)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  const char *text = gtk_editable_get_text (self->editable);
  GStrv result;
  guint n = 0;

  for (guint i = 0; self->ids != NULL && self->ids[i] != NULL && n < MAX_MATCHES; i++)
    {
      if (!matches (self->ids[i], text))
        continue;
      g_strv_builder_add (builder, self->ids[i]);
      n++;
    }
  result = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);

  return result;
}

static void
byline_reference_completion_fill (BylineReferenceCompletion *self)
{
  g_auto(GStrv) found = byline_reference_completion_dup_matches (self);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);

  for (guint i = 0; found[i] != NULL; i++)
    {
      GtkWidget *label = gtk_label_new (found[i]);

      gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
      gtk_widget_set_margin_start (label, 6);
      gtk_widget_set_margin_end (label, 6);
      gtk_widget_set_margin_top (label, 4);
      gtk_widget_set_margin_bottom (label, 4);
      gtk_list_box_append (self->list, label);
    }
}

static void
byline_reference_completion_list_row_activated_cb (BylineReferenceCompletion *self,
                                                   GtkListBoxRow             *row,
                                                   GtkListBox                *list)
{
  GtkWidget *label = gtk_list_box_row_get_child (row);

  byline_reference_completion_choose (self, gtk_label_get_text (GTK_LABEL (label)));
}

/* Typing narrows the list and shows it; the focus stays in the entry. */
static void
byline_reference_completion_editable_changed_cb (BylineReferenceCompletion *self,
                                                 GtkEditable               *editable)
{
  const char *text = gtk_editable_get_text (editable);
  g_auto(GStrv) found = NULL;

  if (self->choosing || self->ids == NULL)
    return;

  byline_reference_completion_fill (self);
  found = byline_reference_completion_dup_matches (self);
  if (*text == '\0' || found[0] == NULL ||
      (found[1] == NULL && strcmp (found[0], text) == 0) ||
      !gtk_event_controller_focus_contains_focus (GTK_EVENT_CONTROLLER_FOCUS (self->focus)))
    {
      if (gtk_widget_get_visible (GTK_WIDGET (self->popover)))
        gtk_popover_popdown (self->popover);
      return;
    }

  gtk_popover_set_autohide (self->popover, FALSE);
  gtk_popover_popup (self->popover);
}

static void
byline_reference_completion_popover_show_cb (BylineReferenceCompletion *self,
                                             GtkPopover                *popover)
{
  byline_reference_completion_fill (self);
}

static void
byline_reference_completion_popover_closed_cb (BylineReferenceCompletion *self,
                                               GtkPopover                *popover)
{
  /* Opened by the button next time: closes on a click elsewhere. */
  gtk_popover_set_autohide (popover, TRUE);
}

static void
byline_reference_completion_focus_leave_cb (BylineReferenceCompletion *self,
                                            GtkEventControllerFocus   *focus)
{
  if (!gtk_popover_get_autohide (self->popover))
    gtk_popover_popdown (self->popover);
}

static void
byline_reference_completion_ids_cb (GObject      *object,
                                    GAsyncResult *result,
                                    gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  char **ids = byline_site_dup_entry_ids_finish (result, &error);
  BylineReferenceCompletion *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = BYLINE_REFERENCE_COMPLETION (user_data);
  g_clear_object (&self->cancellable);
  if (error != NULL)
    g_debug ("No entries for %s: %s", self->collection, error->message);
  g_strfreev (self->ids);
  self->ids = ids;
  gtk_widget_set_sensitive (self->button, ids != NULL && ids[0] != NULL);
  byline_reference_completion_fill (self);
}

static void
byline_reference_completion_dispose (GObject *object)
{
  BylineReferenceCompletion *self = BYLINE_REFERENCE_COMPLETION (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->button, gtk_widget_unparent);

  G_OBJECT_CLASS (byline_reference_completion_parent_class)->dispose (object);
}

static void
byline_reference_completion_finalize (GObject *object)
{
  BylineReferenceCompletion *self = BYLINE_REFERENCE_COMPLETION (object);

  g_strfreev (self->ids);
  g_free (self->collection);

  G_OBJECT_CLASS (byline_reference_completion_parent_class)->finalize (object);
}

static void
byline_reference_completion_class_init (BylineReferenceCompletionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = byline_reference_completion_dispose;
  object_class->finalize = byline_reference_completion_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "bylinereferencecompletion");
}

static void
byline_reference_completion_init (BylineReferenceCompletion *self)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_list_box_set_activate_on_single_click (self->list, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "navigation-sidebar");
  g_signal_connect_object (self->list, "row-activated",
                           G_CALLBACK (byline_reference_completion_list_row_activated_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 300);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->list));

  self->popover = GTK_POPOVER (gtk_popover_new ());
  gtk_popover_set_child (self->popover, scrolled);
  g_signal_connect_object (self->popover, "show",
                           G_CALLBACK (byline_reference_completion_popover_show_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->popover, "closed",
                           G_CALLBACK (byline_reference_completion_popover_closed_cb),
                           self, G_CONNECT_SWAPPED);

  self->button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (self->button), "view-list-symbolic");
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->button), GTK_WIDGET (self->popover));
  gtk_widget_set_valign (self->button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->button, "flat");
  gtk_widget_set_tooltip_text (self->button, _("Choose an Entry"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Choose an Entry"),
                                  -1);
  gtk_widget_set_sensitive (self->button, FALSE);
  gtk_widget_set_parent (self->button, GTK_WIDGET (self));
}

/**
 * byline_reference_completion_new:
 * @editable: the entry of the reference field
 *
 * Returns: (transfer floating): a new completion for @editable, to put at
 *   the end of its row
 */
GtkWidget *
byline_reference_completion_new (GtkEditable *editable)
{
  BylineReferenceCompletion *self;
  GtkEventController *focus;

  g_return_val_if_fail (GTK_IS_EDITABLE (editable), NULL);

  self = g_object_new (BYLINE_TYPE_REFERENCE_COMPLETION, NULL);
  self->editable = editable;
  g_signal_connect_object (editable, "changed",
                           G_CALLBACK (byline_reference_completion_editable_changed_cb),
                           self, G_CONNECT_SWAPPED);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "leave",
                           G_CALLBACK (byline_reference_completion_focus_leave_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (editable), focus);
  self->focus = focus;

  return GTK_WIDGET (self);
}

/**
 * byline_reference_completion_set_site:
 * @self: a completion
 * @site: (nullable): the post's site
 * @collection: (nullable): the referenced collection
 *
 * Reads the collection's entry ids on a worker.
 */
void
byline_reference_completion_set_site (BylineReferenceCompletion *self,
                                      BylineSite                *site,
                                      const char                *collection)
{
  g_return_if_fail (BYLINE_IS_REFERENCE_COMPLETION (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->ids, g_strfreev);
  g_free (self->collection);
  self->collection = g_strdup (collection);
  gtk_widget_set_sensitive (self->button, FALSE);

  if (site == NULL || collection == NULL)
    return;

  self->cancellable = g_cancellable_new ();
  byline_site_dup_entry_ids_async (site, collection, self->cancellable,
                                   byline_reference_completion_ids_cb, self);
}

/**
 * byline_reference_completion_get_ids:
 *
 * Returns: (nullable) (transfer none): the collection's ids, once read
 */
const char * const *
byline_reference_completion_get_ids (BylineReferenceCompletion *self)
{
  g_return_val_if_fail (BYLINE_IS_REFERENCE_COMPLETION (self), NULL);

  return (const char * const *) self->ids;
}

/**
 * byline_reference_completion_get_open:
 *
 * Returns: whether the list is shown
 */
gboolean
byline_reference_completion_get_open (BylineReferenceCompletion *self)
{
  g_return_val_if_fail (BYLINE_IS_REFERENCE_COMPLETION (self), FALSE);

  return gtk_widget_get_visible (GTK_WIDGET (self->popover));
}

/**
 * byline_reference_completion_choose:
 * @self: a completion
 * @id: an entry's id
 *
 * Puts @id in the entry, as clicking it in the list does, and closes the
 * list.
 */
void
byline_reference_completion_choose (BylineReferenceCompletion *self,
                                    const char                *id)
{
  g_return_if_fail (BYLINE_IS_REFERENCE_COMPLETION (self));
  g_return_if_fail (id != NULL);

  self->choosing = TRUE;
  gtk_editable_set_text (self->editable, id);
  gtk_editable_set_position (self->editable, -1);
  self->choosing = FALSE;
  gtk_popover_popdown (self->popover);
}
