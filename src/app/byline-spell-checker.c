/* byline-spell-checker.c: misspelled words underlined in the editor
 *
 * Words are looked up in an enchant-2 dictionary, on the main thread, in idle
 * slices of a few milliseconds, so a long post never holds up typing. The
 * dictionary itself is loaded on a worker (see Dictionaries below): the
 * checking starts when it is there. What
 * still needs a look is kept in a GtkSourceRegion (a few stretches held by
 * marks, which follow edits, so finding the next one costs the same on any
 * length of text): the whole text when the post, the language or the setting changes, the lines
 * an edit touched, and whatever GtkSourceView highlights anew (a new code
 * fence changes what the lines below it are). Each slice takes the pending
 * line nearest the visible part of the editor, so what the user sees is
 * checked first and the rest outwards from it.
 *
 * What is checked follows what the editor already knows. In the body, the
 * highlighting's `no-spell-check` context class (code spans and blocks, URLs
 * and link destinations, HTML) is left alone; in the frontmatter, only the
 * text values of the post's parse are checked (a title, a description),
 * never keys, dates, slugs, URLs, images, enum values or tags (keywords and
 * names more than words), as the site's schema types them. Fenced code
 * blocks (backticks or tildes, as CommonMark has them) are found on the
 * text itself (byline_spell_find_fences()), once per change: GtkSourceView's
 * Markdown knows only the backtick kind, and only roughly. Within what is
 * left, byline_spell_next_word() picks the words.
 *
 * The word the user is typing is not underlined before the cursor leaves it.
 *
 * The context menu (the view's extra menu) offers, on a misspelled word, up
 * to five suggestions, Add to Dictionary (the user's enchant word list) and
 * Ignore (for this session), and always the language (chosen per post, the
 * post's `lang` by default, else the locale's) and the setting.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Byline"

#include "config.h"

#include <string.h>
#include <time.h>

#include <enchant.h>
#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>

#include "byline-application.h"
#include "byline-document.h"
#include "byline-frontmatter.h"
#include "byline-post.h"
#include "byline-schema.h"
#include "byline-spell-checker.h"
#include "byline-spell-words.h"

/* How long one idle slice may check words, and how much of a long line it
 * takes at a time. */
#define SLICE_USEC      3000
#define MAX_CHUNK_CHARS 2000
#define MAX_SUGGESTIONS 5
/* How many posts' chosen languages the settings keep. */
#define MAX_CHOICES     200

#define ERROR_TAG_NAME   "byline-spell-error"

struct _BylineSpellChecker
{
  GObject             parent_instance;

  GtkTextView        *view;           /* weak */
  GtkTextBuffer      *buffer;         /* owned: the view's buffer we watch */
  GtkTextTag         *error_tag;      /* borrowed from the buffer's table */
  GtkSourceRegion    *pending;        /* what still needs a look */
  GtkTextMark        *word_start;     /* the word the menu is about */
  GtkTextMark        *word_end;
  GtkTextMark        *typed;          /* where the user typed last */
  GPtrArray          *handlers;       /* signal ids on the buffer */
  GtkEventController *click;
  GtkEventController *keys;
  GArray             *fences;         /* BylineSpellFence, of text_serial */
  guint64             text_serial;    /* counts the buffer's changes */
  guint64             fences_serial;

  EnchantDict        *dict;           /* borrowed from the shared cache */
  char               *language;       /* the dictionary's language */
  char               *wanted;         /* the language asked for */
  char               *chosen;         /* the user's choice for this post */
  char               *chosen_uri;     /* the post's file, the choice's key */
  GSettings          *settings;       /* spell-languages; made when needed */
  char               *site_language;  /* what the post's site says, normalized */

  GMenu              *menu;
  GMenu              *word_section;
  GMenu              *languages;
  GSimpleActionGroup *actions;

  guint               idle_id;
  guint               n_slices;
  gint64              longest_slice;
  gint64              longest_slice_cpu;

  guint               enabled : 1;
  guint               loading : 1;    /* waits for wanted's dictionary */
  guint               ensuring : 1;
  guint               typing : 1;
};

G_DEFINE_FINAL_TYPE (BylineSpellChecker, byline_spell_checker, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ENABLED,
  PROP_LANGUAGE,
  PROP_CHECKING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void byline_spell_checker_set_buffer (BylineSpellChecker *self,
                                             GtkTextBuffer      *buffer);
static void byline_spell_checker_recheck_all (BylineSpellChecker *self);

/* Dictionaries ---------------------------------------------------------- */

/* A dictionary takes tens of milliseconds to load (hunspell reads and
 * indexes its files), so it is loaded on a worker, and the editor checks
 * nothing until it is there. Loaded once per language for the whole
 * application: a word ignored in one post is ignored in all of them for the
 * session.
 *
 * Enchant has no global state, but a broker and its dictionaries are not
 * to be used from two threads at once. So each dictionary comes with a
 * broker of its own, made on the worker that loads it and never used again
 * after (it only keeps the dictionary alive); the dictionary, once handed
 * over, is used on the main thread only, and never freed. The main thread
 * has its own broker for the questions the menu asks (which dictionaries
 * there are). The workers load one dictionary at a time, and make and free
 * every other broker themselves. */

typedef struct
{
  char          *language;  /* resolved; %NULL: none installed */
  EnchantDict   *dict;      /* owned by its broker */
  guint          loaded : 1;
  GPtrArray     *waiters;   /* GWeakRef *: checkers waiting for it */
} DictEntry;

typedef struct
{
  char          *wanted;
  char          *language;
  EnchantDict   *dict;
} LoadJob;

/* wanted tag → DictEntry; main thread only */
static GHashTable *dict_entries;

static void byline_spell_checker_dict_ready (BylineSpellChecker *self,
                                             const char         *wanted,
                                             DictEntry          *entry);

/* The main thread's broker, for listing the dictionaries. */
static EnchantBroker *
get_broker (void)
{
  static EnchantBroker *broker;

  if (broker == NULL)
    broker = enchant_broker_init ();
  return broker;
}

static void
list_dicts_cb (const char *const lang_tag,
               const char *const provider_name,
               const char *const provider_desc,
               const char *const provider_file,
               void             *user_data)
{
  GPtrArray *tags = user_data;

  for (guint i = 0; i < tags->len; i++)
    if (g_strcmp0 (g_ptr_array_index (tags, i), lang_tag) == 0)
      return;
  g_ptr_array_add (tags, g_strdup (lang_tag));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The languages with a dictionary, sorted. */
static GPtrArray *
list_languages (EnchantBroker *broker)
{
  GPtrArray *tags = g_ptr_array_new_with_free_func (g_free);

  enchant_broker_list_dicts (broker, list_dicts_cb, tags);
  g_ptr_array_sort (tags, compare_strings);
  return tags;
}

/* The dictionary's name for @wanted: itself, or for a bare language its
 * main country's (de → de_DE) or any country's, or for a language and
 * country without a dictionary the language's (en_CA → en, en_US). */
static char *
resolve_language (EnchantBroker *broker,
                  const char    *wanted)
{
  g_autoptr(GPtrArray) tags = NULL;
  g_autofree char *base = NULL;
  g_autofree char *main_region = NULL;
  g_autofree char *upper = NULL;
  const char *sep;

  if (wanted == NULL)
    return NULL;
  if (enchant_broker_dict_exists (broker, wanted))
    return g_strdup (wanted);

  sep = strchr (wanted, '_');
  base = sep != NULL ? g_strndup (wanted, sep - wanted) : g_strdup (wanted);
  if (sep != NULL && enchant_broker_dict_exists (broker, base))
    return g_steal_pointer (&base);

  upper = g_ascii_strup (base, -1);
  main_region = g_strdup_printf ("%s_%s", base, upper);
  if (enchant_broker_dict_exists (broker, main_region))
    return g_steal_pointer (&main_region);
  if (g_str_equal (base, "en") && enchant_broker_dict_exists (broker, "en_US"))
    return g_strdup ("en_US");

  tags = list_languages (broker);
  for (guint i = 0; i < tags->len; i++)
    {
      const char *tag = g_ptr_array_index (tags, i);

      if (g_str_has_prefix (tag, base) && tag[strlen (base)] == '_')
        return g_strdup (tag);
    }
  return NULL;
}

static void
load_job_free (LoadJob *job)
{
  g_free (job->wanted);
  g_free (job->language);
  g_free (job);
}

static void
weak_ref_free (GWeakRef *ref)
{
  g_weak_ref_clear (ref);
  g_free (ref);
}

/* Worker thread. */
static void
load_dict_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  static GMutex one_at_a_time;
  /* resolved language → EnchantDict; under the mutex */
  static GHashTable *loaded;
  static GPtrArray *brokers;
  LoadJob *job = task_data;
  EnchantBroker *broker;

  g_mutex_lock (&one_at_a_time);
  broker = enchant_broker_init ();
  job->language = resolve_language (broker, job->wanted);
  if (job->language != NULL)
    {
      if (loaded == NULL)
        loaded = g_hash_table_new (g_str_hash, g_str_equal);
      /* One dictionary per language, whatever it was asked as (en, en_US):
       * a word ignored for the session is ignored everywhere. */
      job->dict = g_hash_table_lookup (loaded, job->language);
      if (job->dict == NULL)
        {
          job->dict = enchant_broker_request_dict (broker, job->language);
          if (job->dict != NULL)
            {
              g_hash_table_insert (loaded, g_strdup (job->language), job->dict);
              /* kept with its dictionary, for good */
              if (brokers == NULL)
                brokers = g_ptr_array_new ();
              g_ptr_array_add (brokers, g_steal_pointer (&broker));
            }
        }
    }
  if (job->dict == NULL)
    g_clear_pointer (&job->language, g_free);
  g_clear_pointer (&broker, enchant_broker_free);
  g_mutex_unlock (&one_at_a_time);

  g_task_return_boolean (task, TRUE);
}

/* Main thread: hands the dictionary to the checkers that wait for it. */
static void
load_dict_cb (GObject      *source_object,
              GAsyncResult *result,
              gpointer      user_data)
{
  LoadJob *job = g_task_get_task_data (G_TASK (result));
  DictEntry *entry = g_hash_table_lookup (dict_entries, job->wanted);
  g_autoptr(GPtrArray) waiters = NULL;

  g_assert (entry != NULL && !entry->loaded);

  entry->loaded = TRUE;
  entry->language = g_steal_pointer (&job->language);
  entry->dict = job->dict;

  waiters = g_steal_pointer (&entry->waiters);
  for (guint i = 0; i < waiters->len; i++)
    {
      g_autoptr(BylineSpellChecker) checker = g_weak_ref_get (g_ptr_array_index (waiters, i));

      if (checker != NULL)
        byline_spell_checker_dict_ready (checker, job->wanted, entry);
    }
}

/* The dictionary for @wanted when it is loaded; else %NULL, and @self is
 * told when it is (byline_spell_checker_dict_ready()). */
static DictEntry *
request_dict (BylineSpellChecker *self,
              const char         *wanted)
{
  DictEntry *entry;
  GWeakRef *ref;

  if (dict_entries == NULL)
    dict_entries = g_hash_table_new (g_str_hash, g_str_equal);
  entry = g_hash_table_lookup (dict_entries, wanted);
  if (entry != NULL && entry->loaded)
    return entry;

  if (entry == NULL)
    {
      g_autoptr(GTask) task = NULL;
      LoadJob *job = g_new0 (LoadJob, 1);

      entry = g_new0 (DictEntry, 1);
      entry->waiters = g_ptr_array_new_with_free_func ((GDestroyNotify) weak_ref_free);
      g_hash_table_insert (dict_entries, g_strdup (wanted), entry);

      /* No source object nor cancellable: a load always finishes and fills
       * the cache, whoever still waits for it. */
      job->wanted = g_strdup (wanted);
      task = g_task_new (NULL, NULL, load_dict_cb, NULL);
      g_task_set_source_tag (task, request_dict);
      g_task_set_task_data (task, job, (GDestroyNotify) load_job_free);
      g_task_run_in_thread (task, load_dict_thread);
    }

  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, self);
  g_ptr_array_add (entry->waiters, ref);
  return NULL;
}

