/* FAT16/FAT32 driver. Every sector goes through one cached sector (v->buf).
 * Cluster values are kept in FAT32 form: FAT16 end marks are widened. Any
 * corruption met on the way sets v->broken, after which nothing is written. */
#include <string.h>
#include "fat.h"

#define EOC 0x0FFFFFF8
#define ATTR_LFN 0x0F

static const fat_u8 lfn_pos[13] = {1, 3, 5, 7, 9, 14, 16, 18, 20, 22, 24, 28, 30};

static fat_u32 rd16(const fat_u8 *p) { return p[0] | p[1] << 8; }
static fat_u32 rd32(const fat_u8 *p) { return rd16(p) | rd16(p + 2) << 16; }
static void wr16(fat_u8 *p, fat_u32 x) { p[0] = x & 0xFF; p[1] = (x >> 8) & 0xFF; }
static void wr32(fat_u8 *p, fat_u32 x) { wr16(p, x); wr16(p + 2, x >> 16); }
static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }
static int upper(int c) { return c >= 'a' && c <= 'z' ? c - 32 : c; }

static int corrupt(struct fat_vol *v) { v->broken = 1; return FAT_ECORRUPT; }
static int valid(struct fat_vol *v, fat_u32 c) { return c >= 2 && c < v->nclusters + 2; }
static fat_u32 clus_bytes(struct fat_vol *v) { return v->sec_per_clus * 512; }
static fat_u32 clus_lba(struct fat_vol *v, fat_u32 c) { return v->data_start + (c - 2) * v->sec_per_clus; }

/* Writes the cached sector back; a FAT sector goes to every FAT copy. */
static int flush(struct fat_vol *v) {
    fat_u32 i, copies = 1;
    if (!v->buf_dirty) return 0;
    if (v->buf_lba >= v->fat_start && v->buf_lba < v->fat_start + v->fat_sectors) copies = v->nfats;
    for (i = 0; i < copies; i++)
        if (v->dev.write(v->dev.ctx, v->buf_lba + i * v->fat_sectors, v->buf)) return FAT_EIO;
    v->buf_dirty = 0;
    return 0;
}

/* The cached sector lba; fill = 0 when the caller overwrites all of it. */
static fat_u8 *load(struct fat_vol *v, fat_u32 lba, int fill) {
    if (lba == v->buf_lba) return v->buf;
    if (flush(v)) return 0;
    v->buf_lba = 0xFFFFFFFF;
    if (fill && v->dev.read(v->dev.ctx, lba, v->buf)) return 0;
    v->buf_lba = lba;
    return v->buf;
}

static int get_fat(struct fat_vol *v, fat_u32 c, fat_u32 *out) {
    fat_u32 at = c * (v->fat32 ? 4 : 2);
    fat_u8 *b = load(v, v->fat_start + at / 512, 1);
    if (!b) return FAT_EIO;
    if (v->fat32) *out = rd32(b + at % 512) & 0x0FFFFFFF;
    else *out = rd16(b + at % 512) >= 0xFFF7 ? rd16(b + at % 512) | 0x0FFF0000 : rd16(b + at % 512);
    return 0;
}

static int set_fat(struct fat_vol *v, fat_u32 c, fat_u32 x) {
    fat_u32 at = c * (v->fat32 ? 4 : 2);
    fat_u8 *b = load(v, v->fat_start + at / 512, 1);
    if (!b) return FAT_EIO;
    if (v->fat32) wr32(b + at % 512, (rd32(b + at % 512) & 0xF0000000) | x);
    else wr16(b + at % 512, x);
    v->buf_dirty = 1;
    return 0;
}

/* The cluster after c, 0 at the end of the chain. */
static int next(struct fat_vol *v, fat_u32 c, fat_u32 *out) {
    int r = get_fat(v, c, out);
    if (r) return r;
    if (*out >= EOC) *out = 0;
    else if (!valid(v, *out)) return corrupt(v);
    return 0;
}

static int zero_cluster(struct fat_vol *v, fat_u32 c) {
    fat_u32 i;
    fat_u8 *b;
    for (i = 0; i < v->sec_per_clus; i++) {
        if (!(b = load(v, clus_lba(v, c) + i, 0))) return FAT_EIO;
        memset(b, 0, 512);
        v->buf_dirty = 1;
    }
    return 0;
}

