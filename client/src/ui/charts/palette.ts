/** Colours with at least 3:1 contrast on white (WCAG 1.4.11), told apart by the legend's words too. */
export const SERIES_COLOURS = ['#1d4f91', '#a6231b', '#1e6b34', '#6b5300', '#5b2a86', '#005f73'];
