/*
 * complete.c — `herald completions bash|zsh|fish`: a shell completion
 * script, made from what --help prints.
 *
 * DESIGN: one source of truth.  The commands are main.c's table (the list
 * `herald --help` prints), and a command's options, their values and its
 * own subcommands are read from its --help, the text a user reads, so a
 * command or an option that shows in the help completes, and one that is
 * added later does too without a word here.  The help is read by
 * calling the command with --help while standard output goes to a
 * temporary file.  What is read, in a command's help:
 *
 *   "usage: herald CMD ..." lines      SOURCE or FILE there: the
 *                                      arguments are files; "a|b|c"
 *                                      not after an option: one of those
 *   "  -x, --long ARG   text"          an option (indented at most 8
 *   "      --long       text"          columns, starting with '-');
 *                                      ARG: it takes a value; FILE, PATH,
 *                                      LIST, X.xml: a file; DIR: a folder
 *   "--long a|b|c" anywhere            the values it takes (lowercase
 *                                      words between bars)
 *   "Commands:" then "  name ARGS  text"   subcommands (herald feeds)
 *
 * The scripts are data for one small function each; nothing in them
 * runs at load time but the definitions.
 */
#include <ctype.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/alloc.h"
#include "cli/cli.h"

enum arg_kind { ARG_NONE, ARG_WORD, ARG_FILE, ARG_DIR };

struct copt {
    char shortc;            /* 0: none */
    char *lng;              /* without "--"; NULL: short only */
    enum arg_kind arg;
    char *values;           /* "a b c", or NULL */
    char *desc;
};

struct csub {
    char *name;
    bool files;
    char *desc;
};

struct ccmd {
    const char *name, *summary;
    struct copt *opts;
    size_t nopts;
    struct csub *subs;
    size_t nsubs;
    bool files;             /* positional arguments are files */
    char *words;            /* or one of these: "bash zsh fish" */
};

/* ---- reading --help ----------------------------------------------------- */

/* What fn prints for --help (argv {name, "--help"}), or NULL. */
static char *help_of(int (*fn)(int, char **), const char *name,
                     void (*usage)(FILE *))
{
    FILE *tmp = tmpfile();
    if (!tmp)
        return NULL;
    if (usage) {
        usage(tmp);
    } else {
        // Standard input is /dev/null meanwhile: a command that took
        // --help for something else must not wait for a terminal.
        fflush(stdout);
        int saved = dup(STDOUT_FILENO), saved_in = dup(STDIN_FILENO);
        int null = open("/dev/null", O_RDONLY | O_CLOEXEC);
        if (saved < 0 || null < 0 || dup2(fileno(tmp), STDOUT_FILENO) < 0 ||
            dup2(null, STDIN_FILENO) < 0) {
            if (saved >= 0) {
                dup2(saved, STDOUT_FILENO);
                close(saved);
            }
            if (saved_in >= 0)
                close(saved_in);
            if (null >= 0)
                close(null);
            fclose(tmp);
            return NULL;
        }
        char *args[] = {(char *)name, "--help", NULL};
        fn(2, args);
        fflush(stdout);
        dup2(saved, STDOUT_FILENO);
        close(saved);
        if (saved_in >= 0) {
            dup2(saved_in, STDIN_FILENO);
            close(saved_in);
        }
        close(null);
    }
    fflush(tmp);
    long len = ftell(tmp);
    if (len < 0 || len > 1 << 20) {
        fclose(tmp);
        return NULL;
    }
    rewind(tmp);
    char *text = xmalloc((size_t)len + 1);
    size_t got = fread(text, 1, (size_t)len, tmp);
    text[got] = '\0';
    fclose(tmp);
    return text;
}

/* A description: text, trimmed, up to the end of its line. */
static char *desc_dup(const char *s, size_t n)
{
    while (n > 0 && isspace((unsigned char)*s))
        s++, n--;
    while (n > 0 && isspace((unsigned char)s[n - 1]))
        n--;
    return xstrndup(s, n);
}

static enum arg_kind arg_kind(const char *arg, size_t n)
{
    char a[64];
    snprintf(a, sizeof a, "%.*s", (int)(n < 63 ? n : 63), arg);
    if (strstr(a, "DIR"))
        return ARG_DIR;
    if (strstr(a, "FILE") || strstr(a, "PATH") || strstr(a, "LIST") ||
        strstr(a, ".xml") || strstr(a, ".opml"))
        return ARG_FILE;
    return ARG_WORD;
}

