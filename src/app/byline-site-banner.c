/* byline-site-banner.c: the notice that an Astro site's schemas need `astro sync`
 *
 * Astro writes the JSON Schema of each collection when `astro sync` (or
 * `astro dev`, `astro build`) runs. Until it has, Byline checks a post of
 * the site for YAML only; when the content config changed after, the
 * schemas Byline reads may no longer be the site's. The banner says so and
 * runs the site's own Astro (node_modules/.bin/astro, nothing fetched) on
 * request, with a spinner while it runs and Astro's last lines when it
 * fails. When Byline cannot run it (Astro not installed, or a Flatpak
 * sandbox without access to the host) it names the command and offers to
 * copy it.
 *
 * The banner does not re-read the site itself: it announces ::synced, and
 * its owner drops the cached site and finds the post's schema again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Byline"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "byline-site-banner.h"

/* How much of Astro's output the banner shows when it fails. */
#define OUTPUT_LINES 12

struct _BylineSiteBanner
{
  GtkWidget     parent_instance;

  /* children, built in code */
  GtkRevealer  *revealer;
  GtkLabel     *label;
  GtkSpinner   *spinner;
  GtkWidget    *run_button;
  GtkWidget    *copy_button;
  GtkWidget    *cancel_button;
  GtkExpander  *expander;
  GtkLabel     *output_label;

  /* owned */
  BylineSite   *site;
  char         *collection;
  char        **argv;      /* what runs `astro sync` from here, or NULL */
  char         *command;   /* the same for a terminal */
  char         *message;
  char         *output;    /* the last lines of a failed run */
  GCancellable *cancellable;
  GSubprocess  *subprocess;

  guint         running : 1;
  guint         failed : 1;
  guint         synced : 1;
};

G_DEFINE_FINAL_TYPE (BylineSiteBanner, byline_site_banner, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_REVEALED,
  PROP_RUNNING,
  PROP_MESSAGE,
  N_PROPS
};

enum {
  SYNCED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Whether `flatpak-spawn --host` works, asked once per process. */
typedef enum
{
  HOST_UNKNOWN,
  HOST_CHECKING,
  HOST_WORKS,
  HOST_REFUSED,
} HostAccess;

static HostAccess host_access = HOST_UNKNOWN;

/* -1: the sandbox is what /.flatpak-info says; else what a test says. */
static int sandboxed_override = -1;

static void byline_site_banner_update (BylineSiteBanner *self);

static gboolean
in_flatpak (void)
{
  GStatBuf st;

  if (sandboxed_override >= 0)
    return sandboxed_override;

  /* WebKit may leave an empty one outside a sandbox. */
  return g_stat ("/.flatpak-info", &st) == 0 && st.st_size > 0;
}

/**
 * _byline_site_banner_set_sandboxed:
 * @sandboxed: 1 to behave as inside a Flatpak sandbox, 0 as outside it, -1
 *   to look at /.flatpak-info again
 *
 * For tests, which fake the sandbox and its `flatpak-spawn` on PATH. Also
 * forgets whether `flatpak-spawn --host` worked, so the next banner asks.
 */
void
_byline_site_banner_set_sandboxed (int sandboxed)
{
  sandboxed_override = CLAMP (sandboxed, -1, 1);
  host_access = HOST_UNKNOWN;
}

static void
byline_site_banner_host_check_cb (GObject      *object,
                                  GAsyncResult *result,
                                  gpointer      user_data)
{
  GWeakRef *weak = user_data;
  g_autoptr(BylineSiteBanner) self = g_weak_ref_get (weak);
  g_autoptr(GError) error = NULL;

  if (g_subprocess_wait_check_finish (G_SUBPROCESS (object), result, &error))
    host_access = HOST_WORKS;
  else
    {
      g_debug ("flatpak-spawn --host: %s", error->message);
      host_access = HOST_REFUSED;
    }

  g_weak_ref_clear (weak);
  g_free (weak);
  if (self != NULL)
    byline_site_banner_update (self);
}

static void
byline_site_banner_check_host (BylineSiteBanner *self)
{
  g_autoptr(GSubprocess) check = NULL;
  g_autoptr(GError) error = NULL;
  GWeakRef *weak;

  if (host_access != HOST_UNKNOWN)
    return;

  check = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                            &error, "flatpak-spawn", "--host", "true", NULL);
  if (check == NULL)
    {
      host_access = HOST_REFUSED;
      return;
    }

