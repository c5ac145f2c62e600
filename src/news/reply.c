/*
 * reply.c — the JSON lines `herald news --control` answers with.
 *
 * DESIGN: built with jansson, so headlines with quotes, control
 * characters or any Unicode still make one valid line of ASCII JSON.  The
 * player's own status object (control_reply_status) is embedded as
 * "article" while an article plays, so a client sees both where it is in
 * the list and where it is in the article.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "base/alloc.h"
#include "news/news.h"

static json_t *str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

char *news_reply_json(const struct news_reply *r)
{
    json_t *o = json_object();
    json_object_set_new(o, "ok", json_true());
    json_object_set_new(o, "command", str_or_null(r->command));
    json_object_set_new(o, "mode", str_or_null(r->mode));
    json_object_set_new(o, "state", str_or_null(r->state));
    json_object_set_new(o, "position", json_integer((json_int_t)r->position));
    json_object_set_new(o, "count", json_integer((json_int_t)r->count));
    json_object_set_new(o, "unread_only", json_boolean(r->unread_only));
    const struct news_entry *e = r->entry;
    json_object_set_new(o, "title", str_or_null(e ? e->title : NULL));
    json_object_set_new(o, "feed", str_or_null(e ? e->feed : NULL));
    json_object_set_new(o, "link", str_or_null(e ? e->link : NULL));
    json_object_set_new(o, "read", e ? json_boolean(e->read) : json_null());
    json_object_set_new(o, "text", str_or_null(r->text));
    json_t *art = r->article_json ? json_loads(r->article_json, 0, NULL) : NULL;
    json_object_set_new(o, "article", art ? art : json_null());
    if (r->move) {
        json_object_set_new(o, "moved", json_boolean(!r->unmoved));
        if (r->unmoved)
            json_object_set_new(o, "reason", json_string(r->unmoved));
    }
    char *s = json_dumps(o, JSON_COMPACT | JSON_ENSURE_ASCII);
    json_decref(o);
    char *copy = xstrdup(s ? s : "{\"ok\":false}");
    free(s);
    return copy;
}
