/*
 * alloc.h — allocation that does not return on failure.
 *
 * herald has nothing sensible to do when malloc fails for the small
 * objects it allocates, so these print "herald: error: out of memory" and
 * exit(1).  Inputs are bounded before they are allocated for (see the
 * limits beside each buffer), so this path is not reachable by bad input.
 */
#ifndef HERALD_BASE_ALLOC_H
#define HERALD_BASE_ALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* Grow an array of nmemb elements of size bytes; overflow is fatal. */
void *xreallocarray(void *p, size_t nmemb, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* A formatted string on the heap; the caller frees it. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* free(*pp) and set *pp to NULL. */
#define HR_FREE(pp) do { free(*(pp)); *(pp) = NULL; } while (0)

#endif /* HERALD_BASE_ALLOC_H */
