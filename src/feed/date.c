/*
 * date.c — the dates feeds write, read into seconds since the epoch (UTC).
 *
 * DESIGN: two readers.  iso_date() takes W3CDTF / ISO 8601 (the Atom and
 * Dublin Core form, with or without separators, fraction or zone; no zone
 * means UTC).  loose_date() takes everything else by tokens: RFC 822 and
 * its many deformations (no weekday, no comma, no seconds, two-digit or
 * first-position years, full month names, "Sept", dots, named zones,
 * military zones, "GMT+2", asctime order).  Both validate the fields and
 * return FEED_NO_TIME rather than guess at nonsense.
 */
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "feed/feed.h"

static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
    // Howard Hinnant's algorithm: days since 1970-01-01.
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = (unsigned)(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

static int days_in_month(int y, int m)
{
    static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return dm[m - 1];
}

static int64_t make_time(int y, int mo, int d, int h, int mi, int s,
                         int offset_min)
{
    if (y < 1 || y > 9999 || mo < 1 || mo > 12 || d < 1 ||
        d > days_in_month(y, mo) || h < 0 || h > 24 || mi < 0 || mi > 59 ||
        s < 0 || s > 60)
        return FEED_NO_TIME;
    if (h == 24 && (mi || s))
        return FEED_NO_TIME;
    if (s == 60)
        s = 59;     // a leap second: close enough
    return days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 +
           (int64_t)h * 3600 + mi * 60 + s - (int64_t)offset_min * 60;
}

static int digits(const char **pp, int n)
{
    const char *p = *pp;
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!isdigit((unsigned char)p[i]))
            return -1;
        v = v * 10 + (p[i] - '0');
    }
    *pp = p + n;
    return v;
}

/* "+hh:mm", "+hhmm", "+hh", "Z"; 0 on success with *off in minutes. */
static int iso_zone(const char *p, int *off)
{
    while (*p == ' ')
        p++;
    if (*p == '\0') {
        *off = 0;
        return 0;
    }
    if ((*p == 'Z' || *p == 'z') && p[1] == '\0') {
        *off = 0;
        return 0;
    }
    if (strcasecmp(p, "UTC") == 0 || strcasecmp(p, "GMT") == 0) {
        *off = 0;
        return 0;
    }
    if (*p != '+' && *p != '-')
        return -1;
    int sign = *p == '-' ? -1 : 1;
    p++;
    int h = digits(&p, 2);
    if (h < 0)
        return -1;
    int m = 0;
    if (*p == ':')
        p++;
    if (isdigit((unsigned char)*p)) {
        m = digits(&p, 2);
        if (m < 0)
            return -1;
    }
    while (*p == ' ')
        p++;
    if (*p || h > 23 || m > 59)
        return -1;
    *off = sign * (h * 60 + m);
    return 0;
}

static int64_t iso_date(const char *s)
{
    const char *p = s;
    int y = digits(&p, 4), mo = 1, d = 1, h = 0, mi = 0, sec = 0, off = 0;
    if (y < 0)
        return FEED_NO_TIME;
    bool sep = *p == '-';
    if (sep)
        p++;
    if (sep && isdigit((unsigned char)p[0]) && isdigit((unsigned char)p[1]) &&
        isdigit((unsigned char)p[2]) && !isdigit((unsigned char)p[3]) &&
        p[3] != '-') {
        // An ordinal date: YYYY-DDD
        int yday = digits(&p, 3);
        if (yday < 1 || yday > 366)
            return FEED_NO_TIME;
        mo = 1;
        while (mo < 12 && yday > days_in_month(y, mo))
            yday -= days_in_month(y, mo++);
        d = yday;
    } else if (isdigit((unsigned char)*p)) {
        if ((mo = digits(&p, 2)) < 0)
            return FEED_NO_TIME;
        if (sep ? *p == '-' : isdigit((unsigned char)*p)) {
            if (sep)
                p++;
            if ((d = digits(&p, 2)) < 0)
                return FEED_NO_TIME;
        }
    } else if (sep || *p) {
        return FEED_NO_TIME;
    }
    if (*p == 'T' || *p == 't' || (*p == ' ' && isdigit((unsigned char)p[1]))) {
        p++;
        if ((h = digits(&p, 2)) < 0)
            return FEED_NO_TIME;
        bool tsep = *p == ':';
        if (tsep)
            p++;
        if ((mi = digits(&p, 2)) < 0)
            return FEED_NO_TIME;
        if (tsep ? *p == ':' : isdigit((unsigned char)*p)) {
            if (tsep)
                p++;
            if ((sec = digits(&p, 2)) < 0)
                return FEED_NO_TIME;
        }
        if (*p == '.' || *p == ',') {
            p++;
            while (isdigit((unsigned char)*p))
                p++;
        }
    }
    if (iso_zone(p, &off) < 0)
        return FEED_NO_TIME;
    return make_time(y, mo, d, h, mi, sec, off);
}