/**
 * byline_spell_checker_has_dictionary:
 * @language: a language tag (`en_US`, `de`)
 *
 * Returns: whether a dictionary for @language (or its main variant) is
 *   installed
 */
gboolean
byline_spell_checker_has_dictionary (const char *language)
{
  g_autofree char *resolved = resolve_language (get_broker (), language);

  return resolved != NULL;
}

/* Dictionaries know the typewriter apostrophe; posts often have the curly
 * one. */
static char *
dictionary_form (const char *word,
                 gssize      len)
{
  g_autoptr(GString) out = g_string_new_len (word, len);

  g_string_replace (out, "\xe2\x80\x99", "'", 0);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
is_correct (EnchantDict *dict,
            const char  *word,
            gsize        len)
{
  g_autofree char *form = dictionary_form (word, len);

  return enchant_dict_check (dict, form, -1) == 0;
}

/* Where words are checked ---------------------------------------------- */

static const char * const unchecked_keys[] = {
  "slug", "permalink", "url", "link", "canonicalURL", "canonical_url", "lang",
  "language", "layout", "image", "cover", "ogImage", "heroImage", "timezone",
  "aliases", "id", "type", "redirect_from", "redirect_to", "tags", "categories",
  "keywords", "series", NULL
};

/* Whether the values of a frontmatter field are prose. */
static gboolean
field_is_prose (const BylineField *field,
                const char        *key)
{
  if (field == NULL)
    return !g_strv_contains (unchecked_keys, key);

  switch (field->type)
    {
    case BYLINE_FIELD_STRING:
      return field->format == NULL && field->pattern == NULL &&
             !g_strv_contains (unchecked_keys, key);
    case BYLINE_FIELD_TEXT:
    case BYLINE_FIELD_ANY:
    case BYLINE_FIELD_OBJECT:
    case BYLINE_FIELD_LIST:
    case BYLINE_FIELD_UNION:
      return TRUE;
    /* tags and categories: keywords and names more than words */
    case BYLINE_FIELD_STRING_LIST:
    case BYLINE_FIELD_TIMESTAMP:
    case BYLINE_FIELD_BOOLEAN:
    case BYLINE_FIELD_URL:
    case BYLINE_FIELD_TIMEZONE:
    case BYLINE_FIELD_SLUG:
    case BYLINE_FIELD_ENUM:
    case BYLINE_FIELD_INTEGER:
    case BYLINE_FIELD_NUMBER:
    case BYLINE_FIELD_DATE:
    case BYLINE_FIELD_IMAGE:
    case BYLINE_FIELD_REFERENCE:
    default:
      return FALSE;
    }
}

/* Whether @offset lies in a text value of @node (not in a key, a date, a
 * number, …). */
static gboolean
node_has_text_at (const BylineNode *node,
                  gsize             offset)
{
  if (node == NULL || offset < node->start || offset >= node->end)
    return FALSE;

  switch (node->type)
    {
    case BYLINE_VALUE_STRING:
      return node->alias_of == NULL;
    case BYLINE_VALUE_SEQUENCE:
      for (guint i = 0; node->items != NULL && i < node->items->len; i++)
        if (node_has_text_at (g_ptr_array_index (node->items, i), offset))
          return TRUE;
      return FALSE;
    case BYLINE_VALUE_MAPPING:
      for (guint i = 0; node->entries != NULL && i < node->entries->len; i++)
        {
          const BylineEntry *entry = g_ptr_array_index (node->entries, i);

          if (node_has_text_at (entry->value, offset))
            return TRUE;
        }
      return FALSE;
    case BYLINE_VALUE_NULL:
    case BYLINE_VALUE_BOOLEAN:
    case BYLINE_VALUE_INTEGER:
    case BYLINE_VALUE_FLOAT:
    case BYLINE_VALUE_TIMESTAMP:
    default:
      return FALSE;
    }
}

/* Whether the frontmatter's byte @offset is in prose: a text value of a
 * field that takes prose. */
static gboolean
frontmatter_has_prose_at (BylinePost *post,
                          gsize       offset)
{
  BylineFrontmatter *frontmatter = byline_post_get_frontmatter (post);
  BylineSchema *schema = byline_post_get_schema (post);
  const BylineNode *root;

  if (frontmatter == NULL)
    return FALSE;
  root = byline_frontmatter_get_root (frontmatter);
  if (root == NULL || root->type != BYLINE_VALUE_MAPPING || root->entries == NULL)
    return FALSE;

  for (guint i = 0; i < root->entries->len; i++)
    {
      const BylineEntry *entry = g_ptr_array_index (root->entries, i);
      const BylineNode *value = entry->value;

      if (value == NULL || offset < value->start || offset >= value->end)
        continue;
      if (!field_is_prose (schema != NULL ? byline_schema_lookup (schema, entry->key) : NULL,
                           entry->key))
        return FALSE;
      return node_has_text_at (value, offset);
    }
  return FALSE;
}

/* The post the buffer holds now, when it is a document; @current tells
 * whether the snapshot is of the text as it is (it is behind in the middle
 * of a user action). */
static BylinePost *
document_post (BylineSpellChecker *self,
               gboolean           *current)
{
  BylinePost *post;

  *current = FALSE;
  if (!BYLINE_IS_DOCUMENT (self->buffer))
    return NULL;
  post = byline_document_get_post (BYLINE_DOCUMENT (self->buffer));
  if (post == NULL)
    return NULL;
  *current = byline_post_get_serial (post) ==
             byline_document_get_change_serial (BYLINE_DOCUMENT (self->buffer));
  return post;
}

/* Whether @offset of a line of @text lies inside an HTML tag, where even an
 * attribute's value is markup, not prose (GtkSourceView's HTML checks
 * those). */
static gboolean
inside_html_tag (const char *text,
                 gsize       offset)
{
  for (gsize i = offset; i > 0; i--)
    {
      char c = text[i - 1];

      if (c == '>' || c == '\n')
        return FALSE;
      if (c == '<')
        return g_ascii_isalpha (text[i]) || text[i] == '/' || text[i] == '!';
    }
  return FALSE;
}

/* Fenced code blocks --------------------------------------------------- */

/* Whether @line lies in a fenced code block (or is one of its fences). */
static gboolean
in_fence (BylineSpellChecker *self,
          guint               line)
{
  guint lo = 0;
  guint hi = self->fences != NULL ? self->fences->len : 0;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      const BylineSpellFence *fence = &g_array_index (self->fences, BylineSpellFence, mid);

      if (line < fence->first_line)
        hi = mid;
      else if (line > fence->last_line)
        lo = mid + 1;
      else
        return TRUE;
    }
  return FALSE;
}

