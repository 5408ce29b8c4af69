/* parser.c - recursive descent from tokens to the parse tree (ast.h).
 * Follows the Python 3 grammar; every function is named after its rule.
 */
#include "ast.h"
#include <stdlib.h>
#include <stdio.h>

typedef struct {
    Lexer *lx;
    int pos;
    int func_depth;    /* for 'return' outside function */
    int loop_depth;
} Parser;

/* parse tree nodes live in an arena freed after compilation */
static void **arena;
static int arena_len, arena_cap;

static void *arena_alloc(size_t n) {
    void *p = calloc(1, n);
    if (!p) py_raise(exc_new(MemoryError, NULL));
    if (arena_len == arena_cap) {
        arena_cap = arena_cap ? arena_cap * 2 : 1024;
        arena = realloc(arena, arena_cap * sizeof(void *));
    }
    arena[arena_len++] = p;
    return p;
}

void ast_free_all(void) {
    int i;
    for (i = 0; i < arena_len; i++) free(arena[i]);
    arena_len = 0;
}

Node *node_new(int kind, int line, int col) {
    Node *n = arena_alloc(sizeof(Node));
    n->kind = kind; n->line = line; n->col = col;
    return n;
}

void node_add(Node *n, Node *kid) {
    if (n->nkids == n->capkids) {
        Node **k = arena_alloc(sizeof(Node *) * (n->capkids ? n->capkids * 2 : 4));
        if (n->nkids) memcpy(k, n->kids, sizeof(Node *) * n->nkids);
        n->kids = k;
        n->capkids = n->capkids ? n->capkids * 2 : 4;
    }
    n->kids[n->nkids++] = kid;
}

static Token *peek(Parser *p) { return &p->lx->toks[p->pos]; }
static Token *peek2(Parser *p) { return &p->lx->toks[p->pos + 1 < p->lx->ntoks ? p->pos + 1 : p->pos]; }
static Token *next(Parser *p) { Token *t = &p->lx->toks[p->pos]; if (t->kind != T_EOF) p->pos++; return t; }

static int tok_is(Token *t, const char *s) {
    int n = (int)strlen(s);
    return (t->kind == T_OP || t->kind == T_NAME) && t->len == n && !memcmp(t->s, s, n);
}
static int at(Parser *p, const char *s) { return tok_is(peek(p), s); }
static int accept(Parser *p, const char *s) { if (at(p, s)) { next(p); return 1; } return 0; }

static const char *keywords[] = {"False", "None", "True", "and", "as", "assert", "async", "await", "break",
    "class", "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if",
    "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield", NULL};

static int is_keyword(Token *t) {
    int i;
    if (t->kind != T_NAME) return 0;
    for (i = 0; keywords[i]; i++) if (tok_is(t, keywords[i])) return 1;
    return 0;
}

static void error_at(Parser *p, Token *t, const char *msg) {
    syntax_error(p->lx->filename, p->lx->src, t->line, t->col + 1, msg);
}

static int starts_expr(Token *t) {
    return t->kind == T_NAME || t->kind == T_NUMBER || t->kind == T_STRING || tok_is(t, "(") || tok_is(t, "[") || tok_is(t, "{");
}
static int ends_expr(Token *t) {
    return t->kind == T_NAME || t->kind == T_NUMBER || t->kind == T_STRING || tok_is(t, ")") || tok_is(t, "]") || tok_is(t, "}");
}

static void fail(Parser *p) {
    Token *t = peek(p);
    if (p->lx->pending_msg && (t->kind == T_EOF || t->kind == T_NEWLINE || t->kind == T_DEDENT || t->line > p->lx->pending_line))
        syntax_error(p->lx->filename, p->lx->src, p->lx->pending_line, p->lx->pending_col, p->lx->pending_msg);
    if (p->pos > 0 && starts_expr(t) && ends_expr(&p->lx->toks[p->pos - 1]) && !is_keyword(t) && !is_keyword(&p->lx->toks[p->pos - 1])) {
        int i, depth = 0;
        for (i = 0; i < p->pos; i++) {
            Token *u = &p->lx->toks[i];
            if (tok_is(u, "(") || tok_is(u, "[") || tok_is(u, "{")) depth++;
            else if (tok_is(u, ")") || tok_is(u, "]") || tok_is(u, "}")) depth--;
        }
        if (depth > 0) error_at(p, &p->lx->toks[p->pos - 1], "invalid syntax. Perhaps you forgot a comma?");
    }
    if (t->kind == T_INDENT) error_at(p, t, "unexpected indent");
    if (t->kind == T_DEDENT) error_at(p, t, "unindent does not match any outer indentation level");
    error_at(p, t, "invalid syntax");
}

static void expect(Parser *p, const char *s) {
    if (!accept(p, s)) {
        if (!strcmp(s, ":") && peek(p)->kind == T_NEWLINE) error_at(p, peek(p), "expected ':'");
        fail(p);
    }
}

static Obj *expect_name(Parser *p) {
    Token *t = peek(p);
    if (t->kind != T_NAME || is_keyword(t)) fail(p);
    next(p);
    return str_intern_obj(t->val);
}

static Node *test(Parser *p);
static Node *expr(Parser *p);
static Node *star_expr_or_test(Parser *p);
static Node *block(Parser *p);
static Node *block_after(Parser *p, const char *what, int line);
static Node *statement(Parser *p);
static Node *or_test(Parser *p);
static Node *testlist_star(Parser *p, int allow_yield);
static Node *arglist(Parser *p, Node *call);

static Node *mk(Parser *p, int kind) { Token *t = peek(p); return node_new(kind, t->line, t->col); }

/* ---- f-strings: split into literal parts and embedded expressions ---- */
static Node *parse_sub_expr(Parser *p, const char *s, int len, int line, int col);

