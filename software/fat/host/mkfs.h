#ifndef MKFS_H
#define MKFS_H
#include <stdio.h>
/* Formats the first `total` 512-byte sectors of f; -1 if no valid layout fits. */
int fat_mkfs(FILE *f, unsigned total, int fat32);
#endif
