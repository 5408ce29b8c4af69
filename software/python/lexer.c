/* lexer.c - source text to tokens, with INDENT/DEDENT and implicit line joining */
#include "ast.h"
#include <stdlib.h>
#include <stdio.h>

static void add_tok(Lexer *lx, int kind, int line, int col, const char *s, int len, Obj *val) {
    Token *t;
    if (lx->ntoks == lx->cap) {
        lx->cap = lx->cap ? lx->cap * 2 : 256;
        lx->toks = gc_realloc(lx->toks, lx->cap * sizeof(Token));
    }
    t = &lx->toks[lx->ntoks++];
    t->kind = kind; t->line = line; t->col = col; t->s = s; t->len = len; t->val = val;
    t->strkind = 0;
}

static int is_id_start(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80; }
static int is_id_char(int c) { return is_id_start(c) || (c >= '0' && c <= '9'); }

static int hexval(int c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Decode the escapes of a string literal body into a str or bytes object. */
Obj *decode_string_body(const char *s, int len, int raw, int isbytes, Obj *filename, const char *src, int line, int col) {
    Buf b;
    int i = 0;
    buf_init(&b);
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        if (c != '\\' || raw) {
            if (raw && c == '\\' && i + 1 < len) { buf_addc(&b, '\\'); buf_addc(&b, s[i + 1]); i += 2; continue; }
            if (isbytes && c >= 0x80) { buf_free(&b); syntax_error(filename, src, line, col, "bytes can only contain ASCII literal characters"); }
            buf_addc(&b, (char)c); i++; continue;
        }
        i++;
        if (i >= len) { buf_addc(&b, '\\'); break; }
        c = (unsigned char)s[i++];
        switch (c) {
        case '\n': break;
        case '\\': buf_addc(&b, '\\'); break;
        case '\'': buf_addc(&b, '\''); break;
        case '"': buf_addc(&b, '"'); break;
        case 'a': buf_addc(&b, 7); break;
        case 'b': buf_addc(&b, 8); break;
        case 'f': buf_addc(&b, 12); break;
        case 'n': buf_addc(&b, '\n'); break;
        case 'r': buf_addc(&b, '\r'); break;
        case 't': buf_addc(&b, '\t'); break;
        case 'v': buf_addc(&b, 11); break;
        case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
            unsigned v = c - '0';
            int k;
            for (k = 0; k < 2 && i < len && s[i] >= '0' && s[i] <= '7'; k++) v = v * 8 + (s[i++] - '0');
            if (isbytes) buf_addc(&b, (char)(v & 0xff));
            else { char u[4]; buf_add(&b, u, utf8_encode(v, u)); }
            break;
        }
        case 'x': case 'u': case 'U': {
            int nd = c == 'x' ? 2 : c == 'u' ? 4 : 8, k;
            unsigned v = 0;
            if (isbytes && c != 'x') { buf_addc(&b, '\\'); buf_addc(&b, (char)c); break; }
            for (k = 0; k < nd; k++) {
                int h = i < len ? hexval((unsigned char)s[i]) : -1;
                if (h < 0) {
                    char msg[100];
                    buf_free(&b);
                    snprintf(msg, sizeof msg, "(%s) can't decode bytes in position %d-%d: truncated \\%sXX escape",
                             isbytes ? "value error" : "unicode error", 0, 1, c == 'x' ? "x" : c == 'u' ? "u" : "U");
                    syntax_error(filename, src, line, col, msg);
                }
                v = v * 16 + h; i++;
            }
            if (isbytes) buf_addc(&b, (char)v);
            else {
                char u[4];
                if (v > 0x10ffff) { buf_free(&b); syntax_error(filename, src, line, col, "(unicode error) illegal Unicode character"); }
                buf_add(&b, u, utf8_encode(v, u));
            }
            break;
        }
        default: buf_addc(&b, '\\'); buf_addc(&b, (char)c); break;
        }
    }
    if (isbytes) { Obj *r = bytes_new(b.s, b.len); buf_free(&b); return r; }
    return buf_to_str(&b);
}

