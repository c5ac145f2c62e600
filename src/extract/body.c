/*
 * body.c — find the story's container and read it in order.
 *
 * DESIGN: three passes over the tree, each an iterative walk (the tree's
 * own pointers plus explicit stacks capped at EXTRACT_MAX_DEPTH):
 *
 *   1. flags: furniture by tag (script, nav, aside, footer, form
 *      controls...), by ARIA role, by hiding (hidden, aria-hidden,
 *      display:none) and by class/id vocabulary (share, related,
 *      newsletter, cookie, comments, ads...), unless the element holds
 *      most of the page's paragraphs or names itself the article body;
 *   2. statistics, bottom-up: characters of text and of link text, <p>
 *      count, and for every block its weight as prose:
 *
 *          long or punctuated text, few links   +chars * (1 - 2 * link density)
 *          mostly links                         -chars
 *          short, unpunctuated                  -0.3 * chars
 *          furniture subtree                    -0.5 * chars
 *
 *      summed over subtrees;
 *   3. the container is the element with the largest sum (the deepest one
 *      on a tie): it gathers every prose block and pays for each piece of
 *      furniture it would take with it, so an article split by an ad slot
 *      is still one container while a page wrapper full of link lists is
 *      not; when an <article>/<main>/schema.org Article inside it holds
 *      the headline and prose of its own, that element is the container
 *      (teasers beside the story stay out).  Inside it, each run of inline
 *      text between block boundaries becomes one segment whose role comes
 *      from its nearest block (h1-h6 heading, li list item, blockquote
 *      quote, data-table cell, figcaption caption, text repeating an
 *      image's alt); runs that are mostly links or stock lines
 *      (phrase.c: furniture, "Related" heads and what they list, dates,
 *      promotions) are dropped.
 *
 * One block cannot take the story's place: a winner that does not hold
 * the headline gives way to the story element right after it; one of
 * several same-class sections gives way to their parent; a winner with
 * fewer than three paragraphs gives way to paragraphs elsewhere that
 * hold twice its prose (any two, when it is a stock notice or an
 * embed); and when the story so
 * read holds little of the page's prose, or disagrees with the page's
 * JSON-LD articleBody, a second, lenient reading (only never-prose tags
 * left out) is compared with it and the more plausible kept.
 *
 * No site names anywhere: only tags, attributes, text and link density,
 * structure and position.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include <unicode/uscript.h>

#include "base/alloc.h"
#include "base/utf8.h"
#include "extract/extract_internal.h"

enum {
    NF_HAS_TABLE = 1 << 12,     /* a <table> below */
    NF_PUSHED = 1 << 13,        /* pushed on the walk's block stack */
    NF_HARD = 1 << 14,          /* furniture by tag or hiding: not counted */
    NF_CREDIT = 1 << 15,        /* a photo credit inside a caption */
    NF_KEEP = 1 << 16,          /* names itself the article body */
    NF_HAS_KEEP = 1 << 17,      /* ... or holds such an element */
    NF_ALT_SEEN = 1 << 18,      /* its next siblings were compared with
                                   an image's alt text */
    NF_ITEM_TITLE = 1 << 19,    /* the linked title of a round-up's item */
    NF_HOLDS_HEAD = 1 << 20,    /* the headline or one of its ancestors */
    NF_HAS_H1 = 1 << 21,        /* an <h1> or one of its ancestors */
    NF_OPENING = 1 << 22,       /* the text's opening paragraph, outside
                                   the container: read before it */
};

/* ---- pass 1: furniture ---------------------------------------------- */

static bool hard_tag(const xmlNode *n)
{
    static const char *const tags[] = {
        "script", "style", "noscript", "template", "iframe", "svg", "canvas",
        "object", "embed", "button", "input", "select", "textarea",
        "option", "label", "link", "meta", "head", "title", "dialog", "audio",
        "video", "source", "track", "map", "math",
        // Ruby annotations: the reading of a word printed above it
        // ("子<rt>こ</rt>ども"), which would be read twice.
        "rt", "rp", NULL,
    };
    return dom_is_any(n, tags);
}

/* Tags whose content is never prose, whatever the page: the lenient
 * reading of the second opinion keeps only these out. */
static bool never_text_tag(const xmlNode *n)
{
    static const char *const tags[] = {
        "script", "style", "noscript", "template", "svg", "canvas", "object",
        "embed", "head", "title", "meta", "link", "math", "audio", "video",
        "source", "track", "map", "iframe", "select", "option", "textarea",
        "input", "rt", "rp", NULL,
    };
    return dom_is_any(n, tags);
}

static bool furniture_tag(const xmlNode *n)
{
    return dom_is(n, "nav") || dom_is(n, "aside") || dom_is(n, "footer") ||
           dom_is(n, "menu");
}

static bool hidden(const xmlNode *n)
{
    char v[256];
    if (dom_attr(n, "hidden", v, sizeof v))
        return true;
    if (dom_attr(n, "aria-hidden", v, sizeof v) && strcasecmp(v, "true") == 0)
        return true;
    if (dom_attr(n, "style", v, sizeof v)) {
        for (char *p = v; *p; p++)
            *p = (char)tolower((unsigned char)*p);
        char *q = v, *w = v;
        for (; *q; q++)
            if (*q != ' ')
                *w++ = *q;
        *w = '\0';
        if (strstr(v, "display:none") || strstr(v, "visibility:hidden"))
            return true;
    }
    // Webflow hides an element whose CMS condition is false by this
    // class, on every screen size.
    if (dom_attr(n, "class", v, sizeof v))
        for (char *t = v, *save = NULL; (t = strtok_r(t, " \t\r\n", &save)); t = NULL)
            if (strcmp(t, "w-condition-invisible") == 0)
                return true;
    return false;
}

/* The first of the first `limit` elements below n that want() accepts, or
 * NULL.  The look is bounded: a button of thousands of elements holds no
 * label. */
static xmlNode *find_below(xmlNode *n, int limit, bool (*want)(const xmlNode *))
{
    int seen = 0;
    for (xmlNode *k = n->children; k && seen < limit; k = dom_next(k, n))
        if (k->type == XML_ELEMENT_NODE) {
            seen++;
            if (want(k))
                return k;
        }
    return NULL;
}

/* A control: a <button>, or any element playing one (role=button, "<div
 * role="button">Show picture Hide picture</div>"); its words are a label. */
static bool button(const xmlNode *n)
{
    char v[16];
    return dom_is(n, "button") ||
           (dom_attr(n, "role", v, sizeof v) && strcasecmp(v, "button") == 0);
}

/* A button that opens and closes a part of the page. */
static bool expander(const xmlNode *n)
{
    char v[8];
    return button(n) && dom_attr(n, "aria-expanded", v, sizeof v);
}

/* An accordion's button (the WAI-ARIA pattern: <h3><button aria-expanded>
 * Question</button></h3>, or a button holding the heading): its text is
 * the section's head, not a control's label. */
static bool accordion_button(xmlNode *n)
{
    if (!button(n))
        return false;
    const xmlNode *up = n->parent;
    for (int k = 0; k < 2 && up && up->type == XML_ELEMENT_NODE; k++, up = up->parent)
        if (dom_is_heading(up))
            return true;
    return find_below(n, 24, dom_is_heading) != NULL;
}

/* The question of an accordion made without script: a <label> right
 * after the checkbox (or radio button) it ticks, with the panel that the
 * box shows after it ("<input type=checkbox id=q1><label for=q1>How much
 * does it cost?</label><div>...</div>").  Other labels name a form's
 * fields and are not read. */
static bool disclosure_label(xmlNode *n)
{
    if (!dom_is(n, "label"))
        return false;
    xmlNode *box = xmlPreviousElementSibling(n);
    char type[16];
    if (!box || !dom_is(box, "input") || !dom_attr(box, "type", type, sizeof type) ||
        (strcasecmp(type, "checkbox") != 0 && strcasecmp(type, "radio") != 0))
        return false;
    xmlNode *panel = xmlNextElementSibling(n);
    return panel && !dom_is(panel, "input") && !dom_is(panel, "label");
}

/* A collapsed accordion's panel: hidden, right after the heading (or the
 * button) that opens it, which carries aria-expanded.  What it holds is
 * the page's text, folded away, not furniture. */
static bool accordion_panel(xmlNode *n)
{
    xmlNode *s = xmlPreviousElementSibling(n);
    if (!s)
        return false;
    if (button(s))
        return expander(s) && find_below(s, 24, dom_is_heading);
    return dom_is_heading(s) && find_below(s, 8, expander);
}

/* The one element child of n, when n holds nothing else but spaces. */
static const xmlNode *only_child(const xmlNode *n)
{
    const xmlNode *one = NULL;
    for (const xmlNode *k = n->children; k; k = k->next) {
        if (k->type == XML_ELEMENT_NODE) {
            if (one)
                return NULL;
            one = k;
        } else if (k->type == XML_TEXT_NODE && k->content) {
            for (const xmlChar *c = k->content; *c; c++)
                if (!isspace(*c))
                    return NULL;
        }
    }
    return one;
}

/* The text of a mark (a note's number, a heading's "¶"), trimmed: *s and
 * *len within t.  A mark is a few nodes and characters; false when n
 * holds more, so the look is bounded and nested marks do not make it
 * quadratic. */
#define MARK_MAX 48

static bool mark_text(const xmlNode *n, char t[MARK_MAX], const char **s, size_t *len)
{
    size_t l = 0, nodes = 0;
    for (xmlNode *k = n->children; k; k = dom_next(k, n)) {
        if (++nodes > 6)
            return false;
        if (k->type == XML_TEXT_NODE && k->content) {
            size_t m = strnlen((const char *)k->content, MARK_MAX);
            if (l + m >= MARK_MAX)
                return false;
            memcpy(t + l, k->content, m);
            l += m;
        }
    }
    const char *p = t;
    while (l && isspace((unsigned char)*p))
        p++, l--;
    while (l && isspace((unsigned char)p[l - 1]))
        l--;
    *s = p;
    *len = l;
    return true;
}

/* A note's reference mark: a link to a place on the same page ("#cite_
 * note-4") that is a short mark, "4", "[4]", "[a]", "[citation needed]",
 * raised in a <sup> (<sup><a>1</a></sup> or <a><sup>1</sup></a>) or
 * bracketed.  Read aloud it is noise ("... for years. two").  A <sup>
 * that is no such link ("m<sup>2</sup>") is text. */
static bool note_ref(const xmlNode *n)
{
    const xmlNode *a = NULL;
    bool raised = false;
    if (dom_is(n, "sup")) {
        a = only_child(n);
        raised = true;
    } else if (dom_is(n, "a")) {
        a = n;
        const xmlNode *c = only_child(n);
        raised = c && dom_is(c, "sup") && !only_child(c);
    }
    // The note is on the same page: "#cite_note-4", or, in a saved copy
    // of the page, "https://example.org/page#cite_note-4" (then the mark
    // must be both raised and bracketed).
    char href[512];
    if (!a || !dom_is(a, "a") || !dom_attr(a, "href", href, sizeof href))
        return false;
    bool local = href[0] == '#' && href[1];
    if (!local && !strchr(href, '#'))
        return false;
    char t[MARK_MAX];
    const char *s;
    size_t len;
    if (!mark_text(n, t, &s, &len))
        return false;
    bool bracketed = len >= 3 && ((s[0] == '[' && s[len - 1] == ']') ||
                                  (s[0] == '(' && s[len - 1] == ')'));
    if (bracketed)
        s++, len -= 2;
    // Digits with a letter or two ("12", "3a"), a letter ("b"), or, in
    // brackets, a few words ("note 2", "citation needed").
    size_t digits = 0, letters = 0, spaces = 0;
    bool other = false;
    for (size_t k = 0; k < len; k++) {
        unsigned char c = (unsigned char)s[k];
        if (isdigit(c))
            digits++;
        else if (isalpha(c))
            letters++;
        else if (c == ' ' || c == '-')
            spaces++;
        else
            other = true;
    }
    bool mark = len > 0 && !other &&
                ((digits >= 1 && digits <= 3 && letters <= 2 && !spaces) ||
                 (!digits && letters == 1) ||
                 (bracketed && len <= 24 && spaces <= 2));
    return mark && (local ? raised || bracketed : raised && bracketed);
}

/* A heading's link to itself, shown on hover: "#", "¶", "§", "🔗" or
 * "#section2" after the heading's words, with an href to a place on the
 * same page (Sphinx's headerlink, a blog's bookmark).  Read aloud it
 * says "number sign" after every heading.  Its text is read as a mark's
 * (mark_text()). */
static bool self_anchor(const xmlNode *n)
{
    if (!dom_is(n, "a"))
        return false;
    const xmlNode *h = n->parent;
    for (int k = 0; h && k < 3 && !dom_is_heading(h); k++)
        h = h->parent;
    char href[8];
    if (!h || !dom_is_heading(h) || !dom_attr(n, "href", href, sizeof href) ||
        href[0] != '#' || !href[1])
        return false;
    char t[MARK_MAX];
    const char *s;
    size_t len;
    if (!mark_text(n, t, &s, &len) || !len)
        return false;
    if (s[0] == '#' && !memchr(s, ' ', len))
        return true;
    for (int32_t k = 0; k < (int32_t)len;) {
        UChar32 c;
        U8_NEXT(s, k, (int32_t)len, c);
        if (c < 0 || u_isalnum(c))
            return false;
    }
    return true;
}

static bool furniture_role(const xmlNode *n)
{
    static const char *const roles[] = {
        "navigation", "banner", "contentinfo", "complementary", "dialog",
        "alert", "alertdialog", "search", "menu", "menubar", "toolbar",
        "tablist", NULL,
    };
    char v[64];
    if (!dom_attr(n, "role", v, sizeof v))
        return false;
    for (const char *const *r = roles; *r; r++)
        if (strcasecmp(v, *r) == 0)
            return true;
    return false;
}

/* Words in class or id that mark furniture. Five letters or more match
 * inside a token ("social-links", "articleRelated"); shorter ones must be
 * whole tokens ("ad", not "head"). */
static const char *const junk_words[] = {
    "share", "sharing", "social", "related", "newsletter",
    "promo", "sponsor", "advert", "adslot",
    "ad-slot", "ad-container", "ad-wrapper", "adwrapper", "adunit",
    "ad-unit", "ad-label", "dfp", "gpt-ad", "outbrain", "taboola",
    "breadcrumb", "subscribe", "subscription", "signup", "sign-up",
    "popup", "modal", "sidebar", "recommend", "trending", "popular",
    "most-read", "mostread", "skip-link", "skiplink", "skip-to",
    "breaking", "masthead", "footer", "navbar", "navigation", "menu",
    "toolbar", "tag-list", "taglist", "keywords", "topics", "pagination",
    "pager", "read-more", "readmore", "more-stories", "also-read",
    "see-also", "next-article", "prev-article", "paywall", "login",
    "widget", "banner", "sr-only", "visually-hidden",
    "visuallyhidden", "screen-reader", "print-only",
    "bio-box", "infobox", "inline-link", "recirc", "newsfeed",
    "ad", "ads", "nav", "tags", "tag", "rss", "bio", "cta",
    "tools", "share", "meta", "icon", "byline", "dateline", "timestamp",
    "date", "time", "credit", "copyright", "caption-credit",
    "editsection", "post-edit-link",
    // A post's meta data under it ("This entry was posted on … and is
    // filed under …", "Der Beitrag wurde am … veröffentlicht"); not a
    // "post-meta" line, which heads a post with its byline.
    "postmetadata", "entry-footer",
    // A form's challenge ("Bitte geben Sie die Zahlenfolge … ein").
    "captcha", "recaptcha",
    // A form's messages, shown by a script after it is sent.
    "w-form-done", "w-form-fail", "success-message", "error-message",
    "form-success", "form-error", "form-fail", NULL,
};

/* Words that name the story's body: an element with one is never dropped
 * by its vocabulary. */
static const char *const body_words[] = {
    "articlebody", "article-body", "article_body", "story-body",
    "storybody", "entry-content", "post-content", "article-content",
    "articlecontent", "story-content", "post-body", "article-text",
    "articletext", "story-text", "body-text", "content-body",
    "main-content", "article__body", "article__content", "story__body",
    "c-entry-content", "rich-text", "post-entry", NULL,
};

/* Words that name a cookie or consent notice: furniture, and a notice
 * that no word of body_words inside its class makes the story
 * ("moove-gdpr-tab-main-content" is the notice's own text). */
static const char *const consent_words[] = {"cookie", "consent", "gdpr", NULL};

/* Words that name readers' comments: furniture, which the lenient reading
 * reads only when the strict one found no text of the story's own. */
static const char *const comment_words[] = {"comment", "disqus", NULL};

static bool in_caption(const xmlNode *n)
{
    for (int k = 0; n && k < 6; k++, n = n->parent)
        if (dom_is(n, "figcaption") || dom_is(n, "figure"))
            return true;
    return false;
}

/* Does the element say by schema.org microdata that it is a picture's
 * credit or copyright (itemprop copyrightHolder, creditText,
 * copyrightNotice)? */
static bool credit_prop(const xmlNode *n)
{
    char v[40];
    return dom_attr(n, "itemprop", v, sizeof v) &&
           (strcasecmp(v, "copyrightHolder") == 0 || strcasecmp(v, "creditText") == 0 ||
            strcasecmp(v, "copyrightNotice") == 0);
}

static const char *const credit_words[] = {
    "credit", "copyright", "source", "photographer", "author", "byline", NULL,
};
static const char *const caption_words[] = {"caption", NULL};
/* A caption in German, Spanish and Italian newsrooms' class names: words
 * that, unlike "caption", name nothing but a picture's caption. */
static const char *const picture_caption_words[] = {
    "bildunterschrift", "bilduntertitel", "bildtext", "pie-de-foto",
    "piedefoto", "didascalia", NULL,
};
/* The standfirst's words: the newsroom's names for display copy beside
 * the story, generic names for a summary (display copy in the story's
 * head, the text's first paragraph in its text: see standfirst_in_text()),
 * and names of the text's opening (see opening_named()). */
static const char *const standfirst_display[] = {
    "standfirst", "dek", "deck", "subtitle", "sub-title", "subhead",
    "strapline", NULL,
};
static const char *const standfirst_summary[] = {
    "summary", "excerpt", "abstract", "description", NULL,
};
static const char *const standfirst_opening[] = {
    "teaser", "intro", "chapo", "sapo", "lede", "article-lead",
    "lead-text", NULL,
};
static const char *const byline_words[] = {
    "byline", "author", "dateline", "writtenby", "p-author", NULL,
};
/* An author's box beside or after the story: the name, a photo and a
 * biography ("Über Kathrin: Hallo, ich bin Foodbloggerin …").  Read after
 * the story as its credits, never as more of it (see author_box()). */
