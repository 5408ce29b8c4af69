#pragma once
static int once_defined_here;
#define ONCE_VALUE 42