static int month_of(const char *w, size_t n)
{
    static const char *const months[] = {"jan", "feb", "mar", "apr", "may",
                                         "jun", "jul", "aug", "sep", "oct",
                                         "nov", "dec"};
    if (n < 3)
        return 0;
    for (int i = 0; i < 12; i++) {
        if (strncasecmp(w, months[i], 3) == 0)
            return i + 1;
    }
    return 0;
}

static bool is_weekday(const char *w, size_t n)
{
    static const char *const days[] = {"mon", "tue", "wed", "thu", "fri",
                                       "sat", "sun"};
    if (n < 3)
        return false;
    for (int i = 0; i < 7; i++) {
        if (strncasecmp(w, days[i], 3) == 0)
            return true;
    }
    return false;
}

/* Named zones, in minutes east of UTC; false when w is not one. */
static bool zone_of(const char *w, size_t n, int *off)
{
    static const struct { const char *name; int hours; } zones[] = {
        {"ut", 0}, {"utc", 0}, {"gmt", 0}, {"z", 0}, {"wet", 0},
        {"bst", 1}, {"cet", 1}, {"met", 1}, {"cest", 2}, {"eet", 2},
        {"eest", 3}, {"msk", 3},
        {"est", -5}, {"edt", -4}, {"cst", -6}, {"cdt", -5}, {"mst", -7},
        {"mdt", -6}, {"pst", -8}, {"pdt", -7}, {"ast", -4}, {"adt", -3},
        {"akst", -9}, {"akdt", -8}, {"hst", -10}, {"nzst", 12},
        {"nzdt", 13}, {"jst", 9}, {"kst", 9}, {"ist", 5}, /* India: +5:30 below */
        {"aest", 10}, {"aedt", 11}, {"at", -4}, {"et", -5}, {"ct", -6},
        {"mt", -7}, {"pt", -8},
    };
    char low[8];
    if (n == 0 || n >= sizeof low)
        return false;
    for (size_t i = 0; i < n; i++)
        low[i] = (char)tolower((unsigned char)w[i]);
    low[n] = '\0';
    for (size_t i = 0; i < sizeof zones / sizeof *zones; i++) {
        if (strcmp(low, zones[i].name) == 0) {
            *off = zones[i].hours * 60 + (strcmp(low, "ist") == 0 ? 30 : 0);
            return true;
        }
    }
    // Military zones: A..I = +1..+9, K..M = +10..+12, N..Y = -1..-12.
    if (n == 1 && low[0] >= 'a' && low[0] <= 'y' && low[0] != 'j') {
        char c = low[0];
        *off = 60 * (c <= 'i' ? c - 'a' + 1 : c <= 'm' ? c - 'k' + 10
                                                      : -(c - 'n' + 1));
        return true;
    }
    return false;
}