static void invalidate (BylineSpellChecker *self,
                        const GtkTextIter  *start,
                        const GtkTextIter  *end);

static int
compare_uints (gconstpointer a,
               gconstpointer b)
{
  guint x = *(const guint *) a;
  guint y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

/* Looks for the text's fenced blocks again after a change, and checks the
 * lines that went into or out of one (a fence typed or deleted changes
 * every line below it). The scan is a pass over the lines' first bytes:
 * well under a millisecond for a megabyte, done once per change. */
static void
update_fences (BylineSpellChecker *self)
{
  g_autoptr(GArray) old = NULL;
  g_autoptr(GArray) bounds = NULL;
  g_autofree char *copy = NULL;
  const char *text = NULL;
  gsize len = 0;
  guint first_line = 0;
  BylinePost *post;
  gboolean current;
  int n_lines;

  if (self->fences != NULL && self->fences_serial == self->text_serial)
    return;

  post = document_post (self, &current);
  if (post != NULL && current && !byline_post_is_partial (post))
    {
      /* the document's copy of this very text, no other needed */
      text = byline_post_peek_text (post, &len);
      text += byline_post_get_body_offset (post);
      len -= byline_post_get_body_offset (post);
      first_line = byline_post_get_body_line (post);
    }
  else
    {
      GtkTextIter start;
      GtkTextIter end;

      if (post != NULL && current)
        first_line = byline_post_get_body_line (post);
      gtk_text_buffer_get_iter_at_line (self->buffer, &start, first_line);
      gtk_text_buffer_get_end_iter (self->buffer, &end);
      copy = gtk_text_buffer_get_slice (self->buffer, &start, &end, TRUE);
      text = copy;
      len = strlen (copy);
    }

  old = g_steal_pointer (&self->fences);
  self->fences = byline_spell_find_fences (text, len);
  self->fences_serial = self->text_serial;
  n_lines = gtk_text_buffer_get_line_count (self->buffer);
  for (guint i = 0; i < self->fences->len; i++)
    {
      BylineSpellFence *fence = &g_array_index (self->fences, BylineSpellFence, i);

      fence->first_line += first_line;
      if (fence->last_line != G_MAXUINT)
        fence->last_line += first_line;
    }

  /* The lines whose state changed lie between two of the blocks' bounds
   * (old or new): check each stretch that is in one list and not in the
   * other. */
  bounds = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint k = 0; k < 2; k++)
    {
      GArray *list = k == 0 ? old : self->fences;

      for (guint i = 0; list != NULL && i < list->len; i++)
        {
          const BylineSpellFence *fence = &g_array_index (list, BylineSpellFence, i);
          guint after = fence->last_line == G_MAXUINT ? G_MAXUINT : fence->last_line + 1;

          g_array_append_val (bounds, fence->first_line);
          g_array_append_val (bounds, after);
        }
    }
  g_array_sort (bounds, compare_uints);
  for (guint i = 0; i + 1 < bounds->len; i++)
    {
      guint from = g_array_index (bounds, guint, i);
      guint to = g_array_index (bounds, guint, i + 1);
      gboolean was;
      GArray *now = self->fences;

      if (from == to || from >= (guint) n_lines)
        continue;
      self->fences = old;
      was = in_fence (self, from);
      self->fences = now;
      if (was != in_fence (self, from))
        {
          GtkTextIter start;
          GtkTextIter end;

          gtk_text_buffer_get_iter_at_line (self->buffer, &start, from);
          if (to >= (guint) n_lines)
            gtk_text_buffer_get_end_iter (self->buffer, &end);
          else
            gtk_text_buffer_get_iter_at_line (self->buffer, &end, to);
          invalidate (self, &start, &end);
        }
    }
}

/* Checking --------------------------------------------------------------- */

/* Text waits to be checked while the dictionary loads, too. */
static gboolean
is_checking (BylineSpellChecker *self)
{
  return self->idle_id != 0 || self->loading;
}

static void
set_checking (BylineSpellChecker *self,
              guint               idle_id)
{
  gboolean was = is_checking (self);

  self->idle_id = idle_id;
  if (was != is_checking (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHECKING]);
}

static void
set_loading (BylineSpellChecker *self,
             gboolean            loading)
{
  gboolean was = is_checking (self);

  self->loading = !!loading;
  if (was != is_checking (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHECKING]);
}

/* Whether the word [start, end) is the one the user is typing. */
static gboolean
is_being_typed (BylineSpellChecker *self,
                const GtkTextIter  *start,
                const GtkTextIter  *end)
{
  GtkTextIter cursor;

  if (!self->typing)
    return FALSE;
  gtk_text_buffer_get_iter_at_mark (self->buffer, &cursor,
                                    gtk_text_buffer_get_insert (self->buffer));
  return gtk_text_iter_compare (start, &cursor) <= 0 && gtk_text_iter_compare (&cursor, end) <= 0;
}

/* Checks the words of [start, end), which lies in one line. */
static void
check_range (BylineSpellChecker *self,
             const GtkTextIter  *start,
             const GtkTextIter  *end,
             gboolean            on_screen)
{
  GtkSourceBuffer *source = GTK_SOURCE_IS_BUFFER (self->buffer) ? GTK_SOURCE_BUFFER (self->buffer) : NULL;
  g_autofree char *text = NULL;
  BylinePost *post;
  gboolean current;
  gboolean in_frontmatter = FALSE;
  gsize base = 0;
  gsize len;
  gsize pos = 0;
  gsize word_start;
  gsize word_end;
  gsize char_pos = 0;
  gsize byte_pos = 0;

  gtk_text_buffer_remove_tag (self->buffer, self->error_tag, start, end);
  gtk_source_region_subtract_subregion (self->pending, start, end);
  if (!self->enabled || self->dict == NULL)
    return;

  /* Classes come with highlighting, which GtkSourceView does lazily: on
   * screen it is there already (the view asked for it to draw), and this
   * costs nothing. Off screen, asking for it would analyse the text right
   * now, tens of milliseconds a time on a long post; so the words there are
   * checked with what classes they have, and checked again when the view
   * highlights them (highlight-updated), before they are seen. */
  if (source != NULL && on_screen)
    {
      self->ensuring = TRUE;
      gtk_source_buffer_ensure_highlight (source, start, end);
      self->ensuring = FALSE;
    }

  if (in_fence (self, gtk_text_iter_get_line (start)))
    return;

  post = document_post (self, &current);
  if (post != NULL)
    {
      const BylineSplit *split = byline_post_get_split (post);

      if (split->kind != BYLINE_BLOCK_NONE &&
          (guint) gtk_text_iter_get_line (start) < byline_post_get_body_line (post))
        {
          GtkTextIter top;
          g_autofree char *before = NULL;

          /* A snapshot behind the text cannot say what is a value: the
           * next one checks the frontmatter again (notify::post). */
          if (!current)
            return;
          in_frontmatter = TRUE;
          gtk_text_buffer_get_start_iter (self->buffer, &top);
          before = gtk_text_buffer_get_slice (self->buffer, &top, start, TRUE);
          base = strlen (before);
        }
    }

  text = gtk_text_buffer_get_slice (self->buffer, start, end, TRUE);
  len = strlen (text);

  while (byline_spell_next_word (text, len, &pos, &word_start, &word_end))
    {
      GtkTextIter ws = *start;
      GtkTextIter we;

      char_pos += g_utf8_strlen (text + byte_pos, word_start - byte_pos);
      byte_pos = word_start;
      gtk_text_iter_forward_chars (&ws, char_pos);
      we = ws;
      gtk_text_iter_forward_chars (&we, g_utf8_strlen (text + word_start, word_end - word_start));

      if (in_frontmatter)
        {
          if (!frontmatter_has_prose_at (post, base + word_start))
            continue;
        }
      else if ((source != NULL &&
                gtk_source_buffer_iter_has_context_class (source, &ws, "no-spell-check")) ||
               inside_html_tag (text, word_start))
        continue;

      if (is_being_typed (self, &ws, &we))
        continue;
      if (!is_correct (self->dict, text + word_start, word_end - word_start))
        gtk_text_buffer_apply_tag (self->buffer, self->error_tag, &ws, &we);
    }
}

