/* test-block-diff.c: the preview's block diff sends only what changed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib.h>

#include "byline-block-diff.h"

/* Applies @ops to @old the way the preview page does and checks that the
 * result is @new_hashes, that every kept block really stayed, and that no
 * op touches a block that did not need to change. */
static void
check_apply (const guint64 *old_hashes,
             guint          n_old,
             const guint64 *new_hashes,
             guint          n_new,
             GArray        *ops,
             GArray        *kept)
{
  g_autoptr(GArray) work = g_array_new (FALSE, FALSE, sizeof (guint64));
  /* the old index each working element came from, or G_MAXUINT */
  g_autoptr(GArray) origin = g_array_new (FALSE, FALSE, sizeof (guint));

  g_array_append_vals (work, old_hashes, n_old);
  for (guint i = 0; i < n_old; i++)
    g_array_append_val (origin, i);

  for (guint i = 0; i < ops->len; i++)
    {
      const BylineBlockOp *op = &g_array_index (ops, BylineBlockOp, i);
      guint none = G_MAXUINT;

      switch (op->kind)
        {
        case BYLINE_BLOCK_OP_REPLACE:
          g_assert_cmpuint (op->index, <, work->len);
          g_assert_cmpuint (op->index, ==, op->new_index);
          g_assert_cmpuint (g_array_index (origin, guint, op->index), ==, op->old_index);
          g_array_index (work, guint64, op->index) = new_hashes[op->new_index];
          g_array_index (origin, guint, op->index) = G_MAXUINT;
          break;
        case BYLINE_BLOCK_OP_INSERT:
          g_assert_cmpuint (op->index, <=, work->len);
          g_assert_cmpuint (op->index, ==, op->new_index);
          g_array_insert_val (work, op->index, new_hashes[op->new_index]);
          g_array_insert_val (origin, op->index, none);
          break;
        case BYLINE_BLOCK_OP_REMOVE:
          g_assert_cmpuint (op->index, <, work->len);
          g_assert_cmpuint (g_array_index (origin, guint, op->index), ==, op->old_index);
          g_array_remove_index (work, op->index);
          g_array_remove_index (origin, op->index);
          break;
        default:
          g_assert_not_reached ();
        }
    }

  g_assert_cmpuint (work->len, ==, n_new);
  for (guint i = 0; i < n_new; i++)
    g_assert_cmpuint (g_array_index (work, guint64, i), ==, new_hashes[i]);

  /* kept lists exactly the untouched elements, in order */
  g_assert_nonnull (kept);
  {
    guint k = 0;

    for (guint i = 0; i < n_new; i++)
      {
        guint from = g_array_index (origin, guint, i);

        if (from == G_MAXUINT)
          continue;
        g_assert_cmpuint (k, <, kept->len);
        g_assert_cmpuint (g_array_index (kept, BylineBlockKept, k).old_index, ==, from);
        g_assert_cmpuint (g_array_index (kept, BylineBlockKept, k).new_index, ==, i);
        g_assert_cmpuint (old_hashes[from], ==, new_hashes[i]);
        k++;
      }
    g_assert_cmpuint (k, ==, kept->len);
  }
}

static GArray *
diff_checked (const guint64 *old_hashes,
              guint          n_old,
              const guint64 *new_hashes,
              guint          n_new)
{
  g_autoptr(GArray) kept = NULL;
  GArray *ops = byline_block_diff (old_hashes, n_old, new_hashes, n_new, &kept);

  check_apply (old_hashes, n_old, new_hashes, n_new, ops, kept);
  return ops;
}

static guint
count_kind (GArray            *ops,
            BylineBlockOpKind  kind)
{
  guint n = 0;

  for (guint i = 0; i < ops->len; i++)
    n += g_array_index (ops, BylineBlockOp, i).kind == kind;
  return n;
}

#define DIFF(o, n) diff_checked (o, G_N_ELEMENTS (o), n, G_N_ELEMENTS (n))

static void
test_identical (void)
{
  const guint64 a[] = { 1, 2, 3, 4 };
  g_autoptr(GArray) ops = DIFF (a, a);

  g_assert_cmpuint (ops->len, ==, 0);
}

static void
test_edit_in_paragraph (void)
{
  /* heading, paragraph, paragraph being typed in, list, paragraph */
  const guint64 a[] = { 10, 20, 30, 40, 50 };
  const guint64 b[] = { 10, 20, 31, 40, 50 };
  g_autoptr(GArray) ops = DIFF (a, b);
  const BylineBlockOp *op;

  g_assert_cmpuint (ops->len, ==, 1);
  op = &g_array_index (ops, BylineBlockOp, 0);
  g_assert_cmpint (op->kind, ==, BYLINE_BLOCK_OP_REPLACE);
  g_assert_cmpuint (op->index, ==, 2);
  g_assert_cmpuint (op->old_index, ==, 2);
  g_assert_cmpuint (op->new_index, ==, 2);
}

