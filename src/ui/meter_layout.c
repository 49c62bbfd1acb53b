/* meter_layout.c - the header's shape from the terminal's size and the core count. */
#include "meter_layout.h"

/* A CPU bar narrower than this (label, brackets, a few bars and "100.0%") says little. */
#define MIN_CPU_CELL 14

static int div_up(int a, int b)
{
	return (a + b - 1) / b;
}

void meter_layout(struct meter_layout *ml, size_t ncpus, int width, int height)
{
	*ml = (struct meter_layout){ .rows = 1, .cpus_per_row = 1 };
	/* Below 16 lines the tree needs every line: one header line, as before meters. */
	if (height < 16 || width < 40)
		return;
	int n = ncpus > 0 ? (int)(ncpus > 4096 ? 4096 : ncpus) : 1;
	ml->meters = true;
	ml->col_width = (width - 1) / 2;
	ml->compact = height < 30;
	ml->cpus_left = div_up(n, 2);
	/* The header takes at most a third of a tall screen, a sixth of a short one. */
	int budget = height >= 30 ? height / 3 : height / 6;
	int below_left = 2, below_right = ml->compact ? 2 : 3;
	int below = below_left > below_right ? below_left : below_right;
	for (;;) {
		ml->cpu_rows = div_up(ml->cpus_left, ml->cpus_per_row);
		int next = ml->cpus_per_row + 1;
		int cell = (ml->col_width - (next - 1)) / next;
		if (ml->cpu_rows + below <= budget || cell < MIN_CPU_CELL ||
		    ml->cpus_per_row >= ml->cpus_left)
			break;
		ml->cpus_per_row = next;
	}
	int left = ml->cpu_rows + below_left;
	int right = div_up(n - ml->cpus_left, ml->cpus_per_row) + below_right;
	ml->rows = left > right ? left : right;
	ml->graph_rows = height >= 36 ? 2 : height >= 28 ? 1 : 0;
	ml->rows += ml->graph_rows;
}