/* The part of the editor on screen. */
static void
get_visible (BylineSpellChecker *self,
             GtkTextIter        *top,
             GtkTextIter        *bottom)
{
  GdkRectangle rect;

  if (self->view == NULL || gtk_text_view_get_buffer (self->view) != self->buffer)
    {
      gtk_text_buffer_get_start_iter (self->buffer, top);
      *bottom = *top;
      return;
    }
  gtk_text_view_get_visible_rect (self->view, &rect);
  gtk_text_view_get_line_at_y (self->view, top, rect.y, NULL);
  gtk_text_view_get_line_at_y (self->view, bottom, rect.y + rect.height, NULL);
  gtk_text_iter_forward_to_line_end (bottom);
}

/* The pending stretch nearest the visible part: in it, or else the first
 * one below it, or else the last one above it. The region
 * holds a few stretches (marks that follow edits), so this is quick however
 * long the text. */
static gboolean
find_pending (BylineSpellChecker *self,
              const GtkTextIter  *top,
              const GtkTextIter  *bottom,
              GtkTextIter        *found)
{
  GtkSourceRegionIter it;
  gboolean has_below = FALSE;
  gboolean has_above = FALSE;
  GtkTextIter below;
  GtkTextIter above;

  gtk_source_region_get_start_region_iter (self->pending, &it);
  for (; !gtk_source_region_iter_is_end (&it); gtk_source_region_iter_next (&it))
    {
      GtkTextIter start;
      GtkTextIter end;

      if (!gtk_source_region_iter_get_subregion (&it, &start, &end) ||
          gtk_text_iter_equal (&start, &end))
        continue;
      if (gtk_text_iter_compare (&end, top) > 0 && gtk_text_iter_compare (&start, bottom) <= 0)
        {
          /* on screen */
          *found = gtk_text_iter_compare (&start, top) >= 0 ? start : *top;
          return TRUE;
        }
      if (gtk_text_iter_compare (&start, bottom) > 0)
        {
          if (!has_below)
            below = start;
          has_below = TRUE;
          break;
        }
      above = end;
      gtk_text_iter_backward_char (&above);
      has_above = TRUE;
    }

  /* Below first, then above: GtkSourceView finds its context of a line
   * quickly near the one it looked up last, slowly after a jump, so
   * alternating between the two sides made slices of tens of ms. */
  if (has_below)
    *found = below;
  else if (has_above)
    *found = above;
  return has_below || has_above;
}

/* The next stretch to check: the pending line nearest the visible part. */
static gboolean
next_pending (BylineSpellChecker *self,
              GtkTextIter        *start,
              GtkTextIter        *end,
              gboolean           *on_screen)
{
  GtkTextIter top;
  GtkTextIter bottom;
  GtkTextIter found;

  get_visible (self, &top, &bottom);
  if (!find_pending (self, &top, &bottom, &found))
    return FALSE;
  *on_screen = gtk_text_iter_compare (&found, &top) >= 0 && gtk_text_iter_compare (&found, &bottom) <= 0;

  /* The whole line, or a piece of a long one ending at a space. */
  *start = found;
  if (gtk_text_iter_get_line_offset (start) < MAX_CHUNK_CHARS)
    gtk_text_iter_set_line_offset (start, 0);
  else
    while (!gtk_text_iter_starts_line (start) &&
           !g_unichar_isspace (gtk_text_iter_get_char (start)) &&
           gtk_text_iter_backward_char (start))
      ;
  /* with its line break, which is pending too */
  *end = *start;
  if (!gtk_text_iter_forward_line (end))
    gtk_text_iter_forward_to_end (end);
  if (gtk_text_iter_get_offset (end) - gtk_text_iter_get_offset (start) > MAX_CHUNK_CHARS)
    {
      GtkTextIter cut = *start;

      gtk_text_iter_forward_chars (&cut, MAX_CHUNK_CHARS);
      while (gtk_text_iter_compare (&cut, &found) > 0 &&
             !g_unichar_isspace (gtk_text_iter_get_char (&cut)))
        gtk_text_iter_backward_char (&cut);
      if (gtk_text_iter_compare (&cut, &found) > 0)
        *end = cut;
      else
        {
          /* no space at all: cut anyway, it is no prose */
          *end = *start;
          gtk_text_iter_forward_chars (end, MAX_CHUNK_CHARS);
        }
    }
  return TRUE;
}

static void
stop_checking (BylineSpellChecker *self)
{
  if (self->idle_id == 0)
    return;
  g_source_remove (self->idle_id);
  set_checking (self, 0);
}

/* The main thread's CPU time, in µs: what a slice costs, apart from the
 * time the machine gave to others meanwhile. */
static gint64
thread_cpu_usec (void)
{
  struct timespec ts;

  if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
    return 0;
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static gboolean
byline_spell_checker_idle_cb (gpointer user_data)
{
  BylineSpellChecker *self = user_data;
  gint64 began = g_get_monotonic_time ();
  gint64 began_cpu = thread_cpu_usec ();
  gint64 took;
  gboolean more = TRUE;

  if (self->buffer != NULL)
    update_fences (self);
  while (more && g_get_monotonic_time () - began < SLICE_USEC)
    {
      GtkTextIter start;
      GtkTextIter end;
      gboolean on_screen = FALSE;

      more = self->buffer != NULL && next_pending (self, &start, &end, &on_screen);
      if (more)
        check_range (self, &start, &end, on_screen);
    }

  took = g_get_monotonic_time () - began;
  self->n_slices++;
  self->longest_slice = MAX (self->longest_slice, took);
  self->longest_slice_cpu = MAX (self->longest_slice_cpu, thread_cpu_usec () - began_cpu);
  if (more)
    return G_SOURCE_CONTINUE;
  set_checking (self, 0);
  return G_SOURCE_REMOVE;
}

static void
byline_spell_checker_schedule (BylineSpellChecker *self)
{
  if (self->idle_id != 0 || self->buffer == NULL || !self->enabled)
    return;
  /* Below redrawing and GtkSourceView's own highlighting. */
  set_checking (self, g_idle_add_full (G_PRIORITY_LOW, byline_spell_checker_idle_cb, self, NULL));
}

/* Marks the lines of [start, end) for checking. */
static void
invalidate (BylineSpellChecker *self,
            const GtkTextIter  *start,
            const GtkTextIter  *end)
{
  GtkTextIter s = *start;
  GtkTextIter e = *end;

  if (!self->enabled || self->buffer == NULL)
    return;
  gtk_text_iter_set_line_offset (&s, 0);
  if (!gtk_text_iter_starts_line (&e) || gtk_text_iter_equal (&s, &e))
    if (!gtk_text_iter_forward_line (&e))
      gtk_text_iter_forward_to_end (&e);
  gtk_source_region_add_subregion (self->pending, &s, &e);
  byline_spell_checker_schedule (self);
}

static void
byline_spell_checker_recheck_all (BylineSpellChecker *self)
{
  GtkTextIter start;
  GtkTextIter end;

  if (self->buffer == NULL)
    return;
  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  gtk_text_buffer_remove_tag (self->buffer, self->error_tag, &start, &end);
  gtk_source_region_subtract_subregion (self->pending, &start, &end);
  if (self->enabled && self->dict != NULL)
    invalidate (self, &start, &end);
}

/* The language --------------------------------------------------------- */

static void
use_dict (BylineSpellChecker *self,
          const char         *language,
          EnchantDict        *dict)
{
  gboolean changed = g_strcmp0 (language, self->language) != 0;

  if (!changed && dict == self->dict)
    return;
  self->dict = dict;
  g_free (self->language);
  self->language = g_strdup (language);
  byline_spell_checker_recheck_all (self);
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANGUAGE]);
}

