/* bench-typing.c: keystroke-to-pixels latency of the real window
 *
 * bench-preview times the preview inside the process and stops at the page's
 * requestAnimationFrame, before GTK has drawn the window: it can look fast
 * while the window is slow. This benchmark looks from outside, as a user
 * does. It starts byline-app from the build tree on a copy of a post, in the
 * environment a user has (the app picks its own renderer), makes its window
 * fill the screen, clicks into the editor and types letters with XTest. For
 * each key it watches two rectangles of the screen through MIT-SHM, about
 * once a millisecond, and reports the time from the key press to the first
 * change of the editor's pixels (the echo) and of the preview's pixels, on
 * the sample post and on a 1 MB post made of the corpus (the first post
 * whole, then every post's body, over again until the size is reached).
 *
 * A blinking (or fading) caret changes the editor's pixels by itself. Before
 * each key the screen must be quiet: nothing but the caret has changed for a
 * while. Every state seen meanwhile is remembered, and after the key a change
 * back to one of those, or a change confined to a caret-wide column, is not
 * taken for the echo.
 *
 * GTK steps that fade once a frame, so the time between two steps is also
 * printed, for scale: one GTK frame on this machine.
 *
 * Runs inside build-aux/headless-run (Xvfb without a window manager).
 * Figures are printed, not asserted. With --shots=DIR, it saves the window
 * before and after typing with the rectangles drawn on it (red: editor,
 * blue: preview, green: where it clicked), and each rectangle before the
 * first timed key above the change taken for its answer: look at them when
 * the layout changes, and move the rectangles with --click, --editor and
 * --preview.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <X11/Xatom.h>
#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <X11/extensions/XShm.h>
#include <X11/extensions/XTest.h>
#include <X11/keysym.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "byline-frontmatter.h"
#include "byline-test-corpus.h"

/* The exit code meson reads as "skipped". */
#define EXIT_SKIP 77
/* The whole window must show no change but the caret this long to be ready. */
#define SETTLE_QUIET_MS 1500
#define SETTLE_TIMEOUT_S 90
#define MAP_TIMEOUT_S 60
/* A change no wider than this, in pixels, is the caret (blinking or fading). */
#define CARET_MAX_WIDTH 4
/* The corpus document: its bodies repeated to about this size. */
#define BIG_DOC_SIZE (1000 * 1000)

/* ---- options ------------------------------------------------------------ */

static int n_keys = 30;
static int n_warmup = 3;
static int timeout_ms = 3000;
static int quiet_ms = 250;
static int poll_us = 1000;
static char *shots_dir;
static char *docs_opt;
static char **extra_env;
/* Rectangles as fractions of the window: x, y, width, height. */
static double click_at[2] = { 0.17, 0.72 };
static double editor_frac[4] = { 0.01, 0.62, 0.33, 0.22 };
static double preview_frac[4] = { 0.655, 0.07, 0.335, 0.92 };

/* ---- the app's process group, killed on every way out ------------------- */

static volatile pid_t app_pid;
/* the app's home and log, removed on every way out too */
static char *work_dir;

static void rm_rf (const char *path);

static void
kill_app_group (int sig)
{
  if (app_pid > 0)
    kill (-app_pid, sig);
}

static void
on_signal (int sig)
{
  kill_app_group (SIGKILL);
  signal (sig, SIG_DFL);
  raise (sig);
}

G_GNUC_PRINTF (1, 2) G_GNUC_NORETURN static void
die (const char *format,
     ...)
{
  va_list args;

  va_start (args, format);
  fputs ("bench-typing: ", stderr);
  vfprintf (stderr, format, args);
  fputc ('\n', stderr);
  va_end (args);
  if (app_pid > 0)
    {
      kill_app_group (SIGKILL);
      waitpid (app_pid, NULL, 0);
    }
  if (work_dir != NULL)
    rm_rf (work_dir);
  exit (1);
}

static gint64
now_us (void)
{
  return g_get_monotonic_time ();
}

static void
sleep_us (long us)
{
  struct timespec ts = { us / G_USEC_PER_SEC, (us % G_USEC_PER_SEC) * 1000 };

  while (clock_nanosleep (CLOCK_MONOTONIC, 0, &ts, &ts) == EINTR)
    ;
}

/* ---- screen rectangles through MIT-SHM ---------------------------------- */

typedef struct
{
  int x, y, width, height; /* in root window coordinates */
} Rect;

typedef struct
{
  Rect            rect;
  XImage         *image;
  XShmSegmentInfo shm;
  gsize           size;   /* bytes of image data */
  guint8         *prev;   /* the previous grab */
  guint8         *base;   /* the screen just before the key */
} Grabber;

static Display *dpy;
static Window root;