static const char *const author_box_words[] = {
    "author-box", "authorbox", "author_box", "author-info", "authorinfo",
    "author_info", "author-bio", "author_bio", "authorbio", "author-profile",
    "authorprofile", "author-card", "author-block", "author-description",
    "about-author", "about-the-author", "about_the_author",
    // WordPress's Starbox plugin ("Author Recent Posts NAME …").
    "abh_box", NULL,
};

/* A page builder calls each of its blocks a widget, the story's text
 * too: Elementor's "elementor-widget elementor-widget-text-editor".  When
 * the block's type is one that holds the page's text, that word names the
 * builder, not a sidebar's widget; a block of another type (a list of
 * posts, a call to action, a form) is still a widget.  The wrapper inside
 * every block ("elementor-widget-container") is what its block is. */
static bool builder_text_block(const char *ci)
{
    static const char *const types[] = {
        "text-editor", "heading", "theme-post-content", "accordion",
        "toggle", "tabs", "image", NULL,
    };
    static const char prefix[] = "elementor-widget-";
    for (const char *p = ci; (p = strstr(p, prefix)) != NULL; p++) {
        const char *t = p + sizeof prefix - 1;
        for (const char *const *k = types; *k; k++) {
            size_t m = strlen(*k);
            if (strncmp(t, *k, m) == 0 && (t[m] == '\0' || isspace((unsigned char)t[m])))
                return true;
        }
    }
    return false;
}

/* A class token that denies a word ("non-paywall", "no-ads", "not-ad")
 * says the element is NOT that: such tokens are blanked out before the
 * vocabulary is matched, and so is a page builder's "elementor-widget"
 * where it names no widget (builder_text_block()). */
static void drop_denials(const char *in, char *out, size_t n_out)
{
    static const char *const neg[] = {"non-", "non_", "no-", "no_",
                                      "not-", "not_", NULL};
    static const char builder[] = "elementor-widget";
    static const char wrapper[] = "elementor-widget-container";
    bool text_block = builder_text_block(in);
    size_t o = 0;
    for (const char *t = in; *t && o + 1 < n_out;) {
        bool start = t == in || isspace((unsigned char)t[-1]);
        // The wrapper inside every block is what its block is.
        if (start && (text_block || strncmp(t, wrapper, sizeof wrapper - 1) == 0) &&
            strncmp(t, builder, sizeof builder - 1) == 0) {
            t += sizeof builder - 1;
            continue;
        }
        bool denied = false;
        for (const char *const *g = neg; start && *g && !denied; g++)
            denied = strncmp(t, *g, strlen(*g)) == 0;
        if (denied) {
            while (*t && !isspace((unsigned char)*t))
                t++;
            continue;
        }
        out[o++] = *t++;
    }
    out[o] = '\0';
}

/* The vocabularies and the hint each gives. */
static const struct {
    const char *const *words;
    uint32_t hint;
} hint_lists[] = {
    {body_words, HINT_BODY},         {junk_words, HINT_JUNK},
    {consent_words, HINT_JUNK | HINT_CONSENT},
    {comment_words, HINT_JUNK | HINT_COMMENTS},
    {credit_words, HINT_CREDIT},     {caption_words, HINT_CAPTION},
    {picture_caption_words, HINT_CAPTION},
    {standfirst_display, HINT_STANDFIRST}, {standfirst_summary, HINT_STANDFIRST},
    {standfirst_opening, HINT_STANDFIRST}, {byline_words, HINT_BYLINE},
    {author_box_words, HINT_AUTHOR_BOX},
};

/* Every word of every vocabulary, filed under a hash of its first two
 * bytes, so that a class string is read once, each place in it compared
 * only with the few words that may start there (the same test as
 * dom_hint_has() on each list, which searched the string once per word).
 * A one-byte word is filed under its byte and a NUL. */
#define HINT_WORDS 256
#define HINT_BUCKETS 1024

struct hint_words {
    struct hint_word {
        const char *w;
        uint8_t len;
        uint32_t hint;
        int16_t next;       /* next word in the same bucket, or -1 */
    } word[HINT_WORDS];
    int16_t first[HINT_BUCKETS];   /* first word of each bucket, or -1 */
    bool one_byte;                 /* some word has one byte */
};

static unsigned hint_bucket(unsigned char a, unsigned char b)
{
    return (a * 31u + b) % HINT_BUCKETS;
}

static void hint_words_init(struct hint_words *hw)
{
    memset(hw->first, -1, sizeof hw->first);
    hw->one_byte = false;
    size_t k = 0;
    for (size_t l = 0; l < sizeof hint_lists / sizeof hint_lists[0]; l++)
        for (const char *const *w = hint_lists[l].words; *w; w++) {
            if (k >= HINT_WORDS)
                HR_BUG("more than %d class/id words", HINT_WORDS);
            const unsigned char *u = (const unsigned char *)*w;
            unsigned b = hint_bucket(u[0], u[0] ? u[1] : 0);
            hw->one_byte |= u[0] && !u[1];
            hw->word[k] = (struct hint_word){*w, (uint8_t)strlen(*w),
                                             hint_lists[l].hint, hw->first[b]};
            hw->first[b] = (int16_t)k++;
        }
}

/* Does the class token around p start as a blog's taxonomy class does,
 * "tag-" or "category-"? */
static bool taxonomy_token(const char *ci, const char *p)
{
    const char *t = p;
    while (t > ci && !isspace((unsigned char)t[-1]))
        t--;
    return strncmp(t, "tag-", 4) == 0 || strncmp(t, "category-", 9) == 0;
}

/* Does the class list a post's own classes, as WordPress's post_class()
 * writes them: "hentry", or "type-post" beside "status-publish"?  Its
 * "tag-…" and "category-…" tokens then name the post's tags, not a list
 * of tags. */
static bool post_classes(const char *ci)
{
    bool type = false, status = false;
    for (const char *t = ci; *t;) {
        while (*t && isspace((unsigned char)*t))
            t++;
        size_t m = 0;
        while (t[m] && !isspace((unsigned char)t[m]))
            m++;
        if ((m == 6 && strncmp(t, "hentry", 6) == 0) ||
            (m == 7 && strncmp(t, "h-entry", 7) == 0))
            return true;
        type |= m > 5 && strncmp(t, "type-", 5) == 0;
        status |= m > 7 && strncmp(t, "status-", 7) == 0;
        t += m;
    }
    return type && status;
}

static uint32_t hints_in_bucket(const struct hint_words *hw, unsigned b,
                                const char *ci, const char *p, uint32_t h,
                                bool post)
{
    for (int k = hw->first[b]; k >= 0; k = hw->word[k].next) {
        const struct hint_word *w = &hw->word[k];
        if ((h & w->hint) == w->hint || strncmp(p, w->w, w->len) != 0)
            continue;
        // A post's own taxonomy ("category-cookies", "tag-gdpr") names
        // what it is about, not a notice; in a post's own classes, not
        // anything at all ("tag-silhouette" is no list of tags).
        if ((post || (w->hint & HINT_CONSENT)) && taxonomy_token(ci, p))
            continue;
        // "tools" names a row of share or print buttons, but ends other
        // words: Drupal's "block-ctools-block" holds stories.
        bool word_start = p == ci || !isalpha((unsigned char)p[-1]);
        if ((w->len >= 5 && (word_start || strcmp(w->w, "tools") != 0)) ||
            ((p == ci || !isalnum((unsigned char)p[-1])) &&
             !isalnum((unsigned char)p[w->len])))
            h |= w->hint;
    }
    return h;
}

/* The hints of one lower-cased class or id value: a word of five letters
 * or more counts anywhere, a shorter one only as a whole token. */
static uint32_t hints_of_text(const struct hint_words *hw, const char *raw)
{
    char ci[800];
    drop_denials(raw, ci, sizeof ci);
    uint32_t h = 0;
    bool post = post_classes(ci);
    for (const unsigned char *p = (const unsigned char *)ci; *p; p++) {
        h = hints_in_bucket(hw, hint_bucket(p[0], p[1]), ci, (const char *)p, h, post);
        if (hw->one_byte && p[1])
            h = hints_in_bucket(hw, hint_bucket(p[0], 0), ci, (const char *)p, h, post);
    }
    return h;
}

/* Pages repeat a few class strings over thousands of elements, so the
 * hints of each distinct string are kept for the page (open addressing;
 * when the table is full, the rest are computed each time: bounded memory
 * either way).  An id names one element: it is matched, not kept. */
#define HINT_SLOTS 4096

struct hint_memo {
    struct hint_words words;
    char *key[HINT_SLOTS];
    uint32_t hints[HINT_SLOTS];
    size_t used;
};

static void lower(char *s)
{
    for (; *s; s++)
        *s = (char)tolower((unsigned char)*s);
}

static uint32_t class_hints(struct hint_memo *memo, const char *ci)
{
    uint32_t hash = 2166136261u;
    for (const char *c = ci; *c; c++)
        hash = (hash ^ (unsigned char)*c) * 16777619u;
    size_t k = hash % HINT_SLOTS;
    for (size_t probe = 0; probe < 16; probe++, k = (k + 1) % HINT_SLOTS) {
        if (!memo->key[k]) {
            uint32_t h = hints_of_text(&memo->words, ci);
            if (memo->used < HINT_SLOTS / 2) {
                memo->key[k] = xstrdup(ci);
                memo->hints[k] = h;
                memo->used++;
            }
            return h;
        }
        if (strcmp(memo->key[k], ci) == 0)
            return memo->hints[k];
    }
    return hints_of_text(&memo->words, ci);
}

/* A heading's id made from its own words, as an anchor to link to
 * ("1-2-when-is-the-best-time-to-go-to-japan-"): three words or more
 * joined by "-" or "_".  It names the text, not a part of the page, so its
 * words ("time", "share") say nothing of furniture. */
static bool slug_anchor(const xmlNode *n, const char *id)
{
    if (!dom_is_heading(n))
        return false;
    int joins = 0;
    for (const char *c = id; *c; c++)
        if ((*c == '-' || *c == '_') && c > id && isalnum((unsigned char)c[-1]))
            joins++;
    return joins >= 2;
}

/* An id that spells the element's own text, its words joined by "_" or
 * "-" (MediaWiki's <span class="mw-headline" id="Eich_CEO_promotion_
 * controversy">): it names the text, not a part of the page.  Letters and
 * digits are compared one by one, each text node's from its start, so
 * the cost is the id's length (and sixteen nodes at most), never the
 * text's. */
static bool id_spells_text(const xmlNode *n, const char *id)
{
    const unsigned char *c = (const unsigned char *)id;
    size_t matched = 0;
    int nodes = 0;
    for (const xmlNode *t = n->children; t; t = dom_next((xmlNode *)t, n)) {
        if (++nodes > 16)
            return false;
        if (t->type != XML_TEXT_NODE || !t->content)
            continue;
        for (const unsigned char *s = t->content; *s; s++) {
            if (*s < 0x80 && !isalnum(*s))
                continue;
            while (*c && *c < 0x80 && !isalnum(*c))
                c++;
            if (!*c || (unsigned char)tolower(*s) != *c)
                return false;
            c++;
            matched++;
        }
    }
    while (*c && *c < 0x80 && !isalnum(*c))
        c++;
    return !*c && matched >= 6;
}

/* The words of class and id: no word spans the two (none holds a space),
 * so those of each are found alone. */
static uint32_t hints_of(const xmlNode *n, struct hint_memo *memo)
{
    if (!n->properties)
        return 0;
    char cls[512], id[256];
    uint32_t h = 0;
    if (dom_attr(n, "class", cls, sizeof cls) && cls[0]) {
        lower(cls);
        h |= class_hints(memo, cls);
    }
    if (dom_attr(n, "id", id, sizeof id) && id[0]) {
        lower(id);
        if (!slug_anchor(n, id) && !id_spells_text(n, id))
            h |= hints_of_text(&memo->words, id);
    }
    return h;
}

/* Marks each <h1> and its ancestors (each element once). */
static void mark_h1(struct page *p)
{
    for (xmlNode *n = p->root; n; n = dom_next(n, p->root)) {
        if (!dom_is(n, "h1"))
            continue;
        for (xmlNode *u = n; u && u->type == XML_ELEMENT_NODE && u->_private &&
                             !(ni(u)->flags & NF_HAS_H1);
             u = u->parent)
            ni(u)->flags |= NF_HAS_H1;
    }
}

/* An element that names itself a cookie or consent notice and holds no
 * <h1>: a notice never holds the page's title, and a story or a post
 * that a blog files under "cookies" usually does. */
static bool consent_notice(const xmlNode *n)
{
    return (ni(n)->hints & HINT_CONSENT) && !(ni(n)->flags & NF_HAS_H1);
}

/* Pre-order walk: set NF_HARD|NF_JUNK on tag/role/hidden furniture. */
static void flag_hard(struct page *p)
{
    xmlNode *top = p->root;
    mark_h1(p);
    struct hint_memo *memo = xcalloc(1, sizeof *memo);
    hint_words_init(&memo->words);
    for (xmlNode *n = top; n;) {
        if (n->type == XML_ELEMENT_NODE) {
            struct ninfo *i = ni(n);
            if ((p->lenient ? never_text_tag(n)
                            : ((hard_tag(n) || button(n)) && !accordion_button(n) &&
                               !disclosure_label(n)) ||
                              (hidden(n) && !accordion_panel(n))) ||
                note_ref(n) || self_anchor(n)) {
                i->flags |= NF_HARD | NF_JUNK | NF_HIDDEN;
                n = dom_next_skip(n, top);
                continue;
            }
            i->hints = hints_of(n, memo);
            // A cookie or consent notice is never the story, in the
            // lenient reading too (<body>'s class is the page's state).
            if (p->lenient && (consent_notice(n) ||
                               (p->lenient_comments && (i->hints & HINT_COMMENTS) &&
                                !(p->headline && dom_contains(n, p->headline)))) &&
                !dom_is(n, "body") && !dom_is(n, "html")) {
                i->flags |= NF_HARD | NF_JUNK | NF_HIDDEN;
                n = dom_next_skip(n, top);
                continue;
            }
            // An inline caption (<span class="caption">) is a block of
            // its own, so its text is read as a caption.
            if (dom_is_block(n) || ((i->hints & HINT_CAPTION) &&
                                    !(i->hints & HINT_CREDIT) && !dom_is(n, "a")))
                i->flags |= NF_BLOCK;
            char ip[64];
            if (((i->hints & HINT_BODY) && !consent_notice(n)) ||
                (dom_attr(n, "itemprop", ip, sizeof ip) &&
                 strcasecmp(ip, "articleBody") == 0))
                i->flags |= NF_KEEP | NF_HAS_KEEP;
        }
        n = dom_next(n, top);
    }
    for (size_t k = 0; k < HINT_SLOTS; k++)
        free(memo->key[k]);
    free(memo);
}

/* ---- pass 2: statistics ---------------------------------------------- */

struct walk {
    xmlNode **stack;        /* open blocks */
    size_t depth, cap;
    uint32_t links;         /* open <a href> elements */
};

static void push_block(struct walk *w, xmlNode *n)
{
    if (w->depth >= EXTRACT_MAX_DEPTH)
        return;
    if (w->depth == w->cap) {
        w->cap = w->cap ? 2 * w->cap : 64;
        w->stack = xreallocarray(w->stack, w->cap, sizeof *w->stack);
    }
    w->stack[w->depth++] = n;
    ni(n)->flags |= NF_PUSHED;
}

static void pop_block(struct walk *w, xmlNode *n)
{
    if (ni(n)->flags & NF_PUSHED) {
        ni(n)->flags &= ~(uint32_t)NF_PUSHED;
        w->depth--;
    }
}

static bool is_link(const xmlNode *n)
{
    char v[8];
    return dom_is(n, "a") && dom_attr(n, "href", v, sizeof v);
}

static uint32_t count_punct(const char *s)
{
    uint32_t c = 0;
    for (; *s; s++)
        if (*s == '.' || *s == '!' || *s == '?' || *s == ',' || *s == ';' ||
            *s == ':' || (unsigned char)*s == 0xe3 /* CJK punctuation */)
            c++;
    return c;
}

/* Weight of one block's own text as prose (see the DESIGN comment). */
static double block_weight(const xmlNode *n, const struct ninfo *i,
                           uint32_t punct)
{
    uint32_t L = i->own_text;
    if (L == 0 || dom_is_heading(n))
        return 0;
    double d = (double)i->own_link / L;
    if (d >= 0.5)
        return -(double)L;
    // Japanese says in 20 characters what English says in 60: a short
    // block whose characters are mostly kana and CJK punctuation (the
    // 0xe3 lead bytes counted with the punctuation) is prose too.
    if (L >= 80 || (punct >= 1 && L >= 25) || (L >= 10 && punct * 2 >= L))
        return L * (1 - 2 * d);
    // A table's cells are short by nature: neither prose nor furniture.
    if (dom_is(n, "td") || dom_is(n, "th"))
        return 0;
    return -0.3 * L;
}

/* Post-order statistics over the tree; own text goes to the nearest open
 * block.  Furniture subtrees are not entered: they weigh -0.5 per
 * character of their text, measured without entering them again. */
static void stats(struct page *p)
{
    struct walk w = {0};
    xmlNode *top = p->root;
    uint32_t *punct = xcalloc(p->ninfo ? p->ninfo : 1, sizeof *punct);
    xmlNode *n = top;
    bool down = true;
    while (n) {
        if (down) {
            // enter n
            if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
                if (n->content && n->parent && n->parent->_private) {
                    const char *s = (const char *)n->content;
                    uint32_t c = dom_count_chars(s, strlen(s));
                    ni(n->parent)->text += c;
                    if (w.links)
                        ni(n->parent)->link += c;
                    if (w.depth) {
                        xmlNode *b = w.stack[w.depth - 1];
                        ni(b)->own_text += c;
                        if (w.links)
                            ni(b)->own_link += c;
                        else
                            punct[ni(b) - p->info] += count_punct(s);
                    }
                }
            } else if (n->type == XML_ELEMENT_NODE) {
                struct ninfo *i = ni(n);
                if (!(i->flags & NF_HARD)) {
                    if (i->flags & NF_BLOCK)
                        push_block(&w, n);
                    if (is_link(n))
                        w.links++;
                    if (n->children) {
                        n = n->children;
                        continue;
                    }
                }
            }
            down = false;
        }
        // leave n
        if (n->type == XML_ELEMENT_NODE) {
            struct ninfo *i = ni(n);
            xmlNode *par = n->parent;
            struct ninfo *pi = par && par->type == XML_ELEMENT_NODE &&
                               par->_private ? ni(par) : NULL;
            if (i->flags & NF_HARD) {
                // Furniture: not counted, but it costs its container.
                if ((i->flags & NF_JUNK) && !(i->flags & NF_HIDDEN) && i->text) {
                    i->score = -0.5 * (i->text > 4000 ? 4000 : i->text);
                    if (pi)
                        pi->score += i->score;
                }
            } else {
                if (is_link(n))
                    w.links--;
                if (i->flags & NF_BLOCK) {
                    i->score += block_weight(n, i, punct[i - p->info]);
                    pop_block(&w, n);
                }
                if (dom_is(n, "p") && i->text > 0)
                    i->paras++;
                if (dom_is(n, "table")) {
                    char role[32];
                    if (i->paras > 0 || i->text > 3000 ||
                        (i->flags & NF_HAS_TABLE) ||
                        (dom_attr(n, "role", role, sizeof role) &&
                         strcasecmp(role, "presentation") == 0))
                        i->flags |= NF_LAYOUT;
                    i->flags |= NF_HAS_TABLE;
                }
                if (pi) {
                    pi->text += i->text;
                    pi->link += i->link;
                    pi->paras += i->paras;
                    pi->score += i->score;
                    pi->flags |= i->flags & (NF_HAS_TABLE | NF_HAS_KEEP);
                }
            }
        }
        if (n == top)
            break;
        if (n->next) {
            n = n->next;
            down = true;
        } else {
            n = n->parent;
        }
    }
    free(punct);
    free(w.stack);
}

