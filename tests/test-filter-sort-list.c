/* test-filter-sort-list.c: the items of a list model a function keeps, in
 * the order of another
 *
 * The promise a list view relies on: after every change of the model or of
 * the functions, the list holds the model's items the keep function keeps,
 * in order, and the changes it announced, applied one by one to a copy of
 * what it held, give exactly that.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "byline-filter-sort-list.h"

/* What a list view keeps: the items as the announced changes say. */
typedef struct
{
  GPtrArray *items;
  guint      changes;
  guint      last[3];   /* the last change: position, removed, added */
} Shadow;

static void
shadow_changed_cb (GListModel *model,
                   guint       position,
                   guint       removed,
                   guint       added,
                   Shadow     *shadow)
{
  g_assert_cmpuint (position + removed, <=, shadow->items->len);
  g_ptr_array_remove_range (shadow->items, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (shadow->items, position + i, g_list_model_get_item (model, position + i));
  shadow->changes++;
  shadow->last[0] = position;
  shadow->last[1] = removed;
  shadow->last[2] = added;
}

static Shadow *
shadow_new (GListModel *model)
{
  Shadow *shadow = g_new0 (Shadow, 1);

  shadow->items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (shadow->items, g_list_model_get_item (model, i));
  g_signal_connect (model, "items-changed", G_CALLBACK (shadow_changed_cb), shadow);

  return shadow;
}

static void
shadow_free (Shadow *shadow)
{
  g_ptr_array_unref (shadow->items);
  g_free (shadow);
}

static int
compare_paths (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  gboolean *reversed = user_data;
  g_autofree char *pa = g_file_get_path ((GFile *) a);
  g_autofree char *pb = g_file_get_path ((GFile *) b);
  int order = g_strcmp0 (pa, pb);

  return *reversed ? -order : order;
}

/* Keeps the files whose name, a number, is below the limit. */
static gboolean
below_limit (gpointer item,
             gpointer user_data)
{
  guint *limit = user_data;
  g_autofree char *name = g_file_get_basename (item);

  return g_ascii_strtoull (name, NULL, 16) < *limit;
}

/* The model's items that @keep keeps, sorted as @compare says (or in the
 * model's order): what @list holds, and what its announcements built. */
static void
assert_shown (GListModel           *model,
              BylineFilterSortList *list,
              Shadow               *shadow,
              BylineKeepFunc        keep,
              gpointer              keep_data,
              GCompareDataFunc      compare,
              gpointer              data)
{
  guint n = g_list_model_get_n_items (model);
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      GObject *item = g_list_model_get_item (model, i);

      if (keep == NULL || keep (item, keep_data))
        g_ptr_array_add (expected, item);
      else
        g_object_unref (item);
    }
  if (compare != NULL)
    for (guint i = 1; i < expected->len; i++)
      for (guint j = i; j > 0 && compare (expected->pdata[j - 1], expected->pdata[j], data) > 0; j--)
        {
          gpointer t = expected->pdata[j];

          expected->pdata[j] = expected->pdata[j - 1];
          expected->pdata[j - 1] = t;
        }

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, expected->len);
  g_assert_cmpuint (shadow->items->len, ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_assert_true (item == expected->pdata[i]);
      g_assert_true (shadow->items->pdata[i] == expected->pdata[i]);
    }
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), expected->len));
}

/* Random splices of the model, with the keep function's limit moved now
 * and then, in the model's order, then sorted, then reversed: each time
 * what the list holds and what it announced agree. */
