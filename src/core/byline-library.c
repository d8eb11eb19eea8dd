/* byline-library.c: every post of a site, read on worker threads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "byline-file-io.h"
#include "byline-library.h"
#include "byline-post.h"

/* A post bigger than this is listed, with a problem, but not read. */
#define MAX_POST_SIZE         (16 * 1024 * 1024)
/* Below this many posts per thread a thread costs more than it saves. */
#define MIN_POSTS_PER_THREAD  64
#define MAX_THREADS           8
/* How long an update read may hold the main thread at a stretch. */
#define APPLY_SLICE_US        4000

/* The classes of bytes in add_pairs(). */
#define PAIR_CLASSES 64

struct _BylineLibraryPost
{
  GObject     parent_instance;

  char       *path;            /* absolute, canonical */
  char       *relative_path;   /* to the site's root */
  char       *collection;
  char       *title;
  char       *description;
  char       *display_title;   /* the title, or the file's name */
  char       *title_key;       /* g_utf8_collate_key() of it, for sorting by title */
  char       *search_text;     /* casefolded title, description and body */
  char      **tags;
  const char **folded_tags;    /* the tags, casefolded and interned, for the tag filter */
  char      **list_values;     /* key, value, key, value, …: see collect_list_values() */
  GDateTime  *published;
  GDateTime  *modified;
  GPtrArray  *problems;        /* BylineDiagnostic */
  gint64      mtime;           /* µs since the epoch, 0 unknown */
  guint       n_errors;
  guint       draft : 1;
  guint       unparsed : 1;
  guint       featured : 1;
  guint       scheduled : 1;
  guint       expired : 1;
  /* last: what the filters read (above) stays on the object's first lines */
  guint64     pairs[PAIR_CLASSES * PAIR_CLASSES / 64]; /* see add_pairs() */
};

G_DEFINE_FINAL_TYPE (BylineLibraryPost, byline_library_post, G_TYPE_OBJECT)

enum {
  POST_PROP_0,
  POST_PROP_PATH,
  POST_PROP_TITLE,
  POST_PROP_DISPLAY_TITLE,
  POST_PROP_COLLECTION,
  POST_PROP_PUBLISHED,
  POST_PROP_MTIME,
  POST_PROP_DRAFT,
  POST_PROP_FEATURED,
  POST_PROP_SCHEDULED,
  POST_PROP_N_ERRORS,
  POST_N_PROPS
};

static GParamSpec *post_properties[POST_N_PROPS];

static void
byline_library_post_finalize (GObject *object)
{
  BylineLibraryPost *self = BYLINE_LIBRARY_POST (object);

  g_free (self->path);
  g_free (self->relative_path);
  g_free (self->collection);
  g_free (self->title);
  g_free (self->description);
  g_free (self->display_title);
  g_free (self->title_key);
  g_free (self->search_text);
  g_strfreev (self->tags);
  g_free (self->folded_tags);
  g_strfreev (self->list_values);
  g_clear_pointer (&self->published, g_date_time_unref);
  g_clear_pointer (&self->modified, g_date_time_unref);
  g_clear_pointer (&self->problems, g_ptr_array_unref);

  G_OBJECT_CLASS (byline_library_post_parent_class)->finalize (object);
}

