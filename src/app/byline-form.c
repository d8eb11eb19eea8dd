/* byline-form.c: the frontmatter of a post as a form
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Byline"

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "byline-datetime-row.h"
#include "byline-document.h"
#include "byline-form.h"
#include "byline-image-picker.h"
#include "byline-reference-completion.h"
#include "byline-form-resources.h"
#include "byline-post-index.h"
#include "byline-seo.h"
#include "byline-slug.h"
#include "byline-tag-entry.h"

/* The form is a view of the document's post, never a copy of it: when a new
 * post's frontmatter differs from the last one shown, only the widgets whose
 * value differs are updated (never the one the user is typing in); every
 * edit in the form is planned by the engine on the post as a minimal text
 * edit and handed to the document, which applies it as one user action and
 * announces the next post like after any other change. The form never
 * parses and never validates: the post has done both. */

typedef struct
{
  BylineForm        *form;          /* borrowed: the form owns the rows */
  const BylineField *field;         /* owned by the form's schema */
  char             **path;          /* the keys from the top down to this field's */
  char              *path_name;     /* the same, joined by dots: `author.name` */
  guint              depth;         /* 1 for a top-level key */
  GtkWidget         *row;
  GtkWidget         *editor;        /* where the value is edited; focus is checked here */
  GtkWidget         *issue_row;
  GtkWidget         *issue_label;
  GtkWidget         *hint_row;      /* the Open Graph image: a note when it is not set */
  GtkWidget         *count_label;   /* text fields: the length */
  GtkWidget         *seo_label;     /* title and description: what search results show */
  BylineSeoField     seo_field;
  GtkWidget         *suggest_button;/* slug: use the slug made from the title */
  GtkWidget         *image_picker;  /* image: a thumbnail and a file chooser */
  GtkEventController *image_drop;   /* image: files dropped on the row */
  GtkWidget         *completion;    /* reference: the referenced collection's ids */
  GtkEventController *focus;        /* on the editor: catches up when it is left */
  char              *suggestion;
  guint              commit_source; /* a typed value waiting to go into the buffer */
  gboolean           og_image;      /* the field social media previews take a picture from */
} FieldRow;

struct _BylineForm
{
  GtkWidget          parent_instance;

  /* template widgets */
  GtkWidget         *scroller;
  GtkWidget         *status_box;
  GtkWidget         *status_icon;
  GtkWidget         *status_label;
  GtkWidget         *goto_button;
  GtkWidget         *other_issues;
  GtkWidget         *fields_group;
  GtkWidget         *unknown_group;

  /* owned */
  BylineDocument    *document;
  BylinePost        *post;          /* the post the widgets show */
  BylineSchema      *schema;        /* the one the rows were built from */
  GPtrArray         *rows;          /* FieldRow */
  GHashTable        *unknown_buttons; /* key -> GtkWidget (go-to button), borrowed */
  char              *unknown_signature;
  GFile             *folder;
  BylineSite        *site;          /* the post's, once found (images resolve in it) */
  GCancellable      *index_cancellable;
  BylineLibraryIndex *library;      /* (nullable): the window's, whose posts it counts */
  gulong             library_loading_handler;
  GCancellable      *ids_cancellable; /* reading lists of references' ids */
  char             **tag_suggestions;
  char              *message;

  gulong             post_handler;
  guint              error_line;
  guint              error_column;

  guint              updating : 1;  /* widgets being set from the text */
  guint              applying : 1;  /* our own edit is going into the document */
  guint              has_error : 1;
  guint              force_update : 1; /* a new document: focus doesn't protect a field */
};

G_DEFINE_FINAL_TYPE (BylineForm, byline_form, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_FOLDER,
  N_PROPS
};

enum {
  GO_TO_LINE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Labels with mnemonics for the fields we know; others show their key. */
static const struct
{
  const char *key;
  const char *label;
} field_labels[] = {
  { "title", N_("_Title") },
  { "author", N_("_Author") },
  { "pubDatetime", N_("_Published") },
  { "modDatetime", N_("_Modified") },
  { "slug", N_("_Slug") },
  { "featured", N_("_Featured") },
  { "draft", N_("_Draft") },
  { "tags", N_("Ta_gs") },
  { "ogImage", N_("_Open Graph Image") },
  { "description", N_("Descr_iption") },
  { "canonicalURL", N_("_Canonical URL") },
  { "hideEditPost", N_("_Hide “Edit Post” Link") },
  { "timezone", N_("Time _Zone") },
};

/* How deep the form nests objects in expanders; deeper ones are shown as
 * YAML, with a button to them in the editor. */
#define FORM_MAX_DEPTH 4

static void refresh       (BylineForm *self,
                           BylinePost *post);
static void apply_edit    (BylineForm *self,
                           FieldRow   *fr,
                           BylineTextEdit *edit,
                           GError     *error);

static void
field_row_free (gpointer data)
{
  FieldRow *fr = data;

  g_clear_handle_id (&fr->commit_source, g_source_remove);
  g_free (fr->suggestion);
  g_strfreev (fr->path);
  g_free (fr->path_name);
  g_free (fr);
}

static const char *
field_label (FieldRow *fr)
{
  const BylineField *field = fr->field;

  /* (the labels are the post's own keys': `title` in an object is not the
   * post's title, nor its mnemonic) */
  for (guint i = 0; fr->depth == 1 && i < G_N_ELEMENTS (field_labels); i++)
    if (strcmp (field_labels[i].key, field->name) == 0)
      return _(field_labels[i].label);

  /* A key from a site's schema, shown as written: its underscores are not
   * mnemonics (rows use them), so each is doubled. */
  if (strchr (field->name, '_') != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (field->name, "_", -1);
      g_autofree char *escaped = g_strjoinv ("__", parts);

      return g_intern_string (escaped);
    }

  return field->name;
}

/* The label without its mnemonic's underscore, for screen readers: GTK 4.8
 * names a control by a label it points at, not by a row around it. */
static char *
field_accessible_name (FieldRow *fr)
{
  const char *label = field_label (fr);
  GString *name = g_string_sized_new (strlen (label));

  for (const char *p = label; *p != '\0'; p++)
    {
      if (*p == '_')
        p++;
      if (*p == '\0')
        break;
      g_string_append_c (name, *p);
    }

  return g_string_free (name, FALSE);
}

static const char *
field_description (const BylineField *field)
{
  /* The schema hands its descriptions out translated. */
  return field->description;
}

static gboolean
has_focus_within (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus;

  if (root == NULL)
    return FALSE;

  focus = gtk_root_get_focus (root);

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static BylineFrontmatter *
get_frontmatter (BylineForm *self)
{
  return self->post != NULL ? byline_post_get_frontmatter (self->post) : NULL;
}

#define FR_PATH(fr) ((const char * const *) (fr)->path)

/* The entry at @fr's keys in the post shown, or %NULL. */
static const BylineEntry *
lookup_entry (FieldRow *fr)
{
  BylineForm *self = fr->form;

  if (self->post == NULL || self->has_error)
    return NULL;

  return byline_frontmatter_lookup_path (get_frontmatter (self), FR_PATH (fr));
}

static const BylineNode *
lookup_value (BylineForm *self,
              const char *key)
{
  const BylineEntry *entry;

  if (self->post == NULL || self->has_error)
    return NULL;

  entry = byline_frontmatter_lookup (get_frontmatter (self), key);

  return entry != NULL ? entry->value : NULL;
}

/* The text a scalar shows in an entry; "" for absent, null and collections. */
static const char *
node_text (const BylineNode *node)
{
  if (node == NULL)
    return "";

  switch (node->type)
    {
    case BYLINE_VALUE_NULL:
    case BYLINE_VALUE_SEQUENCE:
    case BYLINE_VALUE_MAPPING:
      return "";

    case BYLINE_VALUE_BOOLEAN:
    case BYLINE_VALUE_INTEGER:
    case BYLINE_VALUE_FLOAT:
    case BYLINE_VALUE_STRING:
    case BYLINE_VALUE_TIMESTAMP:
    default:
      return node->string != NULL ? node->string : "";
    }
}

static GDateTime *
node_date_time (const BylineNode *node)
{
  if (node == NULL)
    return NULL;

  if (node->type == BYLINE_VALUE_TIMESTAMP)
    return byline_timestamp_to_date_time (&node->timestamp);

  /* A quoted date still means a date to the site (z.coerce.date()). */
  if (node->type == BYLINE_VALUE_STRING && node->string != NULL && node->string[0] != '\0')
    return byline_date_time_parse_user (node->string, NULL);

  return NULL;
}

static char **
node_strv (const BylineNode *node)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  char **strv;

  if (node != NULL && node->type == BYLINE_VALUE_SEQUENCE && node->items != NULL)
    {
      for (guint i = 0; i < node->items->len; i++)
        {
          const BylineNode *item = g_ptr_array_index (node->items, i);

          if (item->type != BYLINE_VALUE_SEQUENCE && item->type != BYLINE_VALUE_MAPPING &&
              item->type != BYLINE_VALUE_NULL && item->string != NULL)
            g_strv_builder_add (builder, item->string);
        }
    }
  else if (node != NULL && node->type == BYLINE_VALUE_STRING && node->string != NULL &&
           node->string[0] != '\0')
    {
      g_strv_builder_add (builder, node->string);
    }

  strv = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);

  return strv;
}

static char *
get_text_view_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* A hint, never an error: a longer title or description is valid, search
 * results only cut it. */
