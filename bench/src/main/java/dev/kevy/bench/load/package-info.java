/**
 * The latency load generator ({@link dev.kevy.bench.load.LoadGenerator}), the do-nothing server
 * that measures it ({@link dev.kevy.bench.load.NullServer}) and the percentile plotter
 * ({@link dev.kevy.bench.load.PercentilePlot}). See docs/LATENCY-HARNESS.md.
 */
package dev.kevy.bench.load;