/* Takes a free cluster, marks it as a chain end and links it after prev. */
static int alloc(struct fat_vol *v, fat_u32 prev, fat_u32 *out) {
    fat_u32 i, c, x;
    int r;
    for (i = 0; i < v->nclusters && v->free_count; i++) {
        c = 2 + (v->next_free - 2 + i) % v->nclusters;
        if ((r = get_fat(v, c, &x))) return r;
        if (x == 0) {
            if ((r = set_fat(v, c, 0x0FFFFFFF)) || (prev && (r = set_fat(v, prev, c)))) return r;
            v->free_count--;
            v->next_free = c + 1;
            *out = c;
            return 0;
        }
    }
    return FAT_ENOSPC;
}

static int free_chain(struct fat_vol *v, fat_u32 c) {
    fat_u32 nx;
    int r;
    while (c) {
        if ((r = next(v, c, &nx)) || (r = set_fat(v, c, 0))) return r;
        v->free_count++;
        c = nx;
    }
    return 0;
}

/* Cluster number n of a node's chain (0 past its end); grow extends the chain. */
static int node_cluster(struct fat_vol *v, struct fat_node *f, fat_u32 n, int grow, fat_u32 *out) {
    fat_u32 i = 0, c = f->first, nx;
    int r;
    if (f->hint_cluster && f->hint_n <= n) {
        i = f->hint_n;
        c = f->hint_cluster;
    }
    *out = 0;
    if (!c) {
        if (!grow) return 0;
        if ((r = alloc(v, 0, &c)) || ((f->attr & FAT_ATTR_DIR) && (r = zero_cluster(v, c))))
            return r;
        f->first = c;
    } else if (!valid(v, c))
        return corrupt(v);
    for (; i < n; i++) {
        if ((r = next(v, c, &nx))) return r;
        if (!nx) {
            if (!grow) return 0;
            if ((r = alloc(v, c, &nx)) || ((f->attr & FAT_ATTR_DIR) && (r = zero_cluster(v, nx))))
                return r;
        }
        c = nx;
    }
    f->hint_n = n;
    f->hint_cluster = c;
    *out = c;
    return 0;
}

static void root_node(struct fat_vol *v, struct fat_node *n) {
    memset(n, 0, sizeof(*n));
    n->first = v->fat32 ? v->root_cluster : 0;
    n->attr = FAT_ATTR_DIR;
    n->is_root = 1;
}

/* The directory holding f's entry. */
static void parent_of(struct fat_vol *v, struct fat_node *f, struct fat_node *d) {
    root_node(v, d);
    d->first = f->parent;
    d->is_root = f->parent == (v->fat32 ? v->root_cluster : 0);
}

/* Directory entry idx of d (*e = 0 past the end); grow extends d. */
static int entry_at(struct fat_vol *v, struct fat_node *d, fat_u32 idx, int grow, fat_u8 **e) {
    fat_u32 off = idx * 32, c, lba;
    int r;
    *e = 0;
    if (idx >= 65536 || (d->is_root && !v->fat32 && idx >= v->root_entries))
        return grow ? FAT_ENOSPC : 0;
    if (d->is_root && !v->fat32) {
        lba = v->root_start + off / 512;
    } else {
        if ((r = node_cluster(v, d, off / clus_bytes(v), grow, &c)) || !c) return r;
        lba = clus_lba(v, c) + off % clus_bytes(v) / 512;
    }
    if (!(*e = load(v, lba, 1))) return FAT_EIO;
    *e += off % 512;
    return 0;
}

static fat_u8 short_sum(const fat_u8 *s) {
    fat_u8 sum = 0;
    int i;
    for (i = 0; i < 11; i++) sum = ((sum & 1) << 7) + (sum >> 1) + s[i];
    return sum;
}

/* The 8.3 name, lower-cased where the NT case bits say so. */
static void short_to_name(const fat_u8 *e, char *name) {
    int i, n = 0;
    for (i = 0; i < 8 && e[i] != ' '; i++) name[n++] = (e[12] & 0x08) ? lower(e[i]) : e[i];
    if (n && name[0] == 0x05) name[0] = (char)0xE5;
    if (e[8] != ' ') name[n++] = '.';
    for (i = 8; i < 11 && e[i] != ' '; i++) name[n++] = (e[12] & 0x10) ? lower(e[i]) : e[i];
    name[n] = 0;
}