static void
update_seo_hint (FieldRow   *fr,
                 const char *text)
{
  g_autofree char *label = NULL;
  g_autofree char *sentence = NULL;
  BylineSeoHint hint;

  if (fr->seo_label == NULL || !byline_seo_hint (fr->seo_field, text, &hint))
    return;
  if (hint.over)
    /* Translators: a hint at a title or description longer than search
     * results show; the length, then about how much they show */
    sentence = g_strdup_printf (_("%u characters: search results show about %u"), hint.length, hint.limit);
  else
    /* Translators: the length of a title or description, then about how
     * many characters search results show of it */
    sentence = g_strdup_printf (_("%u of about %u characters"), hint.length, hint.limit);
  /* Beside the title, in its row, the sentence would leave the title a few
   * letters of room: there the figures, and the sentence for screen
   * readers. */
  if (fr->seo_label != fr->count_label)
    /* Translators: beside a title, its length, then about how many
     * characters search results show of it; keep it short */
    label = g_strdup_printf (_("%u/%u"), hint.length, hint.limit);
  gtk_label_set_label (GTK_LABEL (fr->seo_label), label != NULL ? label : sentence);
  gtk_accessible_update_property (GTK_ACCESSIBLE (fr->seo_label),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, sentence, -1);
  if (hint.over)
    {
      gtk_widget_remove_css_class (fr->seo_label, "dim-label");
      gtk_widget_add_css_class (fr->seo_label, "warning");
    }
  else
    {
      gtk_widget_remove_css_class (fr->seo_label, "warning");
      gtk_widget_add_css_class (fr->seo_label, "dim-label");
    }
  gtk_widget_set_tooltip_text (fr->seo_label,
                               fr->seo_field == BYLINE_SEO_FIELD_TITLE
                               ? _("Search results show about 60 characters of a title and cut the rest")
                               : _("Search results show about 160 characters of a description and cut the rest"));
}

static void
update_count (FieldRow *fr)
{
  g_autofree char *text = NULL;
  g_autofree char *label = NULL;
  glong n;

  if (fr->count_label == NULL)
    return;

  text = get_text_view_text (GTK_TEXT_VIEW (fr->editor));
  if (fr->seo_label == fr->count_label)
    {
      update_seo_hint (fr, text);
      return;
    }
  n = g_utf8_strlen (text, -1);
  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'ld character", "%'ld characters", n), n);
  gtk_label_set_label (GTK_LABEL (fr->count_label), label);
}

/* --- edits from the widgets ------------------------------------------------ */

static gboolean
can_edit (BylineForm *self)
{
  /* Never plan an edit on text the engine could not read, nor above a
   * broken opening fence (it would add a second block). */
  return !self->updating && !self->applying && self->document != NULL &&
         self->post != NULL && !self->has_error && byline_post_get_editable (self->post);
}

static void
set_string (FieldRow   *fr,
            const char *value)
{
  BylineForm *self = fr->form;
  g_autoptr(GError) error = NULL;
  BylineTextEdit *edit;

  if (!can_edit (self))
    return;

  /* An optional field emptied goes away rather than staying as `key: ""`,
   * which the site would read as a (wrong) value. */
  if (value[0] == '\0' && !fr->field->required)
    {
      if (lookup_entry (fr) == NULL)
        return;
      edit = byline_frontmatter_plan_unset_path (get_frontmatter (self), FR_PATH (fr), &error);
    }
  else
    {
      edit = byline_frontmatter_plan_set_string_path (get_frontmatter (self), FR_PATH (fr), value, &error);
    }

  apply_edit (self, fr, edit, g_steal_pointer (&error));
}

static gboolean
byline_form_commit_cb (gpointer data)
{
  FieldRow *fr = data;

  fr->commit_source = 0;

  if (!can_edit (fr->form))
    return G_SOURCE_REMOVE;

  if (GTK_IS_TEXT_VIEW (fr->editor))
    {
      g_autofree char *text = get_text_view_text (GTK_TEXT_VIEW (fr->editor));

      set_string (fr, text);
    }
  else
    {
      set_string (fr, gtk_editable_get_text (GTK_EDITABLE (fr->editor)));
    }

  return G_SOURCE_REMOVE;
}

/* Setting a text deletes the old one and inserts the new one, two "changed"
 * signals: commit once the widget has settled, so one change of the field is
 * one edit of the buffer and one step of undo. */
static void
schedule_commit (FieldRow *fr)
{
  if (!can_edit (fr->form) || fr->commit_source != 0)
    return;

  /* Before any further input or a save is dispatched. */
  fr->commit_source = g_idle_add_full (G_PRIORITY_HIGH, byline_form_commit_cb, fr, NULL);
}

static void
byline_form_entry_row_changed_cb (GtkEditable *editable,
                                  FieldRow    *fr)
{
  update_seo_hint (fr, gtk_editable_get_text (editable));
  schedule_commit (fr);
}

static void
byline_form_text_buffer_changed_cb (GtkTextBuffer *buffer,
                                    FieldRow      *fr)
{
  update_count (fr);
  schedule_commit (fr);
}

static void
byline_form_switch_notify_active_cb (GtkSwitch  *sw,
                                     GParamSpec *pspec,
                                     FieldRow   *fr)
{
  BylineForm *self = fr->form;
  g_autoptr(GError) error = NULL;
  BylineTextEdit *edit;

  if (!can_edit (self))
    return;

  edit = byline_frontmatter_plan_set_boolean_path (get_frontmatter (self), FR_PATH (fr),
                                                   gtk_switch_get_active (sw), &error);
  apply_edit (self, fr, edit, g_steal_pointer (&error));
}

static void
byline_form_datetime_row_date_time_edited_cb (BylineDatetimeRow *row,
                                              GDateTime         *value,
                                              FieldRow          *fr)
{
  BylineForm *self = fr->form;
  g_autoptr(GError) error = NULL;
  BylineTextEdit *edit;

  if (!can_edit (self))
    return;

  if (value != NULL)
    edit = byline_frontmatter_plan_set_timestamp_path (get_frontmatter (self), FR_PATH (fr), value, &error);
  else if (lookup_entry (fr) == NULL)
    return;
  else if (fr->field->nullable)
    /* Keep the line where it is: `modDatetime: null` is what the schema allows. */
    edit = byline_frontmatter_plan_set_null_path (get_frontmatter (self), FR_PATH (fr), &error);
  else
    edit = byline_frontmatter_plan_unset_path (get_frontmatter (self), FR_PATH (fr), &error);

  apply_edit (self, fr, edit, g_steal_pointer (&error));
}

static void
byline_form_tag_entry_tags_edited_cb (BylineTagEntry *entry,
                                      FieldRow       *fr)
{
  BylineForm *self = fr->form;
  g_autoptr(GError) error = NULL;
  BylineTextEdit *edit;

  if (!can_edit (self))
    return;

  edit = byline_frontmatter_plan_set_list_path (get_frontmatter (self), FR_PATH (fr),
                                                byline_tag_entry_get_tags (entry), &error);
  apply_edit (self, fr, edit, g_steal_pointer (&error));
}

static void
byline_form_suggest_button_clicked_cb (GtkButton *button,
                                       FieldRow  *fr)
{
  g_autofree char *slug = g_strdup (fr->suggestion);

  if (slug == NULL)
    return;

  /* Goes through the entry's own "changed" handler, like typing. */
  gtk_editable_set_text (GTK_EDITABLE (fr->editor), slug);
}