static void
byline_library_post_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  BylineLibraryPost *self = BYLINE_LIBRARY_POST (object);

  switch (prop_id)
    {
    case POST_PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case POST_PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case POST_PROP_DISPLAY_TITLE:
      g_value_set_string (value, self->display_title);
      break;
    case POST_PROP_COLLECTION:
      g_value_set_string (value, self->collection);
      break;
    case POST_PROP_PUBLISHED:
      g_value_set_boxed (value, self->published);
      break;
    case POST_PROP_MTIME:
      g_value_set_int64 (value, self->mtime);
      break;
    case POST_PROP_DRAFT:
      g_value_set_boolean (value, self->draft);
      break;
    case POST_PROP_FEATURED:
      g_value_set_boolean (value, self->featured);
      break;
    case POST_PROP_SCHEDULED:
      g_value_set_boolean (value, self->scheduled);
      break;
    case POST_PROP_N_ERRORS:
      g_value_set_uint (value, self->n_errors);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_library_post_class_init (BylineLibraryPostClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = byline_library_post_finalize;
  object_class->get_property = byline_library_post_get_property;

  /* Read-only: a post is a snapshot; a change on disk makes a new one. The
   * properties are there for GtkExpressions (sorters, binding rows). */
  post_properties[POST_PROP_PATH] = g_param_spec_string ("path", NULL, NULL, NULL, flags);
  post_properties[POST_PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  post_properties[POST_PROP_DISPLAY_TITLE] =
    g_param_spec_string ("display-title", NULL, NULL, NULL, flags);
  post_properties[POST_PROP_COLLECTION] =
    g_param_spec_string ("collection", NULL, NULL, NULL, flags);
  post_properties[POST_PROP_PUBLISHED] =
    g_param_spec_boxed ("published", NULL, NULL, G_TYPE_DATE_TIME, flags);
  post_properties[POST_PROP_MTIME] =
    g_param_spec_int64 ("mtime", NULL, NULL, 0, G_MAXINT64, 0, flags);
  post_properties[POST_PROP_DRAFT] = g_param_spec_boolean ("draft", NULL, NULL, FALSE, flags);
  post_properties[POST_PROP_FEATURED] =
    g_param_spec_boolean ("featured", NULL, NULL, FALSE, flags);
  post_properties[POST_PROP_SCHEDULED] =
    g_param_spec_boolean ("scheduled", NULL, NULL, FALSE, flags);
  post_properties[POST_PROP_N_ERRORS] =
    g_param_spec_uint ("n-errors", NULL, NULL, 0, G_MAXUINT, 0, flags);

  g_object_class_install_properties (object_class, POST_N_PROPS, post_properties);
}

static void
byline_library_post_init (BylineLibraryPost *self)
{
}

/* Hugo reads front matter keys case-insensitively: `publishdate` is
 * `publishDate`. */
static GDateTime *
dup_first_date (BylinePost         *post,
                const char * const *keys)
{
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autofree char *lower = g_ascii_strdown (keys[i], -1);
      GDateTime *date = byline_post_dup_date (post, keys[i]);

      if (date == NULL && strcmp (lower, keys[i]) != 0)
        date = byline_post_dup_date (post, lower);
      if (date != NULL)
        return date;
    }

  return NULL;
}

static gboolean
get_false (BylineFrontmatter *fm,
           const char        *key)
{
  const BylineEntry *entry = byline_frontmatter_lookup (fm, key);

  return entry != NULL && entry->value != NULL && entry->value->type == BYLINE_VALUE_BOOLEAN &&
         !entry->value->boolean;
}

/* The dates as the generator reads them. Hugo: `date` falls back to
 * publishDate, pubdate, published, lastmod, modified; the page is published
 * from `publishDate` (falling back to pubdate, published, date): a future
 * one keeps it out of the build, as a future date does elsewhere
 * (AstroPaper's postFilter, Jekyll without --future). Jekyll: a post
 * without `date` takes its file name's; `published: false` keeps it out of
 * the build like a draft, and a file in `_drafts/` is a draft. */
static void
read_dates (BylineLibraryPost *self,
            BylineSite        *site,
            BylinePost        *post,
            GDateTime         *now)
{
  static const char * const hugo_date[] = {
    "date", "publishDate", "pubdate", "published", "lastmod", "modified", NULL
  };
  static const char * const hugo_publish[] = {
    "publishDate", "pubdate", "published", "date", NULL
  };
  static const char * const hugo_lastmod[] = { "lastmod", "modified", NULL };
  static const char * const hugo_expiry[] = { "expiryDate", "unpublishdate", NULL };
  BylineGenerator generator = site != NULL ? byline_site_get_generator (site)
                                           : BYLINE_GENERATOR_NONE;
  g_autoptr(GDateTime) publish = NULL;

  if (generator == BYLINE_GENERATOR_HUGO)
    {
      self->published = dup_first_date (post, hugo_date);
      self->modified = dup_first_date (post, hugo_lastmod);
      publish = dup_first_date (post, hugo_publish);
      {
        g_autoptr(GDateTime) expiry = dup_first_date (post, hugo_expiry);

        self->expired = expiry != NULL && now != NULL && g_date_time_compare (expiry, now) <= 0;
      }
    }
  else
    {
      GDateTime *published = byline_post_get_published (post);
      GDateTime *modified = byline_post_get_modified (post);

      if (published != NULL)
        self->published = g_date_time_ref (published);
      else if (site != NULL)
        self->published = byline_site_dup_path_date (site, self->path);
      if (modified != NULL)
        self->modified = g_date_time_ref (modified);
      if (self->published != NULL)
        publish = g_date_time_ref (self->published);
    }

  if (generator == BYLINE_GENERATOR_JEKYLL)
    self->draft |= g_strcmp0 (self->collection, "drafts") == 0 ||
                   get_false (byline_post_get_frontmatter (post), "published");

  self->scheduled = !self->draft && publish != NULL && now != NULL &&
                    g_date_time_compare (publish, now) > 0;
}

/* Appends @text casefolded to @out. ASCII, most of a post, is lowered in
 * place in one pass (no call per byte: this runs over every byte of every
 * body); each run of non-ASCII bytes (whole UTF-8 sequences) goes through
 * g_utf8_casefold(). Runs split at ASCII bytes, so folding pieces one after
 * the other gives what folding them joined would. */
static void
fold_append (GString    *out,
             const char *text,
             gsize       n)
{
  gsize i = 0;

  while (i < n)
    {
      gsize start = i;

      while (i < n && (guchar) text[i] < 0x80)
        i++;
      if (i > start)
        {
          gsize old_len = out->len;
          char *dest;

          g_string_set_size (out, old_len + (i - start));
          dest = out->str + old_len;
          for (gsize k = start; k < i; k++)
            {
              char c = text[k];

              *dest++ = c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
            }
        }

      if (i < n)
        {
          g_autofree char *folded = NULL;

          start = i;
          while (i < n && (guchar) text[i] >= 0x80)
            i++;
          folded = g_utf8_casefold (text + start, i - start);
          g_string_append (out, folded);
        }
    }
}

/**
 * byline_library_fold:
 * @text: UTF-8 text
 * @len: its length, or -1 when NUL-terminated
 *
 * g_utf8_casefold(), with ASCII lowered byte by byte: a post is mostly
 * ASCII, and casefolding 20 MB of bodies a character at a time through
 * Unicode tables is most of what indexing costs. Each run of non-ASCII bytes
 * (whole UTF-8 sequences) goes through g_utf8_casefold(), so the result is
 * the same as folding the whole text.
 *
 * Returns: (transfer full): @text casefolded, as the library compares tags
 *   and searches
 */
char *
byline_library_fold (const char *text,
                     gssize      len)
{
  gsize n = len < 0 ? strlen (text) : (gsize) len;
  GString *out = g_string_sized_new (n);

  fold_append (out, text, n);

  return g_string_free (out, FALSE);
}

/* Which bytes go to which of the PAIR_CLASSES classes: a letter or a digit
 * to its own, any other byte (punctuation, space, UTF-8) to one of 28 it
 * shares. The text is casefolded: no capitals. */
static inline guint
pair_class (guchar c)
{
  if (c >= 'a' && c <= 'z')
    return c - 'a';
  if (c >= '0' && c <= '9')
    return 26 + (c - '0');
  return 36 + c % 28;
}

static inline guint
pair_bit (guchar a,
          guchar b)
{
  return pair_class (a) * PAIR_CLASSES + pair_class (b);
}

/* Marks in @pairs each two bytes that follow each other in @text, by their
 * classes: a word can be in the text only if each two bytes of it are. A
 * search for "rh" then reads the few posts that hold those two letters
 * together, not every body: in 10,000 posts, about 6 ms a keystroke less
 * (bench-library). */
static void
add_pairs (guint64    *pairs,
           const char *text)
{
  const guchar *p = (const guchar *) text;

  for (; p[0] != '\0' && p[1] != '\0'; p++)
    {
      guint bit = pair_bit (p[0], p[1]);

      pairs[bit / 64] |= G_GUINT64_CONSTANT (1) << (bit % 64);
    }
}

/* Whether each two bytes of @word are in @pairs: if not, it is not in the
 * text they were marked from. */
static gboolean
may_hold (const guint64 *pairs,
          const char    *word)
{
  const guchar *p = (const guchar *) word;

  for (; p[0] != '\0' && p[1] != '\0'; p++)
    {
      guint bit = pair_bit (p[0], p[1]);

      if ((pairs[bit / 64] & (G_GUINT64_CONSTANT (1) << (bit % 64))) == 0)
        return FALSE;
    }

  return TRUE;
}

/* A collection whose title and date keys are its own (`headline`,
 * `published`): the title from the schema's title key, the date from its
 * first date field that the post fills. */
static void
read_schema_values (BylineLibraryPost *self,
                    BylineSchema      *schema,
                    BylinePost        *post)
{
  if (self->title == NULL)
    self->title = g_strdup (byline_post_get_schema_title (post, schema));

  for (guint i = 0; self->published == NULL && i < byline_schema_get_n_fields (schema); i++)
    {
      const BylineField *field = byline_schema_get_field (schema, i);

      if (field->type == BYLINE_FIELD_TIMESTAMP || field->type == BYLINE_FIELD_DATE ||
          (field->type == BYLINE_FIELD_UNION && field->coerce))
        self->published = byline_post_dup_date (post, field->name);
    }
}

static char *
relative_path (BylineSite *site,
               const char *path)
{
  const char *root = site != NULL ? byline_site_get_root (site) : NULL;
  gsize n = root != NULL ? strlen (root) : 0;

  if (root != NULL && strncmp (path, root, n) == 0 && path[n] == '/')
    return g_strdup (path + n + 1);

  return g_strdup (path);
}

/* Keys that a site may give one value where it usually gives a list. */
static gboolean
takes_one_value (const char *key)
{
  return strcmp (key, "tags") == 0 || strcmp (key, "categories") == 0 ||
         strcmp (key, "keywords") == 0;
}

static void
add_list_value (GPtrArray  *pairs,
                const char *key,
                const char *value)
{
  g_autofree char *stripped = NULL;

  if (value == NULL)
    return;

  stripped = g_strstrip (g_strdup (value));
  if (stripped[0] == '\0')
    return;

  /* A post that lists a value twice still uses it once. */
  for (guint i = 0; i < pairs->len; i += 2)
    {
      if (strcmp (g_ptr_array_index (pairs, i), key) == 0 &&
          strcmp (g_ptr_array_index (pairs, i + 1), stripped) == 0)
        return;
    }

  g_ptr_array_add (pairs, g_strdup (key));
  g_ptr_array_add (pairs, g_steal_pointer (&stripped));
}

/* Every list of text in the frontmatter (tags, categories, an Astro
 * collection's enum lists; for tags, categories and keywords also a single
 * `tags: astro`), as pairs of key and value, each pair once: what a form
 * suggests from the other posts (BylinePostIndex). Read here, from the parse
 * the library makes anyway, so that nothing else walks and parses the
 * posts for them. */
static char **
collect_list_values (BylineFrontmatter *fm)
{
  g_autoptr(GPtrArray) pairs = g_ptr_array_new_with_free_func (g_free);

  if (fm != NULL && byline_frontmatter_get_error (fm) == NULL)
    {
      guint n = byline_frontmatter_get_n_entries (fm);

      for (guint k = 0; k < n; k++)
        {
          const BylineEntry *entry = byline_frontmatter_get_entry (fm, k);

          if (entry->value == NULL)
            continue;

          if (entry->value->type == BYLINE_VALUE_SEQUENCE && entry->value->items != NULL)
            {
              for (guint i = 0; i < entry->value->items->len; i++)
                {
                  const BylineNode *item = g_ptr_array_index (entry->value->items, i);

                  if (item->type != BYLINE_VALUE_SEQUENCE && item->type != BYLINE_VALUE_MAPPING &&
                      item->type != BYLINE_VALUE_NULL)
                    add_list_value (pairs, entry->key, item->string);
                }
            }
          else if (entry->value->type == BYLINE_VALUE_STRING && takes_one_value (entry->key))
            {
              add_list_value (pairs, entry->key, entry->value->string);
            }
        }
    }

  g_ptr_array_add (pairs, NULL);

  return (char **) g_ptr_array_free (g_steal_pointer (&pairs), FALSE);
}

/* The schema of a collection is the same for all its posts: looked up once
 * per collection and scan (the built-in ones are built anew on each call). */
static BylineSchema *
dup_schema (BylineSite        *site,
            const char        *path,
            BylineFrontmatter *fm,
            GHashTable        *schemas,
            char             **collection)
{
  BylineSchema *schema;
  const char *key;

  if (site == NULL || schemas == NULL)
    return byline_schema_for_post (site, path, fm, collection);

  *collection = byline_site_find_collection (site, path);
  key = *collection != NULL ? *collection : "";
  schema = g_hash_table_lookup (schemas, key);
  if (schema == NULL)
    {
      g_autofree char *name = NULL;

      schema = byline_schema_for_post (site, path, fm, &name);
      g_hash_table_insert (schemas, g_strdup (key), schema);
    }

  return byline_schema_ref (schema);
}

static GHashTable *
schema_cache_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                (GDestroyNotify) byline_schema_unref);
}