static Node *fstring(Parser *p, Token *t, Obj *raw, int israw, Node *out) {
    const char *s = CSTR(raw);
    int len = STR(raw)->len, i = 0;
    Buf lit;
    buf_init(&lit);
    while (i < len) {
        char c = s[i];
        if (c == '{' && i + 1 < len && s[i + 1] == '{') { buf_addc(&lit, '{'); i += 2; continue; }
        if (c == '}' && i + 1 < len && s[i + 1] == '}') { buf_addc(&lit, '}'); i += 2; continue; }
        if (c == '}') error_at(p, t, "f-string: single '}' is not allowed");
        if (c != '{') { buf_addc(&lit, c); i++; continue; }
        /* flush literal */
        if (lit.len) {
            Node *k = node_new(N_CONST, t->line, t->col);
            k->v = decode_string_body(lit.s, lit.len, israw, 0, p->lx->filename, p->lx->src, t->line, t->col);
            node_add(out, k);
            lit.len = 0;
        }
        {
            int depth = 0, start = ++i, conv = 0;
            int exprend, selfdoc = 0;
            char q = 0;
            Node *fv;
            while (i < len) {
                char d = s[i];
                if (q) { if (d == q) q = 0; i++; continue; }
                if (d == '\'' || d == '"') { q = d; i++; continue; }
                if (d == '(' || d == '[' || d == '{') depth++;
                else if (d == ')' || d == ']' || d == '}') { if (depth == 0) break; depth--; }
                else if (depth == 0 && (d == '!' || d == ':') && !(d == '!' && i + 1 < len && s[i + 1] == '=')) break;
                i++;
            }
            if (i >= len) error_at(p, t, "f-string: expecting '}'");
            exprend = i;
            while (exprend > start && (s[exprend - 1] == ' ')) exprend--;
            if (exprend > start && s[exprend - 1] == '=' && !(exprend - 2 >= start && strchr("=!<>", s[exprend - 2]))) {
                selfdoc = 1;
                {
                    Node *k = node_new(N_CONST, t->line, t->col);
                    k->v = str_new(s + start, i - start);
                    node_add(out, k);
                }
                exprend--;
            }
            if (exprend == start || (exprend - start == 1 && s[start] == ' ')) error_at(p, t, "f-string: empty expression not allowed");
            fv = node_new(N_FVALUE, t->line, t->col);
            fv->a = parse_sub_expr(p, s + start, exprend - start, t->line, t->col);
            if (selfdoc) conv = 'r';
            if (s[i] == '!') {
                if (i + 1 >= len || !strchr("rsa", s[i + 1])) error_at(p, t, "f-string: invalid conversion character: expected 's', 'r', or 'a'");
                conv = s[i + 1];
                i += 2;
            }
            fv->op = conv;
            if (i < len && s[i] == ':') {
                int sstart = ++i, d2 = 0;
                Node *spec = node_new(N_FSTRING, t->line, t->col);
                while (i < len) {
                    if (s[i] == '{') d2++;
                    else if (s[i] == '}') { if (d2 == 0) break; d2--; }
                    i++;
                }
                if (selfdoc && conv == 'r') fv->op = 0;
                fstring(p, t, str_new(s + sstart, i - sstart), israw, spec);
                fv->b = spec;
            }
            if (i >= len || s[i] != '}') error_at(p, t, "f-string: expecting '}'");
            i++;
            node_add(out, fv);
        }
    }
    if (lit.len) {
        Node *k = node_new(N_CONST, t->line, t->col);
        k->v = decode_string_body(lit.s, lit.len, israw, 0, p->lx->filename, p->lx->src, t->line, t->col);
        node_add(out, k);
    }
    buf_free(&lit);
    return out;
}

static Node *parse_sub_expr(Parser *p, const char *s, int len, int line, int col) {
    Lexer *sub = arena_alloc(sizeof(Lexer));
    Parser sp;
    Node *n;
    char *copy = arena_alloc(len + 3);
    int i;
    (void)col;
    copy[0] = '(';
    memcpy(copy + 1, s, len);
    copy[len + 1] = ')';
    lex_source(sub, copy, len + 2, p->lx->filename);
    for (i = 0; i < sub->ntoks; i++) sub->toks[i].line = line;
    sp.lx = sub; sp.pos = 0; sp.func_depth = p->func_depth; sp.loop_depth = 0;
    n = testlist_star(&sp, 1);
    if (peek(&sp)->kind != T_NEWLINE) error_at(p, peek(&sp), "f-string: invalid syntax");
    return n;
}