static void
show_field_issue (FieldRow       *fr,
                  BylineSeverity  severity,
                  const char     *message)
{
  gboolean error = severity == BYLINE_SEVERITY_ERROR;

  gtk_label_set_label (GTK_LABEL (fr->issue_label), message);
  gtk_widget_remove_css_class (fr->issue_label, error ? "warning" : "error");
  gtk_widget_add_css_class (fr->issue_label, error ? "error" : "warning");
  /* The row and its message share the coloured edge. */
  gtk_widget_remove_css_class (fr->row, error ? "byline-field-warning" : "byline-field-error");
  gtk_widget_add_css_class (fr->row, error ? "byline-field-error" : "byline-field-warning");
  gtk_widget_remove_css_class (fr->issue_row, error ? "byline-field-warning" : "byline-field-error");
  gtk_widget_add_css_class (fr->issue_row, error ? "byline-field-error" : "byline-field-warning");
  gtk_widget_set_visible (fr->issue_row, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (fr->row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message,
                                  -1);
}

static void
clear_field_issue (FieldRow *fr)
{
  const char *description = field_description (fr->field);

  gtk_widget_set_visible (fr->issue_row, FALSE);
  gtk_label_set_label (GTK_LABEL (fr->issue_label), "");
  gtk_widget_remove_css_class (fr->row, "byline-field-error");
  gtk_widget_remove_css_class (fr->row, "byline-field-warning");
  gtk_widget_remove_css_class (fr->issue_row, "byline-field-error");
  gtk_widget_remove_css_class (fr->issue_row, "byline-field-warning");
  gtk_accessible_update_property (GTK_ACCESSIBLE (fr->row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description != NULL ? description : "",
                                  -1);
}

static void
apply_edit (BylineForm     *self,
            FieldRow       *fr,
            BylineTextEdit *edit,
            GError         *error)
{
  g_autoptr(BylineTextEdit) owned = edit;
  g_autoptr(GError) owned_error = error;

  if (owned != NULL)
    {
      self->applying = TRUE;
      byline_document_apply_edit (self->document, self->post, owned, &owned_error);
      self->applying = FALSE;
      if (owned_error == NULL)
        return;
    }

  /* The engine refused (an edit it can't make losslessly), or the text
   * moved on under it: say so at the field and leave the text alone. */
  if (fr != NULL)
    show_field_issue (fr, BYLINE_SEVERITY_ERROR,
                      owned_error != NULL ? owned_error->message : _("This value can’t be written"));
}

/* --- building the rows ----------------------------------------------------- */

static GtkWidget *
create_issue_row (FieldRow *fr)
{
  /* A preferences row, or the group would put it below its list. */
  GtkWidget *row = adw_preferences_row_new ();

  fr->issue_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (fr->issue_label), 0);
  gtk_label_set_wrap (GTK_LABEL (fr->issue_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (fr->issue_label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (fr->issue_label, "caption");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), fr->issue_label);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  gtk_widget_add_css_class (row, "byline-issue-row");
  gtk_widget_set_visible (row, FALSE);

  return row;
}

/* A note, not an issue: the post is valid without a picture for social
 * media previews, but the site would show one of its own if it had one. */
static GtkWidget *
create_hint_row (FieldRow *fr)
{
  GtkWidget *row = adw_preferences_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-information-symbolic");
  GtkWidget *label = gtk_label_new (_("No image for social media previews: links to this post "
                                      "will be shared without a picture, or with the site’s own."));

  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_add_css_class (icon, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  gtk_widget_add_css_class (row, "byline-issue-row");
  gtk_widget_add_css_class (row, "byline-hint-row");
  gtk_widget_set_visible (row, FALSE);

  return row;
}

static void
update_og_image_hint (FieldRow *fr)
{
  gboolean missing;

  if (fr->hint_row == NULL)
    return;
  missing = byline_seo_og_image_missing (lookup_value (fr->form, fr->field->name));
  /* not while the error or warning row says more about the field */
  gtk_widget_set_visible (fr->hint_row, missing && !gtk_widget_get_visible (fr->issue_row));
}

static char *
dup_post_path (BylineForm *self)
{
  GFile *file = self->document != NULL ? byline_document_get_file (self->document) : NULL;

  return file != NULL ? g_file_get_path (file) : NULL;
}

/* A chosen image goes in as if typed: one edit, one step of undo. */
static void
byline_form_image_picker_chosen_cb (BylineImagePicker *picker,
                                    const char        *value,
                                    FieldRow          *fr)
{
  gtk_editable_set_text (GTK_EDITABLE (fr->editor), value);
}

static void
byline_form_image_picker_failed_cb (BylineImagePicker *picker,
                                    const char        *message,
                                    FieldRow          *fr)
{
  show_field_issue (fr, BYLINE_SEVERITY_ERROR, message);
}

/* A file dropped anywhere on an image field's row: the picker takes it. */
static gboolean
byline_form_image_drop_cb (GtkDropTarget *target,
                           const GValue  *value,
                           double         x,
                           double         y,
                           FieldRow      *fr)
{
  GSList *files;
  gboolean taken = FALSE;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST) || !gtk_widget_is_sensitive (fr->row))
    return FALSE;
  files = gdk_file_list_get_files (g_value_get_boxed (value));
  /* one value, one file: the first */
  if (files != NULL)
    {
      clear_field_issue (fr);
      taken = byline_image_picker_drop_file (BYLINE_IMAGE_PICKER (fr->image_picker), files->data);
    }
  g_slist_free (files);
  return taken;
}

static void
create_entry_row (FieldRow *fr)
{
  const char *description = field_description (fr->field);

  fr->row = adw_entry_row_new ();
  fr->editor = fr->row;
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (fr->row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (fr->row), field_label (fr));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (fr->row), TRUE);
  gtk_widget_set_tooltip_text (fr->row, description);

  if (fr->field->type == BYLINE_FIELD_URL)
    adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (fr->row), GTK_INPUT_PURPOSE_URL);
  if (fr->field->type == BYLINE_FIELD_SLUG || fr->field->type == BYLINE_FIELD_URL ||
      fr->field->type == BYLINE_FIELD_TIMEZONE)
    adw_entry_row_set_input_hints (ADW_ENTRY_ROW (fr->row),
                                   GTK_INPUT_HINT_NO_SPELLCHECK | GTK_INPUT_HINT_LOWERCASE);

  fr->seo_field = fr->depth == 1 ? byline_seo_field_for_key (fr->field->name) : BYLINE_SEO_FIELD_NONE;
  if (fr->seo_field != BYLINE_SEO_FIELD_NONE)
    {
      fr->seo_label = gtk_label_new (NULL);
      gtk_widget_set_valign (fr->seo_label, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (fr->seo_label, "caption");
      gtk_widget_add_css_class (fr->seo_label, "numeric");
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (fr->row), fr->seo_label);
      update_seo_hint (fr, "");
    }

  /* The suggestion is made from the post's title: for its own slug only. */
  if (fr->field->type == BYLINE_FIELD_SLUG && fr->depth == 1)
    {
      fr->suggest_button = gtk_button_new ();
      gtk_widget_set_valign (fr->suggest_button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (fr->suggest_button, "flat");
      gtk_widget_set_visible (fr->suggest_button, FALSE);
      gtk_widget_set_tooltip_text (fr->suggest_button, _("Use the slug made from the title"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (fr->suggest_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Use the slug made from the title"),
                                      -1);
      g_signal_connect (fr->suggest_button, "clicked", G_CALLBACK (byline_form_suggest_button_clicked_cb), fr);
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (fr->row), fr->suggest_button);
    }

  if (fr->field->type == BYLINE_FIELD_IMAGE)
    {
      g_autofree char *post_path = dup_post_path (fr->form);

      fr->image_picker = byline_image_picker_new ();
      byline_image_picker_set_site (BYLINE_IMAGE_PICKER (fr->image_picker), fr->form->site, post_path);
      g_signal_connect (fr->image_picker, "chosen", G_CALLBACK (byline_form_image_picker_chosen_cb), fr);
      g_signal_connect (fr->image_picker, "failed", G_CALLBACK (byline_form_image_picker_failed_cb), fr);
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (fr->row), fr->image_picker);

      {
        GtkDropTarget *target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

        g_signal_connect (target, "drop", G_CALLBACK (byline_form_image_drop_cb), fr);
        /* before the entry's own, which would take the files as text */
        gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (target), GTK_PHASE_CAPTURE);
        gtk_widget_add_controller (fr->row, GTK_EVENT_CONTROLLER (target));
        fr->image_drop = GTK_EVENT_CONTROLLER (target);
      }
    }

  if (fr->field->type == BYLINE_FIELD_REFERENCE && fr->field->reference != NULL)
    {
      fr->completion = byline_reference_completion_new (GTK_EDITABLE (fr->row));
      byline_reference_completion_set_site (BYLINE_REFERENCE_COMPLETION (fr->completion),
                                            fr->form->site, fr->field->reference);
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (fr->row), fr->completion);
    }

  g_signal_connect (fr->row, "changed", G_CALLBACK (byline_form_entry_row_changed_cb), fr);
}

/* A row with a title, the field's description and a widget under them, for
 * values that need more room than a row's suffix. */
static GtkWidget *
create_tall_row (FieldRow  *fr,
                 GtkWidget *content,
                 GtkWidget *mnemonic_widget,
                 GtkWidget *header_suffix)
{
  const char *description = field_description (fr->field);
  g_autofree char *accessible_name = field_accessible_name (fr);
  GtkWidget *row;
  GtkWidget *box;
  GtkWidget *header;
  GtkWidget *title;

  row = adw_preferences_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), field_label (fr));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_add_css_class (box, "byline-text-row");

  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  title = gtk_label_new_with_mnemonic (field_label (fr));
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (title), mnemonic_widget);
  gtk_box_append (GTK_BOX (header), title);
  if (header_suffix != NULL)
    gtk_box_append (GTK_BOX (header), header_suffix);
  gtk_box_append (GTK_BOX (box), header);

  if (description != NULL)
    {
      GtkWidget *subtitle = gtk_label_new (description);

      gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
      gtk_label_set_wrap (GTK_LABEL (subtitle), TRUE);
      gtk_widget_add_css_class (subtitle, "dim-label");
      gtk_widget_add_css_class (subtitle, "caption");
      gtk_box_append (GTK_BOX (box), subtitle);
    }

  gtk_box_append (GTK_BOX (box), content);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  gtk_accessible_update_relation (GTK_ACCESSIBLE (mnemonic_widget),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, title, NULL,
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_name,
                                  -1);

  return row;
}

static void
create_text_row (FieldRow *fr)
{
  GtkWidget *frame;

  fr->editor = gtk_text_view_new ();
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (fr->editor), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (fr->editor), FALSE);
  gtk_widget_set_size_request (fr->editor, -1, 60);

  frame = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (frame, "byline-text-frame");
  gtk_box_append (GTK_BOX (frame), fr->editor);

  fr->count_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (fr->count_label, "dim-label");
  gtk_widget_add_css_class (fr->count_label, "caption");
  gtk_widget_add_css_class (fr->count_label, "numeric");

  fr->seo_field = fr->depth == 1 ? byline_seo_field_for_key (fr->field->name) : BYLINE_SEO_FIELD_NONE;
  if (fr->seo_field != BYLINE_SEO_FIELD_NONE)
    fr->seo_label = fr->count_label;

  fr->row = create_tall_row (fr, frame, fr->editor, fr->count_label);
  update_count (fr);

  g_signal_connect (gtk_text_view_get_buffer (GTK_TEXT_VIEW (fr->editor)), "changed",
                    G_CALLBACK (byline_form_text_buffer_changed_cb), fr);
}

/* A list of reference()s: its chips complete from the collection's ids. */
static gboolean
is_reference_list (const BylineField *field)
{
  return field->type == BYLINE_FIELD_LIST && field->item != NULL &&
         field->item->type == BYLINE_FIELD_REFERENCE && field->item->reference != NULL;
}

static void
create_tags_row (FieldRow *fr)
{
  fr->editor = byline_tag_entry_new ();
  fr->row = create_tall_row (fr, fr->editor,
                             byline_tag_entry_get_entry (BYLINE_TAG_ENTRY (fr->editor)),
                             NULL);
  /* A list of references completes from ids (load_reference_ids ()), and
   * an image list from nothing: neither from the site's tags. */
  if (fr->form->tag_suggestions != NULL && !is_reference_list (fr->field) && !fr->og_image)
    byline_tag_entry_set_suggestions (BYLINE_TAG_ENTRY (fr->editor),
                                      (const char * const *) fr->form->tag_suggestions);
  /* The chips say what they hold: tags, another collection's entries, or
   * plain items (categories, aliases, keywords…). */
  if (is_reference_list (fr->field))
    gtk_entry_set_placeholder_text (GTK_ENTRY (byline_tag_entry_get_entry (BYLINE_TAG_ENTRY (fr->editor))),
                                    _("Add an entry…"));
  else if (g_strcmp0 (fr->field->name, "tags") != 0)
    gtk_entry_set_placeholder_text (GTK_ENTRY (byline_tag_entry_get_entry (BYLINE_TAG_ENTRY (fr->editor))),
                                    _("Add an item…"));

  g_signal_connect (fr->editor, "tags-edited", G_CALLBACK (byline_form_tag_entry_tags_edited_cb), fr);
}