/* A news dateline that opens the story's first paragraph, "<p><span
 * class="dateline">KOBE –</span> A total of ...": the place the report
 * comes from, read with the paragraph.  Sites also call the publication
 * date a "dateline", so only a short run of words without digits that
 * ends in a dash or colon, inline at the start of a paragraph, counts. */
bool body_place_dateline(const xmlNode *n)
{
    static const char *const words[] = {"dateline", NULL};
    static const char *const inline_tags[] = {"span", "strong", "b", "em", NULL};
    if (!dom_is_any(n, inline_tags) || !n->parent || !dom_is(n->parent, "p"))
        return false;
    for (const xmlNode *s = n->prev; s; s = s->prev)
        if (s->type == XML_ELEMENT_NODE ||
            (s->type == XML_TEXT_NODE && s->content &&
             s->content[strspn((const char *)s->content, " \t\r\n")]))
            return false;
    char cls[256];
    dom_class_id(n, cls, sizeof cls);
    if (!dom_hint_has(cls, words))
        return false;
    char *t = dom_text_norm(n, 128);
    if (!t)
        return false;
    size_t len = strlen(t);
    bool digit = strpbrk(t, "0123456789") != NULL;
    static const char *const ends[] = {"\xe2\x80\x93", "\xe2\x80\x94", "-", ":", NULL};
    bool dash = false;
    for (const char *const *e = ends; *e && !dash; e++) {
        size_t m = strlen(*e);
        dash = len > m && memcmp(t + len - m, *e, m) == 0;
    }
    uint32_t chars = dom_count_chars(t, len);
    free(t);
    return !digit && dash && chars >= 3 && chars <= 40;
}

/* A control that closes a box: data-dismiss (Bootstrap), or a class
 * token "close" or one made of it ("btn-close", "close-button"), not a
 * state ("closed"). */
static bool closer(const xmlNode *n)
{
    char v[256];
    if (dom_attr(n, "data-dismiss", v, sizeof v) ||
        dom_attr(n, "data-bs-dismiss", v, sizeof v))
        return true;
    if (!dom_attr(n, "class", v, sizeof v))
        return false;
    for (char *t = v, *save = NULL; (t = strtok_r(t, " \t\r\n", &save)); t = NULL) {
        size_t m = strlen(t);
        if (strcasecmp(t, "close") == 0 ||
            (m > 6 && (strncasecmp(t, "close-", 6) == 0 ||
                       strncasecmp(t, "close_", 6) == 0 ||
                       strcasecmp(t + m - 6, "-close") == 0 ||
                       strcasecmp(t + m - 6, "_close") == 0)))
            return true;
    }
    return false;
}

/* The first element inside n, when nothing but spaces comes before it. */
static const xmlNode *first_child(const xmlNode *n)
{
    for (const xmlNode *k = n->children; k; k = k->next) {
        if (k->type == XML_ELEMENT_NODE)
            return k;
        if (k->type == XML_TEXT_NODE && k->content)
            for (const xmlChar *c = k->content; *c; c++)
                if (!isspace(*c))
                    return NULL;
    }
    return NULL;
}

/* A box that opens with a control closing it is a pop-up: shipping
 * terms, a notice, a sign-up form, laid over the page and not part of
 * it. */
static bool dismissable(const xmlNode *n)
{
    const xmlNode *k = first_child(n);
    return k && closer(k);
}

/* Pre-order: furniture by role and vocabulary, with the protections. */
static void flag_vocabulary(struct page *p)
{
    xmlNode *top = p->root;
    uint32_t total_paras = ni(top)->paras;
    uint32_t total_prose = ni(top)->text - ni(top)->link;
    for (xmlNode *n = top; n;) {
        if (n->type != XML_ELEMENT_NODE) {
            n = dom_next(n, top);
            continue;
        }
        struct ninfo *i = ni(n);
        if (i->flags & NF_HARD) {
            n = dom_next_skip(n, top);
            continue;
        }
        if (dom_is(n, "html") || dom_is(n, "body") || dom_is(n, "main") ||
            dom_is(n, "a")) {
            n = dom_next(n, top);
            continue;
        }
        // A paragraph is furniture by its class as any block is ("<p
        // class="postmetadata">Der Beitrag wurde am … veröffentlicht"),
        // but not by a word for comments: a post's own meta line may be
        // its "commentmeta", and comments are judged as whole sections.
        if (dom_is(n, "p") && (i->hints & HINT_COMMENTS)) {
            n = dom_next(n, top);
            continue;
        }
        bool body = (i->flags & NF_HAS_KEEP) != 0;
        bool junk = furniture_tag(n) || furniture_role(n) ||
                    (!body && !dom_is(n, "article") &&
                     (((i->hints & HINT_JUNK) && !body_place_dateline(n)) ||
                      dismissable(n)));
        if (!junk && (dom_is(n, "span") || dom_is(n, "small") ||
                      dom_is(n, "p") || dom_is(n, "div")) &&
            ((i->hints & HINT_CREDIT) || credit_prop(n)) && in_caption(n)) {
            i->flags |= NF_CREDIT | NF_JUNK;
            n = dom_next_skip(n, top);
            continue;
        }
        // Protection: an element that holds most of the page's paragraphs
        // is the story, whatever its class says -- unless it names itself
        // a cookie or consent notice, which no story does.
        if (junk && !furniture_tag(n) && !consent_notice(n) &&
            ((total_paras >= 3 && i->paras * 2 > total_paras) ||
             (i->text - i->link) * 2 > total_prose))
            junk = false;
        if (junk) {
            i->flags |= NF_JUNK;
            n = dom_next_skip(n, top);
            continue;
        }
        n = dom_next(n, top);
    }
}

/* Scores again with the furniture known: each furniture subtree weighs
 * -0.5 per character of its text (capped) instead of its blocks' weights. */
static void rescore(struct page *p)
{
    // Reset and recompute the statistics with NF_JUNK subtrees treated
    // as hard but penalised.
    for (size_t k = 0; k < p->ninfo; k++) {
        struct ninfo *i = &p->info[k];
        uint32_t keepf = i->flags;
        uint32_t text = i->text, link = i->link, hints = i->hints;
        memset(i, 0, sizeof *i);
        i->flags = keepf & ~(uint32_t)NF_HAS_TABLE;
        i->hints = hints;
        if ((keepf & NF_JUNK) && !(keepf & NF_HARD)) {
            i->flags |= NF_HARD;
            i->text = text;
            i->link = link;
        }
    }
    stats(p);
}

/* A table that lays out a photo and its caption: the picture alone in a
 * cell with no text, its words alone (20-400 characters, no links) in a
 * cell of the next row. */
static void flag_table_caption(xmlNode *img)
{
    xmlNode *cell = img->parent;
    for (int k = 0; cell && k < 3 && !dom_is(cell, "td") && !dom_is(cell, "th"); k++)
        cell = cell->parent;
    if (!cell || !cell->_private || ni(cell)->text > 0 || !cell->parent ||
        !dom_is(cell->parent, "tr"))
        return;
    xmlNode *row = xmlNextElementSibling(cell->parent);
    if (!row || !dom_is(row, "tr") || !row->_private)
        return;
    // A photo's caption row has a cell or two; each image looks at no
    // more than eight, so a row of many images stays linear.
    xmlNode *only = NULL;
    int cells = 0;
    for (xmlNode *c = row->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (++cells > 8)
            return;
        if (!c->_private || ni(c)->text == 0)
            continue;
        if (only)
            return;
        only = c;
    }
    if (!only || !(dom_is(only, "td") || dom_is(only, "th")))
        return;
    const struct ninfo *i = ni(only);
    if (i->text < 20 || i->text > 400 || i->link > 0 || i->paras > 1 ||
        (i->flags & NF_HARD))
        return;
    ni(only)->hints |= HINT_CAPTION;
    ni(only)->flags |= NF_BLOCK;
}

/* Text beside a picture that repeats the picture's alt text is its
 * caption, whatever its markup: "<div><img alt="X"></div><span>X</span>".
 * For each image, the next two siblings of the image and of its two
 * nearest ancestors are compared; each element's siblings are looked at
 * for one image only, and only those with about as much text as the alt
 * (known from the statistics) are read, so the pass is linear. */
static void flag_alt_captions(struct page *p)
{
    xmlNode *top = p->root;
    for (xmlNode *n = top; n;) {
        if (n->type != XML_ELEMENT_NODE) {
            n = dom_next(n, top);
            continue;
        }
        if (ni(n)->flags & NF_HARD) {
            n = dom_next_skip(n, top);
            continue;
        }
        if (dom_is(n, "img"))
            flag_table_caption(n);
        char alt[512];
        if (dom_is(n, "img") && dom_attr(n, "alt", alt, sizeof alt) &&
            strlen(alt) >= 12) {
            uint32_t want = dom_count_chars(alt, strlen(alt));
            bool done = false;
            xmlNode *anc = n;
            for (int level = 0; level < 3 && anc && anc->_private && !done &&
                                !(ni(anc)->flags & NF_ALT_SEEN);
                 level++, anc = anc->parent) {
                ni(anc)->flags |= NF_ALT_SEEN;
                int seen = 0;
                for (xmlNode *s = anc->next; s && seen < 2 && !done; s = s->next) {
                    if (s->type != XML_ELEMENT_NODE || dom_is(s, "br"))
                        continue;
                    seen++;
                    if (!s->_private || (ni(s)->flags & NF_HARD) ||
                        ni(s)->text * 10 < want * 8 || ni(s)->text > want + 40)
                        continue;
                    char *t = dom_text_norm(s, 2048);
                    if (meta_similarity(t, alt) >= 0.9) {
                        ni(s)->hints |= HINT_CAPTION;
                        ni(s)->hints &= ~(uint32_t)HINT_CREDIT;
                        ni(s)->flags |= NF_BLOCK;
                        done = true;
                    }
                    free(t);
                }
                if (dom_is(anc, "body"))
                    break;
            }
        }
        n = dom_next(n, top);
    }
}

void body_prepare(struct page *p)
{
    flag_hard(p);
    stats(p);
    flag_alt_captions(p);
    if (!p->lenient) {
        p->prose = ni(p->root)->text - ni(p->root)->link;
        flag_vocabulary(p);
        rescore(p);
    }
}

/* ---- pass 3: the container and the segments --------------------------- */

/* Characters of prose (text outside links) in an element. */
static uint32_t prose_of(const xmlNode *n)
{
    const struct ninfo *i = ni(n);
    return i->text > i->link ? i->text - i->link : 0;
}

/* One block cannot fool the choice: when the winner holds fewer than
 * three paragraphs (a long notice, a promo line, an embedded post) and
 * elsewhere on the page paragraphs hold twice its prose, the best-scoring
 * element with three paragraphs and that prose of its own (beside what
 * the winner holds) is the story.  Such a story often scores low because
 * furniture is spread between its paragraphs, so its score is compared
 * only with the other candidates, not with the winner's. */
/* A stock notice: two notice words (words/notice-word.txt) in the opening
 * text of the block. */
static bool notice_block(const xmlNode *n)
{
    struct buf t = BUF_INIT;
    dom_text(n, &t, 600);
    size_t found = 0;
    for (const char *const *w = words_notice_word; *w && found < 2; w++) {
        const char *one[] = {*w, NULL};
        if (t.len && words_find(t.data, t.len, one, NULL))
            found++;
    }
    buf_release(&t);
    return found >= 2;
}

/* An embedded post or player: the winner, or one of its three nearest
 * ancestors, says so in its class or id (embed, tweet, instagram ...). */
static bool embed_block(const xmlNode *n)
{
    static const char *const words[] = {"embed", "tweet", "twitter",
                                        "instagram", "oembed", NULL};
    for (int k = 0; n && n->type == XML_ELEMENT_NODE && k < 4; k++, n = n->parent) {
        char ci[800];
        if (n->properties) {
            dom_class_id(n, ci, sizeof ci);
            if (dom_hint_has(ci, words))
                return true;
        }
    }
    return false;
}

static xmlNode *reconsider(struct page *p, xmlNode *win)
{
    const struct ninfo *w = ni(win);
    if (win == p->body || w->paras >= 3)
        return win;
    // What the winner is decides how much the others must hold: a notice
    // or an embed gives way to any two paragraphs of prose (and a notice
    // never to an element that would read it too); a block of the page's
    // own prose only to twice as much.
    bool notice = notice_block(win), embed = !notice && embed_block(win);
    uint32_t need_paras = notice || embed ? 2 : 3;
    uint32_t wprose = prose_of(win);
    uint32_t need_prose = notice || embed ? 200 : 2 * wprose + 200;
    xmlNode *best = NULL;
    double best_score = -1e300;
    xmlNode *top = p->root;
    for (xmlNode *n = top; n;) {
        if (n->type != XML_ELEMENT_NODE) {
            n = dom_next(n, top);
            continue;
        }
        const struct ninfo *i = ni(n);
        if (i->flags & (NF_JUNK | NF_HARD)) {
            n = dom_next_skip(n, top);
            continue;
        }
        if (i->paras < need_paras) {
            // Nothing below holds that many paragraphs either.
            n = dom_next_skip(n, top);
            continue;
        }
        bool holds = dom_contains(n, win);
        uint32_t paras = i->paras - (holds ? w->paras : 0);
        uint32_t prose = prose_of(n) - (holds ? wprose : 0);
        if (!dom_is(n, "html") && paras >= need_paras && prose >= need_prose &&
            !(notice && holds) && !dom_contains(win, n) && i->score >= best_score) {
            best_score = i->score;
            best = n;
        }
        n = dom_next(n, top);
    }
    return best ? best : win;
}

static bool story_element(const xmlNode *n);

/* The story follows its headline.  A winner that does not hold the
 * headline (a column of teasers beside the story, say) gives way to an
 * element that names itself the story (story_element()) around the
 * headline or the first one after it, with prose of its own: 500
 * characters and a quarter of the winner's. */
static xmlNode *story_by_headline(struct page *p, xmlNode *win)
{
    xmlNode *h = p->headline;
    if (!h || win == p->body || dom_contains(win, h) || dom_contains(h, win))
        return win;
    uint32_t need = prose_of(win) / 4;
    if (need < 500)
        need = 500;
    xmlNode *best = NULL;
    double best_score = 0;
    for (xmlNode *n = h->parent; n && !dom_contains(n, win); n = n->parent)
        if (n->type == XML_ELEMENT_NODE && !(ni(n)->flags & (NF_JUNK | NF_HARD)) &&
            story_element(n) && prose_of(n) >= need && ni(n)->score > best_score) {
            best_score = ni(n)->score;
            best = n;
        }
    // After the headline: the first story element, before 300 characters
    // of other prose have passed (a byline and a date may sit between).
    xmlNode *top = p->root;
    uint32_t between = 0;
    for (xmlNode *n = dom_next_skip(h, top); n && !best && between < 300;) {
        if (n->type != XML_ELEMENT_NODE) {
            n = dom_next(n, top);
            continue;
        }
        const struct ninfo *i = ni(n);
        if (i->flags & (NF_JUNK | NF_HARD)) {
            n = dom_next_skip(n, top);
            continue;
        }
        if (story_element(n) && prose_of(n) >= need && !dom_contains(n, win) &&
            i->score > 0) {
            best = n;
            break;
        }
        if (prose_of(n) < need) {
            between += prose_of(n);
            n = dom_next_skip(n, top);
            continue;
        }
        n = dom_next(n, top);
    }
    return best ? best : win;
}

/* A story in sections: the winner is one of several siblings of the
 * same tag and class (<div class="sect1">, one per section), which
 * together hold at least half again its prose and most of their
 * parent's.  Their parent is the story. */
static xmlNode *sections(struct page *p, xmlNode *win)
{
    xmlNode *par = win->parent;
    if (win == p->body || !par || par->type != XML_ELEMENT_NODE ||
        dom_is(par, "body") || dom_is(par, "html") ||
        (ni(par)->flags & (NF_JUNK | NF_HARD)))
        return win;
    char wc[200], sc[200];
    if (!dom_attr(win, "class", wc, sizeof wc) || !*wc)
        return win;
    uint64_t prose = 0;
    int same = 0;
    for (xmlNode *k = par->children; k; k = k->next) {
        if (k->type != XML_ELEMENT_NODE || (ni(k)->flags & (NF_JUNK | NF_HARD)) ||
            xmlStrcmp(k->name, win->name) != 0 ||
            !dom_attr(k, "class", sc, sizeof sc) || strcmp(sc, wc) != 0)
            continue;
        same++;
        prose += prose_of(k);
    }
    if (same >= 3 && prose * 2 >= (uint64_t)prose_of(win) * 3 &&
        prose * 10 >= (uint64_t)prose_of(par) * 7)
        return par;
    return win;
}

/* A list is part of a text, not a text of its own: a winning list (or
 * list item) whose nearest ancestor outside lists holds little else --
 * the list is half its prose or more -- and scores above zero gives way
 * to that ancestor, so the paragraphs around the list are read with it
 * (an agenda's introduction, a recipe's note). */
static xmlNode *list_in_text(struct page *p, xmlNode *win)
{
    static const char *const lists[] = {"ol", "ul", "li", "dl", NULL};
    if (!dom_is_any(win, lists))
        return win;
    xmlNode *up = win->parent;
    for (int k = 0; up && k < 6 && up->type == XML_ELEMENT_NODE && dom_is_any(up, lists); k++)
        up = up->parent;
    if (!up || up->type != XML_ELEMENT_NODE || up == p->root || dom_is(up, "html") ||
        !up->_private || (ni(up)->flags & (NF_JUNK | NF_HARD)) || dom_is_any(up, lists) ||
        ni(up)->score <= 0 || (uint64_t)prose_of(win) * 2 < prose_of(up))
        return win;
    return up;
}

/* No block on the page scores as one paragraph of prose would (80: 80
 * characters without links): a photo post, a poem, a dialogue, short
 * lines only.  The story is then the headline's nearest enclosing block
 * that holds 100 characters of text besides it -- not the element that
 * happened to score least badly (a comment's meta line, a label). */