/* ---- atoms ---- */
static Node *comp_for(Parser *p, Node *comp);
static Node *atom(Parser *p) {
    Token *t = peek(p);
    Node *n;
    if (t->kind == T_NUMBER) { next(p); n = node_new(N_CONST, t->line, t->col); n->v = t->val; return n; }
    if (t->kind == T_STRING) {
        /* adjacent literals concatenate */
        int has_f = 0, kind = t->strkind == 'b' ? 'b' : 's', i;
        Node *fs = node_new(N_FSTRING, t->line, t->col);
        for (i = p->pos; p->lx->toks[i].kind == T_STRING; i++) {
            Token *u = &p->lx->toks[i];
            if (u->strkind == 'f' || u->strkind == 'r') has_f = 1;
            if ((u->strkind == 'b') != (kind == 'b')) error_at(p, u, "cannot mix bytes and nonbytes literals");
        }
        while (peek(p)->kind == T_STRING) {
            Token *u = next(p);
            if (u->strkind == 'f' || u->strkind == 'r') fstring(p, u, u->val, u->strkind == 'r', fs);
            else { Node *k = node_new(N_CONST, u->line, u->col); k->v = u->val; node_add(fs, k); }
        }
        if (has_f) return fs;
        n = node_new(N_CONST, t->line, t->col);
        if (fs->nkids == 1) { n->v = fs->kids[0]->v; return n; }
        if (kind == 'b') {
            Buf b; buf_init(&b);
            for (i = 0; i < fs->nkids; i++) buf_add(&b, (char *)((Bytes *)fs->kids[i]->v)->s, ((Bytes *)fs->kids[i]->v)->len);
            n->v = bytes_new(b.s, b.len); buf_free(&b);
        } else {
            Buf b; buf_init(&b);
            for (i = 0; i < fs->nkids; i++) buf_addobj(&b, fs->kids[i]->v);
            n->v = buf_to_str(&b);
        }
        return n;
    }
    if (t->kind == T_NAME) {
        if (tok_is(t, "None")) { next(p); n = node_new(N_CONST, t->line, t->col); n->v = None; return n; }
        if (tok_is(t, "True")) { next(p); n = node_new(N_CONST, t->line, t->col); n->v = True; return n; }
        if (tok_is(t, "False")) { next(p); n = node_new(N_CONST, t->line, t->col); n->v = False; return n; }
        if (is_keyword(t)) fail(p);
        next(p);
        n = node_new(N_NAME, t->line, t->col);
        n->v = str_intern_obj(t->val);
        return n;
    }
    if (tok_is(t, "...")) { next(p); n = node_new(N_CONST, t->line, t->col); n->v = &EllipsisObj; return n; }
    if (tok_is(t, "(")) {
        next(p);
        if (accept(p, ")")) return node_new(N_TUPLE, t->line, t->col);
        if (at(p, "yield")) { n = testlist_star(p, 1); expect(p, ")"); return n; }
        n = star_expr_or_test(p);
        if (at(p, "for")) {
            Node *g = node_new(N_GENEXP, t->line, t->col);
            g->a = n;
            comp_for(p, g);
            expect(p, ")");
            return g;
        }
        if (at(p, ",")) {
            Node *tup = node_new(N_TUPLE, t->line, t->col);
            node_add(tup, n);
            while (accept(p, ",")) {
                if (at(p, ")")) break;
                node_add(tup, star_expr_or_test(p));
            }
            n = tup;
        } else if (n->kind == N_STARRED) error_at(p, t, "cannot use starred expression here");
        expect(p, ")");
        if (n->kind != N_TUPLE) n->paren = 1;
        return n;
    }
    if (tok_is(t, "[")) {
        next(p);
        n = node_new(N_LIST, t->line, t->col);
        if (accept(p, "]")) return n;
        {
            Node *first = star_expr_or_test(p);
            if (at(p, "for")) {
                Node *c = node_new(N_LISTCOMP, t->line, t->col);
                c->a = first;
                comp_for(p, c);
                expect(p, "]");
                return c;
            }
            node_add(n, first);
            while (accept(p, ",")) {
                if (at(p, "]")) break;
                node_add(n, star_expr_or_test(p));
            }
            expect(p, "]");
            return n;
        }
    }
    if (tok_is(t, "{")) {
        next(p);
        n = node_new(N_DICT, t->line, t->col);
        if (accept(p, "}")) return n;
        if (accept(p, "**")) {
            Node *d = node_new(N_DSTAR, t->line, t->col);
            d->a = expr(p);
            node_add(n, d);
        } else {
            Node *first = star_expr_or_test(p);
            if (accept(p, ":")) {
                Node *v;
                if (at(p, "}") || at(p, ",")) error_at(p, peek(p), "expression expected after dictionary key and ':'");
                v = test(p);
                if (at(p, "for")) {
                    Node *c = node_new(N_DICTCOMP, t->line, t->col);
                    c->a = first; c->b = v;
                    comp_for(p, c);
                    expect(p, "}");
                    return c;
                }
                node_add(n, first); node_add(n, v);
            } else {
                Node *s = node_new(N_SET, t->line, t->col);
                if (at(p, "for")) {
                    Node *c = node_new(N_SETCOMP, t->line, t->col);
                    c->a = first;
                    comp_for(p, c);
                    expect(p, "}");
                    return c;
                }
                node_add(s, first);
                while (accept(p, ",")) {
                    if (at(p, "}")) break;
                    node_add(s, star_expr_or_test(p));
                }
                expect(p, "}");
                return s;
            }
        }
        while (accept(p, ",")) {
            if (at(p, "}")) break;
            if (accept(p, "**")) {
                Node *d = node_new(N_DSTAR, t->line, t->col);
                d->a = expr(p);
                node_add(n, d);
                continue;
            }
            node_add(n, test(p));
            expect(p, ":");
            node_add(n, test(p));
        }
        expect(p, "}");
        return n;
    }
    fail(p);
    return NULL;
}

static Node *subscript(Parser *p) {
    Token *t = peek(p);
    Node *a = NULL, *b = NULL, *c = NULL, *s;
    if (!at(p, ":")) {
        a = star_expr_or_test(p);
        if (!at(p, ":")) return a;
    }
    expect(p, ":");
    if (!at(p, ":") && !at(p, "]") && !at(p, ",")) b = test(p);
    if (accept(p, ":")) { if (!at(p, "]") && !at(p, ",")) c = test(p); }
    s = node_new(N_SLICE, t->line, t->col);
    s->a = a; s->b = b; s->c = c;
    return s;
}

static Node *trailers(Parser *p, Node *n) {
    for (;;) {
        Token *t = peek(p);
        if (tok_is(t, "(")) {
            Node *c = node_new(N_CALL, t->line, t->col);
            next(p);
            c->a = n;
            arglist(p, c);
            expect(p, ")");
            n = c;
        } else if (tok_is(t, "[")) {
            Node *s = node_new(N_SUBSCR, t->line, t->col), *idx;
            next(p);
            s->a = n;
            idx = subscript(p);
            if (at(p, ",")) {
                Node *tup = node_new(N_TUPLE, t->line, t->col);
                node_add(tup, idx);
                while (accept(p, ",")) { if (at(p, "]")) break; node_add(tup, subscript(p)); }
                idx = tup;
            }
            expect(p, "]");
            s->b = idx;
            n = s;
        } else if (tok_is(t, ".")) {
            Node *a = node_new(N_ATTR, t->line, t->col);
            next(p);
            a->a = n;
            a->v = expect_name(p);
            n = a;
        } else return n;
    }
}