static BylineLibraryPost *
read_post (BylineSite       *site,
           const char       *path,
           GDateTime        *now,
           BylineEntryCache *entries,
           GHashTable       *schemas)
{
  g_autoptr(BylineLibraryPost) self = NULL;
  g_autoptr(GDateTime) local_now = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(BylinePost) post = NULL;
  g_autoptr(BylineSchema) schema = NULL;
  g_autoptr(GString) search = NULL;
  BylineFileStamp stamp = { 0 };
  const char *body;
  gsize body_offset, search_len;
  char *text;
  gsize len = 0;

  if (now == NULL)
    now = local_now = g_date_time_new_now_utc ();

  self = g_object_new (BYLINE_TYPE_LIBRARY_POST, NULL);
  self->path = g_canonicalize_filename (path, NULL);
  self->relative_path = relative_path (site, self->path);

  text = byline_file_read (self->path, MAX_POST_SIZE, &len, &stamp, &error);
  if (text == NULL)
    {
      self->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_diagnostic_free);
      g_ptr_array_add (self->problems,
                       byline_diagnostic_new (BYLINE_SEVERITY_ERROR, NULL, error->message,
                                              0, 0, 0, 0));
      self->n_errors = 1;
      self->display_title = g_path_get_basename (self->path);
      self->title_key = g_utf8_collate_key (self->display_title, -1);
      self->search_text = byline_library_fold (self->display_title, -1);
      add_pairs (self->pairs, self->search_text);
      self->tags = g_new0 (char *, 1);
      self->folded_tags = g_new0 (const char *, 1);
      self->list_values = g_new0 (char *, 1);
      if (site != NULL)
        self->collection = byline_site_find_collection (site, self->path);
      return g_steal_pointer (&self);
    }

  self->mtime = stamp.mtime_ns / 1000;
  bytes = g_bytes_new_take (text, len);
  post = byline_post_new (bytes, FALSE, NULL, NULL, 0, now);
  schema = dup_schema (site, self->path, byline_post_get_frontmatter (post), schemas,
                       &self->collection);
  self->problems = byline_check_post (site, self->path, schema,
                                      byline_post_get_frontmatter (post), now, entries);
  for (guint i = 0; i < self->problems->len; i++)
    {
      const BylineDiagnostic *d = g_ptr_array_index (self->problems, i);

      self->n_errors += d->severity == BYLINE_SEVERITY_ERROR;
    }

  self->unparsed = byline_frontmatter_get_error (byline_post_get_frontmatter (post)) != NULL &&
                   byline_post_get_split (post)->kind != BYLINE_BLOCK_NONE;
  self->title = g_strdup (byline_post_get_title (post));
  self->description = g_strdup (byline_post_get_description (post));
  self->tags = g_strdupv ((char **) byline_post_get_tags (post));
  /* Interned: a site has few tags and each of its posts points at them, so
   * the tag filter compares pointers rather than reading 30,000 strings
   * scattered over the heap (10 ms for 10,000 posts, bench-library). */
  self->folded_tags = g_new0 (const char *, g_strv_length (self->tags) + 1);
  for (guint i = 0; self->tags[i] != NULL; i++)
    {
      g_autofree char *folded = byline_library_fold (self->tags[i], -1);

      self->folded_tags[i] = g_intern_string (folded);
    }
  self->list_values = collect_list_values (byline_post_get_frontmatter (post));
  self->draft = byline_post_get_draft (post);
  self->featured = byline_post_get_featured (post);
  read_dates (self, site, post, now);
  read_schema_values (self, schema, post);
  self->display_title = self->title != NULL ? g_strdup (self->title)
                                            : g_path_get_basename (self->path);
  /* Collating on the worker: sorting 10,000 titles with g_utf8_collate()
   * on the main thread took seconds. */
  self->title_key = g_utf8_collate_key (self->display_title, -1);

  /* One casefolded text to search: a keystroke is then a strstr() per post.
   * Folded piece by piece into one buffer, without a copy of the body. */
  body = byline_post_peek_text (post, &len);
  body_offset = byline_post_get_body_offset (post);
  search = g_string_sized_new (strlen (self->display_title) + 2 + len - body_offset +
                               (self->description != NULL ? strlen (self->description) : 0));
  fold_append (search, self->display_title, strlen (self->display_title));
  g_string_append_c (search, '\n');
  if (self->description != NULL)
    fold_append (search, self->description, strlen (self->description));
  g_string_append_c (search, '\n');
  fold_append (search, body + body_offset, len - body_offset);
  /* GString rounds its buffer up to a power of two: give the rest back, as
   * 10,000 posts keep theirs. */
  search_len = search->len;
  self->search_text = g_realloc (g_string_free (g_steal_pointer (&search), FALSE),
                                 search_len + 1);
  add_pairs (self->pairs, self->search_text);

  return g_steal_pointer (&self);
}

/**
 * byline_library_post_read:
 * @site: (nullable): the post's site
 * @path: the post's file
 * @now: (nullable): the time to judge future dates by, %NULL for now
 * @entries: (nullable): the ids references name, shared by a scan; %NULL
 *   checks no references
 *
 * Reads one post: what the library shows of it, and the problems `byline
 * check` finds in it (byline_check_post()). A file that cannot be read is
 * a post with that problem. Blocking: for worker threads.
 *
 * Returns: (transfer full): the post
 */
BylineLibraryPost *
byline_library_post_read (BylineSite       *site,
                          const char       *path,
                          GDateTime        *now,
                          BylineEntryCache *entries)
{
  g_return_val_if_fail (path != NULL, NULL);

  return read_post (site, path, now, entries, NULL);
}

/**
 * byline_library_post_get_path:
 *
 * Returns: the post's absolute path
 */
const char *
byline_library_post_get_path (BylineLibraryPost *self)
{
  g_return_val_if_fail (BYLINE_IS_LIBRARY_POST (self), NULL);

  return self->path;
}

/**
 * byline_library_post_get_relative_path:
 *
 * Returns: the post's path relative to its site's root
 */
const char *
byline_library_post_get_relative_path (BylineLibraryPost *self)
{
  g_return_val_if_fail (BYLINE_IS_LIBRARY_POST (self), NULL);

  return self->relative_path;
}

/**
 * byline_library_post_get_collection:
 *
 * Returns: (nullable): the name of the collection that takes the post
 */
const char *
byline_library_post_get_collection (BylineLibraryPost *self)
{
  g_return_val_if_fail (BYLINE_IS_LIBRARY_POST (self), NULL);

  return self->collection;
}

/**
 * byline_library_post_get_title:
 *
 * Returns: (nullable): the frontmatter's title
 */
const char *
byline_library_post_get_title (BylineLibraryPost *self)
{
  g_return_val_if_fail (BYLINE_IS_LIBRARY_POST (self), NULL);

  return self->title;
}

/**
 * byline_library_post_get_display_title:
 *
 * Returns: the title, or the file's name for a post without one
 */
const char *
byline_library_post_get_display_title (BylineLibraryPost *self)
{
  g_return_val_if_fail (BYLINE_IS_LIBRARY_POST (self), NULL);

  return self->display_title;
}

/**
 * byline_library_post_get_title_key:
 *
 * Returns: the display title's g_utf8_collate_key(): titles sort as the
 *   user's language sorts them by comparing these with strcmp()
 */
const char *
byline_library_post_get_title_key (BylineLibraryPost *self)
{
  g_return_val_if_fail (BYLINE_IS_LIBRARY_POST (self), NULL);

  return self->title_key;
}

const char *
byline_library_post_get_description (BylineLibraryPost *self)
{
  g_return_val_if_fail (BYLINE_IS_LIBRARY_POST (self), NULL);

  return self->description;
}

