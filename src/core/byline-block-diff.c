/* byline-block-diff.c: a minimal edit script between two block lists
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "byline-block-diff.h"

/* Myers' O((N+M)·D) algorithm runs on the part between the common prefix and
 * suffix. Typing changes one block, so D is tiny; past this many differences
 * (a paste over half the document) the middle is simply swapped wholesale:
 * the patch is then large anyway, and the search would cost more than it saves. */
#define MAX_EDIT_DISTANCE 256

typedef enum
{
  STEP_KEEP,
  STEP_REMOVE,
  STEP_INSERT,
} Step;

/* Fills @steps (in order) with the shortest edit script from @a to @b, or
 * returns FALSE when it is longer than MAX_EDIT_DISTANCE. */
static gboolean
myers (const guint64 *a,
       guint          n,
       const guint64 *b,
       guint          m,
       GByteArray    *steps)
{
  g_autoptr(GPtrArray) trace = g_ptr_array_new_with_free_func (g_free);
  guint max_d = MIN (n + m, MAX_EDIT_DISTANCE);
  guint found = G_MAXUINT;
  gssize x, y;

  for (guint d = 0; d <= max_d && found == G_MAXUINT; d++)
    {
      /* v[k + d] is the furthest x on diagonal k after d differences */
      gssize *v = g_new0 (gssize, 2 * d + 1);
      const gssize *prev = d > 0 ? g_ptr_array_index (trace, d - 1) : NULL;
      gssize sd = d;

      for (gssize k = -sd; k <= sd; k += 2)
        {
          if (d == 0)
            x = 0;
          else if (k == -sd || (k != sd && prev[k - 1 + sd - 1] < prev[k + 1 + sd - 1]))
            x = prev[k + 1 + sd - 1];
          else
            x = prev[k - 1 + sd - 1] + 1;
          y = x - k;
          while (x < (gssize) n && y < (gssize) m && a[x] == b[y])
            {
              x++;
              y++;
            }
          v[k + sd] = x;
          if (x >= (gssize) n && y >= (gssize) m)
            {
              found = d;
              break;
            }
        }
      g_ptr_array_add (trace, v);
    }

  if (found == G_MAXUINT)
    return FALSE;

  /* Walk back from (n, m), collecting steps in reverse */
  g_byte_array_set_size (steps, 0);
  x = n;
  y = m;
  for (guint d = found; d > 0; d--)
    {
      const gssize *prev = g_ptr_array_index (trace, d - 1);
      gssize sd = d;
      gssize k = x - y;
      gssize prev_k, prev_x, prev_y, mid_x, mid_y;
      guint8 step;

      if (k == -sd || (k != sd && prev[k - 1 + sd - 1] < prev[k + 1 + sd - 1]))
        prev_k = k + 1;
      else
        prev_k = k - 1;
      prev_x = prev[prev_k + sd - 1];
      prev_y = prev_x - prev_k;

      /* the snake after the single insert (down) or remove (right) */
      mid_x = prev_k == k + 1 ? prev_x : prev_x + 1;
      mid_y = prev_k == k + 1 ? prev_y + 1 : prev_y;
      while (x > mid_x && y > mid_y)
        {
          step = STEP_KEEP;
          g_byte_array_append (steps, &step, 1);
          x--;
          y--;
        }
      step = prev_k == k + 1 ? STEP_INSERT : STEP_REMOVE;
      g_byte_array_append (steps, &step, 1);
      x = prev_x;
      y = prev_y;
    }
  while (x > 0 && y > 0)
    {
      guint8 step = STEP_KEEP;

      g_byte_array_append (steps, &step, 1);
      x--;
      y--;
    }
  g_assert (x == 0 && y == 0);

  /* Forward order */
  for (guint i = 0, j = steps->len; i + 1 < j; i++, j--)
    {
      guint8 tmp = steps->data[i];

      steps->data[i] = steps->data[j - 1];
      steps->data[j - 1] = tmp;
    }

  return TRUE;
}

static void
add_op (GArray            *ops,
        BylineBlockOpKind  kind,
        guint              index,
        guint              old_index,
        guint              new_index)
{
  BylineBlockOp op = { kind, index, old_index, new_index };

  g_array_append_val (ops, op);
}

