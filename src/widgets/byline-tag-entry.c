/* byline-tag-entry.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Byline"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "byline-tag-entry.h"
#include "byline-wrap-layout.h"

/* Enough suggestions to choose from without pushing the form around. */
#define MAX_SUGGESTIONS 6

struct _BylineTagEntry
{
  GtkWidget   parent_instance;

  GtkWidget  *box;
  GtkWidget  *chips;
  GtkWidget  *entry;
  GtkWidget  *suggestion_box;

  GPtrArray  *tags;          /* char *, NULL-terminated */
  char      **suggestions;
};

G_DEFINE_FINAL_TYPE (BylineTagEntry, byline_tag_entry, GTK_TYPE_WIDGET)

enum {
  TAGS_EDITED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void rebuild_chips (BylineTagEntry *self);

static guint
n_tags (BylineTagEntry *self)
{
  /* The array keeps a NULL terminator so it doubles as a strv. */
  return self->tags->len - 1;
}

static gboolean
has_tag (BylineTagEntry *self,
         const char     *tag)
{
  for (guint i = 0; i < n_tags (self); i++)
    if (strcmp (g_ptr_array_index (self->tags, i), tag) == 0)
      return TRUE;

  return FALSE;
}

static void
byline_tag_entry_chip_clicked_cb (GtkButton      *button,
                                  BylineTagEntry *self)
{
  const char *tag = g_object_get_data (G_OBJECT (button), "byline-tag");
  g_autofree char *copy = g_strdup (tag);

  /* The chip is about to be destroyed: keep keyboard users in the entry. */
  gtk_widget_grab_focus (self->entry);
  byline_tag_entry_remove_tag (self, copy);
}

/* The chip showing the tag at @index, or NULL. */
static GtkWidget *
chip_at (BylineTagEntry *self,
         guint           index)
{
  GtkWidget *chip = gtk_widget_get_first_child (self->chips);

  for (guint i = 0; chip != NULL && i < index; i++)
    chip = gtk_widget_get_next_sibling (chip);

  return chip;
}

static gboolean
byline_tag_entry_chip_key_pressed_cb (GtkEventControllerKey *controller,
                                      guint                  keyval,
                                      guint                  keycode,
                                      GdkModifierType        state,
                                      BylineTagEntry        *self)
{
  GtkWidget *chip = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  g_autofree char *tag = NULL;
  GtkWidget *next;
  guint index = 0;

  if (keyval != GDK_KEY_Delete && keyval != GDK_KEY_KP_Delete && keyval != GDK_KEY_BackSpace)
    return GDK_EVENT_PROPAGATE;

  /* Delete removes the focused chip, as Enter and Space do, and the focus
   * moves on to the chip that takes its place (the one before it after
   * the last), then to the entry: keyboard users keep their place. */
  tag = g_strdup (g_object_get_data (G_OBJECT (chip), "byline-tag"));
  while (index < n_tags (self) && strcmp (g_ptr_array_index (self->tags, index), tag) != 0)
    index++;

  byline_tag_entry_remove_tag (self, tag);

  next = chip_at (self, index);
  if (next == NULL && index > 0)
    next = chip_at (self, index - 1);
  gtk_widget_grab_focus (next != NULL ? next : self->entry);

  return GDK_EVENT_STOP;
}

static GtkWidget *
create_chip (BylineTagEntry *self,
             const char     *tag)
{
  GtkEventController *keys;
  g_autofree char *tooltip = NULL;
  GtkWidget *button;
  GtkWidget *box;
  GtkWidget *label;
  GtkWidget *icon;

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  label = gtk_label_new (tag);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
  icon = gtk_image_new_from_icon_name ("window-close-symbolic");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), icon);

  button = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "byline-tag-chip");
  gtk_widget_add_css_class (button, "pill");
  gtk_widget_add_css_class (button, "small");
  /* Translators: the tooltip of a tag chip; %s is the tag */
  tooltip = g_strdup_printf (_("Remove tag “%s”"), tag);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);
  g_object_set_data_full (G_OBJECT (button), "byline-tag", g_strdup (tag), g_free);
  g_signal_connect_object (button, "clicked", G_CALLBACK (byline_tag_entry_chip_clicked_cb), self, 0);

  keys = gtk_event_controller_key_new ();
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (byline_tag_entry_chip_key_pressed_cb), self, 0);
  gtk_widget_add_controller (button, keys);

  return button;
}

