/* byline-cli-set.c: `byline set FILE KEY=VALUE… [--unset KEY]… [--dry-run]`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>

#include "byline-datetime.h"
#include "byline-frontmatter.h"
#include "byline-schema.h"
#include "byline-site.h"

#include "byline-cli-private.h"
#include "byline-cli-util.h"

typedef enum
{
  CHANGE_TYPED,   /* KEY=VALUE: VALUE typed by the schema */
  CHANGE_RAW,     /* KEY:=YAML */
  CHANGE_UNSET,   /* --unset KEY */
} ChangeKind;

typedef struct
{
  ChangeKind  kind;
  char       *key;
  char       *value;
} Change;

static void
change_free (Change *change)
{
  g_free (change->key);
  g_free (change->value);
  g_free (change);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Change, change_free)

static Change *
change_parse (const char  *arg,
              GError     **error)
{
  g_autoptr(Change) change = g_new0 (Change, 1);
  const char *eq = strchr (arg, '=');
  gsize key_len;

  if (eq == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("“%s” is not KEY=VALUE or KEY:=YAML"), arg);
      return NULL;
    }

  key_len = eq - arg;
  change->kind = CHANGE_TYPED;
  if (key_len > 0 && arg[key_len - 1] == ':')
    {
      change->kind = CHANGE_RAW;
      key_len--;
    }

  if (key_len == 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("“%s” has no key before “=”"), arg);
      return NULL;
    }

  change->key = g_strndup (arg, key_len);
  change->value = g_strdup (eq + 1);

  return g_steal_pointer (&change);
}

/* `a, b ,c` → {"a", "b", "c"}; blanks around items are not part of a tag. */
static GStrv
split_comma_list (const char *value)
{
  g_auto(GStrv) parts = g_strsplit (value, ",", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (parts[i][0] != '\0')
        g_strv_builder_add (builder, parts[i]);
    }

  return g_strv_builder_end (builder);
}

/* `[a, "b c"]`: read by the engine itself, so quoting and escapes mean what
 * they mean in the file. */
static GStrv
parse_flow_list (const char  *value,
                 GError     **error)
{
  g_autoptr(BylineFrontmatter) parsed = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_autofree char *text = NULL;
  const BylineEntry *entry;

  text = g_strdup_printf ("---\nv: %s\n---\n", value);
  parsed = byline_frontmatter_parse (text, strlen (text));
  entry = byline_frontmatter_get_error (parsed) == NULL
            ? byline_frontmatter_lookup (parsed, "v")
            : NULL;

  if (entry == NULL ||
      entry->value->type != BYLINE_VALUE_SEQUENCE ||
      byline_frontmatter_get_n_entries (parsed) != 1)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("“%s” is not a YAML flow list such as [a, \"b c\"]"), value);
      return NULL;
    }

  builder = g_strv_builder_new ();
  for (guint i = 0; i < entry->value->items->len; i++)
    {
      const BylineNode *item = g_ptr_array_index (entry->value->items, i);

      if (item->string == NULL)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("“%s”: list items must be plain values, not lists or mappings"),
                       value);
          return NULL;
        }
      g_strv_builder_add (builder, item->string);
    }

  return g_strv_builder_end (builder);
}