static void
create_switch_row (FieldRow *fr)
{
  fr->row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (fr->row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (fr->row), field_label (fr));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (fr->row), TRUE);
  if (field_description (fr->field) != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (fr->row), field_description (fr->field));

  fr->editor = gtk_switch_new ();
  gtk_widget_set_valign (fr->editor, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (fr->row), fr->editor);
  /* This also labels the widget by the row's title label; a relation to
   * the row itself, as before, gave GTK 4.8 no name at all. */
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (fr->row), fr->editor);

  g_signal_connect (fr->editor, "notify::active", G_CALLBACK (byline_form_switch_notify_active_cb), fr);
}

static void
create_datetime_row (FieldRow *fr)
{
  fr->row = byline_datetime_row_new ();
  fr->editor = fr->row;
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (fr->row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (fr->row), field_label (fr));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (fr->row), TRUE);
  /* The subtitle shows the value; the description is the tooltip. */
  gtk_widget_set_tooltip_text (fr->row, field_description (fr->field));
  byline_datetime_row_set_clearable (BYLINE_DATETIME_ROW (fr->row), !fr->field->required);

  g_signal_connect (fr->row, "date-time-edited", G_CALLBACK (byline_form_datetime_row_date_time_edited_cb), fr);
}

static void update_field (BylineForm *self,
                          FieldRow   *fr);
static char *value_yaml   (const char       *text,
                           const BylineNode *value);

/* A field keeps what the user types while it has focus, even when the text
 * changes under it; once they move on, it shows the text's value again. */
static void
byline_form_editor_focus_leave_cb (GtkEventControllerFocus *controller,
                                   FieldRow                *fr)
{
  BylineForm *self = fr->form;

  if (self->applying || self->updating || self->has_error || self->post == NULL)
    return;

  self->updating = TRUE;
  update_field (self, fr);
  self->updating = FALSE;
}

/* An enum: a combo row of the schema's values (and "not set" when the
 * field may be left out). */
static void
byline_form_combo_row_notify_selected_cb (AdwComboRow *row,
                                          GParamSpec  *pspec,
                                          FieldRow    *fr)
{
  BylineForm *self = fr->form;
  GtkStringObject *item = adw_combo_row_get_selected_item (row);
  const char *value = item != NULL ? gtk_string_object_get_string (item) : "";

  if (!can_edit (self))
    return;

  /* The first item of an optional enum is "not set". */
  if (!fr->field->required && adw_combo_row_get_selected (row) == 0)
    value = "";

  set_string (fr, value);
}

static void
create_combo_row (FieldRow *fr)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  const char * const *values = fr->field->enum_values;

  if (!fr->field->required)
    /* Translators: the choice of an optional list of values that leaves the key out */
    gtk_string_list_append (model, _("Not set"));
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    gtk_string_list_append (model, values[i]);

  fr->row = adw_combo_row_new ();
  fr->editor = fr->row;
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (fr->row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (fr->row), field_label (fr));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (fr->row), TRUE);
  if (field_description (fr->field) != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (fr->row), field_description (fr->field));
  adw_combo_row_set_model (ADW_COMBO_ROW (fr->row), G_LIST_MODEL (model));

  g_signal_connect (fr->row, "notify::selected", G_CALLBACK (byline_form_combo_row_notify_selected_cb), fr);
}

/* A number: a spin button within the schema's bounds, written as a plain
 * YAML number. */
static void
byline_form_spin_button_value_changed_cb (GtkSpinButton *spin,
                                          FieldRow      *fr)
{
  BylineForm *self = fr->form;
  g_autoptr(GError) error = NULL;
  char text[G_ASCII_DTOSTR_BUF_SIZE];
  BylineTextEdit *edit;

  if (!can_edit (self))
    return;

  if (fr->field->type == BYLINE_FIELD_INTEGER)
    g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, (gint64) gtk_spin_button_get_value (spin));
  else
    g_ascii_dtostr (text, sizeof text, gtk_spin_button_get_value (spin));

  edit = byline_frontmatter_plan_set_raw_path (get_frontmatter (self), FR_PATH (fr), text, &error);
  apply_edit (self, fr, edit, g_steal_pointer (&error));
}

static void
create_spin_row (FieldRow *fr)
{
  double lower = fr->field->has_minimum ? fr->field->minimum : -1e9;
  double upper = fr->field->has_maximum ? fr->field->maximum : 1e9;
  gboolean integer = fr->field->type == BYLINE_FIELD_INTEGER;

  if (integer && fr->field->has_minimum && fr->field->exclusive_minimum)
    lower += 1;
  if (integer && fr->field->has_maximum && fr->field->exclusive_maximum)
    upper -= 1;

  fr->row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (fr->row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (fr->row), field_label (fr));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (fr->row), TRUE);
  if (field_description (fr->field) != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (fr->row), field_description (fr->field));

  fr->editor = gtk_spin_button_new_with_range (lower, upper, integer ? 1 : 0.1);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (fr->editor), integer ? 0 : 2);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (fr->editor), TRUE);
  gtk_widget_set_valign (fr->editor, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (fr->row), fr->editor);
  /* This also labels the widget by the row's title label; a relation to
   * the row itself, as before, gave GTK 4.8 no name at all. */
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (fr->row), fr->editor);

  g_signal_connect (fr->editor, "value-changed", G_CALLBACK (byline_form_spin_button_value_changed_cb), fr);
}

/* What the form can't edit field by field (a nested object, a list of
 * objects, a union): its value as written, and a button to it in the
 * editor. */
static void
byline_form_yaml_button_clicked_cb (GtkButton *button,
                                    FieldRow  *fr)
{
  const BylineEntry *entry = lookup_entry (fr);

  if (entry != NULL)
    g_signal_emit (fr->form, signals[GO_TO_LINE], 0, entry->key_node->line, entry->key_node->column);
}

static void
create_yaml_row (FieldRow *fr)
{
  fr->row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (fr->row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (fr->row), field_label (fr));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (fr->row), TRUE);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (fr->row), 4);
  gtk_widget_add_css_class (fr->row, "byline-yaml");

  fr->editor = gtk_button_new_from_icon_name ("go-jump-symbolic");
  gtk_widget_set_valign (fr->editor, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (fr->editor, "flat");
  /* Translators: tooltip of the button beside a field the form shows as YAML */
  gtk_widget_set_tooltip_text (fr->editor, _("Edit in the editor"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (fr->editor),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Edit in the editor"),
                                  -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (fr->row), fr->editor);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (fr->row), fr->editor);

  g_signal_connect (fr->editor, "clicked", G_CALLBACK (byline_form_yaml_button_clicked_cb), fr);
}

/* Whether a list's items are plain text, which the tag entry edits. */
static gboolean
is_text_list (const BylineField *field)
{
  if (field->type == BYLINE_FIELD_STRING_LIST)
    return TRUE;

  return field->type == BYLINE_FIELD_LIST && field->item != NULL &&
         (field->item->type == BYLINE_FIELD_STRING || field->item->type == BYLINE_FIELD_ENUM ||
          field->item->type == BYLINE_FIELD_REFERENCE || field->item->type == BYLINE_FIELD_SLUG);
}

static void
clear_rows (BylineForm *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      FieldRow *fr = g_ptr_array_index (self->rows, i);

      /* The widgets may outlive the row's data for a moment (a focused
       * editor hears it lose the focus as it goes): they must not call
       * back into it. */
      g_signal_handlers_disconnect_by_data (fr->focus, fr);
      g_signal_handlers_disconnect_by_data (fr->row, fr);
      g_signal_handlers_disconnect_by_data (fr->editor, fr);
      if (GTK_IS_TEXT_VIEW (fr->editor))
        g_signal_handlers_disconnect_by_data (gtk_text_view_get_buffer (GTK_TEXT_VIEW (fr->editor)), fr);
      if (fr->suggest_button != NULL)
        g_signal_handlers_disconnect_by_data (fr->suggest_button, fr);
      if (fr->image_picker != NULL)
        g_signal_handlers_disconnect_by_data (fr->image_picker, fr);
      if (fr->image_drop != NULL)
        g_signal_handlers_disconnect_by_data (fr->image_drop, fr);
    }
  /* Then the rows, once none can call back: nested ones go with their
   * expander. */
  for (guint i = 0; i < self->rows->len; i++)
    {
      FieldRow *fr = g_ptr_array_index (self->rows, i);

      if (fr->depth == 1)
        {
          adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self->fields_group), fr->row);
          adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self->fields_group), fr->issue_row);
          if (fr->hint_row != NULL)
            adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self->fields_group), fr->hint_row);
        }
    }
  g_ptr_array_set_size (self->rows, 0);
}

static void load_reference_ids (BylineForm *self);
static FieldRow *find_row       (BylineForm *self,
                                 const char *key);
static void add_field_row (BylineForm        *self,
                           const BylineField *field,
                           FieldRow          *parent);

/* A nested object: an expander holding a row per field, built the same
 * way as the top level's. */
static void
create_expander_row (FieldRow *fr)
{
  const char *description = field_description (fr->field);

  fr->row = adw_expander_row_new ();
  fr->editor = fr->row;
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (fr->row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (fr->row), field_label (fr));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (fr->row), TRUE);
  gtk_widget_set_tooltip_text (fr->row, description);
  gtk_widget_add_css_class (fr->row, "byline-object");
}

/* One row for @field (and, for a nested object, one for each of its
 * fields), at the end of the form or of @parent's expander. */
