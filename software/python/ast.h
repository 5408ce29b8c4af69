/* ast.h - tokens and the parse tree shared by lexer.c, parser.c, compile.c */
#ifndef AST_H
#define AST_H
#include "py.h"

enum { T_NAME, T_NUMBER, T_STRING, T_OP, T_NEWLINE, T_INDENT, T_DEDENT, T_EOF };

typedef struct {
    int kind;
    int line, col;
    const char *s;       /* points into the source */
    int len;
    Obj *val;            /* numbers, decoded strings */
    int strkind;         /* 's' str, 'b' bytes, 'f' f-string (val = raw text), 'r' raw f-string */
} Token;

typedef struct {
    const char *src;
    int srclen;
    Obj *filename;
    Token *toks;
    int ntoks, cap;
    const char *pending_msg;   /* an unclosed bracket, reported if the parser reaches the end */
    int pending_line, pending_col;
} Lexer;

enum {
    /* expressions */
    N_NAME, N_CONST, N_BINOP, N_UNARY, N_BOOLOP, N_NOT, N_COMPARE, N_IFEXP, N_LAMBDA,
    N_CALL, N_ATTR, N_SUBSCR, N_SLICE, N_TUPLE, N_LIST, N_DICT, N_SET, N_LISTCOMP,
    N_SETCOMP, N_DICTCOMP, N_GENEXP, N_COMPFOR, N_STARRED, N_DSTAR, N_KEYWORD, N_YIELD,
    N_YIELDFROM, N_FSTRING, N_FVALUE, N_WALRUS,
    /* statements */
    N_EXPR, N_ASSIGN, N_AUGASSIGN, N_PASS, N_BREAK, N_CONTINUE, N_RETURN, N_RAISE,
    N_GLOBAL, N_NONLOCAL, N_DEL, N_ASSERT, N_IMPORT, N_IMPORTFROM, N_ALIAS, N_IF,
    N_WHILE, N_FOR, N_TRY, N_HANDLER, N_WITH, N_WITHITEM, N_FUNCDEF, N_CLASS, N_BLOCK,
    N_ARGS, N_PARAM, N_MODULE
};
enum { P_POS, P_VARARGS, P_KWONLY, P_VARKW };

typedef struct Node Node;
struct Node {
    int kind, line, col, op;
    int paren;           /* written in parentheses */
    Obj *v, *v2;
    Node *a, *b, *c, *d;
    Node **kids;
    int nkids, capkids;
    int *ops;            /* comparison operators */
    void *scope;         /* compile.c: scope of functions, classes, lambdas, comprehensions */
};

void lex_source(Lexer *lx, const char *src, int len, Obj *filename);
Node *parse_file(Lexer *lx, int mode);
Node *node_new(int kind, int line, int col);
void node_add(Node *n, Node *kid);
void ast_free_all(void);
void syntax_error(Obj *filename, const char *src, int line, int col, const char *msg);
Obj *decode_string_body(const char *s, int len, int raw, int isbytes, Obj *filename, const char *src, int line, int col);
#endif