static Node *power(Parser *p) {
    Node *n;
    if (at(p, "await")) fail(p);
    n = trailers(p, atom(p));
    if (at(p, "**")) {
        Token *t = next(p);
        Node *b = node_new(N_BINOP, t->line, t->col);
        Node *factor_(Parser *);
        b->op = OP_POW; b->a = n;
        b->b = factor_(p);
        return b;
    }
    return n;
}

Node *factor_(Parser *p) {
    Token *t = peek(p);
    if (tok_is(t, "-") || tok_is(t, "+") || tok_is(t, "~")) {
        Node *u = node_new(N_UNARY, t->line, t->col);
        next(p);
        u->op = t->s[0];
        u->a = factor_(p);
        /* fold negative number literals so -2**31 style constants stay cheap */
        if (u->op == '-' && u->a->kind == N_CONST && (IS_SMALL(u->a->v) || TYPE(u->a->v) == &FloatType) && !u->a->paren) {
            u->a->v = unary_neg(u->a->v);
            return u->a;
        }
        return u;
    }
    return power(p);
}

static Node *binary_level(Parser *p, int level);
static const struct { const char *tok; int op; int level; } binops[] = {
    {"*", OP_MUL, 5}, {"/", OP_TRUEDIV, 5}, {"//", OP_FLOORDIV, 5}, {"%", OP_MOD, 5}, {"@", OP_MATMUL, 5},
    {"+", OP_ADD, 4}, {"-", OP_SUB, 4}, {"<<", OP_LSHIFT, 3}, {">>", OP_RSHIFT, 3},
    {"&", OP_AND, 2}, {"^", OP_XOR, 1}, {"|", OP_OR, 0}, {NULL, 0, 0}};

static Node *binary_level(Parser *p, int level) {
    Node *n = level == 6 ? factor_(p) : binary_level(p, level + 1);
    for (;;) {
        Token *t = peek(p);
        int i, found = -1;
        if (t->kind != T_OP) return n;
        for (i = 0; binops[i].tok; i++)
            if (binops[i].level == level && tok_is(t, binops[i].tok)) found = i;
        if (found < 0) return n;
        next(p);
        {
            Node *b = node_new(N_BINOP, t->line, t->col);
            b->op = binops[found].op; b->a = n;
            b->b = level == 5 ? factor_(p) : binary_level(p, level + 1);
            n = b;
        }
    }
}

static Node *expr(Parser *p) { return binary_level(p, 0); }

static int comp_op(Parser *p) {
    Token *t = peek(p);
    if (tok_is(t, "<")) { next(p); return CMP_LT; }
    if (tok_is(t, "<=")) { next(p); return CMP_LE; }
    if (tok_is(t, "==")) { next(p); return CMP_EQ; }
    if (tok_is(t, "!=")) { next(p); return CMP_NE; }
    if (tok_is(t, ">")) { next(p); return CMP_GT; }
    if (tok_is(t, ">=")) { next(p); return CMP_GE; }
    if (tok_is(t, "in")) { next(p); return CMP_IN; }
    if (tok_is(t, "not") && tok_is(peek2(p), "in")) { next(p); next(p); return CMP_NOTIN; }
    if (tok_is(t, "is")) { next(p); if (accept(p, "not")) return CMP_ISNOT; return CMP_IS; }
    return -1;
}

static Node *comparison(Parser *p) {
    Token *t = peek(p);
    Node *n = expr(p), *c = NULL;
    int op, nops = 0;
    while ((op = comp_op(p)) >= 0) {
        if (!c) {
            c = node_new(N_COMPARE, t->line, t->col);
            c->ops = arena_alloc(sizeof(int) * 64);
            node_add(c, n);
        }
        if (nops >= 63) fail(p);
        c->ops[nops++] = op;
        node_add(c, expr(p));
    }
    return c ? c : n;
}

static Node *not_test(Parser *p) {
    Token *t = peek(p);
    if (tok_is(t, "not")) {
        Node *n = node_new(N_NOT, t->line, t->col);
        next(p);
        n->a = not_test(p);
        return n;
    }
    return comparison(p);
}

static Node *bool_chain(Parser *p, const char *kw, Node *(*sub)(Parser *), int op) {
    Token *t = peek(p);
    Node *n = sub(p), *b = NULL;
    while (at(p, kw)) {
        next(p);
        if (!b) { b = node_new(N_BOOLOP, t->line, t->col); b->op = op; node_add(b, n); }
        node_add(b, sub(p));
    }
    return b ? b : n;
}
static Node *and_test(Parser *p) { return bool_chain(p, "and", not_test, 0); }
static Node *or_test(Parser *p) { return bool_chain(p, "or", and_test, 1); }

static Node *params(Parser *p, const char *closer);

static Node *lambdef(Parser *p) {
    Token *t = next(p);
    Node *n = node_new(N_LAMBDA, t->line, t->col);
    n->a = params(p, ":");
    expect(p, ":");
    p->func_depth++;
    n->b = test(p);
    p->func_depth--;
    return n;
}

static Node *test_nocond(Parser *p) {
    if (at(p, "lambda")) return lambdef(p);
    return or_test(p);
}

static Node *test(Parser *p) {
    Token *t = peek(p);
    Node *n;
    if (tok_is(t, "lambda")) return lambdef(p);
    n = or_test(p);
    if (at(p, "if") ) {
        Node *c = node_new(N_IFEXP, t->line, t->col);
        next(p);
        c->b = n;
        c->a = or_test(p);
        if (!accept(p, "else")) error_at(p, peek(p), "expected 'else' after 'if' expression");
        c->c = test(p);
        return c;
    }
    if (at(p, ":=") && n->kind == N_NAME) {
        Node *w = node_new(N_WALRUS, t->line, t->col);
        next(p);
        w->a = n; w->b = test(p);
        return w;
    }
    return n;
}