static void
add_field_row (BylineForm        *self,
               const BylineField *field,
               FieldRow          *parent)
{
  FieldRow *fr = g_new0 (FieldRow, 1);
  GtkEventController *focus;
  g_autoptr(GStrvBuilder) path = g_strv_builder_new ();

  fr->form = self;
  fr->field = field;
  fr->depth = parent != NULL ? parent->depth + 1 : 1;
  if (parent != NULL)
    g_strv_builder_addv (path, (const char **) parent->path);
  g_strv_builder_add (path, field->name);
  fr->path = g_strv_builder_end (path);
  fr->path_name = g_strjoinv (".", fr->path);
  /* The site's per-post Open Graph image is a top-level key. */
  fr->og_image = parent == NULL &&
                 g_strcmp0 (field->name, byline_seo_og_image_key (self->schema)) == 0;

  switch (fr->field->type)
    {
    case BYLINE_FIELD_TEXT:
      create_text_row (fr);
      break;

    case BYLINE_FIELD_TIMESTAMP:
    case BYLINE_FIELD_DATE:
      create_datetime_row (fr);
      break;

    case BYLINE_FIELD_BOOLEAN:
      create_switch_row (fr);
      break;

    case BYLINE_FIELD_STRING_LIST:
    case BYLINE_FIELD_LIST:
      if (is_text_list (fr->field))
        create_tags_row (fr);
      else
        create_yaml_row (fr);
      break;

    case BYLINE_FIELD_ENUM:
      create_combo_row (fr);
      break;

    case BYLINE_FIELD_INTEGER:
    case BYLINE_FIELD_NUMBER:
      create_spin_row (fr);
      break;

    case BYLINE_FIELD_OBJECT:
      /* Fields we know, not too deep to read: rows of their own. */
      if (fr->field->n_fields > 0 && fr->depth < BYLINE_FRONTMATTER_MAX_DEPTH &&
          fr->depth < FORM_MAX_DEPTH)
        create_expander_row (fr);
      else
        create_yaml_row (fr);
      break;

    case BYLINE_FIELD_ANY:
    case BYLINE_FIELD_UNION:
      create_yaml_row (fr);
      break;

    case BYLINE_FIELD_STRING:
    case BYLINE_FIELD_URL:
    case BYLINE_FIELD_TIMEZONE:
    case BYLINE_FIELD_SLUG:
    case BYLINE_FIELD_IMAGE:
    case BYLINE_FIELD_REFERENCE:
    default:
      create_entry_row (fr);
      break;
    }

  focus = gtk_event_controller_focus_new ();
  g_signal_connect (focus, "leave", G_CALLBACK (byline_form_editor_focus_leave_cb), fr);
  gtk_widget_add_controller (fr->editor, focus);
  fr->focus = focus;

  fr->issue_row = create_issue_row (fr);
  if (parent == NULL)
    {
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->fields_group), fr->row);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->fields_group), fr->issue_row);
      if (fr->og_image)
        {
          fr->hint_row = create_hint_row (fr);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->fields_group), fr->hint_row);
        }
    }
  else
    {
      adw_expander_row_add_row (ADW_EXPANDER_ROW (parent->row), fr->row);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (parent->row), fr->issue_row);
    }
  clear_field_issue (fr);
  g_ptr_array_add (self->rows, fr);

  if (ADW_IS_EXPANDER_ROW (fr->row))
    for (guint i = 0; i < fr->field->n_fields; i++)
      add_field_row (self, &fr->field->fields[i], fr);
}

/* One row per field of @schema, in the schema's order. */
static void
build_rows (BylineForm   *self,
            BylineSchema *schema)
{
  guint n;

  if (self->schema == schema)
    return;

  clear_rows (self);
  g_clear_pointer (&self->schema, byline_schema_unref);
  self->schema = schema != NULL ? byline_schema_ref (schema) : NULL;
  n = self->schema != NULL ? byline_schema_get_n_fields (self->schema) : 0;

  for (guint i = 0; i < n; i++)
    add_field_row (self, byline_schema_get_field (self->schema, i), NULL);
  load_reference_ids (self);
}

/* --- updates from the text ------------------------------------------------- */

static gboolean
field_is_being_edited (FieldRow *fr)
{
  return !fr->form->force_update && has_focus_within (fr->editor);
}

static void
update_field (BylineForm *self,
              FieldRow   *fr)
{
  const BylineEntry *own = lookup_entry (fr);
  const BylineNode *node = own != NULL ? own->value : NULL;

  /* What the user typed is on its way into the text: don't undo it. */
  if (fr->commit_source != 0)
    return;

  switch (fr->field->type)
    {
    case BYLINE_FIELD_TEXT:
      {
        g_autofree char *shown = get_text_view_text (GTK_TEXT_VIEW (fr->editor));
        const char *value = node_text (node);

        if (strcmp (shown, value) != 0 && !field_is_being_edited (fr))
          gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (fr->editor)), value, -1);
      }
      break;

    case BYLINE_FIELD_TIMESTAMP:
    case BYLINE_FIELD_DATE:
      {
        g_autoptr(GDateTime) value = node_date_time (node);

        byline_datetime_row_set_date_time (BYLINE_DATETIME_ROW (fr->row), value);
      }
      break;

    case BYLINE_FIELD_ENUM:
      {
        const char *value = node_text (node);
        GListModel *model = adw_combo_row_get_model (ADW_COMBO_ROW (fr->row));
        guint selected = fr->field->required ? GTK_INVALID_LIST_POSITION : 0;

        for (guint i = fr->field->required ? 0 : 1; i < g_list_model_get_n_items (model); i++)
          {
            g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

            if (g_strcmp0 (gtk_string_object_get_string (item), value) == 0)
              selected = i;
          }
        if (adw_combo_row_get_selected (ADW_COMBO_ROW (fr->row)) != selected)
          adw_combo_row_set_selected (ADW_COMBO_ROW (fr->row), selected);
      }
      break;

    case BYLINE_FIELD_INTEGER:
    case BYLINE_FIELD_NUMBER:
      {
        double value = 0;

        if (node != NULL && node->type == BYLINE_VALUE_INTEGER)
          value = node->integer;
        else if (node != NULL && node->type == BYLINE_VALUE_FLOAT)
          value = node->number;
        if (gtk_spin_button_get_value (GTK_SPIN_BUTTON (fr->editor)) != value &&
            !field_is_being_edited (fr))
          gtk_spin_button_set_value (GTK_SPIN_BUTTON (fr->editor), value);
      }
      break;

    case BYLINE_FIELD_OBJECT:
      if (ADW_IS_EXPANDER_ROW (fr->row))
        {
          /* Its own rows show the values; the row says when there is none,
           * or what stands there instead of a mapping. */
          g_autofree char *yaml = NULL;

          if (node != NULL && node->type != BYLINE_VALUE_MAPPING && node->type != BYLINE_VALUE_NULL)
            yaml = value_yaml (byline_frontmatter_get_text (get_frontmatter (self), NULL), node);
          else if (node != NULL && node->type == BYLINE_VALUE_MAPPING)
            {
              /* Keys it has but the schema doesn't name have no row: say
               * they are there (the site drops them). */
              g_autoptr(GStrvBuilder) unknown = g_strv_builder_new ();
              g_auto(GStrv) keys = NULL;

              for (guint i = 0; node->entries != NULL && i < node->entries->len; i++)
                {
                  const BylineEntry *e = g_ptr_array_index (node->entries, i);
                  gboolean known = FALSE;

                  for (guint k = 0; k < fr->field->n_fields && !known; k++)
                    known = g_strcmp0 (fr->field->fields[k].name, e->key) == 0;
                  if (!known)
                    g_strv_builder_add (unknown, e->key);
                }
              keys = g_strv_builder_end (unknown);
              if (keys[0] != NULL)
                {
                  g_autofree char *list = g_strjoinv (", ", keys);

                  /* Translators: under a nested object; %s lists keys it has that its schema
                   * doesn't name */
                  yaml = g_strdup_printf (_("Keys the schema doesn’t know: %s"), list);
                }
            }
          adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (fr->row),
                                         node == NULL || node->type == BYLINE_VALUE_NULL
                                         /* Translators: a field the post leaves out */
                                         ? _("Not set")
                                         : yaml != NULL ? yaml : "");
          break;
        }
      G_GNUC_FALLTHROUGH;

    case BYLINE_FIELD_ANY:
    case BYLINE_FIELD_UNION:
    yaml:
      {
        const BylineEntry *entry = own;
        g_autofree char *yaml = NULL;

        if (entry != NULL)
          yaml = value_yaml (byline_frontmatter_get_text (get_frontmatter (self), NULL), entry->value);
        adw_action_row_set_subtitle (ADW_ACTION_ROW (fr->row), yaml != NULL && yaml[0] != '\0'
                                                                ? yaml
                                                                /* Translators: a field the post leaves out */
                                                                : _("Not set"));
        gtk_widget_set_sensitive (fr->editor, entry != NULL);
      }
      break;


    case BYLINE_FIELD_BOOLEAN:
      {
        /* Left out, it is what the site takes it to be: Jekyll publishes a
         * post without `published`, as a schema's default of true says. */
        gboolean value = own == NULL ? g_strcmp0 (fr->field->default_yaml, "true") == 0
                                     : node != NULL && node->type == BYLINE_VALUE_BOOLEAN && node->boolean;

        if (gtk_switch_get_active (GTK_SWITCH (fr->editor)) != value)
          gtk_switch_set_active (GTK_SWITCH (fr->editor), value);
      }
      break;

    case BYLINE_FIELD_LIST:
      if (!is_text_list (fr->field))
        goto yaml;
      G_GNUC_FALLTHROUGH;

    case BYLINE_FIELD_STRING_LIST:
      {
        /* Safe while the user types a new tag: only the chips change. */
        g_auto(GStrv) value = node_strv (node);

        byline_tag_entry_set_tags (BYLINE_TAG_ENTRY (fr->editor), (const char * const *) value);
      }
      break;

    case BYLINE_FIELD_STRING:
    case BYLINE_FIELD_URL:
    case BYLINE_FIELD_TIMEZONE:
    case BYLINE_FIELD_SLUG:
    default:
      {
        const char *value = node_text (node);

        if (strcmp (gtk_editable_get_text (GTK_EDITABLE (fr->editor)), value) != 0 &&
            !field_is_being_edited (fr))
          gtk_editable_set_text (GTK_EDITABLE (fr->editor), value);
        if (fr->image_picker != NULL)
          byline_image_picker_set_value (BYLINE_IMAGE_PICKER (fr->image_picker), value);
      }
      break;
    }
}

static FieldRow *
find_row (BylineForm *self,
          const char *key)
{
  if (key == NULL)
    return NULL;

  for (guint i = 0; i < self->rows->len; i++)
    {
      FieldRow *fr = g_ptr_array_index (self->rows, i);

      if (strcmp (fr->path_name, key) == 0)
        return fr;
    }

  return NULL;
}