static int64_t loose_date(const char *s)
{
    int y = -1, mo = 0, d = -1, h = -1, mi = 0, sec = 0, off = 0;
    bool have_zone = false, pm = false, am = false;
    int nums[3], widths[3], n_nums = 0;
    const char *p = s;

    while (*p) {
        if (isspace((unsigned char)*p) || *p == ',' || *p == '.' ||
            *p == '/' || (*p == '-' && !have_zone && h < 0)) {
            p++;
            continue;
        }
        if (isalpha((unsigned char)*p)) {
            const char *w = p;
            while (isalpha((unsigned char)*p))
                p++;
            size_t n = (size_t)(p - w);
            int m, z;
            if (!mo && (m = month_of(w, n)))
                mo = m;
            else if (is_weekday(w, n))
                ;
            else if ((n == 2 || n == 4) && strncasecmp(w, "pm", 2) == 0)
                pm = true;
            else if ((n == 2 || n == 4) && strncasecmp(w, "am", 2) == 0)
                am = true;
            else if (zone_of(w, n, &z)) {
                off = z;
                have_zone = true;
            } else if (n == 1 && (*w == 'T' || *w == 't'))
                ;
            else
                return FEED_NO_TIME;
            continue;
        }
        if ((*p == '+' || *p == '-') && isdigit((unsigned char)p[1])) {
            // A numeric zone: +hhmm, +hh:mm, +h (after "GMT")
            int sign = *p == '-' ? -1 : 1;
            p++;
            const char *q = p;
            while (isdigit((unsigned char)*q))
                q++;
            int hh, mm = 0;
            size_t n = (size_t)(q - p);
            if (n == 4) {
                hh = (p[0] - '0') * 10 + (p[1] - '0');
                mm = (p[2] - '0') * 10 + (p[3] - '0');
            } else if (n <= 2) {
                hh = atoi(p);
                if (*q == ':' && isdigit((unsigned char)q[1]) &&
                    isdigit((unsigned char)q[2])) {
                    mm = (q[1] - '0') * 10 + (q[2] - '0');
                    q += 3;
                }
            } else {
                return FEED_NO_TIME;
            }
            if (hh > 23 || mm > 59)
                return FEED_NO_TIME;
            off = sign * (hh * 60 + mm);
            have_zone = true;
            p = q;
            continue;
        }
        if (isdigit((unsigned char)*p)) {
            const char *q = p;
            while (isdigit((unsigned char)*q))
                q++;
            size_t n = (size_t)(q - p);
            if (*q == ':' && h < 0 && n <= 2) {
                // hh:mm[:ss]
                h = atoi(p);
                q++;
                if (!isdigit((unsigned char)*q))
                    return FEED_NO_TIME;
                mi = (int)strtol(q, (char **)&q, 10);
                if (*q == ':' && isdigit((unsigned char)q[1])) {
                    q++;
                    sec = (int)strtol(q, (char **)&q, 10);
                }
                if (*q == '.' && isdigit((unsigned char)q[1])) {
                    q++;
                    while (isdigit((unsigned char)*q))
                        q++;
                }
                p = q;
                continue;
            }
            if (n > 4 || n_nums == 3)
                return FEED_NO_TIME;
            nums[n_nums] = atoi(p);
            widths[n_nums++] = (int)n;
            p = q;
            continue;
        }
        return FEED_NO_TIME;
    }
    // The date's numbers: with a month name, a day and a year; without,
    // year-month-day, or month/day/year unless the first cannot be a month.
    if (mo) {
        for (int i = 0; i < n_nums; i++) {
            if (widths[i] == 4 && y < 0)
                y = nums[i];
            else if (d < 0 && widths[i] <= 2 && nums[i] >= 1 && nums[i] <= 31)
                d = nums[i];
            else if (y < 0 && widths[i] <= 2)
                y = nums[i] < 50 ? 2000 + nums[i] : 1900 + nums[i];
            else
                return FEED_NO_TIME;
        }
    } else if (n_nums == 3) {
        if (widths[0] == 4) {
            y = nums[0], mo = nums[1], d = nums[2];
        } else if (widths[2] == 4 || widths[2] == 2) {
            y = widths[2] == 4 ? nums[2] : nums[2] < 50 ? 2000 + nums[2]
                                                        : 1900 + nums[2];
            if (nums[0] > 12)
                d = nums[0], mo = nums[1];
            else
                mo = nums[0], d = nums[1];
        }
    }
    if (y < 0 || !mo || d < 0)
        return FEED_NO_TIME;
    if (h < 0)
        h = 0;
    if (pm && h < 12)
        h += 12;
    if (am && h == 12)
        h = 0;
    return make_time(y, mo, d, h, mi, sec, off);
}

int64_t feed_parse_date(const char *s)
{
    if (!s)
        return FEED_NO_TIME;
    while (isspace((unsigned char)*s))
        s++;
    char tmp[128];
    size_t n = strlen(s);
    if (n == 0 || n >= sizeof tmp)
        return FEED_NO_TIME;
    memcpy(tmp, s, n + 1);
    while (n && isspace((unsigned char)tmp[n - 1]))
        tmp[--n] = '\0';
    int64_t t = FEED_NO_TIME;
    if (n >= 4 && isdigit((unsigned char)tmp[0]) &&
        isdigit((unsigned char)tmp[1]) && isdigit((unsigned char)tmp[2]) &&
        isdigit((unsigned char)tmp[3]))
        t = iso_date(tmp);
    if (t == FEED_NO_TIME)
        t = loose_date(tmp);
    return t;
}

void feed_format_date(int64_t t, char out[32])
{
    int64_t days = t / 86400, rem = t % 86400;
    if (rem < 0) {
        rem += 86400;
        days--;
    }
    // civil_from_days (Hinnant)
    int64_t z = days + 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = (unsigned)(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t y = (int64_t)yoe + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2;
    int year = y < 0 ? 0 : y > 9999 ? 9999 : (int)y;
    snprintf(out, 32, "%04d-%02u-%02uT%02d:%02d:%02dZ", year, m % 13, d % 32,
             (int)(rem / 3600) % 24, (int)(rem / 60 % 60), (int)(rem % 60));
}