int fat_readdir(struct fat_vol *v, struct fat_node *dir, fat_u32 *pos, char *name, struct fat_node *n) {
    fat_u8 *e;
    fat_u32 expect = 0, total = 0, sum = 0, k, i, ch;
    int r;
    if (!(dir->attr & FAT_ATTR_DIR)) return FAT_ENOTDIR;
    for (;; (*pos)++) {
        if ((r = entry_at(v, dir, *pos, 0, &e))) return r;
        if (!e || e[0] == 0) return 0;
        k = e[0] & 0x3F;
        if (e[0] != 0xE5 && e[11] == ATTR_LFN && k >= 1 && k <= 20) {
            /* long-name parts come last part first, each holding 13 characters */
            if (e[0] & 0x40) {
                expect = total = k;
                sum = e[13];
                name[k * 13] = 0;
            } else if (k + 1 != expect || e[13] != sum)
                expect = 0;
            else expect = k;
            for (i = 0; i < 13 && expect; i++) {
                ch = rd16(e + lfn_pos[i]);
                name[(k - 1) * 13 + i] = ch == 0xFFFF ? 0 : ch > 0xFF ? '?' : (char)ch;
            }
            continue;
        }
        if (e[0] == 0xE5 || e[0] == '.' || (e[11] & 0x08)) {   /* free, dot or label */
            expect = 0;
            continue;
        }
        if (expect != 1 || short_sum(e) != sum) {
            total = 0;
            short_to_name(e, name);
        }
        memset(n, 0, sizeof(*n));
        n->first = rd16(e + 26) | (v->fat32 ? rd16(e + 20) << 16 : 0);
        n->size = rd32(e + 28);
        n->attr = e[11];
        n->parent = dir->first;
        n->index = (*pos)++;
        n->nlfn = total;
        if (n->first && !valid(v, n->first)) return corrupt(v);
        return 1;
    }
}

/* FAT names compare without regard to case. */
static int same_name(const char *name, const char *s, fat_u32 len) {
    fat_u32 i;
    for (i = 0; i < len; i++)
        if (!name[i] || lower((fat_u8)name[i]) != lower((fat_u8)s[i])) return 0;
    return !name[len];
}

/* Looks up the first len bytes of path from the root. */
static int walk_path(struct fat_vol *v, const char *path, fat_u32 len, struct fat_node *n) {
    char name[FAT_NAME_BUF];
    struct fat_node dir;
    fat_u32 i = 0, start, pos;
    int r;
    root_node(v, n);
    while (i < len) {
        while (i < len && path[i] == '/') i++;
        for (start = i; i < len && path[i] != '/'; i++)
            ;
        if (i == start) break;
        dir = *n;
        pos = 0;
        do {
            if ((r = fat_readdir(v, &dir, &pos, name, n)) <= 0) return r ? r : FAT_ENOENT;
        } while (!same_name(name, path + start, i - start));
    }
    return 0;
}

int fat_lookup(struct fat_vol *v, const char *path, struct fat_node *n) {
    return walk_path(v, path, strlen(path), n);
}

static int short_char(int c) {
    const char *ok = "$%'-_@~`!(){}^#&";
    while (*ok && *ok != c) ok++;
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 128 || *ok;
}

/* Builds the 8.3 name (with ~tail when tail > 0); 1 if it loses nothing. */
static int short_name(const char *name, fat_u32 len, fat_u8 *s, fat_u32 tail) {
    fat_u32 dot = len, i, n = 0, x = 8, nd = 0;
    int lossless = 1, c;
    char digits[10];
    for (i = 1; i < len; i++)
        if (name[i] == '.') dot = i;
    memset(s, ' ', 11);
    for (i = 0; i < len; i++) {
        c = upper((fat_u8)name[i]);
        if (i == dot || c == ' ' || (c == '.' && i < dot)) {
            lossless = lossless && i == dot;
            continue;
        }
        if (!short_char(c)) {
            c = '_';
            lossless = 0;
        }
        if (i < dot && n < 8) s[n++] = c;
        else if (i > dot && x < 11) s[x++] = c;
        else lossless = 0;
    }
    for (; tail; tail /= 10) digits[nd++] = '0' + tail % 10;
    if (nd) {
        n = n < 7 - nd ? n : 7 - nd;
        s[n++] = '~';
        while (nd) s[n++] = digits[--nd];
    }
    return lossless && n > 0;
}

