/* byline-datetime-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Byline"

#include "config.h"

#include <glib/gi18n.h>

#include "byline-datetime-row.h"

struct _BylineDatetimeRow
{
  AdwActionRow  parent_instance;

  GtkWidget    *menu_button;
  GtkWidget    *popover;
  GtkWidget    *calendar;
  GtkWidget    *hour;
  GtkWidget    *minute;
  GtkWidget    *now_button;
  GtkWidget    *clear_button;

  GDateTime    *value;          /* local time, or NULL when unset */

  guint         clearable : 1;
};

G_DEFINE_FINAL_TYPE (BylineDatetimeRow, byline_datetime_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_DATE_TIME,
  PROP_CLEARABLE,
  N_PROPS
};

enum {
  DATE_TIME_EDITED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
update_display (BylineDatetimeRow *self)
{
  /* The value is the row's subtitle, so narrow panes keep room for it. */
  if (self->value != NULL)
    {
      /* Local time, to the minute: what a person reads off a clock, in the
       * order and with the separators of the user's language. */
      g_autofree char *label = g_date_time_format (self->value,
                                                   /* Translators: a date and time in the form,
                                                    * e.g. 2026-12-05 14:30; a g_date_time_format()
                                                    * format: %d day, %m month, %Y year, %H:%M time.
                                                    * xgettext:no-c-format */
                                                   _("%Y-%m-%d %H:%M"));

      adw_action_row_set_subtitle (ADW_ACTION_ROW (self), label);
    }
  else
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self), _("Not set"));
    }

  gtk_widget_set_visible (self->clear_button, self->clearable && self->value != NULL);
}

static gboolean
same_instant (GDateTime *a,
              GDateTime *b)
{
  if (a == NULL || b == NULL)
    return a == b;

  return g_date_time_equal (a, b);
}

static gboolean
store_value (BylineDatetimeRow *self,
             GDateTime         *value)
{
  if (same_instant (self->value, value))
    return FALSE;

  g_clear_pointer (&self->value, g_date_time_unref);
  if (value != NULL)
    self->value = g_date_time_to_local (value);

  update_display (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE_TIME]);

  return TRUE;
}

static void
byline_datetime_row_popover_show_cb (GtkPopover        *popover,
                                     BylineDatetimeRow *self)
{
  g_autoptr(GDateTime) shown = NULL;

  shown = self->value != NULL ? g_date_time_ref (self->value) : g_date_time_new_now_local ();

  gtk_calendar_select_day (GTK_CALENDAR (self->calendar), shown);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->hour), g_date_time_get_hour (shown));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->minute), g_date_time_get_minute (shown));
}

static void
byline_datetime_row_set_button_clicked_cb (GtkButton         *button,
                                           BylineDatetimeRow *self)
{
  g_autoptr(GDateTime) day = gtk_calendar_get_date (GTK_CALENDAR (self->calendar));
  g_autoptr(GDateTime) value = NULL;
  int seconds = 0;

  /* Keep the seconds when only the day or the minute changes. */
  if (self->value != NULL)
    seconds = g_date_time_get_second (self->value);

  value = g_date_time_new_local (g_date_time_get_year (day),
                                 g_date_time_get_month (day),
                                 g_date_time_get_day_of_month (day),
                                 gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->hour)),
                                 gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->minute)),
                                 seconds);
  gtk_popover_popdown (GTK_POPOVER (self->popover));
  if (value != NULL)
    byline_datetime_row_pick (self, value);
}

static void
byline_datetime_row_now_button_clicked_cb (GtkButton         *button,
                                           BylineDatetimeRow *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) whole = NULL;

  /* Whole seconds: a fraction would only add noise to the file. */
  whole = g_date_time_add (now, -(g_date_time_get_microsecond (now)));
  byline_datetime_row_pick (self, whole);
}

static void
byline_datetime_row_clear_button_clicked_cb (GtkButton         *button,
                                             BylineDatetimeRow *self)
{
  gtk_widget_grab_focus (self->menu_button);
  byline_datetime_row_pick (self, NULL);
}

static gboolean
byline_datetime_row_spin_button_output_cb (GtkSpinButton *spin,
                                           gpointer       user_data)
{
  g_autofree char *text = g_strdup_printf ("%02d", gtk_spin_button_get_value_as_int (spin));

  gtk_editable_set_text (GTK_EDITABLE (spin), text);

  return TRUE;
}

static void
byline_datetime_row_finalize (GObject *object)
{
  BylineDatetimeRow *self = BYLINE_DATETIME_ROW (object);

  g_clear_pointer (&self->value, g_date_time_unref);

  G_OBJECT_CLASS (byline_datetime_row_parent_class)->finalize (object);
}