static void
grabber_init (Grabber *g,
              Rect     rect)
{
  int screen = DefaultScreen (dpy);

  g->rect = rect;
  g->image = XShmCreateImage (dpy, DefaultVisual (dpy, screen), DefaultDepth (dpy, screen),
                              ZPixmap, NULL, &g->shm, rect.width, rect.height);
  if (g->image == NULL)
    die ("XShmCreateImage failed for %dx%d", rect.width, rect.height);
  if (g->image->bits_per_pixel != 32)
    die ("the screen has %d bits per pixel; only 32 is handled", g->image->bits_per_pixel);
  g->size = (gsize) g->image->bytes_per_line * rect.height;
  g->shm.shmid = shmget (IPC_PRIVATE, g->size, IPC_CREAT | 0600);
  if (g->shm.shmid < 0)
    die ("shmget: %s", g_strerror (errno));
  g->shm.shmaddr = g->image->data = shmat (g->shm.shmid, NULL, 0);
  if (g->shm.shmaddr == (void *) -1)
    die ("shmat: %s", g_strerror (errno));
  g->shm.readOnly = False;
  if (!XShmAttach (dpy, &g->shm))
    die ("XShmAttach failed");
  XSync (dpy, False);
  /* Both sides are attached: the segment goes away with the last of them. */
  shmctl (g->shm.shmid, IPC_RMID, NULL);
  g->prev = g_malloc (g->size);
  g->base = g_malloc (g->size);
}

static void
grabber_clear (Grabber *g)
{
  if (g->image == NULL)
    return;
  XShmDetach (dpy, &g->shm);
  XDestroyImage (g->image);
  shmdt (g->shm.shmaddr);
  g_clear_pointer (&g->prev, g_free);
  g_clear_pointer (&g->base, g_free);
  g->image = NULL;
}

/* Grabs the rectangle; TRUE when it differs from the previous grab, which
 * is then kept in g->prev. */
static gboolean
grabber_poll (Grabber *g)
{
  gboolean changed;

  if (!XShmGetImage (dpy, root, g->image, g->rect.x, g->rect.y, AllPlanes))
    die ("XShmGetImage failed");
  changed = memcmp (g->image->data, g->prev, g->size) != 0;
  if (changed)
    memcpy (g->prev, g->image->data, g->size);
  return changed;
}

static guint64
hash_pixels (const guint8 *data,
             gsize         size)
{
  guint64 h = 0xcbf29ce484222325u;

  /* 8 bytes at a time; bytes_per_line is a multiple of 4 */
  for (gsize i = 0; i + 8 <= size; i += 8)
    {
      guint64 v;

      memcpy (&v, data + i, 8);
      h = (h ^ v) * 0x100000001b3u;
      h ^= h >> 29;
    }
  for (gsize i = size - size % 8; i < size; i++)
    h = (h ^ data[i]) * 0x100000001b3u;
  return h;
}

/* Width of the columns where @a and @b differ (0 when they are equal). */
static int
diff_width (const Grabber *g,
            const guint8  *a,
            const guint8  *b)
{
  int min_x = G_MAXINT, max_x = -1;
  int bpl = g->image->bytes_per_line;

  for (int y = 0; y < g->rect.height; y++)
    {
      const guint32 *ra = (const guint32 *) (a + (gsize) y * bpl);
      const guint32 *rb = (const guint32 *) (b + (gsize) y * bpl);

      if (memcmp (ra, rb, (gsize) g->rect.width * 4) == 0)
        continue;
      for (int x = 0; x < g->rect.width; x++)
        if (ra[x] != rb[x])
          {
            min_x = MIN (min_x, x);
            max_x = MAX (max_x, x);
          }
    }
  return max_x < 0 ? 0 : max_x - min_x + 1;
}

/* A change that is only the caret: a thin column. */
static gboolean
caret_only (const Grabber *g,
            const guint8  *a,
            const guint8  *b)
{
  return diff_width (g, a, b) <= CARET_MAX_WIDTH;
}

/* ---- the window --------------------------------------------------------- */

static int
ignore_x_error (Display     *display,
                XErrorEvent *event)
{
  (void) display;
  (void) event;
  return 0;
}

static gulong
window_pid (Window window)
{
  Atom pid_atom = XInternAtom (dpy, "_NET_WM_PID", False);
  Atom type;
  int format;
  unsigned long n, after;
  unsigned char *data = NULL;
  gulong pid = 0;

  if (XGetWindowProperty (dpy, window, pid_atom, 0, 1, False, XA_CARDINAL, &type, &format,
                          &n, &after, &data) == Success && data != NULL)
    {
      if (type == XA_CARDINAL && format == 32 && n == 1)
        pid = *(unsigned long *) data;
      XFree (data);
    }
  return pid;
}

/* The app's mapped top-level: the one with its _NET_WM_PID, else the
 * largest mapped one (a window manager reparents into frames). */
static Window
find_app_window (pid_t pid)
{
  Window root_ret, parent, *children = NULL, best = None, largest = None;
  unsigned int n = 0;
  long largest_area = 0;

  if (!XQueryTree (dpy, root, &root_ret, &parent, &children, &n))
    return None;
  for (unsigned int i = 0; i < n; i++)
    {
      XWindowAttributes attrs;

      if (!XGetWindowAttributes (dpy, children[i], &attrs) ||
          attrs.map_state != IsViewable || attrs.override_redirect || attrs.class != InputOutput)
        continue;
      if (window_pid (children[i]) == (gulong) pid)
        best = children[i];
      if ((long) attrs.width * attrs.height > largest_area)
        {
          largest_area = (long) attrs.width * attrs.height;
          largest = children[i];
        }
    }
  XFree (children);
  return best != None ? best : largest;
}

static gboolean
have_window_manager (void)
{
  Atom check = XInternAtom (dpy, "_NET_SUPPORTING_WM_CHECK", False);
  Atom type;
  int format;
  unsigned long n, after;
  unsigned char *data = NULL;
  gboolean found = FALSE;

  if (XGetWindowProperty (dpy, root, check, 0, 1, False, XA_WINDOW, &type, &format,
                          &n, &after, &data) == Success && data != NULL)
    {
      found = n == 1;
      XFree (data);
    }
  return found;
}