  host_access = HOST_CHECKING;
  weak = g_new0 (GWeakRef, 1);
  g_weak_ref_init (weak, self);
  g_subprocess_wait_check_async (check, NULL, byline_site_banner_host_check_cb, weak);
}

static gboolean
needs_sync (BylineSite *site,
            const char *collection)
{
  BylineSiteSchemaState state;

  if (site == NULL || collection == NULL || byline_site_get_generator (site) != BYLINE_GENERATOR_ASTRO)
    return FALSE;

  state = byline_site_get_schema_state (site);
  return state == BYLINE_SITE_SCHEMAS_MISSING || state == BYLINE_SITE_SCHEMAS_STALE;
}

static char *
last_lines (const char *text,
            guint       n)
{
  const char *end = text + strlen (text);
  const char *p = end;

  while (p > text && (p[-1] == '\n' || p[-1] == '\r'))
    p--;
  end = p;
  while (p > text && n > 0)
    {
      p--;
      if (*p == '\n' && --n == 0)
        {
          p++;
          break;
        }
    }

  return g_strndup (p, end - p);
}

static void
byline_site_banner_set_message (BylineSiteBanner *self,
                                char             *message)
{
  if (g_strcmp0 (self->message, message) == 0)
    {
      g_free (message);
      return;
    }

  g_free (self->message);
  self->message = message;
  gtk_label_set_text (self->label, message != NULL ? message : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
}

static void
byline_site_banner_update (BylineSiteBanner *self)
{
  gboolean show = self->running || self->failed ||
                  (!self->synced && needs_sync (self->site, self->collection));
  gboolean waiting = in_flatpak () && (host_access == HOST_UNKNOWN || host_access == HOST_CHECKING);
  gboolean runnable = self->argv != NULL && !waiting &&
                      (!in_flatpak () || host_access == HOST_WORKS);
  g_autofree char *state_text = NULL;
  g_autofree char *advice = NULL;
  char *message = NULL;

  if (self->running)
    message = g_strdup (_("Astro is writing the site’s schemas (“astro sync”)…"));
  else if (self->failed)
    message = g_strdup (_("“astro sync” failed: the site’s schemas were not written. "
                          "Astro’s last lines are below."));
  else if (show)
    {
      if (byline_site_get_schema_state (self->site) == BYLINE_SITE_SCHEMAS_STALE)
        state_text = g_strdup (_("The site’s content config changed after Astro wrote its schemas: "
                                 "the form and the checks may be out of date."));
      else
        /* Translators: %s is the name of a collection of posts */
        state_text = g_strdup_printf (_("Astro has not written the schema of “%s” yet, so only "
                                        "the YAML of this post is checked."), self->collection);

      if (self->argv == NULL)
        /* Translators: %s is a command line */
        advice = g_strdup_printf (_("Astro is not installed in the site’s node_modules: "
                                    "run “%s” in a terminal."), self->command);
      else if (in_flatpak () && host_access == HOST_REFUSED)
        /* Translators: %s is a command line */
        advice = g_strdup_printf (_("Byline cannot run programs outside its sandbox: "
                                    "run “%s” in a terminal."), self->command);

      message = advice != NULL ? g_strconcat (state_text, " ", advice, NULL)
                               : g_steal_pointer (&state_text);
    }

  if (message != NULL)
    byline_site_banner_set_message (self, message);

  gtk_spinner_set_spinning (self->spinner, self->running);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->running);
  gtk_widget_set_visible (self->cancel_button, self->running);
  gtk_widget_set_visible (self->run_button, !self->running && runnable);
  gtk_widget_set_visible (self->copy_button, !self->running && !runnable && !waiting &&
                          self->command != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->expander), self->failed && self->output != NULL);
  gtk_label_set_text (self->output_label, self->output != NULL ? self->output : "");
  if (self->failed)
    gtk_widget_add_css_class (gtk_revealer_get_child (self->revealer), "error");
  else
    gtk_widget_remove_css_class (gtk_revealer_get_child (self->revealer), "error");

  if (gtk_revealer_get_reveal_child (self->revealer) != show)
    {
      gtk_revealer_set_reveal_child (self->revealer, show);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVEALED]);
    }
}