static const char *ops3[] = {"**=", "//=", ">>=", "<<=", "...", NULL};
static const char *ops2[] = {"**", "//", ">>", "<<", "<=", ">=", "==", "!=", "->", "+=", "-=", "*=", "/=",
                             "%=", "&=", "|=", "^=", "@=", ":=", NULL};

void lex_source(Lexer *lx, const char *src, int len, Obj *filename) {
    int indents[200], nind = 1, depth = 0, line = 1;
    const char *p = src, *end = src + len, *linestart = src;
    char brstack[200];
    int at_line_start = 1;
    lx->src = src; lx->srclen = len; lx->filename = filename;
    lx->toks = NULL; lx->ntoks = lx->cap = 0;
    lx->pending_msg = NULL;
    indents[0] = 0;
    /* skip a UTF-8 byte order mark */
    if (len >= 3 && (unsigned char)p[0] == 0xef && (unsigned char)p[1] == 0xbb && (unsigned char)p[2] == 0xbf) p += 3;
    while (p < end || at_line_start) {
        if (at_line_start) {
            int col = 0;
            const char *q = p;
            at_line_start = 0;
            while (q < end && (*q == ' ' || *q == '\t' || *q == '\f')) {
                if (*q == '\t') col = (col / 8 + 1) * 8; else if (*q == ' ') col++; else col = 0;
                q++;
            }
            if (q >= end) { p = q; break; }
            if (*q == '#' || *q == '\n' || *q == '\r' || (*q == '\\' && q + 1 < end && q[1] == '\n')) {
                /* blank or comment-only line: no indentation change */
                while (q < end && *q != '\n') q++;
                if (q < end) { q++; line++; linestart = q; at_line_start = 1; }
                p = q;
                continue;
            }
            p = q;
            if (depth == 0) {
                if (col > indents[nind - 1]) {
                    if (nind >= 100) syntax_error(filename, src, line, col + 1, "too many levels of indentation");
                    indents[nind++] = col;
                    add_tok(lx, T_INDENT, line, col, p, 0, NULL);
                } else {
                    while (col < indents[nind - 1]) {
                        nind--;
                        add_tok(lx, T_DEDENT, line, col, p, 0, NULL);
                    }
                    if (col != indents[nind - 1]) {
                        lx->toks[lx->ntoks - 1].kind = T_DEDENT;
                        syntax_error(filename, src, line, col + 1, "unindent does not match any outer indentation level");
                    }
                }
            }
        }
        if (p >= end) break;
        {
            unsigned char c = (unsigned char)*p;
            int col = (int)(p - linestart);
            if (c == ' ' || c == '\t' || c == '\f' || c == '\r') { p++; continue; }
            if (c == '#') { while (p < end && *p != '\n') p++; continue; }
            if (c == '\\') {
                if (p + 1 < end && p[1] == '\n') { p += 2; line++; linestart = p; continue; }
                if (p + 2 < end && p[1] == '\r' && p[2] == '\n') { p += 3; line++; linestart = p; continue; }
                syntax_error(filename, src, line, col + 1, "unexpected character after line continuation character");
            }
            if (c == '\n') {
                if (depth == 0 && lx->ntoks && lx->toks[lx->ntoks - 1].kind != T_NEWLINE)
                    add_tok(lx, T_NEWLINE, line, col, p, 0, NULL);
                p++; line++; linestart = p;
                if (depth == 0) at_line_start = 1;
                continue;
            }
            /* string literal, possibly with prefix */
            {
                const char *q = p;
                int raw = 0, isb = 0, isf = 0, ok = 1;
                while (q < end && q - p < 3 && strchr("rRbBfFuU", *q) && *q) {
                    char pc = (char)(*q | 0x20);
                    if (pc == 'r') raw = 1; else if (pc == 'b') isb = 1; else if (pc == 'f') isf = 1;
                    q++;
                }
                if (q < end && (*q == '\'' || *q == '"') && !(isb && isf)) {
                    char quote = *q;
                    int triple = q + 2 < end && q[1] == quote && q[2] == quote;
                    const char *body, *bend;
                    int sline = line;
                    Token *t;
                    q += triple ? 3 : 1;
                    body = q;
                    for (;;) {
                        if (q >= end) {
                            char msg[100];
                            snprintf(msg, sizeof msg, "%s (detected at line %d)", triple ? "unterminated triple-quoted string literal"
                                     : "unterminated string literal", end > src && end[-1] == '\n' ? line - 1 : line);
                            syntax_error(filename, src, sline, col + 1, msg);
                        }
                        if (*q == '\\' && q + 1 < end) { if (q[1] == '\n') { line++; linestart = q + 2; } q += 2; continue; }
                        if (*q == '\n') {
                            if (!triple) {
                                char msg[100];
                                snprintf(msg, sizeof msg, "unterminated string literal (detected at line %d)", sline);
                                syntax_error(filename, src, sline, col + 1, msg);
                            }
                            line++; q++; linestart = q; continue;
                        }
                        if (*q == quote && (!triple || (q + 2 < end && q[1] == quote && q[2] == quote))) break;
                        q++;
                    }
                    bend = q;
                    q += triple ? 3 : 1;
                    add_tok(lx, T_STRING, sline, col, p, (int)(q - p), NULL);
                    t = &lx->toks[lx->ntoks - 1];
                    if (isf) {
                        t->strkind = raw ? 'r' : 'f';
                        t->val = str_new(body, (int)(bend - body));
                    } else {
                        t->strkind = isb ? 'b' : 's';
                        t->val = decode_string_body(body, (int)(bend - body), raw, isb, filename, src, sline, col + 1);
                    }
                    p = q;
                    continue;
                }
                (void)ok;
            }
            if (is_id_start(c)) {
                const char *q = p;
                while (q < end && is_id_char((unsigned char)*q)) q++;
                add_tok(lx, T_NAME, line, col, p, (int)(q - p), str_new(p, (int)(q - p)));
                p = q;
                continue;
            }
            if ((c >= '0' && c <= '9') || (c == '.' && p + 1 < end && p[1] >= '0' && p[1] <= '9')) {
                const char *q = p;
                char tmp[400];
                int n = 0, isfloat = 0, base = 10;
                Obj *v;
                if (c == '0' && q + 1 < end && strchr("xXoObB", q[1]) && q[1]) {
                    char bc = (char)(q[1] | 0x20);
                    base = bc == 'x' ? 16 : bc == 'o' ? 8 : 2;
                    q += 2;
                    while (q < end && (hexval((unsigned char)*q) >= 0 || *q == '_')) {
                        if (*q != '_' && n < 390) tmp[n++] = *q;
                        q++;
                    }
                } else {
                    while (q < end && ((*q >= '0' && *q <= '9') || *q == '_')) { if (*q != '_' && n < 390) tmp[n++] = *q; q++; }
                    if (q < end && *q == '.') { isfloat = 1; tmp[n++] = '.'; q++;
                        while (q < end && ((*q >= '0' && *q <= '9') || *q == '_')) { if (*q != '_' && n < 390) tmp[n++] = *q; q++; } }
                    if (q < end && (*q == 'e' || *q == 'E')) {
                        const char *r = q + 1;
                        if (r < end && (*r == '+' || *r == '-')) r++;
                        if (r < end && *r >= '0' && *r <= '9') {
                            isfloat = 1;
                            tmp[n++] = 'e'; q++;
                            if (*q == '+' || *q == '-') tmp[n++] = *q++;
                            while (q < end && *q >= '0' && *q <= '9') { if (n < 390) tmp[n++] = *q; q++; }
                        }
                    }
                    if (q < end && (*q == 'j' || *q == 'J'))
                        syntax_error(filename, src, line, col + 1, "complex numbers are not supported");
                }
                tmp[n] = 0;
                if (q < end && is_id_char((unsigned char)*q))
                    syntax_error(filename, src, line, col + 1, base == 10 ? "invalid decimal literal" : "invalid digit in literal");
                if (isfloat) v = float_new(strtod(tmp, NULL));
                else {
                    if (base == 10 && n > 1 && tmp[0] == '0') {
                        int k, allz = 1;
                        for (k = 0; k < n; k++) if (tmp[k] != '0') allz = 0;
                        if (!allz) syntax_error(filename, src, line, col + 1,
                            "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers");
                    }
                    v = int_from_str(tmp, n, base);
                    if (!v) syntax_error(filename, src, line, col + 1, "invalid digit in literal");
                }
                add_tok(lx, T_NUMBER, line, col, p, (int)(q - p), v);
                p = q;
                continue;
            }
            /* operators */
            {
                int k, n = 0;
                for (k = 0; ops3[k]; k++) if (end - p >= 3 && !strncmp(p, ops3[k], 3)) n = 3;
                if (!n) for (k = 0; ops2[k]; k++) if (end - p >= 2 && !strncmp(p, ops2[k], 2)) n = 2;
                if (!n && strchr("+-*/%@&|^~<>()[]{},:.;=!", c) && c) n = 1;
                if (!n || (n == 1 && c == '!')) {
                    char msg[80];
                    if (c >= 0x80) snprintf(msg, sizeof msg, "invalid non-printable character");
                    else if (c == '$' || c == '?' || c == '`') snprintf(msg, sizeof msg, "invalid syntax");
                    else snprintf(msg, sizeof msg, "invalid character '%c' (U+%04X)", c >= 32 && c < 127 ? c : '?', c);
                    syntax_error(filename, src, line, col + 1, msg);
                }
                if (c == '(' || c == '[' || c == '{') {
                    if (depth >= 199) syntax_error(filename, src, line, col + 1, "too many nested parentheses");
                    brstack[depth++] = (char)c;
                } else if (c == ')' || c == ']' || c == '}') {
                    char open = c == ')' ? '(' : c == ']' ? '[' : '{';
                    char msg[80];
                    if (depth == 0) {
                        snprintf(msg, sizeof msg, "unmatched '%c'", c);
                        syntax_error(filename, src, line, col + 1, msg);
                    }
                    if (brstack[depth - 1] != open) {
                        snprintf(msg, sizeof msg, "closing parenthesis '%c' does not match opening parenthesis '%c'", c, brstack[depth - 1]);
                        syntax_error(filename, src, line, col + 1, msg);
                    }
                    depth--;
                }
                add_tok(lx, T_OP, line, col, p, n, NULL);
                p += n;
            }
        }
    }
    if (depth > 0) {
        /* find the unclosed bracket for the message */
        int k, d = 0;
        for (k = lx->ntoks - 1; k >= 0; k--) {
            Token *t = &lx->toks[k];
            if (t->kind != T_OP || t->len != 1) continue;
            if (strchr(")]}", t->s[0])) d++;
            else if (strchr("([{", t->s[0])) {
                if (d == 0) {
                    static char msg[60];
                    snprintf(msg, sizeof msg, "'%c' was never closed", t->s[0]);
                    lx->pending_msg = msg;
                    lx->pending_line = t->line;
                    lx->pending_col = t->col + 1;
                    break;
                }
                d--;
            }
        }
    }
    if (lx->ntoks && lx->toks[lx->ntoks - 1].kind != T_NEWLINE && lx->toks[lx->ntoks - 1].kind != T_DEDENT)
        add_tok(lx, T_NEWLINE, line, (int)(p - linestart), p, 0, NULL);
    while (nind > 1) { nind--; add_tok(lx, T_DEDENT, line, 0, p, 0, NULL); }
    add_tok(lx, T_EOF, line, 0, p, 0, NULL);
}