/* The window's rectangle on the screen. */
static Rect
window_rect (Window window)
{
  XWindowAttributes attrs;
  Window child;
  int x, y;

  if (!XGetWindowAttributes (dpy, window, &attrs))
    die ("the window went away");
  XTranslateCoordinates (dpy, window, root, 0, 0, &x, &y, &child);
  return (Rect) { x, y, attrs.width, attrs.height };
}

/* A rectangle given as fractions of the window, clipped to the screen. */
static Rect
sub_rect (Rect          win,
          const double *frac)
{
  int sw = DisplayWidth (dpy, DefaultScreen (dpy));
  int sh = DisplayHeight (dpy, DefaultScreen (dpy));
  Rect r;

  r.x = MAX (0, win.x + (int) (frac[0] * win.width));
  r.y = MAX (0, win.y + (int) (frac[1] * win.height));
  r.width = MIN ((int) (frac[2] * win.width), sw - r.x);
  r.height = MIN ((int) (frac[3] * win.height), sh - r.y);
  if (r.width < 8 || r.height < 8)
    die ("a rectangle of %dx%d is too small to watch", r.width, r.height);
  return r;
}

/* ---- the app's process ------------------------------------------------------ */

static void
child_setup (gpointer data)
{
  (void) data;
  /* its own process group, so that WebKit's processes go with it */
  setpgid (0, 0);
}

/* What a user's session has: no test-only renderer or malloc settings,
 * fresh home and XDG folders. */
