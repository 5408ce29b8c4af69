int add(int a, int b) { return a + b; }
int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
struct P { int x, y; };
int main(void) {
    struct P p = {1, 2};
    int s = 0;
    for (int i = 0; i < 10; i++) s += add(i, p.y) * 3;
    return fib(10) + s + p.x;
}