/* 1 if some entry of d already has the short name s. */
static int short_taken(struct fat_vol *v, struct fat_node *d, const fat_u8 *s) {
    fat_u8 *e;
    fat_u32 i;
    int r;
    for (i = 0;; i++) {
        if ((r = entry_at(v, d, i, 0, &e)) || !e || !e[0]) return r;
        if (e[0] != 0xE5 && e[11] != ATTR_LFN && !memcmp(e, s, 11)) return 1;
    }
}

static void fill_short(struct fat_vol *v, fat_u8 *e, struct fat_node *f) {
    e[11] = f->attr;
    wr16(e + 20, f->first >> 16);
    wr16(e + 22, v->stamp);
    wr16(e + 24, v->stamp >> 16);
    wr16(e + 26, f->first);
    wr32(e + 28, (f->attr & FAT_ATTR_DIR) ? 0 : f->size);
    v->buf_dirty = 1;
}

/* Writes f's long-name entries and short entry into directory d. */
static int add_entry(struct fat_vol *v, struct fat_node *d, const char *name, fat_u32 len, struct fat_node *f) {
    fat_u8 s[11], *e;
    fat_u32 i, k, tail, run = 0, nlfn, ord, p;
    int r, lossless = short_name(name, len, s, 0), mixed = 0;
    for (i = 0; i < len; i++) mixed |= name[i] != upper(name[i]);
    nlfn = lossless && !mixed ? 0 : (len + 12) / 13;
    tail = lossless ? 0 : 1;
    short_name(name, len, s, tail);
    while ((r = short_taken(v, d, s))) {    /* pick a free alias NAME~N */
        if (r < 0) return r;
        if (++tail > 99999) return FAT_ENOSPC;
        short_name(name, len, s, tail);
    }
    for (i = 0; run < nlfn + 1; i++) {      /* a run of free entries */
        if ((r = entry_at(v, d, i, 1, &e))) return r;
        run = e[0] == 0 || e[0] == 0xE5 ? run + 1 : 0;
    }
    f->parent = d->first;
    f->index = i - 1;
    f->nlfn = nlfn;
    for (k = 0; k <= nlfn; k++) {
        if ((r = entry_at(v, d, i - 1 - nlfn + k, 0, &e))) return r;
        memset(e, 0, 32);
        v->buf_dirty = 1;
        if (k == nlfn) {
            memcpy(e, s, 11);
            wr16(e + 14, v->stamp);
            wr16(e + 16, v->stamp >> 16);
            wr16(e + 18, v->stamp >> 16);
            fill_short(v, e, f);
            break;
        }
        ord = nlfn - k;
        e[0] = ord | (k == 0 ? 0x40 : 0);
        e[11] = ATTR_LFN;
        e[13] = short_sum(s);
        for (p = 0; p < 13; p++) {
            fat_u32 at = (ord - 1) * 13 + p;
            wr16(e + lfn_pos[p], at < len ? (fat_u8)name[at] : at == len ? 0 : 0xFFFF);
        }
    }
    return 0;
}

/* Marks f's entries free, without touching its clusters. */
static int erase_entry(struct fat_vol *v, struct fat_node *f) {
    struct fat_node d;
    fat_u8 *e;
    fat_u32 i;
    int r;
    parent_of(v, f, &d);
    for (i = f->index - f->nlfn; i <= f->index; i++) {
        if ((r = entry_at(v, &d, i, 0, &e))) return r;
        if (!e) return corrupt(v);
        e[0] = 0xE5;
        v->buf_dirty = 1;
    }
    return 0;
}

static int update_entry(struct fat_vol *v, struct fat_node *f) {
    struct fat_node d;
    fat_u8 *e;
    int r;
    parent_of(v, f, &d);
    if ((r = entry_at(v, &d, f->index, 0, &e))) return r;
    if (!e) return corrupt(v);
    fill_short(v, e, f);
    return 0;
}

int fat_read(struct fat_vol *v, struct fat_node *f, fat_u32 off, void *buf, fat_u32 len) {
    fat_u32 done = 0, pos, chunk, c, lba;
    fat_u8 *b;
    int r;
    if (f->attr & FAT_ATTR_DIR) return FAT_EISDIR;
    if (off >= f->size) return 0;
    if (len > f->size - off) len = f->size - off;
    while (done < len) {
        pos = off + done;
        if ((r = node_cluster(v, f, pos / clus_bytes(v), 0, &c))) return r;
        if (!c)
            return corrupt(v);          /* chain shorter than the size */
        lba = clus_lba(v, c) + pos % clus_bytes(v) / 512;
        chunk = 512 - pos % 512 < len - done ? 512 - pos % 512 : len - done;
        if (chunk == 512 && lba != v->buf_lba) {    /* whole sectors bypass the cache */
            if (v->dev.read(v->dev.ctx, lba, (fat_u8 *)buf + done)) return FAT_EIO;
        } else if (!(b = load(v, lba, 1)))
            return FAT_EIO;
        else memcpy((fat_u8 *)buf + done, b + pos % 512, chunk);
        done += chunk;
    }
    return done;
}