/**
 * byline_library_post_get_published:
 *
 * Returns: (nullable) (transfer none): the post's date, as its generator
 *   reads it (Hugo's `date`; a Jekyll post's file name when it has none)
 */
GDateTime *
byline_library_post_get_published (BylineLibraryPost *self)
{
  g_return_val_if_fail (BYLINE_IS_LIBRARY_POST (self), NULL);

  return self->published;
}

/**
 * byline_library_post_get_modified:
 *
 * Returns: (nullable) (transfer none): when the frontmatter says the post
 *   last changed (modDatetime, updatedDate, lastmod, …)
 */
GDateTime *
byline_library_post_get_modified (BylineLibraryPost *self)
{
  g_return_val_if_fail (BYLINE_IS_LIBRARY_POST (self), NULL);

  return self->modified;
}

/**
 * byline_library_post_get_mtime:
 *
 * Returns: when the file last changed on disk, in µs since the epoch
 */
gint64
byline_library_post_get_mtime (BylineLibraryPost *self)
{
  g_return_val_if_fail (BYLINE_IS_LIBRARY_POST (self), 0);

  return self->mtime;
}

gboolean
byline_library_post_get_draft (BylineLibraryPost *self)
{
  g_return_val_if_fail (BYLINE_IS_LIBRARY_POST (self), FALSE);

  return self->draft;
}

gboolean
byline_library_post_get_featured (BylineLibraryPost *self)
{
  g_return_val_if_fail (BYLINE_IS_LIBRARY_POST (self), FALSE);

  return self->featured;
}

/**
 * byline_library_post_get_scheduled:
 *
 * Returns: whether the post is no draft but its publication date (Hugo's
 *   publishDate) is in the future: the site leaves it out until then
 */
gboolean
byline_library_post_get_scheduled (BylineLibraryPost *self)
{
  g_return_val_if_fail (BYLINE_IS_LIBRARY_POST (self), FALSE);

  return self->scheduled;
}

/**
 * byline_library_post_get_expired:
 *
 * Returns: whether the post's expiry date (Hugo's expiryDate) has passed:
 *   the site no longer publishes it
 */
gboolean
byline_library_post_get_expired (BylineLibraryPost *self)
{
  g_return_val_if_fail (BYLINE_IS_LIBRARY_POST (self), FALSE);

  return self->expired;
}

/**
 * byline_library_post_get_tags:
 *
 * Returns: (transfer none) (array zero-terminated=1): the post's tags
 */
const char * const *
byline_library_post_get_tags (BylineLibraryPost *self)
{
  g_return_val_if_fail (BYLINE_IS_LIBRARY_POST (self), NULL);

  return (const char * const *) self->tags;
}

/**
 * byline_library_post_get_list_values:
 *
 * The values the post's frontmatter gives in lists of text (`key: [a, b]`;
 * for tags, categories and keywords also `key: a`), stripped, each once,
 * in the order of the text.
 *
 * Returns: (transfer none) (array zero-terminated=1): pairs of a key and
 *   one of its values: key, value, key, value, …
 */
const char * const *
byline_library_post_get_list_values (BylineLibraryPost *self)
{
  g_return_val_if_fail (BYLINE_IS_LIBRARY_POST (self), NULL);

  return (const char * const *) self->list_values;
}

/**
 * byline_library_post_has_tag:
 * @tag: a tag
 *
 * Returns: whether the post has @tag, compared case-insensitively
 */
gboolean
byline_library_post_has_tag (BylineLibraryPost *self,
                             const char        *tag)
{
  g_return_val_if_fail (BYLINE_IS_LIBRARY_POST (self), FALSE);
  g_return_val_if_fail (tag != NULL, FALSE);

  {
    g_autofree char *folded = byline_library_fold (tag, -1);

    return byline_library_post_has_folded_tag (self, folded);
  }
}

static gboolean
has_interned_tag (BylineLibraryPost *self,
                  const char        *interned)
{
  for (guint i = 0; self->folded_tags[i] != NULL; i++)
    if (self->folded_tags[i] == interned)
      return TRUE;

  return FALSE;
}

/**
 * byline_library_post_has_folded_tag:
 * @folded_tag: a tag, casefolded by byline_library_fold()
 *
 * byline_library_post_has_tag() without folding @folded_tag once per post.
 *
 * Returns: whether the post has the tag
 */
gboolean
byline_library_post_has_folded_tag (BylineLibraryPost *self,
                                    const char        *folded_tag)
{
  g_return_val_if_fail (BYLINE_IS_LIBRARY_POST (self), FALSE);
  g_return_val_if_fail (folded_tag != NULL, FALSE);

  {
    /* never interned: no post has it (nor is it interned for asking) */
    GQuark quark = g_quark_try_string (folded_tag);

    return quark != 0 && has_interned_tag (self, g_quark_to_string (quark));
  }
}

/**
 * byline_library_post_get_problems:
 *
 * Returns: (transfer none) (element-type BylineDiagnostic): what `byline
 *   check` says about the post, possibly nothing
 */
GPtrArray *
byline_library_post_get_problems (BylineLibraryPost *self)
{
  g_return_val_if_fail (BYLINE_IS_LIBRARY_POST (self), NULL);

  return self->problems;
}

/**
 * byline_library_post_get_n_errors:
 *
 * Returns: how many of the problems are errors: the frontmatter does not
 *   parse, fails the schema, or the file cannot be read
 */
guint
byline_library_post_get_n_errors (BylineLibraryPost *self)
{
  g_return_val_if_fail (BYLINE_IS_LIBRARY_POST (self), 0);

  return self->n_errors;
}

/**
 * byline_library_post_get_invalid:
 *
 * Returns: whether the post's frontmatter does not parse (which Jekyll only
 *   warns about) or has an error (`byline check` fails on it)
 */
gboolean
byline_library_post_get_invalid (BylineLibraryPost *self)
{
  g_return_val_if_fail (BYLINE_IS_LIBRARY_POST (self), FALSE);

  return self->n_errors > 0 || self->unparsed;
}

/**
 * byline_schema_get_title_key:
 * @schema: a collection's schema
 *
 * Returns: the key a collection keeps its posts' titles in: `title`, else
 *   its first required text (an Astro collection's `headline`)
 */
const char *
byline_schema_get_title_key (BylineSchema *schema)
{
  g_return_val_if_fail (schema != NULL, NULL);

  if (byline_schema_lookup (schema, "title") != NULL)
    return "title";

  for (guint i = 0; i < byline_schema_get_n_fields (schema); i++)
    {
      const BylineField *field = byline_schema_get_field (schema, i);

      if (field->required && field->type == BYLINE_FIELD_STRING)
        return field->name;
    }

  return "title";
}

/**
 * byline_post_get_schema_title:
 * @post: a post
 * @schema: its collection's schema
 *
 * What the library and the window title a post by.
 *
 * Returns: (nullable): the post's `title`, else the non-empty text under
 *   the key its collection keeps titles in (byline_schema_get_title_key():
 *   an Astro collection's `headline`), else %NULL
 */
const char *
byline_post_get_schema_title (BylinePost   *post,
                              BylineSchema *schema)
{
  const BylineEntry *entry;

  g_return_val_if_fail (post != NULL, NULL);
  g_return_val_if_fail (schema != NULL, NULL);

  if (byline_post_get_title (post) != NULL)
    return byline_post_get_title (post);

  entry = byline_frontmatter_lookup (byline_post_get_frontmatter (post),
                                     byline_schema_get_title_key (schema));
  if (entry != NULL && entry->value != NULL && entry->value->type == BYLINE_VALUE_STRING &&
      entry->value->string != NULL && entry->value->string[0] != '\0')
    return entry->value->string;

  return NULL;
}

/**
 * byline_library_split_search:
 * @text: what the user typed
 *
 * Returns: (transfer full) (array zero-terminated=1): its words, casefolded,
 *   for byline_library_post_matches_words(); empty for blank text
 */
char **
byline_library_split_search (const char *text)
{
  g_autofree char *folded = byline_library_fold (text != NULL ? text : "", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) words = g_strsplit_set (folded, " \t\n", -1);

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (words[i][0] != '\0')
        g_strv_builder_add (builder, words[i]);
    }

  return g_strv_builder_end (builder);
}