/* "a|b|c" of lowercase words at s (n bytes) -> "a b c"; NULL if it is not. */
static char *values_of(const char *s, size_t n)
{
    if (n < 3 || !memchr(s, '|', n) || s[0] == '|' || s[n - 1] == '|')
        return NULL;
    for (size_t i = 0; i < n; i++) {
        if (!(islower((unsigned char)s[i]) || isdigit((unsigned char)s[i]) ||
              s[i] == '-' || s[i] == '|') || (s[i] == '|' && s[i + 1] == '|'))
            return NULL;
    }
    char *v = xstrndup(s, n);
    for (char *p = v; *p; p++)
        if (*p == '|')
            *p = ' ';
    return v;
}

/* A word of the help: letters, digits and "-_.|" (ends at space, ']'). */
static size_t word_len(const char *s)
{
    size_t n = 0;
    while (s[n] && (isalnum((unsigned char)s[n]) || strchr("-_.|", s[n])))
        n++;
    return n;
}

/* Parse one option line ("  -x, --long ARG   text"); false if not one. */
static bool parse_option(const char *line, size_t len, struct copt *o)
{
    size_t i = 0;
    while (i < len && line[i] == ' ')
        i++;
    if (i < 2 || i > 8 || i >= len || line[i] != '-')
        return false;
    memset(o, 0, sizeof *o);
    if (i + 1 < len && line[i + 1] != '-' && isalnum((unsigned char)line[i + 1])) {
        o->shortc = line[i + 1];
        i += 2;
        if (i + 1 < len && line[i] == ',' && line[i + 1] == ' ')
            i += 2;
    }
    if (i + 2 < len && line[i] == '-' && line[i + 1] == '-') {
        size_t n = word_len(line + i + 2);
        if (n == 0)
            return false;
        o->lng = xstrndup(line + i + 2, n);
        i += 2 + n;
    } else if (!o->shortc) {
        return false;
    }
    // One space and an argument; two spaces start the text.
    if (i + 1 < len && line[i] == ' ' && line[i + 1] != ' ' && line[i + 1] != '-') {
        size_t n = 0;
        while (i + 1 + n < len && line[i + 1 + n] != ' ')
            n++;
        o->arg = arg_kind(line + i + 1, n);
        o->values = values_of(line + i + 1, n);
        i += 1 + n;
    }
    o->desc = desc_dup(line + i, len - i);
    return true;
}

static void opt_free(struct copt *o)
{
    free(o->lng);
    free(o->values);
    free(o->desc);
}

/* What "--long ARG" says elsewhere in the help (a synopsis): the values
 * "a|b|c", or a file ("--podcast-feed FEED.xml" beside "--podcast-feed F"). */
static void find_values(const char *help, struct copt *o)
{
    if (o->values || !o->lng || o->arg == ARG_NONE)
        return;
    size_t ln = strlen(o->lng);
    for (const char *p = help; (p = strstr(p, "--")); p += 2) {
        if (strncmp(p + 2, o->lng, ln) != 0 || (p[2 + ln] != ' ' && p[2 + ln] != '='))
            continue;
        const char *v = p + 3 + ln;
        size_t vn = word_len(v);
        if ((o->values = values_of(v, vn)))
            return;
        if (o->arg == ARG_WORD && vn > 0 && isupper((unsigned char)*v))
            o->arg = arg_kind(v, vn);
    }
}

static bool mentions_files(const char *s, size_t n)
{
    for (size_t i = 0; i + 4 <= n; i++) {
        if ((i + 6 <= n && memcmp(s + i, "SOURCE", 6) == 0) ||
            memcmp(s + i, "FILE", 4) == 0)
            return true;
    }
    return false;
}

/* "herald completions bash|zsh|fish": the words an argument may be. */
static void usage_words(struct ccmd *c, const char *line, size_t len)
{
    bool after_option = false;
    for (size_t i = 0; i < len;) {
        while (i < len && (line[i] == ' ' || line[i] == '[' || line[i] == '('))
            i++;
        size_t n = 0;
        while (i + n < len && line[i + n] != ' ' && line[i + n] != ']' &&
               line[i + n] != ')')
            n++;
        char *v = after_option ? NULL : values_of(line + i, n);
        if (v && !c->words)
            c->words = v;
        else
            free(v);
        after_option = n > 0 && line[i] == '-';
        i += n ? n : 1;
    }
}