/* Writes len bytes at off, growing the file (zero-filled past its end). */
int fat_write(struct fat_vol *v, struct fat_node *f, fat_u32 off, const void *buf, fat_u32 len) {
    static const fat_u8 zeros[512];
    fat_u32 done = 0, pos, chunk, c, lba;
    fat_u8 *b;
    int r = 0, u;
    if (v->broken) return FAT_ECORRUPT;
    if (f->attr & FAT_ATTR_DIR) return FAT_EISDIR;
    if (off + len < off) return FAT_ENOSPC;             /* past the 4 GiB FAT limit */
    while (f->size < off && r >= 0)
        r = fat_write(v, f, f->size, zeros, off - f->size < 512 ? off - f->size : 512);
    if (r < 0) return r;
    r = 0;
    while (done < len) {
        pos = off + done;
        if ((r = node_cluster(v, f, pos / clus_bytes(v), 1, &c))) break;
        lba = clus_lba(v, c) + pos % clus_bytes(v) / 512;
        chunk = 512 - pos % 512 < len - done ? 512 - pos % 512 : len - done;
        if (chunk == 512) {                         /* whole sectors bypass the cache */
            if (lba == v->buf_lba) {
                v->buf_lba = 0xFFFFFFFF;            /* the cached copy is now stale */
                v->buf_dirty = 0;
            }
            if (v->dev.write(v->dev.ctx, lba, (const fat_u8 *)buf + done)) {
                r = FAT_EIO;
                break;
            }
        } else if (!(b = load(v, lba, pos - pos % 512 < f->size))) {
            r = FAT_EIO;
            break;
        } else {
            memcpy(b + pos % 512, (const fat_u8 *)buf + done, chunk);
            v->buf_dirty = 1;
        }
        done += chunk;
        if (pos + chunk > f->size) f->size = pos + chunk;
    }
    u = update_entry(v, f);
    if (u) return u;
    return done || !r ? (int)done : r;     /* a short count means the disk is full */
}

int fat_truncate(struct fat_vol *v, struct fat_node *f, fat_u32 size) {
    fat_u32 keep = (size + clus_bytes(v) - 1) / clus_bytes(v), c = f->first, rest = 0;
    int r;
    if (v->broken) return FAT_ECORRUPT;
    if (f->attr & FAT_ATTR_DIR) return FAT_EISDIR;
    if (size >= f->size) return fat_write(v, f, size, "", 0);
    if (keep) {
        if ((r = node_cluster(v, f, keep - 1, 0, &c))) return r;
        if (!c) return corrupt(v);
        if ((r = next(v, c, &rest)) || (rest && (r = set_fat(v, c, 0x0FFFFFFF)))) return r;
    } else {
        rest = c;
        f->first = 0;
    }
    f->size = size;
    f->hint_cluster = 0;
    if ((r = update_entry(v, f))) return r;
    return free_chain(v, rest);
}

static int valid_name(const char *name, fat_u32 len) {
    fat_u32 i;
    if (len == 0 || len > 255 || name[len - 1] == '.' || name[len - 1] == ' ') return 0;
    for (i = 0; i < len; i++) {
        const char *bad = "\"*/:<>?\\|";
        while (*bad && *bad != name[i]) bad++;
        if (*bad || (fat_u8)name[i] < 0x20) return 0;
    }
    return 1;
}

/* Splits path into its directory (looked up into d) and its last name. */
static int split(struct fat_vol *v, const char *path, struct fat_node *d, const char **name, fat_u32 *len) {
    fat_u32 n = strlen(path), slash = 0, i;
    int r;
    for (i = 0; i < n; i++)
        if (path[i] == '/') slash = i + 1;
    *name = path + slash;
    *len = n - slash;
    if (v->broken) return FAT_ECORRUPT;
    if ((r = walk_path(v, path, slash, d))) return r;
    if (!(d->attr & FAT_ATTR_DIR)) return FAT_ENOTDIR;
    return valid_name(*name, *len) ? 0 : FAT_EINVAL;
}