static xmlNode *under_headline(struct page *p, xmlNode *win)
{
    const xmlNode *h = p->headline;
    if (!h || !h->_private)
        return win;
    uint32_t own = ni(h)->text;
    for (xmlNode *up = h->parent; up && up->type == XML_ELEMENT_NODE && up->_private;
         up = up->parent) {
        if (up == p->body || dom_is(up, "body") || dom_is(up, "html") ||
            (ni(up)->flags & (NF_JUNK | NF_HARD)))
            return win;
        if (ni(up)->text >= own + 100)
            return up;
    }
    return win;
}

static xmlNode *best_container(struct page *p)
{
    xmlNode *best = p->body;
    double best_score = -1e300;
    xmlNode *top = p->root;
    for (xmlNode *n = top; n;) {
        if (n->type != XML_ELEMENT_NODE) {
            n = dom_next(n, top);
            continue;
        }
        struct ninfo *i = ni(n);
        if (i->flags & (NF_JUNK | NF_HARD)) {
            n = dom_next_skip(n, top);
            continue;
        }
        if (!dom_is(n, "html") && !dom_is(n, "a") && i->score >= best_score &&
            i->text > 0) {
            best_score = i->score;
            best = n;
        }
        n = dom_next(n, top);
    }
    // A paragraph is no container: when one wins over its own block
    // (whose furniture weighed it down: a share bar's long button
    // labels), the story is that block, its other paragraphs too.
    if (dom_is(best, "p") && best->parent && best->parent->type == XML_ELEMENT_NODE &&
        !dom_is(best->parent, "a") && best->parent->_private &&
        !(ni(best->parent)->flags & (NF_JUNK | NF_HARD)) &&
        ni(best->parent)->paras >= 2)
        best = best->parent;
    if (best_score < 80)   /* see under_headline() */
        best = under_headline(p, best);
    best = list_in_text(p, story_by_headline(p, best));
    // The winner, or its parent (a section's body under its heading).
    xmlNode *up = sections(p, best);
    if (up == best && best != p->body && best->parent &&
        best->parent->type == XML_ELEMENT_NODE) {
        xmlNode *pu = sections(p, best->parent);
        if (pu != best->parent)
            up = pu;
    }
    return reconsider(p, up);
}

/* Does the element name itself the story by HTML5 semantics or
 * microdata: <article>, <main>, role=main/article, or an itemtype of a
 * schema.org Article or BlogPosting? */
static bool story_element(const xmlNode *n)
{
    if (dom_is(n, "article") || dom_is(n, "main"))
        return true;
    char v[200];
    if (dom_attr(n, "role", v, sizeof v) &&
        (strcasecmp(v, "main") == 0 || strcasecmp(v, "article") == 0))
        return true;
    if (dom_attr(n, "itemtype", v, sizeof v)) {
        for (char *c = v; *c; c++)
            *c = (char)tolower((unsigned char)*c);
        if (strstr(v, "article") || strstr(v, "blogposting") ||
            strstr(v, "report"))
            return true;
    }
    return false;
}

/* The container may hold the story and, beside it, a list of teasers for
 * other stories whose summaries score as prose.  When a story element
 * (see story_element()) inside the container holds the headline and
 * some prose of its own, the story is that element: the outermost such
 * one, so a story split across nested <article>s stays whole. */
static xmlNode *narrow_to_story(struct page *p, xmlNode *c)
{
    if (!p->headline || p->headline == c || !dom_contains(c, p->headline))
        return c;
    xmlNode *story = NULL;
    for (xmlNode *n = p->headline->parent; n && n != c; n = n->parent)
        if (n->type == XML_ELEMENT_NODE && story_element(n))
            story = n;
    if (!story || (ni(story)->flags & (NF_JUNK | NF_HARD)))
        return c;
    const struct ninfo *i = ni(story);
    if (i->score <= 0 || i->text - i->link < 200)
        return c;
    // A page may split its story over sibling <article>s (a head with
    // the headline, then the body): when another story element in the
    // container holds more prose than the headline's and most of the
    // container's (a teaser holds less), the container stands.
    uint32_t mine = prose_of(story), all = prose_of(c);
    for (xmlNode *n = c; n;) {
        if (n == story || (n->type == XML_ELEMENT_NODE &&
                           (ni(n)->flags & (NF_JUNK | NF_HARD)))) {
            n = dom_next_skip(n, c);
            continue;
        }
        if (n->type == XML_ELEMENT_NODE && n != c && story_element(n) &&
            !dom_contains(n, story) && prose_of(n) > mine &&
            prose_of(n) * 2 > all) {
            // ... unless it is a list of teasers, each a story element.
            for (xmlNode *k = n->children; k; k = dom_next(k, n))
                if (k->type == XML_ELEMENT_NODE && story_element(k))
                    return story;
            return c;
        }
        n = dom_next(n, c);
    }
    return story;
}

static bool is_caption_el(const xmlNode *n)
{
    return dom_is(n, "figcaption") ||
           (n->type == XML_ELEMENT_NODE && !dom_is(n, "figure") &&
            !dom_is(n, "img") && (ni(n)->hints & HINT_CAPTION) &&
            !(ni(n)->hints & HINT_CREDIT));
}

/* The first caption element with text inside n (n included), or NULL. */
static xmlNode *caption_in(xmlNode *top)
{
    for (xmlNode *n = top; n;) {
        if (n->type != XML_ELEMENT_NODE) {
            n = dom_next(n, top);
            continue;
        }
        struct ninfo *i = ni(n);
        if (i->flags & (NF_JUNK | NF_HARD)) {
            n = dom_next_skip(n, top);
            continue;
        }
        if (is_caption_el(n) && i->text > 0)
            return n;
        n = dom_next(n, top);
    }
    return NULL;
}

/* Lead caption: the first caption between the top of the story's region
 * and its first real paragraph; failing that, a picture block just
 * before the region (a cover photo may stand before the headline). */
static void find_lead(struct page *p)
{
    xmlNode *e = p->container, *region = e;
    if (p->headline && !dom_contains(e, p->headline))
        for (region = e->parent; region && !dom_contains(region, p->headline);
             region = region->parent)
            ;
    if (!region)
        region = e;
    for (xmlNode *n = region; n;) {
        if (n->type != XML_ELEMENT_NODE) {
            n = dom_next(n, region);
            continue;
        }
        struct ninfo *i = ni(n);
        if (i->flags & (NF_JUNK | NF_HARD)) {
            n = dom_next_skip(n, region);
            continue;
        }
        if (is_caption_el(n) && i->text > 0) {
            i->flags |= NF_LEAD;
            return;
        }
        if ((dom_is(n, "p") || (i->flags & NF_BLOCK)) && i->own_text >= 80 &&
            i->own_link * 2 < i->own_text && dom_contains(e, n))
            break;
        n = dom_next(n, region);
    }
    // A short block with a caption just before the region or the headline.
    xmlNode *starts[2] = {region, p->headline};
    for (int k = 0; k < 2; k++) {
        xmlNode *anc = starts[k];
        for (int level = 0; anc && level < 3; level++, anc = anc->parent) {
            int seen = 0;
            for (xmlNode *s = anc->prev; s && seen < 3; s = s->prev) {
                if (s->type != XML_ELEMENT_NODE)
                    continue;
                seen++;
                if (ni(s)->flags & (NF_JUNK | NF_HARD) || ni(s)->text > 400)
                    continue;
                xmlNode *c = caption_in(s);
                if (c) {
                    ni(c)->flags |= NF_LEAD;
                    return;
                }
            }
            if (dom_is(anc, "body"))
                break;
        }
    }
}

/* Are n's first words (120 bytes) found twice in the page's text: a
 * summary that the text says again? */
static bool said_again(const struct page *p, const xmlNode *n)
{
    char *own = dom_text_norm(n, 160);
    char *all = dom_text_norm(p->root, (size_t)64 << 20);
    size_t m = strlen(own);
    if (m > 120)
        m = 120;
    own[m] = '\0';
    const char *first = m ? strstr(all, own) : NULL;
    bool again = first && strstr(first + m, own);
    free(own);
    free(all);
    return again;
}

/* Is n named as the text's opening ("teaser", "intro", "lede", the
 * French "chapo"), not as display copy beside it ("dek", "standfirst",
 * "summary")?  Such a summary under the headline is the story's first
 * paragraph: the German Vorspann or the French chapeau is part of the
 * text (see find_standfirst()). */
static bool opening_named(const xmlNode *n)
{
    char ci[800];
    dom_class_id(n, ci, sizeof ci);
    return dom_hint_has(ci, standfirst_opening) && !dom_hint_has(ci, standfirst_display) &&
           !dom_hint_has(ci, standfirst_summary);
}

/* Does a class or id name the story's head ("content__head", "article-
 * header", "hero", "arti-hd")? */
static bool head_named(const xmlNode *n)
{
    char ci[400];
    if (!n->properties)
        return false;
    dom_class_id(n, ci, sizeof ci);
    lower(ci);
    if (strstr(ci, "head") || strstr(ci, "hero") || strstr(ci, "title"))
        return true;
    for (const char *p = ci; (p = strstr(p, "hd")) != NULL; p += 2)
        if ((p == ci || !isalnum((unsigned char)p[-1])) && !isalnum((unsigned char)p[2]))
            return true;
    return false;
}

/* Is n in the story's head: a <header> or an element named the head
 * from n up to (not including) the smallest element that holds both n
 * and the container -- the container itself when n lies inside it? */
static bool in_head(const struct page *p, const xmlNode *n)
{
    for (const xmlNode *u = n; u && u->type == XML_ELEMENT_NODE &&
                               !dom_contains(u, p->container);
         u = u->parent)
        if (dom_is(u, "header") || head_named(u))
            return true;
    return false;
}

/* A summary set in the story's text, not in its head, is the text's
 * first paragraph: a block of text or a long subheading (not one beside
 * the headline in its block, and not named with the newsroom's words for
 * display copy, "dek", "standfirst") inside the story's container, with neither it nor an
 * element between it and the container a <header> or named the head
 * ("article-header", "content__head", "hero"), and not said again below.
 * In the head it is display copy beside the story, the standfirst. */
static bool standfirst_in_text(const struct page *p, const xmlNode *stand)
{
    if (!p->container || !dom_contains(p->container, stand))
        return false;
    // A subheading beside the headline, in the same block, is the story's
    // head, whatever the container: "<h1>…</h1><h2>A sentence summing
    // the story up</h2>".
    if (dom_is_heading(stand) && p->headline && stand->parent == p->headline->parent)
        return false;
    char ci[800];
    dom_class_id(stand, ci, sizeof ci);
    if (dom_hint_has(ci, standfirst_display) || in_head(p, stand))
        return false;
    return !said_again(p, stand);
}


static void find_standfirst(struct page *p)
{
    if (!p->headline)
        return;
    int budget = 200;
    for (xmlNode *n = dom_next_skip(p->headline, p->root); n && budget-- > 0;) {
        if (n->type != XML_ELEMENT_NODE) {
            n = dom_next(n, p->root);
            continue;
        }
        struct ninfo *i = ni(n);
        if (i->flags & (NF_JUNK | NF_HARD)) {
            n = dom_next_skip(n, p->root);
            continue;
        }
        char ip[64];
        bool cand = ((i->hints & HINT_STANDFIRST) ||
                     (dom_attr(n, "itemprop", ip, sizeof ip) &&
                      (strcasecmp(ip, "description") == 0 ||
                       strcasecmp(ip, "alternativeHeadline") == 0))) &&
                    !(i->flags & NF_KEEP) && !dom_is(n, "body");
        // A long subheading right under the headline, before any
        // paragraph, is the standfirst ("<h1>..</h1><h2>A sentence
        // summing the story up ...</h2>").
        if (!cand && (dom_is(n, "h2") || dom_is(n, "h3")) && i->text >= 60 &&
            i->text <= 400 && i->link == 0)
            cand = true;
        if (cand && i->text >= 30 && i->text <= 1000 && i->link * 2 < i->text &&
            i->paras <= 1) {
            // The text's opening paragraph is read where it stands, or
            // before the container when it lies outside it, unless it
            // lies in the story's head: then it is the standfirst.  So
            // is one the page says again further down: a summary.
            if (opening_named(n)) {
                if (said_again(p, n))
                    i->flags |= NF_STANDFIRST;
                else if (p->container && !dom_contains(p->container, n))
                    i->flags |= in_head(p, n) ? NF_STANDFIRST : NF_OPENING;
            } else if (!standfirst_in_text(p, n)) {
                i->flags |= NF_STANDFIRST;
            }
            return;
        }
        if ((i->flags & NF_BLOCK) && !dom_is_heading(n) && i->own_text >= 80 &&
            !(i->hints & HINT_STANDFIRST))
            return;
        n = dom_next(n, p->root);
    }
}

/* ---- captions ---------------------------------------------------------- */

static const char *ci_find(const char *s, size_t len, const char *pat)
{
    size_t m = strlen(pat);
    // Most places differ at the first byte: no call for those.
    int c0 = tolower((unsigned char)pat[0]);
    for (size_t k = 0; k + m <= len; k++)
        if (tolower((unsigned char)s[k]) == c0 && strncasecmp(s + k, pat, m) == 0)
            return s + k;
    return NULL;
}


/* Where a short line's picture credit starts -- "©", "Foto:", "Bild:",
 * "Photo:", "Photo by", "Image:", "Credit:" with at most 80 bytes after
 * it and no sentence ending the line -- or len when it has none. */
static size_t credit_tail(const char *s, size_t len)
{
    static const char *const marks[] = {
        "\xc2\xa9", "Foto:", "Fotos:", "Bild:", "Bilder:", "Photo:", "Photos:",
        "Photo by ", "Photograph:", "Image:", "Credit:", "Picture:", NULL,
    };
    if (body_ends_sentence(s, len))
        return len;
    size_t cut = len;
    for (const char *const *m = marks; *m; m++) {
        const char *at = strstr(s, *m);
        if (at && len - (size_t)(at - s) <= 80 && (size_t)(at - s) < cut &&
            (at == s || !isalnum((unsigned char)at[-1])))
            cut = (size_t)(at - s);
    }
    return cut;
}

static bool upper_at(const char *p)
{
    unsigned char c = (unsigned char)*p;
    return (c >= 'A' && c <= 'Z') || c >= 0xc0;
}

/* An initial ("J.") ends just before p (p[-1] is its '.'). */
static bool initial_before(const char *s, const char *p)
{
    return p - 2 >= s && p[-1] == '.' && p[-2] >= 'A' && p[-2] <= 'Z' &&
           (p - 2 == s || p[-3] == ' ' || p[-3] == '.' || p[-3] == '|');
}

/* The start of the one to four capitalised words or initials ("Leonhard
 * Foeger", "J. Scott Applewhite") that end just before the slash at or
 * before cut, when the start of s, a "|" or the end of a sentence (". ",
 * or "." run into the name by markup: "…Austria.Leonhard Foeger") comes
 * before them; else cut. */
static const char *name_before_slash(const char *s, const char *cut)
{
    const char *b = cut;
    while (b > s && (b[-1] == ' ' || b[-1] == '/'))
        b--;
    for (int words = 0; words < 5;) {
        const char *w = b;
        while (w > s && w[-1] != ' ' && w[-1] != '.' && w[-1] != '|')
            w--;
        if (w == b || !upper_at(w))
            return cut;
        b = w;
        words++;
        // Initials before the word ("J." in "J. Scott", "J.Scott").
        for (;;) {
            const char *p = b > s && b[-1] == ' ' ? b - 1 : b;
            if (!initial_before(s, p) || words >= 4)
                break;
            b = p - 2;
            words++;
        }
        if (b == s || b[-1] == '|' || b[-1] == '.')
            return b;
        if (b[-1] != ' ' || b - 1 == s)
            return cut;
        if (b[-2] == '.' || b[-2] == '|')
            return b;
        b--;
    }
    return cut;
}

size_t body_strip_credit(char *s, size_t len)
{
    static const char *const marks[] = {
        "(Photo", "[Photo", "Photo:", "Photo by", "Photos:", "Photograph:",
        "Photograph by", "Picture:", "Pictures:", "Image:", "Images:",
        "Image by", "Credit:", "Credits:", "Source:", "Illustration:",
        "Illustration by", "Foto:", "Fotos:", "Bild:", "\xd0\xa4\xd0\xbe\xd1\x82\xd0\xbe:",
        "\xc2\xa9", "(c) ", "Copyright", "Getty Images", "AP Photo",
        "REUTERS/", "Reuters/", "AFP/", "/AFP", "/ AFP", "AFP via", "EPA/",
        "EPA-EFE", "/Getty", "/ Getty", "Shutterstock", "/Reuters",
        "/ Reuters", "/AP", "/ AP", "(AP", "(Reuters", "(AFP", "(EPA",
        NULL,
    };
    // Cut at the earliest mark that starts the caption's tail: it must
    // leave some caption before it (or be the whole caption) and the tail
    // must be short.
    const char *cut = NULL;
    for (const char *const *m = marks; *m; m++) {
        const char *at = ci_find(s, len, *m);
        if (!at)
            continue;
        size_t tail = len - (size_t)(at - s);
        if (tail > 120)
            continue;
        if (!cut || at < cut)
            cut = at;
    }
    // The word lists, in every language ("Фото: …", "写真：…", "Staff
    // photo by …").
    size_t m;
    const char *at = words_find(s, len, words_photo_credit, &m);
    if (at && len - (size_t)(at - s) <= 120 && (!cut || at < cut))
        cut = at;
    // A label run into the name by markup ("…the market.CreditKevin
    // Frayer/Getty Images").
    for (const char *c = s; (c = ci_find(c, len - (size_t)(c - s), "Credit")) != NULL; c++)
        if (strncmp(c, "Credit", 6) == 0 && c[6] >= 'A' && c[6] <= 'Z' &&
            len - (size_t)(c - s) <= 120 && (!cut || c < cut)) {
            cut = c;
            break;
        }
    // "(Jane Roe / The Daily Courier)": a photographer and an outlet in
    // brackets at the end.
    if (len > 2 && s[len - 1] == ')') {
        const char *open = NULL;
        for (const char *c = s + len - 1; c > s; c--)
            if (c[-1] == '(') {
                open = c - 1;
                break;
            }
        if (open && open > s && len - (size_t)(open - s) <= 80 &&
            ci_find(open, len - (size_t)(open - s), " / ") && (!cut || open < cut))
            cut = open;
    }
    if (!cut)
        return len;
    // "NAME / AGENCY": the photographer's name before the slash is the
    // credit's too ("…in Braunau am Inn, Austria.Leonhard Foeger / Reuters
    // file"): one to four capitalised words back to the end of a sentence.
    if (*cut == '/' || (cut > s && cut[-1] == '/') ||
        (cut > s + 1 && cut[-1] == ' ' && cut[-2] == '/'))
        cut = name_before_slash(s, cut);
    size_t n = (size_t)(cut - s);
    // Drop the separators before the credit: spaces, | / - – — ( [.
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '|' || s[n - 1] == '/' ||
                     s[n - 1] == '-' || s[n - 1] == '(' || s[n - 1] == '[' ||
                     s[n - 1] == ',' || s[n - 1] == ';'))
        n--;
    while (n >= 3 && ((unsigned char)s[n - 3] == 0xe2 &&
                      (unsigned char)s[n - 2] == 0x80 &&
                      ((unsigned char)s[n - 1] == 0x93 ||
                       (unsigned char)s[n - 1] == 0x94))) {
        n -= 3;
        while (n > 0 && s[n - 1] == ' ')
            n--;
    }
    s[n] = '\0';
    return n;
}