static void parse_help(struct ccmd *c, const char *help)
{
    bool in_commands = false;
    for (const char *line = help; *line;) {
        const char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) : strlen(line);
        struct copt o;
        if (len == 0) {
            in_commands = false;
        } else if (strncmp(line, "Commands:", 9) == 0) {
            in_commands = true;
        } else if ((len > 7 && strncmp(line, "usage: ", 7) == 0) ||
                   (len > 14 && strncmp(line, "       herald ", 14) == 0)) {
            if (mentions_files(line, len))
                c->files = true;
            usage_words(c, line, len);
        } else if (in_commands && len > 2 && line[0] == ' ' && line[1] == ' ' &&
                   islower((unsigned char)line[2])) {
            size_t n = word_len(line + 2);
            const char *rest = line + 2 + n;
            size_t rlen = len - 2 - n;
            const char *gap = NULL;
            for (size_t k = 0; k + 1 < rlen; k++) {
                if (rest[k] == ' ' && rest[k + 1] == ' ') {
                    gap = rest + k;
                    break;
                }
            }
            c->subs = xreallocarray(c->subs, c->nsubs + 1, sizeof *c->subs);
            struct csub *s = &c->subs[c->nsubs++];
            s->name = xstrndup(line + 2, n);
            s->files = mentions_files(rest, gap ? (size_t)(gap - rest) : rlen);
            s->desc = gap ? desc_dup(gap, rlen - (size_t)(gap - rest))
                          : xstrdup("");
        } else if (in_commands && c->nsubs > 0 &&
                   !c->subs[c->nsubs - 1].desc[0]) {
            // The text of "  show SOURCE [...]" on the next line.
            free(c->subs[c->nsubs - 1].desc);
            c->subs[c->nsubs - 1].desc = desc_dup(line, len);
        } else if (parse_option(line, len, &o)) {
            bool dup = false;
            for (size_t k = 0; k < c->nopts; k++) {
                if ((o.lng && c->opts[k].lng && strcmp(o.lng, c->opts[k].lng) == 0) ||
                    (!o.lng && o.shortc == c->opts[k].shortc))
                    dup = true;
            }
            if (dup) {
                opt_free(&o);
            } else {
                c->opts = xreallocarray(c->opts, c->nopts + 1, sizeof *c->opts);
                c->opts[c->nopts++] = o;
            }
        }
        line += len + (end ? 1 : 0);
    }
    for (size_t k = 0; k < c->nopts; k++)
        find_values(help, &c->opts[k]);
}

static void cmd_free(struct ccmd *c)
{
    for (size_t k = 0; k < c->nopts; k++)
        opt_free(&c->opts[k]);
    free(c->opts);
    for (size_t k = 0; k < c->nsubs; k++) {
        free(c->subs[k].name);
        free(c->subs[k].desc);
    }
    free(c->subs);
    free(c->words);
}

/* ---- writing the scripts ----------------------------------------------- */

/* s in single quotes for bash, zsh and fish: ' becomes '\'' (fish: \'). */
static void put_quoted(FILE *f, const char *s, bool fish)
{
    fputc('\'', f);
    for (; *s; s++) {
        if (*s == '\'')
            fputs(fish ? "\\'" : "'\\''", f);
        else if (fish && *s == '\\')
            fputs("\\\\", f);
        else
            fputc(*s, f);
    }
    fputc('\'', f);
}

/* "-x --long" of an option, for bash. */
static void put_names(FILE *f, const struct copt *o, const char *sep)
{
    if (o->shortc)
        fprintf(f, "-%c%s", o->shortc, o->lng ? sep : "");
    if (o->lng)
        fprintf(f, "--%s", o->lng);
}

static void put_option_words(FILE *f, const struct ccmd *c, bool with_arg_only)
{
    bool first = true;
    for (size_t k = 0; k < c->nopts; k++) {
        if (with_arg_only && c->opts[k].arg == ARG_NONE)
            continue;
        if (!first)
            fputc(' ', f);
        put_names(f, &c->opts[k], " ");
        first = false;
    }
}

