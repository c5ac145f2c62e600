/*
 * control.h — the one vocabulary of player commands, from keys and from a
 * control socket.
 *
 * Every action has a name ("toggle", "next-sentence", "rate" ...), the
 * same names the control socket takes one a line and that the key map in
 * config.ini binds.  Keys are decoded from the terminal's bytes (arrow
 * keys as escape sequences); the defaults avoid keys screen readers keep
 * for themselves (Insert, CapsLock, the numeric keypad).  The socket
 * answers every line with one line of JSON.  Nothing here prints.
 */
#ifndef HERALD_CONTROL_H
#define HERALD_CONTROL_H

#include <poll.h>
#include <stdbool.h>
#include <stddef.h>

#include "base/error.h"
#include "player/player.h"

/* ---- commands --------------------------------------------------------- */

/* The command's socket name ("next-sentence"). */
const char *control_cmd_name(enum player_cmd cmd);

/*
 * Parse one socket line ("pause", "rate 200").  Returns 0 with *cmd and
 * *arg set, or -1 with *err set (HR_EUSAGE, the message names the bad
 * word).  Leading and trailing white space is ignored.
 */
int control_parse(const char *line, enum player_cmd *cmd, int *arg,
                  struct hr_error *err);

/* ---- keys ------------------------------------------------------------- */

/* Keys: a byte (' ' .. '~'), or one of these for the arrows. */
enum control_key {
    CONTROL_KEY_UP = 0x100,
    CONTROL_KEY_DOWN,
    CONTROL_KEY_RIGHT,
    CONTROL_KEY_LEFT,
    CONTROL_KEY_MAX
};

#define CONTROL_NO_CMD PLAYER_CMD_COUNT

struct control_keymap {
    unsigned char cmd[CONTROL_KEY_MAX];  /* enum player_cmd, or
                                            CONTROL_NO_CMD */
};

/* The default bindings (space/k toggle, arrows and h j l, [ ] ...,
 * q stop). */
void control_keymap_default(struct control_keymap *km);

/*
 * Read a [keys] section from the INI file at path over km: each line is
 * "ACTION = KEY [KEY...]" with ACTION a command name and KEY a character,
 * or space, left, right, up, down, plus, minus.  A listed action loses
 * its default keys.  A missing file is not an error (returns 0).  Returns
 * -1 with HR_EPARSE naming the line for an unknown action or key.
 */
int control_keymap_load(struct control_keymap *km, const char *path,
                        struct hr_error *err);

/* The key's name for spoken help ("space", "right arrow", "k"). */
const char *control_key_name(int key, char *buf, size_t n);

/*
 * Spoken help for the key map: "Space or k: pause or resume. ..." one
 * action after another.  Returns a new string (caller frees).
 */
char *control_help_text(const struct control_keymap *km);

/*
 * Decode keys from terminal bytes.  Feed bytes as they arrive; complete
 * keys go to fn.  A lone ESC (no sequence follows) is dropped.
 */
struct control_keydec {
    unsigned char seq[8];
    size_t len;
};

void control_keydec_feed(struct control_keydec *d, const unsigned char *bytes,
                         size_t n, void (*fn)(int key, void *ctx), void *ctx);

/* ---- the socket ------------------------------------------------------- */

/* Clients at most; more are refused.  A line is at most 1024 bytes and
 * holds no NUL byte (such a line is answered with an error, never cut
 * short and carried out); a last line without a newline is answered
 * when the client half-closes. */
#define CONTROL_MAX_CLIENTS 16
#define CONTROL_MAX_LINE 1024

struct control;

/*
 * Listen on a UNIX socket at path (mode 0600).  A stale socket file
 * nobody listens on is replaced; a live one fails with HR_EIO.  Returns 0
 * and *out, or -1 with *err set.
 */
int control_open(const char *path, struct control **out, struct hr_error *err);

/* Fill up to max pollfds (the listener and the clients); returns how
 * many. */
size_t control_pollfds(const struct control *c, struct pollfd *fds,
                       size_t max);

/*
 * Handle what poll() found on the fds control_pollfds() gave: accept,
 * read lines, and for each complete line call fn, whose returned string
 * (a JSON object, no newline; heap, freed here) is sent back as one line.
 */
void control_handle(struct control *c, const struct pollfd *fds, size_t n,
                    char *(*fn)(const char *line, void *ctx), void *ctx);

/* Close the clients and the listener and remove the socket file. */
void control_close(struct control *c);

/* ---- replies ---------------------------------------------------------- */

/* {"ok":true,"command":NAME,"state":...,"position":{...},"rate":N,
 * "title":...} for a status or a command carried out. */
char *control_reply_status(const char *command, const struct player_status *st);
/* The status reply of a command that may move or change nothing, with
 * "moved":true, or "moved":false and "reason":WORDS when reason is not
 * NULL (player_command() returned 1). */
char *control_reply_moved(const char *command, const struct player_status *st,
                          const char *reason);
/* {"ok":false,"command":NAME or null,"error":MSG} */
char *control_reply_error(const char *command, const char *msg);
/* {"ok":false,"command":WORD,"error":MSG} for a line that is no command:
 * WORD is the line's first word as sent (at most CONTROL_MAX_WORD bytes,
 * "" for an empty line), so a client sees which of its lines failed. */
#define CONTROL_MAX_WORD 40
char *control_reply_bad_line(const char *line, const char *msg);
/* {"ok":true,"command":NAME,"text":TEXT} */
char *control_reply_text(const char *command, const char *text);

#endif /* HERALD_CONTROL_H */