/* The language the post names itself (its `lang`), or %NULL. */
static char *
post_language (BylineSpellChecker *self)
{
  BylinePost *post = BYLINE_IS_DOCUMENT (self->buffer)
                       ? byline_document_get_post (BYLINE_DOCUMENT (self->buffer))
                       : NULL;
  BylineFrontmatter *frontmatter = post != NULL ? byline_post_get_frontmatter (post) : NULL;

  if (frontmatter != NULL)
    {
      static const char * const keys[] = { "lang", "language", "languageCode" };

      for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
        {
          const BylineEntry *entry = byline_frontmatter_lookup (frontmatter, keys[i]);
          char *tag;

          if (entry == NULL || entry->value == NULL || entry->value->type != BYLINE_VALUE_STRING)
            continue;
          tag = byline_spell_language_normalize (entry->value->string);
          if (tag != NULL)
            return tag;
        }
    }
  return NULL;
}

/* The language the post asks for: its `lang`, else its site's, else the
 * locale's. */
static char *
automatic_language (BylineSpellChecker *self)
{
  const char * const *names;
  char *own = post_language (self);

  if (own != NULL)
    return own;
  if (self->site_language != NULL)
    return g_strdup (self->site_language);

  names = g_get_language_names ();
  for (guint i = 0; names[i] != NULL; i++)
    {
      char *tag = byline_spell_language_normalize (names[i]);

      if (tag != NULL)
        return tag;
    }
  /* The C locale is English. */
  return g_strdup ("en_US");
}

/* Choices outlive the post's tab: the settings keep, per post file, the
 * language chosen and the `lang` the post had then. GSettings rather than
 * the session's state file, which holds the posts open now and forgets a
 * post when its tab closes; at most MAX_CHOICES of them, so the settings
 * stay small.
 *
 * A choice overrides the post's `lang`, as it does while the post is open
 * (the user picked it over the `lang` in front of them: a wrong one, often
 * a template's), until that `lang` changes: a post given a new language
 * since says something the old choice did not know. */
static GSettings *
get_settings (BylineSpellChecker *self)
{
  if (self->settings == NULL)
    self->settings = byline_settings_new ();
  return self->settings;
}

static char *
document_uri (BylineSpellChecker *self)
{
  GFile *file;

  if (!BYLINE_IS_DOCUMENT (self->buffer) ||
      byline_document_get_loading (BYLINE_DOCUMENT (self->buffer)))
    return NULL;
  file = byline_document_get_file (BYLINE_DOCUMENT (self->buffer));
  return file != NULL ? g_file_get_uri (file) : NULL;
}

static void
store_choice (BylineSpellChecker *self)
{
  g_autoptr(GVariant) old = NULL;
  g_autofree char *own = NULL;
  GVariantBuilder builder;
  GVariantIter iter;
  const char *uri;
  const char *chosen;
  const char *over;
  gsize n;
  gsize skip;

  if (self->chosen_uri == NULL)
    return;
  own = post_language (self);
  old = g_settings_get_value (get_settings (self), "spell-languages");

  /* the oldest go first; this one last, as the newest */
  n = g_variant_n_children (old);
  skip = n >= MAX_CHOICES ? n - MAX_CHOICES + 1 : 0;
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{s(ss)}"));
  g_variant_iter_init (&iter, old);
  while (g_variant_iter_next (&iter, "{&s(&s&s)}", &uri, &chosen, &over))
    {
      if (skip > 0)
        {
          skip--;
          continue;
        }
      if (!g_str_equal (uri, self->chosen_uri))
        g_variant_builder_add (&builder, "{s(ss)}", uri, chosen, over);
    }
  if (self->chosen != NULL)
    g_variant_builder_add (&builder, "{s(ss)}", self->chosen_uri, self->chosen, own != NULL ? own : "");
  g_settings_set_value (get_settings (self), "spell-languages", g_variant_builder_end (&builder));
}

/* The choice kept for the post's file, once its file is known (after the
 * load: its `lang` is known then too). A post saved for the first time, or
 * under another name, takes its choice with it. */
static void
restore_choice (BylineSpellChecker *self)
{
  g_autofree char *uri = document_uri (self);
  g_autoptr(GVariant) choices = NULL;
  g_autofree char *own = NULL;
  const char *chosen;
  const char *over;

  if (uri == NULL || g_strcmp0 (uri, self->chosen_uri) == 0)
    return;
  g_free (self->chosen_uri);
  self->chosen_uri = g_steal_pointer (&uri);

  choices = g_settings_get_value (get_settings (self), "spell-languages");
  if (!g_variant_lookup (choices, self->chosen_uri, "(&s&s)", &chosen, &over))
    {
      if (self->chosen != NULL)
        store_choice (self);
      return;
    }
  own = post_language (self);
  if (g_strcmp0 (over, own != NULL ? own : "") != 0)
    return;
  g_free (self->chosen);
  self->chosen = byline_spell_language_normalize (chosen);
}

static void
byline_spell_checker_update_language (BylineSpellChecker *self)
{
  g_autofree char *wanted = NULL;
  GAction *action;
  DictEntry *entry;

  restore_choice (self);
  wanted = self->chosen != NULL ? g_strdup (self->chosen) : automatic_language (self);
  if (g_strcmp0 (wanted, self->wanted) == 0)
    return;
  g_free (self->wanted);
  self->wanted = g_steal_pointer (&wanted);

  action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "language");
  g_simple_action_set_state (G_SIMPLE_ACTION (action),
                             g_variant_new_string (self->chosen != NULL ? self->chosen : ""));

  entry = request_dict (self, self->wanted);
  if (entry != NULL)
    {
      set_loading (self, FALSE);
      use_dict (self, entry->language, entry->dict);
    }
  else
    {
      /* Nothing underlined in the wrong language meanwhile. */
      set_loading (self, TRUE);
      use_dict (self, NULL, NULL);
    }
}

/* The dictionary @wanted asked for is loaded: used, unless @self wants
 * another one by now. */
static void
byline_spell_checker_dict_ready (BylineSpellChecker *self,
                                 const char         *wanted,
                                 DictEntry          *entry)
{
  if (g_strcmp0 (wanted, self->wanted) != 0)
    return;
  use_dict (self, entry->language, entry->dict);
  set_loading (self, FALSE);
}

/* The buffer's signals ------------------------------------------------- */

static void
byline_spell_checker_buffer_insert_text_cb (GtkTextBuffer      *buffer,
                                            GtkTextIter        *location,
                                            const char         *text,
                                            int                 len,
                                            BylineSpellChecker *self)
{
  GtkTextIter start = *location;
  GtkTextIter cursor;

  self->text_serial++;
  gtk_text_iter_backward_chars (&start, g_utf8_strlen (text, len));
  invalidate (self, &start, location);

  /* typed at the cursor: leave the word alone until the cursor leaves it */
  gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
  self->typing = gtk_text_iter_equal (&cursor, location);
  if (self->typing)
    gtk_text_buffer_move_mark (buffer, self->typed, location);
}

static void
byline_spell_checker_buffer_delete_range_cb (GtkTextBuffer      *buffer,
                                             GtkTextIter        *start,
                                             GtkTextIter        *end,
                                             BylineSpellChecker *self)
{
  self->text_serial++;
  invalidate (self, start, end);
}

static void
byline_spell_checker_buffer_mark_set_cb (GtkTextBuffer      *buffer,
                                         const GtkTextIter  *location,
                                         GtkTextMark        *mark,
                                         BylineSpellChecker *self)
{
  GtkTextIter typed;

  if (mark != gtk_text_buffer_get_insert (buffer) || !self->typing)
    return;
  /* The cursor left the word typed last: check it now. */
  self->typing = FALSE;
  gtk_text_buffer_get_iter_at_mark (buffer, &typed, self->typed);
  invalidate (self, &typed, &typed);
}

static void
byline_spell_checker_buffer_highlight_updated_cb (GtkSourceBuffer    *buffer,
                                                  GtkTextIter        *start,
                                                  GtkTextIter        *end,
                                                  BylineSpellChecker *self)
{
  /* What we asked to be highlighted is checked right after. */
  if (!self->ensuring)
    invalidate (self, start, end);
}