static void
byline_site_banner_set_running (BylineSiteBanner *self,
                                gboolean          running)
{
  if (self->running == !!running)
    return;

  self->running = !!running;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static void
byline_site_banner_communicate_cb (GObject      *object,
                                   GAsyncResult *result,
                                   gpointer      user_data)
{
  GSubprocess *subprocess = G_SUBPROCESS (object);
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GError) error = NULL;
  BylineSiteBanner *self;
  g_autofree char *text = NULL;

  /* Cancelled: by the user (who saw it at once) or by dispose (then
   * @user_data is gone). */
  if (!g_subprocess_communicate_finish (subprocess, result, &out, NULL, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = BYLINE_SITE_BANNER (user_data);
  g_clear_object (&self->subprocess);
  g_clear_object (&self->cancellable);

  if (out != NULL && g_bytes_get_size (out) > 0)
    text = g_utf8_make_valid (g_bytes_get_data (out, NULL), g_bytes_get_size (out));

  g_clear_pointer (&self->output, g_free);
  if (error == NULL && g_subprocess_get_if_exited (subprocess) &&
      g_subprocess_get_exit_status (subprocess) == 0)
    {
      self->failed = FALSE;
      self->synced = TRUE;
      byline_site_banner_set_running (self, FALSE);
      byline_site_banner_update (self);
      g_signal_emit (self, signals[SYNCED], 0, byline_site_get_root (self->site));
      return;
    }

  self->failed = TRUE;
  if (error != NULL)
    self->output = g_strdup (error->message);
  else
    {
      g_autofree char *tail = last_lines (text != NULL ? text : "", OUTPUT_LINES);
      g_autofree char *status = NULL;

      if (g_subprocess_get_if_exited (subprocess))
        /* Translators: %d is a program's exit status */
        status = g_strdup_printf (_("(exit status %d)"), g_subprocess_get_exit_status (subprocess));
      else
        /* Translators: %d is the number of the signal that ended a program */
        status = g_strdup_printf (_("(ended by signal %d)"), g_subprocess_get_term_sig (subprocess));
      self->output = *tail != '\0' ? g_strconcat (tail, "\n", status, NULL) : g_steal_pointer (&status);
    }
  byline_site_banner_set_running (self, FALSE);
  byline_site_banner_update (self);
}

static char **
host_argv (BylineSiteBanner *self)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  g_autofree char *directory = g_strdup_printf ("--directory=%s", byline_site_get_root (self->site));
  char **argv;

  g_strv_builder_add_many (builder, "flatpak-spawn", "--host", directory,
                           "--env=NO_COLOR=1", "--env=ASTRO_TELEMETRY_DISABLED=1", NULL);
  g_strv_builder_addv (builder, (const char **) self->argv);
  argv = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);

  return argv;
}

/**
 * byline_site_banner_run_sync:
 * @self: a banner
 *
 * Runs the site's `astro sync` in the site's root, unless it is running or
 * cannot run from here. ::synced follows when it succeeds; when it fails,
 * the banner shows Astro's last lines.
 */
void
byline_site_banner_run_sync (BylineSiteBanner *self)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) flatpak_argv = NULL;

  g_return_if_fail (BYLINE_IS_SITE_BANNER (self));

  if (self->running || self->argv == NULL)
    return;
  if (in_flatpak ())
    {
      if (host_access != HOST_WORKS)
        return;
      flatpak_argv = host_argv (self);
    }

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_subprocess_launcher_set_cwd (launcher, byline_site_get_root (self->site));
  /* Plain text for the banner, and no call home from a tool we started. */
  g_subprocess_launcher_setenv (launcher, "NO_COLOR", "1", TRUE);
  g_subprocess_launcher_setenv (launcher, "ASTRO_TELEMETRY_DISABLED", "1", TRUE);

  self->failed = FALSE;
  self->synced = FALSE;
  g_clear_pointer (&self->output, g_free);
  self->subprocess = g_subprocess_launcher_spawnv (launcher,
                                                   (const char * const *) (flatpak_argv != NULL ? flatpak_argv : self->argv),
                                                   &error);
  if (self->subprocess == NULL)
    {
      self->failed = TRUE;
      self->output = g_strdup (error->message);
      byline_site_banner_update (self);
      return;
    }

  self->cancellable = g_cancellable_new ();
  byline_site_banner_set_running (self, TRUE);
  byline_site_banner_update (self);
  g_subprocess_communicate_async (self->subprocess, NULL, self->cancellable,
                                  byline_site_banner_communicate_cb, self);
}