static void
update_slug_suggestion (BylineForm *self)
{
  FieldRow *slug_row = NULL;
  const char *title;
  const char *slug;
  g_autofree char *suggestion = NULL;

  for (guint i = 0; i < self->rows->len && slug_row == NULL; i++)
    {
      FieldRow *fr = g_ptr_array_index (self->rows, i);

      if (fr->suggest_button != NULL)
        slug_row = fr;
    }
  if (slug_row == NULL)
    return;

  title = node_text (lookup_value (self, "title"));
  slug = node_text (lookup_value (self, slug_row->field->name));

  if (slug[0] == '\0' && title[0] != '\0')
    suggestion = byline_slug_suggest (title);

  if (suggestion != NULL && suggestion[0] != '\0')
    {
      /* Translators: a button in the empty slug row; %s is the suggested slug */
      g_autofree char *label = g_strdup_printf (_("Use “%s”"), suggestion);
      GtkWidget *child;

      gtk_button_set_label (GTK_BUTTON (slug_row->suggest_button), label);
      child = gtk_button_get_child (GTK_BUTTON (slug_row->suggest_button));
      if (GTK_IS_LABEL (child))
        {
          gtk_label_set_ellipsize (GTK_LABEL (child), PANGO_ELLIPSIZE_MIDDLE);
          gtk_label_set_max_width_chars (GTK_LABEL (child), 28);
        }
      g_free (slug_row->suggestion);
      slug_row->suggestion = g_steal_pointer (&suggestion);
      gtk_widget_set_visible (slug_row->suggest_button, TRUE);
    }
  else
    {
      g_clear_pointer (&slug_row->suggestion, g_free);
      gtk_widget_set_visible (slug_row->suggest_button, FALSE);
    }
}

/* Whether @d points at @fr's whole value (an object's own problem, such as
 * a required key it lacks), not at one of its keys. */
static gboolean
is_whole_value_of (FieldRow               *fr,
                   const BylineDiagnostic *d)
{
  const BylineEntry *entry = lookup_entry (fr);

  return entry != NULL && d->offset == entry->value->start &&
         d->offset + d->length == entry->value->end;
}

/* The row a diagnostic is about: its key's, or, inside a nested object,
 * the deepest field whose text holds the place it points at. */
static FieldRow *
find_diagnostic_row (BylineForm             *self,
                     const BylineDiagnostic *d)
{
  FieldRow *best = find_row (self, d->key);

  if (best == NULL)
    return NULL;

  for (guint i = 0; i < self->rows->len; i++)
    {
      FieldRow *fr = g_ptr_array_index (self->rows, i);
      const BylineEntry *entry;
      gsize end;

      if (fr->depth <= best->depth || strcmp (fr->path[0], d->key) != 0)
        continue;
      entry = lookup_entry (fr);
      if (entry == NULL)
        continue;
      end = MAX (entry->value->end, entry->key_node->end);
      if (d->offset >= entry->key_node->start && d->offset + d->length <= end &&
          !is_whole_value_of (best, d))
        best = fr;
    }

  return best;
}

static void
update_diagnostics (BylineForm *self)
{
  GPtrArray *diagnostics = self->post != NULL ? byline_post_get_diagnostics (self->post) : NULL;
  g_autoptr(GString) others = g_string_new (NULL);
  g_autoptr(GHashTable) shown = g_hash_table_new (NULL, NULL);
  gboolean others_error = FALSE;

  for (guint i = 0; i < self->rows->len; i++)
    clear_field_issue (g_ptr_array_index (self->rows, i));

  for (guint i = 0; diagnostics != NULL && i < diagnostics->len; i++)
    {
      const BylineDiagnostic *d = g_ptr_array_index (diagnostics, i);
      FieldRow *fr = find_diagnostic_row (self, d);

      if (fr != NULL)
        {
          /* One message per field: the first error, else the first warning. */
          if (!g_hash_table_contains (shown, fr) ||
              (d->severity == BYLINE_SEVERITY_ERROR && gtk_widget_has_css_class (fr->row, "byline-field-warning")))
            show_field_issue (fr, d->severity, d->message);
          g_hash_table_add (shown, fr);
        }
      else
        {
          if (others->len > 0)
            g_string_append_c (others, '\n');
          if (d->line > 0)
            /* Translators: a problem not tied to a field; line number, then the message */
            g_string_append_printf (others, _("Line %u: %s"), d->line, d->message);
          else
            g_string_append (others, d->message);
          others_error |= d->severity == BYLINE_SEVERITY_ERROR;
        }
    }

  gtk_label_set_label (GTK_LABEL (self->other_issues), others->str);
  gtk_widget_remove_css_class (self->other_issues, others_error ? "warning" : "error");
  gtk_widget_add_css_class (self->other_issues, others_error ? "error" : "warning");
  gtk_widget_set_visible (self->other_issues, others->len > 0);
}

static void
byline_form_unknown_button_clicked_cb (GtkButton  *button,
                                       BylineForm *self)
{
  guint line = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "byline-line"));
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "byline-column"));

  g_signal_emit (self, signals[GO_TO_LINE], 0, line, column);
}

#define MAX_YAML_LINES 6
#define MAX_YAML_BYTES 400

/* A value as written. A block collection starts on the line after its key:
 * show its lines from their indentation, less the indentation they share. */
static char *
value_yaml (const char       *text,
            const BylineNode *value)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_auto(GStrv) lines = NULL;
  gsize start, end;
  gsize indent = G_MAXSIZE;

  if (value == NULL || value->end <= value->start)
    return g_strdup ("");

  start = value->start;
  end = value->end;
  if (value->style == BYLINE_STYLE_BLOCK)
    {
      gsize line_start = start;

      while (line_start > 0 && text[line_start - 1] == ' ')
        line_start--;
      if (line_start == 0 || text[line_start - 1] == '\n')
        start = line_start;
    }
  while (end > start && (text[end - 1] == '\n' || text[end - 1] == '\r'))
    end--;

  {
    g_autofree char *slice = g_strndup (text + start, end - start);

    lines = g_strsplit (slice, "\n", -1);
  }

  for (guint i = 0; lines[i] != NULL; i++)
    {
      gsize n = strspn (lines[i], " ");

      g_strchomp (lines[i]);
      if (lines[i][0] != '\0')
        indent = MIN (indent, n);
    }
  if (indent == G_MAXSIZE)
    indent = 0;

  /* A preview, not the whole value: the row shows a few lines, and laying
   * out a long block only to hide it costs seconds. */
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (i >= MAX_YAML_LINES || out->len >= MAX_YAML_BYTES)
        {
          g_string_append (out, "…");
          break;
        }
      if (i > 0)
        g_string_append_c (out, '\n');
      if (strlen (lines[i]) >= indent)
        g_string_append (out, lines[i] + indent);
    }

  if (out->len > MAX_YAML_BYTES)
    {
      const char *cut = g_utf8_find_prev_char (out->str, out->str + MAX_YAML_BYTES);

      g_string_truncate (out, cut != NULL ? (gsize) (cut - out->str) : 0);
      g_string_append (out, "…");
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
update_unknown_keys (BylineForm *self)
{
  g_autoptr(GString) signature = g_string_new (NULL);
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  const char *text = NULL;
  gsize len = 0;
  guint n = 0;

  if (self->post != NULL && !self->has_error)
    {
      text = byline_frontmatter_get_text (get_frontmatter (self), &len);
      n = byline_frontmatter_get_n_entries (get_frontmatter (self));
    }

  for (guint i = 0; i < n; i++)
    {
      const BylineEntry *entry = byline_frontmatter_get_entry (get_frontmatter (self), i);

      if (self->schema != NULL && byline_schema_lookup (self->schema, entry->key) != NULL)
        continue;

      g_ptr_array_add (entries, (gpointer) entry);
      g_string_append_printf (signature, "%u:%" G_GSIZE_FORMAT ":",
                              entry->key_node->line, entry->end - entry->start);
      g_string_append_len (signature, text + entry->start, entry->end - entry->start);
    }

  /* Rebuild only when something changed, so a focused button survives typing. */
  if (g_strcmp0 (self->unknown_signature, signature->str) == 0)
    return;

  g_free (self->unknown_signature);
  self->unknown_signature = g_strdup (signature->str);

  {
    GHashTableIter iter;
    gpointer button;

    g_hash_table_iter_init (&iter, self->unknown_buttons);
    while (g_hash_table_iter_next (&iter, NULL, &button))
      {
        GtkWidget *row = gtk_widget_get_ancestor (button, ADW_TYPE_ACTION_ROW);

        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self->unknown_group), row);
      }
    g_hash_table_remove_all (self->unknown_buttons);
  }

  for (guint i = 0; i < entries->len; i++)
    {
      const BylineEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *yaml = NULL;
      g_autofree char *tooltip = NULL;
      GtkWidget *row;
      GtkWidget *button;

      yaml = value_yaml (text, entry->value);

      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), entry->key);
      adw_preferences_row_set_title_selectable (ADW_PREFERENCES_ROW (row), TRUE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), yaml);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
      gtk_widget_add_css_class (row, "byline-yaml");

      button = gtk_button_new_from_icon_name ("go-jump-symbolic");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      /* Translators: tooltip of the button beside an unknown key */
      tooltip = g_strdup_printf (_("Go to line %u"), entry->key_node->line);
      gtk_widget_set_tooltip_text (button, tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                      -1);
      g_object_set_data (G_OBJECT (button), "byline-line", GUINT_TO_POINTER (entry->key_node->line));
      g_object_set_data (G_OBJECT (button), "byline-column", GUINT_TO_POINTER (entry->key_node->column));
      g_signal_connect_object (button, "clicked", G_CALLBACK (byline_form_unknown_button_clicked_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->unknown_group), row);
      g_hash_table_insert (self->unknown_buttons, g_strdup (entry->key), button);
    }

  gtk_widget_set_visible (self->unknown_group, entries->len > 0);
}