static Node *star_expr_or_test(Parser *p) {
    Token *t = peek(p);
    if (tok_is(t, "*")) {
        Node *s = node_new(N_STARRED, t->line, t->col);
        next(p);
        s->a = expr(p);
        return s;
    }
    return test(p);
}

static Node *exprlist(Parser *p) {   /* for targets */
    Token *t = peek(p);
    Node *n, *tup;
    n = at(p, "*") ? star_expr_or_test(p) : expr(p);
    if (!at(p, ",")) return n;
    tup = node_new(N_TUPLE, t->line, t->col);
    node_add(tup, n);
    while (accept(p, ",")) {
        if (at(p, "in") || at(p, "=")) break;
        node_add(tup, at(p, "*") ? star_expr_or_test(p) : expr(p));
    }
    return tup;
}

static Node *comp_for(Parser *p, Node *comp) {
    while (at(p, "for")) {
        Token *t = next(p);
        Node *f = node_new(N_COMPFOR, t->line, t->col);
        f->a = exprlist(p);
        expect(p, "in");
        f->b = or_test(p);
        while (at(p, "if")) { next(p); node_add(f, test_nocond(p)); }
        node_add(comp, f);
    }
    return comp;
}

static Node *yield_expr(Parser *p) {
    Token *t = next(p);
    Node *y;
    if (p->func_depth == 0) error_at(p, t, "'yield' outside function");
    if (accept(p, "from")) { y = node_new(N_YIELDFROM, t->line, t->col); y->a = test(p); return y; }
    y = node_new(N_YIELD, t->line, t->col);
    if (!at(p, ")") && !at(p, "]") && !at(p, "}") && peek(p)->kind != T_NEWLINE && !at(p, "=") && !at(p, ";"))
        y->a = testlist_star(p, 0);
    return y;
}

/* testlist with optional star expressions; builds a tuple when there is a comma */
static Node *testlist_star(Parser *p, int allow_yield) {
    Token *t = peek(p);
    Node *n, *tup;
    if (allow_yield && tok_is(t, "yield")) return yield_expr(p);
    n = star_expr_or_test(p);
    if (!at(p, ",")) return n;
    tup = node_new(N_TUPLE, t->line, t->col);
    node_add(tup, n);
    while (accept(p, ",")) {
        Token *u = peek(p);
        if (u->kind == T_NEWLINE || tok_is(u, "=") || tok_is(u, ")") || tok_is(u, ";") || tok_is(u, ":") || u->kind == T_EOF) break;
        if (u->kind == T_OP && u->len >= 2 && u->s[u->len - 1] == '=' && !tok_is(u, "==")) break;
        node_add(tup, star_expr_or_test(p));
    }
    return tup;
}

static Node *arglist(Parser *p, Node *call) {
    int seen_kw = 0;
    while (!at(p, ")")) {
        Token *t = peek(p);
        if (accept(p, "*")) {
            Node *s = node_new(N_STARRED, t->line, t->col);
            s->a = test(p);
            node_add(call, s);
        } else if (accept(p, "**")) {
            Node *s = node_new(N_DSTAR, t->line, t->col);
            s->a = test(p);
            node_add(call, s);
            seen_kw = 1;
        } else if (t->kind == T_NAME && tok_is(peek2(p), "=")) {
            Node *k = node_new(N_KEYWORD, t->line, t->col);
            k->v = expect_name(p);
            next(p);
            k->a = test(p);
            node_add(call, k);
            seen_kw = 1;
        } else {
            Node *a = test(p);
            if (at(p, "for")) {
                Node *g = node_new(N_GENEXP, t->line, t->col);
                g->a = a;
                comp_for(p, g);
                a = g;
            }
            if (seen_kw) error_at(p, t, "positional argument follows keyword argument");
            node_add(call, a);
        }
        if (!accept(p, ",")) break;
    }
    return call;
}

/* parameter list of def (closer ")") or lambda (closer ":") */
static Node *params(Parser *p, const char *closer) {
    Token *t0 = peek(p);
    Node *args = node_new(N_ARGS, t0->line, t0->col);
    int kind = P_POS, seen_default = 0;
    while (!at(p, closer)) {
        Token *t = peek(p);
        Node *prm = node_new(N_PARAM, t->line, t->col);
        if (accept(p, "/")) { if (!accept(p, ",")) break; continue; }
        if (accept(p, "**")) {
            prm->op = P_VARKW;
            prm->v = expect_name(p);
            if (!strcmp(closer, ")") && accept(p, ":")) test(p);
            node_add(args, prm);
            accept(p, ",");
            if (!at(p, closer)) fail(p);
            break;
        }
        if (accept(p, "*")) {
            if (kind != P_POS) error_at(p, t, "* argument may appear only once");
            kind = P_KWONLY;
            if (at(p, ",")) { next(p); continue; }
            prm->op = P_VARARGS;
            prm->v = expect_name(p);
            if (!strcmp(closer, ")") && accept(p, ":")) test(p);
            node_add(args, prm);
            if (!accept(p, ",")) break;
            continue;
        }
        prm->op = kind;
        prm->v = expect_name(p);
        if (!strcmp(closer, ")") && accept(p, ":")) test(p);   /* annotation, ignored */
        if (accept(p, "=")) { prm->a = test(p); if (kind == P_POS) seen_default = 1; }
        else if (seen_default && kind == P_POS) error_at(p, t, "non-default argument follows default argument");
        {
            int i;
            for (i = 0; i < args->nkids; i++)
                if (str_eq(args->kids[i]->v, prm->v)) {
                    char msg[200];
                    snprintf(msg, sizeof msg, "duplicate argument '%s' in function definition", CSTR(prm->v));
                    error_at(p, t, msg);
                }
        }
        node_add(args, prm);
        if (!accept(p, ",")) break;
    }
    return args;
}