static void
test_random_changes (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261206);
  g_autoptr(GListStore) store = g_list_store_new (G_TYPE_FILE);
  g_autoptr(BylineFilterSortList) list = byline_filter_sort_list_new (G_LIST_MODEL (store));
  Shadow *shadow = shadow_new (G_LIST_MODEL (list));
  gboolean reversed = FALSE;
  guint limit = G_MAXUINT;
  BylineKeepFunc keep = NULL;
  GCompareDataFunc compare = NULL;

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == G_TYPE_FILE);

  for (guint round = 0; round < 900; round++)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (store));
      guint position = g_rand_int_range (rand, 0, n + 1);
      guint removed = g_rand_int_range (rand, 0, MIN (n - position, 4) + 1);
      guint added = g_rand_int_range (rand, 0, round % 50 == 0 ? 40 : 4);
      g_autoptr(GPtrArray) additions = g_ptr_array_new_with_free_func (g_object_unref);

      if (round == 150)
        {
          keep = below_limit;
          byline_filter_sort_list_set_keep (list, keep, &limit);
        }
      if (round == 300)
        {
          compare = compare_paths;
          byline_filter_sort_list_set_compare (list, compare, &reversed);
        }
      if (round == 600)
        {
          reversed = TRUE;
          byline_filter_sort_list_set_compare (list, compare, &reversed);
        }
      if (keep != NULL && round % 10 == 5)
        {
          guint old = limit;

          limit = g_rand_int (rand);
          byline_filter_sort_list_refilter (list,
                                            g_rand_boolean (rand) ? BYLINE_FILTER_CHANGE_DIFFERENT :
                                            limit < old ? BYLINE_FILTER_CHANGE_MORE_STRICT :
                                            BYLINE_FILTER_CHANGE_LESS_STRICT);
          assert_shown (G_LIST_MODEL (store), list, shadow, keep, &limit, compare, &reversed);
        }

      for (guint i = 0; i < added; i++)
        {
          g_autofree char *path = g_strdup_printf ("/posts/%08x", g_rand_int (rand));

          g_ptr_array_add (additions, g_file_new_for_path (path));
        }
      /* now and then an item the model already holds comes back */
      if (removed > 0 && added > 0 && g_rand_boolean (rand))
        {
          g_object_unref (additions->pdata[0]);
          additions->pdata[0] = g_list_model_get_item (G_LIST_MODEL (store), position);
        }
      g_list_store_splice (store, position, removed, additions->pdata, added);

      assert_shown (G_LIST_MODEL (store), list, shadow, keep, &limit, compare, &reversed);
    }

  byline_filter_sort_list_set_keep (list, NULL, NULL);
  byline_filter_sort_list_set_compare (list, NULL, NULL);
  assert_shown (G_LIST_MODEL (store), list, shadow, NULL, NULL, NULL, NULL);
  shadow_free (shadow);
}

/* An announcement covers what moved, no more: a new item between others
 * is one item added; an item replaced goes out of its place and the new
 * one into its own; a change that moves nothing is not announced. */
static void
test_least_change (void)
{
  g_autoptr(GListStore) store = g_list_store_new (G_TYPE_FILE);
  g_autoptr(BylineFilterSortList) list = byline_filter_sort_list_new (G_LIST_MODEL (store));
  Shadow *shadow = shadow_new (G_LIST_MODEL (list));
  gboolean reversed = FALSE;
  guint changes;
  const char *paths[] = { "/d", "/b", "/f", "/a" };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (paths[i]);

      g_list_store_append (store, file);
    }
  byline_filter_sort_list_set_compare (list, compare_paths, &reversed);
  assert_shown (G_LIST_MODEL (store), list, shadow, NULL, NULL, compare_paths, &reversed);

  changes = shadow->changes;
  byline_filter_sort_list_set_compare (list, compare_paths, &reversed);
  g_assert_cmpuint (shadow->changes, ==, changes);

  {
    g_autoptr(GFile) file = g_file_new_for_path ("/c");

    /* the end of the model, the middle of the list: /a /b /c /d /f */
    g_list_store_append (store, file);
    g_assert_cmpuint (shadow->changes, ==, changes + 1);
    g_assert_cmpuint (shadow->last[0], ==, 2);
    g_assert_cmpuint (shadow->last[1], ==, 0);
    g_assert_cmpuint (shadow->last[2], ==, 1);
    assert_shown (G_LIST_MODEL (store), list, shadow, NULL, NULL, compare_paths, &reversed);
  }

  {
    g_autoptr(GFile) file = g_file_new_for_path ("/e");

    /* /d, first in the model, read again as /e: out of its place, then
     * into its new one, the same; no other row changes */
    g_list_store_splice (store, 0, 1, (gpointer *) &file, 1);
    g_assert_cmpuint (shadow->changes, ==, changes + 3);
    g_assert_cmpuint (shadow->last[0], ==, 3);
    g_assert_cmpuint (shadow->last[1], ==, 0);
    g_assert_cmpuint (shadow->last[2], ==, 1);
    assert_shown (G_LIST_MODEL (store), list, shadow, NULL, NULL, compare_paths, &reversed);
  }

  shadow_free (shadow);
}

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* A sort on a worker: nothing changes until it is finished; then the order
 * is the one asked for, also when the list changed in between (the worker's
 * order is then out of date), and not at all when it was cancelled. */