static void
test_new_paragraph (void)
{
  const guint64 a[] = { 10, 20, 30, 40 };
  const guint64 b[] = { 10, 20, 25, 30, 40 };
  g_autoptr(GArray) ops = DIFF (a, b);
  const BylineBlockOp *op;

  g_assert_cmpuint (ops->len, ==, 1);
  op = &g_array_index (ops, BylineBlockOp, 0);
  g_assert_cmpint (op->kind, ==, BYLINE_BLOCK_OP_INSERT);
  g_assert_cmpuint (op->index, ==, 2);
  g_assert_cmpuint (op->new_index, ==, 2);
}

static void
test_split_paragraph (void)
{
  /* pressing Enter twice inside paragraph 30 turns it into 31 and 32 */
  const guint64 a[] = { 10, 20, 30, 40 };
  const guint64 b[] = { 10, 20, 31, 32, 40 };
  g_autoptr(GArray) ops = DIFF (a, b);

  g_assert_cmpuint (ops->len, ==, 2);
  g_assert_cmpuint (count_kind (ops, BYLINE_BLOCK_OP_REPLACE), ==, 1);
  g_assert_cmpuint (count_kind (ops, BYLINE_BLOCK_OP_INSERT), ==, 1);
}

static void
test_delete_heading (void)
{
  const guint64 a[] = { 10, 20, 30, 40, 50 };
  const guint64 b[] = { 10, 20, 40, 50 };
  g_autoptr(GArray) ops = DIFF (a, b);
  const BylineBlockOp *op;

  g_assert_cmpuint (ops->len, ==, 1);
  op = &g_array_index (ops, BylineBlockOp, 0);
  g_assert_cmpint (op->kind, ==, BYLINE_BLOCK_OP_REMOVE);
  g_assert_cmpuint (op->index, ==, 2);
  g_assert_cmpuint (op->old_index, ==, 2);
}

static void
test_edges (void)
{
  const guint64 a[] = { 10, 20, 30 };
  const guint64 first[] = { 5, 10, 20, 30 };
  const guint64 last[] = { 10, 20, 30, 35 };
  const guint64 none[] = { 0 };
  g_autoptr(GArray) ops1 = DIFF (a, first);
  g_autoptr(GArray) ops2 = DIFF (a, last);
  g_autoptr(GArray) ops3 = diff_checked (a, 3, none, 0);
  g_autoptr(GArray) ops4 = diff_checked (none, 0, a, 3);
  g_autoptr(GArray) ops5 = diff_checked (none, 0, none, 0);

  g_assert_cmpuint (ops1->len, ==, 1);
  g_assert_cmpuint (g_array_index (ops1, BylineBlockOp, 0).index, ==, 0);
  g_assert_cmpuint (ops2->len, ==, 1);
  g_assert_cmpuint (g_array_index (ops2, BylineBlockOp, 0).index, ==, 3);
  g_assert_cmpuint (ops3->len, ==, 3);
  g_assert_cmpuint (count_kind (ops3, BYLINE_BLOCK_OP_REMOVE), ==, 3);
  g_assert_cmpuint (ops4->len, ==, 3);
  g_assert_cmpuint (count_kind (ops4, BYLINE_BLOCK_OP_INSERT), ==, 3);
  g_assert_cmpuint (ops5->len, ==, 0);
}

static void
test_move (void)
{
  /* a section moved from the end to the front: one remove, one insert */
  const guint64 a[] = { 1, 2, 3, 4, 5, 6 };
  const guint64 b[] = { 6, 1, 2, 3, 4, 5 };
  g_autoptr(GArray) ops = DIFF (a, b);

  g_assert_cmpuint (ops->len, ==, 2);
  g_assert_cmpuint (count_kind (ops, BYLINE_BLOCK_OP_REMOVE) +
                    count_kind (ops, BYLINE_BLOCK_OP_REPLACE), >=, 1);
}

