import re
print(re.match(r"(\d+)-(\d+)", "12-345abc").groups(), re.search(r"\bfoo\b", "a foo b").span())
print(re.findall(r"[a-z]+", "Hello World foo"), re.findall(r"(\w)(\d)", "a1 b2 c"), re.sub(r"\s+", " ", "a  b\t\nc"))
print(re.split(r",\s*", "a, b,c ,d"), re.fullmatch(r"[A-Z][a-z]*", "Hello") is not None, re.match("x*", "yyy").span())
m = re.match(r"(?P<key>\w+)=(?P<val>[^;]*)", "name=value;rest")
print(m.group("key"), m["val"], m.groupdict(), m.lastgroup, m.end())
print(re.sub(r"(\w+)@(\w+)", r"\2 at \1", "bob@example"), re.escape("a.b*c"), re.findall(r"a.*?b", "axxbyyb"))
print(re.match(r"/\*.*?\*/", "/* a\n b */ x", re.S).group(), re.search("HELLO", "say hello", re.I).group())
print(re.findall(r"^\w+", "one\ntwo\nthree", re.M), re.match(r"(?:ab)+", "ababab!").group(), re.match(r"a{2,3}", "aaaa").group())
print(re.findall(r"\d+(?=px)", "10px 20em 30px"), re.findall(r"[^aeiou\s]+", "hello world"), re.match(r"[-+]?\d*\.?\d+", "-3.5e").group())
pat = re.compile(r"""
  (?P<ws>[ \t]+)
| (?P<num>\d+)
| (?P<id>[A-Za-z_]\w*)
| (?P<op>[-+*/=()])
""", re.X)
pos, toks = 0, []
src = "x = 42 + foo_1*(y - 7)"
while pos < len(src):
    m = pat.match(src, pos)
    if m.lastgroup != "ws":
        toks.append((m.lastgroup, m.group()))
    pos = m.end()
print(toks)
