/*
 * socket.c — the control socket: a UNIX stream socket, one command a line.
 *
 * DESIGN: everything is non-blocking and runs on the main thread's poll()
 * loop; no thread of its own.  Each client has a capped line buffer; a
 * line longer than CONTROL_MAX_LINE is answered with an error and dropped.
 * Replies are written with MSG_NOSIGNAL (a client that went away is not a
 * SIGPIPE) and, being short, in one send; a client that cannot take them
 * is disconnected rather than buffered for.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "base/alloc.h"
#include "control/control.h"

struct client {
    int fd;
    size_t len;
    bool overflow;
    bool nul;           /* the line holds a NUL byte */
    char line[CONTROL_MAX_LINE + 1];
};

struct control {
    int listen_fd;
    char *path;
    struct client clients[CONTROL_MAX_CLIENTS];
};

static void set_nonblock(int fd)
{
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    fcntl(fd, F_SETFD, FD_CLOEXEC);
}

int control_open(const char *path, struct control **out, struct hr_error *err)
{
    struct sockaddr_un sa = {.sun_family = AF_UNIX};
    if (!*path)
        return hr_fail(err, HR_EUSAGE, "--control needs a socket path");
    if (strlen(path) >= sizeof sa.sun_path)
        return hr_fail(err, HR_EUSAGE, "control socket path '%s' is too long",
                       path);
    memcpy(sa.sun_path, path, strlen(path) + 1);

    // A socket file nobody answers on is left over from a crash: replace
    // it.  One that answers belongs to a running herald.
    struct stat st;
    if (lstat(path, &st) == 0) {
        if (!S_ISSOCK(st.st_mode))
            return hr_fail(err, HR_EIO, "'%s' exists and is not a socket", path);
        int probe = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (probe >= 0 && connect(probe, (struct sockaddr *)&sa, sizeof sa) == 0) {
            close(probe);
            return hr_fail(err, HR_EIO, "another herald is listening on '%s'",
                           path);
        }
        if (probe >= 0)
            close(probe);
        unlink(path);
    }
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return hr_fail_errno(err, "cannot make a socket");
    mode_t old = umask(077);
    int rc = bind(fd, (struct sockaddr *)&sa, sizeof sa);
    umask(old);
    if (rc < 0 || listen(fd, SOMAXCONN) < 0) {
        int e = errno;
        close(fd);
        errno = e;
        return hr_fail_errno(err, "cannot listen on '%s'", path);
    }
    set_nonblock(fd);
    struct control *c = xcalloc(1, sizeof *c);
    c->listen_fd = fd;
    c->path = xstrdup(path);
    for (int i = 0; i < CONTROL_MAX_CLIENTS; i++)
        c->clients[i].fd = -1;
    *out = c;
    return 0;
}

size_t control_pollfds(const struct control *c, struct pollfd *fds, size_t max)
{
    size_t n = 0;
    if (n < max)
        fds[n++] = (struct pollfd){.fd = c->listen_fd, .events = POLLIN};
    for (int i = 0; i < CONTROL_MAX_CLIENTS && n < max; i++) {
        if (c->clients[i].fd >= 0)
            fds[n++] = (struct pollfd){.fd = c->clients[i].fd, .events = POLLIN};
    }
    return n;
}

static void drop(struct client *cl)
{
    close(cl->fd);
    cl->fd = -1;
    cl->len = 0;
    cl->overflow = false;
    cl->nul = false;
}

static void reply(struct client *cl, char *text)
{
    size_t len = strlen(text);
    char *line = xmalloc(len + 2);
    memcpy(line, text, len);
    line[len] = '\n';
    ssize_t w = send(cl->fd, line, len + 1, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (w != (ssize_t)(len + 1))
        drop(cl);
    free(line);
    free(text);
}

/* Answer the line gathered in cl. */
static void answer(struct client *cl, char *(*fn)(const char *, void *),
                   void *ctx)
{
    cl->line[cl->len] = '\0';
    if (cl->overflow) {
        reply(cl, control_reply_bad_line(cl->line, "line too long"));
    } else if (cl->nul) {
        // "rate 200\0junk" is not "rate 200": a NUL byte is refused, not
        // taken for the end of the line.
        reply(cl, control_reply_bad_line(cl->line, "the line holds a NUL "
                                         "byte"));
    } else {
        if (cl->len > 0 && cl->line[cl->len - 1] == '\r')
            cl->line[cl->len - 1] = '\0';
        reply(cl, fn(cl->line, ctx));
    }
    cl->len = 0;
    cl->overflow = false;
    cl->nul = false;
}

static void serve(struct client *cl, char *(*fn)(const char *, void *),
                  void *ctx)
{
    char buf[512];
    ssize_t r = recv(cl->fd, buf, sizeof buf, MSG_DONTWAIT);
    if (r == 0 && (cl->len > 0 || cl->overflow || cl->nul)) {
        // A half-close after a last line without its newline: that line
        // is still a command and gets its answer before the client goes.
        answer(cl, fn, ctx);
    }
    if (r == 0 || (r < 0 && errno != EAGAIN && errno != EINTR)) {
        if (cl->fd >= 0)
            drop(cl);
        return;
    }
    for (ssize_t i = 0; i < r && cl->fd >= 0; i++) {
        if (buf[i] == '\n') {
            answer(cl, fn, ctx);
        } else if (buf[i] == '\0') {
            // A space in the line (which stays a C string), and the
            // line is refused as a whole.
            cl->nul = true;
            if (cl->len < CONTROL_MAX_LINE)
                cl->line[cl->len++] = ' ';
        } else if (cl->len < CONTROL_MAX_LINE) {
            cl->line[cl->len++] = buf[i];
        } else {
            cl->overflow = true;
        }
    }
}

void control_handle(struct control *c, const struct pollfd *fds, size_t n,
                    char *(*fn)(const char *line, void *ctx), void *ctx)
{
    for (size_t k = 0; k < n; k++) {
        if (!(fds[k].revents & (POLLIN | POLLHUP | POLLERR)))
            continue;
        if (fds[k].fd == c->listen_fd) {
            int fd = accept(c->listen_fd, NULL, NULL);
            if (fd < 0)
                continue;
            set_nonblock(fd);
            int i = 0;
            while (i < CONTROL_MAX_CLIENTS && c->clients[i].fd >= 0)
                i++;
            if (i == CONTROL_MAX_CLIENTS) {
                close(fd);
                continue;
            }
            c->clients[i].fd = fd;
            continue;
        }
        for (int i = 0; i < CONTROL_MAX_CLIENTS; i++) {
            if (c->clients[i].fd == fds[k].fd) {
                serve(&c->clients[i], fn, ctx);
                break;
            }
        }
    }
}

void control_close(struct control *c)
{
    if (!c)
        return;
    for (int i = 0; i < CONTROL_MAX_CLIENTS; i++) {
        if (c->clients[i].fd >= 0)
            close(c->clients[i].fd);
    }
    close(c->listen_fd);
    unlink(c->path);
    free(c->path);
    free(c);
}