static void
test_repeats (void)
{
  /* equal blocks (two `---` rules, empty paragraphs) must not confuse it */
  const guint64 a[] = { 7, 1, 7, 1, 7 };
  const guint64 b[] = { 7, 1, 7, 7, 1, 7 };
  const guint64 c[] = { 7, 7, 7 };
  const guint64 d[] = { 7, 7 };
  g_autoptr(GArray) ops1 = DIFF (a, b);
  g_autoptr(GArray) ops2 = DIFF (c, d);
  g_autoptr(GArray) ops3 = DIFF (b, a);

  g_assert_cmpuint (ops1->len, ==, 1);
  g_assert_cmpint (g_array_index (ops1, BylineBlockOp, 0).kind, ==, BYLINE_BLOCK_OP_INSERT);
  g_assert_cmpuint (ops2->len, ==, 1);
  g_assert_cmpint (g_array_index (ops2, BylineBlockOp, 0).kind, ==, BYLINE_BLOCK_OP_REMOVE);
  g_assert_cmpuint (ops3->len, ==, 1);
}

static void
test_scattered (void)
{
  /* two separate edits: only those two blocks cross */
  const guint64 a[] = { 1, 2, 3, 4, 5, 6, 7, 8 };
  const guint64 b[] = { 1, 22, 3, 4, 5, 6, 77, 8 };
  g_autoptr(GArray) ops = DIFF (a, b);

  g_assert_cmpuint (ops->len, ==, 2);
  g_assert_cmpuint (count_kind (ops, BYLINE_BLOCK_OP_REPLACE), ==, 2);
}

static void
test_random (void)
{
  /* random lists over a small alphabet (many repeats) and random edits;
   * check_apply verifies every result. The op count never exceeds the
   * trivial script (replace the differing middle). */
  g_autoptr(GRand) rand = g_rand_new_with_seed (1234);

  for (guint round = 0; round < 2000; round++)
    {
      guint n_old = g_rand_int_range (rand, 0, 40);
      g_autoptr(GArray) a = g_array_new (FALSE, FALSE, sizeof (guint64));
      g_autoptr(GArray) b = NULL;
      g_autoptr(GArray) ops = NULL;
      guint n_edits = g_rand_int_range (rand, 0, 6);

      for (guint i = 0; i < n_old; i++)
        {
          guint64 h = g_rand_int_range (rand, 0, 6);
          g_array_append_val (a, h);
        }
      b = g_array_copy (a);
      for (guint e = 0; e < n_edits; e++)
        {
          guint64 h = g_rand_int_range (rand, 0, 9);
          guint what = g_rand_int_range (rand, 0, 3);

          if (b->len == 0 || what == 0)
            g_array_insert_val (b, g_rand_int_range (rand, 0, b->len + 1), h);
          else if (what == 1)
            g_array_remove_index (b, g_rand_int_range (rand, 0, b->len));
          else
            g_array_index (b, guint64, g_rand_int_range (rand, 0, b->len)) = h;
        }
      ops = diff_checked ((guint64 *) a->data, a->len, (guint64 *) b->data, b->len);
      g_assert_cmpuint (ops->len, <=, 2 * n_edits);
    }
}

static void
test_large (void)
{
  /* a 1 MB post has ~15k blocks; one edit in the middle is one op, and a
   * wholesale change falls back to replacing the middle */
  guint n = 15000;
  g_autofree guint64 *a = g_new (guint64, n);
  g_autofree guint64 *b = g_new (guint64, n);
  g_autoptr(GArray) ops1 = NULL;
  g_autoptr(GArray) ops2 = NULL;

  for (guint i = 0; i < n; i++)
    a[i] = b[i] = i * 2654435761u;
  b[n / 2] = 42;
  ops1 = diff_checked (a, n, b, n);
  g_assert_cmpuint (ops1->len, ==, 1);

  for (guint i = 100; i < n - 100; i++)
    b[i] = i + 7;
  ops2 = diff_checked (a, n, b, n);
  g_assert_cmpuint (ops2->len, ==, n - 200);
  g_assert_cmpuint (count_kind (ops2, BYLINE_BLOCK_OP_REPLACE), ==, n - 200);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/block-diff/identical", test_identical);
  g_test_add_func ("/block-diff/edit-in-paragraph", test_edit_in_paragraph);
  g_test_add_func ("/block-diff/new-paragraph", test_new_paragraph);
  g_test_add_func ("/block-diff/split-paragraph", test_split_paragraph);
  g_test_add_func ("/block-diff/delete-heading", test_delete_heading);
  g_test_add_func ("/block-diff/edges", test_edges);
  g_test_add_func ("/block-diff/move", test_move);
  g_test_add_func ("/block-diff/repeats", test_repeats);
  g_test_add_func ("/block-diff/scattered", test_scattered);
  g_test_add_func ("/block-diff/random", test_random);
  g_test_add_func ("/block-diff/large", test_large);

  return g_test_run ();
}