static void
test_sort_async (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (6122026);
  g_autoptr(GListStore) store = g_list_store_new (G_TYPE_FILE);
  g_autoptr(BylineFilterSortList) list = byline_filter_sort_list_new (G_LIST_MODEL (store));
  Shadow *shadow = shadow_new (G_LIST_MODEL (list));
  gboolean reversed = FALSE;
  gboolean reverse = TRUE;  /* (the list keeps pointing at both) */
  guint limit = G_MAXUINT / 2;
  guint changes;

  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *path = g_strdup_printf ("/posts/%08x", g_rand_int (rand));
      g_autoptr(GFile) file = g_file_new_for_path (path);

      g_list_store_append (store, file);
    }
  byline_filter_sort_list_set_keep (list, below_limit, &limit);

  /* nothing changed in between: the worker's order, announced once */
  {
    g_autoptr(GAsyncResult) result = NULL;

    changes = shadow->changes;
    byline_filter_sort_list_sort_async (list, compare_paths, &reversed, NULL,
                                        store_result_cb, &result);
    assert_shown (G_LIST_MODEL (store), list, shadow, below_limit, &limit, NULL, NULL);
    while (result == NULL)
      g_main_context_iteration (NULL, TRUE);
    assert_shown (G_LIST_MODEL (store), list, shadow, below_limit, &limit, NULL, NULL);
    g_assert_true (byline_filter_sort_list_sort_finish (list, result, NULL));
    g_assert_cmpuint (shadow->changes, ==, changes + 1);
    assert_shown (G_LIST_MODEL (store), list, shadow, below_limit, &limit, compare_paths, &reversed);
  }

  /* the model changed while the worker sorted: sorted again, with the new
   * item in its place */
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GFile) file = g_file_new_for_path ("/posts/00000001");

    byline_filter_sort_list_sort_async (list, compare_paths, &reverse, NULL,
                                        store_result_cb, &result);
    g_list_store_insert (store, 7, file);
    while (result == NULL)
      g_main_context_iteration (NULL, TRUE);
    assert_shown (G_LIST_MODEL (store), list, shadow, below_limit, &limit, compare_paths, &reversed);
    g_assert_true (byline_filter_sort_list_sort_finish (list, result, NULL));
    assert_shown (G_LIST_MODEL (store), list, shadow, below_limit, &limit, compare_paths, &reverse);
    g_assert_true (g_list_model_get_n_items (G_LIST_MODEL (list)) > 100);

    /* and what was sorted is what the list goes on sorting by */
    file = g_file_new_for_path ("/posts/00000002");
    g_list_store_append (store, file);
    assert_shown (G_LIST_MODEL (store), list, shadow, below_limit, &limit, compare_paths, &reverse);
  }

  /* the keep function changed while the worker sorted */
  {
    g_autoptr(GAsyncResult) result = NULL;

    byline_filter_sort_list_sort_async (list, compare_paths, &reversed, NULL,
                                        store_result_cb, &result);
    limit = G_MAXUINT / 4;
    byline_filter_sort_list_refilter (list, BYLINE_FILTER_CHANGE_MORE_STRICT);
    while (result == NULL)
      g_main_context_iteration (NULL, TRUE);
    g_assert_true (byline_filter_sort_list_sort_finish (list, result, NULL));
    assert_shown (G_LIST_MODEL (store), list, shadow, below_limit, &limit, compare_paths, &reversed);
  }

  /* cancelled: the order stays */
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autoptr(GError) error = NULL;

    changes = shadow->changes;
    byline_filter_sort_list_sort_async (list, compare_paths, &reverse, cancellable,
                                        store_result_cb, &result);
    g_cancellable_cancel (cancellable);
    while (result == NULL)
      g_main_context_iteration (NULL, TRUE);
    g_assert_false (byline_filter_sort_list_sort_finish (list, result, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_cmpuint (shadow->changes, ==, changes);
    assert_shown (G_LIST_MODEL (store), list, shadow, below_limit, &limit, compare_paths, &reversed);
  }

  /* back to the model's order, which needs no worker */
  {
    g_autoptr(GAsyncResult) result = NULL;

    byline_filter_sort_list_sort_async (list, NULL, NULL, NULL, store_result_cb, &result);
    while (result == NULL)
      g_main_context_iteration (NULL, TRUE);
    g_assert_true (byline_filter_sort_list_sort_finish (list, result, NULL));
    assert_shown (G_LIST_MODEL (store), list, shadow, below_limit, &limit, NULL, NULL);
  }

  shadow_free (shadow);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/filter-sort-list/random-changes", test_random_changes);
  g_test_add_func ("/filter-sort-list/least-change", test_least_change);
  g_test_add_func ("/filter-sort-list/sort-async", test_sort_async);

  return g_test_run ();
}