/* ---- statements ---- */
static void check_target(Parser *p, Node *n, Token *t, int del) {
    int i;
    switch (n->kind) {
    case N_NAME: case N_ATTR: case N_SUBSCR: return;
    case N_TUPLE: case N_LIST:
        for (i = 0; i < n->nkids; i++) check_target(p, n->kids[i], t, del);
        return;
    case N_STARRED: if (!del) { check_target(p, n->a, t, del); return; } break;
    default: break;
    }
    {
        const char *what = "expression";
        char msg[120];
        switch (n->kind) {
        case N_CONST: what = "literal"; break;
        case N_CALL: what = "function call"; break;
        case N_BINOP: case N_UNARY: case N_BOOLOP: case N_NOT: what = "expression"; break;
        case N_COMPARE: what = "comparison"; break;
        case N_LAMBDA: what = "lambda"; break;
        case N_IFEXP: what = "conditional expression"; break;
        case N_FSTRING: what = "f-string expression"; break;
        case N_DICT: what = "dict literal"; break;
        case N_SET: what = "set display"; break;
        case N_LISTCOMP: what = "list comprehension"; break;
        case N_GENEXP: what = "generator expression"; break;
        case N_YIELD: case N_YIELDFROM: what = "yield expression"; break;
        }
        if (n->kind == N_CONST && (n->v == None || n->v == True || n->v == False)) {
            snprintf(msg, sizeof msg, "cannot %s %s", del == 1 ? "delete" : "assign to", n->v == None ? "None" : n->v == True ? "True" : "False");
        } else
            snprintf(msg, sizeof msg, del == 1 ? "cannot delete %s" : "cannot assign to %s here. Maybe you meant '==' instead of '='?", what);
        if (!del && n->kind != N_COMPARE && n->kind != N_NAME) {
            if (del == 2) snprintf(msg, sizeof msg, "cannot assign to %s here. Maybe you meant '==' instead of '='?", what);
            else snprintf(msg, sizeof msg, "cannot assign to %s", what);
        }
        if (!del && n->kind == N_CONST && (n->v == None || n->v == True || n->v == False))
            snprintf(msg, sizeof msg, "cannot assign to %s", n->v == None ? "None" : n->v == True ? "True" : "False");
        syntax_error(p->lx->filename, p->lx->src, n->line, n->col + 1, msg);
    }
}

static Node *dotted_name(Parser *p) {
    Token *t = peek(p);
    Buf b;
    Node *n = node_new(N_ALIAS, t->line, t->col);
    buf_init(&b);
    buf_addobj(&b, expect_name(p));
    while (accept(p, ".")) { buf_addc(&b, '.'); buf_addobj(&b, expect_name(p)); }
    n->v = str_intern_obj(buf_to_str(&b));
    return n;
}

static Node *simple_statement(Parser *p) {
    Token *t = peek(p);
    Node *n;
    if (tok_is(t, "pass")) { next(p); return node_new(N_PASS, t->line, t->col); }
    if (tok_is(t, "break")) {
        next(p);
        if (!p->loop_depth) error_at(p, t, "'break' outside loop");
        return node_new(N_BREAK, t->line, t->col);
    }
    if (tok_is(t, "continue")) {
        next(p);
        if (!p->loop_depth) error_at(p, t, "'continue' not properly in loop");
        return node_new(N_CONTINUE, t->line, t->col);
    }
    if (tok_is(t, "return")) {
        next(p);
        if (!p->func_depth) error_at(p, t, "'return' outside function");
        n = node_new(N_RETURN, t->line, t->col);
        if (peek(p)->kind != T_NEWLINE && !at(p, ";")) n->a = testlist_star(p, 0);
        return n;
    }
    if (tok_is(t, "raise")) {
        next(p);
        n = node_new(N_RAISE, t->line, t->col);
        if (peek(p)->kind != T_NEWLINE && !at(p, ";")) {
            n->a = test(p);
            if (accept(p, "from")) n->b = test(p);
        }
        return n;
    }
    if (tok_is(t, "global") || tok_is(t, "nonlocal")) {
        next(p);
        n = node_new(tok_is(t, "global") ? N_GLOBAL : N_NONLOCAL, t->line, t->col);
        do {
            Node *nm = mk(p, N_NAME);
            nm->v = expect_name(p);
            node_add(n, nm);
        } while (accept(p, ","));
        if (n->kind == N_NONLOCAL && p->func_depth == 0) error_at(p, t, "nonlocal declaration not allowed at module level");
        return n;
    }
    if (tok_is(t, "del")) {
        next(p);
        n = node_new(N_DEL, t->line, t->col);
        do {
            Node *target;
            if (peek(p)->kind == T_NEWLINE) break;
            target = expr(p);
            check_target(p, target, t, 1);
            node_add(n, target);
        } while (accept(p, ","));
        if (!n->nkids) fail(p);
        return n;
    }
    if (tok_is(t, "assert")) {
        next(p);
        n = node_new(N_ASSERT, t->line, t->col);
        n->a = test(p);
        if (accept(p, ",")) n->b = test(p);
        return n;
    }
    if (tok_is(t, "import")) {
        next(p);
        n = node_new(N_IMPORT, t->line, t->col);
        do {
            Node *al = dotted_name(p);
            if (accept(p, "as")) al->v2 = expect_name(p);
            node_add(n, al);
        } while (accept(p, ","));
        return n;
    }
    if (tok_is(t, "from")) {
        int level = 0;
        next(p);
        n = node_new(N_IMPORTFROM, t->line, t->col);
        for (;;) {
            if (accept(p, ".")) level++;
            else if (accept(p, "...")) level += 3;
            else break;
        }
        if (!at(p, "import")) n->v = dotted_name(p)->v;
        n->op = level;
        expect(p, "import");
        if (accept(p, "*")) {
            Node *al = mk(p, N_ALIAS);
            al->v = str_intern("*");
            node_add(n, al);
        } else {
            int paren = accept(p, "(");
            do {
                Node *al = mk(p, N_ALIAS);
                if (paren && at(p, ")")) break;
                al->v = expect_name(p);
                if (accept(p, "as")) al->v2 = expect_name(p);
                node_add(n, al);
            } while (accept(p, ","));
            if (paren) expect(p, ")");
        }
        return n;
    }
    /* expression statement, assignment, augmented assignment */
    {
        Node *first = testlist_star(p, 1);
        Token *op = peek(p);
        if (tok_is(op, "=")) {
            Node *as = node_new(N_ASSIGN, t->line, t->col);
            Node *val = first;
            while (accept(p, "=")) {
                check_target(p, val, t, val->kind == N_TUPLE || val->kind == N_LIST ? 0 : 2);
                node_add(as, val);
                val = testlist_star(p, 1);
            }
            as->a = val;
            return as;
        }
        if (tok_is(op, ":")) {   /* annotated assignment */
            Node *as = node_new(N_ASSIGN, t->line, t->col);
            next(p);
            test(p);
            check_target(p, first, t, 0);
            if (!accept(p, "=")) {
                if (first->kind == N_NAME) return node_new(N_PASS, t->line, t->col);
                n = node_new(N_EXPR, t->line, t->col);
                n->a = first->a ? first->a : first;
                return n;
            }
            node_add(as, first);
            as->a = testlist_star(p, 1);
            return as;
        }
        if (op->kind == T_OP && op->len >= 2 && op->s[op->len - 1] == '=' && !tok_is(op, "==") && !tok_is(op, "<=") &&
            !tok_is(op, ">=") && !tok_is(op, "!=")) {
            static const char *aug[] = {"+=", "-=", "*=", "/=", "//=", "%=", "**=", "<<=", ">>=", "&=", "|=", "^=", "@=", NULL};
            static const int augop[] = {OP_ADD, OP_SUB, OP_MUL, OP_TRUEDIV, OP_FLOORDIV, OP_MOD, OP_POW, OP_LSHIFT,
                                        OP_RSHIFT, OP_AND, OP_OR, OP_XOR, OP_MATMUL};
            int i;
            for (i = 0; aug[i]; i++) if (tok_is(op, aug[i])) break;
            if (!aug[i]) fail(p);
            if (first->kind != N_NAME && first->kind != N_ATTR && first->kind != N_SUBSCR) {
                char msg[100];
                snprintf(msg, sizeof msg, "'%s' is an illegal expression for augmented assignment",
                         first->kind == N_TUPLE ? "tuple" : first->kind == N_LIST ? "list" : first->kind == N_CALL ? "function call" : first->kind == N_CONST ? "literal" : "expression");
                syntax_error(p->lx->filename, p->lx->src, first->line, first->col + 1, msg);
            }
            next(p);
            n = node_new(N_AUGASSIGN, t->line, t->col);
            n->op = augop[i];
            n->a = first;
            n->b = testlist_star(p, 1);
            return n;
        }
        n = node_new(N_EXPR, t->line, t->col);
        n->a = first;
        return n;
    }
}