static void bash_values(FILE *f, const char *prefix, const struct ccmd *c)
{
    for (size_t k = 0; k < c->nopts; k++) {
        const struct copt *o = &c->opts[k];
        if (o->arg == ARG_NONE)
            continue;
        fprintf(f, "        ");
        if (o->shortc)
            fprintf(f, "'%s-%c'%s", prefix, o->shortc, o->lng ? "|" : "");
        if (o->lng)
            fprintf(f, "'%s--%s'", prefix, o->lng);
        if (o->values)
            fprintf(f, ") _herald_words '%s' ;;\n", o->values);
        else if (o->arg == ARG_FILE)
            fprintf(f, ") _herald_files ;;\n");
        else if (o->arg == ARG_DIR)
            fprintf(f, ") _herald_files -d ;;\n");
        else
            fprintf(f, ") ;;\n");
    }
}

static void write_bash(FILE *f, const struct ccmd *top, const struct ccmd *cmds,
                       size_t n)
{
    fputs("# bash completion for herald                         -*- shell-script -*-\n"
          "# Made by 'herald completions bash' from herald's own --help.\n"
          "\n"
          "_herald_words()\n"
          "{\n"
          "    COMPREPLY=($(compgen -W \"$1\" -- \"$cur\"))\n"
          "}\n"
          "\n"
          "_herald_files()\n"
          "{\n"
          "    if declare -F _filedir >/dev/null; then\n"
          "        _filedir \"$@\"\n"
          "    else\n"
          "        compopt -o filenames 2>/dev/null\n"
          "        if [[ $1 == -d ]]; then\n"
          "            COMPREPLY=($(compgen -d -- \"$cur\"))\n"
          "        else\n"
          "            COMPREPLY=($(compgen -f -- \"$cur\"))\n"
          "        fi\n"
          "    fi\n"
          "}\n"
          "\n"
          "# The values of an option: _herald_value 'COMMAND OPTION'.\n"
          "_herald_value()\n"
          "{\n"
          "    case $1 in\n", f);
    bash_values(f, " ", top);
    for (size_t i = 0; i < n; i++) {
        char prefix[64];
        snprintf(prefix, sizeof prefix, "%s ", cmds[i].name);
        bash_values(f, prefix, &cmds[i]);
    }
    fputs("        *) return 1 ;;\n"
          "    esac\n"
          "    return 0\n"
          "}\n"
          "\n"
          "_herald()\n"
          "{\n"
          "    local cur prev words cword\n"
          "    if declare -F _init_completion >/dev/null; then\n"
          "        _init_completion -s || return\n"
          "    else\n"
          "        cur=${COMP_WORDS[COMP_CWORD]}\n"
          "        prev=${COMP_WORDS[COMP_CWORD-1]}\n"
          "        words=(\"${COMP_WORDS[@]}\")\n"
          "        cword=$COMP_CWORD\n"
          "        # --format=VALUE: bash splits at '='.\n"
          "        if [[ $cur == = ]]; then\n"
          "            cur=''\n"
          "        elif [[ $prev == = && $cword -ge 2 ]]; then\n"
          "            prev=${COMP_WORDS[COMP_CWORD-2]}\n"
          "        fi\n"
          "    fi\n"
          "    COMPREPLY=()\n"
          "    local i w cmd='' sub='' skip='' argopts='' opts='' subs='' files=''\n"
          "    # The command: the first word that is not a global option.\n"
          "    argopts=' ", f);
    put_option_words(f, top, true);
    fputs(" '\n"
          "    for ((i = 1; i < cword; i++)); do\n"
          "        w=${words[i]}\n"
          "        if [[ -n $skip ]]; then skip=''; continue; fi\n"
          "        if [[ $argopts == *\" $w \"* ]]; then skip=1; continue; fi\n"
          "        if [[ $w != -* ]]; then cmd=$w; break; fi\n"
          "    done\n"
          "    if [[ -z $cmd ]]; then\n"
          "        if [[ -n $skip ]]; then _herald_value \" $prev\"; return; fi\n"
          "        if [[ $cur == -* ]]; then\n"
          "            _herald_words '", f);
    put_option_words(f, top, false);
    fputs("'\n"
          "        else\n"
          "            _herald_words '", f);
    for (size_t i = 0; i < n; i++)
        fprintf(f, "%s%s", i ? " " : "", cmds[i].name);
    fputs("'\n"
          "        fi\n"
          "        return\n"
          "    fi\n"
          "    case $cmd in\n", f);
    for (size_t i = 0; i < n; i++) {
        const struct ccmd *c = &cmds[i];
        fprintf(f, "        %s)\n            opts='", c->name);
        put_option_words(f, c, false);
        fputs("'\n            argopts=' ", f);
        put_option_words(f, c, true);
        fputs(" '\n", f);
        if (c->nsubs) {
            fputs("            subs='", f);
            for (size_t k = 0; k < c->nsubs; k++)
                fprintf(f, "%s%s", k ? " " : "", c->subs[k].name);
            fputs("'\n", f);
        }
        if (c->files)
            fputs("            files=1\n", f);
        if (c->words)
            fprintf(f, "            subs='%s'\n", c->words);
        fputs("            ;;\n", f);
    }
    fputs("    esac\n"
          "    # The value of an option.\n"
          "    if [[ $argopts == *\" $prev \"* ]]; then\n"
          "        _herald_value \"$cmd $prev\"\n"
          "        return\n"
          "    fi\n"
          "    # A subcommand (herald feeds add ...): the first word after the\n"
          "    # command that is neither an option nor an option's value.\n"
          "    if [[ -n $subs ]]; then\n"
          "        skip=''\n"
          "        for ((i++; i < cword; i++)); do\n"
          "            w=${words[i]}\n"
          "            if [[ -n $skip ]]; then skip=''; continue; fi\n"
          "            if [[ $argopts == *\" $w \"* ]]; then skip=1; continue; fi\n"
          "            if [[ $w != -* ]]; then sub=$w; break; fi\n"
          "        done\n"
          "        if [[ -z $sub && $cur != -* ]]; then\n"
          "            _herald_words \"$subs\"\n"
          "            return\n"
          "        fi\n"
          "        case \"$cmd $sub\" in\n", f);
    for (size_t i = 0; i < n; i++) {
        for (size_t k = 0; k < cmds[i].nsubs; k++) {
            if (cmds[i].subs[k].files)
                fprintf(f, "            '%s %s') files=1 ;;\n", cmds[i].name,
                        cmds[i].subs[k].name);
        }
    }
    fputs("        esac\n"
          "    fi\n"
          "    if [[ $cur == -* ]]; then\n"
          "        _herald_words \"$opts\"\n"
          "    elif [[ -n $files ]]; then\n"
          "        _herald_files\n"
          "    fi\n"
          "}\n"
          "complete -F _herald herald\n", f);
}