static void
rebuild_chips (BylineTagEntry *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->chips)) != NULL)
    gtk_box_remove (GTK_BOX (self->chips), child);

  for (guint i = 0; i < n_tags (self); i++)
    gtk_box_append (GTK_BOX (self->chips), create_chip (self, g_ptr_array_index (self->tags, i)));

  gtk_widget_set_visible (self->chips, n_tags (self) > 0);
}

static void
byline_tag_entry_suggestion_clicked_cb (GtkButton      *button,
                                        BylineTagEntry *self)
{
  g_autofree char *tag = g_strdup (g_object_get_data (G_OBJECT (button), "byline-tag"));

  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  gtk_widget_grab_focus (self->entry);
  byline_tag_entry_add_tag (self, tag);
}

static void
update_suggestions (BylineTagEntry *self)
{
  g_autofree char *typed = NULL;
  const char *text;
  GtkWidget *child;
  guint shown = 0;

  while ((child = gtk_widget_get_first_child (self->suggestion_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->suggestion_box), child);

  text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  typed = g_utf8_casefold (text, -1);
  g_strstrip (typed);

  if (typed[0] != '\0' && self->suggestions != NULL)
    {
      /* Suggestions come most used first; keep that order. */
      for (guint i = 0; self->suggestions[i] != NULL && shown < MAX_SUGGESTIONS; i++)
        {
          const char *tag = self->suggestions[i];
          g_autofree char *folded = g_utf8_casefold (tag, -1);
          g_autofree char *tooltip = NULL;
          GtkWidget *button;

          if (!g_str_has_prefix (folded, typed) || has_tag (self, tag))
            continue;

          button = gtk_button_new_with_label (tag);
          gtk_widget_add_css_class (button, "flat");
          gtk_widget_add_css_class (button, "small");
          /* Translators: tooltip of a suggested tag; %s is the tag */
          tooltip = g_strdup_printf (_("Add tag “%s”"), tag);
          gtk_widget_set_tooltip_text (button, tooltip);
          g_object_set_data_full (G_OBJECT (button), "byline-tag", g_strdup (tag), g_free);
          g_signal_connect_object (button, "clicked", G_CALLBACK (byline_tag_entry_suggestion_clicked_cb), self, 0);
          gtk_box_append (GTK_BOX (self->suggestion_box), button);
          shown++;
        }
    }

  gtk_widget_set_visible (self->suggestion_box, shown > 0);
}

static void
commit_text (BylineTagEntry *self,
             const char     *text)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (parts[i][0] != '\0')
        byline_tag_entry_add_tag (self, parts[i]);
    }
}

static void
byline_tag_entry_entry_activate_cb (GtkEntry       *entry,
                                    BylineTagEntry *self)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry)));

  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  commit_text (self, text);
}

static void
byline_tag_entry_entry_changed_cb (GtkEditable    *editable,
                                   BylineTagEntry *self)
{
  const char *text = gtk_editable_get_text (editable);
  const char *comma = strrchr (text, ',');

  if (comma != NULL)
    {
      /* A comma ends a tag, as in most tag fields; what follows it stays. */
      g_autofree char *done = g_strndup (text, comma - text);
      g_autofree char *rest = g_strdup (comma + 1);

      gtk_editable_set_text (editable, rest);
      gtk_editable_set_position (editable, -1);
      commit_text (self, done);
      return;
    }

  update_suggestions (self);
}