/**
 * byline_library_post_matches_words:
 * @words: (array zero-terminated=1): from byline_library_split_search()
 *
 * Returns: whether every word is in the post's title, description or body
 */
gboolean
byline_library_post_matches_words (BylineLibraryPost  *self,
                                   const char * const *words)
{
  g_return_val_if_fail (BYLINE_IS_LIBRARY_POST (self), FALSE);

  for (guint i = 0; words != NULL && words[i] != NULL; i++)
    {
      if (!may_hold (self->pairs, words[i]) || strstr (self->search_text, words[i]) == NULL)
        return FALSE;
    }

  return TRUE;
}

/**
 * byline_library_post_compare:
 *
 * The library's order: newest first, posts without a date last, then by
 * path, so that the order is the same on every run.
 *
 * Returns: < 0 when @a comes first
 */
int
byline_library_post_compare (BylineLibraryPost *a,
                             BylineLibraryPost *b)
{
  if (a->published != NULL && b->published != NULL)
    {
      int order = g_date_time_compare (b->published, a->published);

      if (order != 0)
        return order;
    }
  else if (a->published != NULL || b->published != NULL)
    {
      return a->published != NULL ? -1 : 1;
    }

  return strcmp (a->relative_path, b->relative_path);
}

static int
compare_posts (gconstpointer a,
               gconstpointer b)
{
  return byline_library_post_compare (*(BylineLibraryPost * const *) a,
                                      *(BylineLibraryPost * const *) b);
}

/**
 * byline_library_intern_tag:
 * @tag: a tag, as a post or the user writes it
 *
 * Returns: @tag casefolded and interned, as the posts keep their tags: a
 *   tag filter then compares pointers
 */
const char *
byline_library_intern_tag (const char *tag)
{
  g_autofree char *folded = NULL;

  g_return_val_if_fail (tag != NULL, NULL);

  folded = byline_library_fold (tag, -1);
  return g_intern_string (folded);
}

/**
 * byline_library_filter_matches:
 * @filter: what to ask
 * @post: a post
 *
 * Returns: whether @post is one @filter asks for
 */
gboolean
byline_library_filter_matches (const BylineLibraryFilter *filter,
                               BylineLibraryPost         *post)
{
  g_return_val_if_fail (filter != NULL, FALSE);
  g_return_val_if_fail (BYLINE_IS_LIBRARY_POST (post), FALSE);

  switch (filter->state)
    {
    case BYLINE_LIBRARY_STATE_DRAFTS:
      if (!post->draft)
        return FALSE;
      break;
    case BYLINE_LIBRARY_STATE_PUBLISHED:
      if (post->draft || post->scheduled || post->expired)
        return FALSE;
      break;
    case BYLINE_LIBRARY_STATE_SCHEDULED:
      if (!post->scheduled)
        return FALSE;
      break;
    case BYLINE_LIBRARY_STATE_ANY:
    default:
      break;
    }

  if (filter->featured_only && !post->featured)
    return FALSE;
  if (filter->invalid_only && !byline_library_post_get_invalid (post))
    return FALSE;
  if (filter->collection != NULL && g_strcmp0 (filter->collection, post->collection) != 0)
    return FALSE;
  if (filter->tag != NULL && !has_interned_tag (post, filter->tag))
    return FALSE;

  return byline_library_post_matches_words (post, filter->words);
}

/* --- which files are the site's posts --------------------------------------- */

static gboolean
is_index_name (const char *name,
               const char *stem)
{
  gsize n = strlen (stem);

  return strncmp (name, stem, n) == 0 && name[n] == '.' && byline_is_post_file_name (name);
}

/* Whether @dir holds a Hugo leaf bundle's index.md: its other Markdown files,
 * and those of its subfolders, are the bundle's resources, not pages. */
static gboolean
is_leaf_bundle (const char *dir,
                GHashTable *bundles)
{
  static const char * const names[] = { "index.md", "index.markdown", "index.mdown" };
  gpointer known;

  if (bundles != NULL && g_hash_table_lookup_extended (bundles, dir, NULL, &known))
    return GPOINTER_TO_INT (known);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);

      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        {
          if (bundles != NULL)
            g_hash_table_insert (bundles, g_strdup (dir), GINT_TO_POINTER (TRUE));
          return TRUE;
        }
    }

  if (bundles != NULL)
    g_hash_table_insert (bundles, g_strdup (dir), GINT_TO_POINTER (FALSE));
  return FALSE;
}

/* Whether a file the walk found (byline_collect_posts()) is one of the
 * site's posts: taken by a collection (Astro: its glob; Jekyll: _posts/ and
 * _drafts/; Hugo: content/), and for Hugo a page, as `hugo list all` lists
 * them: not a section's `_index.md`, nor a leaf bundle's resource. */
static gboolean
is_site_post (BylineSite *site,
              const char *path,
              GHashTable *bundles)
{
  g_autofree char *collection = byline_site_find_collection (site, path);
  g_autofree char *name = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *content = NULL;

  if (collection == NULL)
    return FALSE;
  if (byline_site_get_generator (site) != BYLINE_GENERATOR_HUGO)
    return TRUE;

  name = g_path_get_basename (path);
  if (is_index_name (name, "_index"))
    return FALSE;
  if (is_index_name (name, "index"))
    return TRUE;

  content = g_build_filename (byline_site_get_root (site), "content", NULL);
  dir = g_path_get_dirname (path);
  while (g_str_has_prefix (dir, content) && strlen (dir) > strlen (content))
    {
      char *parent;

      if (is_leaf_bundle (dir, bundles))
        return FALSE;
      parent = g_path_get_dirname (dir);
      g_free (dir);
      dir = parent;
    }

  return TRUE;
}

static GPtrArray *
collect_site_posts (BylineSite    *site,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(BylineSiteCache) sites = byline_site_cache_new ();
  g_autoptr(GHashTable) visited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) bundles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);
  const char *root = byline_site_get_root (site);

  for (guint i = 0; i < byline_site_get_n_collections (site); i++)
    {
      g_autofree char *dir = NULL;
      const char *base = NULL;

      byline_site_get_collection (site, i, &base);
      if (base == NULL)
        continue;
      dir = g_build_filename (root, base, NULL);
      if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
        continue;   /* Jekyll without _drafts/ */
      /* An unreadable subfolder is left out, as the generator would fail on
       * it; the list is what could be read. */
      byline_collect_posts (dir, sites, visited, found, NULL, cancellable);
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      g_ptr_array_unref (paths);
      return NULL;
    }

  for (guint i = 0; i < found->len; i++)
    {
      char *path = g_ptr_array_index (found, i);

      if (!g_hash_table_contains (seen, path) && is_site_post (site, path, bundles))
        {
          g_hash_table_add (seen, path);
          g_ptr_array_add (paths, g_strdup (path));
        }
    }

  return paths;
}

typedef struct
{
  BylineSite        *site;
  GPtrArray         *paths;
  BylineLibraryPost **posts;
  GDateTime         *now;
  BylineEntryCache  *entries;
  GCancellable      *cancellable;
  gint               next;
} ScanBatch;

static gpointer
scan_worker (gpointer data)
{
  ScanBatch *batch = data;
  g_autoptr(GHashTable) schemas = schema_cache_new ();   /* this thread's */
  guint i;

  while ((i = (guint) g_atomic_int_add (&batch->next, 1)) < batch->paths->len)
    {
      if (g_cancellable_is_cancelled (batch->cancellable))
        break;
      batch->posts[i] = read_post (batch->site, g_ptr_array_index (batch->paths, i),
                                   batch->now, batch->entries, schemas);
    }

  return NULL;
}

static GPtrArray *
read_posts (BylineSite    *site,
            GPtrArray     *paths,
            GDateTime     *now,
            gboolean       check_references,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(BylineEntryCache) entries = check_references ? byline_entry_cache_new () : NULL;
  g_autoptr(GPtrArray) threads = g_ptr_array_new ();
  GPtrArray *posts;
  ScanBatch batch = { 0 };
  guint n_threads;

  batch.site = site;
  batch.paths = paths;
  batch.posts = g_new0 (BylineLibraryPost *, paths->len + 1);
  batch.now = now;
  batch.entries = entries;
  batch.cancellable = cancellable;

  n_threads = CLAMP (MIN (g_get_num_processors (), paths->len / MIN_POSTS_PER_THREAD),
                     1, MAX_THREADS);
  for (guint i = 1; i < n_threads; i++)
    g_ptr_array_add (threads, g_thread_new ("byline-library", scan_worker, &batch));
  scan_worker (&batch);
  for (guint i = 0; i < threads->len; i++)
    g_thread_join (g_ptr_array_index (threads, i));

  posts = g_ptr_array_new_full (paths->len, g_object_unref);
  for (guint i = 0; i < paths->len; i++)
    {
      if (batch.posts[i] != NULL)
        g_ptr_array_add (posts, batch.posts[i]);
    }
  g_free (batch.posts);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      g_ptr_array_unref (posts);
      return NULL;
    }

  g_ptr_array_sort (posts, compare_posts);

  return posts;
}