static BylineTextEdit *
plan_typed (BylineFrontmatter  *frontmatter,
            const BylineField  *field,
            const char * const *path,
            const Change       *change,
            GError            **error)
{
  const char *key = change->key;
  const char *value = change->value;
  BylineField existing = { key, BYLINE_FIELD_STRING, FALSE, TRUE, NULL, NULL, 0 };

  /* A key the schema does not know (every key, while an Astro site's
   * schemas are not written) keeps the type the post gives it; a new one
   * is a string, and a raw value needs `:=`. */
  if (field == NULL)
    {
      const BylineEntry *entry = byline_frontmatter_lookup_path (frontmatter, path);

      if (entry == NULL)
        return byline_frontmatter_plan_set_string_path (frontmatter, path, value, error);

      switch (entry->value->type)
        {
        case BYLINE_VALUE_BOOLEAN:
          existing.type = BYLINE_FIELD_BOOLEAN;
          break;
        case BYLINE_VALUE_INTEGER:
        case BYLINE_VALUE_FLOAT:
          existing.type = BYLINE_FIELD_NUMBER;
          break;
        case BYLINE_VALUE_TIMESTAMP:
          existing.type = BYLINE_FIELD_TIMESTAMP;
          break;
        case BYLINE_VALUE_SEQUENCE:
          existing.type = BYLINE_FIELD_STRING_LIST;
          break;
        case BYLINE_VALUE_MAPPING:
          existing.type = BYLINE_FIELD_OBJECT;
          break;
        case BYLINE_VALUE_NULL:
        case BYLINE_VALUE_STRING:
        default:
          return byline_frontmatter_plan_set_string_path (frontmatter, path, value, error);
        }
      field = &existing;
    }

  switch (field->type)
    {
    case BYLINE_FIELD_BOOLEAN:
      if (strcmp (value, "true") == 0)
        return byline_frontmatter_plan_set_boolean_path (frontmatter, path, TRUE, error);
      if (strcmp (value, "false") == 0)
        return byline_frontmatter_plan_set_boolean_path (frontmatter, path, FALSE, error);
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("%s takes true or false, not “%s”"), key, value);
      return NULL;

    case BYLINE_FIELD_TIMESTAMP:
      {
        g_autoptr(GDateTime) date_time = NULL;

        if (field->nullable && (value[0] == '\0' || strcmp (value, "null") == 0))
          return byline_frontmatter_plan_set_null_path (frontmatter, path, error);

        date_time = byline_date_time_parse_user (value, error);
        if (date_time == NULL)
          return NULL;
        return byline_frontmatter_plan_set_timestamp_path (frontmatter, path, date_time, error);
      }

    case BYLINE_FIELD_STRING_LIST:
      {
        g_auto(GStrv) items = NULL;
        const char *start = value + strspn (value, " \t");

        if (start[0] == '[')
          items = parse_flow_list (value, error);
        else
          items = split_comma_list (value);
        if (items == NULL)
          return NULL;
        return byline_frontmatter_plan_set_list_path (frontmatter, path,
                                                 (const char * const *) items, error);
      }

    case BYLINE_FIELD_DATE:
      {
        g_autoptr(GDateTime) date_time = NULL;

        if (field->nullable && (value[0] == '\0' || strcmp (value, "null") == 0))
          return byline_frontmatter_plan_set_null_path (frontmatter, path, error);
        date_time = byline_date_time_parse_user (value, error);
        if (date_time == NULL)
          return NULL;
        return byline_frontmatter_plan_set_timestamp_path (frontmatter, path, date_time, error);
      }

    case BYLINE_FIELD_INTEGER:
    case BYLINE_FIELD_NUMBER:
      {
        char *end = NULL;
        double number;

        number = g_ascii_strtod (value, &end);
        if (*value == '\0' || end == NULL || *end != '\0' || g_ascii_isspace (*value) ||
            (field->type == BYLINE_FIELD_INTEGER && number != (double) (gint64) number))
          {
            g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                         field->type == BYLINE_FIELD_INTEGER
                           ? _("%s takes a whole number, not “%s”")
                           : _("%s takes a number, not “%s”"),
                         key, value);
            return NULL;
          }
        /* Written as typed: 3, 4.5, 1e3 are YAML numbers as they are. */
        return byline_frontmatter_plan_set_raw_path (frontmatter, path, value, error);
      }

    case BYLINE_FIELD_ENUM:
      if (field->enum_values != NULL && !g_strv_contains (field->enum_values, value))
        {
          g_autofree char *values = g_strjoinv (", ", (char **) field->enum_values);

          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("%s takes one of %s, not “%s”"), key, values, value);
          return NULL;
        }
      return byline_frontmatter_plan_set_string_path (frontmatter, path, value, error);

    case BYLINE_FIELD_OBJECT:
    case BYLINE_FIELD_LIST:
    case BYLINE_FIELD_ANY:
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("%s takes YAML (a mapping or a list): write %s:=VALUE"), key, key);
      return NULL;

    case BYLINE_FIELD_STRING:
    case BYLINE_FIELD_TEXT:
    case BYLINE_FIELD_URL:
    case BYLINE_FIELD_TIMEZONE:
    case BYLINE_FIELD_SLUG:
    case BYLINE_FIELD_IMAGE:
    case BYLINE_FIELD_REFERENCE:
    default:
      /* Taken literally: `title=Colon: and #hash` is a title. The schema
       * checks URLs, zones and slugs; `byline check` reports them. */
      return byline_frontmatter_plan_set_string_path (frontmatter, path, value, error);
    }
}

/* The keys a change names: `author.name` is `author`, `name` when the post
 * has no top-level key of that name and the schema knows none. */