/* ---- segments ---------------------------------------------------------- */

struct emit {
    struct page *p;
    struct article *a;
    struct buf run;         /* raw text of the current run */
    uint32_t chars, link;   /* its characters, in links */
    uint32_t lead;          /* ... before its first link */
    enum role *roles;       /* role stack, beside the block stack */
    xmlNode **blocks;
    size_t depth, cap;
    uint32_t links;
    bool before_headline;   /* the headline is ahead in the container */
    bool jump;              /* the run holds a link within the page (#...) */
    bool related;           /* inside a "Related stories" block ... */
    bool related_more;      /* ... which has more than its head so far */
    xmlNode *related_block; /* ... which ends with this block */
    bool ticker;            /* ... and is a ticker of other stories, read
                               to its end */
    size_t first;           /* the body's first segment */
    size_t captions_to;     /* segments first..captions_to are captions */
    size_t begun_scan;      /* story_begun(): segments looked at ... */
    int begun;              /* ... and long paragraphs among them */
    const char *headline;   /* the headline's text, or NULL */
    bool roundup;           /* the container is a round-up of short items */
    bool credit_next;       /* a photo credit's label ("Фото:") was the last
                               line: its value follows */
    struct {                /* a gallery's numbered slides ("1/50", "2/50") */
        unsigned of, n, count;
        size_t first, last; /* segment index where slide 1, slide n start */
    } gallery, best_gallery;
    char run_lang[36];      /* the language its text is marked in ... */
    int run_langs;          /* ... 0: no text yet, 1: one, 2: several */
    struct run_piece {      /* ... and, when several, which bytes in which */
        size_t start, end;
        char lang[36];
    } pieces[16];
    size_t npieces;         /* SIZE_MAX: too many to keep */
    const xmlNode *lang_of; /* the element marked_lang() was last asked */
    char lang_was[36];      /* ... and its answer */
    const xmlNode **lang_el; /* per element: its nearest element with a
                               language tag, lang_none, or NULL: not known */
    const char **linky;     /* texts of list items kept though mostly links */
    size_t nlinky, linky_cap;
    const char **teasers;   /* texts of paragraphs that end "Read more" */
    size_t nteasers, teasers_cap;
    const char **firsts;    /* texts of list items that open a list */
    size_t nfirsts, firsts_cap;
    const xmlNode *list;    /* the list of the last list item read */
    struct hr_error *err;
    int rc;
};

/* Has the story begun: three paragraphs of 80 bytes or more read?  Each
 * segment is looked at once over the whole walk. */
static bool story_begun(struct emit *e)
{
    if (e->begun_scan < e->first)
        e->begun_scan = e->first;
    for (; e->begun_scan < e->a->nsegs && e->begun < 3; e->begun_scan++)
        e->begun += e->a->segs[e->begun_scan].role == ROLE_PARAGRAPH &&
                    e->a->segs[e->begun_scan].len >= 80;
    return e->begun >= 3;
}

/* n's own language tag, when it has a well-formed one: into out. */
static bool lang_tag(const xmlNode *n, char *out, size_t size)
{
    char v[64];
    const char *l = dom_attr(n, "lang", v, sizeof v);
    if (!l || !*l)
        l = dom_attr(n, "xml:lang", v, sizeof v);
    size_t len = l ? strspn(l, "abcdefghijklmnopqrstuvwxyz"
                               "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")
                   : 0;
    // A tag: letters, digits and hyphens only, a language first.
    if (len >= 2 && len < size && !l[len] &&
        ((l[0] >= 'a' && l[0] <= 'z') || (l[0] >= 'A' && l[0] <= 'Z'))) {
        memcpy(out, l, len + 1);
        return true;
    }
    return false;
}

static const xmlNode lang_none;

/* The language n is marked in: the nearest lang (or xml:lang) attribute
 * of n or an element above it, into out ("" when none).  Each element's
 * answer is kept for the page, and a walk up stops at the first element
 * whose answer is known, so the text of a deep page costs its depth once
 * instead of once per text node. */
static void marked_lang(struct emit *e, const xmlNode *n, char *out,
                        size_t size)
{
    out[0] = '\0';
    if (!e->lang_el)
        e->lang_el = xcalloc(e->p->ninfo ? e->p->ninfo : 1, sizeof *e->lang_el);
    const xmlNode *m = n, *found = &lang_none;
    bool filled = false;
    for (; m; m = m->parent) {
        if (m->type != XML_ELEMENT_NODE)
            continue;
        if (!m->_private) {     // not in the page's tree: nothing kept
            for (; m; m = m->parent)
                if (m->type == XML_ELEMENT_NODE && lang_tag(m, out, size))
                    return;
            return;
        }
        const xmlNode *k = e->lang_el[ni(m) - e->p->info];
        if (k) {
            found = k;
            break;
        }
        if (lang_tag(m, out, size)) {
            found = m;
            filled = true;
            break;
        }
    }
    for (const xmlNode *q = n; q; q = q->parent) {
        if (q->type == XML_ELEMENT_NODE)
            e->lang_el[ni(q) - e->p->info] = found;
        if (q == m)
            break;
    }
    if (found != &lang_none && !filled)
        lang_tag(found, out, size);
}

/*
 * Whether text is written as lang is: most of its letters in one of the
 * language's scripts (ICU's uscript_getCode()).  Editors wrap pasted text
 * in spans of the language they were set to (<span lang="EN-US"> around
 * Chinese), and such a mark must not take the text to a voice that cannot
 * read it.  Text with no letters fits no language.
 */
static bool written_in(const char *lang, const char *text, size_t len)
{
    char loc[16];
    snprintf(loc, sizeof loc, "%.*s", (int)strcspn(lang, "-_"), lang);
    UScriptCode own[8];
    UErrorCode st = U_ZERO_ERROR;
    int32_t n = uscript_getCode(loc, own, 8, &st);
    if (U_FAILURE(st) || n <= 0)
        return true;    // ICU does not know it: trust the page
    size_t letters = 0, fit = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t k = utf8_decode((const unsigned char *)text + i, len - i, &cp);
        i += k ? k : 1;
        if (!k || !u_isalpha((UChar32)cp))
            continue;
        letters++;
        UScriptCode sc = uscript_getScript((UChar32)cp, &st);
        for (int32_t j = 0; j < n; j++) {
            if (sc == own[j] ||
                (own[j] == USCRIPT_KATAKANA_OR_HIRAGANA &&
                 (sc == USCRIPT_HIRAGANA || sc == USCRIPT_KATAKANA))) {
                fit++;
                break;
            }
        }
    }
    return letters > 0 && fit * 2 > letters;
}

/* Whether two language tags name different languages ("en-GB" and "en"
 * do not). */
static bool other_language(const char *a, const char *b)
{
    if (!a || !b)
        return true;
    size_t la = strcspn(a, "-_"), lb = strcspn(b, "-_");
    return la != lb || strncasecmp(a, b, la) != 0;
}

static bool starts_with_ci(const char *t, const char *w)
{
    return strncasecmp(t, w, strlen(w)) == 0;
}

/* An error message the site's server printed into the page, as PHP's
 * display_errors does: "Warning: Undefined variable $x in
 * /var/www/index.php on line 12".  It names a source file and a line. */
static bool server_error_text(const char *t, size_t len)
{
    static const char *const heads[] = {
        "Warning: ", "Notice: ", "Deprecated: ", "Fatal error: ",
        "Parse error: ", "Strict Standards: ", "Catchable fatal error: ",
        NULL,
    };
    bool head = false;
    for (const char *const *h = heads; *h && !head; h++)
        head = len > strlen(*h) && memcmp(t, *h, strlen(*h)) == 0;
    if (!head || len > 600)
        return false;
    static const char on_line[] = " on line ";
    const size_t m = sizeof on_line - 1;
    for (size_t k = 4; k + m < len; k++)
        if (memcmp(t + k, on_line, m) == 0 && isdigit((unsigned char)t[k + m]) &&
            memcmp(t + k - 4, ".php", 4) == 0)
            return true;
    return false;
}

/* Stock furniture lines that sit inside story containers. */
static bool furniture_text(const char *t, size_t len, uint32_t chars)
{
    if (phrase_furniture(t, len, chars))
        return true;
    if (server_error_text(t, len))
        return true;
    // Markup shown as text (an escaped <img> tracking pixel, say).
    if (len > 2 && t[0] == '<' && t[len - 1] == '>')
        return true;
    // An image file name on its own.
    if (chars < 100 && !memchr(t, ' ', len)) {
        const char *dot = strrchr(t, '.');
        if (dot && (strcasecmp(dot, ".jpg") == 0 || strcasecmp(dot, ".jpeg") == 0 ||
                    strcasecmp(dot, ".png") == 0 || strcasecmp(dot, ".gif") == 0 ||
                    strcasecmp(dot, ".webp") == 0 || strcasecmp(dot, ".svg") == 0))
            return true;
    }
    return false;
}

/* Does the text hold a word character (not only "•" or "|")? */
/* Does the text hold a letter or digit of any script?  A row of emoji or
 * arrows does not. */
static bool has_word(const char *t, size_t len)
{
    int32_t i = 0, n = (int32_t)(len > INT32_MAX ? INT32_MAX : len);
    while (i < n) {
        UChar32 c;
        U8_NEXT(t, i, n, c);
        if (c >= 0 && (u_isalnum(c) || c == '_'))
            return true;
    }
    return false;
}

/* Does s[0..len) hold n words or more (runs between spaces)? */
static bool words_at_least(const char *s, size_t len, int n)
{
    int w = 0;
    for (size_t k = 0; k < len && w < n; k++)
        if (s[k] != ' ' && (k == 0 || s[k - 1] == ' '))
            w++;
    return w >= n;
}

/* Is what comes next introduced by the story: its last segment is a
 * heading, ends in a colon ("... handouts for every meeting:"), or is a
 * list item (the list goes on)?  Links between two ordinary paragraphs
 * are teasers for other stories. */
static bool introduced(const struct article *a)
{
    if (a->nsegs == 0)
        return false;
    const struct segment *g = &a->segs[a->nsegs - 1];
    return g->role == ROLE_HEADING || g->role == ROLE_LIST_ITEM ||
           (g->len && g->text[g->len - 1] == ':');
}

bool body_ends_sentence(const char *t, size_t len)
{
    while (len && (t[len - 1] == ' ' || t[len - 1] == '"' || t[len - 1] == '\'' ||
                   (len >= 3 && (unsigned char)t[len - 3] == 0xe2 &&
                    (unsigned char)t[len - 2] == 0x80 &&
                    ((unsigned char)t[len - 1] == 0x9d || (unsigned char)t[len - 1] == 0x99)))) {
        if (t[len - 1] == ' ' || t[len - 1] == '"' || t[len - 1] == '\'')
            len--;
        else
            len -= 3;
    }
    return len && (t[len - 1] == '.' || t[len - 1] == '!' || t[len - 1] == '?');
}

/* Is the text one web address and nothing else? */
/* Text that is one web address, with or without its scheme. */
static bool address_text(const char *t)
{
    while (*t == ' ' || *t == '\n' || *t == '\t')
        t++;
    size_t len = strlen(t);
    while (len && (t[len - 1] == ' ' || t[len - 1] == '\n' || t[len - 1] == '\t'))
        len--;
    if (len < 8 || memchr(t, ' ', len))
        return false;
    if (strncasecmp(t, "http://", 7) == 0 || strncasecmp(t, "https://", 8) == 0 ||
        strncasecmp(t, "www.", 4) == 0)
        return true;
    const char *slash = memchr(t, '/', len);
    const char *dot = memchr(t, '.', len);
    return slash && dot && dot < slash && dot > t && slash + 1 < t + len;
}

static bool is_url(const char *t, size_t len)
{
    if (memchr(t, ' ', len) || len < 12)
        return false;
    return strncasecmp(t, "http://", 7) == 0 ||
           strncasecmp(t, "https://", 8) == 0 || strncasecmp(t, "www.", 4) == 0;
}

/* Text run[start, end) is marked as lang: extend the last piece when it
 * is in the same language, else start one. */
static void note_piece(struct emit *e, size_t start, size_t end,
                       const char *lang)
{
    if (e->npieces == SIZE_MAX)
        return;
    if (e->npieces &&
        strcmp(e->pieces[e->npieces - 1].lang, lang) == 0) {
        e->pieces[e->npieces - 1].end = end;
        return;
    }
    if (e->npieces == sizeof e->pieces / sizeof *e->pieces) {
        e->npieces = SIZE_MAX;
        return;
    }
    struct run_piece *p = &e->pieces[e->npieces++];
    p->start = start;
    p->end = end;
    snprintf(p->lang, sizeof p->lang, "%s", lang);
}

/*
 * The words of segment i in another language than the segment's: the
 * pieces of the run (raw) marked otherwise, found again in the segment's
 * text after white space was collapsed (by content, so a piece the
 * filters changed is skipped).
 */
static void add_spans(struct emit *e, size_t i, const char *raw, size_t n,
                      const struct run_piece *pieces, size_t npieces)
{
    const struct segment *seg = &e->a->segs[i];
    const char *seg_lang = segment_lang(e->a, i);
    size_t from = 0;
    struct buf t = BUF_INIT;
    for (size_t k = 0; k < npieces; k++) {
        const struct run_piece *p = &pieces[k];
        if (!p->lang[0] || !other_language(p->lang, seg_lang) ||
            p->end > n || p->start >= p->end)
            continue;
        buf_reset(&t);
        script_normalize_ws(raw + p->start, p->end - p->start, &t);
        if (t.len == 0 || !written_in(p->lang, t.data, t.len))
            continue;
        // Where it should be: after the collapsed text before it, and a
        // space; looked for there only, so a page cannot make this slow.
        struct buf before = BUF_INIT;
        size_t want = script_normalize_ws(raw, p->start, &before);
        buf_release(&before);
        size_t off = SIZE_MAX;
        for (size_t c = want; c <= want + 1 && off == SIZE_MAX; c++)
            if (c >= from && c + t.len <= seg->len &&
                memcmp(seg->text + c, t.data, t.len) == 0)
                off = c;
        if (off == SIZE_MAX)
            continue;
        segment_add_span(e->a, i, (uint32_t)off, (uint32_t)t.len, p->lang);
        from = off + t.len;
    }
    buf_release(&t);
}

static enum role top_role(const struct emit *e)
{
    return e->depth ? e->roles[e->depth - 1] : ROLE_PARAGRAPH;
}

static xmlNode *top_block(const struct emit *e)
{
    return e->depth ? e->blocks[e->depth - 1] : NULL;
}

static bool in_layout_table(const xmlNode *cell)
{
    const xmlNode *t = cell->parent;
    for (int k = 0; t && k < 4 && !dom_is(t, "table"); k++)
        t = t->parent;
    return !t || !dom_is(t, "table") || !t->_private ||
           (ni(t)->flags & NF_LAYOUT);
}

/* The header cell of a data cell's column, or NULL. */
static const xmlNode *header_cell(const xmlNode *cell)
{
    if (!dom_is(cell, "td"))
        return NULL;
    const xmlNode *tr = cell->parent;
    if (!dom_is(tr, "tr"))
        return NULL;
    int col = 0;
    for (const xmlNode *s = tr->children; s && s != cell; s = s->next)
        if (dom_is(s, "td") || dom_is(s, "th"))
            if (++col > 64)
                return NULL;
    const xmlNode *table = tr->parent;
    if (dom_is(table, "tbody") || dom_is(table, "thead"))
        table = table->parent;
    if (!dom_is(table, "table"))
        return NULL;
    // The first row of the table, if all its cells are <th>.
    const xmlNode *first = NULL;
    for (const xmlNode *n = table->children; n && !first; n = n->next) {
        if (dom_is(n, "tr"))
            first = n;
        else if (dom_is(n, "thead") || dom_is(n, "tbody"))
            for (const xmlNode *r = n->children; r; r = r->next)
                if (dom_is(r, "tr")) {
                    first = r;
                    break;
                }
    }
    if (!first || first == tr)
        return NULL;
    const xmlNode *h = NULL;
    int k = 0;
    for (const xmlNode *s = first->children; s; s = s->next) {
        if (dom_is(s, "td"))
            return NULL;
        if (dom_is(s, "th") && k++ == col)
            h = s;
    }
    return h;
}

/* The text of a column's header cell h, or NULL. */
static char *header_text(const xmlNode *h)
{
    if (!h)
        return NULL;
    char *t = dom_text_norm(h, 200);
    if (!*t) {
        free(t);
        return NULL;
    }
    return t;
}

/* Is the column's header cell h there and no link itself?  Then the
 * cells under it are data: a link in one names the row's entry ("School:
 * Biomedical Engineering"), and is read.  (A table whose heads are links
 * too is a grid of links.) */
static bool plain_header(const xmlNode *h)
{
    return h && h->_private && ni(h)->text > 0 && ni(h)->link == 0;
}

/* Does the line open with an item's number: 1-3 digits, then "." or ")"
 * and a space ("12. ", "3) ")? */
static bool numbered(const char *s)
{
    size_t d = 0;
    while (d < 4 && isdigit((unsigned char)s[d]))
        d++;
    return d >= 1 && d <= 3 && (s[d] == '.' || s[d] == ')') && s[d + 1] == ' ';
}

/* Is the heading's next element a paragraph of prose (80 characters or
 * more outside links, links under a quarter)? */
static bool heads_prose(xmlNode *h)
{
    const xmlNode *s = h ? xmlNextElementSibling(h) : NULL;
    if (!s || !s->_private || (ni(s)->flags & (NF_JUNK | NF_HARD)) ||
        dom_is_heading(s))
        return false;
    return prose_of(s) >= 80 && (uint64_t)ni(s)->link * 4 < ni(s)->text;
}

/* Is the block, or one of its two nearest ancestors, an item title? */
static bool item_title(const xmlNode *b)
{
    for (int k = 0; b && b->_private && k < 3; k++, b = b->parent)
        if (ni(b)->flags & NF_ITEM_TITLE)
            return true;
    return false;
}