static gboolean
byline_tag_entry_key_controller_key_pressed_cb (GtkEventControllerKey *controller,
                                                guint                  keyval,
                                                guint                  keycode,
                                                GdkModifierType        state,
                                                BylineTagEntry        *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));

  /* Down reaches the suggestions without a trip through Tab. */
  if ((keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down) &&
      gtk_widget_get_visible (self->suggestion_box) &&
      gtk_widget_get_first_child (self->suggestion_box) != NULL)
    {
      gtk_widget_grab_focus (gtk_widget_get_first_child (self->suggestion_box));
      return GDK_EVENT_STOP;
    }

  if (keyval == GDK_KEY_BackSpace && text[0] == '\0' && n_tags (self) > 0)
    {
      g_autofree char *last = g_strdup (g_ptr_array_index (self->tags, n_tags (self) - 1));

      byline_tag_entry_remove_tag (self, last);
      return GDK_EVENT_STOP;
    }

  return GDK_EVENT_PROPAGATE;
}

static gboolean
byline_tag_entry_grab_focus (GtkWidget *widget)
{
  BylineTagEntry *self = BYLINE_TAG_ENTRY (widget);
  GtkWidget *first_chip = gtk_widget_get_first_child (self->chips);

  /* The first control in reading order: a list row that Tab enters gives
   * the focus this way, and the chips come before the entry. (The field's
   * mnemonic goes to the entry itself.) */
  if (first_chip != NULL && gtk_widget_grab_focus (first_chip))
    return TRUE;

  return gtk_widget_grab_focus (self->entry);
}

static void
byline_tag_entry_dispose (GObject *object)
{
  BylineTagEntry *self = BYLINE_TAG_ENTRY (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (byline_tag_entry_parent_class)->dispose (object);
}

static void
byline_tag_entry_finalize (GObject *object)
{
  BylineTagEntry *self = BYLINE_TAG_ENTRY (object);

  g_ptr_array_unref (self->tags);
  g_strfreev (self->suggestions);

  G_OBJECT_CLASS (byline_tag_entry_parent_class)->finalize (object);
}

static void
byline_tag_entry_class_init (BylineTagEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = byline_tag_entry_dispose;
  object_class->finalize = byline_tag_entry_finalize;
  widget_class->grab_focus = byline_tag_entry_grab_focus;

  /**
   * BylineTagEntry::tags-edited:
   *
   * The user added or removed a tag (not emitted by
   * byline_tag_entry_set_tags()).
   */
  signals[TAGS_EDITED] =
    g_signal_new ("tags-edited",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "bylinetagentry");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
byline_tag_entry_init (BylineTagEntry *self)
{
  GtkEventController *keys;

  self->tags = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->tags, NULL);

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  /* A box that wraps: the chips are its children, one Tab stop each, in
   * order (see byline-wrap-layout.c). */
  self->chips = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_set_layout_manager (self->chips, byline_wrap_layout_new (4));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->chips),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Tags"),
                                  -1);
  gtk_widget_add_css_class (self->chips, "byline-tag-chips");
  gtk_widget_set_visible (self->chips, FALSE);
  gtk_box_append (GTK_BOX (self->box), self->chips);

  self->entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->entry), _("Add a tag…"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("New tag"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Press Enter or type a comma to add the tag, Down to "
                                    "choose a suggestion; Backspace in an empty field "
                                    "removes the last tag"),
                                  -1);
  gtk_box_append (GTK_BOX (self->box), self->entry);
  g_signal_connect_object (self->entry, "activate", G_CALLBACK (byline_tag_entry_entry_activate_cb), self, 0);
  g_signal_connect_object (self->entry, "changed", G_CALLBACK (byline_tag_entry_entry_changed_cb), self, 0);

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (byline_tag_entry_key_controller_key_pressed_cb), self, 0);
  gtk_widget_add_controller (self->entry, keys);

  self->suggestion_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
  gtk_widget_add_css_class (self->suggestion_box, "byline-tag-suggestions");
  gtk_widget_set_visible (self->suggestion_box, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->suggestion_box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Suggested tags"),
                                  -1);
  gtk_box_append (GTK_BOX (self->box), self->suggestion_box);
}

GtkWidget *
byline_tag_entry_new (void)
{
  return g_object_new (BYLINE_TYPE_TAG_ENTRY, NULL);
}

/**
 * byline_tag_entry_get_tags:
 *
 * Returns: (transfer none): the tags shown, in order, %NULL-terminated
 */