/**
 * byline_site_banner_cancel:
 * @self: a banner
 *
 * Stops a running `astro sync`; the banner is back where it was before.
 */
void
byline_site_banner_cancel (BylineSiteBanner *self)
{
  g_return_if_fail (BYLINE_IS_SITE_BANNER (self));

  if (!self->running)
    return;

  g_cancellable_cancel (self->cancellable);
  g_subprocess_force_exit (self->subprocess);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->subprocess);
  byline_site_banner_set_running (self, FALSE);
  byline_site_banner_update (self);
}

static void
byline_site_banner_run_button_clicked_cb (BylineSiteBanner *self,
                                          GtkButton        *button)
{
  byline_site_banner_run_sync (self);
}

static void
byline_site_banner_cancel_button_clicked_cb (BylineSiteBanner *self,
                                             GtkButton        *button)
{
  byline_site_banner_cancel (self);
}

static void
byline_site_banner_copy_button_clicked_cb (BylineSiteBanner *self,
                                           GtkButton        *button)
{
  if (self->command != NULL)
    gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), self->command);
}

static void
byline_site_banner_dispose (GObject *object)
{
  BylineSiteBanner *self = BYLINE_SITE_BANNER (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->subprocess != NULL)
    g_subprocess_force_exit (self->subprocess);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->subprocess);
  g_clear_pointer ((GtkWidget **) &self->revealer, gtk_widget_unparent);

  G_OBJECT_CLASS (byline_site_banner_parent_class)->dispose (object);
}

static void
byline_site_banner_finalize (GObject *object)
{
  BylineSiteBanner *self = BYLINE_SITE_BANNER (object);

  g_clear_pointer (&self->site, byline_site_unref);
  g_free (self->collection);
  g_strfreev (self->argv);
  g_free (self->command);
  g_free (self->message);
  g_free (self->output);

  G_OBJECT_CLASS (byline_site_banner_parent_class)->finalize (object);
}

static void
byline_site_banner_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  BylineSiteBanner *self = BYLINE_SITE_BANNER (object);

  switch (prop_id)
    {
    case PROP_REVEALED:
      g_value_set_boolean (value, byline_site_banner_get_revealed (self));
      break;

    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;

    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_site_banner_class_init (BylineSiteBannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = byline_site_banner_dispose;
  object_class->finalize = byline_site_banner_finalize;
  object_class->get_property = byline_site_banner_get_property;

  properties[PROP_REVEALED] =
    g_param_spec_boolean ("revealed", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BylineSiteBanner::synced:
   * @root: the site's root
   *
   * `astro sync` wrote the site's schemas: the site must be read again.
   */
  signals[SYNCED] =
    g_signal_new ("synced",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "bylinesitebanner");
}

static GtkWidget *
add_button (BylineSiteBanner *self,
            GtkWidget        *box,
            const char       *label,
            GCallback         callback)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_signal_connect_object (button, "clicked", callback, self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), button);

  return button;
}

static void
byline_site_banner_init (BylineSiteBanner *self)
{
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *scrolled;

  self->revealer = GTK_REVEALER (gtk_revealer_new ());
  gtk_revealer_set_transition_type (self->revealer, GTK_REVEALER_TRANSITION_TYPE_SLIDE_DOWN);
  gtk_widget_set_parent (GTK_WIDGET (self->revealer), GTK_WIDGET (self));
  gtk_widget_add_css_class (outer, "file-banner");

  self->spinner = GTK_SPINNER (gtk_spinner_new ());
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->spinner));

  self->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->label, TRUE);
  gtk_label_set_xalign (self->label, 0.0f);
  gtk_label_set_selectable (self->label, TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->label), TRUE);
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->label));

  /* Translators: a button that runs the command `astro sync`; keep the command's name */
  self->run_button = add_button (self, buttons, _("_Run astro sync"),
                                 G_CALLBACK (byline_site_banner_run_button_clicked_cb));
  self->copy_button = add_button (self, buttons, _("_Copy Command"),
                                  G_CALLBACK (byline_site_banner_copy_button_clicked_cb));
  self->cancel_button = add_button (self, buttons, _("_Cancel"),
                                    G_CALLBACK (byline_site_banner_cancel_button_clicked_cb));
  gtk_box_append (GTK_BOX (row), buttons);
  gtk_box_append (GTK_BOX (outer), row);

  self->expander = GTK_EXPANDER (gtk_expander_new_with_mnemonic (_("Astro’s _Output")));
  gtk_expander_set_expanded (self->expander, TRUE);
  /* GTK 4.8 names an expander by nothing of its label. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->expander),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Astro’s Output"),
                                  -1);
  self->output_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_selectable (self->output_label, TRUE);
  gtk_label_set_xalign (self->output_label, 0.0f);
  gtk_label_set_yalign (self->output_label, 0.0f);
  gtk_widget_add_css_class (GTK_WIDGET (self->output_label), "monospace");
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled),
                                  GTK_POLICY_AUTOMATIC, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 200);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->output_label));
  gtk_expander_set_child (self->expander, scrolled);
  gtk_box_append (GTK_BOX (outer), GTK_WIDGET (self->expander));

  gtk_revealer_set_child (self->revealer, outer);
  byline_site_banner_update (self);
}

GtkWidget *
byline_site_banner_new (void)
{
  return g_object_new (BYLINE_TYPE_SITE_BANNER, NULL);
}

/**
 * byline_site_banner_set_site:
 * @self: a banner
 * @site: (nullable): the post's site
 * @collection: (nullable): the collection that takes the post
 *
 * Shows the banner when @site is an Astro site whose schemas are missing
 * or older than its content config and a collection takes the post.
 * A run of `astro sync` for another site stops.
 */