int fat_create(struct fat_vol *v, const char *path, int is_dir, struct fat_node *n) {
    struct fat_node d;
    const char *name;
    fat_u32 len, i;
    fat_u8 *e;
    int r;
    if ((r = split(v, path, &d, &name, &len))) return r;
    if ((r = fat_lookup(v, path, n)) != FAT_ENOENT) return r ? r : FAT_EEXIST;
    memset(n, 0, sizeof(*n));
    n->attr = is_dir ? FAT_ATTR_DIR : 0x20;
    if (is_dir) {                       /* a new directory holds "." and ".." */
        for (i = 0; i < 2; i++) {
            if ((r = entry_at(v, n, i, 1, &e))) return r;
            memset(e, ' ', 11);
            memset(e + 11, 0, 21);
            e[0] = '.';
            e[1] = i ? '.' : ' ';
            fill_short(v, e, i ? &d : n);
            if (i && d.is_root) {
                wr16(e + 20, 0);
                wr16(e + 26, 0);
            }
            e[11] = FAT_ATTR_DIR;
        }
    }
    r = add_entry(v, &d, name, len, n);
    if (r && n->first) free_chain(v, n->first);
    return r;
}

int fat_remove(struct fat_vol *v, const char *path) {
    struct fat_node f, child;
    char name[FAT_NAME_BUF];
    fat_u32 pos = 0;
    int r;
    if (v->broken) return FAT_ECORRUPT;
    if ((r = fat_lookup(v, path, &f))) return r;
    if (f.is_root) return FAT_EINVAL;
    if ((f.attr & FAT_ATTR_DIR) && (r = fat_readdir(v, &f, &pos, name, &child)))
        return r < 0 ? r : FAT_ENOTEMPTY;
    if ((r = erase_entry(v, &f))) return r;
    return free_chain(v, f.first);
}

/* 1 if directory d is dir or lies under it: walks up through the ".." entries. */
static int inside(struct fat_vol *v, struct fat_node *d, fat_u32 dir) {
    struct fat_node up = *d;
    fat_u32 depth, c;
    fat_u8 *e;
    for (depth = 0; depth < 64 && !up.is_root; depth++) {
        if (up.first == dir || entry_at(v, &up, 1, 0, &e) || !e) return 1;
        c = rd16(e + 26) | (v->fat32 ? rd16(e + 20) << 16 : 0);
        root_node(v, &up);
        if (c) {                        /* 0 means the root */
            up.first = c;
            up.is_root = 0;
        }
    }
    return !up.is_root;
}

int fat_rename(struct fat_vol *v, const char *from, const char *to) {
    struct fat_node f, d, moved;
    const char *name;
    fat_u32 len;
    fat_u8 *e;
    int r;
    if ((r = fat_lookup(v, from, &f)) || (r = split(v, to, &d, &name, &len))) return r;
    if (f.is_root || ((f.attr & FAT_ATTR_DIR) && inside(v, &d, f.first))) return FAT_EINVAL;
    if ((r = fat_lookup(v, to, &moved)) != FAT_ENOENT) return r ? r : FAT_EEXIST;
    moved = f;
    if ((r = add_entry(v, &d, name, len, &moved)) || (r = erase_entry(v, &f))) return r;
    if ((f.attr & FAT_ATTR_DIR) && f.parent != d.first) {    /* repoint ".." */
        if ((r = entry_at(v, &moved, 1, 0, &e))) return r;
        if (!e) return corrupt(v);
        wr16(e + 20, d.is_root ? 0 : d.first >> 16);
        wr16(e + 26, d.is_root ? 0 : d.first);
        v->buf_dirty = 1;
    }
    return 0;
}