static void
set_message (BylineForm *self,
             const char *message,
             gboolean    is_error)
{
  g_free (self->message);
  self->message = g_strdup (message);

  gtk_widget_set_visible (self->status_box, message != NULL);
  gtk_label_set_label (GTK_LABEL (self->status_label), message != NULL ? message : "");
  gtk_image_set_from_icon_name (GTK_IMAGE (self->status_icon),
                                is_error ? "dialog-error-symbolic" : "dialog-information-symbolic");
  if (is_error)
    gtk_widget_add_css_class (self->status_box, "error");
  else
    gtk_widget_remove_css_class (self->status_box, "error");
  gtk_widget_set_visible (self->goto_button, is_error);
}

/* Shows @post: the rows whose value changed, the diagnostics, the message
 * above the fields. A post whose frontmatter is the one shown already (only
 * the body changed) changes nothing here. */
static void
refresh (BylineForm *self,
         BylinePost *post)
{
  BylineFrontmatter *fm;
  const GError *error;
  gboolean editable = TRUE;
  gboolean same;

  same = self->post != NULL && post != NULL && byline_post_same_frontmatter (post, self->post);
  if (post != self->post)
    {
      g_clear_pointer (&self->post, byline_post_unref);
      self->post = post != NULL ? byline_post_ref (post) : NULL;
    }
  if (same && !self->force_update)
    return;

  if (post == NULL)
    {
      gtk_widget_set_sensitive (self->fields_group, FALSE);
      return;
    }

  build_rows (self, byline_post_get_schema (post));

  fm = byline_post_get_frontmatter (post);
  error = byline_frontmatter_get_error (fm);
  self->has_error = FALSE;
  self->error_line = self->error_column = 0;

  if (byline_post_get_damaged_fence (post))
    {
      /* The block reads as body text now: an edit here would add a second
       * block above it. The fix is one key away, in the editor. */
      self->has_error = TRUE;
      editable = FALSE;
      self->error_line = 1;
      self->error_column = 1;
      set_message (self,
                   _("The frontmatter’s first line is not “---”, so the frontmatter is read as "
                     "part of the post. Fix the first line in the editor; the form is read-only "
                     "until then."),
                   TRUE);
    }
  else if (error != NULL)
    {
      g_autofree char *message = NULL;
      guint line = 0, column = 0;

      self->has_error = TRUE;
      editable = FALSE;
      if (byline_frontmatter_get_error_position (fm, &line, &column, NULL))
        {
          self->error_line = line;
          self->error_column = column;
          /* Translators: the YAML error message, then where it is */
          message = g_strdup_printf (_("The frontmatter can’t be read: %s (line %u, column %u). "
                                       "The form is read-only until the YAML is fixed."),
                                     error->message, line, column);
        }
      else
        {
          message = g_strdup_printf (_("The frontmatter can’t be read: %s. "
                                       "The form is read-only until the YAML is fixed."),
                                     error->message);
        }
      set_message (self, message, TRUE);
      gtk_widget_set_visible (self->goto_button, line > 0);
    }
  else
    {
      set_message (self, NULL, FALSE);
    }

  /* Don't take a field away from under the keyboard: GTK loses track of the
   * focus of an insensitive entry. Hand it to the message's button. */
  if (!editable && (has_focus_within (self->fields_group) || has_focus_within (self->unknown_group)))
    {
      if (gtk_widget_get_visible (self->goto_button))
        gtk_widget_grab_focus (self->goto_button);
      else
        gtk_root_set_focus (gtk_widget_get_root (GTK_WIDGET (self)), NULL);
    }

  gtk_widget_set_sensitive (self->fields_group, editable);
  gtk_widget_set_sensitive (self->unknown_group, editable);

  self->updating = TRUE;
  /* Broken YAML or TOML keeps the last good values on show (insensitive). */
  if (error == NULL && !byline_post_get_damaged_fence (post))
    {
      for (guint i = 0; i < self->rows->len; i++)
        update_field (self, g_ptr_array_index (self->rows, i));
    }
  self->updating = FALSE;

  if (error == NULL && !byline_post_get_damaged_fence (post))
    update_unknown_keys (self);
  update_slug_suggestion (self);
  update_diagnostics (self);
  /* broken YAML or TOML keeps the last note on show, as the values */
  if (!self->has_error)
    for (guint i = 0; i < self->rows->len; i++)
      update_og_image_hint (g_ptr_array_index (self->rows, i));
}

static void
byline_form_document_notify_post_cb (BylineForm     *self,
                                     GParamSpec     *pspec,
                                     BylineDocument *document)
{
  refresh (self, byline_document_get_post (document));
}

static void
byline_form_goto_button_clicked_cb (GtkButton  *button,
                                    BylineForm *self)
{
  byline_form_go_to_error (self);
}

/* --- tag suggestions from the folder ------------------------------------- */

static void
set_tag_suggestions (BylineForm *self,
                     char      **tags)
{
  g_strfreev (self->tag_suggestions);
  self->tag_suggestions = tags;

  for (guint i = 0; i < self->rows->len; i++)
    {
      FieldRow *fr = g_ptr_array_index (self->rows, i);

      if (BYLINE_IS_TAG_ENTRY (fr->editor) && !is_reference_list (fr->field) && !fr->og_image)
        byline_tag_entry_set_suggestions (BYLINE_TAG_ENTRY (fr->editor),
                                          (const char * const *) tags);
    }
}

