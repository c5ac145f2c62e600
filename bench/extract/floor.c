/*
 * floor.c — the speed floor for extraction: read each page, parse it with
 * libxml2's HTML parser (the options herald uses) and walk every node once,
 * counting text bytes.  Nothing smarter can be faster than this in C with
 * libxml2, so herald's time is reported as a multiple of it.
 *
 *   cc -O2 floor.c $(pkg-config --cflags --libs libxml-2.0) -o floor
 *   ./floor FILE...
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>

static void quiet(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

int main(int argc, char **argv)
{
    xmlSetGenericErrorFunc(NULL, quiet);
    unsigned long total = 0;
    for (int i = 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        if (!f)
            continue;
        fseek(f, 0, SEEK_END);
        long n = ftell(f);
        fseek(f, 0, SEEK_SET);
        char *data = malloc((size_t)n + 1);
        if (!data || fread(data, 1, (size_t)n, f) != (size_t)n) {
            fclose(f);
            free(data);
            continue;
        }
        fclose(f);
        htmlDocPtr doc = htmlReadMemory(data, (int)n, NULL, "UTF-8",
                                        HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                                        HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
        free(data);
        if (!doc)
            continue;
        xmlNode *top = xmlDocGetRootElement(doc);
        for (xmlNode *x = top; x;) {
            if (x->type == XML_TEXT_NODE && x->content)
                total += strlen((const char *)x->content);
            if (x->type == XML_ELEMENT_NODE && x->children) {
                x = x->children;
                continue;
            }
            while (x && x != top && !x->next)
                x = x->parent;
            if (!x || x == top)
                break;
            x = x->next;
        }
        xmlFreeDoc(doc);
    }
    printf("%lu text bytes\n", total);
    return 0;
}