const char * const *
byline_tag_entry_get_tags (BylineTagEntry *self)
{
  g_return_val_if_fail (BYLINE_IS_TAG_ENTRY (self), NULL);

  return (const char * const *) self->tags->pdata;
}

/**
 * byline_tag_entry_set_tags:
 * @tags: (nullable): the tags to show
 *
 * Shows @tags. Does nothing when they are the ones shown already, so a
 * refresh never rebuilds the chips under the pointer.
 */
void
byline_tag_entry_set_tags (BylineTagEntry     *self,
                           const char * const *tags)
{
  g_return_if_fail (BYLINE_IS_TAG_ENTRY (self));

  if (tags == NULL)
    tags = (const char * const *) (const char *[]) { NULL };

  if (g_strv_equal (tags, byline_tag_entry_get_tags (self)))
    return;

  g_ptr_array_set_size (self->tags, 0);
  for (guint i = 0; tags[i] != NULL; i++)
    g_ptr_array_add (self->tags, g_strdup (tags[i]));
  g_ptr_array_add (self->tags, NULL);

  rebuild_chips (self);
  update_suggestions (self);
}

/**
 * byline_tag_entry_add_tag:
 * @tag: a tag
 *
 * Adds @tag at the end, as if the user typed it, and emits
 * #BylineTagEntry::tags-edited.
 *
 * Returns: %FALSE when @tag is empty or shown already
 */
gboolean
byline_tag_entry_add_tag (BylineTagEntry *self,
                          const char     *tag)
{
  g_return_val_if_fail (BYLINE_IS_TAG_ENTRY (self), FALSE);
  g_return_val_if_fail (tag != NULL, FALSE);

  if (tag[0] == '\0' || has_tag (self, tag))
    return FALSE;

  g_ptr_array_insert (self->tags, n_tags (self), g_strdup (tag));
  rebuild_chips (self);
  update_suggestions (self);
  g_signal_emit (self, signals[TAGS_EDITED], 0);

  return TRUE;
}

/**
 * byline_tag_entry_remove_tag:
 * @tag: a tag
 *
 * Removes @tag, as if the user clicked its chip, and emits
 * #BylineTagEntry::tags-edited.
 *
 * Returns: %FALSE when @tag is not shown
 */
gboolean
byline_tag_entry_remove_tag (BylineTagEntry *self,
                             const char     *tag)
{
  g_return_val_if_fail (BYLINE_IS_TAG_ENTRY (self), FALSE);
  g_return_val_if_fail (tag != NULL, FALSE);

  for (guint i = 0; i < n_tags (self); i++)
    {
      if (strcmp (g_ptr_array_index (self->tags, i), tag) == 0)
        {
          g_ptr_array_remove_index (self->tags, i);
          rebuild_chips (self);
          update_suggestions (self);
          g_signal_emit (self, signals[TAGS_EDITED], 0);
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * byline_tag_entry_set_suggestions:
 * @suggestions: (nullable): tags to offer while typing, most used first
 */
void
byline_tag_entry_set_suggestions (BylineTagEntry     *self,
                                  const char * const *suggestions)
{
  g_return_if_fail (BYLINE_IS_TAG_ENTRY (self));

  g_strfreev (self->suggestions);
  self->suggestions = g_strdupv ((char **) suggestions);
  update_suggestions (self);
}

/**
 * byline_tag_entry_get_entry:
 *
 * Returns: (transfer none): the text entry new tags are typed in
 */
GtkWidget *
byline_tag_entry_get_entry (BylineTagEntry *self)
{
  g_return_val_if_fail (BYLINE_IS_TAG_ENTRY (self), NULL);

  return self->entry;
}

/**
 * byline_tag_entry_get_suggestion_box:
 *
 * Returns: (transfer none): the box holding one button per suggestion
 */
GtkWidget *
byline_tag_entry_get_suggestion_box (BylineTagEntry *self)
{
  g_return_val_if_fail (BYLINE_IS_TAG_ENTRY (self), NULL);

  return self->suggestion_box;
}