static void
byline_form_post_index_scan_cb (GObject      *source,
                                GAsyncResult *result,
                                gpointer      user_data)
{
  g_autoptr(BylineForm) self = user_data;
  g_autoptr(BylinePostIndex) index = NULL;
  g_autoptr(GError) error = NULL;

  index = byline_post_index_scan_finish (result, &error);
  if (index == NULL)
    {
      /* Completion is a convenience: an unreadable folder only means none. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No tag suggestions: %s", error->message);
      return;
    }

  set_tag_suggestions (self, byline_post_index_dup_tags (index));
}

static void byline_form_count_posts (BylineForm *self);

static void
byline_form_library_notify_loading_cb (BylineForm         *self,
                                       GParamSpec         *pspec,
                                       BylineLibraryIndex *library)
{
  if (!byline_library_index_get_loading (library))
    byline_form_count_posts (self);
}

/* The tags offered are those the posts beside this one use (its
 * collection's, byline_post_index_find_root()): counted from the window's
 * library when it holds them, else read on a worker. While the library
 * reads its site, the form waits for it rather than read the same files a
 * second time (a session of ten tabs would read the site ten times). */
static void
byline_form_count_posts (BylineForm *self)
{
  g_autoptr(GFile) root = NULL;

  g_cancellable_cancel (self->index_cancellable);
  g_clear_object (&self->index_cancellable);
  if (self->library != NULL)
    g_clear_signal_handler (&self->library_loading_handler, self->library);
  if (self->folder == NULL)
    return;

  if (self->library != NULL && byline_library_index_get_loading (self->library))
    {
      self->library_loading_handler =
        g_signal_connect_object (self->library, "notify::loading",
                                 G_CALLBACK (byline_form_library_notify_loading_cb),
                                 self, G_CONNECT_SWAPPED);
      return;
    }

  root = byline_post_index_find_root (self->folder);
  self->index_cancellable = g_cancellable_new ();
  byline_post_index_scan_async (root, self->library, self->index_cancellable,
                                byline_form_post_index_scan_cb, g_object_ref (self));
}

/* --- GObject ----------------------------------------------------------------- */

static void
byline_form_dispose (GObject *object)
{
  BylineForm *self = BYLINE_FORM (object);

  byline_form_set_document (self, NULL);
  g_cancellable_cancel (self->index_cancellable);
  g_clear_object (&self->index_cancellable);
  if (self->library != NULL)
    g_clear_signal_handler (&self->library_loading_handler, self->library);
  g_clear_object (&self->library);
  g_cancellable_cancel (self->ids_cancellable);
  g_clear_object (&self->ids_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), BYLINE_TYPE_FORM);

  G_OBJECT_CLASS (byline_form_parent_class)->dispose (object);
}

static void
byline_form_finalize (GObject *object)
{
  BylineForm *self = BYLINE_FORM (object);

  g_clear_pointer (&self->post, byline_post_unref);
  g_clear_pointer (&self->schema, byline_schema_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->unknown_buttons, g_hash_table_unref);
  g_clear_pointer (&self->unknown_signature, g_free);
  g_clear_pointer (&self->tag_suggestions, g_strfreev);
  g_clear_pointer (&self->message, g_free);
  g_clear_object (&self->folder);
  g_clear_pointer (&self->site, byline_site_unref);

  G_OBJECT_CLASS (byline_form_parent_class)->finalize (object);
}

static void
byline_form_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  BylineForm *self = BYLINE_FORM (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;

    case PROP_FOLDER:
      g_value_set_object (value, self->folder);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_form_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  BylineForm *self = BYLINE_FORM (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      byline_form_set_document (self, g_value_get_object (value));
      break;

    case PROP_FOLDER:
      byline_form_set_folder (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_form_class_init (BylineFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = byline_form_dispose;
  object_class->finalize = byline_form_finalize;
  object_class->get_property = byline_form_get_property;
  object_class->set_property = byline_form_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL,
                         BYLINE_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOLDER] =
    g_param_spec_object ("folder", NULL, NULL,
                         G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BylineForm::go-to-line:
   * @line: 1-based line in the post's text
   * @column: 1-based column, in characters
   *
   * The user asked to see a place of the text in the editor: a YAML error
   * or an unknown key.
   */
  signals[GO_TO_LINE] =
    g_signal_new ("go-to-line",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);

  /* Static library: referencing the bundle keeps the linker from dropping it
   * (and with it the constructor that registers it). */
  (void) byline_form_resources_get_resource ();
  g_type_ensure (ADW_TYPE_PREFERENCES_GROUP);
  g_type_ensure (ADW_TYPE_CLAMP);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/byline/Byline/form/byline-form.ui");
  gtk_widget_class_bind_template_child (widget_class, BylineForm, scroller);
  gtk_widget_class_bind_template_child (widget_class, BylineForm, status_box);
  gtk_widget_class_bind_template_child (widget_class, BylineForm, status_icon);
  gtk_widget_class_bind_template_child (widget_class, BylineForm, status_label);
  gtk_widget_class_bind_template_child (widget_class, BylineForm, goto_button);
  gtk_widget_class_bind_template_child (widget_class, BylineForm, other_issues);
  gtk_widget_class_bind_template_child (widget_class, BylineForm, fields_group);
  gtk_widget_class_bind_template_child (widget_class, BylineForm, unknown_group);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "bylineform");
}

static void
load_css (void)
{
  static gsize done = 0;
  GdkDisplay *display = gdk_display_get_default ();

  if (display == NULL || !g_once_init_enter (&done))
    return;

  {
    g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (provider, "/io/github/byline/Byline/form/byline-form.css");
    gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }

  g_once_init_leave (&done, 1);
}

static void
byline_form_init (BylineForm *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  load_css ();

  self->rows = g_ptr_array_new_with_free_func (field_row_free);
  self->unknown_buttons = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_signal_connect_object (self->goto_button, "clicked", G_CALLBACK (byline_form_goto_button_clicked_cb), self, 0);

  /* No document yet: nothing to edit. */
  gtk_widget_set_sensitive (self->fields_group, FALSE);
}

/**
 * byline_form_new:
 *
 * Returns: (transfer floating): a new form, empty until a buffer is set
 */
GtkWidget *
byline_form_new (void)
{
  return g_object_new (BYLINE_TYPE_FORM, NULL);
}

/**
 * byline_form_get_document:
 *
 * Returns: (transfer none) (nullable): the document the form shows
 */
BylineDocument *
byline_form_get_document (BylineForm *self)
{
  g_return_val_if_fail (BYLINE_IS_FORM (self), NULL);

  return self->document;
}

/**
 * byline_form_set_document:
 * @document: (nullable): the post to show
 *
 * Shows @document's frontmatter as it is in each of its posts; edits in the
 * form go into @document, one user action each.
 */
void
byline_form_set_document (BylineForm     *self,
                          BylineDocument *document)
{
  g_return_if_fail (BYLINE_IS_FORM (self));
  g_return_if_fail (document == NULL || BYLINE_IS_DOCUMENT (document));

  if (self->document == document)
    return;

  /* A value typed for the old document must not land in the new one. */
  for (guint i = 0; self->rows != NULL && i < self->rows->len; i++)
    {
      FieldRow *fr = g_ptr_array_index (self->rows, i);

      g_clear_handle_id (&fr->commit_source, g_source_remove);
    }

  if (self->document != NULL)
    {
      g_clear_signal_handler (&self->post_handler, self->document);
      g_clear_object (&self->document);
    }

  if (document != NULL)
    {
      self->document = g_object_ref (document);
      self->post_handler = g_signal_connect_object (document, "notify::post",
                                                    G_CALLBACK (byline_form_document_notify_post_cb),
                                                    self, G_CONNECT_SWAPPED);
      /* A new document: whatever had focus belongs to the old one. */
      self->force_update = TRUE;
      refresh (self, byline_document_get_post (document));
      self->force_update = FALSE;
    }
  else
    {
      g_clear_pointer (&self->post, byline_post_unref);
      if (self->fields_group != NULL)
        gtk_widget_set_sensitive (self->fields_group, FALSE);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

/**
 * byline_form_get_folder:
 *
 * Returns: (transfer none) (nullable): the folder tags are suggested from
 */
GFile *
byline_form_get_folder (BylineForm *self)
{
  g_return_val_if_fail (BYLINE_IS_FORM (self), NULL);

  return self->folder;
}

typedef struct
{
  BylineForm *form;
  char       *collection;
  char       *path_name;   /* the row's, looked up again when the ids are in */
} IdsRequest;

static void
byline_form_ids_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  IdsRequest *request = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = byline_site_dup_entry_ids_finish (result, &error);
  FieldRow *fr;

  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No entries for %s: %s", request->collection, error->message);
    }
  /* The rows may have been rebuilt since: the same key, the same kind. */
  else if ((fr = find_row (request->form, request->path_name)) != NULL &&
           is_reference_list (fr->field) && BYLINE_IS_TAG_ENTRY (fr->editor))
    {
      byline_tag_entry_set_suggestions (BYLINE_TAG_ENTRY (fr->editor), (const char * const *) ids);
    }

  g_object_unref (request->form);
  g_free (request->collection);
  g_free (request->path_name);
  g_free (request);
}

/* Reads, on a worker, the ids each list of references may hold. */
static void
load_reference_ids (BylineForm *self)
{
  if (self->ids_cancellable != NULL)
    g_cancellable_cancel (self->ids_cancellable);
  g_clear_object (&self->ids_cancellable);

  if (self->site == NULL)
    return;

  for (guint i = 0; i < self->rows->len; i++)
    {
      FieldRow *fr = g_ptr_array_index (self->rows, i);
      IdsRequest *request;

      if (!is_reference_list (fr->field) || !BYLINE_IS_TAG_ENTRY (fr->editor))
        continue;
      if (self->ids_cancellable == NULL)
        self->ids_cancellable = g_cancellable_new ();
      request = g_new0 (IdsRequest, 1);
      request->form = g_object_ref (self);
      request->collection = g_strdup (fr->field->item->reference);
      request->path_name = g_strdup (fr->path_name);
      byline_site_dup_entry_ids_async (self->site, request->collection, self->ids_cancellable,
                                       byline_form_ids_cb, request);
    }
}

/**
 * byline_form_set_site:
 * @self: a form
 * @site: (nullable): the site of the document's post
 *
 * The site image fields resolve their paths in (their thumbnails, and
 * what a chosen file is written as) and reference fields find the ids of
 * the referenced collection in.
 */
void
byline_form_set_site (BylineForm *self,
                      BylineSite *site)
{
  g_autofree char *post_path = NULL;

  g_return_if_fail (BYLINE_IS_FORM (self));

  if (site != NULL)
    byline_site_ref (site);
  g_clear_pointer (&self->site, byline_site_unref);
  self->site = site;

  post_path = dup_post_path (self);
  for (guint i = 0; i < self->rows->len; i++)
    {
      FieldRow *fr = g_ptr_array_index (self->rows, i);

      if (fr->image_picker != NULL)
        byline_image_picker_set_site (BYLINE_IMAGE_PICKER (fr->image_picker), site, post_path);
      if (fr->completion != NULL)
        byline_reference_completion_set_site (BYLINE_REFERENCE_COMPLETION (fr->completion),
                                              site, fr->field->reference);
    }
  load_reference_ids (self);
}

/**
 * byline_form_set_folder:
 * @folder: (nullable): the folder the post is in
 *
 * Scans the posts of @folder's collection (see
 * byline_post_index_find_root()) in the background and offers their tags
 * while the user types a new one.
 */
void
byline_form_set_folder (BylineForm *self,
                        GFile      *folder)
{
  g_return_if_fail (BYLINE_IS_FORM (self));
  g_return_if_fail (folder == NULL || G_IS_FILE (folder));

  if (self->folder == folder ||
      (self->folder != NULL && folder != NULL && g_file_equal (self->folder, folder)))
    return;

  g_set_object (&self->folder, folder);
  set_tag_suggestions (self, NULL);
  byline_form_count_posts (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLDER]);
}

/**
 * byline_form_set_library:
 * @library: (nullable): the window's library
 *
 * Where the form counts the tags the site's posts use when it holds them,
 * rather than reading the post's folder itself.
 */
void
byline_form_set_library (BylineForm         *self,
                         BylineLibraryIndex *library)
{
  gboolean waiting;

  g_return_if_fail (BYLINE_IS_FORM (self));
  g_return_if_fail (library == NULL || BYLINE_IS_LIBRARY_INDEX (library));

  if (self->library == library)
    return;
  waiting = self->library_loading_handler != 0;
  if (self->library != NULL)
    g_clear_signal_handler (&self->library_loading_handler, self->library);
  g_set_object (&self->library, library);
  /* Suggestions counted or being read stay: the same posts either way. A
   * form that waited for the old library counts now. */
  if (waiting)
    byline_form_count_posts (self);
}

/**
 * byline_form_get_field_widget:
 * @key: a frontmatter key
 *
 * For a schema field, the widget that edits it (an #AdwEntryRow, a
 * #GtkTextView, a #GtkSwitch, a #BylineDatetimeRow or a #BylineTagEntry);
 * for a key the schema doesn't know, the button that shows it in the editor.
 *
 * Returns: (transfer none) (nullable): the widget, or %NULL
 */
GtkWidget *
byline_form_get_field_widget (BylineForm *self,
                              const char *key)
{
  FieldRow *fr;

  g_return_val_if_fail (BYLINE_IS_FORM (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  fr = find_row (self, key);
  if (fr != NULL)
    return fr->editor;

  return g_hash_table_lookup (self->unknown_buttons, key);
}

/**
 * byline_form_get_message:
 *
 * Returns: (nullable): what the form says above the fields (why the
 *   frontmatter can't be read), or %NULL
 */
const char *
byline_form_get_message (BylineForm *self)
{
  g_return_val_if_fail (BYLINE_IS_FORM (self), NULL);

  return self->message;
}

/**
 * byline_form_get_error_position:
 * @line: (out) (optional): 1-based line of the YAML error
 * @column: (out) (optional): 1-based column, in characters
 *
 * Returns: %TRUE when the frontmatter can't be read and the place is known
 */
gboolean
byline_form_get_error_position (BylineForm *self,
                                guint      *line,
                                guint      *column)
{
  g_return_val_if_fail (BYLINE_IS_FORM (self), FALSE);

  if (line != NULL)
    *line = self->error_line;
  if (column != NULL)
    *column = self->error_column;

  return self->error_line > 0;
}

/**
 * byline_form_go_to_error:
 *
 * Emits #BylineForm::go-to-line with the YAML error's place, as the
 * "Go to Error" button does. Does nothing when there is no error.
 */
void
byline_form_go_to_error (BylineForm *self)
{
  g_return_if_fail (BYLINE_IS_FORM (self));

  if (self->error_line > 0)
    g_signal_emit (self, signals[GO_TO_LINE], 0, self->error_line, MAX (self->error_column, 1));
}