static char **
app_environment (const char *home)
{
  static const char * const unset[] = {
    /* headless-run sets these for the in-process tests; the app chooses its
     * renderer by itself (and detects llvmpipe by itself) */
    "GSK_RENDERER", "LIBGL_ALWAYS_SOFTWARE",
    /* tests/meson.build: checks that slow allocation down */
    "G_DEBUG", "MALLOC_CHECK_", "G_SLICE",
    "ASAN_OPTIONS", "LSAN_OPTIONS", "UBSAN_OPTIONS",
  };
  static const char * const xdg[][2] = {
    { "XDG_CONFIG_HOME", ".config" },
    { "XDG_DATA_HOME", ".local/share" },
    { "XDG_CACHE_HOME", ".cache" },
    { "XDG_STATE_HOME", ".local/state" },
  };
  char **env = g_get_environ ();

  for (guint i = 0; i < G_N_ELEMENTS (unset); i++)
    env = g_environ_unsetenv (env, unset[i]);
  env = g_environ_setenv (env, "HOME", home, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (xdg); i++)
    {
      g_autofree char *dir = g_build_filename (home, xdg[i][1], NULL);

      g_mkdir_with_parents (dir, 0700);
      env = g_environ_setenv (env, xdg[i][0], dir, TRUE);
    }
  for (guint i = 0; extra_env != NULL && extra_env[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (extra_env[i], "=", 2);

      env = g_environ_setenv (env, pair[0], pair[1], TRUE);
    }
  return env;
}

static void
print_log_tail (const char *log_path)
{
  g_autofree char *text = NULL;
  gsize len = 0;

  if (g_file_get_contents (log_path, &text, &len, NULL) && len > 0)
    g_printerr ("bench-typing: byline-app said:\n%s\n", text + (len > 3000 ? len - 3000 : 0));
}

static void
start_app (const char *app,
           const char *post,
           const char *home,
           const char *log_path)
{
  const char *argv[] = { app, post, NULL };
  g_auto(GStrv) env = app_environment (home);
  g_autoptr(GError) error = NULL;
  int log_fd;
  GPid pid;

  log_fd = g_open (log_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (log_fd < 0)
    die ("%s: %s", log_path, g_strerror (errno));
  if (!g_spawn_async_with_pipes_and_fds (home, argv, (const char * const *) env,
                                         G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDIN_FROM_DEV_NULL,
                                         child_setup, NULL, -1, log_fd, log_fd, NULL, NULL, 0,
                                         &pid, NULL, NULL, NULL, &error))
    die ("could not start %s: %s", app, error->message);
  close (log_fd);
  app_pid = pid;
}

/* Ends the app and everything it started; waits until they are gone. */
static void
stop_app (void)
{
  gint64 deadline;
  int status;

  if (app_pid <= 0)
    return;
  kill_app_group (SIGTERM);
  deadline = now_us () + 3 * G_USEC_PER_SEC;
  while (waitpid (app_pid, &status, WNOHANG) == 0 && now_us () < deadline)
    sleep_us (10000);
  kill_app_group (SIGKILL);
  waitpid (app_pid, &status, 0);
  /* the WebKit processes, reparented away from us */
  deadline = now_us () + 5 * G_USEC_PER_SEC;
  while (kill (-app_pid, 0) == 0 && now_us () < deadline)
    sleep_us (10000);
  app_pid = 0;
}

static void
check_app_alive (const char *log_path,
                 const char *waiting_for)
{
  int status;

  if (waitpid (app_pid, &status, WNOHANG) == app_pid)
    {
      app_pid = 0;
      print_log_tail (log_path);
      if (WIFEXITED (status))
        die ("byline-app exited with status %d while waiting for %s", WEXITSTATUS (status),
             waiting_for);
      die ("byline-app was killed by signal %d while waiting for %s",
           WIFSIGNALED (status) ? WTERMSIG (status) : 0, waiting_for);
    }
}

/* ---- waiting for the screen ------------------------------------------------ */

static gboolean
uniform (const Grabber *g)
{
  const guint32 *first = (const guint32 *) g->image->data;

  for (int y = 0; y < g->rect.height; y++)
    {
      const guint32 *row = (const guint32 *) (g->image->data + (gsize) y * g->image->bytes_per_line);

      for (int x = 0; x < g->rect.width; x++)
        if (row[x] != *first)
          return FALSE;
    }
  return TRUE;
}

/* Until the whole window has shown nothing but the caret change for
 * SETTLE_QUIET_MS, and the preview shows something. */
static void
wait_settled (Rect        win,
              Rect        preview_rect,
              const char *log_path)
{
  Grabber whole = { 0 }, preview = { 0 };
  g_autofree guint8 *last = NULL;
  gint64 start = now_us (), quiet_since = start;

  grabber_init (&whole, win);
  grabber_init (&preview, preview_rect);
  last = g_malloc0 (whole.size);
  for (;;)
    {
      gint64 now;

      if (grabber_poll (&whole))
        {
          if (!caret_only (&whole, last, whole.prev))
            quiet_since = now_us ();
          memcpy (last, whole.prev, whole.size);
        }
      grabber_poll (&preview);
      now = now_us ();
      if (now - quiet_since >= SETTLE_QUIET_MS * 1000 && !uniform (&preview))
        break;
      if (now - start > SETTLE_TIMEOUT_S * G_USEC_PER_SEC)
        die ("the window did not settle within %d s (%s)", SETTLE_TIMEOUT_S,
             uniform (&preview) ? "the preview is still blank" : "it keeps changing");
      check_app_alive (log_path, "the window to settle");
      sleep_us (50000);
    }
  g_print ("# window settled %.1f s after mapping\n", (now_us () - start) / 1e6);
  grabber_clear (&whole);
  grabber_clear (&preview);
}

/* A set of screen states (hashes). */
static gboolean
seen (GArray  *states,
      guint64  h)
{
  for (guint i = 0; i < states->len; i++)
    if (g_array_index (states, guint64, i) == h)
      return TRUE;
  return FALSE;
}

static void
remember (GArray  *states,
          guint64  h)
{
  if (!seen (states, h))
    g_array_append_val (states, h);
}

/* GTK fades the caret in and out, one step per frame: the time between two
 * steps is a frame of GTK's frame clock on this machine, as drawn. */
static GArray *caret_frames_ms;
static gint64 last_caret_frame;

/* Until neither rectangle has changed, but for the caret, for quiet_ms.
 * Leaves the states seen meanwhile in @editor_states and @preview_states
 * and the screen as it is now in each grabber's base. */
static gboolean
wait_quiet (Grabber *editor,
            Grabber *preview,
            GArray  *editor_states,
            GArray  *preview_states)
{
  gint64 start = now_us (), quiet_since = start;
  gboolean quiet = FALSE;

  last_caret_frame = 0;
  grabber_poll (editor);
  grabber_poll (preview);
  memcpy (editor->base, editor->prev, editor->size);
  g_array_set_size (editor_states, 0);
  g_array_set_size (preview_states, 0);
  remember (editor_states, hash_pixels (editor->prev, editor->size));
  remember (preview_states, hash_pixels (preview->prev, preview->size));

  while (now_us () - start < 10 * G_USEC_PER_SEC)
    {
      if (grabber_poll (editor))
        {
          if (!caret_only (editor, editor->base, editor->prev))
            {
              quiet_since = now_us ();
              memcpy (editor->base, editor->prev, editor->size);
              g_array_set_size (editor_states, 0);
            }
          else
            {
              gint64 now = now_us ();

              /* a frame of the caret's fade, unless it paused in between */
              if (now - last_caret_frame < 50 * 1000)
                {
                  double ms = (now - last_caret_frame) / 1000.0;

                  g_array_append_val (caret_frames_ms, ms);
                }
              last_caret_frame = now;
            }
          remember (editor_states, hash_pixels (editor->prev, editor->size));
        }
      if (grabber_poll (preview))
        {
          quiet_since = now_us ();
          g_array_set_size (preview_states, 0);
          remember (preview_states, hash_pixels (preview->prev, preview->size));
        }
      if (now_us () - quiet_since >= (gint64) quiet_ms * 1000)
        {
          quiet = TRUE;
          break;
        }
      sleep_us (2000);
    }
  memcpy (editor->base, editor->prev, editor->size);
  memcpy (preview->base, preview->prev, preview->size);
  return quiet;
}

/* ---- screenshots ---------------------------------------------------------- */

static void
draw_box (GdkPixbuf *pixbuf,
          Rect       r,
          guint32    rgb)
{
  int w = gdk_pixbuf_get_width (pixbuf), h = gdk_pixbuf_get_height (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);

  for (int t = 0; t < 2; t++)
    for (int y = r.y + t; y < r.y + r.height - t; y++)
      for (int x = r.x + t; x < r.x + r.width - t; x++)
        {
          guint8 *p;

          if (y != r.y + t && y != r.y + r.height - 1 - t && x != r.x + t &&
              x != r.x + r.width - 1 - t)
            continue;
          if (x < 0 || y < 0 || x >= w || y >= h)
            continue;
          p = pixels + (gsize) y * stride + (gsize) x * 3;
          p[0] = rgb >> 16;
          p[1] = rgb >> 8;
          p[2] = rgb;
        }
}

/* An image in the screen's format (32 bits a pixel) as a pixbuf. */
static GdkPixbuf *
pixbuf_from_image (const XImage *format,
                   const guint8 *data,
                   int           width,
                   int           height)
{
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  unsigned long masks[3] = { format->red_mask, format->green_mask, format->blue_mask };
  int shifts[3];
  unsigned long maxima[3];

  for (int c = 0; c < 3; c++)
    {
      shifts[c] = MAX (g_bit_nth_lsf (masks[c], -1), 0);
      maxima[c] = MAX (masks[c] >> shifts[c], 1);
    }
  for (int y = 0; y < height; y++)
    {
      const guint32 *in = (const guint32 *) (data + (gsize) y * format->bytes_per_line);
      guint8 *out = gdk_pixbuf_get_pixels (pixbuf) + (gsize) y * gdk_pixbuf_get_rowstride (pixbuf);

      for (int x = 0; x < width; x++)
        for (int c = 0; c < 3; c++)
          out[x * 3 + c] = (guint8) (((in[x] & masks[c]) >> shifts[c]) * 255 / maxima[c]);
    }
  return pixbuf;
}

static void
save_pixbuf (GdkPixbuf  *pixbuf,
             const char *name)
{
  g_autofree char *path = g_build_filename (shots_dir, name, NULL);
  g_autoptr(GError) error = NULL;

  if (!gdk_pixbuf_save (pixbuf, path, "png", &error, NULL))
    die ("%s: %s", path, error->message);
  g_print ("# screenshot: %s\n", path);
}

/* The window, with the rectangles drawn on it. */
static void
save_shot (Rect        win,
           Rect        editor,
           Rect        preview,
           int         click_x,
           int         click_y,
           const char *name)
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  XImage *image;

  if (shots_dir == NULL)
    return;
  image = XGetImage (dpy, root, win.x, win.y, win.width, win.height, AllPlanes, ZPixmap);
  if (image == NULL)
    die ("XGetImage failed");
  if (image->bits_per_pixel != 32)
    die ("the screen has %d bits per pixel; only 32 is handled", image->bits_per_pixel);
  pixbuf = pixbuf_from_image (image, (const guint8 *) image->data, win.width, win.height);
  XDestroyImage (image);

  editor.x -= win.x;
  editor.y -= win.y;
  preview.x -= win.x;
  preview.y -= win.y;
  draw_box (pixbuf, editor, 0xe01b24);
  draw_box (pixbuf, preview, 0x1c71d8);
  draw_box (pixbuf, (Rect) { click_x - win.x - 5, click_y - win.y - 5, 11, 11 }, 0x2ec27e);
  save_pixbuf (pixbuf, name);
}

/* A rectangle before a key and at the change taken for its answer, one
 * above the other. */
static void
save_change (const Grabber *g,
             const guint8  *answer,
             const char    *name)
{
  g_autoptr(GdkPixbuf) before = NULL;
  g_autoptr(GdkPixbuf) after = NULL;
  g_autoptr(GdkPixbuf) both = NULL;

  if (shots_dir == NULL)
    return;
  before = pixbuf_from_image (g->image, g->base, g->rect.width, g->rect.height);
  after = pixbuf_from_image (g->image, answer, g->rect.width, g->rect.height);
  both = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, g->rect.width, 2 * g->rect.height + 4);
  gdk_pixbuf_fill (both, 0xe01b24ff);
  gdk_pixbuf_copy_area (before, 0, 0, g->rect.width, g->rect.height, both, 0, 0);
  gdk_pixbuf_copy_area (after, 0, 0, g->rect.width, g->rect.height, both, 0, g->rect.height + 4);
  save_pixbuf (both, name);
}