static void
add_kept (GArray *kept,
          guint   old_index,
          guint   new_index)
{
  BylineBlockKept k = { old_index, new_index };

  if (kept != NULL)
    g_array_append_val (kept, k);
}

/* One run of differences: @n_remove old blocks from @old_start are replaced
 * by @n_insert new blocks from @new_start. Pair them up as replacements (the
 * DOM keeps its place) and insert or remove the rest. */
static void
add_hunk (GArray *ops,
          guint   old_start,
          guint   n_remove,
          guint   new_start,
          guint   n_insert)
{
  guint n_replace = MIN (n_remove, n_insert);

  for (guint i = 0; i < n_replace; i++)
    add_op (ops, BYLINE_BLOCK_OP_REPLACE, new_start + i, old_start + i, new_start + i);
  for (guint i = n_replace; i < n_remove; i++)
    add_op (ops, BYLINE_BLOCK_OP_REMOVE, new_start + n_replace, old_start + i, G_MAXUINT);
  for (guint i = n_replace; i < n_insert; i++)
    add_op (ops, BYLINE_BLOCK_OP_INSERT, new_start + i, G_MAXUINT, new_start + i);
}

/**
 * byline_block_diff:
 * @old_hashes: (array length=n_old): the hashes of the blocks shown now
 * @new_hashes: (array length=n_new): the hashes of the blocks to show
 * @kept: (out) (optional) (element-type BylineBlockKept): the blocks that stay,
 *   in order, so their line ranges can be updated
 *
 * Blocks are equal when their hashes are. The ops are as few as an edit
 * script of single-block inserts and removes allows, with an adjacent remove
 * and insert merged into one replace; when the lists differ in more than a
 * few hundred blocks the differing middle is replaced wholesale.
 *
 * Returns: (transfer full) (element-type BylineBlockOp): the ops, in the order
 *   they must be applied
 */
GArray *
byline_block_diff (const guint64 *old_hashes,
                   guint          n_old,
                   const guint64 *new_hashes,
                   guint          n_new,
                   GArray       **kept)
{
  g_autoptr(GArray) ops = g_array_new (FALSE, FALSE, sizeof (BylineBlockOp));
  g_autoptr(GArray) kept_arr = NULL;
  g_autoptr(GByteArray) steps = g_byte_array_new ();
  guint prefix = 0;
  guint suffix = 0;
  guint mid_old, mid_new;

  g_return_val_if_fail (old_hashes != NULL || n_old == 0, NULL);
  g_return_val_if_fail (new_hashes != NULL || n_new == 0, NULL);

  if (kept != NULL)
    kept_arr = g_array_new (FALSE, FALSE, sizeof (BylineBlockKept));

  while (prefix < n_old && prefix < n_new && old_hashes[prefix] == new_hashes[prefix])
    prefix++;
  while (suffix < n_old - prefix && suffix < n_new - prefix &&
         old_hashes[n_old - 1 - suffix] == new_hashes[n_new - 1 - suffix])
    suffix++;

  for (guint i = 0; i < prefix; i++)
    add_kept (kept_arr, i, i);

  mid_old = n_old - prefix - suffix;
  mid_new = n_new - prefix - suffix;

  if (myers (old_hashes + prefix, mid_old, new_hashes + prefix, mid_new, steps))
    {
      guint oi = prefix;
      guint ni = prefix;
      guint i = 0;

      while (i < steps->len)
        {
          guint old_start = oi;
          guint new_start = ni;

          if (steps->data[i] == STEP_KEEP)
            {
              add_kept (kept_arr, oi++, ni++);
              i++;
              continue;
            }
          while (i < steps->len && steps->data[i] != STEP_KEEP)
            {
              if (steps->data[i] == STEP_REMOVE)
                oi++;
              else
                ni++;
              i++;
            }
          add_hunk (ops, old_start, oi - old_start, new_start, ni - new_start);
        }
      g_assert (oi == prefix + mid_old && ni == prefix + mid_new);
    }
  else
    {
      add_hunk (ops, prefix, mid_old, prefix, mid_new);
    }

  for (guint i = 0; i < suffix; i++)
    add_kept (kept_arr, n_old - suffix + i, n_new - suffix + i);

  if (kept != NULL)
    *kept = g_steal_pointer (&kept_arr);

  return g_steal_pointer (&ops);
}