static Node *simple_statements(Parser *p) {
    Token *t = peek(p);
    Node *blk = node_new(N_BLOCK, t->line, t->col);
    node_add(blk, simple_statement(p));
    while (accept(p, ";")) {
        if (peek(p)->kind == T_NEWLINE) break;
        node_add(blk, simple_statement(p));
    }
    if (peek(p)->kind != T_NEWLINE) fail(p);
    next(p);
    return blk->nkids == 1 ? blk->kids[0] : blk;
}

static const char *block_what;
static int block_line;

static Node *suite(Parser *p) {
    Token *t = peek(p);
    if (t->kind == T_NEWLINE) {
        next(p);
        if (peek(p)->kind != T_INDENT) {
            char msg[160];
            if (block_what) snprintf(msg, sizeof msg, "expected an indented block after %s on line %d", block_what, block_line);
            else snprintf(msg, sizeof msg, "expected an indented block");
            error_at(p, peek(p), msg);
        }
        block_what = NULL;
        next(p);
        {
            Node *blk = node_new(N_BLOCK, t->line, t->col);
            while (peek(p)->kind != T_DEDENT && peek(p)->kind != T_EOF) node_add(blk, statement(p));
            next(p);
            return blk;
        }
    }
    return simple_statements(p);
}
static Node *block(Parser *p) { expect(p, ":"); block_what = NULL; return suite(p); }
static Node *block_after(Parser *p, const char *what, int line) {
    expect(p, ":");
    block_what = what;
    block_line = line;
    return suite(p);
}

static Node *if_rest(Parser *p, Token *t) {
    Node *n = node_new(N_IF, t->line, t->col);
    n->a = test(p);
    n->b = block_after(p, tok_is(t, "elif") ? "'elif' statement" : "'if' statement", t->line);
    if (at(p, "elif")) { Token *e = next(p); n->c = if_rest(p, e); }
    else if (at(p, "else")) { Token *e = next(p); n->c = block_after(p, "'else' statement", e->line); }
    return n;
}

static Node *funcdef(Parser *p, Node *decorators) {
    Token *t = next(p);
    Node *n = node_new(N_FUNCDEF, t->line, t->col);
    int saved_loop = p->loop_depth;
    n->v = expect_name(p);
    expect(p, "(");
    n->a = params(p, ")");
    expect(p, ")");
    if (accept(p, "->")) test(p);
    p->func_depth++;
    p->loop_depth = 0;
    n->b = block_after(p, "function definition", t->line);
    p->func_depth--;
    p->loop_depth = saved_loop;
    if (decorators) { n->kids = decorators->kids; n->nkids = decorators->nkids; n->capkids = decorators->capkids; }
    return n;
}