/* ---- figures ----------------------------------------------------------------- */

static int
cmp_double (gconstpointer a,
            gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
print_figures (const char *doc,
               const char *what,
               GArray     *ms,
               guint       misses)
{
  double median, p90, max;
  guint n = ms->len;

  if (n == 0)
    {
      g_print ("%-7s %-7s no answer to any key | misses %u/%u\n", doc, what, misses, misses);
      return;
    }
  g_array_sort (ms, cmp_double);
  median = n % 2 ? g_array_index (ms, double, n / 2)
                 : (g_array_index (ms, double, n / 2 - 1) + g_array_index (ms, double, n / 2)) / 2;
  p90 = g_array_index (ms, double, MIN (n - 1, (guint) ((n * 9 + 9) / 10) - 1));
  max = g_array_index (ms, double, n - 1);
  g_print ("%-7s %-7s median %7.1f ms | p90 %7.1f ms | max %7.1f ms | misses %u/%u\n",
           doc, what, median, p90, max, misses, n + misses);
}

/* ---- files ------------------------------------------------------------------ */

static void
rm_rf (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          rm_rf (child);
        }
    }
  g_remove (path);
}

/* The corpus as one post of about @size bytes: the first post whole, then
 * the bodies of all of them, without their frontmatter, over and over. */