static void
byline_spell_checker_document_notify_post_cb (BylineDocument     *document,
                                              GParamSpec         *pspec,
                                              BylineSpellChecker *self)
{
  BylinePost *post = byline_document_get_post (document);
  const BylineSplit *split;

  byline_spell_checker_update_language (self);
  if (post == NULL || !self->enabled)
    return;
  /* The frontmatter's snapshot decides what is checked there. */
  split = byline_post_get_split (post);
  if (split->kind != BYLINE_BLOCK_NONE)
    {
      GtkTextIter start;
      GtkTextIter end;

      gtk_text_buffer_get_start_iter (self->buffer, &start);
      gtk_text_buffer_get_iter_at_line (self->buffer, &end, byline_post_get_body_line (post));
      invalidate (self, &start, &end);
    }
}

static void
byline_spell_checker_document_notify_file_cb (BylineDocument     *document,
                                              GParamSpec         *pspec,
                                              BylineSpellChecker *self)
{
  byline_spell_checker_update_language (self);
}

static GtkTextTag *
ensure_error_tag (GtkTextBuffer *buffer)
{
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), ERROR_TAG_NAME);
  GdkRGBA red;

  if (tag != NULL)
    return tag;
  /* GNOME's red 3 */
  gdk_rgba_parse (&red, "#e01b24");
  return gtk_text_buffer_create_tag (buffer, ERROR_TAG_NAME,
                                     "underline", PANGO_UNDERLINE_ERROR,
                                     "underline-rgba", &red,
                                     NULL);
}

static void
byline_spell_checker_set_buffer (BylineSpellChecker *self,
                                 GtkTextBuffer      *buffer)
{
  if (buffer == self->buffer)
    return;

  if (self->buffer != NULL)
    {
      GtkTextIter start;
      GtkTextIter end;

      for (guint i = 0; i < self->handlers->len; i++)
        g_signal_handler_disconnect (self->buffer, GPOINTER_TO_UINT (g_ptr_array_index (self->handlers, i)));
      g_ptr_array_set_size (self->handlers, 0);
      gtk_text_buffer_get_bounds (self->buffer, &start, &end);
      gtk_text_buffer_remove_tag (self->buffer, self->error_tag, &start, &end);
      gtk_text_buffer_delete_mark (self->buffer, self->word_start);
      gtk_text_buffer_delete_mark (self->buffer, self->word_end);
      gtk_text_buffer_delete_mark (self->buffer, self->typed);
      self->word_start = self->word_end = self->typed = NULL;
      self->error_tag = NULL;
      g_clear_object (&self->pending);
      g_clear_object (&self->buffer);
    }
  stop_checking (self);
  self->typing = FALSE;
  g_clear_pointer (&self->fences, g_array_unref);

  if (buffer != NULL)
    {
      GtkTextIter start;

      self->buffer = g_object_ref (buffer);
      self->error_tag = ensure_error_tag (buffer);
      self->pending = gtk_source_region_new (buffer);
      gtk_text_buffer_get_start_iter (buffer, &start);
      self->word_start = gtk_text_buffer_create_mark (buffer, NULL, &start, TRUE);
      self->word_end = gtk_text_buffer_create_mark (buffer, NULL, &start, FALSE);
      self->typed = gtk_text_buffer_create_mark (buffer, NULL, &start, FALSE);

#define CONNECT(signal, cb) \
      g_ptr_array_add (self->handlers, GUINT_TO_POINTER ( \
        g_signal_connect_after (buffer, signal, G_CALLBACK (cb), self)))
      CONNECT ("insert-text", byline_spell_checker_buffer_insert_text_cb);
      CONNECT ("delete-range", byline_spell_checker_buffer_delete_range_cb);
      CONNECT ("mark-set", byline_spell_checker_buffer_mark_set_cb);
      if (GTK_SOURCE_IS_BUFFER (buffer))
        CONNECT ("highlight-updated", byline_spell_checker_buffer_highlight_updated_cb);
      if (BYLINE_IS_DOCUMENT (buffer))
        {
          CONNECT ("notify::post", byline_spell_checker_document_notify_post_cb);
          CONNECT ("notify::file", byline_spell_checker_document_notify_file_cb);
        }
#undef CONNECT
    }

  /* a new buffer is another post, in another language */
  g_clear_pointer (&self->wanted, g_free);
  g_clear_pointer (&self->chosen, g_free);
  g_clear_pointer (&self->chosen_uri, g_free);
  if (buffer != NULL)
    byline_spell_checker_update_language (self);
  else
    set_loading (self, FALSE);
  byline_spell_checker_recheck_all (self);
}

static void
byline_spell_checker_view_notify_buffer_cb (GtkTextView        *view,
                                            GParamSpec         *pspec,
                                            BylineSpellChecker *self)
{
  byline_spell_checker_set_buffer (self, gtk_text_view_get_buffer (view));
}

/* The context menu ------------------------------------------------------ */

/* Finds the word at @iter, as byline_spell_next_word() cuts them. */
static gboolean
word_at (BylineSpellChecker *self,
         const GtkTextIter  *iter,
         GtkTextIter        *start,
         GtkTextIter        *end)
{
  GtkTextIter line_start = *iter;
  GtkTextIter line_end = *iter;
  g_autofree char *text = NULL;
  gsize len;
  gsize pos = 0;
  gsize ws;
  gsize we;
  int offset = gtk_text_iter_get_line_offset (iter);

  gtk_text_iter_set_line_offset (&line_start, 0);
  if (!gtk_text_iter_ends_line (&line_end))
    gtk_text_iter_forward_to_line_end (&line_end);
  text = gtk_text_buffer_get_slice (self->buffer, &line_start, &line_end, TRUE);
  len = strlen (text);

  while (byline_spell_next_word (text, len, &pos, &ws, &we))
    {
      int s = g_utf8_pointer_to_offset (text, text + ws);
      int e = g_utf8_pointer_to_offset (text, text + we);

      if (s <= offset && offset <= e)
        {
          *start = line_start;
          gtk_text_iter_set_line_offset (start, s);
          *end = line_start;
          gtk_text_iter_set_line_offset (end, e);
          return TRUE;
        }
      if (s > offset)
        break;
    }
  return FALSE;
}

static void
append_languages (BylineSpellChecker *self)
{
  g_autoptr(GPtrArray) tags = list_languages (get_broker ());

  g_menu_remove_all (self->languages);
  /* Translators: the spelling language that follows the post's `lang` or the locale */
  g_menu_append (self->languages, _("Automatic"), "spell.language::");
  for (guint i = 0; i < tags->len; i++)
    {
      const char *tag = g_ptr_array_index (tags, i);
      g_autofree char *detailed = g_strdup_printf ("spell.language::%s", tag);

      g_menu_append (self->languages, tag, detailed);
    }
}

/**
 * byline_spell_checker_update_menu:
 * @self: a #BylineSpellChecker
 * @iter: where the context menu is opened
 *
 * Fills the context menu for the word at @iter: suggestions, Add to
 * Dictionary and Ignore when it is misspelled.
 */
void
byline_spell_checker_update_menu (BylineSpellChecker *self,
                                  const GtkTextIter  *iter)
{
  GtkTextIter start;
  GtkTextIter end;

  g_return_if_fail (BYLINE_IS_SPELL_CHECKER (self));
  g_return_if_fail (iter != NULL);

  g_menu_remove_all (self->word_section);
  append_languages (self);
  if (!self->enabled || self->buffer == NULL || self->loading)
    return;

  if (self->dict == NULL)
    {
      g_autofree char *label = NULL;

      /* Translators: %s is a language code such as de_DE */
      label = g_strdup_printf (_("No Dictionary for “%s”"), self->wanted != NULL ? self->wanted : "");
      g_menu_append (self->word_section, label, "spell.unavailable");
      return;
    }

  if (word_at (self, iter, &start, &end) &&
      gtk_text_iter_has_tag (&start, self->error_tag))
    {
      g_autofree char *word = gtk_text_buffer_get_slice (self->buffer, &start, &end, TRUE);
      g_autofree char *form = dictionary_form (word, -1);
      size_t n = 0;
      char **suggestions = enchant_dict_suggest (self->dict, form, -1, &n);

      gtk_text_buffer_move_mark (self->buffer, self->word_start, &start);
      gtk_text_buffer_move_mark (self->buffer, self->word_end, &end);

      for (size_t i = 0; i < n && i < MAX_SUGGESTIONS; i++)
        {
          g_autoptr(GMenuItem) item = g_menu_item_new (suggestions[i], NULL);

          g_menu_item_set_action_and_target_value (item, "spell.replace",
                                                   g_variant_new_string (suggestions[i]));
          g_menu_append_item (self->word_section, item);
        }
      if (n == 0)
        g_menu_append (self->word_section, _("No Suggestions"), "spell.unavailable");
      if (suggestions != NULL)
        enchant_dict_free_string_list (self->dict, suggestions);

      g_menu_append (self->word_section, _("A_dd to Dictionary"), "spell.add");
      g_menu_append (self->word_section, _("_Ignore"), "spell.ignore");
    }
}