/* Is the container a round-up: five or more items, each a linked title
 * (15-200 characters, all link) followed by a short paragraph (20-300
 * characters) of its own prose?  Marks the titles.  "Many short items under one headline" are
 * the story, not a list of links. */
static bool find_roundup(xmlNode *c)
{
    size_t items = 0;
    for (xmlNode *n = c; n;) {
        if (n->type != XML_ELEMENT_NODE) {
            n = dom_next(n, c);
            continue;
        }
        const struct ninfo *i = ni(n);
        if (i->flags & (NF_JUNK | NF_HARD)) {
            n = dom_next_skip(n, c);
            continue;
        }
        if (n != c && i->text >= 15 && i->text <= 200 && i->link * 10 >= i->text * 9) {
            xmlNode *s = xmlNextElementSibling(n);
            if (s && s->_private && !(ni(s)->flags & (NF_JUNK | NF_HARD)) &&
                ni(s)->text >= 20 && ni(s)->text <= 300 &&
                ni(s)->link * 4 < ni(s)->text &&
                !dom_is_heading(s)) {
                ni(n)->flags |= NF_ITEM_TITLE;
                items++;
            }
            n = dom_next_skip(n, c);
            continue;
        }
        n = dom_next(n, c);
    }
    // The items are most of what it holds: about one paragraph each.
    return items >= 5 && items * 2 >= ni(c)->paras;
}

/* A gallery counter was read: slide n of `of`, starting at the next
 * segment.  Runs of consecutive numbers make a gallery. */
static void gallery_slide(struct emit *e, unsigned n, unsigned of)
{
    size_t at = e->a->nsegs;
    if (e->gallery.count && of == e->gallery.of && n == e->gallery.n + 1) {
        e->gallery.n = n;
        e->gallery.count++;
        e->gallery.last = at;
    } else {
        e->gallery.of = of;
        e->gallery.n = n;
        e->gallery.count = 1;
        e->gallery.first = e->gallery.last = at;
    }
    if (e->gallery.count > e->best_gallery.count)
        e->best_gallery = e->gallery;
}

/* Free what one segment owns (its text, sentences, language and spans),
 * for a segment taken out of the article. */
static void segment_release(struct segment *g)
{
    free(g->text);
    free(g->sentences);
    free(g->lang);
    for (uint32_t k = 0; k < g->nspans; k++)
        free(g->spans[k].lang);
    free(g->spans);
}
/* A gallery of three or more numbered slides inside the story (after two
 * of its paragraphs) is not the story: its slides' captions, credits and
 * the title above it are dropped (the last slide as long as the others
 * were). */
static void gallery_drop(struct emit *e, size_t body_first)
{
    struct article *a = e->a;
    if (e->best_gallery.count < 3)
        return;
    size_t from = e->best_gallery.first, last = e->best_gallery.last;
    size_t per = (last - from + e->best_gallery.count - 2) / (e->best_gallery.count - 1);
    size_t to = last + (per ? per : 1);
    if (to > a->nsegs)
        to = a->nsegs;
    // A gallery that opens the story is the story (a slideshow, a recipe
    // in pictures): only its counters go.  One inside a story, after its
    // first paragraphs, is another story's pictures.
    size_t before = 0;
    for (size_t k = body_first; k < from; k++)
        if (a->segs[k].role == ROLE_PARAGRAPH && a->segs[k].len >= 80)
            before++;
    if (before < 2)
        return;
    // The gallery's title: up to two short lines just before slide 1.
    for (int k = 0; k < 2 && from > body_first; k++) {
        const struct segment *s = &a->segs[from - 1];
        if (dom_count_chars(s->text, s->len) >= 60 || body_ends_sentence(s->text, s->len))
            break;
        from--;
    }
    for (size_t k = from; k < to; k++)
        segment_release(&a->segs[k]);
    memmove(a->segs + from, a->segs + to, (a->nsegs - to) * sizeof *a->segs);
    a->nsegs -= to - from;
    a->text_bytes = 0;
    uint32_t section = 0;
    for (size_t k = 0; k < a->nsegs; k++) {
        if (a->segs[k].role == ROLE_HEADING)
            section++;
        a->segs[k].section = section;
        a->text_bytes += a->segs[k].len;
    }
}

/* Append t to the growing array *v of *n texts (room for *cap). */
static void push_text(const char ***v, size_t *n, size_t *cap, const char *t)
{
    if (*n == *cap) {
        *cap = *cap ? 2 * *cap : 16;
        *v = xreallocarray(*v, *cap, sizeof **v);
    }
    (*v)[(*n)++] = t;
}

/* Has the story's text not begun: nothing read since its first segment
 * but captions (a lead picture's caption can stand before the byline)?
 * Segments are only added while the story is read, so the look goes on
 * from where the captions last reached, and stops at the first segment
 * that is not one. */
static bool no_text_yet(struct emit *e)
{
    size_t k = e->captions_to > e->first ? e->captions_to : e->first;
    while (k < e->a->nsegs && e->a->segs[k].role == ROLE_CAPTION)
        k++;
    e->captions_to = k;
    return k == e->a->nsegs;
}

/* The fields of a post's meta line ("date | categories: x | View
 * Comments") that say who and when, joined by ", " into out: the first,
 * and each after it that is no labelled field ("categories: x") and no
 * stock line. */
static void meta_line_fields(const char *t, size_t len, struct buf *out)
{
    for (size_t k = 0; k < len;) {
        const char *bar = memchr(t + k, '|', len - k);
        size_t end = bar ? (size_t)(bar - t) : len, a = k, b = end;
        while (a < b && isspace((unsigned char)t[a]))
            a++;
        while (b > a && isspace((unsigned char)t[b - 1]))
            b--;
        const char *colon = memchr(t + a, ':', b - a);
        bool label = colon && colon + 1 < t + b && colon[1] == ' ';
        if (b > a && (k == 0 || (!label && !phrase_furniture(t + a, b - a,
                                                              dom_count_chars(t + a, b - a))))) {
            if (out->len)
                buf_append(out, ", ", 2, NULL);
            buf_append(out, t + a, b - a, NULL);
        }
        k = end + 1;
    }
}

/* Does a picture stand in the block or right before it: in a figure, an
 * <img> (<picture>, <svg>) among the block's first 32 elements, or in the
 * element just before it?  A figure's label there ("Abbildung 4:",
 * "Figure 2.") opens the picture's caption set as text. */
static bool has_picture(const xmlNode *n)
{
    static const char *const pics[] = {"img", "picture", "svg", NULL};
    int seen = 0;
    for (const xmlNode *k = n; k && seen < 32; k = dom_next((xmlNode *)k, n)) {
        if (k->type != XML_ELEMENT_NODE)
            continue;
        seen++;
        if (dom_is_any(k, pics))
            return true;
    }
    return false;
}

static bool beside_picture(const xmlNode *block)
{
    if (!block)
        return false;
    if (in_caption(block) || has_picture(block))
        return true;
    const xmlNode *prev = block->prev;
    while (prev && prev->type != XML_ELEMENT_NODE)
        prev = prev->prev;
    return prev && has_picture(prev);
}

static void flush(struct emit *e)
{
    int langs = e->run_langs;
    e->run_langs = 0;
    size_t npieces = e->npieces;
    e->npieces = 0;
    if (e->rc < 0 || e->run.len == 0) {
        buf_reset(&e->run);
        e->chars = e->link = e->lead = 0;
        e->jump = false;
        return;
    }
    // Text in several languages: its raw form and pieces, for spans.
    struct run_piece pieces[sizeof e->pieces / sizeof *e->pieces];
    char *raw = NULL;
    size_t raw_len = e->run.len;
    if (langs == 2 && npieces != SIZE_MAX) {
        memcpy(pieces, e->pieces, npieces * sizeof *pieces);
        raw = xmalloc(raw_len + 1);
        memcpy(raw, e->run.data, raw_len + 1);
    }
    struct buf norm = BUF_INIT;
    script_normalize_ws(e->run.data, e->run.len, &norm);
    enum role role = top_role(e);
    uint32_t chars = e->chars, link = e->link, lead = e->lead;
    bool jump = e->jump;
    buf_reset(&e->run);
    e->chars = e->link = e->lead = 0;
    e->jump = false;
    bool keep = norm.len > 0;
    // A round-up's item titles are links, and part of the story.
    if (e->roundup && e->depth && chars >= 15 && chars <= 200 &&
        item_title(e->blocks[e->depth - 1])) {
        role = ROLE_HEADING;
        link = 0;
    }
    // A data table's cell: its column's header cell, if any.
    const xmlNode *head = role == ROLE_TABLE_CELL && top_block(e)
                              ? header_cell(top_block(e)) : NULL;
    // Mostly links, unless a sentence of the story runs on into its
    // link ("... who held both posts <a>for the last eight months.</a>"):
    // a long paragraph that opens with words of its own and ends a
    // sentence; or a list item linking to another page (a list of
    // sources or resources), kept for now: linky_drop() takes those
    // that trail the story.  A link within the page ("#...") is a table
    // of contents.
    if (keep && link * 2 >= chars && chars > 0 && role != ROLE_HEADING &&
        !(role == ROLE_TABLE_CELL && plain_header(head)) &&
        !(role == ROLE_LIST_ITEM && !jump && words_at_least(norm.data, norm.len, 3) &&
          introduced(e->a)) &&
        !(role == ROLE_PARAGRAPH && chars >= 100 && lead >= 30 &&
          (uint64_t)link * 4 < (uint64_t)chars * 3 &&
          body_ends_sentence(norm.data, norm.len)))
        keep = false;
    // A linked heading goes (a teaser's title), unless it is numbered (an
    // item of a list article: "7. The Ultimate Local SEO Checklist") or
    // heads a paragraph of prose (a section whose head links elsewhere).
    if (keep && link * 2 >= chars && role == ROLE_HEADING && chars < 200 &&
        link > 0 && !numbered(norm.data) && !heads_prose(top_block(e)))
        keep = false;
    if (keep && furniture_text(norm.data, norm.len, chars))
        keep = false;
    // A photo credit's value after its label on a line of its own.
    bool after_label = e->credit_next;
    e->credit_next = false;
    if (keep && after_label && chars < 100 && !body_ends_sentence(norm.data, norm.len))
        keep = false;
    bool label_only;
    if (keep && (role != ROLE_HEADING || chars <= 60) &&
        phrase_photo_credit(norm.data, norm.len, &label_only)) {
        keep = false;
        e->credit_next = label_only;
    }
    // Gallery controls and counters, stock notices.
    unsigned gn, gof;
    size_t gk = keep ? phrase_counter(norm.data, norm.len, &gn, &gof) : 0;
    if (gk) {
        gallery_slide(e, gn, gof);
        // The counter itself is never spoken; the caption after it is,
        // unless the whole gallery goes (gallery_drop()).
        memmove(norm.data, norm.data + gk, norm.len - gk + 1);
        norm.len -= gk;
        keep = norm.len > 0;
    }
    if (keep && phrase_gallery(norm.data, norm.len))
        keep = false;
    if (keep && role != ROLE_HEADING && phrase_notice(norm.data, norm.len))
        keep = false;
    // The head of a "Related stories" block, and what it lists: items,
    // links and short lines, up to the next heading or real paragraph.
    if (keep && chars < 80 && phrase_related(norm.data, norm.len)) {
        keep = false;
        e->related = true;
        e->related_more = false;
        e->ticker = false;
        e->related_block = top_block(e);
    } else if (keep && chars < 40 && !e->related &&
               phrase_ticker(norm.data, norm.len) && story_begun(e)) {
        // A ticker of other stories after the story: its whole block,
        // headings and paragraphs alike, is not this story.
        keep = false;
        e->related = true;
        e->related_more = false;
        e->ticker = true;
        e->related_block = top_block(e);
    } else if (e->related && e->ticker && norm.len) {
        e->related_more = true;
        keep = false;
    } else if (e->related && norm.len) {
        bool heading = role == ROLE_HEADING && link * 2 < chars;
        bool prose = role == ROLE_PARAGRAPH && link * 4 < chars &&
                     chars >= 100 && body_ends_sentence(norm.data, norm.len);
        e->related_more = true;
        if (heading || prose)
            e->related = false;
        else
            keep = false;
    }
    if (keep && (role == ROLE_PARAGRAPH || role == ROLE_HEADING) &&
        phrase_dateline(norm.data, norm.len))
        keep = false;
    // A reading time or a rating widget is furniture in any block, a
    // post's meta list too.
    if (keep && (phrase_reading_time(norm.data, norm.len) ||
                 phrase_rating(norm.data, norm.len)))
        keep = false;
    if (keep && role == ROLE_PARAGRAPH && (phrase_disclosure(norm.data, norm.len) ||
                                           phrase_promo(norm.data, norm.len)))
        keep = false;
    if (keep && !has_word(norm.data, norm.len))
        keep = false;
    if (keep && is_url(norm.data, norm.len))
        keep = false;
    if (keep && role != ROLE_HEADING && chars < 200 && e->headline &&
        meta_similarity(norm.data, e->headline) >= 0.8)
        keep = false;
    if (keep && e->before_headline && (chars < 80 || role != ROLE_PARAGRAPH))
        keep = false;
    if (keep && role == ROLE_HEADING && e->p->title &&
        meta_similarity(norm.data, e->p->title) >= 0.8)
        keep = false;
    if (keep && (role == ROLE_PARAGRAPH || role == ROLE_HEADING) &&
        phrase_figure_label(norm.data, norm.len) && beside_picture(top_block(e)))
        role = ROLE_CAPTION;
    if (keep && role == ROLE_CAPTION) {
        norm.len = body_strip_credit(norm.data, norm.len);
        keep = norm.len > 0;
    }
    // A caption set as a paragraph ends with its picture's credit
    // ("Marco Odermatt, ski star. © AFP / Marco Bertorello", "Cafe in
    // the old town. Foto: City Marketing"): a short line's credit tail, a
    // name and no sentence, goes, and the text before it is heard as the
    // caption it is; a line that was only a label ("Quelle:") or nothing
    // before the credit goes whole.
    if (keep && role == ROLE_PARAGRAPH && chars < 250) {
        size_t at = credit_tail(norm.data, norm.len);
        if (at < norm.len) {
            size_t n = at;
            while (n > 0 && norm.data[n - 1] == ' ')
                n--;
            if (n == 0 || (n < 25 && norm.data[n - 1] == ':')) {
                keep = false;
            } else {
                // "…, photos © NAME": the word that introduced the credit
                // goes with it.
                static const char *const intro[] = {
                    "photo", "photos", "foto", "fotos", "bild", "bilder",
                    "image", "images", "picture", "pictures", NULL,
                };
                size_t w = n;
                while (w > 0 && norm.data[w - 1] != ' ')
                    w--;
                for (const char *const *k = intro; *k && w > 0; k++)
                    if (n - w == strlen(*k) && strncasecmp(norm.data + w, *k, n - w) == 0)
                        n = w;
                while (n > 0 && (norm.data[n - 1] == ',' || norm.data[n - 1] == ';' ||
                                 norm.data[n - 1] == ' '))
                    n--;
                norm.len = n;
                norm.data[n] = '\0';
                role = ROLE_CAPTION;
            }
        }
    }
    if (keep && role != ROLE_CAPTION && chars < 60 && starts_with_ci(norm.data, "by ") &&
        e->a->nsegs == 0)
        keep = false;
    // The byline said again before the story (a meta list's author item).
    if (keep && chars < 60 && e->a->byline && no_text_yet(e) &&
        strcasecmp(norm.data, e->a->byline) == 0)
        keep = false;
    // "By Anna Field, staff writer" before the story's first segment, in
    // no byline markup (a table-layout page's <font size=2>): the byline.
    if (keep && role == ROLE_PARAGRAPH && chars < 60 && no_text_yet(e) &&
        strncmp(norm.data, "By ", 3) == 0 && isupper((unsigned char)norm.data[3]) &&
        !body_ends_sentence(norm.data, norm.len)) {
        if (e->a->byline)
            keep = false;
        else {
            article_set(&e->a->byline, norm.data);
            role = ROLE_BYLINE;
        }
    }
    // A post's meta line before the story's first segment: fields set off
    // by "|", the first or the last a date ("January 13, 2020 at 08:45 AM
    // | categories: Python | View Comments", "04.02.2022 | 13:10 Uhr | Uta
    // Helkenberg", "New Delhi, News Bureau | Updated : 19 November 2019").
    // It stands for the byline when the page has none, without its
    // labelled fields ("categories: …") and stock ones ("View Comments").
    if (keep && role == ROLE_PARAGRAPH && chars < 160 && no_text_yet(e)) {
        const char *bar = memchr(norm.data, '|', norm.len);
        const char *last = bar ? strrchr(norm.data, '|') : NULL;
        if (bar && bar > norm.data &&
            (phrase_dateline(norm.data, (size_t)(bar - norm.data)) ||
             phrase_dateline(last + 1, norm.len - (size_t)(last + 1 - norm.data)))) {
            if (e->a->byline) {
                keep = false;
            } else {
                struct buf f = BUF_INIT;
                meta_line_fields(norm.data, norm.len, &f);
                buf_release(&norm);
                norm = f;
                article_set(&e->a->byline, norm.data);
                role = ROLE_BYLINE;
            }
        }
    }
    // An author's box before the story's text is its byline's page, not
    // a credit to read after it.
    if (keep && role == ROLE_CREDIT && no_text_yet(e))
        keep = false;
    // A data table's cell is read after its column's header ("Price:
    // $160"); the header is marked as herald's, not the page's, so the
    // structured output can give the cell's own text beside it.
    size_t label = 0;
    if (keep && role == ROLE_TABLE_CELL) {
        char *h = header_text(head);
        if (h) {
            struct buf t = BUF_INIT;
            buf_printf(&t, NULL, "%s: %s", h, norm.data);
            buf_release(&norm);
            norm = t;
            label = strlen(h) + 2;
            free(h);
        }
    }
    size_t before = e->a->nsegs;
    if (keep && article_add(e->a, role, norm.data, norm.len, e->err) < 0)
        e->rc = -1;
    if (e->a->nsegs > before && label)
        segment_set_label(&e->a->segs[before], label);
    if (e->a->nsegs > before && role == ROLE_LIST_ITEM) {
        const xmlNode *b = top_block(e);
        const xmlNode *list = b ? b->parent : NULL;
        if (list != e->list) {
            push_text(&e->firsts, &e->nfirsts, &e->firsts_cap, e->a->segs[before].text);
            e->list = list;
        }
        if (link * 2 >= chars)
            push_text(&e->linky, &e->nlinky, &e->linky_cap, e->a->segs[before].text);
    }
    if (e->a->nsegs > before && link > 0 &&
        (role == ROLE_PARAGRAPH || role == ROLE_LIST_ITEM) &&
        phrase_read_on(norm.data, norm.len))
        push_text(&e->teasers, &e->nteasers, &e->teasers_cap, e->a->segs[before].text);
    // A passage all marked in another language is spoken in it; one in
    // several, in its block's, with spans for the words in others.
    if (e->a->nsegs > before && langs == 1 && e->run_lang[0] &&
        other_language(e->run_lang, e->a->lang) &&
        written_in(e->run_lang, e->a->segs[before].text,
                   e->a->segs[before].len))
        article_set(&e->a->segs[before].lang, e->run_lang);
    if (e->a->nsegs > before && raw && role != ROLE_CAPTION &&
        role != ROLE_TABLE_CELL) {
        char block[sizeof e->run_lang];
        marked_lang(e, top_block(e), block, sizeof block);
        if (block[0] && other_language(block, e->a->lang) &&
            written_in(block, e->a->segs[before].text, e->a->segs[before].len))
            article_set(&e->a->segs[before].lang, block);
        add_spans(e, before, raw, raw_len, pieces, npieces);
    }
    free(raw);
    buf_release(&norm);
}