static GString *
corpus_document (gsize size)
{
  g_autoptr(GPtrArray) paths = byline_test_corpus_files (BYLINE_TEST_CORPUS_WITH_MDX);
  GString *doc = g_string_new (NULL);

  if (paths == NULL)
    return NULL;
  while (doc->len < size)
    {
      gsize before = doc->len;

      for (guint i = 0; i < paths->len && doc->len < size; i++)
        {
          g_autofree char *text = NULL;
          gsize len;
          BylineSplit split;

          if (!g_file_get_contents (g_ptr_array_index (paths, i), &text, &len, NULL))
            continue;
          byline_frontmatter_split (text, len, &split);
          if (doc->len == 0)
            g_string_append_len (doc, text, len);
          else
            g_string_append_len (doc, text + split.body_start, len - split.body_start);
          if (doc->len > 0 && doc->str[doc->len - 1] != '\n')
            g_string_append_c (doc, '\n');
          g_string_append_c (doc, '\n');
        }
      if (doc->len == before)
        break;
    }
  return doc;
}

/* bench-typing-DOC-WHAT.png; valid until the next call */
static const char *
shot_name (const char *doc,
           const char *what)
{
  static char *name;

  g_free (name);
  name = g_strdup_printf ("bench-typing-%s-%s.png", doc, what);
  return name;
}

/* ---- one document ------------------------------------------------------------ */

static const KeySym letters[] = { XK_e, XK_t, XK_a, XK_o, XK_n, XK_s, XK_r, XK_i, XK_h, XK_d };

static void
run_document (const char *app,
              const char *name,
              const char *text,
              gsize       len,
              const char *extra_file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *home = NULL, *post = NULL, *log_path = NULL;
  g_autoptr(GArray) editor_states = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_autoptr(GArray) preview_states = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_autoptr(GArray) echo_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) preview_ms = g_array_new (FALSE, FALSE, sizeof (double));
  Grabber editor = { 0 }, preview = { 0 };
  guint echo_misses = 0, preview_misses = 0, not_quiet = 0;
  gint64 start, poll_time = 0, polls = 0;
  Window window = None;
  Rect win, editor_rect, preview_rect;
  int click_x, click_y;

  work_dir = g_dir_make_tmp ("byline-bench-typing-XXXXXX", &error);
  if (work_dir == NULL)
    die ("%s", error->message);
  home = g_build_filename (work_dir, "home", NULL);
  g_mkdir_with_parents (home, 0700);
  post = g_build_filename (home, "post.md", NULL);
  log_path = g_build_filename (work_dir, "byline-app.log", NULL);
  if (!g_file_set_contents (post, text, len, &error))
    die ("%s", error->message);
  if (extra_file != NULL)
    {
      g_autofree char *contents = NULL, *base = g_path_get_basename (extra_file);
      g_autofree char *copy = g_build_filename (home, base, NULL);
      gsize extra_len;

      if (g_file_get_contents (extra_file, &contents, &extra_len, NULL))
        g_file_set_contents (copy, contents, extra_len, NULL);
    }

  g_array_set_size (caret_frames_ms, 0);
  start_app (app, post, home, log_path);

  /* the window, mapped */
  start = now_us ();
  while ((window = find_app_window (app_pid)) == None)
    {
      check_app_alive (log_path, "its window to map");
      if (now_us () - start > MAP_TIMEOUT_S * G_USEC_PER_SEC)
        {
          print_log_tail (log_path);
          die ("no window of byline-app (pid %d) was mapped within %d s", (int) app_pid,
               MAP_TIMEOUT_S);
        }
      sleep_us (20000);
    }
  g_print ("# %s: %" G_GSIZE_FORMAT " bytes; window 0x%lx mapped %.1f s after start\n",
           name, len, window, (now_us () - start) / 1e6);

  /* the window as a user has it: the whole screen */
  if (!have_window_manager ())
    {
      int sw = DisplayWidth (dpy, DefaultScreen (dpy));
      int sh = DisplayHeight (dpy, DefaultScreen (dpy));

      XMoveResizeWindow (dpy, window, 0, 0, sw, sh);
      XSync (dpy, False);
      start = now_us ();
      for (;;)
        {
          win = window_rect (window);
          if (win.x == 0 && win.y == 0 && win.width == sw && win.height == sh)
            break;
          if (now_us () - start > 10 * G_USEC_PER_SEC)
            die ("the window stays %dx%d+%d+%d, not %dx%d+0+0", win.width, win.height, win.x,
                 win.y, sw, sh);
          sleep_us (10000);
        }
    }
  win = window_rect (window);
  editor_rect = sub_rect (win, editor_frac);
  preview_rect = sub_rect (win, preview_frac);
  click_x = win.x + (int) (click_at[0] * win.width);
  click_y = win.y + (int) (click_at[1] * win.height);

  wait_settled (win, preview_rect, log_path);

  /* focus the editor: no window manager, so focus follows the pointer */
  XTestFakeMotionEvent (dpy, DefaultScreen (dpy), click_x, click_y, 0);
  XTestFakeButtonEvent (dpy, 1, True, 0);
  XTestFakeButtonEvent (dpy, 1, False, 0);
  XSync (dpy, False);

  grabber_init (&editor, editor_rect);
  grabber_init (&preview, preview_rect);
  /* the caret moved and the preview scrolled to it */
  wait_quiet (&editor, &preview, editor_states, preview_states);
  save_shot (win, editor_rect, preview_rect, click_x, click_y, shot_name (name, "before"));

  for (int k = 0; k < n_warmup + n_keys; k++)
    {
      KeyCode code = XKeysymToKeycode (dpy, letters[k % G_N_ELEMENTS (letters)]);
      gint64 pressed, echo_at = 0, preview_at = 0, deadline;
      guint8 *echo_frame = NULL, *preview_frame = NULL;

      check_app_alive (log_path, "a keystroke");
      if (!wait_quiet (&editor, &preview, editor_states, preview_states))
        not_quiet++;

      XTestFakeKeyEvent (dpy, code, True, 0);
      XTestFakeKeyEvent (dpy, code, False, 0);
      pressed = now_us ();
      XFlush (dpy);
      deadline = pressed + (gint64) timeout_ms * 1000;

      while ((echo_at == 0 || preview_at == 0) && now_us () < deadline)
        {
          gint64 t0 = now_us (), t;

          if (echo_at == 0 && grabber_poll (&editor))
            {
              t = now_us ();
              if (!seen (editor_states, hash_pixels (editor.prev, editor.size)) &&
                  !caret_only (&editor, editor.base, editor.prev))
                {
                  echo_at = t;
                  if (k == n_warmup)
                    echo_frame = g_memdup2 (editor.prev, editor.size);
                }
            }
          if (preview_at == 0 && grabber_poll (&preview))
            {
              t = now_us ();
              if (!seen (preview_states, hash_pixels (preview.prev, preview.size)))
                {
                  preview_at = t;
                  if (k == n_warmup)
                    preview_frame = g_memdup2 (preview.prev, preview.size);
                }
            }
          poll_time += now_us () - t0;
          polls++;
          sleep_us (poll_us);
        }

      /* what was taken for the first timed key's answers, saved once the
       * polling is over */
      if (echo_frame != NULL)
        save_change (&editor, echo_frame, shot_name (name, "echo"));
      if (preview_frame != NULL)
        save_change (&preview, preview_frame, shot_name (name, "preview"));
      g_clear_pointer (&echo_frame, g_free);
      g_clear_pointer (&preview_frame, g_free);
      if (k < n_warmup)
        continue;
      if (echo_at != 0)
        {
          double ms = (echo_at - pressed) / 1000.0;

          g_array_append_val (echo_ms, ms);
        }
      else
        echo_misses++;
      if (preview_at != 0)
        {
          double ms = (preview_at - pressed) / 1000.0;

          g_array_append_val (preview_ms, ms);
        }
      else
        preview_misses++;
    }

  wait_quiet (&editor, &preview, editor_states, preview_states);
  save_shot (win, editor_rect, preview_rect, click_x, click_y, shot_name (name, "after"));

  g_print ("# %s: editor %dx%d+%d+%d, preview %dx%d+%d+%d; one poll of both %.2f ms"
           "; %u keys typed before the screen was quiet\n",
           name, editor_rect.width, editor_rect.height, editor_rect.x, editor_rect.y,
           preview_rect.width, preview_rect.height, preview_rect.x, preview_rect.y,
           polls > 0 ? poll_time / 1000.0 / polls : 0.0, not_quiet);
  if (caret_frames_ms->len > 0)
    {
      g_array_sort (caret_frames_ms, cmp_double);
      g_print ("# %s: one GTK frame here (steps of the caret's fade while waiting): "
               "median %.1f ms of %u\n",
               name, g_array_index (caret_frames_ms, double, caret_frames_ms->len / 2),
               caret_frames_ms->len);
    }
  print_figures (name, "echo", echo_ms, echo_misses);
  print_figures (name, "preview", preview_ms, preview_misses);

  grabber_clear (&editor);
  grabber_clear (&preview);
  stop_app ();
  rm_rf (work_dir);
  g_clear_pointer (&work_dir, g_free);
}