/* The word the menu was opened on, when it is still there. */
static char *
menu_word (BylineSpellChecker *self,
           GtkTextIter        *start,
           GtkTextIter        *end)
{
  if (self->buffer == NULL)
    return NULL;
  gtk_text_buffer_get_iter_at_mark (self->buffer, start, self->word_start);
  gtk_text_buffer_get_iter_at_mark (self->buffer, end, self->word_end);
  if (gtk_text_iter_equal (start, end))
    return NULL;
  return gtk_text_buffer_get_slice (self->buffer, start, end, TRUE);
}

/* Takes the underline off every @word, after the dictionary learnt it. */
static void
forget_word (BylineSpellChecker *self,
             const char         *word)
{
  GtkTextIter iter;

  gtk_text_buffer_get_start_iter (self->buffer, &iter);
  while (gtk_text_iter_has_tag (&iter, self->error_tag) ||
         gtk_text_iter_forward_to_tag_toggle (&iter, self->error_tag))
    {
      GtkTextIter end = iter;
      g_autofree char *text = NULL;

      if (gtk_text_iter_is_end (&iter))
        break;
      gtk_text_iter_forward_to_tag_toggle (&end, self->error_tag);
      text = gtk_text_buffer_get_slice (self->buffer, &iter, &end, TRUE);
      if (g_str_equal (text, word))
        gtk_text_buffer_remove_tag (self->buffer, self->error_tag, &iter, &end);
      iter = end;
    }
}

static void
byline_spell_checker_replace_cb (GSimpleAction *action,
                                 GVariant      *parameter,
                                 gpointer       user_data)
{
  BylineSpellChecker *self = user_data;
  GtkTextIter start;
  GtkTextIter end;
  g_autofree char *word = menu_word (self, &start, &end);
  const char *replacement = g_variant_get_string (parameter, NULL);

  if (word == NULL)
    return;
  /* One user action, as if typed: the document takes its snapshot, and
   * Undo puts the word back. */
  gtk_text_buffer_begin_user_action (self->buffer);
  gtk_text_buffer_delete (self->buffer, &start, &end);
  gtk_text_buffer_insert (self->buffer, &start, replacement, -1);
  gtk_text_buffer_end_user_action (self->buffer);
  gtk_text_buffer_place_cursor (self->buffer, &start);
}

/* The word under the menu, accepted: in the personal dictionary, or for
 * this session only. */
static void
learn_menu_word (BylineSpellChecker *self,
                 gboolean            for_session)
{
  GtkTextIter start;
  GtkTextIter end;
  g_autofree char *word = menu_word (self, &start, &end);
  g_autofree char *form = NULL;

  if (word == NULL || self->dict == NULL)
    return;
  form = dictionary_form (word, -1);
  if (for_session)
    enchant_dict_add_to_session (self->dict, form, -1);
  else
    enchant_dict_add (self->dict, form, -1);
  forget_word (self, word);
}

static void
byline_spell_checker_add_cb (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  learn_menu_word (user_data, FALSE);
}

static void
byline_spell_checker_ignore_cb (GSimpleAction *action,
                                GVariant      *parameter,
                                gpointer       user_data)
{
  learn_menu_word (user_data, TRUE);
}

static void
byline_spell_checker_language_cb (GSimpleAction *action,
                                  GVariant      *parameter,
                                  gpointer       user_data)
{
  BylineSpellChecker *self = user_data;
  const char *tag = g_variant_get_string (parameter, NULL);

  byline_spell_checker_set_language (self, tag[0] != '\0' ? tag : NULL);
  /* the user's choice, for the next time the post is opened too */
  store_choice (self);
}

static void
byline_spell_checker_click_pressed_cb (GtkGestureClick    *gesture,
                                       int                 n_press,
                                       double              x,
                                       double              y,
                                       BylineSpellChecker *self)
{
  GtkTextIter iter;
  int bx;
  int by;

  if (self->view == NULL || self->buffer == NULL)
    return;
  gtk_text_view_window_to_buffer_coords (self->view, GTK_TEXT_WINDOW_WIDGET,
                                         (int) x, (int) y, &bx, &by);
  gtk_text_view_get_iter_at_location (self->view, &iter, bx, by);
  byline_spell_checker_update_menu (self, &iter);
}

static gboolean
byline_spell_checker_key_pressed_cb (GtkEventControllerKey *controller,
                                     guint                  keyval,
                                     guint                  keycode,
                                     GdkModifierType        state,
                                     BylineSpellChecker    *self)
{
  GtkTextIter cursor;

  if (self->buffer != NULL &&
      (keyval == GDK_KEY_Menu ||
       (keyval == GDK_KEY_F10 && (state & GDK_SHIFT_MASK) != 0)))
    {
      gtk_text_buffer_get_iter_at_mark (self->buffer, &cursor, gtk_text_buffer_get_insert (self->buffer));
      byline_spell_checker_update_menu (self, &cursor);
    }
  return GDK_EVENT_PROPAGATE;
}

/* GObject --------------------------------------------------------------- */

static void
byline_spell_checker_dispose (GObject *object)
{
  BylineSpellChecker *self = (BylineSpellChecker *) object;

  byline_spell_checker_set_buffer (self, NULL);
  if (self->view != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->view, self);
      gtk_widget_remove_controller (GTK_WIDGET (self->view), self->click);
      gtk_widget_remove_controller (GTK_WIDGET (self->view), self->keys);
      gtk_widget_insert_action_group (GTK_WIDGET (self->view), "spell", NULL);
      if (gtk_text_view_get_extra_menu (self->view) == G_MENU_MODEL (self->menu))
        gtk_text_view_set_extra_menu (self->view, NULL);
      g_object_remove_weak_pointer (G_OBJECT (self->view), (gpointer *) &self->view);
      self->view = NULL;
    }
  g_clear_object (&self->menu);
  g_clear_object (&self->word_section);
  g_clear_object (&self->languages);
  g_clear_object (&self->actions);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (byline_spell_checker_parent_class)->dispose (object);
}

static void
byline_spell_checker_finalize (GObject *object)
{
  BylineSpellChecker *self = (BylineSpellChecker *) object;

  g_clear_pointer (&self->handlers, g_ptr_array_unref);
  g_clear_pointer (&self->fences, g_array_unref);
  g_clear_pointer (&self->language, g_free);
  g_clear_pointer (&self->wanted, g_free);
  g_clear_pointer (&self->chosen, g_free);
  g_clear_pointer (&self->chosen_uri, g_free);
  g_clear_pointer (&self->site_language, g_free);

  G_OBJECT_CLASS (byline_spell_checker_parent_class)->finalize (object);
}