static void
byline_datetime_row_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  BylineDatetimeRow *self = BYLINE_DATETIME_ROW (object);

  switch (prop_id)
    {
    case PROP_DATE_TIME:
      g_value_set_boxed (value, self->value);
      break;

    case PROP_CLEARABLE:
      g_value_set_boolean (value, self->clearable);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_datetime_row_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  BylineDatetimeRow *self = BYLINE_DATETIME_ROW (object);

  switch (prop_id)
    {
    case PROP_DATE_TIME:
      byline_datetime_row_set_date_time (self, g_value_get_boxed (value));
      break;

    case PROP_CLEARABLE:
      byline_datetime_row_set_clearable (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_datetime_row_class_init (BylineDatetimeRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = byline_datetime_row_finalize;
  object_class->get_property = byline_datetime_row_get_property;
  object_class->set_property = byline_datetime_row_set_property;

  properties[PROP_DATE_TIME] =
    g_param_spec_boxed ("date-time", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLEARABLE] =
    g_param_spec_boolean ("clearable", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BylineDatetimeRow::date-time-edited:
   * @value: (nullable): the instant the user chose, in local time, or
   *   %NULL when they cleared it
   *
   * The user picked a date and time, pressed "Now" or cleared the value
   * (not emitted by byline_datetime_row_set_date_time()).
   */
  signals[DATE_TIME_EDITED] =
    g_signal_new ("date-time-edited",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_DATE_TIME);
}

static GtkWidget *
create_spin (int         max,
             const char *accessible_label)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (0, max, 1);

  gtk_spin_button_set_wrap (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (spin), GTK_ORIENTATION_VERTICAL);
  g_signal_connect (spin, "output", G_CALLBACK (byline_datetime_row_spin_button_output_cb), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label,
                                  -1);
  return spin;
}

static void
byline_datetime_row_init (BylineDatetimeRow *self)
{
  GtkWidget *box;
  GtkWidget *time_box;
  GtkWidget *colon;
  GtkWidget *set_button;

  self->calendar = gtk_calendar_new ();

  self->hour = create_spin (23, _("Hour"));
  self->minute = create_spin (59, _("Minute"));
  colon = gtk_label_new (":");
  time_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_halign (time_box, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (time_box), self->hour);
  gtk_box_append (GTK_BOX (time_box), colon);
  gtk_box_append (GTK_BOX (time_box), self->minute);

  set_button = gtk_button_new_with_mnemonic (_("_Set"));
  gtk_widget_add_css_class (set_button, "suggested-action");
  g_signal_connect_object (set_button, "clicked", G_CALLBACK (byline_datetime_row_set_button_clicked_cb), self, 0);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_box_append (GTK_BOX (box), self->calendar);
  gtk_box_append (GTK_BOX (box), time_box);
  gtk_box_append (GTK_BOX (box), set_button);

  self->popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (self->popover), box);
  gtk_popover_set_default_widget (GTK_POPOVER (self->popover), set_button);
  g_signal_connect_object (self->popover, "show", G_CALLBACK (byline_datetime_row_popover_show_cb), self, 0);

  self->menu_button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (self->menu_button), "x-office-calendar-symbolic");
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->menu_button), self->popover);
  gtk_widget_set_valign (self->menu_button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (self->menu_button, _("Pick a date and time"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Pick a date and time"),
                                  -1);
  gtk_widget_add_css_class (self->menu_button, "flat");

  self->now_button = gtk_button_new_with_label (_("Now"));
  gtk_widget_set_valign (self->now_button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (self->now_button, _("Set to the current date and time"));
  gtk_widget_add_css_class (self->now_button, "flat");
  g_signal_connect_object (self->now_button, "clicked", G_CALLBACK (byline_datetime_row_now_button_clicked_cb), self, 0);

  self->clear_button = gtk_button_new_from_icon_name ("edit-clear-symbolic");
  gtk_widget_set_valign (self->clear_button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (self->clear_button, _("Clear"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->clear_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Clear"),
                                  -1);
  gtk_widget_add_css_class (self->clear_button, "flat");
  g_signal_connect_object (self->clear_button, "clicked", G_CALLBACK (byline_datetime_row_clear_button_clicked_cb), self, 0);

  adw_action_row_add_suffix (ADW_ACTION_ROW (self), self->menu_button);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), self->now_button);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), self->clear_button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (self), self->menu_button);
  gtk_widget_add_css_class (GTK_WIDGET (self), "byline-datetime-row");

  update_display (self);
}

GtkWidget *
byline_datetime_row_new (void)
{
  return g_object_new (BYLINE_TYPE_DATETIME_ROW, NULL);
}

/**
 * byline_datetime_row_get_date_time:
 *
 * Returns: (transfer none) (nullable): the instant shown, in local time
 */
GDateTime *
byline_datetime_row_get_date_time (BylineDatetimeRow *self)
{
  g_return_val_if_fail (BYLINE_IS_DATETIME_ROW (self), NULL);

  return self->value;
}

/**
 * byline_datetime_row_set_date_time:
 * @value: (nullable): the instant to show, in any zone; %NULL for none
 *
 * Shows @value in local time. Does not emit
 * #BylineDatetimeRow::date-time-edited.
 */
void
byline_datetime_row_set_date_time (BylineDatetimeRow *self,
                                   GDateTime         *value)
{
  g_return_if_fail (BYLINE_IS_DATETIME_ROW (self));

  store_value (self, value);
}

/**
 * byline_datetime_row_pick:
 * @value: (nullable): the instant, or %NULL to clear
 *
 * Does what the user does with the popover: shows @value and emits
 * #BylineDatetimeRow::date-time-edited when it differs from the shown one.
 */
void
byline_datetime_row_pick (BylineDatetimeRow *self,
                          GDateTime         *value)
{
  g_return_if_fail (BYLINE_IS_DATETIME_ROW (self));

  if (store_value (self, value))
    g_signal_emit (self, signals[DATE_TIME_EDITED], 0, self->value);
}

gboolean
byline_datetime_row_get_clearable (BylineDatetimeRow *self)
{
  g_return_val_if_fail (BYLINE_IS_DATETIME_ROW (self), FALSE);

  return self->clearable;
}

/**
 * byline_datetime_row_set_clearable:
 * @clearable: whether to offer a button that removes the value
 */
void
byline_datetime_row_set_clearable (BylineDatetimeRow *self,
                                   gboolean           clearable)
{
  g_return_if_fail (BYLINE_IS_DATETIME_ROW (self));

  clearable = !!clearable;
  if (self->clearable == clearable)
    return;

  self->clearable = clearable;
  update_display (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLEARABLE]);
}