int fat_mount(struct fat_vol *v, const struct fat_dev *dev) {
    fat_u32 total, fatsz, rsv, c, x, per, s, i;
    fat_u8 *b;
    memset(v, 0, sizeof(*v));
    v->dev = *dev;
    v->buf_lba = 0xFFFFFFFF;
    v->stamp = (fat_u32)((46 << 9) | (1 << 5) | 1) << 16;    /* 2026-01-01 00:00 */
    if (!(b = load(v, 0, 1))) return FAT_EIO;
    total = rd16(b + 19) ? rd16(b + 19) : rd32(b + 32);
    fatsz = rd16(b + 22) ? rd16(b + 22) : rd32(b + 36);
    rsv = rd16(b + 14);
    v->sec_per_clus = b[13];
    v->nfats = b[16];
    v->root_entries = rd16(b + 17);
    v->fat_start = rsv;
    v->fat_sectors = fatsz;
    v->root_start = rsv + v->nfats * fatsz;
    v->data_start = v->root_start + (v->root_entries * 32 + 511) / 512;
    if (rd16(b + 510) != 0xAA55 || rd16(b + 11) != 512 || !v->sec_per_clus
        || (v->sec_per_clus & (v->sec_per_clus - 1)) || !rsv || v->nfats < 1 || v->nfats > 2
        || !fatsz || fatsz >= total / 2 || total > dev->sectors || v->data_start >= total)
        return corrupt(v);
    v->nclusters = (total - v->data_start) / v->sec_per_clus;
    v->fat32 = v->nclusters >= 65525;
    v->root_cluster = rd32(b + 44);
    v->fsinfo = rd16(b + 48);
    if (v->nclusters < 4085)
        return FAT_EINVAL;              /* FAT12 is not supported */
    if ((v->fat32 && (v->root_entries || rd16(b + 22) || !valid(v, v->root_cluster)))
        || (!v->fat32 && !v->root_entries)
        || fatsz < (v->nclusters + 2 + (v->fat32 ? 127 : 255)) / (v->fat32 ? 128 : 256))
        return corrupt(v);
    per = v->fat32 ? 128 : 256;                 /* count free clusters, a FAT sector at a time */
    for (s = 0, c = 0; c < v->nclusters + 2; s++) {
        if (!(b = load(v, v->fat_start + s, 1))) return FAT_EIO;
        for (i = 0; i < per && c < v->nclusters + 2; i++, c++) {
            x = v->fat32 ? rd32(b + 4 * i) & 0x0FFFFFFF : rd16(b + 2 * i);
            if (c >= 2 && x == 0 && !v->free_count++) v->next_free = c;
        }
    }
    if (!v->free_count) v->next_free = 2;
    return 0;
}

/* Writes the cached sector and, on FAT32, the free count into FSInfo. */
int fat_sync(struct fat_vol *v) {
    fat_u8 *b;
    if (v->fat32 && !v->broken && v->fsinfo && v->fsinfo < v->fat_start) {
        if (!(b = load(v, v->fsinfo, 1))) return FAT_EIO;
        if (rd32(b) == 0x41615252 && rd32(b + 484) == 0x61417272) {
            wr32(b + 488, v->free_count);
            wr32(b + 492, v->next_free);
            v->buf_dirty = 1;
        }
    }
    return flush(v);
}

/* Marks f's clusters in the bitmap; a cluster seen twice is a cross-link or a loop. */
static int mark_chain(struct fat_vol *v, fat_u8 *bitmap, struct fat_node *f) {
    fat_u32 c = f->first, count = 0, k;
    int r;
    while (c) {
        k = c - 2;
        if (bitmap[k / 8] & (1 << k % 8)) return corrupt(v);
        bitmap[k / 8] |= 1 << k % 8;
        count++;
        if ((r = next(v, c, &c))) return r;
    }
    if ((f->attr & FAT_ATTR_DIR) ? !count : count != (f->size + clus_bytes(v) - 1) / clus_bytes(v))
        return corrupt(v);
    return 0;
}

static int check_dir(struct fat_vol *v, fat_u8 *bitmap, struct fat_node *d, int depth) {
    struct fat_node n;
    char name[FAT_NAME_BUF];
    fat_u32 pos = 0;
    int r;
    while ((r = fat_readdir(v, d, &pos, name, &n)) > 0) {
        if ((r = mark_chain(v, bitmap, &n))) return r;
        if ((n.attr & FAT_ATTR_DIR) && (depth > 32 || (r = check_dir(v, bitmap, &n, depth + 1))))
            return depth > 32 ? corrupt(v) : r;
    }
    return r;
}

/* Walks the whole tree: every chain valid, no cluster used twice, sizes match. */
int fat_check(struct fat_vol *v, fat_u8 *bitmap) {
    struct fat_node root;
    int r;
    memset(bitmap, 0, v->nclusters / 8 + 1);
    root_node(v, &root);
    if (v->fat32 && (r = mark_chain(v, bitmap, &root))) return r;
    return check_dir(v, bitmap, &root, 0);
}