/* Is n in an author's box (author_box_words) that is not the story: one
 * that neither holds the headline nor half the page's prose, up to six
 * levels up? */
static bool author_box(const struct emit *e, const xmlNode *n)
{
    for (int k = 0; n && n->type == XML_ELEMENT_NODE && k < 6; k++, n = n->parent) {
        const struct ninfo *i = ni(n);
        if (!i || (i->flags & NF_HOLDS_HEAD))
            return false;
        if ((i->hints & HINT_AUTHOR_BOX) && (i->text - i->link) * 2 <= e->p->prose)
            return true;
    }
    return false;
}

static enum role role_of(const struct emit *e, const xmlNode *n)
{
    enum role parent = top_role(e);
    if (parent == ROLE_CREDIT || author_box(e, n))
        return ROLE_CREDIT;
    // A heading element named a caption inside a figure ("<h2
    // class="figure__caption">"), or by a word that names nothing else
    // ("<h5 class="bilduntertitel">"), or inside a caption, is the
    // picture's caption.
    if (dom_is_heading(n)) {
        if (parent == ROLE_CAPTION || (is_caption_el(n) && in_caption(n)))
            return ROLE_CAPTION;
        // Only a class with a caption word is read again for which one.
        if (!(ni(n)->hints & HINT_CAPTION))
            return ROLE_HEADING;
        char ci[300];
        dom_class_id(n, ci, sizeof ci);
        return dom_hint_has(ci, picture_caption_words) ? ROLE_CAPTION : ROLE_HEADING;
    }
    if (dom_is(n, "li") || dom_is(n, "dt") || dom_is(n, "dd"))
        return parent == ROLE_QUOTE ? ROLE_QUOTE : ROLE_LIST_ITEM;
    if (dom_is(n, "blockquote"))
        return ROLE_QUOTE;
    if ((dom_is(n, "td") || dom_is(n, "th")) && !in_layout_table(n))
        return ROLE_TABLE_CELL;
    if (is_caption_el(n))
        return ROLE_CAPTION;
    if (parent == ROLE_LIST_ITEM || parent == ROLE_QUOTE ||
        parent == ROLE_TABLE_CELL || parent == ROLE_CAPTION ||
        parent == ROLE_HEADING)
        return parent;
    return ROLE_PARAGRAPH;
}

static void enter_block(struct emit *e, xmlNode *n)
{
    flush(e);
    if (e->depth >= EXTRACT_MAX_DEPTH)
        return;
    if (e->depth == e->cap) {
        e->cap = e->cap ? 2 * e->cap : 64;
        e->roles = xreallocarray(e->roles, e->cap, sizeof *e->roles);
        e->blocks = xreallocarray(e->blocks, e->cap, sizeof *e->blocks);
    }
    e->roles[e->depth] = role_of(e, n);
    e->blocks[e->depth++] = n;
}

static void leave_block(struct emit *e, xmlNode *n)
{
    flush(e);
    // A "Related" block ends with the block its head stands in; a head
    // that is a block of its own ("<h3>Related</h3>") heads the rest of
    // its parent.
    if (e->related && n == e->related_block) {
        if (!e->related_more && e->depth >= 2)
            e->related_block = e->blocks[e->depth - 2];
        else
            e->related = false;
    }
    if (e->depth && e->blocks[e->depth - 1] == n)
        e->depth--;
}

static bool skip_el(const xmlNode *n)
{
    const struct ninfo *i = ni(n);
    return (i->flags & (NF_JUNK | NF_HARD | NF_TITLE | NF_BYLINE | NF_LEAD |
                        NF_STANDFIRST)) != 0;
}

static bool entered(const xmlNode *n, const xmlNode *top, bool whole)
{
    return n->type == XML_ELEMENT_NODE && (!skip_el(n) || (whole && n == top)) &&
           !dom_is(n, "br") && !dom_is(n, "hr");
}

/* Read one subtree into segments (the walk of the DESIGN comment). */
static int emit_tree(struct emit *e, xmlNode *top, bool whole)
{
    xmlNode *n = top;
    while (e->rc == 0) {
        // Enter n.
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            if (n->content) {
                const char *s = (const char *)n->content;
                size_t m = strlen(s);
                uint32_t c = dom_count_chars(s, m);
                if (buf_append(&e->run, s, m, e->err) < 0)
                    e->rc = -1;
                if (s[strspn(s, " \t\r\n")] && e->rc == 0) {
                    char l[sizeof e->run_lang];
                    if (n->parent != e->lang_of) {
                        marked_lang(e, n->parent, e->lang_was, sizeof e->lang_was);
                        e->lang_of = n->parent;
                    }
                    memcpy(l, e->lang_was, sizeof l);
                    if (e->run_langs == 0)
                        memcpy(e->run_lang, l, sizeof l);
                    e->run_langs = e->run_langs == 0 ||
                                   (e->run_langs == 1 && strcmp(l, e->run_lang) == 0)
                                       ? 1 : 2;
                    note_piece(e, e->run.len - m, e->run.len, l);
                }
                e->chars += c;
                if (e->links)
                    e->link += c;
                else if (e->link == 0)
                    e->lead += c;
            }
        } else if (n->type == XML_ELEMENT_NODE) {
            // The headline is passed also when the element that holds it
            // (a header taken as the byline, say) is not read.
            if (n == e->p->headline ||
                ((ni(n)->flags & NF_HOLDS_HEAD) && !entered(n, top, whole)))
                e->before_headline = false;
            // A link in a quoted post whose text is a web address
            // ("pic.example.com/x1", "https://..."): not spoken.
            if (top_role(e) == ROLE_QUOTE && is_link(n) && n->children &&
                !n->children->next && n->children->type == XML_TEXT_NODE &&
                n->children->content &&
                address_text((const char *)n->children->content))
                ni(n)->flags |= NF_JUNK;
            if (dom_is(n, "br") || dom_is(n, "hr")) {
                flush(e);
            } else if (entered(n, top, whole)) {
                if (ni(n)->flags & NF_BLOCK)
                    enter_block(e, n);
                if (is_link(n)) {
                    e->links++;
                    char href[512];
                    if (dom_attr(n, "href", href, sizeof href) && strchr(href, '#'))
                        e->jump = true;
                }
                if (n->children) {
                    n = n->children;
                    continue;
                }
            }
        }
        // Leave n and the ancestors it closes; move to the next sibling.
        for (;;) {
            if (entered(n, top, whole)) {
                if (is_link(n) && e->links)
                    e->links--;
                if (ni(n)->flags & NF_BLOCK)
                    leave_block(e, n);
            }
            if (n == top) {
                flush(e);
                return e->rc;
            }
            if (n->next) {
                n = n->next;
                break;
            }
            n = n->parent;
        }
    }
    flush(e);
    return e->rc;
}

/* Trailing reporting credits ("With reporting by ...", "X contributed to
 * this report") and authors' biographies get role credit. */
static void mark_credits(struct article *a, size_t first)
{
    size_t seen = 0;
    for (size_t k = a->nsegs; k > first && seen < 3; k--, seen++) {
        struct segment *s = &a->segs[k - 1];
        if (s->role != ROLE_PARAGRAPH || !phrase_credit(s->text, s->len))
            break;
        s->role = ROLE_CREDIT;
    }
    // An author's box ends the story: its head ("About the author") and
    // what follows it, among the last four segments; or a name alone on
    // a line and a paragraph that starts with the name and says who the
    // person is ("Jane Roe" / "Jane Roe is the editor of ...").
    // Up to eight segments from the end when what follows the head is a
    // box's short lines and biographies (a reviewer's box may follow the
    // author's), not more of the story.
    size_t box = SIZE_MAX;
    for (size_t k = a->nsegs; k > first && a->nsegs - k < 8; k--)
        if (phrase_about_author(a->segs[k - 1].text, a->segs[k - 1].len)) {
            bool near = a->nsegs - k < 4, short_after = true;
            for (size_t j = k; j < a->nsegs; j++)
                short_after = short_after && a->segs[j].len <= 600;
            if (near || short_after)
                box = k - 1;
        }
    if (box != SIZE_MAX) {
        for (size_t j = box; j < a->nsegs; j++)
            a->segs[j].role = ROLE_CREDIT;
        return;
    }
    if (a->nsegs >= first + 3) {
        struct segment *name = &a->segs[a->nsegs - 2];
        struct segment *bio = &a->segs[a->nsegs - 1];
        static const char *const verbs[] = {" is ", " was ", " ist ", " war ",
                                            " est ", " es ", " è ", " é ", NULL};
        bool is = false;
        if (name->len <= 40 && bio->role == ROLE_PARAGRAPH &&
            bio->len > name->len + 4 && !body_ends_sentence(name->text, name->len) &&
            memcmp(bio->text, name->text, name->len) == 0)
            for (const char *const *v = verbs; *v && !is; v++)
                is = strncmp(bio->text + name->len, *v, strlen(*v)) == 0;
        if (is)
            name->role = bio->role = ROLE_CREDIT;
    }
}

/* Section numbers and the text's size again, after segments went. */
static void renumber(struct article *a)
{
    a->text_bytes = 0;
    uint32_t section = 0;
    for (size_t k = 0; k < a->nsegs; k++) {
        if (a->segs[k].role == ROLE_HEADING)
            section++;
        a->segs[k].section = section;
        a->text_bytes += a->segs[k].len;
    }
}

static int ptr_cmp(const void *x, const void *y)
{
    uintptr_t a = (uintptr_t)*(const char *const *)x;
    uintptr_t b = (uintptr_t)*(const char *const *)y;
    return a < b ? -1 : a > b;
}

/* The segments from `from` on whose text is one of v[0..n) (sorted by
 * pointer) go. */
static void drop_listed(struct article *a, size_t from, const char **v, size_t n)
{
    size_t w = from;
    for (size_t k = from; k < a->nsegs; k++) {
        struct segment *g = &a->segs[k];
        const char *t = g->text;
        if (bsearch(&t, v, n, sizeof *v, ptr_cmp)) {
            segment_release(g);
            continue;
        }
        a->segs[w++] = *g;
    }
    a->nsegs = w;
    renumber(a);
}

/* Links to other stories trail the story ("Related", "More from ...");
 * links a story lists as its sources or resources come before its end.
 * The list items kept though mostly links (flush()) that come after the
 * story's last real paragraph (80+ characters ending a sentence) go. */
static void linky_drop(struct emit *e, size_t first)
{
    struct article *a = e->a;
    if (!e->nlinky)
        return;
    qsort(e->linky, e->nlinky, sizeof *e->linky, ptr_cmp);
    if (e->nfirsts)
        qsort(e->firsts, e->nfirsts, sizeof *e->firsts, ptr_cmp);
    size_t last = first;
    bool any = false;
    for (size_t k = first; k < a->nsegs; k++) {
        const struct segment *g = &a->segs[k];
        if (g->role == ROLE_PARAGRAPH && g->len >= 80 &&
            body_ends_sentence(g->text, g->len)) {
            last = k;
            any = true;
        }
        // A sentence of the story that announces a list ("... were also
        // popular with the clubs on our platform:"): the list it
        // announces is the story's, links and all.
        if (g->role == ROLE_PARAGRAPH && g->len >= 60 && g->text[g->len - 1] == ':' &&
            k + 1 < a->nsegs && a->segs[k + 1].role == ROLE_LIST_ITEM) {
            size_t j = k + 1;
            while (j + 1 < a->nsegs && a->segs[j + 1].role == ROLE_LIST_ITEM &&
                   !(e->nfirsts && bsearch(&a->segs[j + 1].text, e->firsts, e->nfirsts,
                                           sizeof *e->firsts, ptr_cmp)))
                j++;
            last = j;
            any = true;
            k = j;
        }
    }
    drop_listed(a, any ? last + 1 : first, e->linky, e->nlinky);
}

/* Teasers for other stories, each ending with its link to the rest
 * ("... Seht selbst! Weiterlesen"), go -- unless they are most of what
 * was read (a page of teasers has nothing else to read). */
static void teaser_drop(struct emit *e, size_t first)
{
    struct article *a = e->a;
    if (!e->nteasers)
        return;
    qsort(e->teasers, e->nteasers, sizeof *e->teasers, ptr_cmp);
    size_t all = 0, teased = 0;
    for (size_t k = first; k < a->nsegs; k++) {
        const struct segment *g = &a->segs[k];
        if (!role_is_body(g->role))
            continue;
        all += g->len;
        if (bsearch(&g->text, e->teasers, e->nteasers, sizeof *e->teasers, ptr_cmp))
            teased += g->len;
    }
    if (teased * 2 <= all)
        drop_listed(a, first, e->teasers, e->nteasers);
}

/* The story ends before segment n: the segments from n on go. */
static void cut_at(struct article *a, size_t n)
{
    for (size_t j = n; j < a->nsegs; j++)
        segment_release(&a->segs[j]);
    a->nsegs = n;
    renumber(a);
}

/* A legal disclaimer at the end of a post ("Disclaimer & Disclosures:",
 * "Haftungsausschluss") is not the story: its head, among the last six
 * segments, and all after it go. */
static void disclaimer_drop(struct article *a, size_t first)
{
    for (size_t k = a->nsegs; k > first && a->nsegs - k < 6; k--) {
        const struct segment *g = &a->segs[k - 1];
        if ((g->role == ROLE_PARAGRAPH || g->role == ROLE_HEADING) &&
            phrase_disclaimer(g->text, g->len)) {
            cut_at(a, k - 1);
            return;
        }
    }
}

/* A press release ends with whom to call: a contact head ("Kontakt",
 * "Media contact", "Ansprechpartnerin") among the last twelve segments,
 * followed only by short lines (names, posts, addresses, numbers), goes
 * with them.  A head followed by prose heads a section of the story. */
static void contact_drop(struct article *a, size_t first)
{
    for (size_t k = a->nsegs; k > first && a->nsegs - k < 12; k--) {
        const struct segment *g = &a->segs[k - 1];
        if (!(g->role == ROLE_PARAGRAPH || g->role == ROLE_HEADING) ||
            !phrase_contact(g->text, g->len))
            continue;
        bool short_lines = true;
        for (size_t j = k; j < a->nsegs && short_lines; j++)
            short_lines = dom_count_chars(a->segs[j].text, a->segs[j].len) < 150;
        if (!short_lines || k - 1 <= first)
            return;
        // A second contact block may stand before this one (the story's
        // own, then the sidebar's): the look goes on from here.
        cut_at(a, k - 1);
    }
}

/* The author's box read as credits (author_box()), taken out of the
 * segments after first in their order, into a new array (*n of them;
 * NULL when none).  The story closes up over the gap. */
static struct segment *set_aside_credits(struct article *a, size_t first, size_t *n)
{
    size_t m = 0;
    for (size_t k = first; k < a->nsegs; k++)
        m += a->segs[k].role == ROLE_CREDIT;
    *n = m;
    if (m == 0)
        return NULL;
    struct segment *box = xreallocarray(NULL, m, sizeof *box);
    size_t b = 0, o = first;
    for (size_t k = first; k < a->nsegs; k++) {
        if (a->segs[k].role == ROLE_CREDIT)
            box[b++] = a->segs[k];
        else
            a->segs[o++] = a->segs[k];
    }
    a->nsegs = o;
    renumber(a);
    return box;
}

/* A heading that ends the story heads nothing: the block it headed was
 * furniture ("News", "Related posts") and has gone.  Such heads go, as
 * long as some text of the story stays before them. */
static void trailing_heads_drop(struct article *a, size_t first)
{
    size_t n = a->nsegs;
    while (n > first && a->segs[n - 1].role == ROLE_HEADING)
        n--;
    bool text = false;
    for (size_t k = first; k < n && !text; k++)
        text = role_is_body(a->segs[k].role) && a->segs[k].role != ROLE_HEADING;
    if (text && n < a->nsegs)
        cut_at(a, n);
}

/* A story split over sibling blocks (a CMS's "body" field, then its
 * "body paragraphs" field): the chosen container's siblings that are
 * prose of their own -- a paragraph or more, 140 characters outside
 * links, links under a quarter of their text, and a fifth of the
 * container's score -- are read with it, in page order.  Furniture,
 * hidden blocks and the headline's own block are not. */
static bool story_sibling(const xmlNode *s, const xmlNode *c)
{
    if (s == c || s->type != XML_ELEMENT_NODE || !s->_private)
        return false;
    const struct ninfo *i = ni(s), *ci = ni(c);
    if (i->flags & (NF_JUNK | NF_HARD | NF_HIDDEN | NF_HOLDS_HEAD | NF_TITLE |
                    NF_BYLINE | NF_LEAD | NF_STANDFIRST))
        return false;
    // A story element (<article>, <main>, an Article's itemtype) says
    // where the story ends: what stands beside it is something else.
    if (story_element(c))
        return false;
    return (i->paras >= 1 || dom_is(s, "p")) && prose_of(s) >= 140 &&
           i->link * 4 < i->text && ci->score > 0 && i->score >= 0.2 * ci->score;
}

/* The element whose siblings may continue the container's story: the
 * container, or a thin wrapper around it (up to three levels, each
 * holding 90% of its prose in the one below, none a story element);
 * NULL when the container is the page's body or stands right under it. */
static xmlNode *story_anchor(const struct page *p, xmlNode *c)
{
    if (c == p->body || dom_is(c, "body") || dom_is(c, "html"))
        return NULL;
    xmlNode *anchor = c;
    for (int up = 0; up < 3; up++) {
        xmlNode *par = anchor->parent;
        if (!par || par->type != XML_ELEMENT_NODE || dom_is(par, "body") ||
            dom_is(par, "html") || story_element(anchor) ||
            (uint64_t)prose_of(anchor) * 10 < (uint64_t)prose_of(par) * 9)
            break;
        anchor = par;
    }
    return anchor->parent && anchor->parent->type == XML_ELEMENT_NODE ? anchor : NULL;
}

struct seg_at {
    const char *text;
    size_t at;          /* index among the long body segments */
};

static int seg_at_cmp(const void *x, const void *y)
{
    const struct seg_at *s = x, *t = y;
    int c = strcmp(s->text, t->text);
    return c ? c : (s->at < t->at ? -1 : s->at > t->at);
}