void
byline_site_banner_set_site (BylineSiteBanner *self,
                             BylineSite       *site,
                             const char       *collection)
{
  gboolean same_root;
  g_autofree char *quoted = NULL;

  g_return_if_fail (BYLINE_IS_SITE_BANNER (self));

  same_root = self->site != NULL && site != NULL &&
              g_strcmp0 (byline_site_get_root (self->site), byline_site_get_root (site)) == 0;
  if (!same_root)
    byline_site_banner_cancel (self);

  if (site != NULL)
    byline_site_ref (site);
  g_clear_pointer (&self->site, byline_site_unref);
  self->site = site;
  g_free (self->collection);
  self->collection = g_strdup (collection);
  g_clear_pointer (&self->argv, g_strfreev);
  g_clear_pointer (&self->command, g_free);
  /* A fresh look at the site: a new verdict replaces the last run's. */
  if (!self->running)
    {
      self->synced = FALSE;
      if (!needs_sync (site, collection))
        {
          self->failed = FALSE;
          g_clear_pointer (&self->output, g_free);
        }
    }

  if (site != NULL && byline_site_get_generator (site) == BYLINE_GENERATOR_ASTRO)
    {
      self->argv = byline_site_sync_command (site);
      quoted = g_shell_quote (byline_site_get_root (site));
      self->command = g_strdup_printf (self->argv != NULL ? "cd %s && npx astro sync"
                                                          : "cd %s && npm install && npx astro sync",
                                       quoted);
      if (self->argv != NULL && needs_sync (site, collection) && in_flatpak ())
        byline_site_banner_check_host (self);
    }

  byline_site_banner_update (self);
}

gboolean
byline_site_banner_get_revealed (BylineSiteBanner *self)
{
  g_return_val_if_fail (BYLINE_IS_SITE_BANNER (self), FALSE);

  return gtk_revealer_get_reveal_child (self->revealer);
}

gboolean
byline_site_banner_get_running (BylineSiteBanner *self)
{
  g_return_val_if_fail (BYLINE_IS_SITE_BANNER (self), FALSE);

  return self->running;
}

/**
 * byline_site_banner_get_message:
 *
 * Returns: (nullable): what the banner says, or said last
 */
const char *
byline_site_banner_get_message (BylineSiteBanner *self)
{
  g_return_val_if_fail (BYLINE_IS_SITE_BANNER (self), NULL);

  return self->message;
}

/**
 * byline_site_banner_get_output:
 *
 * Returns: (nullable): the last lines of a failed `astro sync`
 */
const char *
byline_site_banner_get_output (BylineSiteBanner *self)
{
  g_return_val_if_fail (BYLINE_IS_SITE_BANNER (self), NULL);

  return self->output;
}

/**
 * byline_site_banner_get_command:
 *
 * Returns: (nullable): the command line that writes the site's schemas,
 *   as the Copy button copies it
 */
const char *
byline_site_banner_get_command (BylineSiteBanner *self)
{
  g_return_val_if_fail (BYLINE_IS_SITE_BANNER (self), NULL);

  return self->command;
}
