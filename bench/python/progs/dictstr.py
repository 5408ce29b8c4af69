# Dict- and string-heavy loops: word counting, joins, formatting, slicing.
words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"]
counts = {}
parts = []
for i in range(150000):
    w = words[i % 8] + str(i % 97)
    counts[w] = counts.get(w, 0) + 1
    if i % 10 == 0:
        parts.append(w.upper()[1:4])
text = ",".join(parts)
fields = text.split(",")
index = {}
for f in fields:
    index.setdefault(f[0], []).append(f)
summary = sorted((k, len(v)) for k, v in index.items())
print(len(counts), len(text), summary[:3], "%d-%s" % (len(fields), fields[-1]))