/* A description safe in zsh's "[...]" and "name:desc" forms. */
static void put_zsh_desc(FILE *f, const char *s, bool colon)
{
    for (; *s; s++) {
        if (*s == '\'')
            fputs("'\\''", f);
        else if (*s == '[' || *s == ']' || *s == '\\' || (colon && *s == ':'))
            fputc(*s == '[' ? '(' : *s == ']' ? ')' : ' ', f);
        else
            fputc(*s, f);
    }
}

static void zsh_option(FILE *f, const struct copt *o)
{
    for (int form = 0; form < 2; form++) {
        if (form == 0 ? !o->shortc : !o->lng)
            continue;
        fputs(" \\\n    '", f);
        if (o->shortc && o->lng)
            fprintf(f, "(-%c --%s)", o->shortc, o->lng);
        if (form == 0)
            fprintf(f, "-%c%s", o->shortc, o->arg ? "+" : "");
        else
            fprintf(f, "--%s%s", o->lng, o->arg ? "=" : "");
        fputc('[', f);
        put_zsh_desc(f, o->desc, false);
        fputc(']', f);
        if (o->values)
            fprintf(f, ":value:(%s)", o->values);
        else if (o->arg == ARG_FILE)
            fputs(":file:_files", f);
        else if (o->arg == ARG_DIR)
            fputs(":folder:_files -/", f);
        else if (o->arg == ARG_WORD)
            fputs(":value: ", f);
        fputc('\'', f);
    }
}

