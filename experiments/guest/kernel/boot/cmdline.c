/*
 * cmdline.c - the boot command line: space-separated key=value words.
 * `workload=NAME` picks the workload, `priv=NAME` the privileged-operations
 * implementation; every other key must be one of the workload's parameters.
 * Numbers may be decimal or 0x-hex with an optional k/m/g suffix.
 */
#include "cmdline.h"
#include "../lib/lib.h"

static int param_index(const struct workload *w, const char *key, size_t len) {
    for (int i = 0; i < MAX_PARAMS && w->params[i].name; i++)
        if (strlen(w->params[i].name) == len && strn_eq(w->params[i].name, key, len))
            return i;
    return -1;
}

static int parse_value(const struct param_def *d, const char *v, size_t len, u64 *out) {
    if (!d->choices) return parse_u64(v, len, out);
    for (u64 c = 0; d->choices[c]; c++)
        if (strlen(d->choices[c]) == len && strn_eq(d->choices[c], v, len)) { *out = c; return 0; }
    return -1;
}

/* Calls fn(key, keylen, value, valuelen) for every word; stops at an error. */
typedef int (*word_fn)(const char *k, size_t kl, const char *v, size_t vl, struct boot_args *a);

static int for_each_word(const char *s, word_fn fn, struct boot_args *a) {
    while (*s) {
        while (*s == ' ') s++;
        const char *w = s;
        while (*s && *s != ' ') s++;
        if (s == w) break;
        const char *eq = w;
        while (eq < s && *eq != '=') eq++;
        if (eq == s) {
            kprintf("ERROR bad word '%s' in command line (want key=value)\n", w);
            return -1;
        }
        if (fn(w, (size_t)(eq - w), eq + 1, (size_t)(s - eq - 1), a) < 0) return -1;
    }
    return 0;
}

static int find_workload(const char *k, size_t kl, const char *v, size_t vl, struct boot_args *a) {
    if (kl == 8 && strn_eq(k, "workload", 8)) {
        a->workload = workload_find(v, vl);
        if (!a->workload) {
            char name[32];
            snformat(name, sizeof name, "%s", v);
            name[vl < sizeof name ? vl : sizeof name - 1] = 0;
            kprintf("ERROR unknown workload '%s'\n", name);
            return -1;
        }
    }
    return 0;
}

static int set_param(const char *k, size_t kl, const char *v, size_t vl, struct boot_args *a) {
    if (kl == 8 && strn_eq(k, "workload", 8)) return 0;
    if (kl == 4 && strn_eq(k, "priv", 4)) {
        size_t n = vl < sizeof a->priv - 1 ? vl : sizeof a->priv - 1;
        memcpy(a->priv, v, n);
        a->priv[n] = 0;
        return 0;
    }
    int i = param_index(a->workload, k, kl);
    if (i < 0 || parse_value(&a->workload->params[i], v, vl, &a->params[i]) < 0) {
        char word[48];
        size_t n = kl + 1 + vl < sizeof word - 1 ? kl + 1 + vl : sizeof word - 1;
        memcpy(word, k, n);
        word[n] = 0;
        kprintf("ERROR bad parameter '%s' for workload %s\n", word, a->workload->name);
        return -1;
    }
    return 0;
}

int cmdline_parse(const char *cmdline, struct boot_args *a) {
    memset(a, 0, sizeof *a);
    memcpy(a->priv, "native", 7);
    if (for_each_word(cmdline, find_workload, a) < 0) return -1;
    if (!a->workload) {
        kprintf("ERROR no workload= on the command line\n");
        return -1;
    }
    const struct workload *w = a->workload;
    for (a->nparams = 0; a->nparams < MAX_PARAMS && w->params[a->nparams].name; a->nparams++)
        a->params[a->nparams] = w->params[a->nparams].def;
    return for_each_word(cmdline, set_param, a);
}

void cmdline_usage(void) {
    kprintf("usage: workload=NAME [key=value ...]\n");
    for (const struct workload *w = workloads; w->name; w++) {
        kprintf("  %s - %s\n", w->name, w->help);
        for (int i = 0; i < MAX_PARAMS && w->params[i].name; i++) {
            const struct param_def *d = &w->params[i];
            if (d->choices) kprintf("      %s=%s (choices:", d->name, d->choices[d->def]);
            else            kprintf("      %s=%u (", d->name, d->def);
            for (int c = 0; d->choices && d->choices[c]; c++) kprintf(" %s", d->choices[c]);
            kprintf("%s%s)\n", d->choices ? "; " : "", d->help);
        }
    }
}