/**
 * byline_library_scan:
 * @site: a site
 * @now: (nullable): the time to judge future dates by, %NULL for now
 * @cancellable: (nullable): a #GCancellable
 * @error: a #GError, set only when cancelled
 *
 * Reads every post of @site: the files `byline check` takes (see
 * byline_collect_posts()) that a collection takes (Astro: its glob's base
 * and pattern; Hugo: the pages of content/, not sections' `_index.md` nor
 * leaf bundles' resources; Jekyll: `_posts/` and `_drafts/`), on as many
 * threads as the machine has cores (up to 8). Blocking.
 *
 * Returns: (transfer full) (element-type BylineLibraryPost): the posts,
 *   newest first (byline_library_post_compare())
 */
GPtrArray *
byline_library_scan (BylineSite    *site,
                     GDateTime     *now,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(GPtrArray) paths = NULL;
  g_autoptr(GDateTime) local_now = NULL;

  g_return_val_if_fail (site != NULL, NULL);

  if (now == NULL)
    now = local_now = g_date_time_new_now_utc ();

  paths = collect_site_posts (site, cancellable, error);
  if (paths == NULL)
    return NULL;

  return read_posts (site, paths, now, TRUE, cancellable, error);
}

/**
 * byline_library_scan_folder:
 * @folder: a folder, in a site or not
 * @max_posts: read no more posts than this
 * @cancellable: (nullable): a #GCancellable
 * @error: a #GError
 *
 * Reads the posts under @folder the way byline_library_scan() reads a
 * site's, with the same walk (byline_collect_posts(): the files the site
 * @folder is in takes, Markdown not starting with `_` in no site; hidden
 * folders and `node_modules` left out) and the same reader, but whatever
 * collection they are in, and without checking the references they make.
 * For what the posts of one folder have in common (BylinePostIndex).
 * Unreadable subfolders are left out. Blocking.
 *
 * Returns: (transfer full) (element-type BylineLibraryPost): the posts, in
 *   byline_library_post_compare() order, or %NULL when @folder cannot be
 *   read or the scan was cancelled
 */
GPtrArray *
byline_library_scan_folder (const char    *folder,
                            guint          max_posts,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr(BylineSiteCache) sites = byline_site_cache_new ();
  g_autoptr(GHashTable) visited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(BylineSite) site = NULL;
  g_autofree char *canonical = NULL;

  g_return_val_if_fail (folder != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* The walk leaves out what it cannot read; @folder itself must be
   * readable, and GIO says why it is not. */
  canonical = g_canonicalize_filename (folder, NULL);
  file = g_file_new_for_path (canonical);
  enumerator = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                          G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (enumerator == NULL)
    return NULL;
  g_file_enumerator_close (enumerator, NULL, NULL);

  byline_collect_posts (canonical, sites, visited, paths, NULL, cancellable);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (paths->len > max_posts)
    g_ptr_array_set_size (paths, max_posts);

  site = byline_site_cache_lookup (sites, canonical, NULL);

  return read_posts (site, paths, now, FALSE, cancellable, error);
}

/* --- the index: a GListModel of the posts --------------------------------- */

struct _BylineLibraryIndex
{
  GObject     parent_instance;

  BylineSite *site;
  GPtrArray  *posts;     /* BylineLibraryPost, in byline_library_post_compare() order */
  GHashTable *by_path;   /* path -> BylineLibraryPost (borrowed from @posts) */
  guint       load_serial;
  GStrv       tags;      /* byline_library_index_dup_tags(), until the posts change */
  GQueue      applying;  /* Applying: updates read, going in a slice at a time */
  GSource    *apply_source;
  guint       loading : 1;
};

static void byline_library_index_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BylineLibraryIndex, byline_library_index, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      byline_library_index_list_model_init))

enum {
  INDEX_PROP_0,
  INDEX_PROP_LOADING,
  INDEX_PROP_N_ITEMS,
  INDEX_N_PROPS
};

static GParamSpec *index_properties[INDEX_N_PROPS];

static GType
byline_library_index_get_item_type (GListModel *model)
{
  return BYLINE_TYPE_LIBRARY_POST;
}

static guint
byline_library_index_get_n_items (GListModel *model)
{
  return BYLINE_LIBRARY_INDEX (model)->posts->len;
}

static gpointer
byline_library_index_get_item (GListModel *model,
                               guint       position)
{
  BylineLibraryIndex *self = BYLINE_LIBRARY_INDEX (model);

  if (position >= self->posts->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->posts, position));
}

static void
byline_library_index_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = byline_library_index_get_item_type;
  iface->get_n_items = byline_library_index_get_n_items;
  iface->get_item = byline_library_index_get_item;
}

static void
byline_library_index_finalize (GObject *object)
{
  BylineLibraryIndex *self = BYLINE_LIBRARY_INDEX (object);

  /* each update in the queue holds the index: none is left */
  g_assert (g_queue_is_empty (&self->applying));
  g_assert (self->apply_source == NULL);
  g_clear_pointer (&self->site, byline_site_unref);
  g_clear_pointer (&self->tags, g_strfreev);
  g_hash_table_unref (self->by_path);
  g_ptr_array_unref (self->posts);

  G_OBJECT_CLASS (byline_library_index_parent_class)->finalize (object);
}