static void write_zsh(FILE *f, const struct ccmd *top, const struct ccmd *cmds,
                      size_t n)
{
    fputs("#compdef herald\n"
          "# zsh completion for herald.\n"
          "# Made by 'herald completions zsh' from herald's own --help.\n"
          "\n"
          "_herald() {\n"
          "  local curcontext=$curcontext state line ret=1\n"
          "  local -a commands\n"
          "  commands=(", f);
    for (size_t i = 0; i < n; i++) {
        fprintf(f, "\n    '%s:", cmds[i].name);
        put_zsh_desc(f, cmds[i].summary, true);
        fputc('\'', f);
    }
    fputs("\n  )\n  _arguments -C", f);
    for (size_t k = 0; k < top->nopts; k++)
        zsh_option(f, &top->opts[k]);
    fputs(" \\\n    '1:command:->command' \\\n"
          "    '*::argument:->argument' && ret=0\n"
          "  case $state in\n"
          "  command)\n"
          "    _describe -t commands 'herald command' commands && ret=0\n"
          "    ;;\n"
          "  argument)\n"
          "    curcontext=${curcontext%:*:*}:herald-$words[1]:\n"
          "    case $words[1] in\n", f);
    for (size_t i = 0; i < n; i++) {
        const struct ccmd *c = &cmds[i];
        fprintf(f, "    %s)\n      _arguments -s", c->name);
        for (size_t k = 0; k < c->nopts; k++)
            zsh_option(f, &c->opts[k]);
        if (c->nsubs) {
            fputs(" \\\n    '1:command:((", f);
            for (size_t k = 0; k < c->nsubs; k++) {
                fprintf(f, "%s%s\\:", k ? " " : "", c->subs[k].name);
                // Inside "((name\:desc ...))" a description is quoted.
                fputc('"', f);
                for (const char *s = c->subs[k].desc; *s; s++) {
                    if (*s == '\'')
                        fputs("'\\''", f);
                    else if (*s != '"' && *s != '\\' && *s != ')' && *s != '(')
                        fputc(*s, f);
                }
                fputc('"', f);
            }
            fputs("))'", f);
            fputs(" \\\n    '*:argument:_files'", f);
        } else if (c->words) {
            fprintf(f, " \\\n    '1:argument:(%s)'", c->words);
        } else if (c->files) {
            fputs(" \\\n    '*:source:_files'", f);
        }
        fputs(" && ret=0\n      ;;\n", f);
    }
    fputs("    esac\n"
          "    ;;\n"
          "  esac\n"
          "  return ret\n"
          "}\n"
          "\n"
          "_herald \"$@\"\n", f);
}

static void fish_option(FILE *f, const char *cond, const struct copt *o)
{
    fprintf(f, "complete -c herald -n %s", cond);
    if (o->shortc)
        fprintf(f, " -s %c", o->shortc);
    if (o->lng)
        fprintf(f, " -l %s", o->lng);
    if (o->values) {
        fputs(" -x -a ", f);
        put_quoted(f, o->values, true);
    } else if (o->arg == ARG_FILE) {
        fputs(" -r -F", f);
    } else if (o->arg == ARG_DIR) {
        fputs(" -x -a '(__fish_complete_directories)'", f);
    } else if (o->arg == ARG_WORD) {
        fputs(" -x", f);
    }
    fputs(" -d ", f);
    put_quoted(f, o->desc, true);
    fputc('\n', f);
}