/* ---- main ------------------------------------------------------------------------ */

static gboolean
parse_fractions (const char  *value,
                 double      *out,
                 guint        n,
                 GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (value, ",", -1);

  if (g_strv_length (parts) != n)
    goto fail;
  for (guint i = 0; i < n; i++)
    {
      char *end;

      out[i] = g_ascii_strtod (parts[i], &end);
      if (end == parts[i] || *end != '\0' || out[i] < 0 || out[i] > 1)
        goto fail;
    }
  return TRUE;

fail:
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               "“%s”: expected %u fractions of the window between 0 and 1, separated by commas",
               value, n);
  return FALSE;
}

static gboolean
parse_rect_option (const char  *name,
                   const char  *value,
                   gpointer     data,
                   GError     **error)
{
  (void) data;
  if (g_str_equal (name, "--click"))
    return parse_fractions (value, click_at, 2, error);
  if (g_str_equal (name, "--editor"))
    return parse_fractions (value, editor_frac, 4, error);
  return parse_fractions (value, preview_frac, 4, error);
}

static char *
sample_post_path (void)
{
  const char *source = g_getenv ("BYLINE_SOURCE_DIR");
  const char *tests = g_getenv ("G_TEST_SRCDIR");

  if (source != NULL)
    return g_build_filename (source, "data", "sample", "sample-post.md", NULL);
  if (tests != NULL)
    return g_build_filename (tests, "..", "data", "sample", "sample-post.md", NULL);
  return g_build_filename ("data", "sample", "sample-post.md", NULL);
}