static void
byline_library_index_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  BylineLibraryIndex *self = BYLINE_LIBRARY_INDEX (object);

  switch (prop_id)
    {
    case INDEX_PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case INDEX_PROP_N_ITEMS:
      g_value_set_uint (value, self->posts->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_library_index_class_init (BylineLibraryIndexClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = byline_library_index_finalize;
  object_class->get_property = byline_library_index_get_property;

  index_properties[INDEX_PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  index_properties[INDEX_PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, INDEX_N_PROPS, index_properties);
}

static void
byline_library_index_init (BylineLibraryIndex *self)
{
  self->posts = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_path = g_hash_table_new (g_str_hash, g_str_equal);
}

/**
 * byline_library_index_new:
 *
 * Returns: (transfer full): an empty index; load a site with
 *   byline_library_index_load_async()
 */
BylineLibraryIndex *
byline_library_index_new (void)
{
  return g_object_new (BYLINE_TYPE_LIBRARY_INDEX, NULL);
}

/**
 * byline_library_index_get_site:
 *
 * Returns: (nullable) (transfer none): the site loaded last
 */
BylineSite *
byline_library_index_get_site (BylineLibraryIndex *self)
{
  g_return_val_if_fail (BYLINE_IS_LIBRARY_INDEX (self), NULL);

  return self->site;
}

gboolean
byline_library_index_get_loading (BylineLibraryIndex *self)
{
  g_return_val_if_fail (BYLINE_IS_LIBRARY_INDEX (self), FALSE);

  return self->loading;
}

static void
set_loading (BylineLibraryIndex *self,
             gboolean            loading)
{
  if (self->loading == !!loading)
    return;
  self->loading = !!loading;
  g_object_notify_by_pspec (G_OBJECT (self), index_properties[INDEX_PROP_LOADING]);
}

typedef struct
{
  char       *dir;
  GDateTime  *now;
  BylineSite *site;       /* the worker's result */
  GPtrArray  *posts;
  GHashTable *by_path;    /* path -> post of @posts, as the index keeps it */
  GStrv       tags;       /* their tags, as byline_library_index_dup_tags() */
  guint       serial;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_free (data->dir);
  g_clear_pointer (&data->now, g_date_time_unref);
  g_clear_pointer (&data->site, byline_site_unref);
  g_clear_pointer (&data->by_path, g_hash_table_unref);
  g_clear_pointer (&data->posts, g_ptr_array_unref);
  g_strfreev (data->tags);
  g_free (data);
}

static GHashTable *
posts_by_path_new (void)
{
  return g_hash_table_new (g_str_hash, g_str_equal);
}

typedef struct
{
  const char *tag;
  guint       n;
} TagUse;

static int
compare_uses (gconstpointer a,
              gconstpointer b)
{
  const TagUse *ua = a;
  const TagUse *ub = b;

  if (ua->n != ub->n)
    return ua->n > ub->n ? -1 : 1;

  return strcmp (ua->tag, ub->tag);
}

/* The tags of @posts, the most used first: what
 * byline_library_index_dup_tags() returns. */
static GStrv
count_tags (GPtrArray *posts)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) uses = g_array_new (FALSE, FALSE, sizeof (TagUse));
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; i < posts->len; i++)
    {
      BylineLibraryPost *post = g_ptr_array_index (posts, i);

      for (guint t = 0; post->tags[t] != NULL; t++)
        {
          guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, post->tags[t]));

          g_hash_table_insert (counts, post->tags[t], GUINT_TO_POINTER (n + 1));
        }
    }

  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      TagUse use = { key, GPOINTER_TO_UINT (value) };

      g_array_append_val (uses, use);
    }
  g_array_sort (uses, compare_uses);
  for (guint i = 0; i < uses->len; i++)
    g_strv_builder_add (builder, g_array_index (uses, TagUse, i).tag);

  return g_strv_builder_end (builder);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  GError *error = NULL;

  data->site = byline_site_find (data->dir, &error);
  if (data->site == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  data->posts = byline_library_scan (data->site, data->now, cancellable, &error);
  if (data->posts == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* Here rather than on the main thread, where 10,000 insertions cost a
   * frame. */
  data->by_path = posts_by_path_new ();
  for (guint i = 0; i < data->posts->len; i++)
    {
      BylineLibraryPost *post = g_ptr_array_index (data->posts, i);

      g_hash_table_insert (data->by_path, post->path, post);
    }
  /* and the tags, which took a frame on the main thread too */
  data->tags = count_tags (data->posts);
  g_task_return_boolean (task, TRUE);
}

/**
 * byline_library_index_load_async:
 * @dir: a site's root, or a folder in it
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the thread-default main context when done
 * @user_data: for @callback
 *
 * Finds the site @dir is in and reads all its posts on worker threads
 * (byline_library_scan()); the index then holds them, in one
 * #GListModel::items-changed. A later load wins over an earlier one still
 * running.
 */
void
byline_library_index_load_async (BylineLibraryIndex  *self,
                                 const char          *dir,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  g_return_if_fail (BYLINE_IS_LIBRARY_INDEX (self));
  g_return_if_fail (dir != NULL);

  data = g_new0 (LoadData, 1);
  data->dir = g_strdup (dir);
  data->now = g_date_time_new_now_utc ();
  data->serial = ++self->load_serial;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_library_index_load_async);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  set_loading (self, TRUE);
  g_task_run_in_thread (task, load_thread);
}

typedef struct
{
  GPtrArray  *posts;
  GHashTable *by_path;
} OldPosts;

static gpointer
free_old_posts_thread (gpointer user_data)
{
  OldPosts *old = user_data;

  g_hash_table_unref (old->by_path);
  g_ptr_array_unref (old->posts);
  g_free (old);

  return NULL;
}

/* Takes the worker's posts and table as they are. The posts of the site
 * loaded before are released on a thread of their own: finalizing 10,000
 * of them on the main thread cost more than a frame (those a row still
 * holds stay alive, and they are plain data, safe to finalize anywhere). */
static void
replace_all (BylineLibraryIndex *self,
             LoadData           *data)
{
  guint removed = self->posts->len;
  OldPosts *old = g_new0 (OldPosts, 1);

  old->posts = g_steal_pointer (&self->posts);
  old->by_path = g_steal_pointer (&self->by_path);
  self->posts = g_steal_pointer (&data->posts);
  self->by_path = g_steal_pointer (&data->by_path);
  g_strfreev (self->tags);
  self->tags = g_steal_pointer (&data->tags);
  g_ptr_array_set_free_func (self->posts, g_object_unref);
  if (removed > 0)
    g_thread_unref (g_thread_new ("byline-library-free", free_old_posts_thread, old));
  else
    free_old_posts_thread (old);

  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->posts->len);
  if (removed != self->posts->len)
    g_object_notify_by_pspec (G_OBJECT (self), index_properties[INDEX_PROP_N_ITEMS]);
}

/**
 * byline_library_index_load_finish:
 *
 * Returns: %TRUE when the site was read (the index holds its posts)
 */
gboolean
byline_library_index_load_finish (BylineLibraryIndex  *self,
                                  GAsyncResult        *result,
                                  GError             **error)
{
  LoadData *data;

  g_return_val_if_fail (BYLINE_IS_LIBRARY_INDEX (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  data = g_task_get_task_data (G_TASK (result));
  if (!g_task_propagate_boolean (G_TASK (result), error))
    {
      if (data->serial == self->load_serial)
        set_loading (self, FALSE);
      return FALSE;
    }

  /* A load that another one followed changes nothing. */
  if (data->serial != self->load_serial)
    return TRUE;

  g_clear_pointer (&self->site, byline_site_unref);
  self->site = byline_site_ref (data->site);
  replace_all (self, data);
  set_loading (self, FALSE);

  return TRUE;
}

/* Where @post goes in the order (after any equal one). */
static guint
find_position (BylineLibraryIndex *self,
               BylineLibraryPost  *post)
{
  guint lo = 0, hi = self->posts->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (byline_library_post_compare (g_ptr_array_index (self->posts, mid), post) <= 0)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

static guint
index_of (BylineLibraryIndex *self,
          BylineLibraryPost  *post)
{
  guint position = find_position (self, post);

  /* Equal posts sort by path, so @post is the one just before. */
  g_assert (position > 0 && g_ptr_array_index (self->posts, position - 1) == post);

  return position - 1;
}

/**
 * byline_library_index_remove:
 * @path: a post's file
 *
 * Drops the post read from @path, for a file monitor's "deleted".
 *
 * Returns: whether the index held it
 */
gboolean
byline_library_index_remove (BylineLibraryIndex *self,
                             const char         *path)
{
  g_autofree char *canonical = NULL;
  BylineLibraryPost *post;
  guint position;

  g_return_val_if_fail (BYLINE_IS_LIBRARY_INDEX (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  canonical = g_canonicalize_filename (path, NULL);
  post = g_hash_table_lookup (self->by_path, canonical);
  if (post == NULL)
    return FALSE;

  position = index_of (self, post);
  g_hash_table_remove (self->by_path, canonical);
  g_ptr_array_remove_index (self->posts, position);
  g_clear_pointer (&self->tags, g_strfreev);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
  g_object_notify_by_pspec (G_OBJECT (self), index_properties[INDEX_PROP_N_ITEMS]);

  return TRUE;
}

static void
put (BylineLibraryIndex *self,
     BylineLibraryPost  *post)
{
  BylineLibraryPost *old = g_hash_table_lookup (self->by_path, post->path);
  guint position;

  g_clear_pointer (&self->tags, g_strfreev);
  if (old != NULL)
    {
      guint old_position = index_of (self, old);

      g_hash_table_remove (self->by_path, post->path);
      g_ptr_array_remove_index (self->posts, old_position);
      position = find_position (self, post);
      g_ptr_array_insert (self->posts, position, g_object_ref (post));
      g_hash_table_insert (self->by_path, post->path, post);
      /* One signal when it stays in place, as a row that changed. */
      if (position == old_position)
        g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
      else
        {
          g_list_model_items_changed (G_LIST_MODEL (self), old_position, 1, 0);
          g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
        }
      return;
    }

  position = find_position (self, post);
  g_ptr_array_insert (self->posts, position, g_object_ref (post));
  g_hash_table_insert (self->by_path, post->path, post);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
  g_object_notify_by_pspec (G_OBJECT (self), index_properties[INDEX_PROP_N_ITEMS]);
}

typedef struct
{
  BylineSite  *site;
  GStrv        paths;      /* canonical */
  GPtrArray   *posts;      /* one per path: the post, or NULL when it is none now */
} UpdateData;

static void
update_data_free (UpdateData *data)
{
  g_clear_pointer (&data->site, byline_site_unref);
  g_strfreev (data->paths);
  g_clear_pointer (&data->posts, g_ptr_array_unref);
  g_free (data);
}

static void
clear_post (gpointer post)
{
  if (post != NULL)
    g_object_unref (post);
}

static void
update_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  UpdateData *data = task_data;
  g_autoptr(BylineEntryCache) entries = byline_entry_cache_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GHashTable) bundles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) schemas = schema_cache_new ();

  data->posts = g_ptr_array_new_with_free_func (clear_post);
  for (guint i = 0; data->paths[i] != NULL; i++)
    {
      const char *path = data->paths[i];
      BylineLibraryPost *post = NULL;

      if (g_task_return_error_if_cancelled (task))
        return;
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR) &&
          byline_site_takes_file (data->site, path) &&
          is_site_post (data->site, path, bundles))
        post = read_post (data->site, path, now, entries, schemas);
      g_ptr_array_add (data->posts, post);
    }

  g_task_return_boolean (task, TRUE);
}