static GStrv
change_path (BylineFrontmatter *frontmatter,
             BylineSchema      *schema,
             const char        *key)
{
  g_auto(GStrv) parts = NULL;

  if (strchr (key, '.') == NULL || byline_frontmatter_lookup (frontmatter, key) != NULL ||
      byline_schema_lookup (schema, key) != NULL)
    {
      char *one[] = { (char *) key, NULL };

      return g_strdupv (one);
    }
  parts = g_strsplit (key, ".", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (parts[i][0] == '\0')
      {
        char *one[] = { (char *) key, NULL };

        return g_strdupv (one);
      }
  return g_steal_pointer (&parts);
}

/* The schema's field at @path, through its objects' fields. */
static const BylineField *
field_at_path (BylineSchema       *schema,
               const char * const *path)
{
  const BylineField *field = byline_schema_lookup (schema, path[0]);

  for (guint i = 1; field != NULL && path[i] != NULL; i++)
    {
      const BylineField *sub = NULL;

      if (field->type != BYLINE_FIELD_OBJECT)
        return NULL;
      for (guint k = 0; k < field->n_fields && sub == NULL; k++)
        if (g_strcmp0 (field->fields[k].name, path[i]) == 0)
          sub = &field->fields[k];
      field = sub;
    }
  return field;
}

static BylineFrontmatter *
parse_ordered (const char   *text,
               gsize         len,
               BylineSchema *schema)
{
  BylineFrontmatter *frontmatter = byline_frontmatter_parse (text, len);

  /* Where an added key goes: modDatetime after pubDatetime, and so on. */
  byline_frontmatter_set_key_order (frontmatter, byline_schema_get_key_order (schema));

  return frontmatter;
}

int
_byline_cli_set (int    argc,
                 char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(BylineSchema) schema = NULL;
  g_autoptr(BylineFrontmatter) frontmatter = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) unset = NULL;
  g_autofree char *text = NULL;
  BylineFileStamp stamp;
  const char *file_name;
  gboolean dry_run = FALSE;
  gboolean changed = FALSE;
  gsize len = 0;
  const GOptionEntry entries[] = {
    { "unset", 'u', 0, G_OPTION_ARG_STRING_ARRAY, &unset,
      N_("Remove KEY and its value (may be repeated)"), N_("KEY") },
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Print the new file instead of writing it"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("FILE KEY=VALUE… — change frontmatter values"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Changes values in the frontmatter of the post FILE. Only the\n"
                                  "entries named change; every other byte of the file stays as it was.\n"
                                  "\n"
                                  "VALUE is read as the post’s site’s schema types KEY (see\n"
                                  "“byline schema FILE”; a post in no site: AstroPaper’s), or,\n"
                                  "for a key the schema does not know, as the post types it now:\n"
                                  "  booleans      true or false\n"
                                  "  numbers       3, 4.5 (whole numbers where the schema says so)\n"
                                  "  enums         one of the schema’s values\n"
                                  "  timestamps    ISO 8601 (2025-01-31T09:30:00+01:00) or now,\n"
                                  "                written in the style the file already uses;\n"
                                  "                empty or null clears one that may be empty\n"
                                  "  lists (tags)  a,b,c or a YAML flow list [a, \"b c\"]\n"
                                  "  anything else a string, taken literally: title=Colon: and #hash\n"
                                  "KEY:=YAML sets any key to a raw YAML value, e.g. seo:={title: x};\n"
                                  "mappings and lists of mappings take only that. In TOML (+++)\n"
                                  "frontmatter the raw value is TOML (seo:={ title = \"x\" }), and\n"
                                  "null (empty, for a timestamp) removes the key.\n"
                                  "A dotted KEY (author.name) names a key inside a mapping, when\n"
                                  "the post and the schema have no top-level key of that name.\n"
                                  "Changes apply in order, then the --unset ones; unsetting a key\n"
                                  "that is not there is noted on stderr and is not an error.\n"
                                  "\n"
                                  "The file is replaced atomically and keeps its mode and owner; a\n"
                                  "symbolic link keeps pointing at the edited file. A read-only file,\n"
                                  "or one changed by someone else while this runs, is left alone."));
  g_option_context_set_description (context,
                                    _("Exit status:\n"
                                      "  0  written (or printed with --dry-run)\n"
                                      "  2  usage error, unreadable file, broken frontmatter, a value\n"
                                      "     the key cannot take, or a failed write; the file is untouched"));
  if (!_byline_cli_parse_options (context, "set", &argc, &argv))
    return 2;

  if (argc < 2)
    return _byline_cli_usage_error ("set", _("expected FILE and KEY=VALUE…"));
  if (argc < 3 && (unset == NULL || unset[0] == NULL))
    return _byline_cli_usage_error ("set", _("nothing to change: give KEY=VALUE or --unset KEY"));

  file_name = argv[1];

  changes = g_ptr_array_new_with_free_func ((GDestroyNotify) change_free);
  for (int i = 2; i < argc; i++)
    {
      Change *change = change_parse (argv[i], &error);

      if (change == NULL)
        return _byline_cli_usage_error ("set", error->message);
      g_ptr_array_add (changes, change);
    }
  for (guint i = 0; unset != NULL && unset[i] != NULL; i++)
    {
      Change *change = g_new0 (Change, 1);

      change->kind = CHANGE_UNSET;
      change->key = g_strdup (unset[i]);
      g_ptr_array_add (changes, change);
    }

  /* Setting and unsetting one key in one command has no clear meaning. */
  for (guint i = 0; i < changes->len; i++)
    {
      const Change *a = g_ptr_array_index (changes, i);

      for (guint j = i + 1; j < changes->len; j++)
        {
          const Change *b = g_ptr_array_index (changes, j);

          if (strcmp (a->key, b->key) == 0 && (a->kind == CHANGE_UNSET) != (b->kind == CHANGE_UNSET))
            {
              g_autofree char *message =
                g_strdup_printf (_("“%s” is both set and unset"), a->key);

              return _byline_cli_usage_error ("set", message);
            }
        }
    }

  text = _byline_cli_read_post (file_name, &len, &stamp, &error);
  if (text == NULL)
    {
      g_printerr ("byline set: %s\n", error->message);
      return 2;
    }

  /* In-place edits are safe only on text we can read as the site does. */
  if (!g_utf8_validate_len (text, len, NULL))
    {
      g_printerr ("byline set: %s: %s\n", file_name,
                  _("not valid UTF-8; refusing to edit it"));
      return 2;
    }

  /* The post's site's schema types the values and places new keys; a lone
   * post is typed as AstroPaper's, as it always was. */
  {
    g_autoptr(BylineSite) site = byline_site_find (file_name, NULL);

    schema = site != NULL ? byline_site_get_schema_for (site, file_name, NULL)
                          : byline_schema_new_astropaper ();
  }
  frontmatter = parse_ordered (text, len, schema);
  if (_byline_cli_report_parse_error ("set", file_name, frontmatter))
    return 2;

  for (guint i = 0; i < changes->len; i++)
    {
      const Change *change = g_ptr_array_index (changes, i);
      g_autoptr(BylineTextEdit) edit = NULL;
      g_autoptr(BylineFrontmatter) next = NULL;
      g_autofree char *new_text = NULL;
      g_auto(GStrv) path = change_path (frontmatter, schema, change->key);
      gsize new_len = 0;

      switch (change->kind)
        {
        case CHANGE_UNSET:
          if (byline_frontmatter_lookup_path (frontmatter, (const char * const *) path) == NULL)
            {
              g_printerr ("byline set: %s: ", file_name);
              g_printerr (_("no key “%s” to unset"), change->key);
              g_printerr ("\n");
              continue;
            }
          edit = byline_frontmatter_plan_unset_path (frontmatter, (const char * const *) path, &error);
          break;

        case CHANGE_RAW:
          edit = byline_frontmatter_plan_set_raw_path (frontmatter, (const char * const *) path,
                                                       change->value, &error);
          break;

        case CHANGE_TYPED:
        default:
          edit = plan_typed (frontmatter, field_at_path (schema, (const char * const *) path),
                             (const char * const *) path, change, &error);
          break;
        }

      if (edit == NULL)
        {
          g_printerr ("byline set: %s: %s: %s\n", file_name, change->key, error->message);
          return 2;
        }

      new_text = byline_text_edit_apply (edit, text, len, &new_len);
      next = parse_ordered (new_text, new_len, schema);

      /* Never write what does not parse (a raw value can break the block). */
      if (byline_frontmatter_get_error (next) != NULL)
        {
          g_printerr ("byline set: %s: %s: ", file_name, change->key);
          g_printerr (_("the new value would break the frontmatter: %s"),
                      byline_frontmatter_get_error (next)->message);
          g_printerr ("\n");
          return 2;
        }

      if (new_len != len || memcmp (new_text, text, len) != 0)
        changed = TRUE;

      g_free (text);
      text = g_steal_pointer (&new_text);
      len = new_len;
      g_clear_pointer (&frontmatter, byline_frontmatter_unref);
      frontmatter = g_steal_pointer (&next);
    }

  if (dry_run)
    {
      if (!_byline_cli_write_stdout (text, len))
        {
          g_printerr ("byline set: %s\n", g_strerror (errno));
          return 2;
        }
      return 0;
    }

  /* Nothing changed: leave the file, and its modification time, alone. */
  if (!changed)
    return 0;

  if (!_byline_cli_replace_post (file_name, text, len, &stamp, &error))
    {
      g_printerr ("byline set: %s\n", error->message);
      return 2;
    }

  return 0;
}