static Node *classdef(Parser *p, Node *decorators) {
    Token *t = next(p);
    Node *n = node_new(N_CLASS, t->line, t->col);
    int saved_f = p->func_depth, saved_l = p->loop_depth;
    n->v = expect_name(p);
    n->a = node_new(N_CALL, t->line, t->col);
    if (accept(p, "(")) { arglist(p, n->a); expect(p, ")"); }
    p->func_depth = 0;
    p->loop_depth = 0;
    n->b = block_after(p, "class definition", t->line);
    p->func_depth = saved_f;
    p->loop_depth = saved_l;
    if (decorators) { n->kids = decorators->kids; n->nkids = decorators->nkids; n->capkids = decorators->capkids; }
    return n;
}

static Node *statement(Parser *p) {
    Token *t = peek(p);
    if (t->kind == T_INDENT) error_at(p, t, "unexpected indent");
    if (tok_is(t, "if")) { next(p); return if_rest(p, t); }
    if (tok_is(t, "while")) {
        Node *n = node_new(N_WHILE, t->line, t->col);
        next(p);
        n->a = test(p);
        p->loop_depth++;
        n->b = block_after(p, "'while' statement", t->line);
        p->loop_depth--;
        if (at(p, "else")) { Token *e = next(p); n->c = block_after(p, "'else' statement", e->line); }
        return n;
    }
    if (tok_is(t, "for")) {
        Node *n = node_new(N_FOR, t->line, t->col);
        next(p);
        n->a = exprlist(p);
        check_target(p, n->a, t, 0);
        expect(p, "in");
        n->b = testlist_star(p, 0);
        p->loop_depth++;
        n->c = block_after(p, "'for' statement", t->line);
        p->loop_depth--;
        if (at(p, "else")) { Token *e = next(p); n->d = block_after(p, "'else' statement", e->line); }
        return n;
    }
    if (tok_is(t, "try")) {
        Node *n = node_new(N_TRY, t->line, t->col);
        next(p);
        n->a = block_after(p, "'try' statement", t->line);
        while (at(p, "except")) {
            Token *e = next(p);
            Node *h = node_new(N_HANDLER, e->line, e->col);
            if (!at(p, ":")) {
                h->a = test(p);
                if (at(p, ",")) {
                    Node *tup = node_new(N_TUPLE, e->line, e->col);
                    node_add(tup, h->a);
                    while (accept(p, ",")) node_add(tup, test(p));
                    h->a = tup;
                }
                if (accept(p, "as")) h->v = expect_name(p);
            }
            h->b = block_after(p, "'except' statement", e->line);
            node_add(n, h);
        }
        if (n->nkids && accept(p, "else")) n->c = block(p);
        if (at(p, "finally")) { Token *e = next(p); n->d = block_after(p, "'finally' statement", e->line); }
        if (!n->nkids && !n->d) {
            int k = p->pos - 1;
            while (k > 0 && p->lx->toks[k].kind != T_NAME && p->lx->toks[k].kind != T_OP && p->lx->toks[k].kind != T_NUMBER &&
                   p->lx->toks[k].kind != T_STRING) k--;
            error_at(p, &p->lx->toks[k > 0 ? k : 0], "expected 'except' or 'finally' block");
        }
        return n;
    }
    if (tok_is(t, "with")) {
        Node *n = node_new(N_WITH, t->line, t->col);
        int paren = 0;
        next(p);
        if (at(p, "(")) {
            /* parenthesized with-items: look for 'as' or ',' at depth 1 */
            int i, d = 0;
            for (i = p->pos; p->lx->toks[i].kind != T_EOF; i++) {
                Token *u = &p->lx->toks[i];
                if (tok_is(u, "(") || tok_is(u, "[") || tok_is(u, "{")) d++;
                else if (tok_is(u, ")") || tok_is(u, "]") || tok_is(u, "}")) { d--; if (d == 0) { paren = tok_is(&p->lx->toks[i + 1], ":"); break; } }
                else if (d == 1 && tok_is(u, "as")) { paren = 1; }
            }
            if (paren) { int j; for (j = p->pos; j < i; j++) if (tok_is(&p->lx->toks[j], "as")) break; if (j == i) paren = 0; }
            if (paren) next(p);
        }
        do {
            Node *it = mk(p, N_WITHITEM);
            if (paren && at(p, ")")) break;
            it->a = test(p);
            if (accept(p, "as")) { it->b = expr(p); check_target(p, it->b, t, 0); }
            node_add(n, it);
        } while (accept(p, ","));
        if (paren) expect(p, ")");
        n->a = block_after(p, "'with' statement", t->line);
        return n;
    }
    if (tok_is(t, "def")) return funcdef(p, NULL);
    if (tok_is(t, "class")) return classdef(p, NULL);
    if (tok_is(t, "@")) {
        Node *decs = node_new(N_BLOCK, t->line, t->col);
        while (accept(p, "@")) {
            node_add(decs, test(p));
            if (peek(p)->kind != T_NEWLINE) fail(p);
            next(p);
        }
        if (at(p, "def")) return funcdef(p, decs);
        if (at(p, "class")) return classdef(p, decs);
        fail(p);
    }
    if (tok_is(t, "async")) fail(p);
    if (tok_is(t, "else") || tok_is(t, "elif") || tok_is(t, "except") || tok_is(t, "finally")) fail(p);
    return simple_statements(p);
}

Node *parse_file(Lexer *lx, int mode) {
    Parser p;
    Node *mod;
    p.lx = lx; p.pos = 0; p.func_depth = 0; p.loop_depth = 0;
    mod = node_new(N_MODULE, 1, 0);
    if (mode == MODE_EVAL) {
        while (peek(&p)->kind == T_NEWLINE || peek(&p)->kind == T_INDENT) next(&p);
        mod->a = testlist_star(&p, 0);
        while (peek(&p)->kind == T_NEWLINE || peek(&p)->kind == T_DEDENT) next(&p);
        if (peek(&p)->kind != T_EOF) fail(&p);
        return mod;
    }
    while (peek(&p)->kind != T_EOF) {
        if (peek(&p)->kind == T_NEWLINE) { next(&p); continue; }
        node_add(mod, statement(&p));
    }
    return mod;
}
