/* meter_layout.h - where the meters go in the header, htop's way: two columns, the CPU
 * bars split between them (several to a row when there are many cores or few lines),
 * Mem and Swp under the left ones, Tasks, Load average and Uptime under the right ones;
 * and btop's history graphs below them when there is room. Pure arithmetic: no curses. */
#ifndef FORKTOP_METER_LAYOUT_H
#define FORKTOP_METER_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

struct meter_layout {
	int rows;		/* header lines in all (meters and graphs); 1: the one-line
				 * header of a tiny terminal */
	bool meters;		/* false: the one-line header only */
	int col_width;		/* each column's width; the right one starts at col_width + 1 */
	int cpus_per_row;	/* CPU bars side by side in one column */
	int cpus_left;		/* cores in the left column (the rest go right) */
	int cpu_rows;		/* lines of CPU bars in the taller column */
	bool compact;		/* Load average and Uptime share one line */
	int graph_rows;		/* lines of each history graph, 0: none */
};

/* The layout for ncpus cores on a width x height terminal. */
void meter_layout(struct meter_layout *ml, size_t ncpus, int width, int height);

#endif