static void write_fish(FILE *f, const struct ccmd *top, const struct ccmd *cmds,
                       size_t n)
{
    fputs("# fish completion for herald.\n"
          "# Made by 'herald completions fish' from herald's own --help.\n"
          "\n"
          "# The words after 'herald' that are not options or their values:\n"
          "# the command, then its subcommand.\n"
          "function __herald_words\n"
          "    set -l words (commandline -opc)\n"
          "    set -e words[1]\n"
          "    set -l skip 0\n"
          "    for w in $words\n"
          "        if test $skip = 1\n"
          "            set skip 0\n"
          "        else if contains -- $w ", f);
    put_option_words(f, top, true);
    for (size_t i = 0; i < n; i++) {
        fputc(' ', f);
        put_option_words(f, &cmds[i], true);
    }
    fputs("\n"
          "            set skip 1\n"
          "        else if not string match -q -- '-*' $w\n"
          "            echo $w\n"
          "        end\n"
          "    end\n"
          "end\n"
          "\n"
          "function __herald_is\n"
          "    set -l w (__herald_words)\n"
          "    test (count $w) -ge 1; and test \"$w[1]\" = $argv[1]\n"
          "end\n"
          "\n"
          "function __herald_no_command\n"
          "    test (count (__herald_words)) -eq 0\n"
          "end\n"
          "\n"
          "function __herald_no_sub\n"
          "    set -l w (__herald_words)\n"
          "    test (count $w) -eq 1; and test \"$w[1]\" = $argv[1]\n"
          "end\n"
          "\n"
          "function __herald_sub_is\n"
          "    set -l w (__herald_words)\n"
          "    test (count $w) -ge 2; and test \"$w[1]\" = $argv[1]; and test \"$w[2]\" = $argv[2]\n"
          "end\n"
          "\n"
          "complete -c herald -f\n", f);
    for (size_t k = 0; k < top->nopts; k++)
        fish_option(f, "__herald_no_command", &top->opts[k]);
    for (size_t i = 0; i < n; i++) {
        fprintf(f, "complete -c herald -n __herald_no_command -a %s -d ",
                cmds[i].name);
        put_quoted(f, cmds[i].summary, true);
        fputc('\n', f);
    }
    for (size_t i = 0; i < n; i++) {
        const struct ccmd *c = &cmds[i];
        char cond[128];
        snprintf(cond, sizeof cond, "'__herald_is %s'", c->name);
        for (size_t k = 0; k < c->nopts; k++)
            fish_option(f, cond, &c->opts[k]);
        for (size_t k = 0; k < c->nsubs; k++) {
            fprintf(f, "complete -c herald -n '__herald_no_sub %s' -a %s -d ",
                    c->name, c->subs[k].name);
            put_quoted(f, c->subs[k].desc, true);
            fputc('\n', f);
            if (c->subs[k].files)
                fprintf(f, "complete -c herald -n '__herald_sub_is %s %s' -F\n",
                        c->name, c->subs[k].name);
        }
        if (c->words)
            fprintf(f, "complete -c herald -n '__herald_no_sub %s' -a '%s'\n",
                    c->name, c->words);
        else if (c->files && !c->nsubs)
            fprintf(f, "complete -c herald -n %s -F\n", cond);
    }
}

static void usage(FILE *f)
{
    fputs("usage: herald completions bash|zsh|fish\n"
          "\n"
          "Print a completion script for the shell: commands, their options\n"
          "and the values those take, made from herald's own --help.  The\n"
          "package and 'make install' install them; by hand:\n"
          "  bash:  herald completions bash > ~/.local/share/bash-completion/completions/herald\n"
          "  zsh:   herald completions zsh > ~/.zfunc/_herald   (~/.zfunc in $fpath)\n"
          "  fish:  herald completions fish > ~/.config/fish/completions/herald.fish\n"
          "  -h, --help   show this help\n", f);
}

int cli_completions(int argc, char **argv, const struct cli_command_info *cmds,
                    size_t n, void (*main_usage)(FILE *))
{
    if (argc > 1 && (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)) {
        usage(stdout);
        return CLI_OK;
    }
    if (argc != 2)
        return cli_usage("completions", argc < 2 ? "which shell? bash, zsh "
                         "or fish" : "one shell at a time");
    const char *shell = argv[1];
    if (strcmp(shell, "bash") != 0 && strcmp(shell, "zsh") != 0 &&
        strcmp(shell, "fish") != 0)
        return cli_usage("completions", "no completions for '%s' (bash, zsh "
                         "or fish)", shell);

    struct ccmd top = {.name = "herald", .summary = ""};
    char *help = help_of(NULL, "herald", main_usage);
    if (help)
        parse_help(&top, help);
    free(help);
    struct ccmd *cc = xcalloc(n ? n : 1, sizeof *cc);
    for (size_t i = 0; i < n; i++) {
        cc[i].name = cmds[i].name;
        cc[i].summary = cmds[i].summary;
        if (cmds[i].fn == NULL)
            continue;
        help = help_of(cmds[i].fn, cmds[i].name, NULL);
        if (!help)
            return cli_error("cannot read the help of '%s'", cmds[i].name);
        parse_help(&cc[i], help);
        free(help);
    }
    if (strcmp(shell, "bash") == 0)
        write_bash(stdout, &top, cc, n);
    else if (strcmp(shell, "zsh") == 0)
        write_zsh(stdout, &top, cc, n);
    else
        write_fish(stdout, &top, cc, n);
    for (size_t i = 0; i < n; i++)
        cmd_free(&cc[i]);
    free(cc);
    cmd_free(&top);
    return CLI_OK;
}