int
main (int    argc,
      char **argv)
{
  const GOptionEntry entries[] = {
    { "keys", 'n', 0, G_OPTION_ARG_INT, &n_keys, "Keys to time per document (30)", "N" },
    { "warmup", 0, 0, G_OPTION_ARG_INT, &n_warmup, "Keys typed first, not timed (3)", "N" },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &timeout_ms, "A miss after this long (3000)", "MS" },
    { "quiet", 0, 0, G_OPTION_ARG_INT, &quiet_ms,
      "How long the screen must be still before a key (250)", "MS" },
    { "poll", 0, 0, G_OPTION_ARG_INT, &poll_us, "Sleep between polls (1000)", "µS" },
    { "docs", 0, 0, G_OPTION_ARG_STRING, &docs_opt, "Which documents: sample,corpus", "LIST" },
    { "env", 0, 0, G_OPTION_ARG_STRING_ARRAY, &extra_env,
      "Start the app with this in its environment too (GSK_RENDERER=gl, say)", "NAME=VALUE" },
    { "shots", 0, 0, G_OPTION_ARG_FILENAME, &shots_dir,
      "Save the window with the rectangles drawn into this folder", "DIR" },
    { "click", 0, 0, G_OPTION_ARG_CALLBACK, parse_rect_option,
      "Where to click in the editor, as fractions of the window", "X,Y" },
    { "editor", 0, 0, G_OPTION_ARG_CALLBACK, parse_rect_option,
      "The editor rectangle, as fractions of the window", "X,Y,W,H" },
    { "preview", 0, 0, G_OPTION_ARG_CALLBACK, parse_rect_option,
      "The preview rectangle, as fractions of the window", "X,Y,W,H" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("BYLINE-APP");
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) docs = NULL;
  int event, error_base, major, minor;
  g_autofree char *app = NULL;

  g_option_context_set_summary (context,
                                "Times keystroke to pixels in byline-app's window, from outside, "
                                "on an X display (run it under build-aux/headless-run).");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-typing: %s\n", error->message);
      return 2;
    }
  if (argc != 2 || n_keys < 1 || n_warmup < 0 || timeout_ms < 1 || quiet_ms < 1 || poll_us < 0)
    {
      g_printerr ("%s", g_option_context_get_help (context, TRUE, NULL));
      return 2;
    }
  /* the app starts in its own home folder */
  app = g_canonicalize_filename (argv[1], NULL);
  for (guint i = 0; extra_env != NULL && extra_env[i] != NULL; i++)
    if (strchr (extra_env[i], '=') == NULL || extra_env[i][0] == '=')
      {
        g_printerr ("bench-typing: --env %s: expected NAME=VALUE\n", extra_env[i]);
        return 2;
      }
  docs = g_strsplit (docs_opt != NULL ? docs_opt : "sample,corpus", ",", -1);

  dpy = XOpenDisplay (NULL);
  if (dpy == NULL)
    {
      g_printerr ("bench-typing: no X display; run it under build-aux/headless-run\n");
      return EXIT_SKIP;
    }
  root = DefaultRootWindow (dpy);
  if (!XTestQueryExtension (dpy, &event, &error_base, &major, &minor))
    {
      g_printerr ("bench-typing: the X server has no XTEST extension\n");
      return EXIT_SKIP;
    }
  if (!XShmQueryExtension (dpy))
    {
      g_printerr ("bench-typing: the X server has no MIT-SHM extension\n");
      return EXIT_SKIP;
    }
  /* windows may vanish between XQueryTree and the questions about them */
  XSetErrorHandler (ignore_x_error);
  caret_frames_ms = g_array_new (FALSE, FALSE, sizeof (double));

  signal (SIGTERM, on_signal);
  signal (SIGINT, on_signal);
  signal (SIGHUP, on_signal);

  g_print ("# bench-typing: %s, screen %dx%d, %d keys (after %d) per document, "
           "a miss after %d ms\n",
           app, DisplayWidth (dpy, DefaultScreen (dpy)), DisplayHeight (dpy, DefaultScreen (dpy)),
           n_keys, n_warmup, timeout_ms);
  for (guint i = 0; extra_env != NULL && extra_env[i] != NULL; i++)
    g_print ("# the app's environment also has %s\n", extra_env[i]);

  for (guint i = 0; docs[i] != NULL; i++)
    {
      if (g_str_equal (docs[i], "sample"))
        {
          g_autofree char *path = sample_post_path ();
          g_autofree char *dir = g_path_get_dirname (path);
          g_autofree char *image = g_build_filename (dir, "byline-og.png", NULL);
          g_autofree char *text = NULL;
          gsize len;

          if (!g_file_get_contents (path, &text, &len, &error))
            die ("%s", error->message);
          run_document (app, "sample", text, len, image);
        }
      else if (g_str_equal (docs[i], "corpus"))
        {
          g_autoptr(GString) doc = corpus_document (BIG_DOC_SIZE);

          if (doc == NULL)
            {
              g_print ("# corpus: none (BYLINE_CORPUS_DIR is not a folder of posts); skipped\n");
              continue;
            }
          run_document (app, "corpus", doc->str, doc->len, NULL);
        }
      else
        die ("unknown document “%s” (sample, corpus)", docs[i]);
    }

  XCloseDisplay (dpy);
  return 0;
}