/* A page that carries its story twice (a second copy for another screen
 * size, a teaser box that repeats the text) would have it read twice: a
 * copy of a passage -- three or more segments of 40 characters or more,
 * each the same as the one at the same distance before it, in the same
 * order -- goes.  A line said again alone stays: an interview repeats its
 * questions, a page its pull quote, and the story's own truth keeps them.
 * Short lines and table cells are not looked at. */
static void repeat_drop(struct article *a, size_t first)
{
    size_t n = a->nsegs - first, m = 0;
    if (n < 6)
        return;
    size_t *pos = xcalloc(n, sizeof *pos);          /* long segment -> seg */
    struct seg_at *idx = xcalloc(n, sizeof *idx);
    for (size_t k = first; k < a->nsegs; k++) {
        const struct segment *g = &a->segs[k];
        if (role_is_body(g->role) && g->role != ROLE_TABLE_CELL &&
            dom_count_chars(g->text, g->len) >= 40) {
            idx[m] = (struct seg_at){g->text, m};
            pos[m++] = k;
        }
    }
    // orig[q]: the first long segment with q's text, or SIZE_MAX.
    size_t *orig = xcalloc(m ? m : 1, sizeof *orig);
    qsort(idx, m, sizeof *idx, seg_at_cmp);
    for (size_t k = 0; k < m; k++)
        orig[idx[k].at] = k > 0 && strcmp(idx[k].text, idx[k - 1].text) == 0
                          ? orig[idx[k - 1].at] == SIZE_MAX ? idx[k - 1].at
                                                             : orig[idx[k - 1].at]
                          : SIZE_MAX;
    bool *drop = xcalloc(n, sizeof *drop);
    bool any = false;
    for (size_t q = 0; q < m;) {
        size_t r = 0;
        while (q + r < m && orig[q] != SIZE_MAX && orig[q + r] == orig[q] + r &&
               orig[q] + r < q)
            r++;
        if (r >= 3) {
            for (size_t i = 0; i < r; i++)
                drop[pos[q + i] - first] = true;
            // The copy's short lines (its heads) between them go too when
            // the original has the same lines between the same two
            // passages, in order (compared gap by gap: linear).
            for (size_t i = 0; i + 1 < r; i++) {
                size_t c0 = pos[q + i] + 1, c1 = pos[q + i + 1];
                size_t o0 = pos[orig[q] + i] + 1, o1 = pos[orig[q] + i + 1];
                bool same = c1 - c0 == o1 - o0;
                for (size_t k = 0; same && k < c1 - c0; k++)
                    same = strcmp(a->segs[c0 + k].text, a->segs[o0 + k].text) == 0;
                for (size_t k = c0; same && k < c1; k++)
                    drop[k - first] = true;
            }
            any = true;
        }
        q += r ? r : 1;
    }
    if (any) {
        size_t w = first;
        for (size_t k = first; k < a->nsegs; k++) {
            if (drop[k - first]) {
                segment_release(&a->segs[k]);
                continue;
            }
            a->segs[w++] = a->segs[k];
        }
        a->nsegs = w;
        renumber(a);
    }
    free(drop);
    free(orig);
    free(idx);
    free(pos);
}

int body_emit(struct page *p, struct article *a, struct hr_error *err)
{
    p->container = narrow_to_story(p, best_container(p));
    if (p->headline)
        ni(p->headline)->flags |= NF_TITLE;
    for (xmlNode *n = p->headline; n && n->type == XML_ELEMENT_NODE; n = n->parent)
        ni(n)->flags |= NF_HOLDS_HEAD;
    find_lead(p);
    find_standfirst(p);

    struct emit e = {.p = p, .a = a, .run = BUF_INIT, .err = err};
    // Headline: the visible one when the page has it, else the title.
    char *h = p->headline ? dom_text_norm(p->headline, EXTRACT_MAX_META) : NULL;
    const char *head = h && *h ? h : a->title;
    if (head && article_add(a, ROLE_HEADLINE, head, strlen(head), err) < 0)
        e.rc = -1;
    e.headline = head;

    // Standfirst, byline, lead caption: each found once, above.
    xmlNode *top = p->root;
    xmlNode *stand = NULL, *lead = NULL, *opening = NULL;
    for (xmlNode *n = top; n; n = dom_next(n, top))
        if (n->type == XML_ELEMENT_NODE) {
            if ((ni(n)->flags & NF_STANDFIRST) && !stand)
                stand = n;
            if ((ni(n)->flags & NF_OPENING) && !opening)
                opening = n;
            if ((ni(n)->flags & NF_LEAD) && !lead)
                lead = n;
        }
    if (stand && e.rc == 0) {
        char *t = dom_text_norm(stand, EXTRACT_MAX_META);
        if (article_add(a, ROLE_STANDFIRST, t, strlen(t), err) < 0)
            e.rc = -1;
        free(t);
    }
    if (a->byline && e.rc == 0 &&
        article_add(a, ROLE_BYLINE, a->byline, strlen(a->byline), err) < 0)
        e.rc = -1;
    if (lead && e.rc == 0) {
        e.depth = 0;
        size_t from = a->nsegs;
        emit_tree(&e, lead, true);
        for (size_t k = from; k < a->nsegs; k++)
            a->segs[k].role = ROLE_CAPTION;
    }

    size_t first = a->nsegs;
    e.first = first;
    e.captions_to = first;
    e.depth = 0;
    e.before_headline = p->headline && dom_contains(p->container, p->headline);
    e.roundup = find_roundup(p->container);
    // The text's opening paragraph, when the container starts after it.
    if (opening && e.rc == 0)
        emit_tree(&e, opening, true);
    // The container, and the siblings that continue its story.
    xmlNode *c = p->container, *anchor = story_anchor(p, c);
    for (xmlNode *s = anchor ? anchor->parent->children : c; e.rc == 0 && s;
         s = anchor ? s->next : NULL)
        if (s == anchor || s == c || story_sibling(s, c))
            emit_tree(&e, s == anchor ? c : s, true);
    // A byline found in the body's text goes where bylines are heard:
    // after the headline and standfirst, before the lead caption.
    for (size_t k = first; e.rc == 0 && k < a->nsegs; k++)
        if (a->segs[k].role == ROLE_BYLINE) {
            size_t to = first;
            for (size_t j = 0; j < first; j++)
                if (a->segs[j].role == ROLE_CAPTION) {
                    to = j;
                    break;
                }
            struct segment g = a->segs[k];
            memmove(&a->segs[to + 1], &a->segs[to], (k - to) * sizeof g);
            a->segs[to] = g;
            first++;
            renumber(a);
            break;
        }
    // An author's box is read after the story (its credits), and the
    // story's end is looked for without it.
    struct segment *box = NULL;
    size_t nbox = 0;
    if (e.rc == 0)
        box = set_aside_credits(a, first, &nbox);
    if (e.rc == 0) {
        gallery_drop(&e, first);
        linky_drop(&e, first);
        teaser_drop(&e, first);
        disclaimer_drop(a, first);
        contact_drop(a, first);
        trailing_heads_drop(a, first);
        // A "heading" of 100 characters or more that ends with a full
        // stop is a paragraph set in large type (a lead in an <h3>), and
        // is heard as one.
        for (size_t k = first; k < a->nsegs; k++) {
            struct segment *g = &a->segs[k];
            if (g->role == ROLE_HEADING && g->len && g->text[g->len - 1] == '.' &&
                dom_count_chars(g->text, g->len) >= 100)
                g->role = ROLE_PARAGRAPH;
        }
        repeat_drop(a, first);
        mark_credits(a, first);
    }
    // The drops only take segments away: the box's places are free.
    if (box) {
        for (size_t k = 0; k < nbox; k++)
            a->segs[a->nsegs++] = box[k];
        free(box);
        renumber(a);
    }
    free(h);
    buf_release(&e.run);
    free(e.roles);
    free(e.blocks);
    free(e.lang_el);
    free(e.linky);
    free(e.teasers);
    free(e.firsts);
    return e.rc;
}

/* ---- the second opinion ----------------------------------------------- */

/* Characters of story text (body roles) in the article. */
static size_t body_chars(const struct article *a)
{
    size_t c = 0;
    for (size_t k = 0; k < a->nsegs; k++)
        if (role_is_body(a->segs[k].role))
            c += dom_count_chars(a->segs[k].text, a->segs[k].len);
    return c;
}

static int seg_cmp(const void *x, const void *y)
{
    const struct segment *const *s = x, *const *t = y;
    return strcmp((*s)->text, (*t)->text);
}

/* Characters of a's story text whose segments b holds word for word. */
static size_t shared_chars(const struct article *a, const struct article *b)
{
    const struct segment **idx = xcalloc(b->nsegs ? b->nsegs : 1, sizeof *idx);
    size_t m = 0, c = 0;
    for (size_t k = 0; k < b->nsegs; k++)
        if (role_is_body(b->segs[k].role))
            idx[m++] = &b->segs[k];
    qsort(idx, m, sizeof *idx, seg_cmp);
    for (size_t k = 0; k < a->nsegs; k++) {
        const struct segment *s = &a->segs[k];
        if (role_is_body(s->role) && bsearch(&s, idx, m, sizeof *idx, seg_cmp))
            c += dom_count_chars(s->text, s->len);
    }
    free(idx);
    return c;
}

/* ---- JSON-LD articleBody as a judge ---------------------------------- */

/* Words (runs of letters, digits and non-ASCII bytes, 3+ bytes) of a
 * text, hashed into an open-addressed set of 2^bits slots. */
struct wordset {
    uint32_t *slot;
    size_t mask, n;
};

static uint32_t word_hash(const char *w, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t k = 0; k < n; k++)
        h = (h ^ (unsigned char)tolower((unsigned char)w[k])) * 16777619u;
    return h ? h : 1;
}

/* Calls fn(hash, ctx) for each word of t. */
static void each_word(const char *t, size_t len, void (*fn)(uint32_t, void *),
                      void *ctx)
{
    size_t k = 0;
    while (k < len) {
        while (k < len && !isalnum((unsigned char)t[k]) && (unsigned char)t[k] < 0x80)
            k++;
        size_t s = k;
        while (k < len && (isalnum((unsigned char)t[k]) || (unsigned char)t[k] >= 0x80))
            k++;
        if (k - s >= 3)
            fn(word_hash(t + s, k - s), ctx);
    }
}

static void set_add(uint32_t h, void *ctx)
{
    struct wordset *ws = ctx;
    if (ws->n * 2 >= ws->mask)
        return;     // full enough: the rest of a huge body adds little
    for (size_t k = h & ws->mask;; k = (k + 1) & ws->mask) {
        if (ws->slot[k] == h)
            return;
        if (!ws->slot[k]) {
            ws->slot[k] = h;
            ws->n++;
            return;
        }
    }
}

struct overlap {
    const struct wordset *ws;
    size_t seen, found;
};

static void count_in(uint32_t h, void *ctx)
{
    struct overlap *o = ctx;
    o->seen++;
    for (size_t k = h & o->ws->mask;; k = (k + 1) & o->ws->mask) {
        if (o->ws->slot[k] == h) {
            o->found++;
            return;
        }
        if (!o->ws->slot[k])
            return;
    }
}

/* How well the article's story text agrees with the articleBody's words:
 * an F1 of the share of its words in the body and of the body's words it
 * holds (words counted with repeats on the article's side, as distinct
 * words on the body's). */
static double ld_agreement(const struct wordset *ws, const struct article *a)
{
    struct overlap o = {.ws = ws};
    for (size_t k = 0; k < a->nsegs; k++)
        if (role_is_body(a->segs[k].role))
            each_word(a->segs[k].text, a->segs[k].len, count_in, &o);
    if (!o.seen || !ws->n)
        return 0;
    double prec = (double)o.found / (double)o.seen;
    double rec = (double)o.found / (double)ws->n;
    if (rec > 1)
        rec = 1;
    return prec + rec > 0 ? 2 * prec * rec / (prec + rec) : 0;
}

/* The articleBody's paragraphs (its lines) as the story, in place of a's
 * body: for a page whose markup holds the story where no reading finds
 * it (in a script template, say) but its JSON-LD carries it. */
static int ld_as_body(const char *body, struct article *a, size_t first,
                      struct hr_error *err)
{
    for (size_t k = first; k < a->nsegs; k++)
        segment_release(&a->segs[k]);
    a->nsegs = first;
    a->text_bytes = 0;
    for (size_t k = 0; k < a->nsegs; k++)
        a->text_bytes += a->segs[k].len;
    for (const char *s = body; *s;) {
        const char *e = strchr(s, '\n');
        size_t n = e ? (size_t)(e - s) : strlen(s);
        if (article_add(a, ROLE_PARAGRAPH, s, n, err) < 0)
            return -1;
        s += n + (e ? 1 : 0);
    }
    return 0;
}

/* The story inside a script template (<script type="text/template"> or
 * "text/html" within the element that names itself the article body),
 * parsed as HTML of its own: for a page whose script fills its body from
 * it.  Its paragraphs, headings and list items are the story. */
static int template_body(struct page *p, struct article *a, struct hr_error *err)
{
    xmlNode *top = p->root;
    size_t before = body_chars(a);
    for (xmlNode *n = top; n; n = dom_next(n, top)) {
        if (n->type != XML_ELEMENT_NODE || !dom_is(n, "script"))
            continue;
        bool inside = false;
        for (xmlNode *up = n->parent; up && up->_private && !inside; up = up->parent)
            inside = (ni(up)->flags & NF_KEEP) != 0;
        char type[64];
        if (!inside || !dom_attr(n, "type", type, sizeof type) ||
            (!strstr(type, "template") && strcasecmp(type, "text/html") != 0))
            continue;
        struct buf t = BUF_INIT;
        dom_text(n, &t, EXTRACT_MAX_JSONLD);
        htmlDocPtr d = t.len >= 200
            ? htmlReadMemory(t.data, (int)t.len, NULL, "UTF-8",
                             HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                             HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                             HTML_PARSE_IGNORE_ENC)
            : NULL;
        buf_release(&t);
        xmlNode *r = d ? xmlDocGetRootElement(d) : NULL;
        int rc = 0;
        for (xmlNode *m = r; m && rc == 0;) {
            enum role role = ROLE_PARAGRAPH;
            if (m->type != XML_ELEMENT_NODE || dom_is(m, "script") || dom_is(m, "style") ||
                !(dom_is(m, "p") || dom_is(m, "li") || dom_is_heading(m))) {
                m = dom_next(m, r);
                continue;
            }
            if (dom_is(m, "li"))
                role = ROLE_LIST_ITEM;
            else if (dom_is_heading(m))
                role = ROLE_HEADING;
            char *s = dom_text_norm(m, EXTRACT_MAX_LD_BODY);
            if (*s && has_word(s, strlen(s)))
                rc = article_add(a, role, s, strlen(s), err);
            free(s);
            m = dom_next_skip(m, r);
        }
        if (d)
            xmlFreeDoc(d);
        if (rc < 0 || body_chars(a) > before)
            return rc;
    }
    return 0;
}

/* Does the container lie in the headline's block (up to two levels
 * above it, below <body>), or -- when `holding` -- hold the headline? */
static bool near_headline(const struct page *p, const xmlNode *c, bool holding)
{
    if (!p->headline || !c)
        return false;
    if (holding && dom_contains(c, p->headline))
        return true;
    const xmlNode *u = p->headline->parent;
    for (int k = 0; k < 2 && u && u->type == XML_ELEMENT_NODE && u != p->body &&
                    !dom_is(u, "body") && !dom_is(u, "html");
         k++, u = u->parent)
        if (dom_contains(u, c))
            return true;
    return false;
}

int body_second_opinion(struct page *p, struct article *a,
                        struct hr_error *err)
{
    size_t mine = body_chars(a);
    // The page's JSON-LD articleBody, when it has one, is a second
    // witness: a strict reading that disagrees with it is looked at again.
    size_t ldlen = p->ld_body ? strlen(p->ld_body) : 0;
    struct wordset ws = {0};
    double fa = 0;
    if (ldlen >= 200) {
        ws.mask = 4095;
        while (ws.mask < ldlen / 2 && ws.mask < ((size_t)1 << 17) - 1)
            ws.mask = ws.mask * 2 + 1;
        ws.slot = xcalloc(ws.mask + 1, sizeof *ws.slot);
        each_word(p->ld_body, ldlen, set_add, &ws);
        fa = ld_agreement(&ws, a);
    }
    if (mine >= 300 && mine * 10 >= (size_t)p->prose * 3 &&
        (!ws.slot || fa >= 0.5)) {
        free(ws.slot);
        return 0;
    }
    // A strict reading that found the story's own text -- its container
    // holds the headline, or lies in the headline's block (up to two
    // levels above it) -- is not outvoted by readers' comments below, nor
    // by a reading of more than the headline's block.
    bool anchored = mine >= 100 && near_headline(p, p->container, true);
    p->lenient_comments = anchored;
    for (size_t k = 0; k < p->ninfo; k++)
        memset(&p->info[k], 0, sizeof p->info[k]);
    p->lenient = true;
    body_prepare(p);
    struct article *b = article_new();
    article_set(&b->title, a->title);
    article_set(&b->byline, a->byline);
    int rc = body_emit(p, b, err);
    size_t other = rc == 0 ? body_chars(b) : 0;
    size_t shared = rc == 0 ? shared_chars(a, b) : 0;
    // The lenient reading holds what the strict one held and more: the
    // strict one refined it, unless it kept next to nothing.  A different
    // text must be far longer to win.  When the page's JSON-LD carries
    // its articleBody, that judges instead, and stands in for both when
    // neither agrees with it at all.
    bool superset = shared * 10 >= mine * 8;
    bool swap = superset ? mine < 300 && other > 2 * mine + 100
                         : other > 4 * mine + 100;
    if (anchored && !near_headline(p, p->container, false))
        swap = false;
    if (rc == 0 && ws.slot) {
        double fb = ld_agreement(&ws, b);
        swap = fb > fa + 0.1;
        if (fa < 0.2 && fb < 0.2) {
            size_t first = 0;
            while (first < a->nsegs && !role_is_body(a->segs[first].role))
                first++;
            article_free(b);
            free(ws.slot);
            return ld_as_body(p->ld_body, a, first, err);
        }
    }
    free(ws.slot);
    if (rc == 0 && mine < 200 && other < 200) {
        article_free(b);
        return template_body(p, a, err);
    }
    if (rc == 0 && swap) {
        struct article t = *a;
        a->segs = b->segs;
        a->nsegs = b->nsegs;
        a->segs_alloc = b->segs_alloc;
        a->text_bytes = b->text_bytes;
        b->segs = t.segs;
        b->nsegs = t.nsegs;
        b->segs_alloc = t.segs_alloc;
        b->text_bytes = t.text_bytes;
    }
    article_free(b);
    return rc;
}