static void
byline_spell_checker_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  BylineSpellChecker *self = BYLINE_SPELL_CHECKER (object);

  switch (prop_id)
    {
    case PROP_ENABLED:
      g_value_set_boolean (value, self->enabled);
      break;
    case PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;
    case PROP_CHECKING:
      g_value_set_boolean (value, is_checking (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_spell_checker_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  BylineSpellChecker *self = BYLINE_SPELL_CHECKER (object);

  switch (prop_id)
    {
    case PROP_ENABLED:
      byline_spell_checker_set_enabled (self, g_value_get_boolean (value));
      break;
    case PROP_LANGUAGE:
      byline_spell_checker_set_language (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_spell_checker_class_init (BylineSpellCheckerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = byline_spell_checker_dispose;
  object_class->finalize = byline_spell_checker_finalize;
  object_class->get_property = byline_spell_checker_get_property;
  object_class->set_property = byline_spell_checker_set_property;

  /**
   * BylineSpellChecker:enabled:
   *
   * Whether misspelled words are underlined (the `spell-check` setting).
   */
  properties[PROP_ENABLED] =
    g_param_spec_boolean ("enabled", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * BylineSpellChecker:language:
   *
   * The dictionary's language, or %NULL when there is no dictionary for the
   * language wanted, or while it loads. Setting it chooses the language for this post (%NULL:
   * the post's `lang`, else the locale's).
   */
  properties[PROP_LANGUAGE] =
    g_param_spec_string ("language", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * BylineSpellChecker:checking:
   *
   * Whether some of the text still waits to be checked, or the
   * dictionary to be loaded.
   */
  properties[PROP_CHECKING] =
    g_param_spec_boolean ("checking", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
byline_spell_checker_init (BylineSpellChecker *self)
{
  static const GActionEntry entries[] = {
    { "replace", byline_spell_checker_replace_cb, "s" },
    { "add", byline_spell_checker_add_cb },
    { "ignore", byline_spell_checker_ignore_cb },
    { "language", byline_spell_checker_language_cb, "s", "''" },
  };
  g_autoptr(GMenu) language_section = g_menu_new ();
  g_autoptr(GMenuItem) submenu = NULL;

  self->enabled = TRUE;
  self->handlers = g_ptr_array_new ();

  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), entries,
                                   G_N_ELEMENTS (entries), self);

  self->menu = g_menu_new ();
  self->word_section = g_menu_new ();
  self->languages = g_menu_new ();
  g_menu_append_section (self->menu, NULL, G_MENU_MODEL (self->word_section));
  submenu = g_menu_item_new_submenu (_("Spelling _Language"), G_MENU_MODEL (self->languages));
  g_menu_append_item (language_section, submenu);
  g_menu_append (language_section, _("Check _Spelling"), "app.spell-check");
  g_menu_append_section (self->menu, NULL, G_MENU_MODEL (language_section));
}

/**
 * byline_spell_checker_new:
 * @view: the editor
 *
 * Checks the spelling of whatever buffer @view shows, and adds its entries
 * to @view's context menu.
 *
 * Returns: (transfer full): a new #BylineSpellChecker
 */
BylineSpellChecker *
byline_spell_checker_new (GtkTextView *view)
{
  BylineSpellChecker *self;
  GtkGesture *click;

  g_return_val_if_fail (GTK_IS_TEXT_VIEW (view), NULL);

  self = g_object_new (BYLINE_TYPE_SPELL_CHECKER, NULL);
  self->view = view;
  g_object_add_weak_pointer (G_OBJECT (view), (gpointer *) &self->view);

  gtk_text_view_set_extra_menu (view, G_MENU_MODEL (self->menu));
  gtk_widget_insert_action_group (GTK_WIDGET (view), "spell", G_ACTION_GROUP (self->actions));

  /* Before the view opens its menu: fill it for the word under the pointer
   * (or the cursor, from the keyboard). */
  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect (click, "pressed", G_CALLBACK (byline_spell_checker_click_pressed_cb), self);
  self->click = GTK_EVENT_CONTROLLER (click);
  gtk_widget_add_controller (GTK_WIDGET (view), self->click);

  self->keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (self->keys, GTK_PHASE_CAPTURE);
  g_signal_connect (self->keys, "key-pressed", G_CALLBACK (byline_spell_checker_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (view), self->keys);

  g_signal_connect (view, "notify::buffer", G_CALLBACK (byline_spell_checker_view_notify_buffer_cb), self);
  byline_spell_checker_set_buffer (self, gtk_text_view_get_buffer (view));

  return self;
}

gboolean
byline_spell_checker_get_enabled (BylineSpellChecker *self)
{
  g_return_val_if_fail (BYLINE_IS_SPELL_CHECKER (self), FALSE);

  return self->enabled;
}

void
byline_spell_checker_set_enabled (BylineSpellChecker *self,
                                  gboolean            enabled)
{
  g_return_if_fail (BYLINE_IS_SPELL_CHECKER (self));

  enabled = !!enabled;
  if (self->enabled == enabled)
    return;
  self->enabled = enabled;
  if (!enabled)
    stop_checking (self);
  byline_spell_checker_recheck_all (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENABLED]);
}

/**
 * byline_spell_checker_get_language:
 * @self: a #BylineSpellChecker
 *
 * Returns: (nullable): the language of the dictionary in use, or %NULL when
 *   none is installed for the language wanted, or while it loads
 */
const char *
byline_spell_checker_get_language (BylineSpellChecker *self)
{
  g_return_val_if_fail (BYLINE_IS_SPELL_CHECKER (self), NULL);

  return self->language;
}

/**
 * byline_spell_checker_get_wanted_language:
 * @self: a #BylineSpellChecker
 *
 * Returns: (nullable): the language chosen for the post, or else its
 *   `lang`, or else the locale's
 */
const char *
byline_spell_checker_get_wanted_language (BylineSpellChecker *self)
{
  g_return_val_if_fail (BYLINE_IS_SPELL_CHECKER (self), NULL);

  return self->wanted;
}

/**
 * byline_spell_checker_set_language:
 * @self: a #BylineSpellChecker
 * @language: (nullable): a language tag, or %NULL for the automatic choice
 *
 * Chooses the language of the post (until another post is shown).
 */
void
byline_spell_checker_set_language (BylineSpellChecker *self,
                                   const char         *language)
{
  g_autofree char *tag = NULL;

  g_return_if_fail (BYLINE_IS_SPELL_CHECKER (self));

  tag = byline_spell_language_normalize (language);
  if (g_strcmp0 (tag, self->chosen) == 0)
    return;
  g_free (self->chosen);
  self->chosen = g_steal_pointer (&tag);
  byline_spell_checker_update_language (self);
}

/**
 * byline_spell_checker_set_site_language:
 * @self: a #BylineSpellChecker
 * @language: (nullable): the language tag the post's site gives
 *   (byline_site_dup_language()), or %NULL
 *
 * The language for posts that do not name their own: before the locale's.
 */
void
byline_spell_checker_set_site_language (BylineSpellChecker *self,
                                        const char         *language)
{
  g_autofree char *tag = NULL;

  g_return_if_fail (BYLINE_IS_SPELL_CHECKER (self));

  tag = language != NULL ? byline_spell_language_normalize (language) : NULL;
  if (g_strcmp0 (tag, self->site_language) == 0)
    return;
  g_free (self->site_language);
  self->site_language = g_steal_pointer (&tag);
  byline_spell_checker_update_language (self);
}

/**
 * byline_spell_checker_get_checking:
 * @self: a #BylineSpellChecker
 *
 * Returns: whether some of the text still waits to be checked (or the
 *   dictionary to be loaded)
 */
gboolean
byline_spell_checker_get_checking (BylineSpellChecker *self)
{
  g_return_val_if_fail (BYLINE_IS_SPELL_CHECKER (self), FALSE);

  return is_checking (self);
}

/**
 * byline_spell_checker_get_menu:
 * @self: a #BylineSpellChecker
 *
 * Returns: (transfer none): the entries it adds to the editor's context menu
 */
GMenuModel *
byline_spell_checker_get_menu (BylineSpellChecker *self)
{
  g_return_val_if_fail (BYLINE_IS_SPELL_CHECKER (self), NULL);

  return G_MENU_MODEL (self->menu);
}

/**
 * byline_spell_checker_is_misspelled:
 * @self: a #BylineSpellChecker
 * @iter: a place in the buffer
 *
 * Returns: whether the character at @iter is in an underlined word
 */
gboolean
byline_spell_checker_is_misspelled (BylineSpellChecker *self,
                                    const GtkTextIter  *iter)
{
  g_return_val_if_fail (BYLINE_IS_SPELL_CHECKER (self), FALSE);

  return self->error_tag != NULL && gtk_text_iter_has_tag (iter, self->error_tag);
}

/**
 * byline_spell_checker_get_stats:
 * @self: a #BylineSpellChecker
 * @n_slices: (out) (optional): how many idle slices it took so far
 * @longest_usec: (out) (optional): the longest of them, in microseconds
 * @longest_cpu_usec: (out) (optional): the most CPU time one took, in
 *   microseconds (on a busy machine, less than its wall-clock time)
 *
 * For benchmarks: how the checking was cut up.
 */
void
byline_spell_checker_get_stats (BylineSpellChecker *self,
                                guint              *n_slices,
                                gint64             *longest_usec,
                                gint64             *longest_cpu_usec)
{
  g_return_if_fail (BYLINE_IS_SPELL_CHECKER (self));

  if (n_slices != NULL)
    *n_slices = self->n_slices;
  if (longest_usec != NULL)
    *longest_usec = self->longest_slice;
  if (longest_cpu_usec != NULL)
    *longest_cpu_usec = self->longest_slice_cpu;
}

/**
 * byline_spell_checker_reset_stats:
 * @self: a #BylineSpellChecker
 *
 * Starts counting slices afresh.
 */
void
byline_spell_checker_reset_stats (BylineSpellChecker *self)
{
  g_return_if_fail (BYLINE_IS_SPELL_CHECKER (self));

  self->n_slices = 0;
  self->longest_slice = 0;
  self->longest_slice_cpu = 0;
}
