/*
 * url.c — making links absolute, and the one rule about schemes.
 *
 * DESIGN: resolution is libxml2's RFC 3986 xmlBuildURI(); where it gives
 * up (spaces, odd characters) the reference is kept as written, which is
 * what a forgiving reader shows.  Only http and https are ever fetched:
 * feed_url_scheme_ok() is the single test that net/, cli/ and the OPML
 * importer share in spirit (net/ repeats it for redirects).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/uri.h>
#include <libxml/xmlmemory.h>

#include "base/alloc.h"
#include "feed/feed.h"

char *feed_url_resolve(const char *base, const char *ref)
{
    if (!ref)
        return NULL;
    while (isspace((unsigned char)*ref))
        ref++;
    size_t n = strlen(ref);
    while (n && isspace((unsigned char)ref[n - 1]))
        n--;
    char *r = xstrndup(ref, n);
    if (!base || !*base)
        return r;
    xmlChar *abs = xmlBuildURI((const xmlChar *)r, (const xmlChar *)base);
    if (!abs)
        return r;
    free(r);
    char *out = xstrdup((const char *)abs);
    xmlFree(abs);
    return out;
}

int feed_url_scheme_ok(const char *url)
{
    if (!url)
        return 0;
    while (isspace((unsigned char)*url))
        url++;
    return strncasecmp(url, "http://", 7) == 0 ||
           strncasecmp(url, "https://", 8) == 0;
}