/* An update asked for: @task returns once all of it is in the index;
 * @worker, once done, holds the posts read (UpdateData). */
typedef struct
{
  GTask *task;
  GTask *worker;   /* NULL while it reads */
  guint  next;     /* the first post not in yet */
} Applying;

static void
applying_free (Applying *applying)
{
  g_clear_object (&applying->task);
  g_clear_object (&applying->worker);
  g_free (applying);
}

/* Puts the posts of the updates read into the index, in the order they
 * were asked for, APPLY_SLICE_US at a time: a `git checkout` of hundreds
 * of posts moves as many rows, and the list view draws between slices. */
static gboolean
apply_updates_cb (gpointer user_data)
{
  BylineLibraryIndex *self = user_data;
  gint64 deadline = g_get_monotonic_time () + APPLY_SLICE_US;
  Applying *applying;

  while ((applying = g_queue_peek_head (&self->applying)) != NULL && applying->worker != NULL)
    {
      UpdateData *data = g_task_get_task_data (applying->worker);

      /* Another site was loaded meanwhile: these posts are not its. */
      if (self->site == NULL ||
          strcmp (byline_site_get_root (self->site), byline_site_get_root (data->site)) != 0)
        applying->next = data->posts->len;

      for (; applying->next < data->posts->len; applying->next++)
        {
          BylineLibraryPost *post = g_ptr_array_index (data->posts, applying->next);

          if (g_get_monotonic_time () >= deadline)
            return G_SOURCE_CONTINUE;
          if (post != NULL)
            put (self, post);
          else
            byline_library_index_remove (self, data->paths[applying->next]);
        }

      g_queue_pop_head (&self->applying);
      g_task_return_boolean (applying->task, TRUE);
      applying_free (applying);
    }

  /* Done, or the next update is still being read: its end starts again. */
  g_clear_pointer (&self->apply_source, g_source_unref);
  return G_SOURCE_REMOVE;
}

/* The worker is done: the index takes the posts, whether or not the
 * caller asks for the result, after those of the updates asked for
 * before. */
static void
update_read_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  BylineLibraryIndex *self = BYLINE_LIBRARY_INDEX (object);
  Applying *applying = user_data;
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_queue_remove (&self->applying, applying);
      g_task_return_error (applying->task, error);
      applying_free (applying);
    }
  else
    applying->worker = g_object_ref (G_TASK (result));

  if (self->apply_source == NULL && !g_queue_is_empty (&self->applying))
    {
      /* Below the frame clock's priority, so that frames come between
       * slices; the source holds the index until it is done. */
      self->apply_source = g_idle_source_new ();
      g_source_set_priority (self->apply_source, G_PRIORITY_DEFAULT_IDLE);
      g_source_set_callback (self->apply_source, apply_updates_cb, g_object_ref (self), g_object_unref);
      g_source_set_static_name (self->apply_source, "[byline] apply library updates");
      g_source_attach (self->apply_source, g_main_context_get_thread_default ());
    }
}

/**
 * byline_library_index_update_async:
 * @paths: (array zero-terminated=1): files that changed, appeared or went
 * @cancellable: (nullable): a #GCancellable
 * @callback: (nullable): called when the index holds the new posts
 * @user_data: for @callback
 *
 * Reads @paths again on a worker thread: a file that is a post of the site
 * replaces its old post (or joins the list), one that is gone, or no longer
 * a post, leaves it. For a file monitor's events, batched (a `git checkout`
 * changes hundreds of files at once): the list changes in place, and rows
 * that did not change stay. Once the worker is done, the index changes a
 * few milliseconds at a time, after the updates asked for before; all of it
 * has when @callback runs.
 */
void
byline_library_index_update_async (BylineLibraryIndex  *self,
                                   const char * const  *paths,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) worker = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  Applying *applying;
  UpdateData *data;

  g_return_if_fail (BYLINE_IS_LIBRARY_INDEX (self));
  g_return_if_fail (paths != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_library_index_update_async);
  if (self->site == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                               "%s", _("No site is open"));
      return;
    }

  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autofree char *canonical = g_canonicalize_filename (paths[i], NULL);

      g_strv_builder_add (builder, canonical);
    }

  data = g_new0 (UpdateData, 1);
  data->site = byline_site_ref (self->site);
  data->paths = g_strv_builder_end (builder);

  applying = g_new0 (Applying, 1);
  applying->task = g_steal_pointer (&task);
  g_queue_push_tail (&self->applying, applying);
  worker = g_task_new (self, cancellable, update_read_cb, applying);
  g_task_set_task_data (worker, data, (GDestroyNotify) update_data_free);
  g_task_run_in_thread (worker, update_thread);
}

/**
 * byline_library_index_update_finish:
 *
 * Returns: %TRUE when the index holds the posts read again (unless another
 *   site was loaded meanwhile)
 */
gboolean
byline_library_index_update_finish (BylineLibraryIndex  *self,
                                    GAsyncResult        *result,
                                    GError             **error)
{
  g_return_val_if_fail (BYLINE_IS_LIBRARY_INDEX (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * byline_library_index_lookup:
 * @path: a file
 *
 * Returns: (transfer none) (nullable): the post read from @path
 */
BylineLibraryPost *
byline_library_index_lookup (BylineLibraryIndex *self,
                             const char         *path)
{
  g_autofree char *canonical = NULL;

  g_return_val_if_fail (BYLINE_IS_LIBRARY_INDEX (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  canonical = g_canonicalize_filename (path, NULL);

  return g_hash_table_lookup (self->by_path, canonical);
}

/* Whether @path is @dir or a file or folder below it. */
static gboolean
path_is_in (const char *path,
            const char *dir)
{
  gsize len = strlen (dir);

  return strncmp (path, dir, len) == 0 && (path[len] == '\0' || path[len] == G_DIR_SEPARATOR);
}

/**
 * byline_library_index_dup_posts_in:
 * @dir: a folder
 *
 * The posts the index holds below @dir, for a caller that would otherwise
 * read that folder again (the form's tag suggestions). Only when the index
 * has read the site @dir is in and is not reading another one.
 *
 * Returns: (transfer container) (element-type BylineLibraryPost) (nullable):
 *   the posts, in the index's order, or %NULL when @dir is not in the
 *   site the index holds
 */
GPtrArray *
byline_library_index_dup_posts_in (BylineLibraryIndex *self,
                                   const char         *dir)
{
  g_autofree char *folder = NULL;
  GPtrArray *posts;
  gsize len;

  g_return_val_if_fail (BYLINE_IS_LIBRARY_INDEX (self), NULL);
  g_return_val_if_fail (dir != NULL, NULL);

  if (self->site == NULL || self->loading)
    return NULL;
  folder = g_canonicalize_filename (dir, NULL);
  if (!path_is_in (folder, byline_site_get_root (self->site)))
    return NULL;

  len = strlen (folder);
  posts = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < self->posts->len; i++)
    {
      BylineLibraryPost *post = g_ptr_array_index (self->posts, i);

      if (path_is_in (post->path, folder) && post->path[len] != '\0')
        g_ptr_array_add (posts, g_object_ref (post));
    }

  return posts;
}

/**
 * byline_library_index_dup_tags:
 *
 * Returns: (transfer full) (array zero-terminated=1): the tags the posts
 *   use, most used first
 */
char **
byline_library_index_dup_tags (BylineLibraryIndex *self)
{
  g_return_val_if_fail (BYLINE_IS_LIBRARY_INDEX (self), NULL);

  if (self->tags == NULL)
    self->tags = count_tags (self->posts);

  return g_strdupv (self->tags);
}
